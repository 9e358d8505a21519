"""Place roles on two axes and draw them as a text picture. Plain data and plain text only.

x is orientation, from business (-1) to technical (+1): a role whose orientation lists only
'business' sits at -1, only 'technical' at +1, both at 0. y is horizon, from short-term /
tactical (0) to long-term / strategic (1): the mean of its horizons, short = 0, medium = 0.5,
long = 1. A role without a known orientation or horizon is listed as not placed, never guessed.

The picture marks each point with '•' and writes the ids of the roles there next to it; when
the space beside a point is taken (several roles often share one), a label moves sideways,
then to the rows above or below, to the nearest free place. Labels never overlap each other,
a mark or the axes, and always stay inside the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pmroles.errors import PmrolesError
from pmroles.model import Catalogue, Role

ORIENTATION_X = {"business": -1.0, "technical": 1.0}
HORIZON_Y = {"short": 0.0, "medium": 0.5, "long": 1.0}

MARKER = "•"
HOLLOW = "◦"
"""The marker of a role placed from editorial items (pmroles' own summary, not an article)."""
TOP_LABEL = "↑ long-term / strategic"
BOTTOM_LABEL = "short-term / tactical"
LEFT_LABEL = "business ←"
RIGHT_LABEL = "→ technical"
CENTRE_LABEL = "balanced"
MIN_WIDTH = 30
MIN_HEIGHT = 5
"""One line above the plot, two below it, and at least two plot rows."""
ROW_COST = 2
"""Moving a label one row away from its point costs as much as this many columns sideways."""


class MapTooSmallError(PmrolesError):
    """The picture is too small for its axes or for every label."""


@dataclass(frozen=True, slots=True)
class MapPoint:
    role_id: str
    name: str
    x: float
    """-1 business, 0 balanced, +1 technical."""
    y: float
    """0 short-term / tactical to 1 long-term / strategic."""
    editorial: bool = False
    """Placed from an editorial orientation or horizon, not from an article."""


@dataclass(frozen=True, slots=True)
class RoleMap:
    points: tuple[MapPoint, ...]
    """Roles with both coordinates, in catalogue order."""
    unplaced: tuple[str, ...]
    """Ids of roles missing orientation or horizon, in catalogue order."""


def role_map(catalogue: Catalogue) -> RoleMap:
    points: list[MapPoint] = []
    unplaced: list[str] = []
    for role in catalogue.roles.values():
        x, y = coordinates(role)
        if x is None or y is None:
            unplaced.append(role.id)
            continue
        editorial = any(
            role.is_editorial(key, value)
            for key in ("orientation", "horizon")
            for value in role.get(key)
        )
        points.append(MapPoint(role.id, role.name, x, y, editorial))
    return RoleMap(tuple(points), tuple(unplaced))


def coordinates(role: Role) -> tuple[float | None, float | None]:
    """(x, y) of `role`, each None when the catalogue does not state it."""
    sides = {ORIENTATION_X[v] for v in role.get("orientation") if v in ORIENTATION_X}
    horizons = {HORIZON_Y[v] for v in role.get("horizon") if v in HORIZON_Y}
    x = (0.0 if len(sides) > 1 else next(iter(sides))) if sides else None
    y = sum(horizons) / len(horizons) if horizons else None
    return x, y


def side_words(x: float) -> str:
    """Where a role stands across, as the picture's bottom line says it: 'business',
    'technical', or 'balanced' (its orientation lists both)."""
    if x < 0:
        return "business"
    return "technical" if x > 0 else CENTRE_LABEL


def height_words(y: float) -> str:
    """Where a role stands up, from the mean of its horizons: 'tactical' (short term only),
    'mostly tactical', 'in between', 'mostly strategic', 'strategic' (long term only)."""
    if y < 0.125:
        return "tactical"
    if y < 0.375:
        return "mostly tactical"
    if y <= 0.625:
        return "in between"
    return "mostly strategic" if y < 0.875 else "strategic"


# -- the picture -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Frame:
    """Where the plot sits inside a width x height picture (0-based rows and columns)."""

    width: int
    height: int

    @property
    def top(self) -> int:
        return 1

    @property
    def bottom(self) -> int:
        """The last plot row; the axis line and the x labels follow."""
        return self.height - 3

    @property
    def left(self) -> int:
        return 1

    @property
    def right(self) -> int:
        """The last plot column."""
        return self.width - 1

    def cell(self, x: float, y: float) -> tuple[int, int]:
        """(row, column) of a point, clamped to the plot."""
        x = min(max(x, -1.0), 1.0)
        y = min(max(y, 0.0), 1.0)
        column = self.left + _half_up((x + 1) / 2 * (self.right - self.left))
        row = self.top + _half_up((1 - y) * (self.bottom - self.top))
        return row, column


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


@dataclass(frozen=True, slots=True)
class Label:
    role_id: str
    text: str
    row: int
    column: int
    """Where the text starts."""
    point_row: int
    point_column: int
    """Where its point's marker is."""

    @property
    def end(self) -> int:
        """One past the last column the text takes."""
        return self.column + len(self.text)


def _frame(width: int, height: int) -> Frame:
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise MapTooSmallError(
            f"a map needs at least {MIN_WIDTH} columns and {MIN_HEIGHT} lines, "
            f"not {width} x {height}"
        )
    return Frame(width, height)


def layout(points: Sequence[MapPoint], width: int, height: int) -> list[Label]:
    """A label for every point, placed so that none overlap and all stay in the plot.

    Markers go down first. Then labels are placed in rounds: the first role at every marker,
    then the second, and so on, so that each marker gets one label right next to it before
    any marker gets a second. Each label takes the free place with the lowest cost: the
    columns between it and its marker, plus ROW_COST per row away; ties prefer the marker's
    own row, then the right side, then rows above, then the leftmost column. Labels keep a
    blank column from other labels and from other roles' markers.

    Raises MapTooSmallError when a label fits nowhere.
    """
    frame = _frame(width, height)
    groups: dict[tuple[int, int], list[MapPoint]] = {}
    for point in points:
        groups.setdefault(frame.cell(point.x, point.y), []).append(point)
    taken: dict[tuple[int, int], str] = {cell: "marker" for cell in groups}
    labels: list[Label] = []
    rounds = max((len(group) for group in groups.values()), default=0)
    for index in range(rounds):
        for (row, column), group in groups.items():
            if index < len(group):
                point = group[index]
                label = _place(frame, taken, point.role_id, row, column)
                for c in range(label.column, label.end):
                    taken[(label.row, c)] = "label"
                labels.append(label)
    return labels


def _place(
    frame: Frame, taken: dict[tuple[int, int], str], text: str, row: int, column: int
) -> Label:
    size = len(text)
    if size == 0 or size > frame.right - frame.left + 1:
        raise MapTooSmallError(f"the label {text!r} does not fit in a {frame.width}-column map")
    rows = frame.bottom - frame.top + 1
    columns = frame.right - frame.left + 1
    right, left = column + 1, column - size
    """Where the text starts when it sits just right of the marker, or ends just before it."""
    for cost in range(ROW_COST * rows + columns + size + 1):
        best: tuple[tuple[int, int, int, int], int, int] | None = None
        for distance in range(min(cost // ROW_COST, rows) + 1):
            gap = cost - ROW_COST * distance
            for r in (row - distance, row + distance):
                if not frame.top <= r <= frame.bottom:
                    continue
                for start in (right + gap, right - gap, left - gap, left + gap):
                    if min(abs(start - right), abs(start - left)) != gap:
                        continue
                    if not _free(frame, taken, r, start, size, (row, column)):
                        continue
                    side = 0 if abs(start - right) <= abs(start - left) else 1
                    rank = (distance, side, 0 if r <= row else 1, start)
                    if best is None or rank < best[0]:
                        best = (rank, r, start)
        if best is not None:
            _, r, start = best
            return Label(text, text, r, start, row, column)
    raise MapTooSmallError(
        f"there is no room left for the label {text!r} in a {frame.width} x {frame.height} map; "
        "make the map larger"
    )


def _free(
    frame: Frame,
    taken: dict[tuple[int, int], str],
    row: int,
    start: int,
    size: int,
    own: tuple[int, int],
) -> bool:
    if start < frame.left or start + size - 1 > frame.right:
        return False
    if any((row, c) in taken for c in range(start, start + size)):
        return False
    # A blank column each side, so a label never runs into another or into another's marker.
    return all((row, c) == own or (row, c) not in taken for c in (start - 1, start + size))


def render_lines(points: Sequence[MapPoint], width: int, height: int) -> list[str]:
    """The picture as `height` lines of at most `width` characters (trailing spaces trimmed)."""
    frame = _frame(width, height)
    labels = layout(points, width, height)
    grid = [[" "] * width for _ in range(height)]
    _write(grid, 0, 0, TOP_LABEL)
    for r in range(frame.top, frame.bottom + 1):
        grid[r][0] = "│"
    axis = frame.bottom + 1
    grid[axis] = ["─"] * width
    grid[axis][0] = "└"
    centre = frame.cell(0.0, 0.0)[1]
    grid[axis][centre] = "┴"
    _write(grid, axis, 2, f" {BOTTOM_LABEL} ")
    last = height - 1
    _write(grid, last, 0, LEFT_LABEL)
    _write(grid, last, width - len(RIGHT_LABEL), RIGHT_LABEL)
    start = centre - len(CENTRE_LABEL) // 2
    if start > len(LEFT_LABEL) and start + len(CENTRE_LABEL) < width - len(RIGHT_LABEL):
        _write(grid, last, start, CENTRE_LABEL)
    # A point is hollow when every role placed on it was placed from editorial items.
    editorial = {point.role_id: point.editorial for point in points}
    marks: dict[tuple[int, int], str] = {}
    for label in labels:
        where = (label.point_row, label.point_column)
        hollow = all(editorial.get(role_id, False) for role_id in label.role_id.split(","))
        if marks.get(where) != MARKER:
            marks[where] = HOLLOW if hollow else MARKER
    for (row, column), mark in marks.items():
        grid[row][column] = mark
    for label in labels:
        _write(grid, label.row, label.column, label.text)
    return ["".join(line).rstrip() for line in grid]


def _write(grid: list[list[str]], row: int, column: int, text: str) -> None:
    line = grid[row]
    for offset, char in enumerate(text):
        if 0 <= column + offset < len(line):
            line[column + offset] = char


def fitted_lines(points: Sequence[MapPoint], sizes: Sequence[tuple[int, int]]) -> list[str] | None:
    """The picture at the first of `sizes` (width, height) every label fits in; None if
    none is large enough."""
    for width, height in sizes:
        try:
            return render_lines(points, width, height)
        except MapTooSmallError:
            continue
    return None
