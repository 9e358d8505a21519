"""Machine formats: JSON, YAML, CSV and Markdown text straight from plain data.

None of this passes through Rich: no wrapping, no markup handling, no terminal width.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pmroles.render.text import escape_controls, unsafe

LIST_SEPARATOR = "; "
"""How CSV and Markdown cells join list values."""


@dataclass(frozen=True, slots=True)
class Tabular:
    """A flat table for CSV and Markdown: one header row, then rows of cells."""

    header: Sequence[str]
    rows: Sequence[Sequence[str | Sequence[str] | None]]
    """A cell is text, a list of text (joined with LIST_SEPARATOR) or None (empty)."""


def _cell(value: str | Sequence[str] | None) -> str:
    """A CSV or Markdown cell. These formats have no escapes, and people open them in
    terminals and spreadsheets: control and bidi characters become visible escapes
    (line breaks stay; CSV quotes them and Markdown folds them)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_controls(value)
    return LIST_SEPARATOR.join(escape_controls(item) for item in value)


def to_json(document: Any) -> str:
    # Readable UTF-8, except that characters which could act on a terminal are written as
    # \u escapes: the same string to a JSON reader, inert on a screen.
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_yaml(document: Any) -> str:
    import yaml

    # Every string is quoted where YAML would read it as something else, so a reader gets
    # back exactly the text (no Norway problem on the way out either). Unicode is written
    # as is unless the document holds characters that could act on a terminal: then all
    # non-ASCII text is escaped, which YAML readers undo.
    safe = not unsafe().search(json.dumps(document, ensure_ascii=False))
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=safe, width=1_000_000)


def to_csv(table: Tabular) -> str:
    """RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _markdown_cell(value: str | Sequence[str] | None) -> str:
    text = _cell(value).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())  # a line break would end the table row


def to_markdown(table: Tabular) -> str:
    """A GitHub pipe table."""
    lines = [
        "| " + " | ".join(_markdown_cell(h) for h in table.header) + " |",
        "|" + "|".join(" --- " for _ in table.header) + "|",
    ]
    lines += ["| " + " | ".join(_markdown_cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"
