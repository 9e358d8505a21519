"""A cache of the layered catalogue, so a warm command never parses YAML.

One SQLite file per stack of catalogue files, named by a key made from pmroles' version and
each file's path, size, inode and modification times: any edit, added file or upgrade gives
a new key. Roles are stored one row each with a name index, and read lazily, so `show` on a
catalogue of ten thousand roles decodes one role. A small JSON index beside it lets shell
completion answer without importing the CLI framework.

The cache is an optimisation only. It lives in `$XDG_CACHE_HOME/pmroles` (default
`~/.cache/pmroles`); a file that is missing, corrupt, truncated or from another version is
rebuilt; a directory that cannot be written is skipped; writes go through a temporary file
and an atomic rename, so concurrent builders each leave a whole file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pmroles.errors import Problem, Severity
from pmroles.locations import CACHE_FORMAT, index_path, stack_key
from pmroles.model import (
    Catalogue,
    Comparison,
    Location,
    Role,
    Source,
    Stakeholder,
    normalise,
)

if TYPE_CHECKING:
    import sqlite3

KEEP = 8
"""Cache files kept per directory; older ones are removed when a new one is written."""


# Paths are plain strings here, as in `locations`: a warm command never imports pathlib.


def database_path(directory: str, description: str) -> str:
    return os.path.join(directory, f"catalogue-{stack_key(description)}.sqlite")


# -- reading -----------------------------------------------------------------------------------


def read(directory: str, description: str) -> tuple[Catalogue, list[Problem]] | None:
    """The cached catalogue, or None when there is no usable cache file."""
    import sqlite3  # here, not above: completion reads only the JSON index

    path = database_path(directory, description)
    if not os.path.isfile(path):
        return None
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
        meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
        if meta.get("format") != str(CACHE_FORMAT) or meta.get("stack") != description:
            connection.close()
            return None
        blobs = {
            name: json.loads(data)
            for name, data in connection.execute("SELECT name, data FROM blobs")
        }
        catalogue = Catalogue(
            roles=_LazyRoles(connection),
            stakeholders={k: _stakeholder(v) for k, v in blobs["stakeholders"].items()},
            sources={k: _source(v) for k, v in blobs["sources"].items()},
            comparisons={k: _comparison(v) for k, v in blobs["comparisons"].items()},
            names=_Names(connection),
        )
        warnings = [_problem(p) for p in blobs["warnings"]]
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return None  # corrupt, truncated or foreign: the caller rebuilds it
    return catalogue, warnings


def _read_only_uri(path: str) -> str:
    # SQLite's URIs give `?`, `#` and `%` a meaning; escaped, any directory name works.
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"


class _LazyRoles(Mapping[str, Role]):
    """Roles decoded from the cache on first use, in catalogue order."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._decoded: dict[str, Role] = {}
        self._ids: list[str] | None = None

    def __getitem__(self, key: str) -> Role:
        role = self._decoded.get(key)
        if role is None:
            row = self._db.execute("SELECT data FROM roles WHERE id = ?", (key,)).fetchone()
            if row is None:
                raise KeyError(key)
            role = self._decoded[key] = _role(json.loads(row[0]))
        return role

    def __iter__(self) -> Iterator[str]:
        if self._ids is None:
            self._ids = [r[0] for r in self._db.execute("SELECT id FROM roles ORDER BY ord")]
        return iter(self._ids)

    def __len__(self) -> int:
        if self._ids is not None:
            return len(self._ids)
        return int(self._db.execute("SELECT count(*) FROM roles").fetchone()[0])

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        if key in self._decoded:
            return True
        return self._db.execute("SELECT 1 FROM roles WHERE id = ?", (key,)).fetchone() is not None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Names(Mapping[str, str]):
    """Normalised id, name or alias -> role id, answered by the cache's index."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def __getitem__(self, key: str) -> str:
        if not key.isascii() and not _encodable(key):
            raise KeyError(key)  # e.g. a command-line argument that was not valid UTF-8
        row = self._db.execute("SELECT id FROM names WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return str(row[0])

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in self._db.execute("SELECT key FROM names")])

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM names").fetchone()[0])


# -- writing -----------------------------------------------------------------------------------


def write(directory: str, description: str, catalogue: Catalogue, warnings: list[Problem]) -> None:
    """Store the catalogue; silently does nothing where the directory cannot be written."""
    import sqlite3

    with contextlib.suppress(OSError, sqlite3.Error):
        os.makedirs(directory, exist_ok=True)
        _write_database(directory, description, catalogue, warnings)
        index = {
            "stack": description,
            "roles": [[r.id, r.name] for r in catalogue.roles.values()],
            "stakeholders": [[s.id, s.name] for s in catalogue.stakeholders.values()],
        }
        _replace(index_path(directory, stack_key(description)), json.dumps(index).encode())
        _prune(directory)


def _write_database(
    directory: str, description: str, catalogue: Catalogue, warnings: list[Problem]
) -> None:
    import sqlite3
    import tempfile

    fd, temp = tempfile.mkstemp(dir=directory, prefix=".catalogue-", suffix=".tmp")
    os.close(fd)
    try:
        connection = sqlite3.connect(temp)
        with connection:
            connection.executescript(
                "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE blobs (name TEXT PRIMARY KEY, data TEXT);"
                "CREATE TABLE roles (id TEXT PRIMARY KEY, ord INTEGER, data TEXT);"
                "CREATE TABLE names (key TEXT PRIMARY KEY, id TEXT);"
            )
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", str(CACHE_FORMAT)), ("stack", description)],
            )
            connection.executemany(
                "INSERT INTO roles VALUES (?, ?, ?)",
                (
                    (role.id, order, json.dumps(_role_data(role)))
                    for order, role in enumerate(catalogue.roles.values())
                ),
            )
            names: dict[str, str] = {}
            for role in catalogue.roles.values():
                for name in (role.id, role.name, *role.aliases):
                    names.setdefault(normalise(name), role.id)
            connection.executemany("INSERT INTO names VALUES (?, ?)", names.items())
            blobs = {
                "stakeholders": {
                    k: _stakeholder_data(v) for k, v in catalogue.stakeholders.items()
                },
                "sources": {k: _source_data(v) for k, v in catalogue.sources.items()},
                "comparisons": {k: _comparison_data(v) for k, v in catalogue.comparisons.items()},
                "warnings": [_problem_data(p) for p in warnings],
            }
            connection.executemany(
                "INSERT INTO blobs VALUES (?, ?)", ((k, json.dumps(v)) for k, v in blobs.items())
            )
        connection.close()
        os.replace(temp, database_path(directory, description))
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _replace(path: str, data: bytes) -> None:
    import tempfile

    fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".index-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _prune(directory: str) -> None:
    """Keep the newest KEEP caches; stacks not used lately are rebuilt if they come back."""
    import glob

    databases = sorted(
        glob.glob(os.path.join(glob.escape(directory), "catalogue-*.sqlite")),
        key=os.path.getmtime,
    )
    for old in databases[:-KEEP]:
        key = os.path.basename(old).removeprefix("catalogue-").removesuffix(".sqlite")
        for path in (old, index_path(directory, key)):
            with contextlib.suppress(OSError):
                os.unlink(path)


# -- the stored shapes -------------------------------------------------------------------------


def _loc(location: Location | None) -> list[Any] | None:
    return None if location is None else [location.file, location.line, location.column]


def _unloc(data: list[Any] | None) -> Location | None:
    return None if data is None else Location(str(data[0]), int(data[1]), int(data[2]))


def _role_data(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "name": role.name,
        "aliases": list(role.aliases),
        "summary": role.summary,
        "attributes": {k: list(v) for k, v in role.attributes.items()},
        "sources": {k: list(v) for k, v in role.sources.items()},
        "location": _loc(role.location),
        "locations": {k: _loc(v) for k, v in role.locations.items()},
    }


def _role(data: dict[str, Any]) -> Role:
    return Role(
        data["id"],
        data["name"],
        tuple(data["aliases"]),
        data["summary"],
        {k: tuple(v) for k, v in data["attributes"].items()},
        {k: tuple(v) for k, v in data["sources"].items()},
        _unloc(data["location"]),
        {k: loc for k, v in data["locations"].items() if (loc := _unloc(v)) is not None},
    )


def _stakeholder_data(s: Stakeholder) -> list[Any]:
    return [s.id, s.name, list(s.aliases), list(s.needs), list(s.sources), _loc(s.location)]


def _stakeholder(data: list[Any]) -> Stakeholder:
    return Stakeholder(
        data[0], data[1], tuple(data[2]), tuple(data[3]), tuple(data[4]), _unloc(data[5])
    )


def _source_data(s: Source) -> list[Any]:
    return [s.id, s.title, s.author, s.publisher]


def _source(data: list[Any]) -> Source:
    return Source(data[0], data[1], data[2], data[3])


def _comparison_data(c: Comparison) -> dict[str, Any]:
    return {
        "id": c.id,
        "roles": list(c.roles),
        "summary": c.summary,
        "similarities": list(c.similarities),
        "differences": list(c.differences),
        "advantages": {k: list(v) for k, v in c.advantages.items()},
        "excels": {k: list(v) for k, v in c.excels.items()},
        "split": {k: dict(v) for k, v in c.split.items()},
        "sources": list(c.sources),
    }


def _comparison(data: dict[str, Any]) -> Comparison:
    return Comparison(
        data["id"],
        (data["roles"][0], data["roles"][1]),
        data["summary"],
        tuple(data["similarities"]),
        tuple(data["differences"]),
        {k: tuple(v) for k, v in data["advantages"].items()},
        {k: tuple(v) for k, v in data["excels"].items()},
        {k: dict(v) for k, v in data["split"].items()},
        tuple(data["sources"]),
    )


def _problem_data(p: Problem) -> list[Any]:
    return [p.message, _loc(p.location), p.path, p.severity.value]


def _problem(data: list[Any]) -> Problem:
    return Problem(data[0], _unloc(data[1]), data[2], Severity(data[3]))
