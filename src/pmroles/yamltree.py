"""Read YAML text into a small tree of positioned nodes, keeping every scalar as the text written.

PyYAML's own constructors turn `no` into False, `1.10` into 1.1 and dates into `date`, and
let a later duplicate key win. Building our own tree from the parser's events keeps the text a
person typed, refuses duplicates, tags, anchors and aliases at their position, and never runs
a constructor, so no tag can execute code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import yaml

from pmroles.errors import CatalogueError, Problem
from pmroles.model import Location

try:  # libyaml's parser is several times faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!"}
)


class _Mark(Protocol):
    """Where PyYAML says an event is; the C and Python parsers give different classes."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Node:
    location: Location


@dataclass(frozen=True, slots=True)
class Scalar(Node):
    value: str
    plain: bool
    """Written without quotes, so YAML 1.1 would have guessed a type for it."""

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULLS


@dataclass(frozen=True, slots=True)
class Sequence(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Mapping(Node):
    items: tuple[tuple[Scalar, Node], ...]

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


def describe(node: Node) -> str:
    """What a person would call this node, for 'expected X, got Y' messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    assert isinstance(node, Scalar)
    return "nothing (null)" if node.is_null else f"the text {node.value!r}"


class _Open:
    """A collection whose end event has not come yet."""

    def __init__(self, location: Location, is_mapping: bool) -> None:
        self.location = location
        self.is_mapping = is_mapping
        self.children: list[Node] = []
        self.keys: dict[str, Scalar] = {}


def parse(text: str, file: str) -> Node | None:
    """The single document in `text`, or None when it holds no document at all."""

    def at(mark: _Mark | None) -> Location:
        return Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)

    def fail(message: str, mark: _Mark | None) -> CatalogueError:
        return CatalogueError([Problem(message, at(mark))])

    stack: list[_Open] = []
    root: Node | None = None
    documents = 0

    def add(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if parent.is_mapping and len(parent.children) % 2 == 0:
            if not isinstance(node, Scalar) or node.is_null:
                raise CatalogueError([Problem("a mapping key must be plain text", node.location)])
            first = parent.keys.get(node.value)
            if first is not None:
                raise CatalogueError(
                    [
                        Problem(
                            f"duplicate key {node.value!r} (first written at line "
                            f"{first.location.line}); each key may appear once",
                            node.location,
                        )
                    ]
                )
            parent.keys[node.value] = node
        parent.children.append(node)

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise fail(
                        "several YAML documents in one file; keep one (remove the '---' line)",
                        event.start_mark,
                    )
            elif isinstance(event, yaml.AliasEvent):
                raise fail(
                    f"aliases (*{event.anchor}) are not supported; write the value out",
                    event.start_mark,
                )
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    raise fail(
                        f"anchors (&{event.anchor}) are not supported; write the value out",
                        event.start_mark,
                    )
                tag = getattr(event, "tag", None)
                if tag is not None and tag not in _STANDARD_TAGS:
                    raise fail(
                        f"the tag {tag!r} is not allowed; catalogues hold plain text, "
                        "lists and mappings only",
                        event.start_mark,
                    )
                if isinstance(event, yaml.ScalarEvent):
                    plain = event.style in (None, "") and tag is None
                    add(Scalar(at(event.start_mark), event.value, plain))
                elif isinstance(event, yaml.CollectionStartEvent):
                    stack.append(
                        _Open(at(event.start_mark), isinstance(event, yaml.MappingStartEvent))
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                done = stack.pop()
                if done.is_mapping:
                    keys = [done.keys[k] for k in done.keys]
                    values = done.children[1::2]
                    add(Mapping(done.location, tuple(zip(keys, values, strict=True))))
                else:
                    add(Sequence(done.location, tuple(done.children)))
    except yaml.MarkedYAMLError as error:
        raise CatalogueError([_syntax_problem(error, file)]) from None
    except yaml.YAMLError as error:  # unmarked: reader errors on odd characters
        raise CatalogueError([Problem(f"not valid YAML: {error}", Location(file, 1, 1))]) from None
    return root


def _syntax_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    location = Location(file, mark.line + 1, mark.column + 1) if mark else None
    what = " ".join(part for part in (error.context, error.problem) if part)
    return Problem(f"YAML syntax error: {what}", location)
