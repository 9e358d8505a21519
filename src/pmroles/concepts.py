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


def names_index(concepts: Mapping[str, Concept]) -> dict[tuple[str, ...], str]:
    """Name key -> concept id, for every name of every concept (the loader refuses a name
    claimed twice; here the first concept keeps it)."""
    found: dict[tuple[str, ...], str] = {}
    for concept in concepts.values():
        for name in names_of(concept):
            key = name_key(name)
            if key:
                found.setdefault(key, concept.id)
    return found


class _Index:
    """The names of a vocabulary, and what reading text needs to find them fast (made on
    first read: looking a name up needs only `names`)."""

    def __init__(self, names: dict[tuple[str, ...], str]) -> None:
        self.names = names
        self._reading: tuple[int, frozenset[str], frozenset[tuple[str, str]]] | None = None

    def reading(self) -> tuple[int, frozenset[str], frozenset[tuple[str, str]]]:
        """The longest name's length; every stemmed word of any name (a run of text words
        can name a concept only when all of them are here, which rules out most windows at
        once); and the pairs of words that share a name (every word of a longer window
        shares one with the first)."""
        if self._reading is None:
            names = self.names
            self._reading = (
                max((len(key) for key in names), default=0),
                frozenset(word for key in names for word in key),
                frozenset(
                    (one, other)
                    for key in names
                    if len(key) > 1
                    for i, one in enumerate(key)
                    for j, other in enumerate(key)
                    if i != j
                ),
            )
        return self._reading

    def words_of(self, concepts: frozenset[str]) -> frozenset[str]:
        """Every word of the names of `concepts`."""
        return frozenset(
            word for key, ident in self.names.items() if ident in concepts for word in key
        )


_LAST: list[tuple[Mapping[str, Concept], Vocabulary]] = []


def vocabulary_of(catalogue: Catalogue) -> Vocabulary:
    """The catalogue's vocabulary, made once per process and catalogue: a command asks for
    it from several places, and what it has read stays remembered."""
    if _LAST and _LAST[0][0] is catalogue.concepts:
        return _LAST[0][1]
    made = Vocabulary(catalogue.concepts)
    _LAST[:] = [(catalogue.concepts, made)]
    return made


class Vocabulary:
    """The concepts of a catalogue, indexed for reading text. Texts already read are
    remembered: a catalogue repeats its phrases across roles."""

    def __init__(self, concepts: Mapping[str, Concept]) -> None:
        self.concepts = concepts
        # The indexes below are built on first use: `compare` and `similar` need only the
        # broader concepts, and building the names of a few hundred concepts costs
        # milliseconds a command would otherwise always pay.
        self._index: _Index | None = None
        self._stems: dict[str, str | None] = {}
        """Text word -> its stem, or None for a small word: a catalogue repeats its words."""
        self._read: dict[str, tuple[Mention, ...]] = {}
        self._ancestors: dict[str, tuple[str, ...]] = {}

    @property
    def names(self) -> dict[tuple[str, ...], str]:
        """Name key (see `name_key`) -> the id of the concept it names."""
        return self._indexed().names

    def _indexed(self) -> _Index:
        if self._index is None:
            # The cache's concepts bring the names index it stored.
            given = getattr(self.concepts, "names", None)
            self._index = _Index(given if given is not None else names_index(self.concepts))
        return self._index

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
        return self.names.get(name_key(name))

    def _scan(self, text: str) -> Iterator[Mention]:
        index = self._indexed()
        if not index.names:
            return
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        stems = self._stems
        spans: list[tuple[str, int, int]] = []
        folded = text.casefold()
        # Where each folded character came from: folding may lengthen text ("ß" -> "ss"),
        # and the words shown are sliced from the text as typed.
        origin = (
            None
            if len(folded) == len(text)
            else [i for i, char in enumerate(text) for _ in char.casefold()]
        )
        for match in _WORD.finditer(folded):
            word = match.group()
            if word not in stems:
                stems[word] = None if word in STOPWORDS else stem(word)
            found = stems[word]
            if found is not None:
                begin, end = match.start(), match.end()
                if origin is not None:
                    begin, end = origin[begin], origin[end - 1] + 1
                spans.append((found, begin, end))
        names = index.names
        longest, known, pairs = index.reading()
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
                and run < longest
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

    def words_naming(self, concept: str) -> frozenset[str]:
        """The stemmed words of every name of `concept` and of its narrower concepts: a text
        without one of them cannot name it, so it need not be read."""
        kinds = frozenset(c for c in self.concepts if c == concept or concept in self.ancestors(c))
        return self._indexed().words_of(kinds)

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
    vocabulary = vocabulary_of(catalogue)
    chosen = catalogue.roles if roles is None else roles
    relinked = {ident: link_role(catalogue.roles[ident], vocabulary) for ident in chosen}
    if not relinked:
        return catalogue
    return replace(catalogue, roles={**catalogue.roles, **relinked})
