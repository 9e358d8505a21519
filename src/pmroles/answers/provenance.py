"""Where each role's items come from: how many each article backs, how many are editorial.
Plain data only.

An item is one entry of one aspect of a role (a role's summary is one item; an interaction,
a horizon or an area it owns is one item each). An item backed by two articles counts once
under each, so a role's counts by article may add up to more than its items. An item is
editorial when its only source is `editorial` (pmroles' own summary of common practice, what
`--sourced-only` leaves out); an item with no source at all (a company's own roles need not
cite any) is unsourced. Stakeholders' needs are counted the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from pmroles.model import EDITORIAL, Catalogue, Role, Stakeholder


class Counts(NamedTuple):
    """How many of one role's items (or one stakeholder's needs) each source backs."""

    id: str
    """The role's or the stakeholder's id."""
    name: str
    items: int
    """Every item (for a stakeholder, every need)."""
    by_source: Mapping[str, int]
    """Article source id -> the items it backs (never 0), in the catalogue's source order;
    `editorial` is never a key here (see `editorial`)."""
    editorial: int
    """Items whose only source is `editorial`."""
    unsourced: int
    """Items that cite no source at all."""


class Provenance(NamedTuple):
    """The counts of every role (or the one asked about) and of every stakeholder."""

    roles: tuple[Counts, ...]
    """In catalogue order."""
    stakeholders: tuple[Counts, ...]
    """In catalogue order; empty when one role was asked about."""
    sources: tuple[str, ...]
    """The article source ids any role's count names, in the catalogue's source order (then
    any the catalogue does not define, as met): the columns of a table of `roles`."""
    cited: tuple[str, ...]
    """Every source id the counts name, `editorial` included when any item is editorial, in
    the catalogue's source order: the sources a reader may want the citations of."""


def _count(ident: str, name: str, items: Iterable[tuple[str, ...]]) -> Counts:
    """The counts of the items whose source ids are `items`, one tuple per item."""
    total = editorial = unsourced = 0
    found: dict[str, int] = {}
    for sources in items:
        total += 1
        ids = tuple(dict.fromkeys(sources))  # a source named twice backs the item once
        if not ids:
            unsourced += 1
        elif ids == (EDITORIAL,):
            editorial += 1
        for source in ids:
            if source != EDITORIAL:
                found[source] = found.get(source, 0) + 1
    return Counts(ident, name, total, found, editorial, unsourced)


def role_counts(role: Role) -> Counts:
    """How many of `role`'s items each source backs, over every aspect it has."""
    items = (
        role.item_sources(aspect.key, item)
        for aspect in role.aspects()
        for item in role.get(aspect.key)
    )
    return _count(role.id, role.name, items)


def stakeholder_counts(stakeholder: Stakeholder) -> Counts:
    """How many of `stakeholder`'s needs each source backs."""
    items = (stakeholder.need_sources(need) for need in stakeholder.needs)
    return _count(stakeholder.id, stakeholder.name, items)


def _in_order(catalogue: Catalogue, counts: Iterable[Counts]) -> list[Counts]:
    """`counts` with each `by_source` in the catalogue's source order."""
    order = {source: index for index, source in enumerate(catalogue.sources)}
    last = len(order)
    return [
        c._replace(
            by_source=dict(sorted(c.by_source.items(), key=lambda pair: order.get(pair[0], last)))
        )
        for c in counts
    ]


def provenance(catalogue: Catalogue, role: Role | None = None) -> Provenance:
    """The counts of `role`, or of every role and every stakeholder when `role` is None."""
    roles = _in_order(
        catalogue,
        [role_counts(role)] if role is not None else map(role_counts, catalogue.roles.values()),
    )
    stakeholders = (
        []
        if role is not None
        else _in_order(catalogue, map(stakeholder_counts, catalogue.stakeholders.values()))
    )
    named = dict.fromkeys(source for counts in roles for source in counts.by_source)
    order = list(catalogue.sources)
    sources = [s for s in order if s in named] + [s for s in named if s not in order]
    everything = [*roles, *stakeholders]
    mentioned = set(named) | {s for counts in stakeholders for s in counts.by_source}
    if any(counts.editorial for counts in everything):
        mentioned.add(EDITORIAL)
    cited = [s for s in order if s in mentioned] + sorted(mentioned - set(order))
    return Provenance(tuple(roles), tuple(stakeholders), tuple(sources), tuple(cited))
