"""How free text is matched: case, spacing, hyphens, plurals and word order don't matter."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from pmroles.model import normalise

_WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
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
    return frozenset(w for w in words(text) if w not in _STOPWORDS)


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
    """The closest few candidates, for 'did you mean'."""
    import difflib  # only a mistyped name needs it, and every command imports this module

    options = list(dict.fromkeys(candidates))
    by_normal: dict[str, str] = {}
    for option in options:
        by_normal.setdefault(normalise(option), option)
    close = difflib.get_close_matches(normalise(word), list(by_normal), n=limit, cutoff=0.6)
    return tuple(by_normal[c] for c in close)
