"""What libyaml's scanner does with brackets and backslashes, for the few files that need it.

`yamltree` counts every bracket of a file first; only when that count goes past the nesting
limit does it ask `flow_depth_excess` which brackets really open flow collections. And only
a libyaml error inside double quotes asks `bad_escape` which escape is wrong. Most runs never
import this module, so its patterns cost nothing at start-up.

`flow_depth_excess` follows libyaml in enough detail to tell brackets that are text from
brackets that nest: quoted scalars (with their escapes and ''), comments, plain scalars and
their continuation lines, block scalars and the block indentation that ends them, anchors
and tags. It never counts a bracket that libyaml reads as text (property tests in
tests/test_hostile_loader.py hold it to that); where it cannot tell, it leans to "text", and
nesting it misses is still refused by `yamltree` as the parser's events arrive.
"""

from __future__ import annotations

import re

_LINE_BREAK = "\r\n\x85\u2028\u2029"
_BLANK = " \t" + _LINE_BREAK
_DOUBLE_QUOTED = r'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
_SINGLE_QUOTED = r"'[^']*+(?:''[^']*+)*+'"
_PROPERTIES = r"[&*][0-9A-Za-z_-]*+|!(?:<[^>]*+>?|[0-9A-Za-z_\-;/?:@&=+$.%!~*'()]*+)"
"""An anchor, alias or tag, with the characters libyaml allows in each."""
_IN_FLOW_PLAIN = f"(?:[^{_BLANK},\\[\\]{{}}:]|:(?![{_BLANK},\\[\\]{{}}]|\\Z))"
_FLOW_TOKENS = re.compile(
    f"(?:[{_BLANK},?:]++|#[^{_LINE_BREAK}]*+|{_DOUBLE_QUOTED}|{_SINGLE_QUOTED}|{_PROPERTIES}"
    f"|(?![\"']){_IN_FLOW_PLAIN}++(?:[{_BLANK}]++(?!#){_IN_FLOW_PLAIN}++)*+)*+",
    re.DOTALL,
)
"""Everything inside [ ] or { } up to the next bracket: separators, comments, quoted text,
anchors and tags, and plain text (words, and the spaces and line breaks between them: a
quote or '&' after a space is text too). It stops early only at a quote that never closes."""
_QUOTED = {'"': re.compile(_DOUBLE_QUOTED, re.DOTALL), "'": re.compile(_SINGLE_QUOTED)}
_PROPERTY = re.compile(_PROPERTIES)
_SPACES = re.compile(r"[ \t]*+")
_TO_LINE_END = re.compile(f"[^{_LINE_BREAK}]*+")
_ONE_BREAK = re.compile(f"\r\n|[{_LINE_BREAK}]")
_KEY_COLON = re.compile(f"[ \t]*+:(?:[{_BLANK}]|\\Z)")
_PLAIN_STOP = re.compile(f":(?=[{_BLANK}]|\\Z)|[ \t]#|[{_LINE_BREAK}]")
_BLOCK_HEADER = re.compile(f"[|>][-+]?([1-9]?)[^{_LINE_BREAK}]*+")
_SCALAR_LINE = re.compile(f"( *+)([^{_LINE_BREAK}]*+)(?:\r\n|[{_LINE_BREAK}]|\\Z)")


def flow_depth_excess(text: str, limit: int) -> int | None:
    """The offset of the first '[' or '{' that opens a flow collection more than `limit`
    levels deep, reading `text` as YAML does; None when there is none."""
    end = len(text)
    i = line_start = depth = 0
    indent = -1  # libyaml's block indentation: the column of the innermost open block
    indents: list[int] = []  # ... and of the blocks around it
    node: int | None = None  # the column of a tag or anchor that starts the next token
    flow_start = 0  # where the outermost [ or { opened
    while i < end:
        if depth:  # inside [ ] or { }, where line breaks and indentation do not matter
            i = _past(_FLOW_TOKENS, text, i)
            if i == end or text[i] in "\"'":  # the end, or a quote that never closes
                return None
            if text[i] in "[{":
                depth += 1
                if depth > limit:
                    return i
            elif text[i] in "]}":
                depth -= 1
                if not depth:  # back in block context: where does this line start?
                    _, line_start = _skipped(text, flow_start, i, line_start)
            i += 1
            continue
        if i == line_start:  # block context, at the start of a line
            if _is_document_marker(text, i):
                indent, indents = -1, []
                i += 3
                continue
            if text.startswith("%", i):
                i = _past(_TO_LINE_END, text, i)
                continue
        i = _past(_SPACES, text, i)
        if i == end:
            break
        char = text[i]
        if char in _LINE_BREAK:
            i = line_start = _past(_ONE_BREAK, text, i)
            node = None
            continue
        column = i - line_start
        while indent > column:  # a less indented token closes the blocks it is outside of
            indent = indents.pop()
        if char in "!&*":  # a node's tag or anchor: a key starts where they do
            node = column if node is None else node
            i = _past(_PROPERTY, text, i)
            continue
        key_column = column if node is None else node
        node = None
        if char == "#":
            i = _past(_TO_LINE_END, text, i)
        elif char in "[{":
            depth = 1
            if depth > limit:
                return i
            flow_start = i
            i += 1
        elif char in "]},":
            i += 1
        elif char in "-?:" and (i + 1 == end or text[i + 1] in _BLANK):
            if char != ":" and column > indent:  # a block sequence or mapping starts here
                indents.append(indent)
                indent = column
            i += 1
        elif char in "\"'":
            closed = _quoted_end(text, i)
            if closed is None:
                return None
            if _KEY_COLON.match(text, closed) and key_column > indent:
                indents.append(indent)
                indent = key_column
            i, line_start = _skipped(text, i, closed, line_start)
        elif char in "|>":
            header = _BLOCK_HEADER.match(text, i)
            assert header is not None
            after = _ONE_BREAK.match(text, header.end())
            if after is None:  # the text ends on the header line
                break
            digit = header.group(1)
            fixed = max(indent, 0) + int(digit) if digit else None
            i = line_start = _block_scalar_end(text, after.end(), indent, fixed)
        else:
            i, line_start = _plain_end(text, i, indent, line_start)
            if i < end and text[i] == ":" and key_column > indent:  # it was a key
                indents.append(indent)
                indent = key_column
    return None


