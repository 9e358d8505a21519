"""--export FILE (the suffix names the format), --format html and text, --width and --theme:
through the full CLI and the fast path, for every command that can export."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pmroles import fastpath, surface
from pmroles.errors import UsageProblem
from pmroles.render.report import Output, Report, check

from .conftest import Invoke

EXPORTING = {
    "show": ["show", "tpm"],
    "compare": ["compare", "bpm", "tpm"],
    "brief": ["brief", "po"],
    "list": ["list", "--stakeholder", "sales"],
    "search": ["search", "backlog"],
    "similar": ["similar", "po"],
    "match": ["match", "--skill", "coding"],
    "matrix": ["matrix"],
    "map": ["map"],
    "stakeholders": ["stakeholders"],
    "stakeholder": ["stakeholders", "sales"],
    "which": ["which", "tpm"],
    "sources": ["sources"],
    "values": ["values", "skills"],
}
"""A command line of every command that exports (two for stakeholders: all, and one)."""

UNDRAWN = {"brief"}
"""Commands that draw no view, so have no SVG."""

SUFFIXES = {
    ".md": "Markdown",
    ".html": "HTML",
    ".txt": "text, 100 columns",
    ".svg": "SVG, 100 columns",
    ".json": "JSON",
    ".yaml": "YAML",
    ".csv": "CSV",
}
"""What the line on stderr says of each suffix's file, at the default width."""

STDOUT_FORMS = {".md": "markdown", ".html": "html", ".txt": "text", ".json": "json"}
STDOUT_FORMS |= {".yaml": "yaml", ".csv": "csv"}
"""The --format that prints, on stdout, what each suffix writes to a file."""

BOX = re.compile("[\u2500-\u257f]")
SVG = "{http://www.w3.org/2000/svg}"


