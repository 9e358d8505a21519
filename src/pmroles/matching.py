"""How free text is matched: case, spacing, hyphens, plurals and word order don't matter."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from pmroles.model import ASPECTS, normalise

_WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its", "of", "on"}
    | {"or", "over", "than", "the", "their", "to", "via", "with"}
)


def stem(word: str) -> str:
    """A crude singular, enough for 'markets', 'analyses', 'strategies', 'processes' and
    'courses' to meet their singulars without a dictionary."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("yses"):
        return word[:-4] + "ysis"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The stemmed words of `text`, in order; hyphens and underscores separate words."""
    return [stem(w) for w in _WORD.findall(unicodedata.normalize("NFKC", text).casefold())]


def terms(text: str) -> frozenset[str]:
    """The stemmed content words of `text`: what a phrase is about."""
    return frozenset(w for w in words(text) if w not in STOPWORDS)


# Remembered: `compare` asks for each item's key twice (for the score, then for its mark),
# and `similar` and `match` ask for the same items across every pair of roles.
@functools.lru_cache(maxsize=4096)
def item_key(text: str) -> str:
    """The identity of a list item for comparing roles: 'Market analysis' and
    'analysis of markets' are one item."""
    found = sorted(terms(text))
    return " ".join(found) if found else normalise(text)


def phrase_matches(query: str, item: str) -> bool:
    """True when every content word of `query` is in `item` (any order)."""
    wanted = terms(query)
    return bool(wanted) and wanted <= terms(item)


def suggest(word: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """The closest few candidates, for 'did you mean' (one word: every candidate is compared;
    for many words against one set, use `Suggester`)."""
    import difflib  # only a mistyped name needs it, and every command imports this module

    options = list(dict.fromkeys(candidates))
    by_normal: dict[str, str] = {}
    for option in options:
        by_normal.setdefault(normalise(option), option)
    close = difflib.get_close_matches(normalise(word), list(by_normal), n=limit, cutoff=0.6)
    return tuple(by_normal[c] for c in close)


MAX_SUGGESTIONS = 100
"""How many problems get a 'did you mean' in one check of a file (its keys and references,
then its `extends`): each costs a search, and a file with more misspellings than this shows
its pattern in the first ones. Every problem is still reported."""

_COMPARE_ALL_BELOW = 200
"""Fewer candidates than this are all compared, as difflib does; more go through an index."""
_SHORTLIST = 40
"""How many candidates, picked by the index, difflib compares for one word."""
_POSTINGS = 5_000
"""How many index entries one word may visit, rarest pairs of letters first."""


class Suggester:
    """'Did you mean' for any number of words against one set of candidates.

    A small set is compared whole with difflib. A large one (a catalogue of thousands of
    roles) gets an index of the pairs of letters in each candidate: a word's rarest pairs
    pick a short list, which difflib then ranks. Near-linear: building the index is one pass,
    and each word visits a bounded number of entries.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self._by_normal: dict[str, str] = {}
        for option in candidates:
            self._by_normal.setdefault(normalise(option), option)
        self._normals = list(self._by_normal)
        self._index: dict[str, list[int]] | None = None

    def __call__(self, word: str, limit: int = 3) -> tuple[str, ...]:
        import difflib  # only a mistyped name needs it, and every command imports this module

        target = normalise(word)
        pool = self._normals
        if len(pool) >= _COMPARE_ALL_BELOW:
            pool = self._shortlist(target)
        close = difflib.get_close_matches(target, pool, n=limit, cutoff=0.6)
        return tuple(self._by_normal[c] for c in close)

    def _shortlist(self, target: str) -> list[str]:
        from collections import Counter

        if self._index is None:
            self._index = {}
            for number, normal in enumerate(self._normals):
                for pair in _pairs(normal):
                    self._index.setdefault(pair, []).append(number)
        index = self._index
        rarest = sorted((len(index[p]), p) for p in _pairs(target) if p in index)
        counts: Counter[int] = Counter()
        visited = 0
        for size, pair in rarest:
            if visited and visited + size > _POSTINGS:
                break
            counts.update(index[pair])
            visited += size
        return [self._normals[n] for n, _ in counts.most_common(_SHORTLIST)]


def _pairs(text: str) -> set[str]:
    """The pairs of neighbouring letters of `text`, its first and last letter included."""
    padded = f"\x02{text}\x03"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


# -- closed sets: aspects and the values of options like --method -----------------------------

ClosedSet = Mapping[str, Sequence[str]]
"""A closed set of values, in the order messages list them: each value -> the other names a
person may type for it (its label, say), besides the value itself."""


def closed_form(text: str) -> str:
    """The form in which a typed name meets a closed set's: `normalise`d (case, spaces,
    hyphens and underscores ignored) and a plural's 's' dropped, so `Day to day`, `day-to-day`
    and `day_to_day` meet, and so do `--by stakeholders` and `stakeholder`."""
    return stem(normalise(text))


def closed_value(typed: str, values: ClosedSet) -> str | None:
    """The value of `values` that `typed` names, by the value or another of its names; None
    when it names none."""
    wanted = closed_form(typed)
    for value, names in values.items():
        if any(closed_form(name) == wanted for name in (value, *names)):
            return value
    return None


def unknown_value(kind: str, typed: str, values: ClosedSet, plural: str | None = None) -> str:
    """The one-line message for a name outside a closed set: the closest values, then every
    valid one, e.g. "unknown method 'scrum'. Valid methods: agile, sequential, any"."""
    from pmroles.errors import brief

    owner: dict[str, str] = {}
    for value, names in values.items():
        for name in (value, *names):
            owner.setdefault(name, value)
    # Suggest the values themselves (what the list shows), even when a label was closer.
    close = tuple(dict.fromkeys(owner[name] for name in suggest(typed, owner)))
    quoted = [repr(value) for value in close]
    either = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
    hint = f"; did you mean {either}?" if close else "."
    valid = ", ".join(values)
    # repr shows control characters escaped; brief keeps a huge argument from filling the screen.
    return f"unknown {kind} {brief(typed)!r}{hint} Valid {plural or kind + 's'}: {valid}"


ASPECT_NAMES: ClosedSet = {aspect.key: (aspect.label,) for aspect in ASPECTS}
"""Every aspect key, with its label as the other name people type for it."""


def aspect_key(typed: str) -> str | None:
    """The aspect key a person means by `typed`: a key or a label, in any case, with spaces,
    hyphens or underscores alike (`Day to day`, `day-to-day` and `day_to_day` are all
    `day_to_day`; `Outcome responsibility` is `outcomes`). None when it names no aspect."""
    return closed_value(typed, ASPECT_NAMES)
