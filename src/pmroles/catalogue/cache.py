"""A cache of the layered catalogue, so a warm command never parses YAML.

One SQLite file per stack of catalogue files, named by a key made from pmroles' version and
each file's path, size, inode and modification times: any edit, added file or upgrade gives
a new key. Roles are stored one row each with a name index, and read lazily, so `show` on a
catalogue of ten thousand roles decodes one role. A small JSON index beside it lets shell
completion answer without importing the CLI framework.

A file changed within a few seconds of the build may change again without its key changing
(filesystems with one- or two-second timestamps), so the cache stores the CRC-32 of such
files and checks them on every read until they have settled; the first read after that
drops the check (see `paths.SETTLED_NS`).

The cache is an optimisation only. It lives in `$XDG_CACHE_HOME/pmroles` (default
`~/.cache/pmroles`); a file that is missing, corrupt, truncated or from another version is
rebuilt; a directory that cannot be written is skipped; writes go through a temporary file
and an atomic rename, so concurrent builders each leave a whole file. Every stored row and
blob carries a CRC-32 and the lists of role ids and names carry one each, so damage found
while a command reads lazily is caught where it is read: the file is then deleted and the
rest of the command is answered from the catalogue files, as if there had been no cache.
Locations name files by their place in the stack, so messages spell each file the way this
run's user named it.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pmroles.catalogue.paths import CACHE_FORMAT, digests, index_path, stack_key, unsettled
from pmroles.errors import Problem, Severity
from pmroles.model import (
    Catalogue,
    Comparison,
    Concept,
    Location,
    Relation,
    Role,
    Source,
    Stakeholder,
    normalise,
)

if TYPE_CHECKING:
    import sqlite3

KEEP = 8
"""Cache files kept per directory; older ones are removed when a new one is written."""
LEFTOVERS = (".catalogue-*.tmp", ".catalogue-*.tmp-journal", ".index-*.tmp")
"""Temporary files of a build that was killed (SIGKILL, power loss) before it cleaned up."""

_T = TypeVar("_T")

# Paths are plain strings here, as in `paths`: a warm command never imports pathlib.


def database_path(directory: str, description: str) -> str:
    return os.path.join(directory, f"catalogue-{stack_key(description)}.sqlite")


class CacheCorrupt(Exception):
    """The cache file says something it cannot mean; never leaves this module."""


_DECODING = (CacheCorrupt, ValueError, LookupError, TypeError, AttributeError, RecursionError)
"""What decoding damaged data can raise (with sqlite3.Error, imported late)."""


def _crc(data: bytes) -> int:
    return zlib.crc32(data)


def _digest(items: list[Any]) -> str:
    """The count and CRC-32 of a list: the role ids in order, or the names index."""
    return f"{len(items)}:{zlib.crc32(json.dumps(items).encode()):08x}"


# -- reading -----------------------------------------------------------------------------------


def read(
    directory: str,
    description: str,
    files: Sequence[str],
    started: int,
    rebuild: Callable[[], Catalogue],
) -> tuple[Catalogue, list[Problem]] | None:
    """The cached catalogue, or None when there is no usable cache file.

    `files` are the stack's files as this run names them; `started` is the time taken before
    `description`; `rebuild` loads the catalogue from the files (and stores it), for when a
    lazy read finds damage after this has returned.
    """
    import sqlite3  # here, not above: completion reads only the JSON index

    path = database_path(directory, description)
    if not os.path.isfile(path):
        return None
    connection = None
    try:
        connection = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
        meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
        if meta.get("format") != str(CACHE_FORMAT) or meta.get("stack") != description:
            connection.close()
            return None
        if meta["unconfirmed"] != "{}":
            unconfirmed = json.loads(meta["unconfirmed"])
            if digests(list(unconfirmed)) != unconfirmed:
                connection.close()
                return None  # a file changed without its key changing: rebuilt
            if not unsettled(description, started):
                _confirm(path, directory, description, meta["unconfirmed"])
        blobs: dict[str, Any] = {}
        for name, data, crc in connection.execute("SELECT name, data, crc FROM blobs"):
            if _crc(data) != crc:
                raise CacheCorrupt(name)
            # The vocabulary is decoded when a command first reads it: `show` never does.
            blobs[name] = data if name in _LAZY_BLOBS else json.loads(data)
        store = _Store(connection, path, files, meta, rebuild, sqlite3.Error)
        catalogue = Catalogue(
            roles=_LazyRoles(store),
            stakeholders={k: _stakeholder(v, files) for k, v in blobs["stakeholders"].items()},
            sources={k: _source(v) for k, v in blobs["sources"].items()},
            comparisons={k: _comparison(v) for k, v in blobs["comparisons"].items()},
            concepts=_LazyConcepts(store, blobs["concepts"], blobs["concept_names"]),
            names=_Names(store),
        )
        warnings = [_problem(p, files) for p in blobs["warnings"]]
    except (sqlite3.Error, *_DECODING):
        if connection is not None:
            connection.close()
        return None  # corrupt, truncated or foreign: the caller rebuilds it
    return catalogue, warnings


_LAZY_BLOBS = frozenset({"concepts", "concept_names"})


class _LazyConcepts(Mapping[str, Concept]):
    """The vocabulary, decoded on first read, with the names index the cache stores
    (`names`, which `pmroles.concepts.Vocabulary` uses instead of making its own). Damage
    found then is answered from the catalogue files, as `_LazyRoles` does."""

    def __init__(self, store: _Store, concepts: bytes, names: bytes) -> None:
        self._store = store
        self._data = concepts
        self._names_data = names
        self._concepts: dict[str, Concept] | None = None
        self._names: dict[tuple[str, ...], str] | None = None

    def _decoded(self) -> dict[str, Concept]:
        if self._concepts is None:
            self._concepts = self._store.answer(self._read, lambda loaded: dict(loaded.concepts))
        return self._concepts

    def _read(self) -> dict[str, Concept]:
        data = json.loads(self._data)
        if type(data) is not dict:
            raise CacheCorrupt("concepts")
        found = {k: _concept(v, self._store.files) for k, v in data.items()}
        if any(concept.id != key for key, concept in found.items()):
            raise CacheCorrupt("concepts")
        return found

    @property
    def names(self) -> dict[tuple[str, ...], str]:
        if self._names is None:
            from pmroles.concepts import names_index

            self._names = self._store.answer(
                self._read_names, lambda loaded: names_index(loaded.concepts)
            )
        return self._names

    def _read_names(self) -> dict[tuple[str, ...], str]:
        pairs = json.loads(self._names_data)
        if type(pairs) is not list:
            raise CacheCorrupt("concept_names")
        names: dict[tuple[str, ...], str] = {}
        for pair in pairs:
            words, ident = pair  # not a pair: ValueError, damage
            if type(ident) is not str or type(words) is not list:
                raise CacheCorrupt("concept_names")
            if not all(type(word) is str for word in words):
                raise CacheCorrupt("concept_names")
            names[tuple(words)] = ident
        return names

    def __getitem__(self, key: str) -> Concept:
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())


def _uri(path: str, mode: str) -> str:
    # SQLite's URIs give `?`, `#` and `%` a meaning; escaped, any directory name works.
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode={mode}"


def _confirm(path: str, directory: str, description: str, unconfirmed: str) -> None:
    """Every file of the stack has settled and still holds what the cache was built from:
    from now on the key alone vouches for them, in the cache and in completion's index."""
    import sqlite3

    with contextlib.suppress(OSError, sqlite3.Error, ValueError):
        connection = sqlite3.connect(_uri(path, "rw"), uri=True, timeout=0)
        try:
            connection.execute("PRAGMA journal_mode = MEMORY")  # leaves no file behind
            with connection:
                connection.execute(
                    "UPDATE meta SET value = '{}' WHERE name = 'unconfirmed' AND value = ?",
                    (unconfirmed,),
                )
        finally:
            connection.close()
        index = index_path(directory, stack_key(description))
        with open(index, encoding="utf-8") as handle:
            data = json.load(handle)
        if (
            isinstance(data, dict)
            and data.get("stack") == description
            and data.pop("unconfirmed", None) is not None
        ):
            _replace(index, json.dumps(data).encode())


