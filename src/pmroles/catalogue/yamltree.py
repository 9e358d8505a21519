"""Read YAML text into a small tree of positioned nodes, keeping every scalar as the text written.

PyYAML's own constructors turn `no` into False, `1.10` into 1.1 and dates into `date`, and
let a later duplicate key win. Building our own tree from the parser's events keeps the text a
person typed, refuses duplicates, tags, anchors and aliases at their position, and never runs
a constructor, so no tag can execute code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol

import yaml

from pmroles.errors import CatalogueError, Problem
from pmroles.model import Location

try:  # libyaml's parser is several times faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 100
"""Deeper nesting than any catalogue needs; refused before libyaml, which can crash on it."""

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as a line break, so positions agree with the parser's."""
_BRACKETS = re.compile(r"[\[\]{}]")
QUOTE_HINT = "put the whole value in quotes"


def position(text: str, offset: int, name: str) -> Location:
    """The line and column of character `offset` of `text`, counting lines as YAML does."""
    line, line_start = 1, 0
    for match in _BREAKS.finditer(text, 0, offset):
        line, line_start = line + 1, match.end()
    return Location(name, line, offset - line_start + 1)


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!"}
)


class _Mark(Protocol):
    """Where PyYAML says an event is; the C and Python parsers give different classes."""

    line: int
    column: int


# Plain slotted classes rather than frozen dataclasses: a large catalogue has hundreds of
# thousands of nodes, and frozen dataclasses cost several times more to create. Nothing
# mutates a node after `parse` returns it.


class Node:
    __slots__ = ("column", "file", "line")

    def __init__(self, file: str, line: int, column: int) -> None:
        self.file = file
        self.line = line
        """1-based."""
        self.column = column
        """1-based."""

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)


class Scalar(Node):
    __slots__ = ("plain", "value")

    def __init__(self, file: str, line: int, column: int, value: str, plain: bool) -> None:
        # Fields set here rather than through super().__init__: this runs once per scalar.
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.plain = plain
        """Written without quotes, so YAML 1.1 would have guessed a type for it."""

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULLS


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, file: str, line: int, column: int, items: tuple[Node, ...]) -> None:
        super().__init__(file, line, column)
        self.items = items


class Mapping(Node):
    __slots__ = ("_index", "items")

    def __init__(
        self, file: str, line: int, column: int, items: tuple[tuple[Scalar, Node], ...]
    ) -> None:
        super().__init__(file, line, column)
        self.items = items
        self._index = {key.value: value for key, value in items}

    def get(self, key: str) -> Node | None:
        return self._index.get(key)


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

    __slots__ = ("children", "column", "is_mapping", "keys", "line")

    def __init__(self, line: int, column: int, is_mapping: bool) -> None:
        self.line = line
        self.column = column
        self.is_mapping = is_mapping
        self.children: list[Node] = []
        self.keys: dict[str, Scalar] = {}


def parse(text: str, file: str) -> Node | None:
    """The single document in `text`, or None when it holds no document at all."""
    _check_flow_depth(text, file)
    try:
        return _build(yaml.parse(text, Loader=_Loader), file)
    except yaml.reader.ReaderError as error:
        raise CatalogueError([_reader_problem(error, text, file)]) from None
    except yaml.MarkedYAMLError as error:
        raise CatalogueError([_syntax_problem(error, text, file)]) from None
    except yaml.YAMLError as error:  # nothing else is raised today; keep it one line anyway
        raise CatalogueError([Problem(f"not valid YAML: {error}", Location(file, 1, 1))]) from None


def _check_flow_depth(text: str, file: str) -> None:
    """Refuse [[[[... nesting before libyaml sees it (its scanner slows quadratically).

    Brackets that are text (quoted, in a comment, inside plain or block text) do not count.
    Counting every bracket first is cheap and settles almost every file; only a file where
    that count goes past the limit is read token by token. (A count that stays within the
    limit can miss nesting hidden by closing brackets in quotes; `_build` refuses that as
    the events arrive, and libyaml stops at 1,000 levels of its own.)
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH or _bracket_depth_excess(text) is None:
        return
    from pmroles.catalogue.yamlscan import flow_depth_excess

    offset = flow_depth_excess(text, MAX_DEPTH)
    if offset is not None:
        where = position(text, offset, file)
        raise CatalogueError([Problem(_TOO_DEEP, where)])


_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; not a catalogue"


def _bracket_depth_excess(text: str) -> int | None:
    """Where counting every bracket, text or not, goes past MAX_DEPTH."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif depth:
            depth -= 1
    return None


