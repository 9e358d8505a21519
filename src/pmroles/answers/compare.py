"""Put roles side by side: computed differences per aspect plus the articles' curated notes.

Items are compared by the concepts they name (see `pmroles.concepts`): 'Scrum' in one role
and 'agile delivery' in another meet when the vocabulary puts Scrum under agile. An item is
shared when every compared role names one of its concepts (or lists the same item). The
scores per aspect and overall are `pmroles.answers.similarity`'s; with three or more roles,
the mean over every pair.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

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

if TYPE_CHECKING:  # `show` imports this module for its marks; only comparing scores
    from pmroles.answers.similarity import Score


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
    units: tuple[tuple[frozenset[str], ...], ...]
    """Per role, per item: what the item stands for (its concepts, or itself)."""
    similarity: float | None
    """How alike the roles are on this aspect, 0 to 1 (see `pmroles.answers.similarity`);
    None for one-sentence aspects or when a role lacks it."""

    @property
    def keys(self) -> tuple[frozenset[str], ...]:
        """Per role, everything its items stand for."""
        return tuple(frozenset().union(*items) for items in self.units)

    @property
    def shared(self) -> frozenset[str]:
        """What every role's items stand for (concepts, or items as such)."""
        if self.aspect.kind is AspectKind.TEXT or not all(self.values):
            return frozenset()
        return frozenset.intersection(*self.keys)

    def _holders(self, role_index: int, item_index: int) -> int:
        mine = self.units[role_index][item_index]
        return sum(1 for keys in self.keys if mine & keys)

    def mark(self, role_index: int, item: str) -> Mark:
        """Whether `item` (one role `role_index` lists, or else any role) is named by every
        role, by some or by one."""
        order = [role_index, *(i for i in range(len(self.values)) if i != role_index)]
        holders = next(
            (self._holders(i, self.values[i].index(item)) for i in order if item in self.values[i]),
            1,
        )
        if holders == len(self.values):
            return Mark.SHARED
        return Mark.UNIQUE if holders <= 1 else Mark.SOME

    @property
    def differs(self) -> bool:
        return any(
            self._holders(r, i) < len(self.values)
            for r, items in enumerate(self.values)
            for i in range(len(items))
        ) or any(not items for items in self.values)

    def without_shared(self) -> AspectRow:
        """This row without the items every role names (what `--only-differences` hides);
        the similarity stays the one of the whole row."""
        if self.aspect.kind is AspectKind.TEXT:
            return self
        kept = [
            [i for i in range(len(items)) if self._holders(r, i) < len(self.values)]
            for r, items in enumerate(self.values)
        ]
        values = tuple(
            tuple(items[i] for i in indexes)
            for items, indexes in zip(self.values, kept, strict=True)
        )
        units = tuple(
            tuple(items[i] for i in indexes)
            for items, indexes in zip(self.units, kept, strict=True)
        )
        return self._replace(values=values, units=units)


class PairScore(NamedTuple):
    one: Role
    other: Role
    score: Score


class RoleComparison(NamedTuple):
    """What `compare` computes for two or more roles."""

    roles: tuple[Role, ...]
    rows: tuple[AspectRow, ...]
    """Aspects at least one role has, in display order."""
    similarity: float | None
    """The pair's score; with three or more roles, the mean of every pair's."""
    notes: tuple[Comparison, ...]
    """Curated comparisons between any two of the roles."""
    pairs: tuple[PairScore, ...] = ()
    """Every pair's score, with its reasons, in the order the roles were given."""


def stands_for(role: Role, aspect: Aspect, item: str) -> tuple[str, ...]:
    """What one item of a list aspect stands for when roles are compared: its concepts;
    a stakeholder or fixed value itself; otherwise its normalised words, marked with '~'
    so they never meet a concept id ('Market analysis' and 'analysis of markets' meet)."""
    concepts = role.item_concepts(aspect.key, item)
    if concepts:
        return concepts
    if aspect.kind in (AspectKind.STAKEHOLDERS, AspectKind.CHOICES):
        return (item,)
    return ("~" + item_key(item),)


def _item_units(role: Role, aspect: Aspect, item: str) -> frozenset[str]:
    if aspect.kind is AspectKind.TEXT:
        return frozenset({normalise(item)})
    return frozenset(stands_for(role, aspect, item))


def _row(aspect: Aspect, roles: Sequence[Role], pairs: Sequence[PairScore]) -> AspectRow:
    """One aspect side by side; its similarity is the pairs' overlap on it, which their
    scores have already worked out (a dimension's, the share of values in common)."""
    from pmroles.answers import similarity

    values = tuple(role.get(aspect.key) for role in roles)
    units = tuple(
        tuple(_item_units(role, aspect, item) for item in items)
        for role, items in zip(roles, values, strict=True)
    )
    found: list[float] = []
    if aspect.kind is not AspectKind.TEXT and all(values):
        for pair in pairs:
            if aspect.key in similarity.DIMENSIONS:
                share = similarity.dimension(pair.one, pair.other, aspect.key)
                found.append(share[0] if share else 0.0)
            else:
                found.append(pair.score.overlaps[aspect.key].value)
    value = sum(found) / len(found) if found else None
    return AspectRow(aspect, values, units, value)


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
    from pmroles.answers import similarity
    from pmroles.concepts import vocabulary_of

    vocabulary = vocabulary_of(catalogue)
    keys = None if aspects is None else [a.key for a in chosen]
    pairs = tuple(
        PairScore(one, other, similarity.score(catalogue, one, other, vocabulary, keys))
        for one, other in combinations(roles, 2)
    )
    rows = [_row(a, roles, pairs) for a in chosen if any(role.has(a.key) for role in roles)]
    overall = similarity.pairwise([pair.score for pair in pairs])
    if only_differences:
        rows = [row.without_shared() for row in rows if row.differs]
        rows = [row for row in rows if any(row.values)]
    ids = {role.id for role in roles}
    notes = tuple(c for c in catalogue.comparisons.values() if set(c.roles) <= ids)
    return RoleComparison(tuple(roles), tuple(rows), overall, notes, pairs)


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
    score: Score


def similar(catalogue: Catalogue, role: Role) -> list[Similar]:
    """Every other role by similarity to `role`, highest first; ties go to the score with
    more evidence, then by id."""
    from pmroles.answers import similarity
    from pmroles.concepts import vocabulary_of

    vocabulary = vocabulary_of(catalogue)
    ranked = [
        Similar(other, similarity.score(catalogue, role, other, vocabulary))
        for other in catalogue.roles.values()
        if other.id != role.id
    ]
    ranked.sort(key=lambda s: (-round(s.score.value, 6), -s.score.evidence, s.role.id))
    return ranked
