"""Rank every role by how well it fits what a person says about themselves.

Reading the answers. A skill, tool or background is read through the catalogue's vocabulary:
a phrase that is exactly a name of a concept (its id, label or one of its words: 'coding',
'SQL') stands for that concept; otherwise for the concepts it mentions ('agile coding':
agile and software development). A phrase that names no concept is read by its words, and is
known when every content word of it is in some item of the catalogue where it is looked for
(below). A phrase known in neither way is unknown: it is reported with the closest names in
the vocabulary and left out of the scores. Stakeholders, horizons, methods and markets come
from closed sets: an unknown one is an error.

Where an answer is looked for. Each kind of answer has its own aspect, where what it finds
counts in full, and secondary aspects, where it counts half (`ASPECT_WEIGHTS`):

- skill: skills; then focus, responsibilities, day to day, goals, outcomes, and the areas the
  role is accountable for or contributes to (an area is the concept of the same id).
- tool: tools; then day to day, skills, responsibilities.
- background: background; then skills, career path.
- stakeholder: interactions; horizon, method, market: those aspects only.

What one item earns. A skill, tool or background: the aspect's weight (1 its own, 0.5
secondary) times how near the item is. For an answer read as concepts, that is, for each of
its concepts, how near the item's nearest concept is (1 the same concept, 0.5 a broader or
narrower one, else 0), the mean over the answer's concepts. Any phrase is also as near as can
be (1) to an item that holds every content word of it, in any order (case, plurals and small
words such as 'of' do not count): 'market analysis' and 'market and competitor analysis'.
Only the whole answer counts: a share of its words earns nothing. A stakeholder, horizon,
method or market: 1 when the item is that stakeholder or value; a role whose method is 'any'
fits every method, and the answer 'any' every role that names one.

Scores. An answer's credit from a role is what its best item earns (the first such item, in
the order above, when several tie). A role's score is the mean credit over the known answers,
each distinct answer once: 0 (nothing fits) to 1 (every answer found in its own aspect).

Ranking. By score, highest first; then by evidence, the sum of what every item of the role
earned from every answer (an editorial item counts half), so a role that says it in many
places, from its articles, comes before one that says it once; then by role id.

For each kind of answer known, the items of its own aspect that earned nothing are what the
role also needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from pmroles.answers.query import Criteria, find_stakeholder, read_phrase
from pmroles.concepts import Vocabulary, names_of, vocabulary_of
from pmroles.errors import PmrolesError, UnknownNameError
from pmroles.matching import Suggester, item_key, phrase_matches, suggest
from pmroles.model import ASPECT_BY_KEY, Catalogue, Method, Role, normalise

CATEGORY_ASPECT: dict[str, str] = {
    "skill": "skills",
    "background": "background",
    "stakeholder": "interactions",
    "tool": "tools",
    "horizon": "horizon",
    "method": "method",
    "market": "market",
}
"""Each kind of answer's own aspect, in the order answers are shown."""

OWN = Fraction(1)
SECONDARY = Fraction(1, 2)
EDITORIAL_EVIDENCE = Fraction(1, 2)
"""How much an editorial item (pmroles' own, not an article's) counts toward evidence."""

ASPECT_WEIGHTS: dict[str, tuple[tuple[str, Fraction], ...]] = {
    "skill": (
        ("skills", OWN),
        *(
            (key, SECONDARY)
            for key in (
                "focus",
                "responsibilities",
                "day_to_day",
                "goals",
                "outcomes",
                "owns",
                "supports",
            )
        ),
    ),
    "tool": (
        ("tools", OWN),
        *((key, SECONDARY) for key in ("day_to_day", "skills", "responsibilities")),
    ),
    "background": (("background", OWN), ("skills", SECONDARY), ("career_path", SECONDARY)),
    "stakeholder": (("interactions", OWN),),
    "horizon": (("horizon", OWN),),
    "method": (("method", OWN),),
    "market": (("market", OWN),),
}
"""Where each kind of answer is looked for, and what an item there weighs, in the order
items are tried."""

PHRASE_CATEGORIES = ("skill", "background", "tool")
CHOICE_CATEGORIES = ("horizon", "method", "market")
DEFAULT_TOP = 5
"""How many of the roles that fit are shown when the person does not say."""


class NoAnswersError(PmrolesError):
    """`match` was given nothing to match on."""


class Matched(NamedTuple):
    """Why an answer earned credit from a role: its best item."""

    category: str
    """The kind of answer: skill, background, stakeholder, tool, horizon, method or market."""
    answer: str
    """As the person gave it."""
    concepts: tuple[str, ...]
    """The ids of the item's concepts the answer met, nearest to each of its concepts; empty
    for an answer read by its words, a stakeholder or a choice."""
    aspect: str
    """The key of the aspect the item is in, e.g. `skills`."""
    item: str
    """The role's item: a phrase, an area id, a stakeholder id or a choice value."""
    credit: float
    """What the answer earned, 0 to 1: the aspect's weight times the nearness."""
    words: tuple[str, ...]
    """The words of the item that named each of `concepts` (the item when it names them by a
    tag or is an area)."""


