"""The role map as a page (`pmroles map` in Markdown, HTML and text): the picture as a figure,
with words that say what it shows for those who cannot see it, above a table of where each
role stands in words. Plain data in, a `Page` out; no Rich.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmroles.answers.rolemap import (
    HOLLOW,
    MARKER,
    MapTooSmallError,
    RoleMap,
    fitted_lines,
    height_words,
    render_lines,
    side_words,
)
from pmroles.model import Catalogue
from pmroles.render.page import Block, Figure, Heading, Page, Paragraph, Table
from pmroles.render.wording import joined

WIDTH = 100
"""The picture's columns when --width is not given: those of a text export."""
LARGER = ((120, 32), (160, 48))
"""Tried in turn, without --width, when a label finds no room at the first size."""
EXPLAINED = (
    "Every role on two axes: from business to technical orientation across, from tactical "
    "(short term) to strategic (long term) up. Positions come from each role's orientation "
    "and horizon in the catalogue; a role missing either is not placed, never guessed."
)


def map_alt(result: RoleMap) -> str:
    """What the picture shows, in words: the axes, then who stands where, top to bottom."""
    groups: dict[tuple[float, float], list[str]] = {}
    for point in result.points:
        groups.setdefault((point.x, point.y), []).append(point.name)
    where = "; ".join(
        f"{joined(names)}: {side_words(x)}, {height_words(y)}"
        for (x, y), names in sorted(groups.items(), key=lambda kv: (-kv[0][1], kv[0][0]))
    )
    return (
        "A map of the roles: business on the left, technical on the right, tactical (short "
        f"term) at the bottom, strategic (long term) at the top. {where}."
    )


def map_figure(result: RoleMap, lines: Sequence[str]) -> Figure:
    """The picture drawn as `lines` (see `pmroles.answers.rolemap.render_lines`), with its
    alt text and a caption saying how to read it."""
    caption = "Each role is labelled by its id, as the table below names it"
    if any(point.editorial for point in result.points):
        caption += f"; {MARKER} placed from the articles, {HOLLOW} from editorial items only"
    return Figure(tuple(lines), map_alt(result), caption + ".")


def map_page(
    result: RoleMap, catalogue: Catalogue, title: str, width: int | None = None, height: int = 16
) -> Page:
    """The map as `pmroles map` draws it (at `width` x `height`; without `width`, WIDTH or
    the first larger size every label fits in), then where each role stands, in words."""
    from pmroles.render.documents import map_tabular

    lines: Sequence[str] | None = None
    if result.points and width is not None:
        lines = render_lines(result.points, width, height)  # too small: said as the view says it
    elif result.points:
        try:
            lines = render_lines(result.points, WIDTH, height)
        except MapTooSmallError:
            lines = fitted_lines(result.points, LARGER)
    blocks: list[Block] = [Heading(1, title), Paragraph((EXPLAINED,))]
    if lines is not None:
        blocks.append(map_figure(result, lines))
    table = map_tabular(result, catalogue=catalogue, labelled=lines is not None)
    rows = tuple(tuple((str(cell or ""),) for cell in row) for row in table.rows)
    blocks.append(Table(tuple(table.header), rows))
    if result.unplaced:
        names = joined([catalogue.roles[r].name for r in result.unplaced])
        blocks.append(
            Paragraph((f"Not on the map, for want of an orientation or a horizon: {names}.",))
        )
    if any(point.editorial for point in result.points):
        blocks.append(
            Paragraph(
                (
                    "Marked (editorial): placed from pmroles' own summary of common practice "
                    "where the articles are silent.",
                ),
                quiet=True,
            )
        )
    return Page(title, tuple(blocks), description="The product roles on a map.")
