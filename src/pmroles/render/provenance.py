"""The terminal view of `pmroles sources`: how many of each role's items each article backs.

One row per role and one column per article (headed by its source id), the editorial items
last. Where the terminal is too narrow for a column per article (five articles need about
100 columns), each role's articles share one column instead, an `id: count` line each, so the
table still fits beside the role names rather than stacking into a block per role. When even
that cannot fit, the grid of a column per article stacks itself, a line per article (see
`pmroles.render.layout`).
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult

from pmroles.answers.provenance import Counts, Provenance
from pmroles.render.layout import ITEM_MARK, MIN_WIDTH, Cell, Column, Grid

EDITORIAL_HEADER = "editorial"
UNSOURCED_HEADER = "no source"
EDITORIAL_NOTE = (
    "editorial: pmroles' own summary of common practice where the articles are silent "
    "(--sourced-only leaves it out)."
)
UNSOURCED_NOTE = "no source: items their catalogue cites no article for."
COUNTING_NOTE = (
    "Items: every entry of every aspect (a summary is one); an item two articles back "
    "counts under each."
)
CITATIONS_NOTE = "Each source's title and author: pmroles sources --format json."


def _heading(counts: Counts) -> str:
    return f"{counts.name} ({counts.id})"


def _number(value: int) -> str:
    return str(value) if value else "-"


class SourcesView:
    """The roles' counts, a column per article when the width allows; see the module."""

    def __init__(self, result: Provenance, title: str) -> None:
        self.result = result
        self.title = title
        self.unsourced = any(counts.unsourced for counts in result.roles)

    def _captions(self) -> list[str]:
        notes = [COUNTING_NOTE, EDITORIAL_NOTE]
        if self.unsourced:
            notes.append(UNSOURCED_NOTE)
        return [*notes, CITATIONS_NOTE]

    def _tail(self, counts: Counts) -> list[Cell]:
        cells: list[Cell] = [_number(counts.editorial)]
        if self.unsourced:
            cells.append(_number(counts.unsourced))
        return cells

    def _tail_columns(self) -> list[Column]:
        columns = [Column(EDITORIAL_HEADER, justify="right")]
        if self.unsourced:
            columns.append(Column(UNSOURCED_HEADER, justify="right"))
        return columns

    def wide(self) -> Grid:
        """A column per article."""
        sources = self.result.sources
        columns = [
            Column("Role", bold=True),
            Column("Items", justify="right"),
            *(Column(source, justify="right") for source in sources),
            *self._tail_columns(),
        ]
        rows: list[list[Cell]] = [
            [
                _heading(counts),
                str(counts.items),
                *(_number(counts.by_source.get(source, 0)) for source in sources),
                *self._tail(counts),
            ]
            for counts in self.result.roles
        ]
        return Grid(self.title, columns, rows, caption=self._captions())

    def narrow(self) -> Grid:
        """The articles in one column, an `id: count` line each."""
        columns = [
            Column("Role", bold=True),
            Column("Items", justify="right"),
            Column("From articles"),
            *self._tail_columns(),
        ]
        rows: list[list[Cell]] = [
            [
                _heading(counts),
                str(counts.items),
                tuple((ITEM_MARK, f"{source}: {n}") for source, n in counts.by_source.items())
                or "-",
                *self._tail(counts),
            ]
            for counts in self.result.roles
        ]
        return Grid(self.title, columns, rows, caption=self._captions())

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = self.wide()
        width = options.max_width
        if width >= MIN_WIDTH and wide.min_width() > width:
            narrow = self.narrow()
            if narrow.min_width() <= width:
                yield narrow
                return
        # Stacked, a column per article reads best: one `id: count` line each.
        yield wide


def sources_view(
    result: Provenance, title: str = "Where each role's items come from"
) -> SourcesView:
    return SourcesView(result, title)
