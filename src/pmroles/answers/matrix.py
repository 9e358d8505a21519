"""Roles against stakeholders or areas of responsibility, as a grid of marks. Plain data only.

The stakeholder matrix marks a role 'primary' for every stakeholder its interactions name.
The responsibility matrix marks a role 'primary' for the areas it owns (is accountable for)
and 'secondary' for the areas it supports (contributes to); owning wins when a role lists
an area under both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from pmroles.model import RESPONSIBILITY_AREAS, Catalogue, Role

PRIMARY = "primary"
SECONDARY = "secondary"

AREA_LABELS: Mapping[str, str] = dict(RESPONSIBILITY_AREAS)


class MatrixKind(StrEnum):
    """What a matrix draws roles against; also the choices of `pmroles matrix --by`."""

    STAKEHOLDER = "stakeholder"
    RESPONSIBILITY = "responsibility"


TITLES: Mapping[str, str] = {
    MatrixKind.STAKEHOLDER: "Who each role works with",
    MatrixKind.RESPONSIBILITY: "What each role is responsible for",
}
"""A matrix's title, by kind: the terminal view's heading, the page's title."""


class Header(NamedTuple):
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Matrix:
    by: MatrixKind
    rows: tuple[Header, ...]
    """Roles, in catalogue order or the order they were named."""
    columns: tuple[Header, ...]
    """Stakeholders or areas at least one role marks, in catalogue or RESPONSIBILITY_AREAS order."""
    cells: tuple[tuple[str | None, ...], ...]
    """cells[row][column]: 'primary', 'secondary' or None."""
    editorial: frozenset[tuple[str, str]] = frozenset()
    """(role id, column id) of the marks that come from editorial items only."""

    def cell(self, row_id: str, column_id: str) -> str | None:
        rows = [h.id for h in self.rows]
        columns = [h.id for h in self.columns]
        if row_id not in rows or column_id not in columns:
            return None
        return self.cells[rows.index(row_id)][columns.index(column_id)]


def _roles(catalogue: Catalogue, ids: Sequence[str] | None) -> list[Role]:
    """The roles `ids` name, in that order; every role, in catalogue order, for None."""
    if ids is None:
        return list(catalogue.roles.values())
    return [catalogue.roles[role_id] for role_id in ids]


def stakeholder_matrix(catalogue: Catalogue, ids: Sequence[str] | None = None) -> Matrix:
    """Roles (`ids`, or all) x the stakeholders any of them works with; 'primary' where the
    role works with one."""
    roles = _roles(catalogue, ids)
    marks = {role.id: dict.fromkeys(role.get("interactions"), PRIMARY) for role in roles}
    editorial = {
        (role.id, item)
        for role in roles
        for item in role.get("interactions")
        if role.is_editorial("interactions", item)
    }
    used = {s for by_column in marks.values() for s in by_column}
    columns = [Header(s.id, s.name) for s in catalogue.stakeholders.values() if s.id in used]
    # Ids no stakeholder record defines (a hand-built catalogue) still get a column.
    known = {h.id for h in columns}
    columns += [Header(s, s) for s in _first_seen(marks) if s in used and s not in known]
    return _matrix(MatrixKind.STAKEHOLDER, roles, columns, marks, editorial)


def responsibility_matrix(catalogue: Catalogue, ids: Sequence[str] | None = None) -> Matrix:
    """Roles (`ids`, or all) x the areas any of them owns or supports: 'primary' for owns,
    'secondary' for supports."""
    roles = _roles(catalogue, ids)
    marks: dict[str, dict[str, str]] = {}
    editorial: set[tuple[str, str]] = set()
    for role in roles:
        by_area = dict.fromkeys(role.get("supports"), SECONDARY)
        by_area.update(dict.fromkeys(role.get("owns"), PRIMARY))
        marks[role.id] = by_area
        for area, mark in by_area.items():
            if role.is_editorial("owns" if mark == PRIMARY else "supports", area):
                editorial.add((role.id, area))
    used = {area for by_area in marks.values() for area in by_area}
    columns = [Header(area, label) for area, label in RESPONSIBILITY_AREAS if area in used]
    # An area outside the closed set (a hand-built catalogue) is shown, not dropped.
    columns += [Header(a, a) for a in _first_seen(marks) if a not in AREA_LABELS]
    return _matrix(MatrixKind.RESPONSIBILITY, roles, columns, marks, editorial)


def _first_seen(marks: Mapping[str, Mapping[str, str]]) -> list[str]:
    return list(dict.fromkeys(column for by_column in marks.values() for column in by_column))


def _matrix(
    by: MatrixKind,
    roles: Sequence[Role],
    columns: list[Header],
    marks: Mapping[str, Mapping[str, str]],
    editorial: set[tuple[str, str]],
) -> Matrix:
    rows = tuple(Header(role.id, role.name) for role in roles)
    cells = tuple(tuple(marks[row.id].get(column.id) for column in columns) for row in rows)
    return Matrix(by, rows, tuple(columns), cells, frozenset(editorial))
