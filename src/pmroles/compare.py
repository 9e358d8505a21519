"""Put roles side by side: computed differences per aspect plus the articles' curated notes."""

from __future__ import annotations

from dataclasses import dataclass

from pmroles.model import ASPECTS, Aspect, AspectKind, Catalogue, Comparison, Role, normalise


@dataclass(frozen=True, slots=True)
class AspectRow:
    aspect: Aspect
    values: tuple[tuple[str, ...], ...]
    """One entry per compared role, in the order the roles were given."""
    shared: frozenset[str]
    """Normalised items every role lists (empty for one-sentence aspects)."""

    def is_shared(self, item: str) -> bool:
        return normalise(item) in self.shared


@dataclass(frozen=True, slots=True)
class RoleComparison:
    roles: tuple[Role, ...]
    rows: tuple[AspectRow, ...]
    """Aspects at least one role has, in display order."""
    notes: tuple[Comparison, ...]
    """Curated comparisons between any two of the roles."""


def compare(catalogue: Catalogue, roles: tuple[Role, ...]) -> RoleComparison:
    rows: list[AspectRow] = []
    for aspect in ASPECTS:
        if not any(role.has(aspect.key) for role in roles):
            continue
        values = tuple(role.get(aspect.key) for role in roles)
        shared: frozenset[str] = frozenset()
        if aspect.kind is not AspectKind.TEXT and all(values):
            sets = [{normalise(item) for item in items} for items in values]
            shared = frozenset.intersection(*map(frozenset, sets))
        rows.append(AspectRow(aspect, values, shared))
    ids = {role.id for role in roles}
    notes = tuple(c for c in catalogue.comparisons.values() if set(c.roles) <= ids)
    return RoleComparison(roles, tuple(rows), notes)