class _Store:
    """What the lazy mappings of one cached catalogue share: the open file and, once damage
    has been found in it, the catalogue loaded from the files instead.

    Each value the file gives is checked before it is returned, so values returned before
    the damage was found are those the files give too, and a command may mix the two."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: str,
        files: Sequence[str],
        meta: dict[str, str],
        rebuild: Callable[[], Catalogue],
        database_error: type[Exception],
    ) -> None:
        self.db = connection
        self.files = files
        self.meta = meta
        self._path = path
        self._rebuild = rebuild
        self._damage = (database_error, *_DECODING)
        self._loaded: Catalogue | None = None
        self._names: dict[str, str] | None = None

    def answer(self, cached: Callable[[], _T], loaded: Callable[[Catalogue], _T]) -> _T:
        """`cached()` from the file; `loaded(catalogue)` from the files once it is damaged."""
        if self._loaded is None:
            try:
                return cached()
            except self._damage:
                self.db.close()
                with contextlib.suppress(OSError):
                    os.unlink(self._path)
                self._loaded = self._rebuild()
        return loaded(self._loaded)

    def names(self, catalogue: Catalogue) -> dict[str, str]:
        if self._names is None:
            self._names = _names_of(catalogue)
        return self._names


class _LazyRoles(Mapping[str, Role]):
    """Roles decoded from the cache on first use, in catalogue order."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._decoded: dict[str, Role] = {}
        self._ids: list[str] | None = None
        self._known: frozenset[str] | None = None

    def __getitem__(self, key: str) -> Role:
        role = self._decoded.get(key)
        if role is None:
            role = self._store.answer(lambda: self._read(key), lambda c: c.roles.get(key))
            if role is None:
                raise KeyError(key)
            self._decoded[key] = role
        return role

    def _read(self, key: str) -> Role | None:
        """The role, None when the cache (checked whole) has no such role."""
        if not key.isascii() and not _encodable(key):
            return None  # e.g. a command-line argument that was not valid UTF-8
        db = self._store.db
        row = db.execute("SELECT data, crc FROM roles WHERE id = ?", (key,)).fetchone()
        if row is None:
            if key in self._verified_set():
                raise CacheCorrupt(key)  # listed, yet not found: the index is damaged
            return None
        data, crc = row
        if _crc(data) != crc:
            raise CacheCorrupt(key)
        decoded = json.loads(data)
        if decoded["id"] != key:
            raise CacheCorrupt(key)  # another role's row
        return _role(decoded, self._store.files)

    def _verified(self) -> list[str]:
        """Every role id in catalogue order, checked against the digest stored with them."""
        if self._ids is None:
            ids = [r[0] for r in self._store.db.execute("SELECT id FROM roles ORDER BY ord")]
            if _digest(ids) != self._store.meta["roles"]:
                raise CacheCorrupt("roles")
            self._ids = ids
        return self._ids

    def _verified_set(self) -> frozenset[str]:
        if self._known is None:
            self._known = frozenset(self._verified())
        return self._known

    def _ids_now(self) -> list[str]:
        return self._store.answer(self._verified, lambda c: list(c.roles))

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids_now())

    def __len__(self) -> int:
        return len(self._ids_now())

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            self[key]
        except KeyError:
            return False
        return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Names(Mapping[str, str]):
    """Normalised id, name or alias -> role id, answered by the cache's index."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self._all: dict[str, str] | None = None

    def __getitem__(self, key: str) -> str:
        found = self._store.answer(lambda: self._read(key), lambda c: self._store.names(c).get(key))
        if found is None:
            raise KeyError(key)
        return found

    def _read(self, key: str) -> str | None:
        if not key.isascii() and not _encodable(key):
            return None  # e.g. a command-line argument that was not valid UTF-8
        db = self._store.db
        row = db.execute("SELECT id, crc FROM names WHERE key = ?", (key,)).fetchone()
        if row is None:
            if key in self._verified():
                raise CacheCorrupt(key)
            return None
        ident, crc = row
        if not isinstance(ident, str) or _crc(f"{key}\0{ident}".encode()) != crc:
            raise CacheCorrupt(key)
        return ident

    def _verified(self) -> dict[str, str]:
        """The whole index, checked against the digest stored with it."""
        if self._all is None:
            rows = [
                list(r) for r in self._store.db.execute("SELECT key, id FROM names ORDER BY key")
            ]
            if _digest(rows) != self._store.meta["names"]:
                raise CacheCorrupt("names")
            self._all = dict(rows)
        return self._all

    def _keys(self) -> list[str]:
        return self._store.answer(
            lambda: list(self._verified()), lambda c: sorted(self._store.names(c))
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


def _names_of(catalogue: Catalogue) -> dict[str, str]:
    """Normalised id, name and alias of every role -> its id; the first role wins a name."""
    names: dict[str, str] = {}
    for role in catalogue.roles.values():
        for name in (role.id, role.name, *role.aliases):
            names.setdefault(normalise(name), role.id)
    return names


# -- writing -----------------------------------------------------------------------------------


def write(
    directory: str,
    description: str,
    files: Sequence[str],
    catalogue: Catalogue,
    warnings: list[Problem],
    unconfirmed: Mapping[str, str],
) -> None:
    """Store the catalogue; silently does nothing where the directory cannot be written.

    `files` are the stack's files as this run names them (locations name them by place);
    `unconfirmed` holds the digests of the files that had not settled (see `read`).
    """
    import sqlite3

    with contextlib.suppress(OSError, sqlite3.Error, ValueError):
        os.makedirs(directory, exist_ok=True)
        _remove_leftovers(directory)
        _write_database(directory, description, files, catalogue, warnings, unconfirmed)
        from pmroles.complete import index_lists

        # What completion offers without loading the catalogue (see `pmroles.complete`).
        index: dict[str, Any] = {"stack": description, **index_lists(catalogue)}
        if unconfirmed:
            index["unconfirmed"] = dict(unconfirmed)
        _replace(index_path(directory, stack_key(description)), json.dumps(index).encode())
        _prune(directory)


def _write_database(
    directory: str,
    description: str,
    files: Sequence[str],
    catalogue: Catalogue,
    warnings: list[Problem],
    unconfirmed: Mapping[str, str],
) -> None:
    import sqlite3
    import tempfile

    from pmroles.concepts import names_index

    place = {name: number for number, name in enumerate(files)}
    fd, temp = tempfile.mkstemp(dir=directory, prefix=".catalogue-", suffix=".tmp")
    os.close(fd)
    try:
        connection = sqlite3.connect(temp)
        # No journal: the file is nobody's until it is renamed, and a failed build is deleted.
        connection.execute("PRAGMA journal_mode = OFF")
        with connection:
            connection.executescript(
                "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB, crc INTEGER);"
                "CREATE TABLE roles (id TEXT PRIMARY KEY, ord INTEGER, data BLOB, crc INTEGER);"
                "CREATE TABLE names (key TEXT PRIMARY KEY, id TEXT, crc INTEGER);"
            )
            ids: list[str] = []
            rows: list[tuple[str, int, bytes, int]] = []
            for order, role in enumerate(catalogue.roles.values()):
                data = json.dumps(_role_data(role, place)).encode()
                ids.append(role.id)
                rows.append((role.id, order, data, _crc(data)))
            connection.executemany("INSERT INTO roles VALUES (?, ?, ?, ?)", rows)
            names = sorted(_names_of(catalogue).items())
            connection.executemany(
                "INSERT INTO names VALUES (?, ?, ?)",
                ((key, ident, _crc(f"{key}\0{ident}".encode())) for key, ident in names),
            )
            blobs = {
                "stakeholders": {
                    k: _stakeholder_data(v, place) for k, v in catalogue.stakeholders.items()
                },
                "sources": {k: _source_data(v) for k, v in catalogue.sources.items()},
                "comparisons": {k: _comparison_data(v) for k, v in catalogue.comparisons.items()},
                "concepts": {k: _concept_data(v, place) for k, v in catalogue.concepts.items()},
                # The names index, so a warm command never takes a name apart.
                "concept_names": [
                    [list(key), ident] for key, ident in names_index(catalogue.concepts).items()
                ],
                "warnings": [_problem_data(p, place) for p in warnings],
            }
            encoded = [(k, json.dumps(v).encode()) for k, v in blobs.items()]
            connection.executemany(
                "INSERT INTO blobs VALUES (?, ?, ?)", ((k, v, _crc(v)) for k, v in encoded)
            )
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("format", str(CACHE_FORMAT)),
                    ("stack", description),
                    ("unconfirmed", json.dumps(dict(unconfirmed), sort_keys=True)),
                    ("roles", _digest(ids)),
                    ("names", _digest([list(pair) for pair in names])),
                ],
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


def _remove_leftovers(directory: str) -> None:
    """Delete the temporary files killed builds left, by the rule `init` and `--export`
    follow for theirs (regular, this user's, a minute old); only the names differ."""
    from fnmatch import fnmatchcase

    from pmroles.files import remove_stale_temporary_files

    remove_stale_temporary_files(
        directory, lambda name: any(fnmatchcase(name, pattern) for pattern in LEFTOVERS)
    )


# -- the stored shapes -------------------------------------------------------------------------
# A location names its file by the file's place in the stack where it can ([place, line,
# column]), so that it reads back as this run's user named the file: `ours.yaml` in one
# directory is `../A/ours.yaml` in another, and both runs share the cache.

Places = Mapping[str, int]


def _loc(location: Location | None, place: Places) -> list[Any] | None:
    if location is None:
        return None
    return [place.get(location.file, location.file), location.line, location.column]


def _unloc(data: list[Any] | None, files: Sequence[str]) -> Location | None:
    if data is None:
        return None
    file, line, column = data
    if type(file) is int:
        if not 0 <= file < len(files):
            raise CacheCorrupt(file)
        file = files[file]
    elif type(file) is not str:
        raise CacheCorrupt(file)
    return Location(file, int(line), int(column))


def _role_data(role: Role, place: Places) -> dict[str, Any]:
    return {
        "id": role.id,
        "name": role.name,
        "aliases": list(role.aliases),
        "summary": role.summary,
        "attributes": {k: list(v) for k, v in role.attributes.items()},
        "sources": {k: list(v) for k, v in role.sources.items()},
        "location": _loc(role.location, place),
        "locations": {k: _loc(v, place) for k, v in role.locations.items()},
        "cites": {k: {i: list(ids) for i, ids in v.items()} for k, v in role.cites.items()},
        "disputes": {k: [dict(d) for d in v] for k, v in role.disputes.items()},
        "tags": _links_data(role.tags),
        "concepts": _links_data(role.concepts),
    }


def _links_data(links: Mapping[str, Mapping[str, tuple[str, ...]]]) -> dict[str, Any]:
    return {k: {i: list(ids) for i, ids in v.items()} for k, v in links.items()}


def _links(data: dict[str, Any]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {k: {i: tuple(ids) for i, ids in v.items()} for k, v in data.items()}


def _role(data: dict[str, Any], files: Sequence[str]) -> Role:
    return Role(
        data["id"],
        data["name"],
        tuple(data["aliases"]),
        data["summary"],
        {k: tuple(v) for k, v in data["attributes"].items()},
        {k: tuple(v) for k, v in data["sources"].items()},
        _unloc(data["location"], files),
        {k: loc for k, v in data["locations"].items() if (loc := _unloc(v, files)) is not None},
        {k: {i: tuple(ids) for i, ids in v.items()} for k, v in data["cites"].items()},
        {k: tuple(dict(d) for d in v) for k, v in data["disputes"].items()},
        _links(data["tags"]),
        _links(data["concepts"]),
    )


def _stakeholder_data(s: Stakeholder, place: Places) -> list[Any]:
    cites = {need: list(ids) for need, ids in s.cites.items()}
    return [
        s.id,
        s.name,
        list(s.aliases),
        list(s.needs),
        list(s.sources),
        _loc(s.location, place),
        cites,
    ]


def _stakeholder(data: list[Any], files: Sequence[str]) -> Stakeholder:
    return Stakeholder(
        data[0],
        data[1],
        tuple(data[2]),
        tuple(data[3]),
        tuple(data[4]),
        _unloc(data[5], files),
        {need: tuple(ids) for need, ids in data[6].items()},
    )


def _source_data(s: Source) -> list[Any]:
    return [s.id, s.title, s.author, s.publisher]


def _source(data: list[Any]) -> Source:
    ident, title, author, publisher = data
    # Checked, not trusted: another blob's records (a concept's) must not pass for sources.
    if type(ident) is not str or type(title) is not str:
        raise CacheCorrupt(ident)
    if any(part is not None and type(part) is not str for part in (author, publisher)):
        raise CacheCorrupt(ident)
    return Source(ident, title, author, publisher)


# The cache's own encoding of a comparison, positional like its stakeholders and sources.
# It is deliberately not `pmroles.render.documents.comparison_note_document`, although both
# hold the same fields: that is a public shape scripts depend on (its keys, its order, its
# DOCUMENT_VERSION), this is a private one read back only by `_comparison` below and
# versioned by `paths.CACHE_FORMAT`. Sharing one builder would tie a published format to
# an internal one, so changing either would silently change the other.
def _comparison_data(c: Comparison) -> list[Any]:
    return [
        c.id,
        list(c.roles),
        c.summary,
        list(c.similarities),
        list(c.differences),
        {k: list(v) for k, v in c.advantages.items()},
        {k: list(v) for k, v in c.excels.items()},
        {k: dict(v) for k, v in c.split.items()},
        list(c.sources),
        c.relation.value if c.relation is not None else None,
    ]


def _comparison(data: list[Any]) -> Comparison:
    return Comparison(
        data[0],
        (data[1][0], data[1][1]),
        data[2],
        tuple(data[3]),
        tuple(data[4]),
        {k: tuple(v) for k, v in data[5].items()},
        {k: tuple(v) for k, v in data[6].items()},
        {k: dict(v) for k, v in data[7].items()},
        tuple(data[8]),
        Relation(data[9]) if data[9] is not None else None,
    )


def _concept_data(c: Concept, place: Places) -> list[Any]:
    return [c.id, c.label, list(c.words), c.broader, _loc(c.location, place)]


def _concept(data: list[Any], files: Sequence[str]) -> Concept:
    ident, label, words, broader, location = data
    # Checked, not trusted: a blob of another shape must not decode into a vocabulary.
    if type(ident) is not str or type(label) is not str or type(words) is not list:
        raise CacheCorrupt(ident)
    if broader is not None and type(broader) is not str:
        raise CacheCorrupt(ident)
    if not all(type(word) is str for word in words):
        raise CacheCorrupt(ident)
    return Concept(ident, label, tuple(words), broader, _unloc(location, files))


def _problem_data(p: Problem, place: Places) -> list[Any]:
    return [p.message, _loc(p.location, place), p.path, p.severity.value]


def _problem(data: list[Any], files: Sequence[str]) -> Problem:
    return Problem(data[0], _unloc(data[1], files), data[2], Severity(data[3]))
