"""Make catalogue text safe to show: data is never markup and never a terminal command."""

from __future__ import annotations

import functools
import re

# C0/C1 controls, DEL, and the invisible format characters that reorder or hide text
# (bidi overrides and isolates, zero-width marks): each could rewrite what a terminal shows.
# Lone surrogates (an argument that was not UTF-8) cannot be written at all.
_UNSAFE_CHARACTERS = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)
_BREAKS = re.compile("[\t\n\r]+")


@functools.cache
def unsafe() -> re.Pattern[str]:
    """The pattern of unsafe characters, compiled on first use: plain ASCII never needs it,
    and compiling it was a third of a millisecond of every command's start-up."""
    return re.compile(_UNSAFE_CHARACTERS)


def escape_controls(text: str) -> str:
    """`text` with every control shown as a visible escape; line breaks and tabs kept."""
    return unsafe().sub(lambda m: m.group() if m.group() == "\r" else _escape(m), text)


def inert(text: str) -> str:
    """`text` with line breaks folded to spaces and every control shown as a visible escape."""
    if text.isascii() and text.isprintable():
        return text  # nothing to fold or escape: the common case, checked without a regex
    return unsafe().sub(_escape, _BREAKS.sub(" ", text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


ITEM_LIMIT = 500
"""The most characters of one item a terminal view shows; machine formats keep it whole."""


def shown(text: str) -> str:
    """`text` as a terminal view shows it: `inert`, and cut with `…` after ITEM_LIMIT
    characters, so one huge item (a pasted document) cannot flood the screen."""
    text = inert(text)
    if len(text) > ITEM_LIMIT:
        return text[: ITEM_LIMIT - 1] + "…"
    return text


def percent(score: float | None) -> str:
    """A 0-1 score as people read it: `42%`, or `-` when there is none."""
    return "-" if score is None else f"{round(score * 100)}%"
