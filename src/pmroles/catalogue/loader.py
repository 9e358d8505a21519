"""Turn catalogue files into a `Catalogue`; the one place that decides what a valid file is.

Every failure, from undecodable bytes to an unknown attribute, becomes a `Problem` with the
file, line, column and field path, and the loader reports all of them at once.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO, TypeVar

from pmroles.catalogue import paths
from pmroles.catalogue.layers import ConceptEntry, Layer, RoleEntry, apply_layer
from pmroles.catalogue.yamltree import (
    QUOTE_HINT,
    Mapping,
    Node,
    Scalar,
    Sequence,
    describe,
    parse,
    position,
)
from pmroles.errors import CatalogueError, Problem, Severity, out_of_memory
from pmroles.matching import MAX_SUGGESTIONS, Suggester
from pmroles.model import (
    ASPECT_BY_KEY,
    ASPECTS,
    Aspect,
    AspectKind,
    Catalogue,
    Comparison,
    Location,
    Relation,
    Source,
    Stakeholder,
    normalise,
)

T = TypeVar("T")

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Far above any hand-written catalogue, low enough to refuse junk before parsing it."""

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
"""Ids are typed on command lines, so: no spaces, no shell metacharacters."""

TOP_LEVEL_KEYS = ("roles", "stakeholders", "sources", "comparisons", "concepts")
ROLE_KEYS = (
    "name",
    "aliases",
    "extends",
    *(aspect.key for aspect in ASPECTS),
    "append",
    "sources",
    "cites",
    "disputes",
    "concepts",
)
STAKEHOLDER_KEYS = ("name", "aliases", "needs", "sources", "cites")
SOURCE_KEYS = ("title", "author", "publisher")
COMPARISON_KEYS = (
    "roles",
    "summary",
    "similarities",
    "differences",
    "advantages",
    "excels",
    "split",
    "sources",
    "relation",
)
CONCEPT_KEYS = ("label", "words", "broader", "extends")


def schema_text() -> str:
    """The catalogue's JSON Schema (draft-07), as shipped in the package."""
    return (resources.files("pmroles.catalogue") / "catalogue.schema.json").read_text(
        encoding="utf-8"
    )


def builtin_catalogue_path() -> Path:
    return Path(paths.builtin_catalogue_path())


def load_builtin() -> Catalogue:
    return load_file(builtin_catalogue_path())


def load_file(
    path: str | os.PathLike[str], display_name: str | None = None, base: Catalogue | None = None
) -> Catalogue:
    """Read and validate one file; raises CatalogueError with every problem found."""
    catalogue, problems = check_file(path, display_name, base)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or catalogue is None:
        raise CatalogueError(errors)
    return catalogue


def check_file(
    path: str | os.PathLike[str], display_name: str | None = None, base: Catalogue | None = None
) -> tuple[Catalogue | None, list[Problem]]:
    """Read one file and return the catalogue (None if it has errors) and every problem.

    Ids defined in `base` (the catalogue this file is layered on) count as defined.
    """
    name = display_name or os.fspath(path)
    try:
        return check_text(read_text(path, name), name, base)
    except MemoryError:
        pass  # raised below, once this block and the data its traceback holds are gone
    raise out_of_memory(path, name)


def check_text(
    text: str, file: str, base: Catalogue | None = None
) -> tuple[Catalogue | None, list[Problem]]:
    below = base or Catalogue(roles={})
    layer, problems = check_layer(text, file, below)
    catalogue = None
    if layer is not None:
        catalogue, more = apply_layer(below, layer)
        problems += more
        # Linking is done once per layer, at load, and the cache keeps it: a new vocabulary
        # relinks every role, otherwise only the roles this file writes are linked.
        from pmroles.concepts import link_catalogue

        written = [ident for ident in layer.roles if ident in catalogue.roles]
        catalogue = link_catalogue(catalogue, None if layer.concepts else written)
    problems.sort(key=_position)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return catalogue, problems


def check_layer(text: str, file: str, base: Catalogue) -> tuple[Layer | None, list[Problem]]:
    """One file as written, checked on its own and against the ids `base` defines."""
    builder = _Builder(file, base)
    return builder.layer(parse(text, file)), builder.problems


