"""What a command answers (`Report`), how the person asked to see it (`Output`), and the one
function that writes every format and every export (`emit`).

Both the full CLI and the fast path end every command with `emit`, and both check the output
options with `chosen_format`. Nothing here imports Rich, YAML or the writers of a format until
that format is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pmroles.errors import UsageProblem
from pmroles.exits import write

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType as RenderableType  # for pmroles.commands too

    from pmroles.errors import PmrolesError
    from pmroles.render.formats import Tabular
    from pmroles.render.page import Page, Table

EXPORTS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".svg": "svg",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
}
"""The format an --export file's suffix (in any case) chooses."""
EXPORT_SUFFIXES = tuple(EXPORTS)
FORMS = ("table", "json", "yaml", "markdown", "csv", "html", "text")
"""What --format takes; an export can also be `svg`."""
FORM_NAMES = {
    "markdown": "Markdown",
    "html": "HTML",
    "text": "text",
    "svg": "SVG",
    "json": "JSON",
    "yaml": "YAML",
    "csv": "CSV",
}
DRAWN = ("text", "svg")
"""The formats drawn at a number of columns (`Output.width`)."""
WIDTH = 100
"""The columns of text and SVG when --width is not given: never the terminal's."""
MIN_WIDTH = 30
THEMES = ("light", "dark")


class Report(NamedTuple):
    """A command's answer: the data, and how to show it in each format.

    Each way of showing is a function, called only for the format asked for, so a command
    does its work once and pays for drawing or encoding only what is printed.
    """

    view: Callable[[], RenderableType] | None = None
    """The table format, drawn by Rich to the terminal's width; also --format text and the
    SVG export, drawn to --width, for commands without a `page`."""
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
    HTML and text write it where a command has one; others get a page of one table."""
    drawn_text: bool = False
    """--format text (and a .txt export) draws `view` although there is a `page`: the map,
    whose picture is drawn to --width as the terminal shows it."""
    title: str | None = None
    """What the answer is, for people ("Roles", "Matches for 'backlog'"): the heading of the
    page HTML writes for a command without a `page`."""
    note: str | None = None
    """A line for stderr once the output is written (`validate`'s verdict, `init`'s advice)."""
    failure: PmrolesError | None = None
    """Raised once the output is written: the answer was printed, and it is a failure."""


class Output(NamedTuple):
    """How the person asked to see a report: checked by the option parser that built it
    (with `chosen_format`)."""

    format: str = "table"
    """One of FORMS, or `svg` for an export."""
    export: Path | None = None
    """Write the output to this file instead of stdout (its suffix chose `format`)."""
    force: bool = False
    """Replace the export file."""
    no_color: bool = False
    pager: bool = True
    """Let a table taller than the terminal go through the pager (off with --no-pager)."""
    width: int | None = None
    """--width: the columns to draw at; None for the terminal's (table) or WIDTH (text, SVG)."""
    theme: str = "light"
    """The SVG's colours: light or dark."""
    command: str = ""
    """The command's name, for messages (`brief has no csv form`)."""
    title: str = "pmroles"
    """The command line, as the SVG's window title."""


def suffix(name: str) -> str:
    """The suffix of file `name` that chooses an export's format, lower-cased (like pathlib's
    `suffix`, without importing pathlib)."""
    import os.path

    return os.path.splitext(os.path.basename(name))[1].lower()


def chosen_format(chosen: str | None, as_json: bool, export: str | None, theme: str | None) -> str:
    """The format --format, --json, --export and --theme ask for together; a `UsageProblem`
    naming the options when they disagree. `export` is the file name as typed."""
    from pmroles.render.text import inert

    if as_json and chosen not in (None, "json"):
        raise UsageProblem(f"--json and --format {chosen} disagree; give one")
    given = "json" if as_json else chosen
    if export is None:
        if theme is not None:
            raise UsageProblem(
                "--theme sets the colours of an SVG export; it goes with --export FILE.svg"
            )
        return given or "table"
    shown = inert(export)
    form = EXPORTS.get(suffix(export))
    if form is None:
        raise UsageProblem(
            f"{shown!r} should end in {', '.join(EXPORT_SUFFIXES[:-1])} or "
            f"{EXPORT_SUFFIXES[-1]}: the suffix chooses the format. Or print a format and "
            "redirect it: --format markdown > FILE",
            "--export",
        )
    if given is not None and given != form and not (given == "table" and form == "svg"):
        option = "--json" if as_json else f"--format {given}"
        raise UsageProblem(
            f"{option} and --export {shown} disagree: {suffix(export)} writes "
            f"{FORM_NAMES[form]}; give one of them"
        )
    if theme is not None and form != "svg":
        raise UsageProblem(
            f"--theme sets the colours of an SVG export, not of {FORM_NAMES[form]}; "
            "it goes with --export FILE.svg"
        )
    return form


_EXPORT_OPTIONS = ("--export", "--theme")
"""Left out of an SVG's title, with their values (and --force): how, not what, to show."""


def window_title(words: Sequence[str]) -> str:
    """The command line `pmroles WORDS...` without its export options, as an SVG's title."""
    import shlex

    from pmroles.render.text import inert

    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in _EXPORT_OPTIONS:
            skip = True
        elif word != "--force" and not word.startswith(tuple(f"{o}=" for o in _EXPORT_OPTIONS)):
            kept.append(word)
    return inert(shlex.join(["pmroles", *kept]))


