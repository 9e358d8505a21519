"""What the catalogue knows, per aspect: the concepts and values its roles use, and how many
roles use each (`pmroles values`). Plain data only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from pmroles.concepts import LINKED_ASPECTS, Vocabulary, vocabulary_of
from pmroles.errors import UsageProblem
from pmroles.matching import ClosedSet, closed_value, unknown_value
from pmroles.model import ASPECTS, RESPONSIBILITY_AREAS, Aspect, AspectKind, Catalogue

CONCEPTS = "concepts"
"""The name that lists the whole vocabulary rather than one aspect."""

OPTION_ASPECTS = ("skills", "tools", "background", "interactions", "horizon", "method", "market")
"""The aspects `list` and `match` take values for, first in the overview."""


class Value(NamedTuple):
    """One concept or value an aspect uses."""

    id: str
    """A concept id, a choice or stakeholder id, or an item's text when it names no concept."""
    label: str
    kind: str
    """'concept', 'value' (a fixed choice or a stakeholder) or 'item' (names no concept)."""
    roles: tuple[str, ...]
    """The ids of the roles that use it, in catalogue order."""
    words: tuple[str, ...] = ()
    """For a concept: the other words people use for it."""
    broader: str | None = None


class AspectValues(NamedTuple):
    aspect: Aspect | None
    """None for the whole vocabulary."""
    values: tuple[Value, ...]
    """Most used first, then by label."""


def aspect_names() -> ClosedSet:
    """The names `values` takes: every aspect's key and label, the options' names for
    them (skill, tool, stakeholder), and `concepts`."""
    names: dict[str, tuple[str, ...]] = {a.key: (a.label,) for a in ASPECTS}
    names["interactions"] = ("Interactions", "stakeholders", "stakeholder")
    names[CONCEPTS] = ("vocabulary",)
    return names


def resolve(typed: str) -> str:
    """The aspect key (or CONCEPTS) `typed` names; a usage error otherwise."""
    found = closed_value(typed, aspect_names())
    if found is None or found == "summary":
        names = {k: v for k, v in aspect_names().items() if k != "summary"}
        raise UsageProblem(unknown_value("aspect", typed, names), "ASPECT")
    return found


def values_of(catalogue: Catalogue, key: str) -> AspectValues:
    """Every concept or value the roles use in one aspect (or, for CONCEPTS, every concept
    of the vocabulary with the roles whose items name it anywhere)."""
    vocabulary = vocabulary_of(catalogue)
    if key == CONCEPTS:
        users: dict[str, list[str]] = {c: [] for c in catalogue.concepts}
        for role in catalogue.roles.values():
            named = {c for items in role.concepts.values() for ids in items.values() for c in ids}
            for concept in named:
                users.setdefault(concept, []).append(role.id)
        found = [_concept(vocabulary, c, users[c]) for c in catalogue.concepts]
        return AspectValues(None, _ranked(found))
    aspect = next(a for a in ASPECTS if a.key == key)
    used: dict[tuple[str, str], list[str]] = {}
    for role in catalogue.roles.values():
        for item in role.get(key):
            concepts = role.item_concepts(key, item) if key in LINKED_ASPECTS else ()
            if concepts:
                marks = [("concept", c) for c in concepts]
            elif aspect.kind in (AspectKind.CHOICES, AspectKind.STAKEHOLDERS):
                marks = [("value", item)]
            else:
                marks = [("item", item)]
            for mark in marks:
                holders = used.setdefault(mark, [])
                if role.id not in holders:
                    holders.append(role.id)
    names = {
        **dict(RESPONSIBILITY_AREAS),
        **{s.id: s.name for s in catalogue.stakeholders.values()},
    }
    values = []
    for (kind, ident), roles in used.items():
        if kind == "concept":
            values.append(_concept(vocabulary, ident, roles))
        else:
            values.append(Value(ident, names.get(ident, ident), kind, tuple(roles)))
    return AspectValues(aspect, _ranked(values))


def overview(catalogue: Catalogue) -> list[AspectValues]:
    """Every aspect with values (the ones `list` and `match` take first), then the
    vocabulary as a whole."""
    order = [*OPTION_ASPECTS, *(a.key for a in ASPECTS if a.key not in OPTION_ASPECTS)]
    found = [values_of(catalogue, key) for key in order if key != "summary"]
    if catalogue.concepts:
        found.append(values_of(catalogue, CONCEPTS))
    return [entry for entry in found if entry.values]


def _concept(vocabulary: Vocabulary, ident: str, roles: Sequence[str]) -> Value:
    concept = vocabulary.concepts.get(ident)
    if concept is None:
        return Value(ident, ident, "concept", tuple(roles))
    return Value(ident, concept.label, "concept", tuple(roles), concept.words, concept.broader)


def _ranked(values: list[Value]) -> tuple[Value, ...]:
    return tuple(sorted(values, key=lambda v: (-len(v.roles), v.label.casefold(), v.id)))
