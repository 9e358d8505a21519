"""Time how long pmroles takes to reject a catalogue full of misspelt references.

    python bench/misspelt.py [--count 10000] [--runs 3]

The file of the reliability report's F9: COUNT roles `role-number-I` and COUNT more whose
`extends:` names `role-numbr-I`, so every one of them is an error with a "did you mean"
search behind it; and the warning variant, COUNT stakeholders and COUNT roles whose
`interactions` name a misspelt one. Each row is the median wall time of whole
`pmroles validate FILE` processes, which print one line per problem (`list` would spend
its time drawing a table of 10,000 roles for the valid warning file). It checks that every
reference is reported, and prints the figures against the target: seconds, not the minutes
a quadratic "did you mean" took. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import program  # bench/bench.py: run as a script, this folder is on sys.path

TARGET_S = 5.0


def misspelt_extends(count: int) -> str:
    children = "".join(
        f"  child-{i}:\n    extends: role-numbr-{i}\n    name: Child {i}\n" for i in range(count)
    )
    parents = "".join(f"  role-number-{i}:\n    name: Role number {i}\n" for i in range(count))
    return f"roles:\n{children}{parents}"


def misspelt_interactions(count: int) -> str:
    stakeholders = "".join(f"  s-number-{i}:\n    name: Group {i}\n" for i in range(count))
    roles = "".join(
        f"  x{i}:\n    name: X {i}\n    interactions: [s-numbr-{i}]\n" for i in range(count)
    )
    return f"stakeholders:\n{stakeholders}roles:\n{roles}"


def run(command: list[str], env: dict[str, str], expect: int, lines: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != expect:
        sys.exit(f"bench: {' '.join(command)} exited {done.returncode}, not {expect}")
    reported = len([line for line in done.stdout.splitlines() if "numbr-" in line])
    if reported != lines:
        sys.exit(f"bench: {reported} of {lines} misspelt references reported")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pmroles = program()
    work = Path(tempfile.mkdtemp(prefix="pmroles-bench-"))
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(work / "cache"),
        "XDG_CONFIG_HOME": str(work / "config"),
    }
    env.pop("PMROLES_CATALOGUE", None)
    rows = {
        f"{args.count:,} misspelt extends (errors)": (misspelt_extends(args.count), 1),
        f"{args.count:,} misspelt interactions (warnings)": (
            misspelt_interactions(args.count),
            0,
        ),
    }
    print(f"pmroles 'did you mean' benchmark, median of {args.runs} runs\n")
    print(f"{'row':44} {'size':>8} {'median':>8} {'target':>7}  ok")
    verdicts = []
    try:
        for number, (name, (text, expect)) in enumerate(rows.items()):
            path = work / f"misspelt-{number}.yaml"
            path.write_text(text, encoding="utf-8")
            command = [*pmroles, "validate", str(path)]
            seconds = statistics.median(
                run(command, env, expect, args.count) for _ in range(args.runs)
            )
            ok = seconds <= TARGET_S
            verdicts.append(ok)
            size = f"{len(text.encode()) // 1024:,}KB"
            verdict = "yes" if ok else "NO"
            print(f"{name:44} {size:>8} {seconds:>7.2f}s {TARGET_S:>6.0f}s  {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if all(verdicts) else 1)


if __name__ == "__main__":
    main()