def _fail(message: str, file: str, mark: _Mark | None) -> CatalogueError:
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)
    return CatalogueError([Problem(message, where)])


def _build(events: Iterator[Any], file: str) -> Node | None:
    # The hot loop of loading a large catalogue (one pass per event, hundreds of thousands of
    # them): exact-class dispatch on local names. Events are typed Any because PyYAML's
    # classes do not declare the attributes each event kind has.
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start = yaml.DocumentStartEvent
    stack: list[_Open] = []
    root: Node | None = None
    documents = 0
    for event in events:
        kind = event.__class__
        if kind is scalar_event or kind is mapping_start or kind is sequence_start:
            mark = event.start_mark
            if event.anchor is not None:
                raise _fail(
                    f"'&{event.anchor}' is a YAML anchor, which catalogues do not use; "
                    f"if it is part of the text, {QUOTE_HINT}",
                    file,
                    mark,
                )
            tag = event.tag
            if tag is not None and tag not in _STANDARD_TAGS:
                raise _fail(
                    f"the tag {tag!r} is not allowed; catalogues hold plain text, "
                    "lists and mappings only",
                    file,
                    mark,
                )
            if kind is not scalar_event:
                if len(stack) >= MAX_DEPTH:
                    raise _fail(
                        f"nested more than {MAX_DEPTH} levels deep; not a catalogue", file, mark
                    )
                stack.append(_Open(mark.line + 1, mark.column + 1, kind is mapping_start))
                continue
            node: Node = Scalar(
                file, mark.line + 1, mark.column + 1, event.value, not event.style and tag is None
            )
        elif kind is mapping_end or kind is sequence_end:
            done = stack.pop()
            if done.is_mapping:
                pairs = tuple(zip(done.keys.values(), done.children[1::2], strict=True))
                node = Mapping(file, done.line, done.column, pairs)
            else:
                node = Sequence(file, done.line, done.column, tuple(done.children))
        elif kind is alias_event:
            raise _fail(
                f"'*{event.anchor}' is a YAML alias, which catalogues do not use; "
                f"if it is the text you meant, {QUOTE_HINT}",
                file,
                event.start_mark,
            )
        else:
            if kind is document_start:
                documents += 1
                if documents > 1:
                    raise _fail(
                        "several YAML documents in one file; keep one (remove the '---' line)",
                        file,
                        event.start_mark,
                    )
            continue
        if not stack:
            root = node
            continue
        parent = stack[-1]
        if parent.is_mapping and not len(parent.children) & 1:
            _add_key(parent, node)
        parent.children.append(node)
    return root


def _add_key(parent: _Open, node: Node) -> None:
    if type(node) is not Scalar:
        raise CatalogueError([Problem("a mapping key must be plain text", node.location)])
    if node.is_null:
        shown = f"'{node.value}' is read as null" if node.value else "a key is empty"
        raise CatalogueError(
            [Problem(f"{shown}; put it in quotes if you meant it as text", node.location)]
        )
    first = parent.keys.get(node.value)
    if first is not None:
        raise CatalogueError(
            [
                Problem(
                    f"duplicate key {node.value!r} (first written at line {first.line}); "
                    "each key may appear once",
                    node.location,
                )
            ]
        )
    parent.keys[node.value] = node


