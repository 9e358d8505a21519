"""Full-text search over roles, stakeholders and curated comparisons. Plain data only.

A text is a hit when it holds every content word of the query (stemmed, any order), or
when it names every concept the query names, or a narrower one ('coding' finds 'software
development'; 'data analysis' finds 'SQL'). Hits rank by where the text sits (names and
aliases first, then summary and focus, then the rest), then by whether the query appears
as one phrase, then by how much of the text the query covers, so short exact phrases beat
long lists that merely mention the words; a hit by concept alone ranks as one by words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from pmroles.answers.query import read_phrase
from pmroles.concepts import Vocabulary, vocabulary_of
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
    concepts: tuple[str, ...] = ()
    """The query's concepts the text names (itself or a narrower one), when it does."""


def _texts(catalogue: Catalogue) -> Iterator[tuple[str, str, str, str, tuple[str, ...] | None]]:
    """(kind, id, field, text, its concepts where linked at load) for every searchable
    string, in catalogue order."""
    for role in catalogue.roles.values():
        yield "role", role.id, "name", role.name, None
        for alias in role.aliases:
            yield "role", role.id, "aliases", alias, None
        for aspect in ASPECTS:
            for value in role.get(aspect.key):
                yield "role", role.id, aspect.key, value, role.item_concepts(aspect.key, value)
    for stakeholder in catalogue.stakeholders.values():
        yield "stakeholder", stakeholder.id, "name", stakeholder.name, None
        for alias in stakeholder.aliases:
            yield "stakeholder", stakeholder.id, "aliases", alias, None
        for need in stakeholder.needs:
            yield "stakeholder", stakeholder.id, "needs", need, None
    for note in catalogue.comparisons.values():
        if note.summary:
            yield "comparison", note.id, "summary", note.summary, None
        for field in ("similarities", "differences"):
            for value in getattr(note, field):
                yield "comparison", note.id, field, value, None
        for field in ("advantages", "excels"):
            for role_id, values in getattr(note, field).items():
                for value in values:
                    yield "comparison", note.id, f"{field}.{role_id}", value, None
        for area, shares in note.split.items():
            for role_id, value in shares.items():
                yield "comparison", note.id, f"split.{area}.{role_id}", value, None


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def search(catalogue: Catalogue, query: str) -> list[Hit]:
    wanted = terms(query)
    phrase = _fold(query)
    highlight = wanted or frozenset(words(query))
    vocabulary = vocabulary_of(catalogue)
    meant = read_phrase(vocabulary, query) if wanted else ()
    # Texts not linked at load are read only when they hold a word of the concepts meant.
    clues = (
        frozenset().union(*(vocabulary.words_naming(m) for m in meant)) if meant else frozenset()
    )
    hits: list[Hit] = []
    for kind, ident, field, text, linked in _texts(catalogue):
        found = terms(text)
        met: tuple[str, ...] = ()
        if meant and (linked is not None or not clues or found & clues):
            have = linked if linked is not None else vocabulary.link(text)
            if all(any(c == m or m in vocabulary.ancestors(c) for c in have) for m in meant):
                met = meant
        if wanted:
            if not wanted <= found and not met:
                continue
        elif not phrase or phrase not in _fold(text):
            continue  # a query of only small words must appear as a phrase
        spans = [
            m.span()
            for m in _WORD.finditer(text)
            if stem(unicodedata.normalize("NFKC", m.group()).casefold()) in highlight
        ]
        if met:
            spans += _concept_spans(vocabulary, text, met)
        score = _WEIGHT.get(field.split(".")[0], 1.0)
        score += 1.0 if phrase and phrase in _fold(text) else 0.0
        score += len(wanted) / len(found) if found else 0.0
        hits.append(Hit(kind, ident, field, text, round(score, 3), _merged(spans), met))
    hits.sort(key=lambda h: -h.score)  # stable: ties keep catalogue order
    return hits


def _concept_spans(
    vocabulary: Vocabulary, text: str, meant: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Where `text` names the concepts meant (or narrower ones), for highlighting."""
    spans = []
    for mention in vocabulary.mentions(text):
        if any(mention.concept == m or m in vocabulary.ancestors(mention.concept) for m in meant):
            start = text.casefold().find(mention.words.casefold())
            if start >= 0:
                spans.append((start, start + len(mention.words)))
    return spans


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans sorted, overlapping ones joined: a word can match both ways."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)
