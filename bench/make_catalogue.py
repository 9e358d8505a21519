"""Write a synthetic pmroles catalogue of N roles, for the scale rows of the benchmark.

    python bench/make_catalogue.py 10000 > big.yaml

Deterministic (seeded), every value quoted text, stakeholders shared the way real ones are.
Standard library only.
"""

from __future__ import annotations

import random
import sys

WORDS = (
    "market",
    "analysis",
    "roadmap",
    "pricing",
    "backlog",
    "delivery",
    "customer",
    "feedback",
    "research",
    "strategy",
    "vision",
    "requirements",
    "discovery",
    "onboarding",
    "retention",
    "growth",
    "platform",
    "api",
    "security",
    "compliance",
    "analytics",
    "experiments",
    "budget",
    "forecast",
    "partner",
    "channel",
    "launch",
    "messaging",
    "architecture",
    "quality",
    "reliability",
    "scaling",
    "migration",
    "support",
    "training",
    "hiring",
)
ASPECTS = ("focus", "skills", "goals", "challenges", "outcomes", "tools", "responsibilities")
STAKEHOLDERS = 40


def phrase(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, rng.randint(2, 5)))


def write(count: int, out: object) -> None:
    rng = random.Random(20261122)
    lines = ["stakeholders:"]
    for s in range(STAKEHOLDERS):
        lines += [f"  s{s:02d}:", f"    name: 'Stakeholder group {s:02d}'"]
    lines.append("roles:")
    for r in range(count):
        lines += [
            f"  r{r:05d}:",
            f"    name: 'Synthetic role {r:05d}'",
            f"    aliases: ['synthetic {r:05d}']",
            f"    summary: '{phrase(rng).capitalize()} for synthetic role {r:05d}.'",
        ]
        for aspect in ASPECTS:
            lines.append(f"    {aspect}:")
            items = dict.fromkeys(phrase(rng) for _ in range(rng.randint(3, 6)))
            lines += [f"      - '{item}'" for item in items]
        lines.append("    interactions:")
        lines += [f"      - s{s:02d}" for s in sorted(rng.sample(range(STAKEHOLDERS), 4))]
        lines.append(f"    horizon: [{rng.choice(['short', 'medium', 'long'])}]")
    out.write("\n".join(lines) + "\n")  # type: ignore[attr-defined]


if __name__ == "__main__":
    write(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.stdout)
