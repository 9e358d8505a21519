"""Find roles and stakeholders by what people type, and filter the catalogue. Plain data only."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import NamedTuple

from pmroles.errors import PmrolesError, UnknownNameError
from pmroles.matching import phrase_matches, suggest
from pmroles.model import ASPECT_BY_KEY, Catalogue, Method, Role, Stakeholder, normalise

FILTER_ORDER = ("stakeholder", "skill", "tool", "background", "horizon", "method", "market")
"""The order of `list`'s options, in which its title, messages and document name filters."""


class NoMatchError(PmrolesError):
    """A valid question whose answer is empty: exit 1 so scripts can tell."""


def find_role(catalogue: Catalogue, name: str) -> Role:
    """The role an id, alias or full name names, ignoring case, spaces, hyphens and underscores."""
    key = normalise(name)
    if catalogue.names is not None:
        # An index (the cache's) finds one role without decoding the others.
        ident = catalogue.names.get(key)
        if ident is not None and ident in catalogue.roles:
            return catalogue.roles[ident]
        raise UnknownNameError("role", name, suggest(name, _role_names(catalogue)))
    for role in catalogue.roles.values():
        if key in {normalise(n) for n in (role.id, role.name, *role.aliases)}:
            return role
    raise UnknownNameError("role", name, suggest(name, _role_names(catalogue)))


def find_stakeholder(catalogue: Catalogue, name: str) -> Stakeholder:
    key = normalise(name)
    for stakeholder in catalogue.stakeholders.values():
        if key in {normalise(n) for n in (stakeholder.id, stakeholder.name, *stakeholder.aliases)}:
            return stakeholder
    names = [n for s in catalogue.stakeholders.values() for n in (s.id, s.name, *s.aliases)]
    raise UnknownNameError("stakeholder", name, _ids_first(suggest(name, names), catalogue))


def roles_by_stakeholder(catalogue: Catalogue) -> dict[str, list[Role]]:
    """Stakeholder id -> the roles whose interactions name it, in catalogue order."""
    result: dict[str, list[Role]] = {}
    for role in catalogue.roles.values():
        for stakeholder_id in role.get("interactions"):
            result.setdefault(stakeholder_id, []).append(role)
    return result


class Criteria(NamedTuple):
    """What a person asks by: `list` filters the catalogue by it, `match` ranks roles by it.

    Each field holds the values of one option (`--skill`, `--stakeholder`, ...); any may be
    empty. `list` keeps a role that passes every field given (AND across fields, OR within
    one); `match` scores every role by its answers (see `pmroles.answers.fit`).

    Stakeholders are ids, names or aliases; horizons, methods and markets are choice values.
    Fields are in the order `match` shows its answers (see `pmroles.answers.fit.CATEGORY_ASPECT`).
    A NamedTuple rather than a frozen dataclass, to keep start-up short (see README, Speed).
    """

    skill: Sequence[str] = ()
    background: Sequence[str] = ()
    stakeholder: Sequence[str] = ()
    tool: Sequence[str] = ()
    horizon: Sequence[str] = ()
    method: Sequence[str] = ()
    market: Sequence[str] = ()

    def items(self) -> Iterator[tuple[str, str]]:
        """(field, value) for every non-blank value, in field order."""
        for name, values in zip(self._fields, self, strict=True):
            for value in values:
                if value.strip():
                    yield name, value

    def is_empty(self) -> bool:
        """No field has a non-blank value."""
        return next(self.items(), None) is None

    def given(self, order: Sequence[str] = FILTER_ORDER) -> dict[str, Sequence[str]]:
        """The fields with values, in `order` (by default the order of `list`'s options)."""
        return {name: values for name in order if (values := getattr(self, name))}


_PHRASE_FILTERS = ("skill", "tool", "background")
_PHRASE_ASPECT = {"skill": "skills", "tool": "tools", "background": "background"}


def filter_roles(catalogue: Catalogue, filters: Criteria) -> list[Role]:
    """The roles matching every given filter; unknown values raise with suggestions."""
    tests: list[tuple[str, Collection[str]]] = []
    if filters.stakeholder:
        ids = frozenset(find_stakeholder(catalogue, name).id for name in filters.stakeholder)
        tests.append(("interactions", ids))
    for name in _PHRASE_FILTERS:
        wanted: Sequence[str] = getattr(filters, name)
        if wanted:
            aspect = _PHRASE_ASPECT[name]
            vocabulary = [item for role in catalogue.roles.values() for item in role.get(aspect)]
            for value in wanted:
                if not any(phrase_matches(value, item) for item in vocabulary):
                    # Items are phrases ('JIRA for project tracking'): offer their words too.
                    candidates = [*vocabulary, *(w for i in vocabulary for w in i.split())]
                    raise UnknownNameError(name, value, suggest(value, candidates))
            tests.append((aspect, tuple(wanted)))
    for name in ("horizon", "method", "market"):
        wanted = getattr(filters, name)
        if wanted:
            closed = ASPECT_BY_KEY[name]
            chosen = []
            for value in wanted:
                choice = closed.choice(value)
                if choice is None:
                    raise UnknownNameError(name, value, suggest(value, closed.choices))
                chosen.append(choice)
            tests.append((name, frozenset(chosen)))
    return [
        role
        for role in catalogue.roles.values()
        if all(_passes(role, aspect, wanted) for aspect, wanted in tests)
    ]


def _passes(role: Role, aspect: str, wanted: Collection[str]) -> bool:
    have = role.get(aspect)
    if aspect in _PHRASE_ASPECT.values():
        return any(phrase_matches(value, item) for value in wanted for item in have)
    if aspect == "method" and Method.ANY.value in have:
        return True  # a role that exists under any method fits every method
    return bool(set(have) & set(wanted))


def _role_names(catalogue: Catalogue) -> list[str]:
    # Ids first so a near-miss suggests the short form people type.
    ids = [role.id for role in catalogue.roles.values()]
    others = [n for role in catalogue.roles.values() for n in (role.name, *role.aliases)]
    return ids + others


def _ids_first(found: tuple[str, ...], catalogue: Catalogue) -> tuple[str, ...]:
    """Turn suggested names and aliases into the stakeholder ids they belong to."""
    ids: list[str] = []
    for name in found:
        key = normalise(name)
        for stakeholder in catalogue.stakeholders.values():
            names = (stakeholder.id, stakeholder.name, *stakeholder.aliases)
            if key in {normalise(n) for n in names} and stakeholder.id not in ids:
                ids.append(stakeholder.id)
    return tuple(ids)