def _has(report: Report, form: str) -> bool:
    """Whether `report` can be shown in format `form`."""
    if form == "table":
        return True  # what the command prints by default, if anything (`init` prints nothing)
    if form in ("json", "yaml"):
        return report.document is not None
    if form == "csv":
        return report.tabular is not None
    if form in ("markdown", "html"):
        return report.page is not None or report.markdown is not None or report.tabular is not None
    if form == "text":
        return report.page is not None or report.view is not None or report.text is not None
    return report.view is not None  # svg


def check(report: Report, output: Output) -> None:
    """A `UsageProblem` if `report` has no form `output` asks for (`brief` draws no SVG)."""
    if _has(report, output.format):
        return
    command = output.command or "this command"
    if output.format == "svg":
        raise UsageProblem(
            f"{command} draws no view to picture as SVG; export .md, .html or .txt instead",
            "--export",
        )
    others = ", ".join(form for form in FORMS if _has(report, form))
    raise UsageProblem(
        f"{command} has no {output.format} form; it has {others}",
        "--export" if output.export is not None else "--format",
    )


def emit(report: Report, output: Output) -> None:
    """Write `report` to stdout, or to the export file, as `output` says.

    Everything that can fail for a reason of the data's (a form the command lacks, an
    unknown name met while drawing, an export file that exists) fails before the first byte
    is written to stdout. An export writes one line to stderr, and nothing to stdout.
    """
    check(report, output)
    if output.export is not None:
        _export(report, output, output.export)
    else:
        text = _stdout(report, output)
        # Only drawn views page: `schema`'s JSON and `validate`'s problem lines are for tools.
        drawn = output.format == "table" and report.view is not None
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


def _stdout(report: Report, output: Output) -> str:
    if output.format == "table":
        return _table(report, output)
    if output.format == "text":
        return _text(report, output, getattr(sys.stdout, "encoding", None) or "utf-8")
    return _written(report, output.format)


def _table(report: Report, output: Output) -> str:
    if report.view is None:
        return report.text() if report.text is not None else ""
    from pmroles.render.console import make_console, render

    # Rich alone decides about colour (NO_COLOR, FORCE_COLOR, TERM, a terminal or not).
    console = make_console(no_color=output.no_color, width=output.width)
    return render(console, report.view())


def _text(report: Report, output: Output, encoding: str) -> str:
    """The text format: the page as plain text, or the drawn view without colour."""
    width = output.width or WIDTH
    if report.page is not None and not (report.drawn_text and report.view is not None):
        from pmroles.render.plain import page_text

        return page_text(report.page(), width)
    if report.view is None:
        return report.text() if report.text is not None else ""
    from pmroles.render.console import file_console, render

    return render(file_console(width, encoding=encoding), report.view())


def _written(report: Report, form: str) -> str:
    """JSON, YAML, CSV, Markdown or HTML: written from the data, never drawn."""
    from pmroles.render import formats

    if form in ("json", "yaml"):
        assert report.document is not None  # checked by `check`
        document = report.document()
        return formats.to_json(document) if form == "json" else formats.to_yaml(document)
    if form == "html":
        from pmroles.render.html import page_html

        return page_html(_page(report))
    if form == "markdown" and report.page is not None:
        from pmroles.render.markdown import page_markdown

        return page_markdown(report.page())
    if form == "markdown" and report.markdown is not None:
        from pmroles.render.markdown import table_markdown

        # Read by people: the catalogue's text escaped as in a document (`*`, `<`, `[`).
        return table_markdown(_people_table(report))
    assert report.tabular is not None  # checked by `check`
    table = report.tabular()
    return formats.to_csv(table) if form == "csv" else formats.to_markdown(table)


def _page(report: Report) -> Page:
    """The report's page; for a command without one, its title over its Markdown table."""
    if report.page is not None:
        return report.page()
    from pmroles.render.page import Heading, Page

    title = report.title or "pmroles"
    return Page(title, (Heading(1, title), _people_table(report)))


def _people_table(report: Report) -> Table:
    """The report's Markdown table (its CSV table with the keys as labels, if it has none)
    as a table of a page."""
    from pmroles.render.formats import LIST_SEPARATOR
    from pmroles.render.page import Table

    source = report.markdown or report.tabular
    assert source is not None  # checked by `check`
    tabular = source()
    header = tuple(tabular.header)
    if report.markdown is None:  # CSV's keys (`id`, `day_to_day`): as labels
        header = tuple(key[:1].upper() + key[1:].replace("_", " ") for key in header)

    def cell(value: str | Sequence[str] | None) -> tuple[str, ...]:
        if value is None:
            return ()
        return (value if isinstance(value, str) else LIST_SEPARATOR.join(value),)

    rows = tuple(tuple(cell(value) for value in row) for row in tabular.rows)
    return Table(header, rows)


def _export(report: Report, output: Output, path: Path) -> None:
    from pmroles.files import write_atomic
    from pmroles.render.text import inert

    form = output.format
    width = output.width or WIDTH
    if form == "svg":
        from pmroles.render.console import svg

        assert report.view is not None  # checked by `check`
        data = svg(report.view(), width, dark=output.theme == "dark", title=output.title)
    elif form == "text":
        data = _text(report, output, "utf-8")
    else:
        data = _written(report, form)
    write_atomic(path, data.encode("utf-8"), overwrite=output.force)
    columns = f", {width} columns" if form in DRAWN else ""
    write(sys.stderr, f"Wrote {inert(str(path))} ({FORM_NAMES[form]}{columns})\n")
