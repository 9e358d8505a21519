"""Tables that fit the width they are drawn at, without ever splitting a word.

A `Grid` is a table as data (title, columns, rows of cells) that chooses its layout when Rich
draws it, from the width it is given:

- a boxed table, when every column can be at least as wide as its widest word (words longer
  than `WORD_CAP` count as `WORD_CAP` and are cut with `…` if they must be);
- stacked blocks, one per row (or per column, for tables whose columns are the things being
  compared), of `Label: value` lines, when the columns cannot all fit;
- plain `label: value` lines, without wrapping, below `MIN_WIDTH` columns.

Text is wrapped at spaces only: a word too long for its line is cut and ends in `…`, never
broken across lines. Pmroles draws the box itself, from Rich's box characters and styles, so
every width is the one computed here (Rich's own tables squeeze columns below their words).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from pmroles.render.text import shown

ELLIPSIS = "…"
MIN_WIDTH = 20
"""Below this many columns there is no room to wrap: plain lines instead."""
WORD_CAP = 20
"""A column never needs to be wider than this for one word; a longer word may be cut."""
ITEM_MARK = "•"

Item = tuple[str, str]
"""One entry of a list cell: (mark, text)."""
Cell = str | Text | tuple[Item, ...]
"""Text, text with styled spans (search hits), or a list of marked items."""


class Column(NamedTuple):
    header: str
    cap: int | None = None
    """The widest this column may grow (a label column); None for no limit."""
    justify: str = "left"
    """left, right or center."""
    bold: bool = False


# -- words and lines ------------------------------------------------------------------------


def cut(word: str, width: int) -> str:
    """`word` in at most `width` cells: whole when it fits, else its start and `…`."""
    if cell_len(word) <= width:
        return word
    if width <= 1:
        return ELLIPSIS[:width]
    if word.isascii():
        return word[: width - 1] + ELLIPSIS
    kept, used = [], 0
    for char in word:
        size = cell_len(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ELLIPSIS


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces only."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        word = cut(word, width)
        if not line:
            line = word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def widest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _plain(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, Text):
        return cell.plain
    return "; ".join(text for _, text in cell)


def _bounds(cell: Cell) -> tuple[int, int]:
    """(narrowest, widest) a cell can be drawn at without cutting a word, words capped."""
    if isinstance(cell, tuple):
        if not cell:
            return 0, 0
        indent = max(cell_len(mark) for mark, _ in cell) + 1
        narrow = max(min(widest_word(text), WORD_CAP) for _, text in cell)
        return indent + narrow, indent + max(cell_len(text) for _, text in cell)
    text = _plain(cell)
    return min(widest_word(text), WORD_CAP), cell_len(text)


Line = list[Segment]


def _cell_lines(console: Console, cell: Cell, width: int, style: Style | None) -> list[Line]:
    if isinstance(cell, Text):
        return [list(line.render(console)) for line in _text_lines(console, cell, width)]
    if isinstance(cell, str):
        return [[Segment(line, style)] for line in wrap(cell, width)] if cell else []
    return _item_lines(console, cell, width, style) if cell else []


def _text_lines(console: Console, text: Text, width: int) -> Iterable[Text]:
    # Rich wraps at spaces and, with "ellipsis", cuts (never folds) a word too long.
    text = text.copy()
    text.overflow = "ellipsis"
    return text.wrap(console, width, overflow="ellipsis")


def _item_lines(
    console: Console, items: Sequence[Item], width: int, style: Style | None
) -> list[Line]:
    indent = max(cell_len(mark) for mark, _ in items) + 1
    bold = console.get_style("bold")
    lines: list[Line] = []
    for mark, text in items:
        item_style = bold if mark == "=" else style
        for number, line in enumerate(wrap(text, max(width - indent, 1))):
            lead = f"{mark} ".ljust(indent) if number == 0 else " " * indent
            lines.append([Segment(lead, style), Segment(line, item_style)])
    return lines


def _fit_line(line: Line, width: int, justify: str) -> Line:
    """`line` padded (or, never needed but safe, cut) to exactly `width` cells."""
    used = sum(cell_len(segment.text) for segment in line)
    if used > width:
        return list(Segment.adjust_line_length(line, width))
    space = width - used
    if justify == "right":
        return [Segment(" " * space), *line]
    if justify == "center":
        left = space // 2
        return [Segment(" " * left), *line, Segment(" " * (space - left))]
    return [*line, Segment(" " * space)]


# -- the grid --------------------------------------------------------------------------------


class Grid:
    """A table that draws itself as a box, stacked blocks or plain lines; see the module."""

    def __init__(
        self,
        title: str | None,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Cell]],
        *,
        caption: str | Sequence[str] | None = None,
        stack_by_column: bool = False,
        lines: bool = True,
        show_header: bool = True,
    ) -> None:
        self.title = shown(title) if title else None
        captions = [caption] if isinstance(caption, str) else list(caption or ())
        self.captions = [shown(line) for line in captions if line]
        """Lines under the table (a legend each), each wrapped on its own."""
        self.columns = [c._replace(header=shown(c.header)) for c in columns]
        self.rows = [[_shown_cell(cell) for cell in row] for row in rows]
        self.stack_by_column = stack_by_column
        """Stacked, one block per column after the first (the things compared), not per row."""
        self.lines = lines
        """A rule between rows."""
        self.show_header = show_header
        self._bounds: list[tuple[int, int]] | None = None

    # -- measuring

    def column_bounds(self) -> list[tuple[int, int]]:
        """Per column, (narrowest, widest) content width, headers included."""
        if self._bounds is None:
            found = []
            for index, column in enumerate(self.columns):
                cells: list[Cell] = [row[index] for row in self.rows]
                if self.show_header:
                    cells.append(column.header)
                pairs = [_bounds(cell) for cell in cells]
                narrow = max((p[0] for p in pairs), default=0)
                wide = max((p[1] for p in pairs), default=0)
                if column.cap is not None:
                    narrow, wide = min(narrow, column.cap), min(wide, column.cap)
                found.append((max(narrow, 1), max(wide, narrow, 1)))
            self._bounds = found
        return self._bounds

    def min_width(self) -> int:
        """The narrowest this grid draws as a box without cutting a word shorter than the cap."""
        return sum(narrow for narrow, _ in self.column_bounds()) + 3 * len(self.columns) + 1

    def widths(self, width: int) -> list[int] | None:
        """Content width of each column to draw the box in `width` cells; None if it can't."""
        bounds = self.column_bounds()
        room = width - 3 * len(self.columns) - 1
        widths = [narrow for narrow, _ in bounds]
        slack = room - sum(widths)
        if slack < 0:
            return None
        # Fill like water, weighted: each cell of room goes to the column that wants more and
        # is narrowest for the square root of the width it wants. Short columns (an id, a
        # score) soon reach their full width; a column of long text gets the larger share,
        # as it needs, without starving a middling one.
        weights = [math.sqrt(wide) for _, wide in bounds]
        wanting = [i for i, (_, wide) in enumerate(bounds) if widths[i] < wide]
        while slack > 0 and wanting:
            if sum(bounds[i][1] - widths[i] for i in wanting) <= slack:
                for i in wanting:
                    widths[i] = bounds[i][1]
                break
            narrowest = min(wanting, key=lambda i: widths[i] / weights[i])
            widths[narrowest] += 1
            slack -= 1
            if widths[narrowest] == bounds[narrowest][1]:
                wanting.remove(narrowest)
        return widths

    # -- drawing

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if width < MIN_WIDTH:
            yield from self._plain_lines()
            return
        widths = self.widths(width)
        bold = console.get_style("bold")
        if self.title:
            for line in wrap(self.title, width):
                yield Segment(line, bold)
                yield Segment.line()
        if widths is None:
            yield from self._stacked(console, width)
        else:
            yield from self._box(console, options, widths)
        dim = console.get_style("dim")
        for caption in self.captions:
            for line in wrap(caption, width):
                yield Segment(line, dim)
                yield Segment.line()

    def _box(self, console: Console, options: ConsoleOptions, widths: list[int]) -> RenderResult:
        frame = box.ROUNDED.substitute(options, safe=True)
        padded = [w + 2 for w in widths]
        bold = console.get_style("bold")
        newline = Segment.line()
        yield Segment(frame.get_top(padded))
        yield newline
        rows: list[tuple[Sequence[Cell], bool]] = []
        if self.show_header:
            rows.append(([c.header for c in self.columns], True))
        rows += [(row, False) for row in self.rows]
        for number, (row, header) in enumerate(rows):
            if number:
                if header or rows[number - 1][1]:
                    yield Segment(frame.get_row(padded, "head"))
                    yield newline
                elif self.lines:
                    yield Segment(frame.get_row(padded, "row"))
                    yield newline
            cells = [
                _cell_lines(console, cell, w, bold if header or column.bold else None)
                for cell, column, w in zip(row, self.columns, widths, strict=True)
            ]
            height = max((len(c) for c in cells), default=0) or 1
            left, middle, right = (
                (frame.head_left, frame.head_vertical, frame.head_right)
                if header
                else (frame.mid_left, frame.mid_vertical, frame.mid_right)
            )
            for index in range(height):
                yield Segment(left + " ")
                for column_number, (lines, column, w) in enumerate(
                    zip(cells, self.columns, widths, strict=True)
                ):
                    if column_number:
                        yield Segment(" " + middle + " ")
                    # Headers sit on the row's last lines, as Rich draws them.
                    at = index - (height - len(lines)) if header else index
                    line = lines[at] if 0 <= at < len(lines) else []
                    yield from _fit_line(line, w, column.justify)
                yield Segment(" " + right)
                yield newline
        yield Segment(frame.get_bottom(padded))
        yield newline

    def _blocks(self) -> Iterator[tuple[Cell | None, list[tuple[str, Cell]]]]:
        """(heading, [(label, cell)]) per block of the stacked layout."""
        if self.stack_by_column:
            for index, column in enumerate(self.columns[1:], start=1):
                yield column.header, [(_plain(row[0]), row[index]) for row in self.rows]
        elif len(self.columns) == 2:
            yield None, [(_plain(row[0]), row[1]) for row in self.rows]
        else:
            for row in self.rows:
                labels = [c.header for c in self.columns[1:]]
                yield row[0], list(zip(labels, row[1:], strict=True))

    def _stacked(self, console: Console, width: int) -> RenderResult:
        bold = console.get_style("bold")
        newline = Segment.line()
        for number, (heading, pairs) in enumerate(self._blocks()):
            indent = ""
            if heading is not None:
                if number:
                    yield newline
                for line in wrap(_plain(heading), width):
                    yield Segment(line, bold)
                    yield newline
                indent = "  "
            inner = width - len(indent)
            for label, cell in pairs:
                if isinstance(cell, tuple) and cell:
                    for line in wrap(f"{label}:", inner):
                        yield Segment(indent)
                        yield Segment(line, bold)
                        yield newline
                    for segments in _item_lines(console, cell, inner - 2, None):
                        yield Segment(indent + "  ")
                        yield from segments
                        yield newline
                    continue
                text = _plain(cell) or "-"
                lines = wrap(f"{label}: {text}", inner)
                # The label in bold: it is the start of the first line, unless it was cut.
                first = lines[0]
                head = f"{label}:"
                yield Segment(indent)
                if first.startswith(head):
                    yield Segment(head, bold)
                    yield Segment(first[len(head) :])
                else:
                    yield Segment(first)
                yield newline
                for line in wrap(" ".join(lines[1:]), inner - 2) if len(lines) > 1 else []:
                    yield Segment(indent + "  " + line)
                    yield newline

    def _plain_lines(self) -> RenderResult:
        newline = Segment.line()
        for text in (self.title,):
            if text:
                yield Segment(text)
                yield newline
        for heading, pairs in self._blocks():
            if heading is not None:
                yield Segment(_plain(heading))
                yield newline
            for label, cell in pairs:
                yield Segment(f"{label}: {_plain(cell) or '-'}")
                yield newline
        for caption in self.captions:
            yield Segment(caption)
            yield newline


def _shown_cell(cell: Cell) -> Cell:
    if isinstance(cell, str):
        return shown(cell)
    if isinstance(cell, Text):
        return cell  # built from shown text by its maker, with its spans
    return tuple((mark, shown(text)) for mark, text in cell)


class Paragraph:
    """Prose (a heading, a summary, a bullet list) wrapped at spaces to the width given."""

    def __init__(self, text: str = "", *, style: str = "", items: Sequence[Item] = ()) -> None:
        self.text = shown(text)
        self.style = style
        self.items = tuple((mark, shown(item)) for mark, item in items)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        newline = Segment.line()
        style = console.get_style(self.style) if self.style else None
        if width < MIN_WIDTH:
            if self.text or not self.items:
                yield Segment(self.text, style)
                yield newline
            for mark, item in self.items:
                yield Segment(f"{mark} {item}")
                yield newline
            return
        if self.text or not self.items:
            for line in wrap(self.text, width) if self.text else [""]:
                yield Segment(line, style)
                yield newline
        if self.items:
            for segments in _item_lines(console, self.items, width, style):
                yield from segments
                yield newline