class Missing(NamedTuple):
    aspect: str
    """The role aspect's key, e.g. `skills`."""
    item: str


class Known(NamedTuple):
    """An answer `match` understood, and how."""

    category: str
    answer: str
    """As the person gave it."""
    concepts: tuple[str, ...]
    """The concepts it was read as; empty when read by its words, or for a stakeholder or
    a choice."""


class Unknown(NamedTuple):
    """A skill, tool or background that names no concept and no item's words: left out."""

    category: str
    answer: str
    """As the person gave it."""
    suggestions: tuple[str, ...]
    """The closest names in the vocabulary (and items of its own aspect), closest first."""

    @property
    def message(self) -> str:
        """E.g. "unknown skill 'sqll'; did you mean 'sql'?"."""
        return str(UnknownNameError(self.category, self.answer, self.suggestions))


@dataclass(frozen=True, slots=True)
class Fit:
    role: Role
    score: float
    """The mean credit over the known answers, 0 to 1."""
    evidence: float
    """The sum of what every item earned from every answer, editorial items counting half:
    ranks roles of the same score."""
    matched: tuple[Matched, ...]
    """One entry per known answer that earned credit, in answer order."""
    missing: tuple[Missing, ...]
    """The items of the known answers' own aspects that no answer earned credit from."""


@dataclass(frozen=True, slots=True)
class Ranking:
    """What `match` answers: every role ranked, the ones to show, and how it read the
    answers."""

    roles: tuple[Fit, ...]
    """Every role, best first."""
    shown: tuple[Fit, ...]
    """The roles to show: the best few that fit at all, or every role."""
    known: tuple[Known, ...]
    unknown: tuple[Unknown, ...]
    every: bool = False
    """Every role is shown, those that fit nothing included (`--all`)."""

    @property
    def fitting(self) -> int:
        """How many roles fit at least one answer."""
        return sum(1 for fit in self.roles if fit.score > 0)


@dataclass(frozen=True, slots=True)
class _Answer:
    category: str
    given: str
    """As typed."""
    value: str
    """What is compared: the text for phrases, the id or choice value otherwise."""
    concepts: tuple[str, ...] = ()
    """What a phrase was read as; empty when it is read by its words."""


class _Found(NamedTuple):
    """An item that earned something from an answer."""

    aspect: str
    item: str
    credit: Fraction
    concepts: tuple[str, ...]


def match(
    catalogue: Catalogue, answers: Criteria, top: int | None = None, every: bool = False
) -> Ranking:
    """Every role with its fit to `answers`, best first; `shown`, every role (`every`) or
    the best `top` (by default `DEFAULT_TOP`) of those that fit at all.

    Raises NoAnswersError when every field is empty, UnknownNameError for a stakeholder,
    horizon, method or market the catalogue does not know. Unknown phrases are returned,
    not raised: when no answer is known, every role scores 0.
    """
    if top is not None and top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    vocabulary = vocabulary_of(catalogue)
    prepared = _prepare(catalogue, vocabulary, answers)
    if not prepared:
        raise NoAnswersError(
            "give at least one answer: a skill, background, stakeholder, tool, horizon, "
            "method or market"
        )
    found = [
        (role, [_found(vocabulary, role, answer) for answer in prepared])
        for role in catalogue.roles.values()
    ]
    heard = {index for _, per in found for index, items in enumerate(per) if items}
    known = [
        index
        for index, answer in enumerate(prepared)
        if answer.concepts or answer.category not in PHRASE_CATEGORIES or index in heard
    ]
    scored = [_fit(vocabulary, role, prepared, per, known) for role, per in found]
    scored.sort(key=lambda triple: (-triple[0], -triple[1], triple[2].role.id))
    ranked = tuple(fit for _, _, fit in scored)
    fitting = tuple(fit for fit in ranked if fit.score > 0)
    shown = ranked if every else fitting[: top or DEFAULT_TOP]
    suggester = _suggester(catalogue)
    return Ranking(
        roles=ranked,
        shown=shown,
        known=tuple(
            Known(prepared[i].category, prepared[i].given, prepared[i].concepts) for i in known
        ),
        unknown=tuple(
            Unknown(answer.category, answer.given, suggester(answer.category, answer.value))
            for index, answer in enumerate(prepared)
            if index not in known
        ),
        every=every,
    )


def _prepare(catalogue: Catalogue, vocabulary: Vocabulary, answers: Criteria) -> list[_Answer]:
    """Validate and read the answers; repeats (after normalising) are dropped."""
    prepared: list[_Answer] = []
    seen: set[tuple[str, str]] = set()
    for category, given in answers.items():
        concepts: tuple[str, ...] = ()
        if category in PHRASE_CATEGORIES:
            value = given.strip()
            key = item_key(value)
            concepts = read_phrase(vocabulary, value)
        elif category in CHOICE_CATEGORIES:
            value = key = _choice(category, given)
        else:
            value = key = _stakeholder_id(catalogue, given)
        if (category, key) not in seen:
            seen.add((category, key))
            prepared.append(_Answer(category, given, value, concepts))
    return prepared


