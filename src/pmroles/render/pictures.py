"""Rich renderables for `match`, the matrices and the role map; nothing here prints.

Catalogue text always goes in as `Text(inert(...))`, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from pmroles.answers.fit import Ranking
from pmroles.answers.matrix import PRIMARY, SECONDARY, TITLES, Matrix
from pmroles.answers.rolemap import HOLLOW, MARKER, RoleMap, render_lines
from pmroles.model import Catalogue, display_names
from pmroles.render.layout import MIN_WIDTH, Cell, Column, Grid, Paragraph
from pmroles.render.tables import (
    EDITORIAL_LEGEND,
    EDITORIAL_MARK,
    bullets,
    role_heading,
)
from pmroles.render.text import inert, percent
from pmroles.render.wording import matched_line, needs_lines

CELL_MARKS = {PRIMARY: "●", SECONDARY: "○"}
"""How a matrix cell shows a primary or secondary mark; an empty cell means neither."""
PLACED_EDITORIAL = "placed from editorial items (pmroles' summary; --sourced-only leaves them out)"
MATRIX_LEGENDS = {
    "stakeholder": f"{CELL_MARKS[PRIMARY]} works with this stakeholder",
    "responsibility": (
        f"{CELL_MARKS[PRIMARY]} primary: owns it, {CELL_MARKS[SECONDARY]} secondary: supports it"
    ),
}
MATRIX_CORNERS = {"stakeholder": "Stakeholder", "responsibility": "Area"}
"""The heading over the first column when a matrix is transposed."""
AXIS_CHARS = frozenset("│└─┴")


# -- match -----------------------------------------------------------------------------------


def fit_table(ranking: Ranking, catalogue: Catalogue) -> Grid:
    """The roles shown, best fit first: the score, what matched and what the role also
    needs; the caption says how many roles fit and how to see the rest."""
    names = display_names(catalogue)
    rows: list[list[Cell]] = []
    editorial = False
    for fit in ranking.shown:
        matched = []
        for m in fit.matched:
            line, marked = matched_line(m, fit.role, catalogue, names, mark=EDITORIAL_MARK)
            matched.append(line)
            editorial = editorial or marked
        needs, marked = needs_lines(fit, names, EDITORIAL_MARK)
        editorial = editorial or marked
        missing = [f"{label}: {'; '.join(items)}" for label, items in needs]
        rows.append(
            [
                role_heading(fit.role),
                percent(fit.score),
                bullets(matched) if matched else "-",
                bullets(missing) if missing else "-",
            ]
        )
    columns = [
        Column("Role", bold=True),
        Column("Fit", justify="right"),
        Column("Matches"),
        Column("Also needs"),
    ]
    return Grid(
        "How well each role fits your answers",
        columns,
        rows,
        caption=[
            _how_many(ranking),
            "Fit: how much of your answers the role covers; an answer found only in another "
            "aspect, or as a broader or narrower concept, counts half (pmroles match --help)",
            EDITORIAL_LEGEND if editorial else "",
        ],
        show_header=bool(rows),  # no role fits: the caption says so
    )


def _how_many(ranking: Ranking) -> str:
    """E.g. `3 of 10 roles fit; --all shows every role`."""
    total, fitting, shown = len(ranking.roles), ranking.fitting, len(ranking.shown)
    if shown < fitting:
        return (
            f"The best {shown} of the {fitting} roles that fit ({total} in all); "
            f"--top {fitting} shows all that fit, --all every role"
        )
    counted = f"{fitting} of {total} role{'' if total == 1 else 's'} fit"
    return counted if ranking.every or fitting == total else f"{counted}; --all shows every role"


# -- matrices --------------------------------------------------------------------------------


def short_codes(ids: Sequence[str]) -> dict[str, str]:
    """A column heading of at most five characters for each role id: the id itself when
    short, else its first hyphenated part, else its first four letters; made unique."""
    codes: dict[str, str] = {}
    for role_id in ids:
        first = role_id.split("-")[0]
        if len(role_id) <= 5:
            code = role_id
        elif 0 < len(first) <= 5:
            code = first
        else:
            code = role_id.replace("-", "")[:4] or role_id[:4]
        taken = set(codes.values()) | (set(ids) - {role_id})
        unique, number = code, 2
        while unique in taken:
            unique, number = f"{code[:4]}{number}", number + 1
        codes[role_id] = unique
    return codes


def _mark(value: str | None, editorial: bool = False) -> str:
    if not value:
        return ""
    return CELL_MARKS.get(value, "") + (EDITORIAL_MARK if editorial else "")


def _matrix_grid(
    matrix: Matrix, headings: Sequence[str], indices: Sequence[int], title: str | None
) -> Grid:
    """The rows (stakeholders or areas) down, the roles at `indices` across."""
    columns = [Column(MATRIX_CORNERS[matrix.by], bold=True)]
    columns += [Column(headings[i], justify="center", bold=True) for i in indices]
    rows: list[list[Cell]] = [
        [
            column.label,
            *(
                _mark(matrix.cells[i][index], (matrix.rows[i].id, column.id) in matrix.editorial)
                for i in indices
            ),
        ]
        for index, column in enumerate(matrix.columns)
    ]
    return Grid(title, columns, rows, lines=False)


class MatrixView:
    """A matrix that picks its layout when drawn, the first that fits the width: role ids
    across; short codes across; the roles split over several tables of codes; one line per
    role. A key from headings to role names and the marks' legend follow."""

    def __init__(self, matrix: Matrix, title: str | None = None) -> None:
        self.matrix = matrix
        self.title = title or TITLES[matrix.by]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        matrix, width = self.matrix, options.max_width
        legend: RenderableType = Paragraph(MATRIX_LEGENDS[matrix.by], style="dim")
        if matrix.editorial:
            legend = Group(legend, Paragraph(EDITORIAL_LEGEND, style="dim"))
        if not matrix.columns or not matrix.rows:
            what = "stakeholder" if matrix.by == "stakeholder" else "area of responsibility"
            yield Paragraph(self.title, style="bold")
            yield Paragraph(f"No role marks any {what}", style="dim")
            return
        ids = [row.id for row in matrix.rows]
        everyone = list(range(len(ids)))
        codes = short_codes(ids)
        for headings in (ids, [codes[i] for i in ids]):
            grid = _matrix_grid(matrix, headings, everyone, self.title)
            if width >= MIN_WIDTH and grid.min_width() <= width:
                yield grid
                yield legend
                yield self._key(headings)
                return
        headings = [codes[i] for i in ids]
        chunks = self._chunks(headings, width)
        if chunks is None:
            yield from self._lists()
            yield legend
            return
        for number, chunk in enumerate(chunks):
            yield _matrix_grid(matrix, headings, chunk, self.title if number == 0 else None)
        yield legend
        yield self._key(headings)

    def _chunks(self, headings: Sequence[str], width: int) -> list[list[int]] | None:
        """The roles in runs that each fit `width` as one table; None if one role won't."""
        if width < MIN_WIDTH:
            return None
        chunks: list[list[int]] = []
        current: list[int] = []
        for index in range(len(headings)):
            trial = [*current, index]
            if _matrix_grid(self.matrix, headings, trial, None).min_width() <= width:
                current = trial
            elif current:
                chunks.append(current)
                current = [index]
                if _matrix_grid(self.matrix, headings, current, None).min_width() > width:
                    return None
            else:
                return None
        chunks.append(current)
        return chunks

    def _key(self, headings: Sequence[str]) -> Paragraph:
        parts = []
        for heading, row in zip(headings, self.matrix.rows, strict=True):
            named = row.label if heading == row.id else f"{row.label} ({row.id})"
            parts.append(f"{heading} = {named}")
        return Paragraph("Roles: " + "; ".join(parts), style="dim")

    def _lists(self) -> RenderResult:
        """One paragraph per role: what it is marked for, by kind of mark."""
        matrix = self.matrix
        yield Paragraph(self.title, style="bold")
        for row, cells in zip(matrix.rows, matrix.cells, strict=True):
            kinds = []
            for value, label in ((PRIMARY, "●"), (SECONDARY, "○")):
                marked = [
                    c.label for c, cell in zip(matrix.columns, cells, strict=True) if cell == value
                ]
                if marked:
                    kinds.append(f"{label} {', '.join(marked)}")
            yield Paragraph(f"{row.label} ({row.id}): {'; '.join(kinds) or '-'}")


