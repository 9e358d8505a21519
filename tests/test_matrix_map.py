"""Matrices and the role map: contents on hand-built catalogues, layout invariants, rendering.

Roles are built directly, not from YAML: `owns`, `supports` and `orientation` are read with
`Role.get` before the loader knows them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from pmroles.answers.matrix import (
    AREA_LABELS,
    RESPONSIBILITY_AREAS,
    Header,
    Matrix,
    responsibility_matrix,
    stakeholder_matrix,
)
from pmroles.answers.rolemap import (
    MARKER,
    Label,
    MapPoint,
    MapTooSmallError,
    RoleMap,
    layout,
    render_lines,
    role_map,
)
from pmroles.catalogue.loader import check_text
from pmroles.model import Catalogue, Role, Stakeholder
from pmroles.render.documents import map_document, map_tabular, matrix_document, matrix_tabular
from pmroles.render.pictures import map_picture, map_view, matrix_view, short_codes

P, S = "primary", "secondary"


def role(role_id: str, name: str | None = None, **attributes: Sequence[str]) -> Role:
    return Role(
        id=role_id,
        name=name or role_id.upper(),
        attributes={key: tuple(values) for key, values in attributes.items()},
    )


def catalogue(*roles: Role) -> Catalogue:
    stakeholders = {
        s.id: s
        for s in (
            Stakeholder("sales", "Sales"),
            Stakeholder("legal", "Legal"),
            Stakeholder("it", "IT"),
            Stakeholder("press", "Press"),
        )
    }
    return Catalogue(roles={r.id: r for r in roles}, stakeholders=stakeholders)


def _render(renderable: object, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


# -- stakeholder matrix ----------------------------------------------------------------------


STAKEHOLDER_ROLES = catalogue(
    role("a", "Alpha", interactions=["legal", "sales"]),
    role("b", "Beta", interactions=["sales", "it"]),
    role("c", "Gamma"),
)


def test_stakeholder_matrix_rows_columns_and_cells() -> None:
    matrix = stakeholder_matrix(STAKEHOLDER_ROLES)
    assert matrix.by == "stakeholder"
    assert matrix.rows == (Header("a", "Alpha"), Header("b", "Beta"), Header("c", "Gamma"))
    # Catalogue order, and only stakeholders some role works with (no press).
    assert matrix.columns == (
        Header("sales", "Sales"),
        Header("legal", "Legal"),
        Header("it", "IT"),
    )
    assert matrix.cells == ((P, P, None), (P, None, P), (None, None, None))
    assert matrix.cell("b", "it") == P
    assert matrix.cell("c", "sales") is None
    assert matrix.cell("c", "press") is None


def test_stakeholder_matrix_from_yaml_catalogue() -> None:
    text = """
stakeholders:
  sales: {name: Sales}
  it: {name: IT}
roles:
  x: {name: X, interactions: [it]}
  y: {name: Y, interactions: [it, sales]}
