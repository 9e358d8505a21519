"""A `Page` as Markdown (CommonMark with GitHub's tables and footnotes): a document a person
would write, with every catalogue string inert.

`escape` makes text mean only itself: whatever a catalogue holds (`*`, `[x](javascript:...)`,
`<script>`, `# `, `1. `, `|`, a backtick), a Markdown reader shows the characters as typed. Line
breaks fold to spaces and control and bidi characters become visible escapes (`\\x1b`), as
`pmroles.render.text.inert` does. Sources are GitHub footnotes: `[^1]` in the text and
`[^1]: Title, Author, Publisher` at the end.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from pmroles.render.page import (
    Block,
    Bullets,
    Cite,
    Figure,
    Heading,
    Item,
    Line,
    Link,
    Markup,
    Page,
    Paragraph,
    Quiet,
    Sign,
    Source,
    Strong,
    Table,
    safe_href,
)
from pmroles.render.text import escape_controls, inert

_ALWAYS = frozenset("\\`*[]<|~$")
"""Characters escaped wherever they are: emphasis, links, footnotes, code spans, raw HTML
and autolinks, table cells, strikethrough, GitHub's maths."""
_AT_START = frozenset("-+>=#")
"""Characters escaped where a string starts (after spaces): list items, block quotes,
setext underlines, headings."""
_ORDERED = re.compile(r"[ ]*[0-9]{1,9}([.)])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_SHORTCODE = re.compile(r":[A-Za-z0-9_+-]+:")
_EDGE_SPACES = re.compile(r"^ {2,}| {2,}$")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """`text` as Markdown that shows exactly `inert(text)` (spaces at either end cut to
    one), wherever a line of prose, a heading, a list item or a table cell puts it, even
    at the start of a line."""
    # More than one space at either end could indent a code block or break a line.
    text = _EDGE_SPACES.sub(" ", inert(text))
    if not text:
        return text
    start = 1 if text.startswith(" ") else 0
    ordered = _ORDERED.match(text)
    number_end = ordered.start(1) if ordered else -1
    out: list[str] = []
    last = len(text) - 1
    for i, c in enumerate(text):
        before = text[i - 1] if i else ""
        after = text[i + 1] if i < last else ""
        if (
            c in _ALWAYS
            or (i == start and c in _AT_START)
            or i == number_end
            or (c == "_" and not (before.isalnum() and after.isalnum()))
            or (c == "#" and before.isspace())
            or (c == "&" and _ENTITY.match(text, i))
            or (c == ":" and _SHORTCODE.match(text, i))
            or (c == "!" and i == last)  # `!` before a link makes it an image
        ):
            out.append("\\")
        out.append(c)
    return "".join(out)


def page_markdown(page: Page) -> str:
    """The whole page: its title, its blocks, then its sources as footnotes."""
    chunks: list[str] = []
    blocks = page.blocks
    if not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1):
        chunks.append(("# " + escape(page.title)).strip(" "))
    for block in blocks:
        chunk = _block(block)
        if chunk:
            chunks.append(chunk)
    chunks += [f"[^{n}]: {_note(source)}" for n, source in enumerate(page.sources, 1)]
    lines = "\n\n".join(chunks).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


# -- blocks ---------------------------------------------------------------------------------------


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return ("#" * level + " " + escape(block.text).strip(" ")).rstrip()
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        return "\n".join(_items(block.items, block.numbered, ""))
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Markup):
        return _line(block.text)
    return _figure(block)


def _paragraph(paragraph: Paragraph) -> str:
    text = _line(paragraph.text)
    if (
        text
        and paragraph.quiet
        and not any(isinstance(part, Strong | Quiet) for part in paragraph.text)
        and _takes("_", "", text, "")
    ):
        return f"_{text}_"
    return text


def _items(items: tuple[Item, ...], numbered: bool, indent: str) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(items, 1):
        marker = f"{number}." if numbered else "-"
        lines.append(f"{indent}{marker} {_line(item.text)}".rstrip())
        if item.children:
            # A child's marker lines up with its parent's text, so it nests in every reader.
            lines += _items(item.children, False, indent + " " * (len(marker) + 1))
    return lines


def _table(table: Table) -> str:
    columns = max([len(table.header), *(len(row) for row in table.rows)])
    if not columns:
        return ""
    header = [*table.header, *([""] * (columns - len(table.header)))]
    lines = []
    if table.caption:
        lines += [escape(table.caption).strip(" "), ""]
    lines.append(_row([escape(cell).strip(" ") for cell in header]))
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for row in table.rows:
        cells = [_line(cell) for cell in row]
        lines.append(_row(cells + [""] * (columns - len(cells))))
    return "\n".join(lines)