def _position(problem: Problem) -> tuple[int, int]:
    where = problem.location
    return (where.line, where.column) if where else (0, 0)


def read_text(path: str | os.PathLike[str], name: str) -> str:
    """The file's text; bytes that are not text become a positioned error, not a crash."""
    start = Location(name, 1, 1)
    try:
        # Non-blocking, so a FIFO or a device is refused rather than waited on.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CatalogueError([Problem("no such file", start)]) from None
    except IsADirectoryError:
        raise CatalogueError([Problem("is a directory, not a catalogue file", start)]) from None
    except PermissionError:
        raise CatalogueError([Problem("permission denied", start)]) from None
    except OSError as error:
        raise CatalogueError([Problem(f"cannot read: {error.strerror}", start)]) from None
    mode = os.fstat(fd).st_mode
    # A pipe or socket may never end; a device is read like a file, up to the size cap.
    kind = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a pipe", stat.S_IFSOCK: "a socket"}
    if stat.S_IFMT(mode) in kind:
        os.close(fd)
        raise CatalogueError(
            [Problem(f"is {kind[stat.S_IFMT(mode)]}, not a catalogue file", start)]
        )
    with os.fdopen(fd, "rb") as handle:
        try:
            data = _read_capped(handle, os.fstat(handle.fileno()).st_size)
        except OSError as error:
            raise CatalogueError([Problem(f"cannot read: {error.strerror}", start)]) from None
    if len(data) > MAX_FILE_BYTES:
        raise CatalogueError(
            [Problem(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; not a catalogue", start)]
        )
    return decode(data, name)


def _read_capped(handle: BinaryIO, size_hint: int) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes, never asking for much more than the file holds.

    `read(MAX_FILE_BYTES + 1)` reserves the whole cap up front, which alone made a cold load
    of a 46 KB file fail under a 90 MB address-space limit. A regular file is read in one
    call sized by its length; a device, or a file that grows meanwhile, in 1 MiB pieces.
    """
    limit = MAX_FILE_BYTES + 1
    first = handle.read(min(size_hint, MAX_FILE_BYTES) + 1)
    if len(first) <= size_hint or len(first) >= limit:
        return first  # the whole file (a short read means its end), or over the cap
    pieces = [first]
    got = len(first)
    while got < limit and (piece := handle.read(min(1 << 20, limit - got))):
        pieces.append(piece)
        got += len(piece)
    return b"".join(pieces)


def decode(data: bytes, name: str) -> str:
    start = Location(name, 1, 1)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise CatalogueError([Problem("UTF-32 text; save the file as UTF-8", start)])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CatalogueError(
                [Problem("not valid UTF-16 text; save the file as UTF-8", start)]
            ) from None
    else:
        body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            good = body[: error.start].decode("utf-8")
            where = position(good, len(good), name)
            raise CatalogueError(
                [
                    Problem(
                        f"not valid UTF-8 (byte 0x{body[error.start]:02x}); save the file as UTF-8",
                        where,
                    )
                ]
            ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise CatalogueError(
            [Problem("contains a NUL byte; this is not a text file", position(text, nul, name))]
        )
    return text


@dataclass
class _Builder:
    """Walks one file's node tree, building records and collecting problems."""

    file: str
    base: Catalogue
    """What this file is layered on: its ids count as defined."""
    problems: list[Problem] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    """Field path -> the node written there, so later checks can point at it (list items
    and mapping keys are found from their list or mapping, when a message needs one)."""
    kept: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """List path -> (index written, value) of the items that were kept."""
    suggested: int = 0
    """How many problems got a 'did you mean' (at most MAX_SUGGESTIONS)."""
    suggesters: dict[int, tuple[Collection[str], Suggester]] = field(default_factory=dict)
    """id(candidates) -> (the candidates, kept alive so the id stays theirs, their index)."""

    # -- reporting ---------------------------------------------------------------------

    def error(self, where: Node | Location | None, path: str, message: str) -> None:
        location = where.location if isinstance(where, Node) else where
        self.problems.append(Problem(message, location, path))

    def warn(self, where: Node, path: str, message: str) -> None:
        self.problems.append(Problem(message, where.location, path, Severity.WARNING))

    def did_you_mean(self, word: str, candidates: Collection[str]) -> str:
        """'; did you mean ...?' for the first MAX_SUGGESTIONS problems of the file."""
        if self.suggested >= MAX_SUGGESTIONS:
            return ""
        self.suggested += 1
        known = self.suggesters.get(id(candidates))
        if known is None:
            known = self.suggesters[id(candidates)] = (candidates, Suggester(candidates))
        hint = known[1](word)
        return f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""

    # -- shapes ------------------------------------------------------------------------

    def mapping(self, node: Node, path: str, allowed: tuple[str, ...] | None) -> Mapping | None:
        self.nodes[path] = node
        if not isinstance(node, Mapping):
            self.error(node, path, f"expected a mapping, got {describe(node)}")
            return None
        for key, _ in node.items:
            if allowed is not None and key.value not in allowed:
                self.error(
                    key,
                    _join(path, key.value),
                    f"unknown key {key.value!r}" + self.did_you_mean(key.value, allowed),
                )
        return node

    def text(self, node: Node, path: str) -> str | None:
        self.nodes[path] = node
        if not isinstance(node, Scalar):
            hint = ""
            if isinstance(node, Mapping) and len(node.items) == 1:
                hint = f" (a ': ' inside text makes a mapping; {QUOTE_HINT})"
            self.error(node, path, f"expected text, got {describe(node)}{hint}")
            return None
        if node.is_null:
            if node.value:
                message = f"is null; quote it if you meant the text {node.value!r}"
            else:
                message = (
                    "is empty; write a value or remove the key (text after ' #' is a comment: "
                    "put a value starting with '#' in quotes)"
                )
            self.error(node, path, message)
            return None
        if not node.value.strip():
            self.error(node, path, "is blank; write a value or remove the key")
            return None
        return node.value

    def texts(self, node: Node, path: str) -> tuple[str, ...] | None:
        self.nodes[path] = node
        if not isinstance(node, Sequence):
            hint = " (write one item per line as '- item')" if isinstance(node, Scalar) else ""
            self.error(node, path, f"expected a list of text, got {describe(node)}{hint}")
            return None
        kept: list[tuple[int, str]] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(node.items):
            # Ordinary text goes straight through; only a problem pays for its path string.
            if (
                type(item) is Scalar
                and item.value
                and not item.is_null
                and not item.value.isspace()
            ):
                value: str | None = item.value
            else:
                value = self.text(item, f"{path}[{index}]")
            if value is None:
                continue
            first = seen.setdefault(normalise(value), index)
            if first != index:
                where = f"{path}[{index}]"
                self.warn(item, where, f"repeats item [{first}] ({value!r}); the repeat is ignored")
                continue
            kept.append((index, value))
        self.kept[path] = kept
        return tuple(value for _, value in kept)

    def ident(self, key: Scalar, path: str, kind: str) -> str | None:
        if not ID_PATTERN.fullmatch(key.value):
            self.error(
                key,
                path,
                f"{kind} id {key.value!r} must be 1-64 letters, digits, '.', '_', '+' or '-', "
                "starting with a letter or digit",
            )
            return None
        return key.value

    def key(self, path: str, key: str) -> Node:
        """The key node `key` of the mapping written at `path` (found only for a message)."""
        node = self.nodes[path]
        assert isinstance(node, Mapping)
        return next(k for k, _ in node.items if k.value == key)

    def item(self, path: str, index: int) -> Node:
        """The node of item `index` of the list written at `path`."""
        node = self.nodes[path]
        assert isinstance(node, Sequence)
        return node.items[index]

    def references(self, path: str, known: set[str], kind: str, *, warning: bool = False) -> None:
        """Check every kept item of the list at `path` names something in `known`."""
        for index, value in self.kept.get(path, ()):
            if value in known:
                continue
            where = f"{path}[{index}]"
            message = f"unknown {kind} {value!r}{self.did_you_mean(value, known)}"
            if warning:
                self.warn(self.item(path, index), where, message)
            else:
                self.error(self.item(path, index), where, message)

    def known_keys(self, path: str, keys: Iterable[str], known: set[str]) -> None:
        """Check every key of the mapping at `path` names a source in `known`."""
        for key in keys:
            if key not in known:
                self.error(
                    self.key(path, key),
                    _join(path, key),
                    f"unknown source {key!r}{self.did_you_mean(key, known)}",
                )

    # -- the file ----------------------------------------------------------------------

    def layer(self, root: Node | None) -> Layer | None:
        if root is None:
            self.error(
                Location(self.file, 1, 1), "", "the file is empty; a catalogue needs 'roles:'"
            )
            return None
        top = self.mapping(root, "", TOP_LEVEL_KEYS)
        if top is None:
            return None
        if top.get("roles") is None:
            self.error(top, "", "missing the required key 'roles'")
        sources = self.section(top, "sources", self.source)
        stakeholders = self.section(top, "stakeholders", self.stakeholder)
        roles = self.section(top, "roles", self.role)
        comparisons = self.section(top, "comparisons", self.comparison)
        concepts = self.section(top, "concepts", self.concept)
        self.check_references(roles, stakeholders, sources, comparisons)
        self.check_concepts(concepts, roles)
        return Layer(
            file=self.file,
            roles={r.id: r for r in roles},
            stakeholders={s.id: s for s in stakeholders},
            sources={s.id: s for s in sources},
            comparisons={c.id: c for c in comparisons},
            concepts={c.id: c for c in concepts},
            alias_item=self.alias_item,
        )

    def section(
        self, top: Mapping, key: str, build: Callable[[str, Scalar, Mapping, str], T | None]
    ) -> list[T]:
        node = top.get(key)
        if node is None:
            return []
        body = self.mapping(node, key, None)
        if body is None:
            return []
        built: list[T] = []
        for id_node, value in body.items:
            path = _join(key, id_node.value)
            ident = self.ident(id_node, path, _SINGULAR[key])
            record = self.mapping(value, path, None)
            if ident is not None and record is not None:
                item = build(ident, id_node, record, path)
                if item is not None:
                    built.append(item)
        return built

    def required_text(self, record: Mapping, key: str, path: str) -> str | None:
        node = record.get(key)
        if node is None:
            self.error(record, path, f"missing the required key {key!r}")
            return None
        return self.text(node, _join(path, key))

    def optional_text(self, record: Mapping, key: str, path: str) -> str | None:
        node = record.get(key)
        return None if node is None else self.text(node, _join(path, key))

    def optional_texts(self, record: Mapping, key: str, path: str) -> tuple[str, ...]:
        node = record.get(key)
        if node is None:
            return ()
        return self.texts(node, _join(path, key)) or ()

    def per_key(
        self, record: Mapping, key: str, path: str, read: Callable[[Node, str], T | None]
    ) -> dict[str, T]:
        """A mapping of free keys (role ids, areas) to values read by `read`."""
        node = record.get(key)
        if node is None:
            return {}
        where = _join(path, key)
        body = self.mapping(node, where, None)
        result: dict[str, T] = {}
        for sub_key, value in body.items if body else ():
            read_value = read(value, _join(where, sub_key.value))
            if read_value is not None:
                result[sub_key.value] = read_value
        return result

    # -- records -----------------------------------------------------------------------

    def source(self, ident: str, key: Scalar, record: Mapping, path: str) -> Source | None:
        self.mapping(record, path, SOURCE_KEYS)
        title = self.required_text(record, "title", path)
        author = self.optional_text(record, "author", path)
        publisher = self.optional_text(record, "publisher", path)
        return None if title is None else Source(ident, title, author, publisher)

    def stakeholder(
        self, ident: str, key: Scalar, record: Mapping, path: str
    ) -> Stakeholder | None:
        self.mapping(record, path, STAKEHOLDER_KEYS)
        name = self.required_text(record, "name", path)
        aliases = self.optional_texts(record, "aliases", path)
        needs = self.optional_texts(record, "needs", path)
        sources = self.optional_texts(record, "sources", path)
        cites = self.per_key(record, "cites", path, self.texts)
        for need in cites:
            if need not in needs:
                self.error(
                    self.key(_join(path, "cites"), need),
                    _join(path, f"cites.{need}"),
                    f"cites {need!r}, which is not one of this stakeholder's needs",
                )
        if name is None:
            return None
        return Stakeholder(ident, name, aliases, needs, sources, key.location, cites)

    def role(self, ident: str, key: Scalar, record: Mapping, path: str) -> RoleEntry | None:
        self.mapping(record, path, ROLE_KEYS)
        extends = self.optional_text(record, "extends", path)
        if extends is None:
            name = self.required_text(record, "name", path)
        else:
            name = self.optional_text(record, "name", path)
        aliases_node = record.get("aliases")
        aliases = None
        if aliases_node is not None:
            aliases = self.texts(aliases_node, _join(path, "aliases")) or ()
        summary = self.optional_text(record, "summary", path)
        attributes = self.aspect_lists(record, path)
        append: dict[str, tuple[str, ...]] = {}
        append_node = record.get("append")
        if append_node is not None:
            where = _join(path, "append")
            body = self.mapping(append_node, where, _LIST_ASPECTS)
            if extends is None:
                self.error(append_node, where, "'append' adds to a parent's lists: add 'extends'")
            if body is not None:
                append = self.aspect_lists(body, where)
        cited = self.per_key(record, "sources", path, self.texts)
        for aspect_key in cited:
            where = _join(path, f"sources.{aspect_key}")
            has = summary is not None if aspect_key == "summary" else aspect_key in attributes
            if aspect_key not in ASPECT_BY_KEY:
                self.error(
                    self.key(_join(path, "sources"), aspect_key),
                    where,
                    f"cites unknown attribute {aspect_key!r}"
                    + self.did_you_mean(aspect_key, ROLE_KEYS),
                )
            elif not has and aspect_key not in append and extends is None:
                self.error(
                    self.key(_join(path, "sources"), aspect_key),
                    where,
                    f"cites {aspect_key!r}, which this role does not have",
                )
        cites = self.item_cites(record, path, attributes, append, summary)
        disputes = self.per_key(record, "disputes", path, self.dispute_list)
        for aspect_key in disputes:
            if aspect_key not in ASPECT_BY_KEY:
                self.error(
                    self.key(_join(path, "disputes"), aspect_key),
                    _join(path, f"disputes.{aspect_key}"),
                    f"notes a dispute on unknown attribute {aspect_key!r}"
                    + self.did_you_mean(aspect_key, ROLE_KEYS),
                )
        tags = self.item_tags(record, path, attributes, append)
        if name is None and extends is None:
            return None
        unplaced = ("sources", "cites", "disputes", "concepts")
        locations = {k.value: k.location for k, _ in record.items if k.value not in unplaced}
        return RoleEntry(
            ident,
            name,
            aliases,
            summary,
            attributes,
            {a.key: cited[a.key] for a in ASPECTS if a.key in cited},
            key.location,
            locations,
            extends,
            append,
            cites,
            {a.key: disputes[a.key] for a in ASPECTS if a.key in disputes},
            tags,
        )

    def item_tags(
        self,
        record: Mapping,
        path: str,
        attributes: dict[str, tuple[str, ...]],
        append: dict[str, tuple[str, ...]],
    ) -> dict[str, dict[str, tuple[str, ...]]]:
        """`concepts`: aspect -> item -> concept ids (`[]` unlinks an item), each item one
        the role writes in an aspect whose items are linked (the ids are checked with the
        file's concepts)."""
        from pmroles.concepts import LINKED_ASPECTS

        def unknown(aspect_key: str) -> str | None:
            if aspect_key in LINKED_ASPECTS:
                return None
            return (
                f"tags items of {aspect_key!r}, which is not an attribute whose items link to "
                "concepts" + self.did_you_mean(aspect_key, LINKED_ASPECTS)
            )

        def written(aspect_key: str) -> tuple[str, ...]:
            return attributes.get(aspect_key, ()) + append.get(aspect_key, ())

        return self.per_item(record, "concepts", path, unknown, written, "tags", keep_empty=True)

    def concept(self, ident: str, key: Scalar, record: Mapping, path: str) -> ConceptEntry | None:
        self.mapping(record, path, CONCEPT_KEYS)
        extends = self.optional_text(record, "extends", path)
        if extends is None:
            label = self.required_text(record, "label", path)
        else:
            label = self.optional_text(record, "label", path)
            if extends != ident:
                self.error(
                    record.get("extends"),
                    _join(path, "extends"),
                    f"a concept extends only itself (write '{extends}: {{extends: {extends}}}' "
                    f"to add words to {extends!r}); for a narrower concept, use 'broader'",
                )
                return None
        words = self.optional_texts(record, "words", path)
        broader = self.optional_text(record, "broader", path)
        if label is None and extends is None:
            return None
        return ConceptEntry(ident, label, words, broader, key.location, extends is not None)

    def item_cites(
        self,
        record: Mapping,
        path: str,
        attributes: dict[str, tuple[str, ...]],
        append: dict[str, tuple[str, ...]],
        summary: str | None,
    ) -> dict[str, dict[str, tuple[str, ...]]]:
        """`cites`: aspect -> item -> source ids, each item one the role writes."""

        def unknown(aspect_key: str) -> str | None:
            if aspect_key in ASPECT_BY_KEY:
                return None
            return f"cites items of unknown attribute {aspect_key!r}" + self.did_you_mean(
                aspect_key, ROLE_KEYS
            )

        def written(aspect_key: str) -> tuple[str, ...]:
            mine = (summary,) if aspect_key == "summary" and summary is not None else ()
            return mine + attributes.get(aspect_key, ()) + append.get(aspect_key, ())

        return self.per_item(record, "cites", path, unknown, written, "cites", keep_empty=False)

    def per_item(
        self,
        record: Mapping,
        key: str,
        path: str,
        unknown: Callable[[str], str | None],
        written: Callable[[str], tuple[str, ...]],
        verb: str,
        *,
        keep_empty: bool,
    ) -> dict[str, dict[str, tuple[str, ...]]]:
        """A role's `key` (cites, concepts): aspect -> item text -> a list of ids. `unknown`
        says what is wrong with an aspect key, if anything; each item must be one of
        `written(aspect)`."""
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        for aspect_key, node in self.per_key(record, key, path, self.per_key_node).items():
            where = _join(path, f"{key}.{aspect_key}")
            problem = unknown(aspect_key)
            if problem is not None:
                self.error(self.key(_join(path, key), aspect_key), where, problem)
                continue
            items: dict[str, tuple[str, ...]] = {}
            for item_key, value in node.items:
                ids = self.texts(value, _join(where, item_key.value))
                if item_key.value not in written(aspect_key):
                    self.error(
                        item_key,
                        _join(where, item_key.value),
                        f"{verb} {item_key.value!r}, which is not an item of {aspect_key!r}",
                    )
                elif ids or (keep_empty and ids is not None):
                    items[item_key.value] = ids
            found[aspect_key] = items
        return found

    def per_key_node(self, node: Node, path: str) -> Mapping | None:
        return self.mapping(node, path, None)

    def dispute_list(self, node: Node, path: str) -> tuple[dict[str, str], ...] | None:
        """A list of disputes, each a mapping of source id -> what that source says."""
        self.nodes[path] = node
        if not isinstance(node, Sequence):
            self.error(node, path, f"expected a list of disputes, got {describe(node)}")
            return None
        disputes = []
        for index, item in enumerate(node.items):
            where = f"{path}[{index}]"
            sides = self.per_key_text(item, where)
            if sides is None:
                continue
            if len(sides) < 2:
                self.error(item, where, "a dispute needs two or more sources, each with its view")
                continue
            disputes.append(sides)
        return tuple(disputes)

    def alias_item(self, path: str, number: int, alias: str) -> tuple[int, Location] | None:
        """Where this file wrote `alias`, alias `number` of the record at `path`: the index
        of the item as written (repeats dropped from the count) and its place. Asked only
        for a clash, so a file's aliases cost nothing until one collides."""
        where = f"{path}.aliases"
        kept = self.kept.get(where, ())
        if number >= len(kept) or kept[number][1] != alias:
            return None  # not written in this file (inherited through 'extends')
        index = kept[number][0]
        return index, self.item(where, index).location

    def aspect_lists(self, record: Mapping, path: str) -> dict[str, tuple[str, ...]]:
        """The list-valued aspects written in `record`, choices folded to their canonical form."""
        attributes: dict[str, tuple[str, ...]] = {}
        for aspect in ASPECTS:
            node = record.get(aspect.key)
            if aspect.kind is AspectKind.TEXT or node is None:
                continue
            where = _join(path, aspect.key)
            values = self.texts(node, where)
            if values is None:
                continue
            if aspect.kind is AspectKind.CHOICES:
                values = self.choices(where, aspect)
            attributes[aspect.key] = values
        return attributes

    def choices(self, path: str, aspect: Aspect) -> tuple[str, ...]:
        values: list[str] = []
        for index, value in self.kept.get(path, ()):
            chosen = aspect.choice(value)
            if chosen is not None:
                values.append(chosen)
                continue
            where = f"{path}[{index}]"
            allowed = aspect.choices
            self.error(
                self.item(path, index),
                where,
                f"{value!r} is not one of {', '.join(allowed)}" + self.did_you_mean(value, allowed),
            )
        return tuple(values)

    def comparison(self, ident: str, key: Scalar, record: Mapping, path: str) -> Comparison | None:
        self.mapping(record, path, COMPARISON_KEYS)
        pair: tuple[str, str] | None = None
        roles_node = record.get("roles")
        if roles_node is None:
            self.error(record, path, "missing the required key 'roles'")
        else:
            ids = self.texts(roles_node, _join(path, "roles"))
            if ids is not None and len(ids) != 2:
                self.error(roles_node, _join(path, "roles"), "must name exactly two roles")
            elif ids is not None:
                pair = (ids[0], ids[1])
        summary = self.optional_text(record, "summary", path)
        similarities = self.optional_texts(record, "similarities", path)
        differences = self.optional_texts(record, "differences", path)
        advantages = self.per_key(record, "advantages", path, self.texts)
        excels = self.per_key(record, "excels", path, self.texts)
        split = self.per_key(
            record, "split", path, lambda node, where: self.per_key_text(node, where)
        )
        sources = self.optional_texts(record, "sources", path)
        relation = None
        relation_text = self.optional_text(record, "relation", path)
        if relation_text is not None:
            allowed = tuple(r.value for r in Relation)
            if normalise(relation_text) in allowed:
                relation = Relation(normalise(relation_text))
            else:
                self.error(
                    record.get("relation"),
                    _join(path, "relation"),
                    f"{relation_text!r} is not one of {', '.join(allowed)}"
                    + self.did_you_mean(relation_text, allowed),
                )
        if pair is None:
            return None
        return Comparison(
            ident,
            pair,
            summary,
            similarities,
            differences,
            advantages,
            excels,
            split,
            sources,
            relation,
        )

    def per_key_text(self, node: Node, path: str) -> dict[str, str] | None:
        body = self.mapping(node, path, None)
        if body is None:
            return None
        shares: dict[str, str] = {}
        for key, value in body.items:
            text = self.text(value, _join(path, key.value))
            if text is not None:
                shares[key.value] = text
        return shares

    # -- cross-references ----------------------------------------------------------------

    def check_references(
        self,
        roles: list[RoleEntry],
        stakeholders: list[Stakeholder],
        sources: list[Source],
        comparisons: list[Comparison],
    ) -> None:
        source_ids = {*self.base.sources, *(s.id for s in sources)}
        stakeholder_ids = {*self.base.stakeholders, *(s.id for s in stakeholders)}
        role_ids = {*self.base.roles, *(r.id for r in roles)}
        for role in roles:
            for aspect_key in role.sources:
                self.references(f"roles.{role.id}.sources.{aspect_key}", source_ids, "source")
            for aspect_key, items in role.cites.items():
                for item in items:
                    where = f"roles.{role.id}.cites.{aspect_key}.{item}"
                    self.references(where, source_ids, "source")
            for aspect_key, disputes in role.disputes.items():
                for index, views in enumerate(disputes):
                    self.known_keys(
                        f"roles.{role.id}.disputes.{aspect_key}[{index}]", views, source_ids
                    )
            # A stakeholder no file defines may be new rather than a typo: warn, don't fail.
            for where in (f"roles.{role.id}.interactions", f"roles.{role.id}.append.interactions"):
                self.references(where, stakeholder_ids, "stakeholder", warning=True)
        for stakeholder in stakeholders:
            self.references(f"stakeholders.{stakeholder.id}.sources", source_ids, "source")
            for need in stakeholder.cites:
                where = f"stakeholders.{stakeholder.id}.cites.{need}"
                self.references(where, source_ids, "source")
        for comparison in comparisons:
            path = f"comparisons.{comparison.id}"
            self.references(f"{path}.roles", role_ids, "role")
            self.references(f"{path}.sources", source_ids, "source")
            if comparison.roles[0] == comparison.roles[1]:
                self.error(
                    self.nodes[f"{path}.roles"], f"{path}.roles", "names the same role twice"
                )
            sides = ", ".join(comparison.roles)
            keyed = [(f"{path}.{f}", getattr(comparison, f)) for f in ("advantages", "excels")]
            keyed += [(f"{path}.split.{area}", shares) for area, shares in comparison.split.items()]
            for where, per_role in keyed:
                for role_id in per_role:
                    if role_id not in comparison.roles:
                        self.error(
                            self.key(where, role_id),
                            _join(where, role_id),
                            f"{role_id!r} is not one of this comparison's roles ({sides})",
                        )

    def check_concepts(self, concepts: list[ConceptEntry], roles: list[RoleEntry]) -> None:
        """What a vocabulary must be, across this file and the ones beneath: every concept
        it extends, every broader concept and every tag exists; no chain of broader
        concepts goes round; no name belongs to two concepts."""
        from pmroles.concepts import name_key, names_of

        mine = {c.id: c for c in concepts}
        known = {*self.base.concepts, *mine}
        broader = {k: c.broader for k, c in self.base.concepts.items()}
        for entry in concepts:
            path = f"concepts.{entry.id}"
            if entry.extends and entry.id not in self.base.concepts:
                # Suggest only concepts beneath, the ones 'extends' can name: `known` holds
                # this very entry, which would suggest itself.
                self.error(
                    self.nodes[_join(path, "extends")],
                    _join(path, "extends"),
                    f"extends unknown concept {entry.id!r}, which no catalogue beneath this "
                    "file defines" + self.did_you_mean(entry.id, self.base.concepts.keys()),
                )
            if entry.broader is not None:
                broader[entry.id] = entry.broader
                if entry.broader not in known:
                    self.error(
                        self.nodes[_join(path, "broader")],
                        _join(path, "broader"),
                        f"unknown broader concept {entry.broader!r}"
                        + self.did_you_mean(entry.broader, known),
                    )
            elif not entry.extends:
                broader.pop(entry.id, None)
        for entry in concepts:
            chain = [entry.id]
            current = broader.get(entry.id)
            while current is not None and current not in chain:
                chain.append(current)
                current = broader.get(current)
            if current == entry.id:
                path = f"concepts.{entry.id}.broader"
                self.error(
                    self.nodes.get(path, self.nodes[f"concepts.{entry.id}"]),
                    path,
                    "'broader' goes round in a circle: " + " -> ".join([*chain, entry.id]),
                )
        # Names: a name of this file's concept may be no other concept's name, here or
        # beneath (a concept this file replaces gives its names up; one it extends keeps them).
        owners: dict[tuple[str, ...], str] = {}
        for ident, concept in self.base.concepts.items():
            if ident in mine and not mine[ident].extends:
                continue
            for name in names_of(concept):
                owners.setdefault(name_key(name), ident)
        for entry in concepts:
            path = f"concepts.{entry.id}"
            named: list[tuple[str, Node, str]] = [
                (entry.id.replace("-", " "), self.key("concepts", entry.id), path)
            ]
            if entry.label is not None:
                where = _join(path, "label")
                named.append((entry.label, self.nodes[where], where))
            words = _join(path, "words")
            named += [
                (word, self.item(words, index), f"{words}[{index}]")
                for index, word in self.kept.get(words, ())
            ]
            for name, node, where in named:
                key = name_key(name)
                if not key:
                    self.error(node, where, f"{name!r} has no words to match (only small words)")
                    continue
                owner = owners.setdefault(key, entry.id)
                if owner != entry.id:
                    self.error(
                        node,
                        where,
                        f"{name!r} is already a name of concept {owner!r}; "
                        "a word may name one concept only",
                    )
        for role in roles:
            for aspect_key, items in role.tags.items():
                for item in items:
                    where = f"roles.{role.id}.concepts.{aspect_key}.{item}"
                    self.references(where, known, "concept")


_LIST_ASPECTS = tuple(a.key for a in ASPECTS if a.kind is not AspectKind.TEXT)

_SINGULAR = {
    "roles": "role",
    "stakeholders": "stakeholder",
    "sources": "source",
    "comparisons": "comparison",
    "concepts": "concept",
}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
