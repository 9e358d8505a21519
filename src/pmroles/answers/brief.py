"""A role brief: what a job description for one role starts from. Plain data only.

The brief gathers, for one role: its summary and focus; what it does (responsibilities, the
areas it is accountable for and contributes to, its day to day) and what success looks like
(outcomes, goals); the skills, background and tools it asks for; the groups it works with and
what each needs from product roles; and how it differs from the roles the articles compare
it with, nearest first by similarity. Every item keeps the ids of its sources and says
whether it is editorial (pmroles' own summary of common practice), so each view can footnote
and mark it. Items are the catalogue's text as typed: areas and stakeholders by id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from pmroles.model import EDITORIAL, Catalogue, Comparison, Role

if TYPE_CHECKING:
    from pmroles.answers.similarity import Score

ABOUT = ("focus",)
"""What the role is about, beside its summary."""
WORK = ("responsibilities", "owns", "supports", "day_to_day")
"""What the role does."""
SUCCESS = ("outcomes", "goals")
"""What the role answers for."""
NEEDS = ("skills", "background", "tools")
"""What the role asks of the person in it."""
GLANCE = ("horizon", "method", "market", "orientation")
"""The dimensions articles contrast roles on."""
SECTIONS = (*ABOUT, *WORK, *SUCCESS, *NEEDS, *GLANCE)
"""Every list aspect a brief holds, in the order it is written."""


class Cited(NamedTuple):
    """One item of the brief and the sources behind it."""

    text: str
    """As the catalogue holds it (an area or a stakeholder by id)."""
    sources: tuple[str, ...]
    editorial: bool
    """Its only source is pmroles' editorial summary, not an article."""


class Group(NamedTuple):
    """A group the role works with, and what the group needs from product roles."""

    id: str
    name: str
    """The stakeholder's name; its id where no catalogue defines it."""
    sources: tuple[str, ...]
    """The sources that say the role works with this group."""
    editorial: bool
    needs: tuple[Cited, ...]


class Contrast(NamedTuple):
    """A role the articles compare this one with, what they say, and how alike the two are."""

    other: Role
    comparison: Comparison
    score: Score


class Brief(NamedTuple):
    role: Role
    summary: Cited | None
    sections: Mapping[str, tuple[Cited, ...]]
    """Aspect key -> its items, for every key of SECTIONS (empty when the role has none)."""
    groups: tuple[Group, ...]
    """The stakeholders the role names, in its order."""
    nearest: tuple[Contrast, ...]
    """The roles the curated comparisons set beside this one, most alike first."""
    disputes: Mapping[str, tuple[Mapping[str, str], ...]]
    """Aspect key -> where the articles disagree on it (source id -> that source's view),
    for the summary and the aspects of SECTIONS."""


def _cited(role: Role, key: str, item: str) -> Cited:
    sources = role.item_sources(key, item)
    return Cited(item, sources, sources == (EDITORIAL,))


def brief(catalogue: Catalogue, role: Role) -> Brief:
    """The brief of `role`, from the layered `catalogue`."""
    summary = None if role.summary is None else _cited(role, "summary", role.summary)
    sections = {key: tuple(_cited(role, key, item) for item in role.get(key)) for key in SECTIONS}
    groups: list[Group] = []
    for stakeholder_id in role.get("interactions"):
        found = catalogue.stakeholders.get(stakeholder_id)
        via = _cited(role, "interactions", stakeholder_id)
        needs: tuple[Cited, ...] = ()
        if found is not None:
            needs = tuple(
                Cited(need, found.need_sources(need), found.is_editorial(need))
                for need in found.needs
            )
        name = found.name if found is not None else stakeholder_id
        groups.append(Group(stakeholder_id, name, via.sources, via.editorial, needs))
    disputes = {key: role.disputes[key] for key in ("summary", *SECTIONS) if role.disputes.get(key)}
    return Brief(role, summary, sections, tuple(groups), nearest(catalogue, role), disputes)


def compared_with(catalogue: Catalogue, role: Role) -> list[tuple[Comparison, Role]]:
    """The curated comparisons of `role` with another role the catalogue defines, each with
    that other role, in the catalogue's order."""
    found: list[tuple[Comparison, Role]] = []
    for note in catalogue.comparisons.values():
        others = [r for r in note.roles if r != role.id]
        if role.id in note.roles and others and others[0] in catalogue.roles:
            found.append((note, catalogue.roles[others[0]]))
    return found


def nearest(catalogue: Catalogue, role: Role) -> tuple[Contrast, ...]:
    """The roles a curated comparison sets beside `role`, most alike first (ties by the
    other role's name), each with what the articles say about the two."""
    from pmroles.answers import similarity
    from pmroles.concepts import vocabulary_of

    notes = compared_with(catalogue, role)
    if not notes:
        return ()
    vocabulary = vocabulary_of(catalogue)
    found = [
        Contrast(other, note, similarity.score(catalogue, role, other, vocabulary))
        for note, other in notes
    ]
    found.sort(key=lambda c: (-round(c.score.value, 6), c.other.name, c.comparison.id))
    return tuple(found)
