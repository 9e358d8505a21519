"""The console tables are rendered with: sized and coloured for the real output stream, but
writing into a buffer, so rendering never touches stdout (only the caller's one write does).
"""

from __future__ import annotations

import io
import re

from rich.console import Console, RenderableType


def make_console(*, stderr: bool = False, no_color: bool = False, record: bool = False) -> Console:
    # Rich itself reads NO_COLOR, FORCE_COLOR, TERM=dumb and COLUMNS from the environment
    # when it looks at the real stream; markup, emoji and highlighting stay off so no
    # catalogue text is ever interpreted.
    probe = Console(stderr=stderr, color_system=None if no_color else "auto")
    return Console(
        # Never written to (capture keeps the text); it carries the real stream's encoding,
        # which Rich reads to choose box characters.
        file=io.TextIOWrapper(io.BytesIO(), encoding=probe.encoding, errors="replace"),
        width=probe.width if probe.width > 0 else 80,  # COLUMNS=0 means unknown, not none
        color_system=probe.color_system,  # type: ignore[arg-type]
        force_terminal=probe.is_terminal,
        no_color=probe.no_color,
        markup=False,
        emoji=False,
        highlight=False,
        record=record,
    )


_STYLE_CODES_AT_END = re.compile(r"(?:\x1b\[[0-9;]*m)+\Z")


def _trim_line(line: str) -> str:
    """`line` without the padding Rich adds at its end, keeping the codes that end a style."""
    # Line by line with rstrip, not one multi-line regex: a pattern ending in `$` is tried at
    # every space of every line, which cost milliseconds on a wide table.
    if not line.endswith("m"):
        return line.rstrip(" ")
    codes = _STYLE_CODES_AT_END.search(line)
    if codes is None:
        return line.rstrip(" ")
    return line[: codes.start()].rstrip(" ") + codes.group()


def _trim(text: str) -> str:
    return "\n".join(_trim_line(line) for line in text.split("\n"))


def render(console: Console, renderable: RenderableType) -> str:
    """What `console` would print, without the padding Rich adds to the ends of lines."""
    with console.capture() as capture:
        console.print(renderable, crop=False)
    if console.record:
        # Rich records what it writes, not what it captures: write once into the console's
        # own buffer so `exported` has the same picture.
        console.print(renderable, crop=False)
    return _trim(capture.get())


def exported(console: Console, suffix: str) -> bytes:
    """What a recording console showed, as an SVG, HTML or text file's bytes."""
    if suffix == ".svg":
        return console.export_svg(title="pmroles").encode("utf-8")
    if suffix in (".html", ".htm"):
        return console.export_html(inline_styles=True).encode("utf-8")
    return _trim(console.export_text()).encode("utf-8")
