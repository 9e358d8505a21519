"""How alike two roles are, on concepts rather than spellings, and why. Plain data only.

A score combines three kinds of evidence, each weighed by how much there is of it:

- **What the roles list.** Per aspect both roles have, the overlap of the concepts their
  items name (an item naming no concept stands for itself): each concept on either side
  counts by how near the other role comes to it (1 for the same concept, 0.5 for a broader
  or narrower one, 0 otherwise), so the overlap runs from 0 to 1. Editorial items count
  half. Aspects are weighed by how much they say about the job (`ASPECT_WEIGHTS`), and the
  content score is their weighted mean.
- **The dimensions** market, method, horizon and orientation: the share of values the two
  share (a role under any method half-fits a given one); editorial values count half.
- **What the articles say about the pair**, where a curated comparison says it: comparable
  (`RELATION_VALUE` 0.9), complementary (0.55) or distinct (0.15).

The score is the weighted mean of the three and of `MIDDLE`, a prior with weight 1. The
content's weight grows with the evidence (the smaller side's items over the compared
aspects): `CONTENT_WEIGHT * e / (e + EVIDENCE_HALF)`, so a role with four skills is pulled
toward the middle instead of scoring high on little; the dimensions weigh in proportion to
how many both roles state. Confidence is high from `HIGH_EVIDENCE` items, or when the
articles judge the pair; low under `LOW_EVIDENCE`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from pmroles.answers.compare import stands_for
from pmroles.concepts import Vocabulary
from pmroles.model import (
    ASPECT_BY_KEY,
    Catalogue,
    Comparison,
    Method,
    Relation,
    Role,
)

ASPECT_WEIGHTS: Mapping[str, float] = {
    "focus": 2.0,
    "skills": 2.0,
    "responsibilities": 2.0,
    "owns": 2.0,
    "goals": 1.5,
    "day_to_day": 1.5,
    "supports": 1.0,
    "outcomes": 1.0,
    "tools": 1.0,
    "background": 1.0,
    "interactions": 1.0,
    "strategic_influence": 1.0,
    "challenges": 0.5,
    "advantages": 0.5,
    "disadvantages": 0.5,
    "collaboration": 0.5,
    "product_cycle_impact": 0.5,
    "market_adaptability": 0.5,
    "career_path": 0.5,
}
"""How much an aspect's overlap says about two jobs being alike: what a role does and
knows weighs more than what it finds hard or where it goes next."""
DIMENSIONS = ("market", "method", "horizon", "orientation")
RELATION_VALUE: Mapping[Relation, float] = {
    Relation.COMPARABLE: 0.9,
    Relation.COMPLEMENTARY: 0.55,
    Relation.DISTINCT: 0.15,
}
CONTENT_WEIGHT = 4.0
DIMENSION_WEIGHT = 1.0
RELATION_WEIGHT = 4.0
PRIOR_WEIGHT = 1.0
MIDDLE = 0.3
"""Where a pair with no evidence sits: about the score of two product roles the articles
do not compare."""
EVIDENCE_HALF = 12.0
"""With this many items of evidence, the content weighs half its full weight."""
LOW_EVIDENCE = 10.0
HIGH_EVIDENCE = 30.0
EDITORIAL_WEIGHT = 0.5
REASONS = 3
"""How many reasons a score shows, besides the articles' judgement."""


class Link(NamedTuple):
    """One concept (or item) of one role met in the other: which words matched which."""

    concept: str
    """A concept id; an item naming no concept stands for itself, as its text."""
    label: str
    """The concept's label, or the item's text."""
    other: str
    """What it met on the other side: the same, a broader or a narrower concept's label."""
    nearness: float


class Reason(NamedTuple):
    """One thing that moves a score, with how far (in score points, signed)."""

    kind: str
    """'articles', 'shared', 'dimension' or 'evidence'."""
    effect: float
    aspect: str | None = None
    """The aspect key, for 'shared' and 'dimension'."""
    links: tuple[Link, ...] = ()
    """For 'shared': what met, best first."""
    values: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """For 'dimension': each role's values."""
    relation: Relation | None = None
    """For 'articles'."""
    comparison: str | None = None
    """For 'articles': the curated comparison's id."""
    evidence: float = 0.0
    """For 'evidence': how many items the score rests on."""


