"""Find roles and stakeholders by what people type, and filter the catalogue. Plain data only."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from pmroles.errors import PmrolesError, UnknownNameError
from pmroles.matching import phrase_matches, suggest
from pmroles.model import ASPECT_BY_KEY, Catalogue, Method, Role, Stakeholder, normalise

if TYPE_CHECKING:  # `show` finds its role here; only filters read words as concepts
    from pmroles.concepts import Vocabulary

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


def read_phrase(vocabulary: Vocabulary, value: str) -> tuple[str, ...]:
    """The concepts a typed phrase stands for: the one it is a name of, else the ones it
    mentions ('coding' is software development; 'agile coding' is agile and software
    development)."""
    named = vocabulary.named(value)
    return (named,) if named is not None else vocabulary.link(value)


def _meets(vocabulary: Vocabulary, wanted: str, have: Collection[str]) -> bool:
    """A role's concept meets a wanted one when it is that concept or a kind of it: asking
    for data analysis finds SQL, asking for SQL does not find every data analyst."""
    return any(c == wanted or wanted in vocabulary.ancestors(c) for c in have)


def phrase_passes(
    vocabulary: Vocabulary, role: Role, aspect: str, value: str, concepts: tuple[str, ...]
) -> bool:
    """Whether one of the role's items in `aspect` says `value`: by its concepts (every
    concept of the value met), or by its words (every content word of the value in it)."""
    for item in role.get(aspect):
        if concepts and all(
            _meets(vocabulary, c, role.item_concepts(aspect, item)) for c in concepts
        ):
            return True
        if phrase_matches(value, item):
            return True
    return False


def interpret(catalogue: Catalogue, filters: Criteria) -> dict[str, dict[str, tuple[str, ...]]]:
    """Filter -> typed value -> the concepts it was read as, for the phrase filters: what
    `list` shows so a person sees how their words were understood."""
    from pmroles.concepts import vocabulary_of

    vocabulary = vocabulary_of(catalogue)
    return {
        name: {value: read_phrase(vocabulary, value) for value in getattr(filters, name)}
        for name in _PHRASE_FILTERS
        if getattr(filters, name)
    }


def filter_roles(catalogue: Catalogue, filters: Criteria) -> list[Role]:
    """The roles matching every given filter; unknown values raise with suggestions."""
    from pmroles.concepts import vocabulary_of

    vocabulary = vocabulary_of(catalogue)
    tests: list[Callable[[Role], bool]] = []
    if filters.stakeholder:
        ids = frozenset(find_stakeholder(catalogue, name).id for name in filters.stakeholder)
        tests.append(lambda role: bool(ids & set(role.get("interactions"))))
    for name in _PHRASE_FILTERS:
        wanted: Sequence[str] = getattr(filters, name)
        if not wanted:
            continue
        aspect = _PHRASE_ASPECT[name]
        read = [(value, read_phrase(vocabulary, value)) for value in wanted]
        for value, concepts in read:
            # A value naming a concept is understood even when no role lists it: the
            # empty answer says so, with the broader concept to try (see `broader_hint`).
            if not concepts and not any(
                phrase_passes(vocabulary, role, aspect, value, concepts)
                for role in catalogue.roles.values()
            ):
                raise UnknownNameError(
                    name, value, suggest(value, vocabulary_words(catalogue, vocabulary, aspect))
                )
        tests.append(_any_phrase(vocabulary, aspect, read))
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
            tests.append(_choice_test(name, frozenset(chosen)))
    return [role for role in catalogue.roles.values() if all(test(role) for test in tests)]


def broader_hint(catalogue: Catalogue, filters: Criteria) -> str:
    """For an empty answer: the broader concept of a skill, tool or background that roles do
    list, as the option to try ("; roles list the broader Data analysis: --skill
    data-analysis"), or ''."""
    from pmroles.concepts import vocabulary_of

    vocabulary = vocabulary_of(catalogue)
    for name in _PHRASE_FILTERS:
        aspect = _PHRASE_ASPECT[name]
        for value in getattr(filters, name):
            concepts = read_phrase(vocabulary, value)
            if any(
                phrase_passes(vocabulary, role, aspect, value, concepts)
                for role in catalogue.roles.values()
            ):
                continue  # roles list it: another filter emptied the answer
            for concept in concepts:
                for broader in vocabulary.ancestors(concept):
                    if any(
                        phrase_passes(vocabulary, role, aspect, broader, (broader,))
                        for role in catalogue.roles.values()
                    ):
                        label = vocabulary.label(broader)
                        return f"; roles list the broader {label}: --{name} {broader}"
    return ""


def _any_phrase(
    vocabulary: Vocabulary, aspect: str, read: list[tuple[str, tuple[str, ...]]]
) -> Callable[[Role], bool]:
    def test(role: Role) -> bool:
        return any(phrase_passes(vocabulary, role, aspect, v, c) for v, c in read)

    return test


def _choice_test(aspect: str, chosen: frozenset[str]) -> Callable[[Role], bool]:
    return lambda role: _passes(role, aspect, chosen)


def vocabulary_words(catalogue: Catalogue, vocabulary: Vocabulary, aspect: str) -> list[str]:
    """What 'did you mean' offers for a phrase: the names of the concepts the roles' items
    in `aspect` name, then the items themselves and their words."""
    used = dict.fromkeys(
        c
        for role in catalogue.roles.values()
        for ids in role.concepts.get(aspect, {}).values()
        for c in ids
    )
    from pmroles.concepts import names_of

    names = [n for c in used if c in vocabulary.concepts for n in names_of(vocabulary.concepts[c])]
    items = [item for role in catalogue.roles.values() for item in role.get(aspect)]
    return [*names, *items, *(w for i in items for w in i.split())]


def _passes(role: Role, aspect: str, wanted: Collection[str]) -> bool:
    have = role.get(aspect)
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
