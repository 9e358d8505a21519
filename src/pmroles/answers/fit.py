"""Rank every role by how well it fits a person's answers.

Each answer is looked for in one aspect of every role: a skill in its skills, a background in
its training and background, a tool in its tools, a stakeholder in its interactions, and a
horizon, method or market in those aspects. An answer earns credit from the role's best item
in that aspect (the first such item when several tie):

- skill, background, tool: 1 when every content word of the answer is in the item, in any
  order (case, plurals and small words such as 'of' or 'the' do not count); otherwise the
  share of the answer's content words the item has, when that share is at least one half
  ('market research' earns 0.5 from 'market analysis'); otherwise 0.

- stakeholder, horizon, method, market: 1 when the item is that stakeholder or value, else 0.
  A role whose method is 'any' fits every method answer, and the answer 'any' fits every
  role that names a method.

A role that says nothing about an aspect earns 0 for those answers. Every distinct answer
weighs 1 (a repeated answer counts once), so a role's score is the sum of its credits divided
by the number of answers: 0 (nothing fits) to 1 (everything fits). Roles are ranked by score,
highest first, ties by role id.

For every category answered, the items the role lists there that no answer earned credit
from are shown as what the role also needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from pmroles.answers.query import Criteria, find_stakeholder
from pmroles.errors import PmrolesError, UnknownNameError
from pmroles.matching import item_key, suggest, terms
from pmroles.model import ASPECT_BY_KEY, Catalogue, Method, Role, normalise

# The person's answers are a `pmroles.answers.query.Criteria`, the record `list` filters by.
CATEGORY_ASPECT: dict[str, str] = {
    "skill": "skills",
    "background": "background",
    "stakeholder": "interactions",
    "tool": "tools",
    "horizon": "horizon",
    "method": "method",
    "market": "market",
}
"""Which role aspect each kind of answer is looked for in, in the order answers are shown."""

PHRASE_CATEGORIES = ("skill", "background", "tool")
CHOICE_CATEGORIES = ("horizon", "method", "market")
PARTIAL_THRESHOLD = Fraction(1, 2)
"""A phrase answer earns partial credit only when the item has at least this share of its words."""


class NoAnswersError(PmrolesError):
    """`match` was given nothing to match on."""


class Matched(NamedTuple):
    category: str
    """The kind of answer: skill, background, stakeholder, tool, horizon, method or market."""
    answer: str
    """As the person gave it."""
    item: str
    """The role's item it matched: a phrase, a stakeholder id or a choice value."""
    credit: float
    """1 for a full match, the share of the answer's words for a partial one."""


class Missing(NamedTuple):
    aspect: str
    """The role aspect's key, e.g. `skills`."""
    item: str


@dataclass(frozen=True, slots=True)
class Fit:
    role: Role
    score: float
    """Sum of credits / number of answers, 0 to 1."""
    matched: tuple[Matched, ...]
    """One entry per answer that earned credit, in answer order."""
    missing: tuple[Missing, ...]
    """The role's items in the answered aspects that no answer earned credit from."""


@dataclass(frozen=True, slots=True)
class _Answer:
    category: str
    given: str
    """As typed."""
    value: str
    """What is compared: the text for phrases, the id or choice value otherwise."""


def match(catalogue: Catalogue, answers: Criteria) -> list[Fit]:
    """Every role with its fit to `answers`, best first, ties by role id.

    Raises NoAnswersError when every field is empty, UnknownNameError for a stakeholder,
    horizon, method or market the catalogue does not know.
    """
    prepared = _prepare(catalogue, answers)
    if not prepared:
        raise NoAnswersError(
            "give at least one answer: a skill, background, stakeholder, tool, horizon, "
            "method or market"
        )
    ranked = [_fit(role, prepared) for role in catalogue.roles.values()]
    ranked.sort(key=lambda pair: (-pair[0], pair[1].role.id))
    return [fit for _, fit in ranked]


def _prepare(catalogue: Catalogue, answers: Criteria) -> list[_Answer]:
    """Validate and canonicalise the answers; repeats (after normalising) are dropped."""
    prepared: list[_Answer] = []
    seen: set[tuple[str, str]] = set()
    for category, given in answers.items():
        if category in PHRASE_CATEGORIES:
            value = given.strip()
            key = item_key(value)
        elif category in CHOICE_CATEGORIES:
            value = key = _choice(category, given)
        else:
            value = key = _stakeholder_id(catalogue, given)
        if (category, key) not in seen:
            seen.add((category, key))
            prepared.append(_Answer(category, given, value))
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


def _credit(answer: _Answer, item: str) -> Fraction:
    if answer.category in PHRASE_CATEGORIES:
        wanted = terms(answer.value)
        if not wanted:
            return Fraction(0)
        share = Fraction(len(wanted & terms(item)), len(wanted))
        return share if share >= PARTIAL_THRESHOLD else Fraction(0)
    if answer.category == "method" and Method.ANY.value in (answer.value, item):
        return Fraction(1)
    return Fraction(1 if answer.value == item else 0)


def _fit(role: Role, answers: list[_Answer]) -> tuple[Fraction, Fit]:
    total = Fraction(0)
    matched: list[Matched] = []
    credited: dict[str, set[str]] = {}
    for answer in answers:
        aspect = CATEGORY_ASPECT[answer.category]
        best_item, best = "", Fraction(0)
        for item in role.get(aspect):
            credit = _credit(answer, item)
            if credit > 0:
                credited.setdefault(aspect, set()).add(item)
            if credit > best:
                best_item, best = item, credit
        if best > 0:
            total += best
            matched.append(Matched(answer.category, answer.given, best_item, float(best)))
    missing: list[Missing] = []
    for aspect in dict.fromkeys(CATEGORY_ASPECT[a.category] for a in answers):
        missing += [
            Missing(aspect, item)
            for item in role.get(aspect)
            if item not in credited.get(aspect, set())
        ]
    score = total / len(answers)
    return score, Fit(role, float(score), tuple(matched), tuple(missing))
