"""The consoles: data to stdout, messages to stderr. Colour follows the environment."""

from __future__ import annotations

import re

from rich.console import Console, RenderableType


def make_console(*, stderr: bool = False, no_color: bool = False) -> Console:
    # markup, emoji and highlighting are off so no catalogue text is ever interpreted;
    # Rich itself honours NO_COLOR, FORCE_COLOR, TERM=dumb and COLUMNS.
    return Console(
        stderr=stderr,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None if no_color else "auto",
    )


# Padding Rich adds at the end of a line, possibly followed by the codes that end a style.
_TRAILING_PADDING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def render(console: Console, renderable: RenderableType) -> str:
    """What `console` would print, without the padding Rich adds to the ends of lines."""
    with console.capture() as capture:
        console.print(renderable)
    return _TRAILING_PADDING.sub(r"\1", capture.get())
