"""Rich renderables for `match`, the matrices and the role map; nothing here prints.

Catalogue text always goes in as `Text(inert(...))`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from pmroles.answers.fit import Fit
from pmroles.answers.matrix import PRIMARY, SECONDARY, Matrix
from pmroles.answers.rolemap import MARKER, RoleMap, render_lines
from pmroles.model import ASPECT_BY_KEY, Catalogue
from pmroles.render.tables import bullet_list, new_table, percent, role_heading, safe_text
from pmroles.render.text import inert

CELL_MARKS = {PRIMARY: "●", SECONDARY: "○"}
"""How a matrix cell shows a primary or secondary mark; an empty cell means neither."""
MATRIX_TITLES = {
    "stakeholder": "Who each role works with",
    "responsibility": "What each role is responsible for",
}
MATRIX_LEGENDS = {
    "stakeholder": f"{CELL_MARKS[PRIMARY]} works with this stakeholder",
    "responsibility": (
        f"{CELL_MARKS[PRIMARY]} primary: owns it, {CELL_MARKS[SECONDARY]} secondary: supports it"
    ),
}
MATRIX_CORNERS = {"stakeholder": "Stakeholder", "responsibility": "Area"}
"""The heading over the first column when a matrix is transposed."""
UNBOUNDED = 1_000_000
AXIS_CHARS = frozenset("│└─┴")


# -- match -----------------------------------------------------------------------------------


def fit_table(fits: Sequence[Fit], catalogue: Catalogue) -> Table:
    """Roles best fit first: the score, what matched and what the role also needs."""
    table = new_table(
        "How well each role fits your answers",
        "Fit: the share of your answers the role matches (see pmroles match --help)",
    )
    table.add_column("Role", style="bold", overflow="fold")
    table.add_column("Fit", justify="right", no_wrap=True)
    table.add_column("Matches", overflow="fold")
    table.add_column("Also needs", overflow="fold")
    names = {s.id: s.name for s in catalogue.stakeholders.values()}
    for fit in fits:
        matched = []
        for m in fit.matched:
            item = names.get(m.item, m.item) if m.category == "stakeholder" else m.item
            partial = f" ({percent(m.credit)})" if m.credit < 1 else ""
            matched.append(f"{m.category}: {m.answer} → {item}{partial}")
        by_aspect: dict[str, list[str]] = {}
        for aspect, item in fit.missing:
            shown = names.get(item, item) if aspect == "interactions" else item
            by_aspect.setdefault(aspect, []).append(shown)
        missing = [
            f"{ASPECT_BY_KEY[a].label if a in ASPECT_BY_KEY else a}: {'; '.join(items)}"
            for a, items in by_aspect.items()
        ]
        table.add_row(
            safe_text(role_heading(fit.role)),
            Text(percent(fit.score)),
            bullet_list(matched) if matched else Text("-"),
            bullet_list(missing) if missing else Text("-"),
        )
    return table


# -- matrices --------------------------------------------------------------------------------


def matrix_table(
    matrix: Matrix, title: str | None = None, *, transpose: bool = False, whole_words: bool = True
) -> Table:
    """Roles down and stakeholders or areas across (or, transposed, the other way round);
    ● primary, ○ secondary, blank neither."""
    caption = MATRIX_LEGENDS[matrix.by]
    if not matrix.columns:
        caption = "No role marks any " + (
            "stakeholder" if matrix.by == "stakeholder" else "area of responsibility"
        )
    table = new_table(title or MATRIX_TITLES[matrix.by], caption)
    table.show_lines = False
    if not matrix.columns:
        table.min_width = len(caption) + 2  # or the caption wraps to the width of one column
    if transpose:
        # Wide enough for the longest word of any label: folding 'Requirements' mid-word
        # reads worse than a wider first column.
        words = (cell_len(w) for c in matrix.columns for w in c.label.split())
        longest = max(words, default=0) if whole_words else 0
        table.add_column(
            MATRIX_CORNERS[matrix.by], style="bold", overflow="fold", min_width=longest
        )
        for row in matrix.rows:
            table.add_column(safe_text(row.id, "bold"), justify="center", no_wrap=True)
        for index, column in enumerate(matrix.columns):
            marks = [_mark(values[index]) for values in matrix.cells]
            table.add_row(safe_text(column.label), *marks)
        return table
    table.add_column("Role", style="bold", overflow="fold")
    for column in matrix.columns:
        table.add_column(safe_text(column.label, "bold"), justify="center", overflow="fold")
    for row, values in zip(matrix.rows, matrix.cells, strict=True):
        table.add_row(safe_text(f"{row.label} ({row.id})"), *(_mark(value) for value in values))
    return table


def _mark(value: str | None) -> Text:
    return Text(CELL_MARKS.get(value, "") if value else "")


class MatrixView:
    """A matrix that picks its orientation when printed: roles down if that fits the width
    without wrapping, else roles across (their ids head the columns), else the narrower."""

    def __init__(self, matrix: Matrix, title: str | None = None) -> None:
        self.matrix = matrix
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.choose(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.choose(console, options))

    def choose(self, console: Console, options: ConsoleOptions) -> Table:
        unbounded = options.update_width(UNBOUNDED)  # Measurement.get clamps to the width
        wide = matrix_table(self.matrix, self.title)
        wide_width = Measurement.get(console, unbounded, wide).maximum
        if wide_width <= options.max_width:
            return wide
        tall = matrix_table(self.matrix, self.title, transpose=True)
        if Measurement.get(console, unbounded, tall).minimum > options.max_width:
            # Too narrow for whole words in the first column: fold them rather than crop.
            tall = matrix_table(self.matrix, self.title, transpose=True, whole_words=False)
        tall_width = Measurement.get(console, unbounded, tall).maximum
        return tall if tall_width < wide_width else wide


def matrix_view(matrix: Matrix, title: str | None = None) -> RenderableType:
    """`matrix_table` in whichever orientation fits the terminal (see MatrixView)."""
    return MatrixView(matrix, title)


# -- the role map ----------------------------------------------------------------------------


def map_picture(result: RoleMap, width: int, height: int) -> RenderableType:
    """The map as text, marks in bold and axes dim; never wrapped, cropped if too wide.

    Wrapped in a Group because `Console.print` joins bare `Text` arguments into a new `Text`
    that forgets `no_wrap`.
    """
    picture = Text(no_wrap=True, overflow="crop")
    for index, line in enumerate(render_lines(result.points, width, height)):
        if index:
            picture.append("\n")
        text = Text(inert(line))
        for offset, char in enumerate(text.plain):
            if char == MARKER:
                text.stylize("bold", offset, offset + 1)
            elif char in AXIS_CHARS:
                text.stylize("dim", offset, offset + 1)
        picture.append_text(text)
    return Group(picture)


def map_view(result: RoleMap, width: int, height: int) -> RenderableType:
    """The map, a key from ids to names, and the roles it could not place."""
    parts: list[RenderableType] = [map_picture(result, width, height)]
    if result.points:
        key = Table.grid(padding=(0, 2, 0, 0))
        key.add_column(style="bold", no_wrap=True)
        key.add_column(overflow="fold")
        for point in result.points:
            key.add_row(safe_text(point.role_id), safe_text(point.name))
        parts += [Text(""), key]
    if result.unplaced:
        parts += [
            Text(""),
            safe_text(
                "Not on the map (orientation or horizon unknown): " + ", ".join(result.unplaced),
                "dim",
            ),
        ]
    return Group(*parts)
