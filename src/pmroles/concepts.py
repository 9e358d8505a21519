"""The vocabulary: which concepts a piece of text mentions, and how near two concepts are.

A concept is named by its id, its label and its words. Text and names meet in the form
`matching.terms` gives them (case, plurals and small words ignored), so 'analysis of
markets' names what 'market analysis' does. Reading text, a run of neighbouring words
names a concept when it holds exactly that name's words, in any order; the longest name
starting at a word wins, so 'software engineering' is software development and not
engineering. Both the loader (linking every item once, at load) and the answers (reading
what a person types) use this module, so it knows nothing of files or terminals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import NamedTuple

from pmroles.matching import STOPWORDS, stem
from pmroles.model import ASPECTS, AspectKind, Catalogue, Concept, Role

_WORD = re.compile(r"[^\W_]+")

LINKED_ASPECTS = tuple(
    a.key for a in ASPECTS if a.kind is AspectKind.LIST or a.key in ("owns", "supports")
)
"""The aspects whose items are linked: every list of phrases, and the responsibility areas
(an area links to the concept of the same id). Stakeholders and the fixed dimensions
(horizon, method, market, orientation) are compared as they are."""

NARROWER_OR_BROADER = 0.5
"""How near two concepts are when one is a kind of the other ('SQL' and 'data analysis')."""


def name_key(name: str) -> tuple[str, ...]:
    """The form a concept's name is looked up in: its content words, stemmed and sorted.
    Empty when the name has only small words ('the', 'of')."""
    return tuple(sorted(stem(w) for w in _words(name) if w not in STOPWORDS))


def names_of(concept: Concept) -> tuple[str, ...]:
    """Every name of a concept: its id (hyphens read as spaces), its label, its words."""
    return (concept.id.replace("-", " "), concept.label, *concept.words)


def _words(text: str) -> list[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(text.casefold())


class Mention(NamedTuple):
    """A concept named in a text."""

    concept: str
    """The concept's id."""
    words: str
    """The words of the text that named it, as written."""


class Vocabulary:
    """The concepts of a catalogue, indexed for reading text. Texts already read are
    remembered: a catalogue repeats its phrases across roles."""

    def __init__(self, concepts: Mapping[str, Concept]) -> None:
        self.concepts = concepts
        self._names: dict[tuple[str, ...], str] = {}
        for concept in concepts.values():
            for name in names_of(concept):
                key = name_key(name)
                if key:
                    self._names.setdefault(key, concept.id)  # the loader refuses clashes
        self._longest = max((len(key) for key in self._names), default=0)
        self._known = frozenset(word for key in self._names for word in key)
        """Every stemmed word of any name: a run of text words can name a concept only when
        all of them are here, which rules out most windows at once."""
        self._pairs = frozenset(
            (one, other)
            for key in self._names
            for i, one in enumerate(key)
            for j, other in enumerate(key)
            if i != j
        )
        """Two words that share a name: every word of a longer window shares one with the
        first."""
        self._stems: dict[str, str | None] = {}
        """Text word -> its stem, or None for a small word: a catalogue repeats its words."""
        self._read: dict[str, tuple[Mention, ...]] = {}
        self._ancestors: dict[str, tuple[str, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.concepts)

    def mentions(self, text: str) -> tuple[Mention, ...]:
        """The concepts `text` names, in the order it names them, each once."""
        found = self._read.get(text)
        if found is None:
            found = self._read[text] = tuple(self._scan(text))
        return found

    def link(self, text: str) -> tuple[str, ...]:
        """The ids of the concepts `text` names."""
        return tuple(mention.concept for mention in self.mentions(text))

    def named(self, name: str) -> str | None:
        """The concept `name` is a name of, exactly (not one it merely mentions)."""
        return self._names.get(name_key(name))

    def _scan(self, text: str) -> Iterator[Mention]:
        if not self._names:
            return
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        stems = self._stems
        spans: list[tuple[str, int, int]] = []
        for match in _WORD.finditer(text.casefold()):
            word = match.group()
            if word not in stems:
                stems[word] = None if word in STOPWORDS else stem(word)
            found = stems[word]
            if found is not None:
                spans.append((found, match.start(), match.end()))
        known, names, pairs = self._known, self._names, self._pairs
        seen: set[str] = set()
        start = 0
        while start < len(spans):
            # The longest window starting here that could be a name: its first word occurs
            # in a name, and each word after it shares a name with the first.
            first = spans[start][0]
            run = 1 if first in known else 0
            while (
                run
                and start + run < len(spans)
                and run < self._longest
                and (first, spans[start + run][0]) in pairs
            ):
                run += 1
            for size in range(run, 0, -1):
                window = spans[start : start + size]
                key = (first,) if size == 1 else tuple(sorted(s for s, _, _ in window))
                concept = names.get(key)
                if concept is not None:
                    if concept not in seen:
                        seen.add(concept)
                        yield Mention(concept, text[window[0][1] : window[-1][2]])
                    start += size
                    break
            else:
                start += 1

    # -- how near two concepts are ------------------------------------------------------

    def ancestors(self, concept: str) -> tuple[str, ...]:
        """The broader concepts of `concept`, nearest first (the loader refuses cycles; a
        cycle that got through anyway ends the walk)."""
        found = self._ancestors.get(concept)
        if found is None:
            chain: list[str] = []
            current = self.concepts.get(concept)
            while current is not None and current.broader and current.broader not in chain:
                chain.append(current.broader)
                current = self.concepts.get(current.broader)
            found = self._ancestors[concept] = tuple(chain)
        return found

    def nearness(self, one: str, other: str) -> float:
        """1 for the same concept, `NARROWER_OR_BROADER` when one is a kind of the other,
        else 0."""
        if one == other:
            return 1.0
        if other in self.ancestors(one) or one in self.ancestors(other):
            return NARROWER_OR_BROADER
        return 0.0

    def label(self, concept: str) -> str:
        found = self.concepts.get(concept)
        return found.label if found is not None else concept


# -- linking a catalogue's items --------------------------------------------------------------


def link_role(role: Role, vocabulary: Vocabulary) -> Role:
    """`role` with `concepts` filled: its tags where it states them, else what the words
    name; areas of responsibility link to the concept of the same id."""
    linked: dict[str, dict[str, tuple[str, ...]]] = {}
    for key in LINKED_ASPECTS:
        items = role.attributes.get(key)
        if not items:
            continue
        tags = role.tags.get(key, {})
        found: dict[str, tuple[str, ...]] = {}
        for item in items:
            if item in tags:
                ids = tags[item]
            elif key in ("owns", "supports"):
                ids = (item,) if item in vocabulary.concepts else ()
            else:
                ids = vocabulary.link(item)
            if ids:
                found[item] = ids
        if found:
            linked[key] = found
    if not linked and not role.concepts:
        return role
    return replace(role, concepts=linked)


def link_catalogue(catalogue: Catalogue, roles: Iterable[str] | None = None) -> Catalogue:
    """`catalogue` with the items of `roles` (every role by default) linked to its concepts."""
    vocabulary = Vocabulary(catalogue.concepts)
    chosen = catalogue.roles if roles is None else roles
    relinked = {ident: link_role(catalogue.roles[ident], vocabulary) for ident in chosen}
    if not relinked:
        return catalogue
    return replace(catalogue, roles={**catalogue.roles, **relinked})