class Overlap(NamedTuple):
    """How alike two roles are on one aspect."""

    value: float
    links: tuple[Link, ...]
    """The concepts of the first role met in the second, best first."""
    evidence: float
    """The smaller side's weighted count of concepts."""


class Score(NamedTuple):
    value: float
    """0 (nothing alike) to 1."""
    content: float | None
    """The weighted overlap of what the roles list; None when they share no aspect."""
    dimensions: float | None
    relation: Relation | None
    evidence: float
    confidence: str
    """'low', 'medium' or 'high'."""
    reasons: tuple[Reason, ...]
    """The articles' judgement first, then the strongest other reasons."""
    overlaps: Mapping[str, Overlap]
    """Per aspect both roles list."""


Units = dict[str, tuple[float, str]]
"""Concept id (or '~' + item key) -> (weight, label)."""


def units(role: Role, key: str, vocabulary: Vocabulary) -> Units:
    """What a role's items in one aspect stand for: their concepts, or themselves."""
    found: Units = {}
    aspect = ASPECT_BY_KEY[key]
    concepts = role.concepts.get(key, {})
    for item in role.get(key):
        weight = EDITORIAL_WEIGHT if role.is_editorial(key, item) else 1.0
        for unit in stands_for(role, aspect, item):
            label = vocabulary.label(unit) if item in concepts else item
            if unit not in found or found[unit][0] < weight:
                found[unit] = (weight, label)
    return found


def _best(unit: str, others: Units, vocabulary: Vocabulary) -> tuple[float, str]:
    if unit in others:
        return 1.0, others[unit][1]
    if unit.startswith("~"):
        return 0.0, ""
    best, label = 0.0, ""
    for other, (_, other_label) in others.items():
        if not other.startswith("~"):
            near = vocabulary.nearness(unit, other)
            if near > best:
                best, label = near, other_label
    return best, label


def overlap(one: Units, other: Units, vocabulary: Vocabulary) -> Overlap:
    total = matched = 0.0
    links: list[Link] = []
    for unit, (weight, label) in one.items():
        near, met = _best(unit, other, vocabulary)
        total += weight
        matched += weight * near
        if near:
            links.append(Link(unit, label, met, near))
    for unit, (weight, _) in other.items():
        total += weight
        matched += weight * _best(unit, one, vocabulary)[0]
    links.sort(key=lambda link: -link.nearness)
    evidence = min(sum(w for w, _ in one.values()), sum(w for w, _ in other.values()))
    return Overlap(matched / total if total else 0.0, tuple(links), evidence)


def dimension(one: Role, other: Role, key: str) -> tuple[float, float] | None:
    """(share of values in common, weight) for one dimension both roles state."""
    mine, theirs = set(one.get(key)), set(other.get(key))
    if not mine or not theirs:
        return None
    if key == "method" and (Method.ANY.value in mine) != (Method.ANY.value in theirs):
        value = 0.5  # one works under any method: it half-fits the other's
    else:
        value = len(mine & theirs) / len(mine | theirs)
    editorial = any(one.is_editorial(key, v) for v in mine) or any(
        other.is_editorial(key, v) for v in theirs
    )
    return value, EDITORIAL_WEIGHT if editorial else 1.0


def note_for(catalogue: Catalogue, one: Role, other: Role) -> Comparison | None:
    """The curated comparison of the pair that states a relation, if any."""
    pair = {one.id, other.id}
    for note in catalogue.comparisons.values():
        if set(note.roles) == pair and note.relation is not None:
            return note
    return None


