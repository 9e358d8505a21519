"""Damage a cache file can take: garbage over its pages, rows changed or deleted behind its
back, and the hand edits of the reliability report (F4, F10). Used by tests/test_hostile_cache.py.

Each kind of damage is a small frozen record with `apply(path)`, so hypothesis shows a failing
example as readable data. Rows and columns are picked by position modulo what the file holds,
so the damage does not depend on the cache's exact schema.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

PAGE_SIZE = 4096
"""SQLite's default page size, which the cache uses."""

TABLES = ("roles", "blobs", "names", "meta")


@dataclass(frozen=True)
class Garbage:
    """Bytes written over part of one page (`dd conv=notrunc`); page 0 holds the header."""

    page: int
    offset: int
    data: bytes

    def apply(self, path: Path) -> None:
        pages = max(1, path.stat().st_size // PAGE_SIZE)
        start = (self.page % pages) * PAGE_SIZE + self.offset % PAGE_SIZE
        with path.open("r+b") as handle:
            handle.seek(start)
            handle.write(self.data[: PAGE_SIZE - self.offset % PAGE_SIZE])


def _rows(connection: sqlite3.Connection, table: str) -> list[int]:
    return [r[0] for r in connection.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]


def _cell(connection: sqlite3.Connection, table: str, column: str, rowid: int) -> Any:
    """One cell's value; None also when damage elsewhere hides the row."""
    row = connection.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
    return None if row is None else row[0]


def _edit(path: Path, change: Callable[[sqlite3.Connection], None]) -> None:
    """Edit with SQLite; a file other damage has made unreadable to SQLite stays as it is."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            change(connection)
    except sqlite3.DatabaseError:
        pass
    finally:
        connection.close()


@dataclass(frozen=True)
class NewValue:
    """One cell of one row set to another value (text, a number, bytes, NULL, JSON...)."""

    table: str
    row: int
    column: int
    value: Any

    def apply(self, path: Path) -> None:
        def change(connection: sqlite3.Connection) -> None:
            rows, columns = _rows(connection, self.table), _columns(connection, self.table)
            if rows:
                rowid, column = rows[self.row % len(rows)], columns[self.column % len(columns)]
                sql = f"UPDATE {self.table} SET {column} = ? WHERE rowid = ?"
                connection.execute(sql, (self.value, rowid))

        _edit(path, change)


@dataclass(frozen=True)
class Truncated:
    """One cell cut short, like a write that stopped half-way: `{"id": "tpm", "na`."""

    table: str
    row: int
    column: int
    keep: int

    def apply(self, path: Path) -> None:
        def change(connection: sqlite3.Connection) -> None:
            rows, columns = _rows(connection, self.table), _columns(connection, self.table)
            if rows:
                rowid, column = rows[self.row % len(rows)], columns[self.column % len(columns)]
                value = _cell(connection, self.table, column, rowid)
                if isinstance(value, str | bytes) and value:
                    cut = value[: self.keep % len(value)]
                    sql = f"UPDATE {self.table} SET {column} = ? WHERE rowid = ?"
                    connection.execute(sql, (cut, rowid))

        _edit(path, change)


@dataclass(frozen=True)
class Swapped:
    """One column of two rows swapped: each row holds a well-formed value, of another row."""

    table: str
    row: int
    other: int
    column: int

    def apply(self, path: Path) -> None:
        def change(connection: sqlite3.Connection) -> None:
            rows, columns = _rows(connection, self.table), _columns(connection, self.table)
            if len(rows) < 2:
                return
            first, second = rows[self.row % len(rows)], rows[self.other % len(rows)]
            column = columns[self.column % len(columns)]
            a = _cell(connection, self.table, column, first)
            b = _cell(connection, self.table, column, second)
            put = f"UPDATE OR IGNORE {self.table} SET {column} = ? WHERE rowid = ?"
            connection.execute(put, (None, first))  # free a unique value before reusing it
            connection.execute(put, (a, second))
            connection.execute(put, (b, first))

        _edit(path, change)


@dataclass(frozen=True)
class Deleted:
    """One row deleted, while the other tables (the name index) still point at it."""

    table: str
    row: int

    def apply(self, path: Path) -> None:
        def change(connection: sqlite3.Connection) -> None:
            rows = _rows(connection, self.table)
            if rows:
                rowid = rows[self.row % len(rows)]
                connection.execute(f"DELETE FROM {self.table} WHERE rowid = ?", (rowid,))

        _edit(path, change)


@dataclass(frozen=True)
class Sql:
    """A hand edit with the sqlite3 shell, as in the report."""

    statement: str

    def apply(self, path: Path) -> None:
        _edit(path, lambda connection: connection.execute(self.statement))


Damage = Garbage | NewValue | Truncated | Swapped | Deleted | Sql


# -- the report's cases ------------------------------------------------------------------------

F10 = {
    # F10's table: what a row or blob held, and the traceback or wrong answer it gave.
    "row-truncated-json": Sql("""UPDATE roles SET data = '{"id": "tpm", "na' WHERE id = 'tpm'"""),
    "row-empty-object": Sql("UPDATE roles SET data = '{}' WHERE id = 'tpm'"),
    "row-null": Sql("UPDATE roles SET data = 'null' WHERE id = 'tpm'"),
    "row-wrong-types": Sql(
        "UPDATE roles SET data = replace(CAST(data AS TEXT), "
        """'"name": "Technical Product Manager"', '"name": 5') WHERE id = 'tpm'"""
    ),
    "row-list-for-a-mapping": Sql(
        """UPDATE roles SET data = replace(CAST(data AS TEXT), '"attributes": {', """
        """'"attributes": [], "x": {') WHERE id = 'tpm'"""
    ),
    "blob-stakeholders-list": Sql("UPDATE blobs SET data = '[1,2]' WHERE name = 'stakeholders'"),
    "blob-warnings-garbage": Sql("""UPDATE blobs SET data = '[["x"]]' WHERE name = 'warnings'"""),
    "row-deleted": Sql("DELETE FROM roles WHERE id = 'tpm'"),
    "name-deleted": Sql("DELETE FROM names WHERE id = 'tpm'"),
    "name-points-elsewhere": Sql("UPDATE names SET id = 'bpm' WHERE id = 'tpm'"),
    "another-roles-row": Sql(
        "UPDATE roles SET data = (SELECT data FROM roles WHERE id = 'bpm') WHERE id = 'tpm'"
    ),
    "order-changed": Sql("UPDATE roles SET ord = -1 WHERE id = 'tpm'"),
}
"""Hand edits of a cache built from the built-in catalogue; every command must still answer."""


# -- hypothesis strategies ---------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
values = st.one_of(
    _json.map(json.dumps),
    _json.map(lambda v: json.dumps(v).encode()),
    st.integers(-(2**63), 2**63 - 1),  # what SQLite's INTEGER holds
    st.floats(allow_nan=False),
    st.none(),
    st.binary(max_size=32),
    st.text(max_size=32),
)
"""What a cell may be changed to: JSON of the wrong shape, or not JSON, or not text."""

_tables = st.sampled_from(TABLES)
_position = st.integers(0, 10_000)

damages = st.one_of(
    st.builds(
        Garbage,
        page=_position,
        offset=st.integers(0, PAGE_SIZE - 1),
        data=st.binary(min_size=1, max_size=PAGE_SIZE),
    ),
    st.builds(
        Garbage,
        page=_position,
        offset=st.just(0),
        data=st.binary(min_size=PAGE_SIZE, max_size=PAGE_SIZE),
    ),
    st.builds(NewValue, table=_tables, row=_position, column=_position, value=values),
    st.builds(Truncated, table=_tables, row=_position, column=_position, keep=_position),
    st.builds(Swapped, table=_tables, row=_position, other=_position, column=_position),
    st.builds(Deleted, table=_tables, row=_position),
)
"""One kind of damage, anywhere in the file."""