def table_markdown(table: Table) -> str:
    """One table on its own, as a GitHub pipe table: a command's answer that is a table
    rather than a document (`list`, `matrix`), its cells escaped as a page's are."""
    text = _table(table)
    return text + "\n" if text else ""


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _figure(figure: Figure) -> str:
    lines = [
        escape_controls(piece).rstrip()
        for line in figure.lines
        for piece in _LINE_BREAKS.split(line)
    ]
    ticks = max([len(run) for line in lines for run in re.findall("`+", line)], default=0)
    fence = "`" * max(3, ticks + 1)
    label = escape(figure.caption or figure.alt).strip(" ")
    code = "\n".join([f"{fence}text", *lines, fence])
    return f"{label}\n\n{code}" if label else code


def _note(source: Source) -> str:
    title = escape(source.title).strip(" ")
    href = safe_href(source.url) if source.url else None
    if href and title:
        title = f"[{title}]({_destination(href)})"
    parts = [title, *(escape(p).strip(" ") for p in (source.author, source.publisher) if p)]
    note = ", ".join(part for part in parts if part)
    # Without footnotes, CommonMark would read `[^1]: word "title"` as a link reference
    # definition: a second word that starts like a link title is escaped so it cannot be one.
    second = re.match(r"\S+ +([\"'(])", note)
    if second:
        note = note[: second.start(1)] + "\\" + note[second.start(1) :]
    return note


# -- inline ---------------------------------------------------------------------------------------


def _line(line: Line) -> str:
    """The inline parts of `line` as one line of Markdown, without spaces at either end."""
    pieces: list[tuple[str, str]] = []
    """(delimiter, text): a delimiter wraps its text in emphasis, "" is text as it is."""
    for part in line:
        if isinstance(part, str):
            text = escape(part)
            if text.startswith(":") and pieces and pieces[-1][1].endswith("]"):
                text = "\\" + text  # `[^1]:` would start a footnote's definition
            pieces.append(("", text))
        elif isinstance(part, Cite):
            pieces.append(("", f"[^{part.number}]"))
        elif isinstance(part, Link):
            pieces.append(("", _link(part)))
        elif isinstance(part, Strong):
            pieces.append(("**", escape(part.text)))
        elif isinstance(part, Sign):
            pieces.append(("", escape(part.shown)))
        else:
            pieces.append(("_", escape(part.text)))
    out = ""
    for i, (delimiter, text) in enumerate(pieces):
        inner = text.strip(" ")
        if not delimiter or not inner:
            out += text
            continue
        lead = text[: len(text) - len(text.lstrip(" "))]
        trail = text[len(text.rstrip(" ")) :]
        following = trail or _first(pieces[i + 1 :])
        if _takes(delimiter, (out + lead)[-1:], inner, following[:1]):
            out += f"{lead}{delimiter}{inner}{delimiter}{trail}"
        else:  # emphasis would not take here: the words alone, rather than stray `**`
            out += text
    return out.strip(" ")


def _first(pieces: list[tuple[str, str]]) -> str:
    """The first character the pieces will write (a delimiter if the first is emphasis)."""
    for delimiter, text in pieces:
        if text:
            return delimiter[:1] if delimiter and not text.startswith(" ") else text[:1]
    return ""


def _link(link: Link) -> str:
    text = escape(link.text).strip(" ")
    href = safe_href(link.href)
    if href is None:
        return text
    return f"[{text or escape(href)}]({_destination(href)})"


def _destination(href: str) -> str:
    """`href` as a link destination: no space, parenthesis, angle bracket, pipe (a table
    cell's end), backtick (a code span) or backslash left to read as anything else."""
    encoded = quote(href, safe="!#$%&'*+,/:;=?@~")
    return _ENTITY.sub(lambda m: "\\" + m.group(), encoded)


# CommonMark's rules for when `**` or `_` opens and closes emphasis ("flanking"), so that
# emphasis is written only where every reader will show it as such.


def _kind(c: str, symbols_punctuate: bool) -> str:
    if not c or c.isspace():
        return " "
    category = unicodedata.category(c)
    if category.startswith("P") or (c.isascii() and not c.isalnum()):
        return "."
    if category.startswith("S") and symbols_punctuate:
        return "."  # CommonMark 0.31 counts symbols as punctuation; older readers do not
    return "a"


def _takes(delimiter: str, before: str, inner: str, after: str) -> bool:
    """Whether `before` + delimiter + `inner` + delimiter + `after` is emphasis, by the
    rules of both older and newer CommonMark readers."""
    if before == delimiter[0] or after == delimiter[0]:
        return False  # it would join a neighbour's delimiters into one run
    return all(
        _opens(delimiter, _kind(before, s), _kind(inner[0], s))
        and _closes(delimiter, _kind(inner[-1], s), _kind(after, s))
        for s in (False, True)
    )


def _left(before: str, after: str) -> bool:
    return after != " " and (after != "." or before in " .")


def _right(before: str, after: str) -> bool:
    return before != " " and (before != "." or after in " .")


def _opens(delimiter: str, before: str, after: str) -> bool:
    if delimiter == "_":
        return _left(before, after) and (not _right(before, after) or before == ".")
    return _left(before, after)


def _closes(delimiter: str, before: str, after: str) -> bool:
    if delimiter == "_":
        return _right(before, after) and (not _left(before, after) or after == ".")
    return _right(before, after)