def matrix_view(matrix: Matrix, title: str | None = None) -> RenderableType:
    """The matrix in the first layout that fits the terminal (see MatrixView)."""
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
            if char in (MARKER, HOLLOW):
                text.stylize("bold", offset, offset + 1)
            elif char in AXIS_CHARS:
                text.stylize("dim", offset, offset + 1)
        picture.append_text(text)
    return Group(picture)


def map_view(
    result: RoleMap, width: int, height: int, names: Mapping[str, str] | None = None
) -> RenderableType:
    """The map, a key from ids to names, and the roles it could not place (by `names`)."""
    unplaced = [(names or {}).get(role_id, role_id) for role_id in result.unplaced]
    parts: list[RenderableType] = [map_picture(result, width, height)]
    if result.points:
        parts.append(Text(""))
        parts += [Paragraph(f"{point.role_id} = {point.name}") for point in result.points]
        if any(point.editorial for point in result.points):
            parts.append(
                Paragraph(
                    f"{MARKER} placed from the articles, {HOLLOW} " + PLACED_EDITORIAL, style="dim"
                )
            )
    if result.unplaced:
        parts += [
            Text(""),
            Paragraph(
                "Not on the map (orientation or horizon unknown): " + ", ".join(unplaced),
                style="dim",
            ),
        ]
    return Group(*parts)