def test_every_command_that_exports_is_tested() -> None:
    exporting = {
        name for name, (_f, _a, options) in surface.COMMANDS.items() if "--export" in options
    }
    assert exporting == {args[0] for args in EXPORTING.values()}
    for _name, (_function, _arguments, options) in surface.COMMANDS.items():
        if "--export" in options:
            assert {"--width", "--theme", "--force", "--format"} <= options.keys()


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.pre: list[str] = []
        self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        # A picture drawn in text (the map, a figure with its alt text) is not a terminal.
        self._in_pre = self._in_pre or (tag == "pre" and ("role", "img") not in attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._in_pre:
            self.pre.append(data)


def html_tags(text: str) -> _Html:
    parser = _Html()
    parser.feed(text)
    parser.close()
    return parser


def assert_self_contained_html(text: str) -> None:
    parsed = html_tags(text)
    assert text.startswith("<!doctype html>")
    assert "h1" in parsed.tags
    assert {"table", "ul", "ol"} & set(parsed.tags)
    assert not BOX.search("".join(parsed.pre)), "box drawing in <pre>: a terminal, not a page"
    assert "url(" not in text
    assert not re.search(r"https?://", text)
    assert not {"link", "img", "iframe", "object"} & set(parsed.tags)


def assert_self_contained_svg(text: str, *, background: str = "#ffffff") -> ElementTree.Element:
    root = ElementTree.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert "url(" not in text
    assert "@import" not in text
    assert "@font-face" not in text
    assert re.findall(r"https?://[^\"' ]*", text) == ["http://www.w3.org/2000/svg"]
    frame = root.find(f"{SVG}rect")
    assert frame is not None
    assert frame.get("fill") == background
    return root


def svg_width(columns: int) -> int:
    """The SVG's pixels across for `columns`: 12 a column, 18 of padding and frame."""
    return 12 * columns + 18


def run_fast(args: list[str]) -> tuple[int | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = fastpath.run(args, os.environ)
    return status, out.getvalue(), err.getvalue()


# -- each command, each suffix -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", list(SUFFIXES))
@pytest.mark.parametrize("name", list(EXPORTING))
def test_export_writes_the_form_its_suffix_names(
    invoke: Invoke, tmp_path: Path, name: str, suffix: str
) -> None:
    args = EXPORTING[name]
    path = tmp_path / f"out{suffix}"
    result = invoke(*args, "--export", str(path))
    if suffix == ".svg" and name in UNDRAWN:
        assert result.exit_code == 2
        assert f"{name} draws no view to picture as SVG" in result.stderr
        assert not path.exists()
        return
    if suffix == ".csv" and name == "brief":
        assert result.exit_code == 2
        assert "brief has no csv form" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.endswith(f"Wrote {path} ({SUFFIXES[suffix]})\n")
    assert len(result.stderr.splitlines()) == 1 or name == "match"  # match's warnings
    data = path.read_bytes()
    text = data.decode("utf-8")
    if suffix == ".svg":
        root = assert_self_contained_svg(text)
        assert root.get("width") == str(svg_width(100))
        return
    printed = invoke(*args, "--format", STDOUT_FORMS[suffix])
    assert printed.exit_code == 0, printed.stderr
    assert data == printed.stdout_bytes  # the file is what the format prints
    if suffix == ".html":
        assert_self_contained_html(text)
    elif suffix == ".txt":
        lines = text.splitlines()
        assert lines
        assert max(len(line) for line in lines) <= 100
        assert "\x1b" not in text
    elif suffix == ".json":
        assert json.loads(text)["version"] == 2


@pytest.mark.parametrize("name", [name for name in EXPORTING if name not in UNDRAWN])
def test_an_svg_follows_width_and_theme(invoke: Invoke, tmp_path: Path, name: str) -> None:
    path = tmp_path / "dark.svg"
    result = invoke(*EXPORTING[name], "--export", str(path), "--width", "60", "--theme", "dark")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f"Wrote {path} (SVG, 60 columns)\n")
    root = assert_self_contained_svg(path.read_text(encoding="utf-8"), background="#0d1117")
    assert root.get("width") == str(svg_width(60))
    assert root.get("viewBox", "").startswith(f"0 0 {svg_width(60)} ")


def test_an_svg_is_titled_with_the_command_and_uses_local_fonts(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "cmp.svg"
    assert invoke("compare", "bpm", "tpm", "--export", str(path), "--force").exit_code == 0
    text = path.read_text(encoding="utf-8")
    title = ElementTree.fromstring(text).find(f"{SVG}text")
    assert title is not None
    assert (title.text or "").replace("\xa0", " ") == "pmroles compare bpm tpm"
    assert "monospace" in text
    assert "Fira Code" not in text


@pytest.mark.parametrize("name", list(EXPORTING))
def test_text_at_a_width_fits_it_without_colour(invoke: Invoke, name: str) -> None:
    result = invoke(*EXPORTING[name], "--format", "text", "--width", "50", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 50, max(lines, key=len)
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("name", list(EXPORTING))
def test_html_on_stdout_is_a_page(invoke: Invoke, name: str) -> None:
    result = invoke(*EXPORTING[name], "--format", "html", env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.stderr
    assert_self_contained_html(result.stdout)


def test_text_is_drawn_at_100_columns_whatever_the_terminal(invoke: Invoke) -> None:
    wide = invoke("matrix", "--format", "text", env={"COLUMNS": "200"})
    narrow = invoke("matrix", "--format", "text", env={"COLUMNS": "40"})
    assert wide.stdout == narrow.stdout
    assert max(len(line) for line in wide.stdout.splitlines()) == 100


def test_width_draws_the_table_on_the_terminal_too(invoke: Invoke) -> None:
    """Without --width the table follows the terminal, as before; with it, --width wins."""
    assert invoke("list").stdout == invoke("list", env={"COLUMNS": "100"}).stdout
    narrow = invoke("list", "--width", "40", env={"COLUMNS": "100"})
    assert narrow.stdout == invoke("list", env={"COLUMNS": "40"}).stdout


def test_the_map_export_uses_the_maps_width(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "map.txt"
    result = invoke("map", "--width", "60", "--export", str(path), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {path} (text, 60 columns)\n"
    assert path.read_text(encoding="utf-8") == invoke("map", "--width", "60").stdout
    assert max(len(line) for line in path.read_text(encoding="utf-8").splitlines()) <= 60


# -- what is refused -----------------------------------------------------------------------------


def test_an_export_never_overwrites_without_force(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "po.md"
    path.write_text("mine")
    refused = invoke("show", "po", "--export", str(path))
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        f"Error: {path} already exists; it was left untouched (use --force to replace it)\n"
    )
    assert path.read_text() == "mine"
    forced = invoke("show", "po", "--export", str(path), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert forced.stderr == f"Wrote {path} (Markdown)\n"
    assert path.read_text(encoding="utf-8") == invoke("show", "po", "--format", "markdown").stdout


@pytest.mark.parametrize(
    ("given", "file"),
    [
        (["--format", "markdown"], "x.md"),
        (["-f", "html"], "x.HTM"),
        (["--format", "text"], "x.txt"),
        (["--format", "table"], "x.svg"),
        (["--json"], "x.json"),
        (["--format", "yaml"], "x.yml"),
    ],
)
def test_a_format_that_agrees_with_the_suffix_is_fine(
    invoke: Invoke, tmp_path: Path, given: list[str], file: str
) -> None:
    result = invoke("list", *given, "--export", str(tmp_path / file))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / file).exists()


@pytest.mark.parametrize(
    ("given", "file", "named"),
    [
        (["--format", "json"], "x.md", "--format json and --export {path} disagree"),
        (["--json"], "x.html", "--json and --export {path} disagree"),
        (["--format", "markdown"], "x.txt", "--format markdown and --export {path} disagree"),
        (["--format", "table"], "x.md", "--format table and --export {path} disagree"),
    ],
)
def test_a_format_that_disagrees_with_the_suffix_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, given: list[str], file: str, named: str
) -> None:
    path = tmp_path / file
    result = invoke("show", "tpm", *given, "--export", str(path))
    assert result.exit_code == 2
    assert named.format(path=path) in result.stderr
    assert not path.exists()


def test_an_unknown_suffix_lists_the_known_ones(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("compare", "bpm", "tpm", "--export", str(tmp_path / "cmp.pdf"))
    assert result.exit_code == 2
    flat = " ".join(result.stderr.split())
    assert ".md, .markdown, .html, .htm, .txt, .svg, .json, .yaml, .yml or .csv" in flat
    assert "--format markdown > FILE" in flat
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("export", [[], ["--export", "x.txt"], ["--export", "x.html"]])
def test_theme_goes_with_an_svg_export_only(
    invoke: Invoke, tmp_path: Path, export: list[str]
) -> None:
    args = [arg.replace("x.", f"{tmp_path}/x.") for arg in export]
    result = invoke("show", "tpm", "--theme", "dark", *args)
    assert result.exit_code == 2
    assert "--theme sets the colours of an SVG export" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_width_under_30_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("list", "--width", "29", "--export", str(tmp_path / "x.txt"))
    assert result.exit_code == 2
    assert "--width" in result.stderr
    assert invoke("list", "--width", "30", "--format", "text").exit_code == 0


def test_a_form_a_report_lacks_is_a_usage_error_naming_the_others() -> None:
    report = Report(text=lambda: "", document=lambda: {})
    with pytest.raises(UsageProblem, match=r"^brief has no csv form; it has table, json, yaml"):
        check(report, Output("csv", command="brief"))
    with pytest.raises(UsageProblem, match="brief draws no view to picture as SVG"):
        check(report, Output("svg", command="brief"))


# -- hostile catalogue text ----------------------------------------------------------------------

HOSTILE = """\
roles:
  x:
    name: "<script>alert(1)</script> [x](javascript:alert(1)) \\e[31mred\\u202eevil"
    summary: "</table><img src=http://example.com/a.png> & more"
    focus: ["*bold* <b>tag</b> | pipe", "`code` \\x07bell"]
"""


@pytest.mark.parametrize("suffix", [".html", ".svg", ".txt", ".md"])
@pytest.mark.parametrize("command", [["show", "x"], ["list"], ["search", "more"]])
def test_catalogue_text_is_data_in_every_export(
    invoke: Invoke, tmp_path: Path, suffix: str, command: list[str]
) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(HOSTILE, encoding="utf-8")
    path = tmp_path / f"out{suffix}"
    result = invoke("--no-builtin", "--catalogue", str(ours), *command, "--export", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    for character in ("\x1b", "\x07", "\u202e"):
        assert character not in text
    if suffix == ".html":
        tags = set(html_tags(text).tags)
        assert not {"script", "img", "b", "iframe"} & tags
        assert "&lt;" in text  # the markup is shown, escaped
        assert 'href="javascript' not in text
    if suffix == ".svg":
        root = ElementTree.fromstring(text)
        shown = {element.tag.removeprefix(SVG) for element in root.iter()}
        assert shown <= {"svg", "style", "rect", "text", "g", "circle"}


# -- the fast path -------------------------------------------------------------------------------


FAST = [
    [*EXPORTING[name], "--export", f"out{suffix}"]
    for name in EXPORTING
    for suffix in (".svg", ".txt", ".html", ".md")
    if not (suffix == ".svg" and name in UNDRAWN)
] + [
    ["compare", "bpm", "tpm", "--export", "cmp.svg", "--theme", "dark", "--width", "80"],
    ["map", "--width", "60", "--export", "map.txt"],
    ["list", "--format", "markdown", "--export", "out.md"],
    ["list", "--format", "html"],
    ["list", "--format", "text", "--width", "40"],
    ["show", "tpm", "--format", "text"],
    ["show", "tpm", "--format", "html"],
    ["matrix", "-f", "text"],
]


@pytest.mark.parametrize("args", FAST, ids=" ".join)
def test_the_fast_path_exports_what_the_full_cli_does(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    monkeypatch.setenv("NO_COLOR", "1")
    written = []
    for side in ("fast", "full"):
        where = tmp_path / side
        where.mkdir()
        monkeypatch.chdir(where)
        if side == "fast":
            status, out, err = run_fast(args)
        else:
            result = invoke(*args, env={"COLUMNS": "70"})
            status, out, err = result.exit_code, result.stdout_bytes.decode(), result.stderr
        files = {path.name: path.read_bytes() for path in where.iterdir()}
        written.append((status, out, err, files))
    assert written[0] == written[1]
    assert written[0][0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["show", "tpm", "--format", "json", "--export", "x.md"],
        ["show", "tpm", "--export", "x.pdf"],
        ["list", "--theme", "dark"],
        ["list", "--export", "x.txt", "--theme", "dark"],
        ["list", "--width", "29"],
        ["brief", "po", "--export", "x.svg"],
        ["brief", "po", "--format", "csv"],
    ],
)
def test_the_fast_path_leaves_refusals_to_the_full_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_fast(args) == (None, "", "")
    assert list(tmp_path.iterdir()) == []


def test_the_fast_path_refuses_to_overwrite_as_the_full_cli_does(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.md").write_text("mine")
    assert run_fast(["show", "tpm", "--export", "x.md"]) == (None, "", "")
    assert Path("x.md").read_text() == "mine"
    status, out, err = run_fast(["show", "tpm", "--export", "x.md", "--force"])
    assert (status, out, err) == (0, "", "Wrote x.md (Markdown)\n")


# -- speed ---------------------------------------------------------------------------------------

PROBE = """
import io, json, sys, contextlib
sys.argv = ["pmroles", *json.loads(sys.argv[1])]
from pmroles.entry import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

WRITERS = {
    "pmroles.render.html",
    "pmroles.render.markdown",
    "pmroles.render.plain",
    "pmroles.render.page",
    "pmroles.render.pages",
    "pmroles.files",
    "rich.terminal_theme",
    "shlex",
}


def _modules(args: list[str], cache: Path, cwd: Path) -> set[str]:
    environ = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100", "NO_COLOR": "1"}
    environ.pop("PMROLES_CATALOGUE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        check=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, done.stderr
    return set(result["modules"])


def test_only_an_export_or_its_format_loads_its_writer(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _modules(["list"], cache, tmp_path)  # builds the cache
    table = _modules(["list"], cache, tmp_path)
    assert not (table & WRITERS) - {"rich.terminal_theme"}, table & WRITERS
    assert {"typer", "click"}.isdisjoint(table)
    html = _modules(["list", "--format", "html"], cache, tmp_path)
    assert "pmroles.render.html" in html
    assert not {"rich", "pmroles.render.markdown", "typer"} & html
    svg = _modules(["compare", "bpm", "tpm", "--export", "c.svg"], cache, tmp_path)
    assert {"rich.terminal_theme", "pmroles.files"} <= svg
    assert not {"pmroles.render.html", "typer", "click"} & svg
