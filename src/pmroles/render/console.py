"""The consoles views are rendered with: one sized and coloured for the real output stream,
and one for files (text and SVG) that knows nothing of the terminal. Both write into a buffer,
so rendering never touches stdout (only the caller's one write does).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.terminal_theme import TerminalTheme


def make_console(
    *, stderr: bool = False, no_color: bool = False, width: int | None = None
) -> Console:
    """A console like the real stream: its width (unless `width`), colours and encoding."""
    # Rich itself reads NO_COLOR, FORCE_COLOR, TERM=dumb and COLUMNS from the environment
    # when it looks at the real stream; markup, emoji and highlighting stay off so no
    # catalogue text is ever interpreted.
    probe = Console(stderr=stderr, color_system=None if no_color else "auto")
    return Console(
        # Never written to (capture keeps the text); it carries the real stream's encoding,
        # which Rich reads to choose box characters.
        file=io.TextIOWrapper(io.BytesIO(), encoding=probe.encoding, errors="replace"),
        width=width or (probe.width if probe.width > 0 else 80),  # COLUMNS=0: unknown, not none
        color_system=probe.color_system,  # type: ignore[arg-type]
        force_terminal=probe.is_terminal,
        no_color=probe.no_color,
        markup=False,
        emoji=False,
        highlight=False,
    )


def file_console(width: int, *, encoding: str = "utf-8", record: bool = False) -> Console:
    """A console for a file: `width` columns, no colour codes in its text, whatever the
    terminal and the environment say; `record` keeps the styles for an SVG."""
    return Console(
        file=io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="replace"),
        width=width,
        color_system="truecolor" if record else None,
        force_terminal=False,
        no_color=not record,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
        record=record,
        _environ={},  # no COLUMNS, NO_COLOR, FORCE_COLOR or TERM: a file is not a terminal
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


class Sized:
    """A renderable drawn for the width of the console that prints it: a picture that
    fills the terminal on screen and --width columns in a file."""

    def __init__(self, draw: Callable[[int], RenderableType]) -> None:
        self.draw = draw

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.draw(options.max_width)


def render(console: Console, renderable: RenderableType) -> str:
    """What `console` would print, without the padding Rich adds to the ends of lines."""
    with console.capture() as capture:
        console.print(renderable, crop=False)
    return _trim(capture.get())


# -- SVG ---------------------------------------------------------------------------------------
# Rich's own SVG loads its font from a CDN and clips every line with `url(#...)` references.
# This template keeps its layout (every run of text is placed at its column and stretched to
# its exact width with textLength, so borders line up in any monospace font) but names only
# fonts already on the reader's machine and refers to nothing at all.

_MONOSPACE = (
    'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", '
    '"Noto Sans Mono", monospace'
)
_SVG_FORMAT = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
    'width="{width}" height="{height}">\n'
    "<style>\n"
    ".{unique_id}-matrix {{ font-family: " + _MONOSPACE + "; "
    # A twentieth bigger than the cell Rich lays out (20px high, 24.4px apart), so that
    # box-drawing characters meet from one line to the next instead of leaving gaps.
    "font-size: 21px; line-height: {line_height}px; "
    "font-variant-east-asian: full-width; }}\n"
    ".{unique_id}-title {{ font-size: 16px; font-weight: bold; "
    'font-family: system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }}\n'
    "{styles}\n"
    "</style>\n"
    "{chrome}\n"
    '<g transform="translate({terminal_x}, {terminal_y})">\n'
    "{backgrounds}\n"
    '<g class="{unique_id}-matrix">\n'
    "{matrix}\n"
    "</g>\n"
    "</g>\n"
    "</svg>\n"
)
_CLIP = re.compile(r' clip-path="url\(#[^)"]*\)"')
_FRAME = 'stroke="rgba(255,255,255,0.35)"'
_FONT_ASPECT = 0.6
"""Width over height of the monospace fonts named (DejaVu Sans Mono, Menlo: 0.602)."""


def _theme(dark: bool) -> TerminalTheme:
    """GitHub's light and dark colours: the views use bold, dim and reverse only."""
    if not dark:
        return TerminalTheme(
            (255, 255, 255),
            (31, 35, 40),
            [
                (36, 41, 47),
                (207, 34, 46),
                (17, 99, 41),
                (77, 45, 0),
                (9, 105, 218),
                (130, 80, 223),
                (27, 124, 131),
                (110, 119, 129),
            ],
            [
                (87, 96, 106),
                (164, 14, 38),
                (26, 127, 55),
                (99, 60, 0),
                (33, 139, 255),
                (163, 113, 247),
                (49, 146, 170),
                (140, 149, 159),
            ],
        )
    return TerminalTheme(
        (13, 17, 23),
        (230, 237, 243),
        [
            (72, 79, 88),
            (255, 123, 114),
            (63, 185, 80),
            (210, 153, 34),
            (88, 166, 255),
            (188, 140, 255),
            (57, 197, 207),
            (177, 186, 196),
        ],
        [
            (110, 118, 129),
            (255, 161, 152),
            (86, 211, 100),
            (227, 179, 65),
            (121, 192, 255),
            (210, 168, 255),
            (86, 212, 221),
            (255, 255, 255),
        ],
    )


def svg(renderable: RenderableType, width: int, *, dark: bool = False, title: str = "") -> str:
    """`renderable` drawn at `width` columns as a self-contained SVG: light unless `dark`,
    `title` in its window's title bar, no font or anything else loaded from anywhere."""
    console = file_console(width, record=True)
    console.print(renderable, crop=False)
    picture = console.export_svg(
        title=title,
        theme=_theme(dark),
        code_format=_SVG_FORMAT,
        font_aspect_ratio=_FONT_ASPECT,
    )
    frame = 'stroke="rgba(255,255,255,0.25)"' if dark else 'stroke="rgba(0,0,0,0.25)"'
    return _CLIP.sub("", picture).replace(_FRAME, frame)