def _stakeholder_id(catalogue: Catalogue, given: str) -> str:
    if given in catalogue.stakeholders:
        return given
    if any(given in role.get("interactions") for role in catalogue.roles.values()):
        return given  # an id roles use even though the catalogue does not define it
    return find_stakeholder(catalogue, given).id


def _choice(category: str, given: str) -> str:
    allowed = ASPECT_BY_KEY[category].choices
    value = normalise(given)
    if value not in allowed:
        raise UnknownNameError(category, given, suggest(given, allowed))
    return value


def _suggester(catalogue: Catalogue) -> Callable[[str, str], tuple[str, ...]]:
    """'Did you mean' for unknown phrases: the vocabulary's names (ids, labels, words), then
    the items of the answer's own aspect. Built only when asked."""
    built: dict[str, Suggester] = {}

    def closest(category: str, value: str) -> tuple[str, ...]:
        suggester = built.get(category)
        if suggester is None:
            names = [name for c in catalogue.concepts.values() for name in names_of(c)]
            aspect = CATEGORY_ASPECT[category]
            items = [item for role in catalogue.roles.values() for item in role.get(aspect)]
            suggester = built[category] = Suggester([*names, *items])
        return suggester(value)

    return closest


def _found(vocabulary: Vocabulary, role: Role, answer: _Answer) -> list[_Found]:
    """Every item of `role` that earns something from `answer`, in the order tried."""
    found: list[_Found] = []
    for aspect, weight in ASPECT_WEIGHTS[answer.category]:
        for item in role.get(aspect):
            nearness, concepts = _nearness(vocabulary, role, answer, aspect, item)
            if nearness > 0:
                found.append(_Found(aspect, item, weight * nearness, concepts))
    return found


def _nearness(
    vocabulary: Vocabulary, role: Role, answer: _Answer, aspect: str, item: str
) -> tuple[Fraction, tuple[str, ...]]:
    """How well `item` says `answer`, 0 to 1, and the item's concepts it met (none when the
    item says it in the answer's own words)."""
    if answer.category not in PHRASE_CATEGORIES:
        if answer.category == "method" and Method.ANY.value in (answer.value, item):
            return Fraction(1), ()
        return Fraction(1 if answer.value == item else 0), ()
    total = Fraction(0)
    met: list[str] = []
    have = role.item_concepts(aspect, item) if answer.concepts else ()
    for wanted in answer.concepts if have else ():
        near, nearest = 0.0, ""
        for concept in have:
            if (this := vocabulary.nearness(wanted, concept)) > near:
                near, nearest = this, concept
        if near > 0:
            total += Fraction(near)
            met.append(nearest)
    if answer.concepts:
        total /= len(answer.concepts)
    if total < 1 and phrase_matches(answer.value, item):
        return Fraction(1), ()  # every word of the answer, though not linked to its concepts
    return total, tuple(dict.fromkeys(met))


def _words(vocabulary: Vocabulary, item: str, concepts: Sequence[str]) -> tuple[str, ...]:
    """The words of `item` that name each of `concepts`: the item itself for a concept it
    names by a tag, or for an area."""
    named = {mention.concept: mention.words for mention in vocabulary.mentions(item)}
    return tuple(named.get(concept, item) for concept in concepts)


def _fit(
    vocabulary: Vocabulary,
    role: Role,
    answers: list[_Answer],
    found: list[list[_Found]],
    known: list[int],
) -> tuple[Fraction, Fraction, Fit]:
    total = evidence = Fraction(0)
    matched: list[Matched] = []
    credited: set[tuple[str, str]] = set()
    for index in known:
        answer, items = answers[index], found[index]
        for aspect, item, credit, _ in items:
            credited.add((aspect, item))
            editorial = role.is_editorial(aspect, item)
            evidence += credit * (EDITORIAL_EVIDENCE if editorial else 1)
        if not items:
            continue
        best = max(items, key=lambda entry: entry.credit)  # the first of the best
        total += best.credit
        matched.append(
            Matched(
                answer.category,
                answer.given,
                best.concepts,
                best.aspect,
                best.item,
                float(best.credit),
                _words(vocabulary, best.item, best.concepts),
            )
        )
    missing: list[Missing] = []
    for aspect in dict.fromkeys(CATEGORY_ASPECT[answers[i].category] for i in known):
        missing += [
            Missing(aspect, item) for item in role.get(aspect) if (aspect, item) not in credited
        ]
    score = total / len(known) if known else Fraction(0)
    fit = Fit(role, float(score), float(evidence), tuple(matched), tuple(missing))
    return score, evidence, fit


def nothing_known(unknown: Sequence[Unknown]) -> str:
    """The one-line message for a request none of whose answers is known."""
    if len(unknown) == 1:
        return unknown[0].message
    return ", ".join(_described(u) for u in unknown)


def _described(unknown: Unknown) -> str:
    """E.g. "unknown skill 'sqll' (did you mean 'sql'?)"."""
    message = str(UnknownNameError(unknown.category, unknown.answer, ()))
    quoted = [repr(suggestion) for suggestion in unknown.suggestions]
    if not quoted:
        return message
    either = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
    return f"{message} (did you mean {either}?)"