def _reader_problem(error: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    code = error.character if isinstance(error.character, int) else ord(str(error.character))
    shown = f"\\x{code:02x}" if code < 0x100 else f"U+{code:04X}"
    return Problem(
        f"the character {shown} is not allowed in YAML text; remove it, or write it as an "
        "escape inside double quotes",
        position(text, error.position, file),
    )


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """PyYAML's complaint, where the problem starts, and a hint a person can act on."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(f"YAML syntax error: {error.problem}", Location(file, 1, 1))
    where = Location(file, mark.line + 1, mark.column + 1)
    problem = error.problem or ""
    context = error.context or ""
    lines = _BREAKS.split(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    char = line[mark.column] if mark.column < len(line) else ""
    opened = error.context_mark
    if "maximum nesting depth" in problem:  # libyaml's own limit, at 1,000 levels
        from pmroles.catalogue.yamlscan import flow_depth_excess

        offset = flow_depth_excess(text, MAX_DEPTH)
        return Problem(_TOO_DEEP, where if offset is None else position(text, offset, file))
    if char == "\t" or "tab" in problem:
        return Problem("tabs cannot indent YAML; indent with spaces", where)
    if "quoted scalar" in context and opened is not None:
        from pmroles.catalogue.yamlscan import bad_escape

        start = _offset(text, opened.line, opened.column)
        bad = bad_escape(text, start) if text.startswith('"', start) else None
        if bad is not None:
            return Problem(f"{bad[1]}; {ESCAPE_HINT}", position(text, bad[0], file))
        return Problem(
            f"this quote is never closed: the text runs on to {_scan_end(problem, mark, line)}; "
            f"close it ({_APOSTROPHE_HINT})",
            Location(file, opened.line + 1, opened.column + 1),
        )
    runaway = _runaway_quote(text, mark)
    if runaway is not None:
        begun, ended = runaway
        return Problem(
            f"this quote is not closed on line {begun.line + 1}: the text runs on to the quote at "
            f"line {ended.line + 1}, column {ended.column}, and the file cannot be read after "
            f"it; close it on line {begun.line + 1} ({_APOSTROPHE_HINT})",
            Location(file, begun.line + 1, begun.column + 1),
        )
    if "simple key" in context and "':'" in problem and opened is not None:
        return Problem(
            "this line has no ':' after its key; write 'key: value', or if the line continues "
            "the text above, indent it further",
            Location(file, opened.line + 1, opened.column + 1),
        )
    if "cannot start any token" in problem:
        return Problem(f"a value cannot start with {char!r}; {QUOTE_HINT}", where)
    if "mapping values are not allowed" in problem:
        return Problem(f"': ' inside a value starts a new key; {QUOTE_HINT}", where)
    if "flow" in context and opened is not None:
        closing = "]" if "sequence" in context else "}"
        return Problem(
            f"this {'[' if closing == ']' else '{'} is never closed with {closing!r}; close it, "
            f"or if the value is text, {QUOTE_HINT}",
            Location(file, opened.line + 1, opened.column + 1),
        )
    if "expected key" in problem:
        indent = len(line) - len(line.lstrip(" "))
        if mark.column <= indent:
            return Problem(
                "this line is indented differently from the keys around it; line keys up with "
                "the same number of spaces",
                where,
            )
        return Problem(
            "unexpected text after a value; if the value starts with a quote, [ or {, "
            f"{QUOTE_HINT} ({_APOSTROPHE_HINT})",
            where,
        )
    what = " ".join(part for part in (context, problem) if part)
    return Problem(f"YAML syntax error: {what}; check the quotes and indentation here", where)


_APOSTROPHE_HINT = "inside single quotes write an apostrophe as ''"
ESCAPE_HINT = (
    "in double quotes a backslash starts an escape: write a backslash as \\\\, "
    "or put the value in single quotes"
)


def _scan_end(problem: str, mark: _Mark, line: str) -> str:
    """Where the YAML scanner gave up, in words."""
    if "end of stream" in problem:
        return f"the end of the file (line {mark.line + 1})"
    if "document indicator" in problem:
        marker = line[mark.column : mark.column + 3]
        return f"the {marker!r} on line {mark.line + 1}"
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _runaway_quote(text: str, mark: _Mark) -> tuple[_Mark, _Mark] | None:
    """Where a quoted scalar starts and ends, when it is the last thing read before the
    error at `mark`, began on an earlier line and ended on the error's line: a quote left
    open that ran on to the next quote."""
    at = (mark.line, mark.column)
    lines = _BREAKS.split(text, maxsplit=mark.line + 1)
    if mark.line >= len(lines) or not {'"', "'"} & set(lines[mark.line][: mark.column]):
        return None  # no quote closes on the error's line before the error
    last: Any = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            start, end = token.start_mark, token.end_mark
            if (start.line, start.column) > at:
                break
            if (end.line, end.column) <= at and (end.line, end.column) > (start.line, start.column):
                last = token
    except yaml.YAMLError:
        pass
    if (
        isinstance(last, yaml.ScalarToken)
        and last.style in ('"', "'")
        and last.start_mark.line < last.end_mark.line == mark.line
    ):
        return last.start_mark, last.end_mark
    return None


def _offset(text: str, line: int, column: int) -> int:
    """The offset of a 0-based line and column, counting line breaks as YAML does."""
    start = 0
    if line:
        for count, found in enumerate(_BREAKS.finditer(text), 1):
            if count == line:
                start = found.end()
                break
    return start + column