def score(
    catalogue: Catalogue,
    one: Role,
    other: Role,
    vocabulary: Vocabulary,
    keys: Iterable[str] | None = None,
) -> Score:
    """How alike `one` and `other` are, with the reasons (see the module's text)."""
    keys = None if keys is None else list(keys)
    overlaps: dict[str, Overlap] = {}
    for key in ASPECT_WEIGHTS if keys is None else [k for k in keys if k in ASPECT_WEIGHTS]:
        if one.has(key) and other.has(key):
            overlaps[key] = overlap(
                units(one, key, vocabulary), units(other, key, vocabulary), vocabulary
            )
    evidence = sum(o.evidence for o in overlaps.values())
    weights = {key: ASPECT_WEIGHTS[key] for key in overlaps}
    content = (
        sum(weights[k] * o.value for k, o in overlaps.items()) / sum(weights.values())
        if overlaps
        else None
    )
    chosen = DIMENSIONS if keys is None else [k for k in DIMENSIONS if k in keys]
    dimensions = {k: d for k in chosen if (d := dimension(one, other, k)) is not None}
    dimension_weight = sum(w for _, w in dimensions.values())
    dimension_score = (
        sum(v * w for v, w in dimensions.values()) / dimension_weight if dimensions else None
    )
    note = note_for(catalogue, one, other)
    relation = note.relation if note is not None else None

    content_weight = CONTENT_WEIGHT * evidence / (evidence + EVIDENCE_HALF) if overlaps else 0.0
    dim_weight = DIMENSION_WEIGHT * dimension_weight / len(DIMENSIONS)
    relation_weight = RELATION_WEIGHT if relation is not None else 0.0
    total = content_weight + dim_weight + relation_weight + PRIOR_WEIGHT
    value = (
        content_weight * (content or 0.0)
        + dim_weight * (dimension_score or 0.0)
        + relation_weight * (RELATION_VALUE[relation] if relation is not None else 0.0)
        + PRIOR_WEIGHT * MIDDLE
    ) / total

    # Each reason's effect, in score points: what an aspect the roles share something on
    # adds to the score, or, for one they share nothing on, what a middling overlap would
    # have added (what they lack, as a negative), so for and against compare on one scale.
    reasons: list[Reason] = []
    if content_weight:
        share = content_weight / sum(weights.values())
        for key, found in overlaps.items():
            effect = share * weights[key] * (found.value or -MIDDLE) / total
            reasons.append(Reason("shared", effect, key, found.links))
    for key, (found_value, weight) in dimensions.items():
        effect = DIMENSION_WEIGHT * weight / len(DIMENSIONS) * (found_value or -MIDDLE) / total
        reasons.append(Reason("dimension", effect, key, values=(one.get(key), other.get(key))))
    reasons = _strongest(reasons)
    if relation is not None and note is not None:
        effect = relation_weight * (RELATION_VALUE[relation] - MIDDLE) / total
        reasons.insert(0, Reason("articles", effect, relation=relation, comparison=note.id))
    if evidence < LOW_EVIDENCE and total > PRIOR_WEIGHT:
        # How far the prior moved the score: little evidence leaves it near the middle.
        unpulled = (value * total - PRIOR_WEIGHT * MIDDLE) / (total - PRIOR_WEIGHT)
        reasons.append(Reason("evidence", value - unpulled, evidence=evidence))
    if evidence >= HIGH_EVIDENCE or relation is not None:
        confidence = "high"
    elif evidence >= LOW_EVIDENCE:
        confidence = "medium"
    else:
        confidence = "low"
    return Score(
        value,
        content,
        dimension_score,
        relation,
        evidence,
        confidence,
        tuple(reasons),
        overlaps,
    )


def _strongest(reasons: list[Reason]) -> list[Reason]:
    """The REASONS that move the score most, with the strongest for and the strongest
    against among them where there are both: a score explained only by what the roles lack
    hides what they share. Those raising the score come first."""
    ranked = sorted(reasons, key=lambda reason: -abs(reason.effect))
    chosen = [
        found
        for found in (
            next((r for r in ranked if r.effect > 0), None),
            next((r for r in ranked if r.effect < 0), None),
        )
        if found is not None
    ]
    chosen += [r for r in ranked if r not in chosen][: max(0, REASONS - len(chosen))]
    return sorted(chosen[:REASONS], key=lambda reason: -reason.effect)


def pairwise(scores: Sequence[Score]) -> float | None:
    """The mean of several pairs' scores (`compare` of three or more roles)."""
    return sum(s.value for s in scores) / len(scores) if scores else None
