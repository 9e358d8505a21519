"""A `Page` as plain text, to read in a terminal or paste into an email.

Wrapped at a width with no word ever split (a word longer than the width gets a line of its
own), titles underlined, bullets with hanging indents, tables as aligned columns when they
fit and one block per row when they do not, sources numbered at the end. Catalogue text is
`inert`: line breaks fold to spaces and control and bidi characters become visible escapes.
"""

from __future__ import annotations

import re
import textwrap

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
    Sign,
    Source,
    Table,
    safe_href,
)
from pmroles.render.text import escape_controls, inert

_GAP = "  "
"""Between the columns of a table."""
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def page_text(page: Page, width: int = 80) -> str:
    """The whole page as text no wider than `width` (but for a single longer word)."""
    width = max(width, 1)
    chunks: list[list[str]] = []
    blocks = page.blocks
    if not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1):
        chunks.append(_underlined(page.title, "=", width))
    for block in blocks:
        lines = _block(block, width)
        if lines:
            chunks.append(lines)
    if page.sources:
        notes = [*_underlined("Sources", "-", width), ""]
        for number, source in enumerate(page.sources, 1):
            notes += _wrap(_note(source), width, f"[{number}] ", " " * len(f"[{number}] "))
        chunks.append(notes)
    text = "\n\n".join("\n".join(line.rstrip() for line in chunk) for chunk in chunks)
    return text.strip("\n") + "\n"


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    wrapper = textwrap.TextWrapper(
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or ([first.rstrip()] if first.strip() else [])


def _underlined(text: str, rule: str, width: int) -> list[str]:
    lines = _wrap(inert(text), width)
    if not lines:
        return []
    return [*lines, rule * max(len(line) for line in lines)]


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Heading):
        if block.level <= 2:
            return _underlined(block.text, "=" if block.level == 1 else "-", width)
        text = inert(block.text).strip()
        if text and text[-1] not in ":?!.":
            text += ":"
        return _wrap(text, width)
    if isinstance(block, Paragraph):
        return _wrap(_line(block.text), width)
    if isinstance(block, Bullets):
        return _items(block.items, block.numbered, "", width)
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Markup):
        return _wrap(_line(block.text), width) if block.text else []
    return _figure(block, width)


def _items(items: tuple[Item, ...], numbered: bool, indent: str, width: int) -> list[str]:
    lines: list[str] = []
    digits = len(str(len(items)))
    for number, item in enumerate(items, 1):
        marker = f"{number:>{digits}}. " if numbered else "- "
        hanging = indent + " " * len(marker)
        lines += _wrap(_line(item.text), width, indent + marker, hanging)
        lines += _items(item.children, False, hanging, width)
    return lines


def _table(table: Table, width: int) -> list[str]:
    columns = max([len(table.header), *(len(row) for row in table.rows)])
    if not columns:
        return []
    header = [inert(cell).strip() for cell in table.header]
    header += [""] * (columns - len(header))
    rows = [[_line(cell) for cell in row] for row in table.rows]
    rows = [row + [""] * (columns - len(row)) for row in rows]
    lines = [*_wrap(inert(table.caption), width), ""] if table.caption else []
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(columns)]
    if sum(widths) + len(_GAP) * (columns - 1) <= width:
        lines.append(_columns(header, widths))
        lines.append(_columns(["-" * w for w in widths], widths))
        lines += [_columns(row, widths) for row in rows]
        return lines
    # Too wide for columns: one block per row, a line per cell named by its column.
    for number, row in enumerate(rows):
        if number:
            lines.append("")
        cells = list(zip(header, row, strict=True))
        indent = ""
        if table.row_headers:
            lines += _wrap(row[0], width)
            cells, indent = cells[1:], "  "
        for name, value in cells:
            if value:
                text = f"{name}: {value}" if name else value
                lines += _wrap(text, width, indent, indent + "    ")
    return lines


def _columns(cells: list[str], widths: list[int]) -> str:
    return _GAP.join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()


def _figure(figure: Figure, width: int) -> list[str]:
    label = _wrap(inert(figure.caption or figure.alt), width)
    drawing = [
        escape_controls(piece).rstrip()
        for line in figure.lines
        for piece in _LINE_BREAKS.split(line)
    ]
    return [*label, "", *drawing] if label else drawing


def _line(line: Line) -> str:
    parts: list[str] = []
    for part in line:
        if isinstance(part, str):
            parts.append(inert(part))
        elif isinstance(part, Cite):
            parts.append(f"[{part.number}]")
        elif isinstance(part, Link):
            parts.append(_link(part))
        elif isinstance(part, Sign):
            parts.append(inert(part.shown))
        else:
            parts.append(inert(part.text))
    return "".join(parts).strip()


def _link(link: Link) -> str:
    """The link's text, and its address when that leads somewhere outside the document."""
    text = inert(link.text).strip()
    href = safe_href(link.href)
    if href is None or ":" not in href.split("/", 1)[0] or href == text:
        return text or (href or "")
    return f"{text} <{href}>" if text else href


def _note(source: Source) -> str:
    href = safe_href(source.url) if source.url else None
    parts = [source.title, source.author, source.publisher]
    text = ", ".join(inert(part).strip() for part in parts if part and part.strip())
    return f"{text} <{href}>" if href else text
