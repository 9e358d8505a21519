"""Full-text search over roles, stakeholders and curated comparisons. Plain data only.

A text is a hit when it holds every content word of the query (stemmed, any order). Hits rank
by where the text sits (names and aliases first, then summary and focus, then the rest),
then by whether the query appears as one phrase, then by how much of the text the query
covers, so short exact phrases beat long lists that merely mention the words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from pmroles.matching import stem, terms, words
from pmroles.model import ASPECTS, Catalogue

_WORD = re.compile(r"[^\W_]+")
_WEIGHT = {"name": 3.0, "aliases": 3.0, "summary": 2.0, "focus": 2.0}


@dataclass(frozen=True, slots=True)
class Hit:
    """One piece of catalogue text that matched a search."""

    kind: str
    """'role', 'stakeholder' or 'comparison'."""
    id: str
    field: str
    """The attribute or field path the text is in, e.g. 'skills' or 'advantages.bpm'."""
    text: str
    score: float
    spans: tuple[tuple[int, int], ...]
    """Character ranges of `text` that matched, for highlighting."""


def _texts(catalogue: Catalogue) -> Iterator[tuple[str, str, str, str]]:
    """(kind, id, field, text) for every searchable string, in catalogue order."""
    for role in catalogue.roles.values():
        yield "role", role.id, "name", role.name
        for alias in role.aliases:
            yield "role", role.id, "aliases", alias
        for aspect in ASPECTS:
            for value in role.get(aspect.key):
                yield "role", role.id, aspect.key, value
    for stakeholder in catalogue.stakeholders.values():
        yield "stakeholder", stakeholder.id, "name", stakeholder.name
        for alias in stakeholder.aliases:
            yield "stakeholder", stakeholder.id, "aliases", alias
        for need in stakeholder.needs:
            yield "stakeholder", stakeholder.id, "needs", need
    for note in catalogue.comparisons.values():
        if note.summary:
            yield "comparison", note.id, "summary", note.summary
        for field in ("similarities", "differences"):
            for value in getattr(note, field):
                yield "comparison", note.id, field, value
        for field in ("advantages", "excels"):
            for role_id, values in getattr(note, field).items():
                for value in values:
                    yield "comparison", note.id, f"{field}.{role_id}", value
        for area, shares in note.split.items():
            for role_id, value in shares.items():
                yield "comparison", note.id, f"split.{area}.{role_id}", value


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def search(catalogue: Catalogue, query: str) -> list[Hit]:
    wanted = terms(query)
    phrase = _fold(query)
    highlight = wanted or frozenset(words(query))
    hits: list[Hit] = []
    for kind, ident, field, text in _texts(catalogue):
        found = terms(text)
        if wanted:
            if not wanted <= found:
                continue
        elif not phrase or phrase not in _fold(text):
            continue  # a query of only small words must appear as a phrase
        spans = tuple(
            m.span()
            for m in _WORD.finditer(text)
            if stem(unicodedata.normalize("NFKC", m.group()).casefold()) in highlight
        )
        score = _WEIGHT.get(field.split(".")[0], 1.0)
        score += 1.0 if phrase and phrase in _fold(text) else 0.0
        score += len(wanted) / len(found) if found else 0.0
        hits.append(Hit(kind, ident, field, text, round(score, 3), spans))
    hits.sort(key=lambda h: -h.score)  # stable: ties keep catalogue order
    return hits
