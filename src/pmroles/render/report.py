"""What a command answers (`Report`), how the person asked to see it (`Output`), and the one
function that writes every format and every export (`emit`).

Both the full CLI and the fast path end every command with `emit`. Nothing here imports Rich,
YAML or the machine formats until the chosen format needs them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from pmroles.exits import write

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType as RenderableType  # for pmroles.commands too

    from pmroles.errors import PmrolesError
    from pmroles.render.formats import Tabular
    from pmroles.render.page import Page

EXPORT_SUFFIXES = (".svg", ".html", ".htm", ".txt")


class Report(NamedTuple):
    """A command's answer: the data, and how to show it in each format.

    Each way of showing is a function, called only for the format asked for, so a command
    does its work once and pays for drawing or encoding only what is printed.
    """

    view: Callable[[], RenderableType] | None = None
    """The table format, drawn by Rich to the terminal's width (and what --export writes)."""
    text: Callable[[], str] | None = None
    """The table format as plain text printed as is, for commands without a view."""
    document: Callable[[], Any] | None = None
    """JSON and YAML: the command's document, with its `version`."""
    tabular: Callable[[], Tabular] | None = None
    """CSV and Markdown: one header row, then rows of cells."""
    markdown: Callable[[], Tabular] | None = None
    """Markdown, when it differs from `tabular`: read by people, so names, not ids."""
    page: Callable[[], Page] | None = None
    """The answer as a document for people (headings, lists, footnoted sources): Markdown,
    and the HTML export, write it where a command has one, in place of `markdown`."""
    note: str | None = None
    """A line for stderr once the output is written (`validate`'s verdict, `init`'s advice)."""
    failure: PmrolesError | None = None
    """Raised once the output is written: the answer was printed, and it is a failure."""


class Output(NamedTuple):
    """How the person asked to see a report: checked by the option parser that built it."""

    format: str = "table"
    """table, json, yaml, markdown or csv."""
    export: Path | None = None
    """Also write the table to this .svg, .html, .htm or .txt file."""
    force: bool = False
    """Replace the export file."""
    no_color: bool = False
    pager: bool = True
    """Let a table taller than the terminal go through the pager (off with --no-pager)."""


def emit(report: Report, output: Output) -> None:
    """Write `report` to stdout as `output` says, the export file first.

    Everything that can fail for a reason of the data's (an unknown name met while drawing,
    an export file that exists) fails before the first byte is written to stdout.
    """
    table = output.format == "table"
    text = _table(report, output) if table else _machine(report, output)
    # Only drawn views page: `schema`'s JSON and `validate`'s problem lines are for tools.
    drawn = table and report.view is not None
    if text and not (drawn and output.pager and _on_terminal() and _paged(text)):
        write(sys.stdout, text)
    if report.note is not None:
        write(sys.stderr, report.note)
    if report.failure is not None:
        raise report.failure


def _on_terminal() -> bool:
    # Asked before the pager module is imported: piped output never pays for paging.
    try:
        return sys.stdout.isatty()
    except (AttributeError, OSError, ValueError):  # replaced or closed, e.g. by a test runner
        return False


def _paged(text: str) -> bool:
    """Whether the pager showed `text` (it was taller than the terminal, and a pager ran)."""
    from pmroles.render.pager import page

    return page(text, sys.stdout)


def _table(report: Report, output: Output) -> str:
    if report.view is None:
        return report.text() if report.text is not None else ""
    from pmroles.render.console import make_console, render

    export = output.export
    # Rich alone decides about colour (NO_COLOR, FORCE_COLOR, TERM, a terminal or not).
    console = make_console(no_color=output.no_color, record=export is not None)
    text = render(console, report.view())
    if export is not None:
        from pmroles.files import write_atomic
        from pmroles.render.console import exported

        write_atomic(export, exported(console, export.suffix.lower()), overwrite=output.force)
    return text


def _machine(report: Report, output: Output) -> str:
    from pmroles.render import formats

    if output.format in ("json", "yaml"):
        if report.document is None:
            raise TypeError(f"this report has no {output.format} form")
        document = report.document()
        return formats.to_json(document) if output.format == "json" else formats.to_yaml(document)
    if output.format == "markdown" and report.page is not None:
        from pmroles.render.markdown import page_markdown

        return page_markdown(report.page())
    if output.format == "markdown" and report.markdown is not None:
        return formats.to_markdown(report.markdown())
    if report.tabular is None:
        raise TypeError(f"this report has no {output.format} form")
    table = report.tabular()
    return formats.to_csv(table) if output.format == "csv" else formats.to_markdown(table)