def _past(pattern: re.Pattern[str], text: str, i: int) -> int:
    """The end of `pattern` matched at `i`; `i` when it does not match."""
    found = pattern.match(text, i)
    return found.end() if found else i


def _skipped(text: str, start: int, stop: int, line_start: int) -> tuple[int, int]:
    """`stop`, and the start of its line, once text[start:stop] is skipped."""
    for found in _ONE_BREAK.finditer(text, start, stop):
        line_start = found.end()
    return stop, line_start


def _is_document_marker(text: str, i: int) -> bool:
    return text.startswith(("---", "..."), i) and (i + 3 == len(text) or text[i + 3] in _BLANK)


def _quoted_end(text: str, i: int) -> int | None:
    """The offset after the quoted scalar that starts at `i`; None when it never closes."""
    found = _QUOTED[text[i]].match(text, i)
    return found.end() if found else None


def _plain_end(text: str, i: int, indent: int, line_start: int) -> tuple[int, int]:
    """Where a plain scalar that starts at `i` in block context ends, and the start of that
    line: at ': ' (a key), at ' #' (a comment), or after its last continuation line (one
    indented past the enclosing block that is not a comment or a document marker)."""
    end = len(text)
    while True:
        stop = _PLAIN_STOP.search(text, i + 1)
        if stop is None:
            return end, line_start
        if stop.group() == ":":
            return stop.start(), line_start
        if stop.group()[0] in " \t":
            return stop.start() + 1, line_start
        next_line = stop.start()
        while True:  # skip blank lines
            next_line = _past(_ONE_BREAK, text, next_line)
            first = _past(_SPACES, text, next_line)
            if first == end or text[first] not in _LINE_BREAK:
                break
            next_line = first
        if (
            first == end
            or text[first] == "#"
            or first - next_line <= indent
            or _is_document_marker(text, next_line)
        ):
            return next_line, next_line
        i, line_start = first, next_line


def _block_scalar_end(text: str, i: int, parent: int, fixed: int | None) -> int:
    """The start of the first line after a block scalar whose content starts at line `i`,
    indented as libyaml finds it: `fixed` columns, or as its first non-blank line."""
    end = len(text)
    content = fixed
    deepest_blank = 0
    while i < end:
        line = _SCALAR_LINE.match(text, i)
        assert line is not None
        spaces, rest = len(line.group(1)), line.group(2)
        if content is None:
            if not rest:
                deepest_blank = max(deepest_blank, spaces)
                i = line.end()
                continue
            content = max(spaces, deepest_blank, parent + 1, 1)
        if rest and spaces < content:
            return i
        i = line.end()
    return i


_SIMPLE_ESCAPES = frozenset('0abt\tnvfre "/\\N_LP' + _LINE_BREAK)
"""What may follow a backslash in double quotes, besides x, u and U (as libyaml reads it)."""
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_BACKSLASH_OR_QUOTE = re.compile(r'[\\"]')
_HEX = re.compile(r"[0-9A-Fa-f]*")


def bad_escape(text: str, quote: int) -> tuple[int, str] | None:
    """The offset of the backslash of the first invalid escape in the double-quoted scalar
    that opens at `quote`, and what is wrong with it; None when every escape is valid."""
    i = quote + 1
    while (found := _BACKSLASH_OR_QUOTE.search(text, i)) is not None and found.group() == "\\":
        at = found.start()
        kind = text[at + 1 : at + 2]
        if not kind:
            return None
        if kind in _SIMPLE_ESCAPES:
            i = at + 2
            continue
        width = _HEX_DIGITS.get(kind)
        if width is None:
            shown = (
                f'"\\{kind}"'
                if kind.isascii() and kind.isprintable()
                else f"a backslash followed by U+{ord(kind):04X}"
            )
            return at, f"{shown} is not a valid escape"
        hex_digits = _HEX.match(text, at + 2, at + 2 + width)
        digits = hex_digits.group() if hex_digits else ""
        shown = f'"\\{kind}{digits}" is not a valid escape'
        if len(digits) < width:
            return at, f"{shown}: \\{kind} needs {width} hex digits"
        code = int(digits, 16)
        if 0xD800 <= code <= 0xDFFF:
            return at, f"{shown}: U+{code:04X} is a surrogate, not a character"
        if code > 0x10FFFF:
            return at, f"{shown}: U+{code:04X} is beyond the last Unicode character, U+10FFFF"
        i = at + 2 + width
    return None
