"""Put roles side by side: computed differences per aspect plus the articles' curated notes.

Similarity is Jaccard over normalised items (see `matching.item_key`): for one aspect, the
number of items every role lists divided by the number of distinct items any of them lists.
The overall score is the mean over the list aspects every compared role has, so a role the
articles say little about is not scored as different for what they leave out.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import NamedTuple

from pmroles.errors import PmrolesError
from pmroles.matching import item_key
from pmroles.model import (
    ASPECT_BY_KEY,
    ASPECTS,
    Aspect,
    AspectKind,
    Catalogue,
    Comparison,
    Role,
    normalise,
)


class Mark(enum.Enum):
    SHARED = "shared"
    """Listed by every compared role."""
    SOME = "some"
    """Listed by this role and some, not all, of the others."""
    UNIQUE = "unique"
    """Listed by this role only."""


class SameRoleError(PmrolesError):
    """Two of the names given are the same role: the comparison would say nothing."""


# The records below are NamedTuples, not frozen dataclasses: every `compare` defines them at
# start-up, where a dataclass costs about 0.4 ms each (see README, Speed).


class AspectRow(NamedTuple):
    """One aspect of the compared roles, side by side."""

    aspect: Aspect
    values: tuple[tuple[str, ...], ...]
    """One entry per compared role, in the order the roles were given."""
    keys: tuple[frozenset[str], ...]
    """Each role's items, normalised."""
    similarity: float | None
    """Jaccard over the roles' items; None for one-sentence aspects or when a role lacks it."""

    @property
    def shared(self) -> frozenset[str]:
        if self.aspect.kind is AspectKind.TEXT or not all(self.keys):
            return frozenset()
        return frozenset.intersection(*self.keys)

    def mark(self, role_index: int, item: str) -> Mark:
        key = _key(self.aspect, item)
        holders = sum(key in keys for keys in self.keys)
        if holders == len(self.keys):
            return Mark.SHARED
        return Mark.UNIQUE if holders == 1 else Mark.SOME

    @property
    def differs(self) -> bool:
        return len(set(self.keys)) > 1

    def without_shared(self) -> AspectRow:
        """This row without the items every role lists (what `--only-differences` hides);
        the similarity stays the one of the whole row."""
        shared = self.shared
        if not shared:
            return self
        values = tuple(
            tuple(v for v in items if _key(self.aspect, v) not in shared) for items in self.values
        )
        return self._replace(values=values, keys=tuple(k - shared for k in self.keys))


class RoleComparison(NamedTuple):
    """What `compare` computes for two or more roles."""

    roles: tuple[Role, ...]
    rows: tuple[AspectRow, ...]
    """Aspects at least one role has, in display order."""
    similarity: float | None
    """Mean of the rows' similarities, over the rows that have one."""
    notes: tuple[Comparison, ...]
    """Curated comparisons between any two of the roles."""


def _key(aspect: Aspect, item: str) -> str:
    # Stakeholder ids and choices are already canonical; phrases are normalised.
    return item if aspect.kind in (AspectKind.STAKEHOLDERS, AspectKind.CHOICES) else item_key(item)


def _row(aspect: Aspect, roles: Sequence[Role]) -> AspectRow:
    values = tuple(role.get(aspect.key) for role in roles)
    if aspect.kind is AspectKind.TEXT:
        keys = tuple(frozenset({normalise(v) for v in items}) for items in values)
        return AspectRow(aspect, values, keys, None)
    keys = tuple(frozenset(_key(aspect, item) for item in items) for items in values)
    similarity = None
    if all(keys):
        similarity = len(frozenset.intersection(*keys)) / len(frozenset.union(*keys))
    return AspectRow(aspect, values, keys, similarity)


def compare(
    catalogue: Catalogue,
    roles: Sequence[Role],
    aspects: Sequence[str] | None = None,
    *,
    only_differences: bool = False,
) -> RoleComparison:
    """Compare two or more roles on `aspects` (all, in ASPECTS order, by default)."""
    seen: dict[str, int] = {}
    for index, role in enumerate(roles):
        first = seen.setdefault(role.id, index)
        if first != index:
            raise SameRoleError(
                f"arguments {first + 1} and {index + 1} both name {role.name} ({role.id}); "
                "compare different roles"
            )
    # The aspects asked for, in the order asked (a person lists what matters first).
    chosen = (
        list(ASPECTS) if aspects is None else [ASPECT_BY_KEY[k] for k in dict.fromkeys(aspects)]
    )
    rows = [_row(a, roles) for a in chosen if any(role.has(a.key) for role in roles)]
    scores = [row.similarity for row in rows if row.similarity is not None]
    overall = sum(scores) / len(scores) if scores else None
    if only_differences:
        rows = [row.without_shared() for row in rows if row.differs]
        rows = [row for row in rows if any(row.values)]
    ids = {role.id for role in roles}
    notes = tuple(c for c in catalogue.comparisons.values() if set(c.roles) <= ids)
    return RoleComparison(tuple(roles), tuple(rows), overall, notes)


def most_different(result: RoleComparison, limit: int) -> list[AspectRow]:
    """Up to `limit` list aspects every compared role has and words differently, least alike
    first, ties in display order: what a person most needs to see of a comparison."""
    rows = [
        row
        for row in result.rows
        if row.similarity is not None and row.similarity < 1 and row.aspect.kind is AspectKind.LIST
    ]
    order = {row.aspect.key: index for index, row in enumerate(rows)}
    rows.sort(key=lambda row: (row.similarity or 0.0, order[row.aspect.key]))
    return rows[:limit]


class Similar(NamedTuple):
    """A role and how alike it is to the one asked about."""

    role: Role
    score: float
    drivers: tuple[tuple[Aspect, tuple[str, ...]], ...]
    """Per aspect, the items both roles list (as the other role words them)."""


def similar(catalogue: Catalogue, role: Role) -> list[Similar]:
    """Every other role by overall similarity to `role`, highest first, ties by id."""
    ranked: list[Similar] = []
    for other in catalogue.roles.values():
        if other.id == role.id:
            continue
        result = compare(catalogue, (role, other))
        drivers = tuple(
            (row.aspect, tuple(v for v in row.values[1] if _key(row.aspect, v) in row.shared))
            for row in result.rows
            if row.shared
        )
        ranked.append(Similar(other, result.similarity or 0.0, drivers))
    ranked.sort(key=lambda s: (-s.score, s.role.id))
    return ranked