"""
    loaded, problems = check_text(text, "m.yaml")
    assert loaded is not None, problems
    matrix = stakeholder_matrix(loaded)
    assert [h.id for h in matrix.columns] == ["sales", "it"]
    assert matrix.cells == ((None, P), (P, P))


def test_stakeholder_document_and_tabular() -> None:
    matrix = stakeholder_matrix(STAKEHOLDER_ROLES)
    assert matrix_document(matrix) == {
        "version": 2,
        "by": "stakeholder",
        "rows": ["a", "b", "c"],
        "columns": ["sales", "legal", "it"],
        "cells": {"a": {"sales": P, "legal": P}, "b": {"sales": P, "it": P}, "c": {}},
    }
    table = matrix_tabular(matrix)
    header, rows = table.header, table.rows
    assert header == ["id", "name", "sales", "legal", "it"]
    assert rows == [
        ["a", "Alpha", P, P, ""],
        ["b", "Beta", P, "", P],
        ["c", "Gamma", "", "", ""],
    ]


# -- responsibility matrix -------------------------------------------------------------------


RESPONSIBILITY_ROLES = catalogue(
    role("a", "Alpha", owns=["roadmap", "strategy"], supports=["pricing"]),
    role("b", "Beta", owns=["backlog"], supports=["roadmap", "backlog"]),
    role("c", "Gamma"),
)


def test_responsibility_areas_are_the_closed_set() -> None:
    assert [area for area, _ in RESPONSIBILITY_AREAS] == [
        "strategy",
        "vision",
        "roadmap",
        "requirements",
        "specifications",
        "backlog",
        "delivery-schedule",
        "go-to-market",
        "messaging",
        "pricing",
        "p-and-l",
        "market-research",
        "customer-feedback",
        "quality",
    ]
    assert AREA_LABELS["p-and-l"] == "P&L"
    assert AREA_LABELS["specifications"] == "Technical specifications"


def test_responsibility_matrix_owns_is_primary_supports_secondary() -> None:
    matrix = responsibility_matrix(RESPONSIBILITY_ROLES)
    assert matrix.by == "responsibility"
    # Only areas some role marks, in RESPONSIBILITY_AREAS order.
    assert matrix.columns == (
        Header("strategy", "Product strategy"),
        Header("roadmap", "Roadmap"),
        Header("backlog", "Backlog"),
        Header("pricing", "Pricing"),
    )
    assert matrix.cells == (
        (P, P, None, S),
        (None, S, P, None),  # b owns and supports backlog: owning wins
        (None, None, None, None),
    )
    assert matrix_document(matrix)["cells"] == {
        "a": {"strategy": P, "roadmap": P, "pricing": S},
        "b": {"roadmap": S, "backlog": P},
        "c": {},
    }


def test_responsibility_matrix_without_the_attributes_is_empty() -> None:
    matrix = responsibility_matrix(STAKEHOLDER_ROLES)
    assert matrix.columns == ()
    assert matrix.cells == ((), (), ())
    assert "No role marks any area of responsibility" in _render(matrix_view(matrix))


def test_unknown_area_gets_a_column_rather_than_vanishing() -> None:
    matrix = responsibility_matrix(catalogue(role("a", owns=["vision", "morale"])))
    assert matrix.columns == (Header("vision", "Product vision"), Header("morale", "morale"))


def _row(out: str, label: str) -> list[str]:
    """The cells of the table row that starts with `label`, stripped."""
    line = next(line for line in out.splitlines() if line.startswith(f"│ {label} "))
    return [cell.strip() for cell in line.split("│")[1:-1]]


def test_matrix_draws_roles_across_with_marks_a_legend_and_a_key() -> None:
    out = _render(matrix_view(responsibility_matrix(RESPONSIBILITY_ROLES)), 120)
    assert _row(out, "Area") == ["Area", "a", "b", "c"]
    assert _row(out, "Product strategy") == ["Product strategy", "●", "", ""]
    assert _row(out, "Roadmap") == ["Roadmap", "●", "○", ""]
    assert _row(out, "Backlog") == ["Backlog", "", "●", ""]
    assert "● primary: owns it, ○ secondary: supports it" in out
    assert "Roles: a = Alpha; b = Beta; c = Gamma" in out
    out = _render(matrix_view(stakeholder_matrix(STAKEHOLDER_ROLES)))
    assert _row(out, "Stakeholder") == ["Stakeholder", "a", "b", "c"]
    assert _row(out, "IT") == ["IT", "", "●", ""]
    assert "● works with this stakeholder" in out
    assert "○" not in out


def test_short_codes_are_short_unique_and_keep_short_ids() -> None:
    ids = ["pm", "b2c-pm", "b2b-pm", "project-manager", "brand-manager", "projection", "ba"]
    codes = short_codes(ids)
    assert codes == {
        "pm": "pm",
        "b2c-pm": "b2c",
        "b2b-pm": "b2b",
        "project-manager": "proj",
        "brand-manager": "brand",
        "projection": "proj2",
        "ba": "ba",
    }
    assert short_codes(["abc", "abc-defgh"]) == {"abc": "abc", "abc-defgh": "abc2"}


def many_roles_matrix(count: int = 12) -> Matrix:
    names = [f"Stakeholder number {i}" for i in range(6)]
    ids = [f"role-number-{i}" for i in range(count)]
    return Matrix(
        "stakeholder",
        tuple(Header(i, f"Role {n}") for n, i in enumerate(ids)),
        tuple(Header(f"s{i}", name) for i, name in enumerate(names)),
        tuple(tuple(P if (r + c) % 2 else None for c in range(6)) for r in range(count)),
    )


def test_matrix_layout_follows_the_width() -> None:
    matrix = many_roles_matrix()
    wide = _render(matrix_view(matrix), 400)
    assert _row(wide, "Stakeholder")[1:3] == ["role-number-0", "role-number-1"]
    coded = _render(matrix_view(matrix), 100)
    assert _row(coded, "Stakeholder")[1:3] == ["role", "role2"]
    assert "role2 = Role 1 (role-number-1)" in " ".join(coded.split())
    split = _render(matrix_view(matrix), 40)
    assert sum(line.startswith("│ Stakeholder") for line in split.splitlines()) > 1
    assert split.count("Who each role works with") == 1
    lists = _render(matrix_view(matrix), 20)
    assert "Role 1 (role-number-1): ● Stakeholder number 0" in " ".join(lists.split())
    for out, width in ((wide, 400), (coded, 100), (split, 40)):
        assert max(len(line) for line in out.splitlines()) <= width
        # Every mark of the matrix is drawn, whatever the layout.
        assert out.count("●") - 1 == sum(row.count(P) for row in matrix.cells)


def test_matrix_view_never_reads_markup() -> None:
    matrix = Matrix(
        "stakeholder",
        (Header("x", "[bold]x[/]"),),
        (Header("s", "[red]Sales[/red]"),),
        ((P,),),
    )
    out = _render(matrix_view(matrix), 120)
    assert "x = [bold]x[/]" in out
    assert "[red]Sales[/red]" in out


# -- map coordinates -------------------------------------------------------------------------


MAP_ROLES = catalogue(
    role("a", "Alpha", orientation=["business"], horizon=["long"]),
    role("b", "Beta", orientation=["technical", "business"], horizon=["short", "long"]),
    role("c", "Gamma", orientation=["technical"], horizon=["medium"]),
    role("d", "Delta", horizon=["short"]),
    role("e", "Epsilon", orientation=["technical"]),
    role("f", "Phi", orientation=["business"], horizon=["short", "medium", "long"]),
    role("g", "Gee", orientation=["business"], horizon=["short", "medium"]),
)


def test_map_coordinates_from_orientation_and_horizon() -> None:
    result = role_map(MAP_ROLES)
    assert result.points == (
        MapPoint("a", "Alpha", -1.0, 1.0),
        MapPoint("b", "Beta", 0.0, 0.5),
        MapPoint("c", "Gamma", 1.0, 0.5),
        MapPoint("f", "Phi", -1.0, 0.5),
        MapPoint("g", "Gee", -1.0, 0.25),
    )
    assert result.unplaced == ("d", "e")  # no orientation; no horizon


def test_map_document_and_tabular() -> None:
    result = role_map(MAP_ROLES)
    document = map_document(result)
    assert document["version"] == 2
    first = {"id": "a", "name": "Alpha", "x": -1.0, "y": 1.0, "editorial": False}
    assert document["points"][0] == first
    last = {"id": "g", "name": "Gee", "x": -1.0, "y": 0.25, "editorial": False}
    assert document["points"][-1] == last
    assert document["unplaced"] == ["d", "e"]
    table = map_tabular(result, {r.id: r.name for r in MAP_ROLES.roles.values()})
    header, rows = table.header, table.rows
    assert header == ["id", "name", "x", "y"]
    assert rows[1] == ["b", "Beta", "0", "0.5"]
    assert rows[-2:] == [["d", "Delta", "", ""], ["e", "Epsilon", "", ""]]


# -- layout ----------------------------------------------------------------------------------


SHARED = [
    ("pm", 0.0, 1.0),
    ("po", 0.0, 1.0),
    ("b2b-pm", 0.0, 1.0),
    ("b2c-pm", 0.0, 1.0),
    ("bpm", -1.0, 1.0),
    ("pmm", -1.0, 1.0),
    ("brand-manager", -1.0, 1.0),
    ("tpm", 1.0, 0.5),
    ("ba", 1.0, 0.5),
    ("project-manager", 0.0, 0.0),
]
"""Ten roles on four points, as the built-in catalogue tends to look."""


def shared_points() -> list[MapPoint]:
    return [MapPoint(role_id, role_id.upper(), x, y) for role_id, x, y in SHARED]


def assert_valid(labels: list[Label], points: Sequence[MapPoint], width: int, height: int) -> None:
    lines = render_lines(points, width, height)
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    assert sorted(label.role_id for label in labels) == sorted(p.role_id for p in points)
    markers = {(label.point_row, label.point_column) for label in labels}
    for label in labels:
        assert label.text == label.role_id
        # Inside the plot: below the top line, above the axis line, right of the y axis.
        assert 1 <= label.row <= height - 3
        assert label.column >= 1
        assert label.end <= width
        assert lines[label.row][label.column : label.end] == label.text
        assert lines[label.point_row][label.point_column] == MARKER
        for row, column in markers:
            assert not (row == label.row and label.column <= column < label.end)
    for first in labels:
        for second in labels:
            if first is not second and first.row == second.row:
                # Disjoint, with at least one blank column between them.
                assert first.end < second.column or second.end < first.column


@pytest.mark.parametrize(("width", "height"), [(60, 8), (60, 12), (60, 20), (200, 12), (200, 40)])
def test_ten_roles_on_four_points_never_overlap(width: int, height: int) -> None:
    points = shared_points()
    labels = layout(points, width, height)
    assert_valid(labels, points, width, height)
    assert len({(label.point_row, label.point_column) for label in labels}) == 4


def test_first_label_sits_right_next_to_its_marker() -> None:
    labels = {label.role_id: label for label in layout(shared_points(), 60, 12)}
    pm = labels["pm"]
    assert (pm.row, pm.column) == (pm.point_row, pm.point_column + 1)
    tpm = labels["tpm"]  # at the right edge: the label goes left of the marker
    assert (tpm.row, tpm.end) == (tpm.point_row, tpm.point_column)


def test_layout_is_deterministic() -> None:
    points = shared_points()
    assert layout(points, 60, 12) == layout(points, 60, 12)
    assert render_lines(points, 60, 12) == render_lines(points, 60, 12)


def test_picture_at_width_60() -> None:
    assert render_lines(shared_points(), 60, 12) == [
        "↑ long-term / strategic",
        "│•bpm brand-manager         po•pm",
        "│ pmm                   b2c-pm b2b-pm",
        "│",
        "│                                                        ba",
        "│                                                       tpm•",
        "│",
        "│",
        "│",
        "│                             •project-manager",
        "└─ short-term / tactical ─────┴─────────────────────────────",
        "business ←                balanced               → technical",
    ]


def test_every_role_is_placed_or_unplaced() -> None:
    result = role_map(MAP_ROLES)
    labels = layout(result.points, 60, 10)
    placed = {label.role_id for label in labels}
    assert placed.isdisjoint(result.unplaced)
    assert placed | set(result.unplaced) == set(MAP_ROLES.roles)
    assert_valid(labels, result.points, 60, 10)


def test_empty_map_still_draws_axes() -> None:
    lines = render_lines([], 40, 6)
    assert lines[0] == "↑ long-term / strategic"
    assert lines[-1].startswith("business ←")
    assert lines[-1].endswith("→ technical")
    assert MARKER not in "".join(lines)


@pytest.mark.parametrize(("width", "height"), [(29, 10), (60, 4)])
def test_too_small_for_the_axes(width: int, height: int) -> None:
    with pytest.raises(MapTooSmallError, match="at least"):
        layout(shared_points(), width, height)


def test_too_small_for_every_label() -> None:
    with pytest.raises(MapTooSmallError, match="no room left"):
        render_lines(shared_points(), 30, 5)
    long = [MapPoint("x" * 40, "X", 0.0, 0.0)]
    with pytest.raises(MapTooSmallError, match="does not fit"):
        layout(long, 30, 10)


ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
spots = st.sampled_from([(-1.0, 1.0), (0.0, 1.0), (1.0, 0.5), (0.0, 0.0), (-1.0, 0.25), (1.0, 0.0)])


@settings(max_examples=80, deadline=None)
@given(
    entries=st.lists(st.tuples(ids, spots), min_size=0, max_size=14, unique_by=lambda e: e[0]),
    width=st.integers(60, 200),
    height=st.integers(10, 30),
)
def test_layout_invariants_hold_for_any_crowd_with_room(
    entries: list[tuple[str, tuple[float, float]]], width: int, height: int
) -> None:
    # At least 7 rows of 59 columns: room for 14 labels of 12 letters many times over.
    points = [MapPoint(role_id, role_id, x, y) for role_id, (x, y) in entries]
    labels = layout(points, width, height)
    assert_valid(labels, points, width, height)
    assert layout(points, width, height) == labels


# -- terminal --------------------------------------------------------------------------------


def test_map_view_shows_picture_key_and_unplaced() -> None:
    out = _render(map_view(role_map(MAP_ROLES), 60, 10))
    assert "↑ long-term / strategic" in out
    assert "business ←" in out
    assert "•a" in out
    assert "Not on the map (orientation or horizon unknown): d, e" in out
    assert any(line.split() == ["a", "=", "Alpha"] for line in out.splitlines())


def test_map_is_cropped_not_wrapped_on_a_narrow_terminal() -> None:
    out = _render(map_picture(RoleMap(tuple(shared_points()), ()), 60, 12), 40)
    assert len(out.splitlines()) == 12


def test_map_view_never_reads_markup() -> None:
    result = RoleMap((MapPoint("x", "[bold]x[/]", 0.0, 1.0),), ("[red]y[/red]",))
    out = _render(map_view(result, 60, 8))
    assert "[bold]x[/]" in out
    assert "[red]y[/red]" in out
