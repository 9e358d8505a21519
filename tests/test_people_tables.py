"""The Markdown and HTML of `list`, `search`, `similar`, `match`, `which`, `values` and `map`:
read by people, so roles by name and aspects by label, in the words of the terminal view,
never an id column; CSV and JSON keep their ids. Catalogue text is data in both forms."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pmroles.answers.rolemap import height_words, side_words
from pmroles.catalogue.loader import load_builtin

from .conftest import Invoke

ROLE_IDS = frozenset(load_builtin().roles)

COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    # name: (arguments, what the table must say)
    "list": (["list"], ["Role", "Focus", "Product Owner", "Technical Product Manager"]),
    "list-filtered": (["list", "--stakeholder", "legal"], ["Role", "Focus"]),
    "search": (
        ["search", "backlog"],
        ["Where", "Field", "Product Owner", "Accountable for", "Backlog (editorial)"],
    ),
    "similar": (
        ["similar", "po"],
        ["Role", "Similarity", "Why", "Product Manager", "Same market: B2C, B2B and B2G"],
    ),
    "match": (
        ["match", "--skill", "sql", "--stakeholder", "sales"],
        ["Fit", "Matches", "Also needs", "Business Product Manager", "→ Data analysis"],
    ),
    "which": (["which", "po"], ["Part", "Where", "The role", "Day to day", "Career path"]),
    "values": (["values"], ["Aspect", "Value", "Used by", "Training and background"]),
    "values-method": (["values", "method"], ["Value", "Roles", "agile", "Product Owner"]),
    "values-skills": (["values", "skills"], ["Data analysis", "Budgeting (a kind of Finance)"]),
    "map": (
        ["map"],
        ["Role", "Business\u2013technical", "Tactical\u2013strategic", "Business Product Manager"],
    ),
}
IDS_SHOWN = {"values", "values-skills"}
"""The view shows concept ids there (completion offers them, people type them): kept as Id."""
RAW_HEADINGS = {"id", "name", "kind", "score", "x", "y", "attribute", "aspect", "field", "text"}
RAW_WORDS = ("day_to_day", "product_cycle_impact", "(role)", "data-analysis)", "3.000", "b2c,")

params = pytest.mark.parametrize("name", list(COMMANDS))


def _ok(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _markdown_table(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the first pipe table in `text`, cells unescaped."""
    lines = [line for line in text.splitlines() if line.startswith("| ")]

    def cells(line: str) -> list[str]:
        inner = re.split(r"(?<!\\)\|", line)[1:-1]
        return [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in inner]

    return cells(lines[0]), [cells(line) for line in lines[1:] if not line.startswith("| ---")]


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None
        self._head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "thead":
            self._head = True
        elif tag == "tr" and not self._head:
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._head = False
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell).strip()
            (self.header if self._head else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_table(text: str) -> _Cells:
    parser = _Cells()
    parser.feed(text)
    parser.close()
    return parser


def _assert_for_people(name: str, header: list[str], rows: list[list[str]], text: str) -> None:
    _, expected = COMMANDS[name]
    assert rows, text
    assert all(len(row) == len(header) for row in rows), text
    for wanted in expected:
        assert wanted in text, f"{wanted!r} missing:\n{text}"
    assert not set(header) & RAW_HEADINGS, header  # CSV's keys, as they are
    if name not in IDS_SHOWN:
        assert "Id" not in header, header
    for word in RAW_WORDS:
        assert word not in text, f"{word!r} in:\n{text}"
    assert not [cell for row in rows for cell in row if cell in ROLE_IDS], text


@params
def test_markdown_names_roles_and_labels_never_ids(invoke: Invoke, name: str) -> None:
    args, _ = COMMANDS[name]
    text = _ok(invoke, *args, "--format", "markdown")
    header, rows = _markdown_table(text)
    _assert_for_people(name, header, rows, text)


@params
def test_html_names_roles_and_labels_never_ids(invoke: Invoke, name: str) -> None:
    args, _ = COMMANDS[name]
    text = _ok(invoke, *args, "--format", "html")
    table = _html_table(text)
    assert "h1" in table.tags
    _assert_for_people(name, table.header, table.rows, text)


CSV_HEADERS = {
    "list": "id,name,focus",
    "search": "kind,id,field,text,score",
    "similar": "id,name,similarity,confidence,reasons",
    "match": "id,name,score,evidence,matched,missing",
    "which": "attribute,where",
    "values": "aspect,id,label,kind,count,roles,words,broader",
    "map": "id,name,x,y",
}


@pytest.mark.parametrize("name", list(CSV_HEADERS))
def test_csv_and_json_keep_the_ids(invoke: Invoke, name: str) -> None:
    args, _ = COMMANDS[name]
    rows = list(csv.reader(io.StringIO(_ok(invoke, *args, "--format", "csv"))))
    assert ",".join(rows[0]) == CSV_HEADERS[name]
    assert json.loads(_ok(invoke, *args, "--json"))["version"] == 2
    if name in ("list", "similar", "map"):
        assert {row[0] for row in rows[1:]} <= ROLE_IDS


def test_similar_says_its_reasons_as_a_document_does(invoke: Invoke) -> None:
    _, rows = _markdown_table(_ok(invoke, "similar", "po", "--format", "markdown"))
    first = {row[0]: row for row in rows}["Product Manager"]
    assert re.fullmatch(r"\d+%", first[1])
    assert first[2] in ("low", "medium", "high")
    assert first[3].startswith("+\u00a0The articles call them comparable (")
    assert "\u2212\u00a0Focus: nothing in common" in first[3]


def test_match_names_concepts_by_label_and_says_editorial_in_words(invoke: Invoke) -> None:
    text = _ok(invoke, "match", "--skill", "sql", "--format", "markdown")
    _, rows = _markdown_table(text)
    analyst = {row[0]: row for row in rows}["Business Analyst"]
    assert analyst[1] == "50%"
    assert analyst[2] == 'skill: sql → Data analysis: "data analysis" (Skills, 50%, editorial)'
    assert analyst[3].startswith("Skills: requirements elicitation (editorial); ")
    assert "*" not in text


def test_which_shows_a_file_inside_the_current_directory_relative_to_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "ours.yaml").write_text(
        "roles:\n  x:\n    name: X\n    day_to_day: [work]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "here")
    table = _html_table(_ok(invoke, "--catalogue", "ours.yaml", "which", "x", "-f", "html"))
    assert table.rows == [
        ["The role", "ours.yaml:2:3"],
        ["Name", "ours.yaml:3:5"],
        ["Day to day", "ours.yaml:4:5"],
    ]
    monkeypatch.chdir(tmp_path)
    table = _html_table(_ok(invoke, "--catalogue", "here/ours.yaml", "which", "x", "-f", "html"))
    assert table.rows[0] == ["The role", "here/ours.yaml:2:3"]
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    path = tmp_path / "here" / "ours.yaml"
    table = _html_table(_ok(invoke, "--catalogue", str(path), "which", "x", "-f", "html"))
    assert table.rows[0] == ["The role", f"{path}:2:3"]


def test_values_names_a_few_roles_and_counts_the_rest(invoke: Invoke) -> None:
    header, rows = _markdown_table(_ok(invoke, "values", "method", "-f", "markdown"))
    assert header == ["Value", "Roles", "Used by"]
    count, used = {row[0]: row[1:] for row in rows}["any"]
    assert used.endswith(f" and {int(count) - 2} more")
    assert {row[0]: row[2] for row in rows}["agile"] == "Product Owner"


# -- the map: its picture above its table ---------------------------------------------------------


def test_the_map_page_holds_the_picture_as_a_figure_with_words(invoke: Invoke) -> None:
    text = _ok(invoke, "map", "--format", "html")
    figure = re.search(r"<figure>\s*<pre role=\"img\" aria-label=\"([^\"]+)\"", text)
    assert figure, text
    alt = figure.group(1)
    assert alt.startswith("A map of the roles: business on the left, technical on the right")
    assert "Business Product Manager: business, strategic" in alt
    assert "<figcaption>Each role is labelled by its id" in text
    assert text.index("<figure>") < text.index("<table")
    table = _html_table(text)
    bpm = {row[0]: row for row in table.rows}["Business Product Manager (bpm)"]
    assert bpm[1:] == ["business", "strategic"]


def test_the_map_markdown_fences_the_picture_and_follows_the_width(invoke: Invoke) -> None:
    text = _ok(invoke, "map", "--width", "60", "--format", "markdown")
    assert text.startswith("# Where each role stands")
    picture = text.split("```text\n", 1)[1].split("\n```", 1)[0].splitlines()
    assert max(len(line) for line in picture) == 60
    assert picture == _ok(invoke, "map", "--width", "60", "-f", "text").splitlines()[:16]


def test_the_map_text_is_still_the_drawn_view(invoke: Invoke) -> None:
    text = _ok(invoke, "map", "--format", "text")
    assert "bpm = Business Product Manager" in text
    assert "Tactical" not in text


def test_a_role_missing_a_dimension_is_said_not_stated(invoke: Invoke, tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(
        "roles:\n"
        "  a:\n    name: A\n    orientation: [technical]\n    horizon: [short, medium]\n"
        "  b:\n    name: B\n    orientation: [business]\n",
        encoding="utf-8",
    )
    text = _ok(invoke, "--no-builtin", "--catalogue", str(ours), "map", "-f", "markdown")
    _, rows = _markdown_table(text)
    assert rows == [["A (a)", "technical", "mostly tactical"], ["B", "business", "not stated"]]
    assert "Not on the map, for want of an orientation or a horizon: B." in text


@pytest.mark.parametrize(
    ("x", "words"), [(-1.0, "business"), (0.0, "balanced"), (1.0, "technical"), (-0.5, "business")]
)
def test_side_words(x: float, words: str) -> None:
    assert side_words(x) == words


@pytest.mark.parametrize(
    ("y", "words"),
    [
        (0.0, "tactical"),
        (0.25, "mostly tactical"),
        (0.5, "in between"),
        (0.75, "mostly strategic"),
        (1.0, "strategic"),
    ],
)
def test_height_words(y: float, words: str) -> None:
    assert height_words(y) == words


# -- hostile catalogue text ----------------------------------------------------------------------

HOSTILE = """\
stakeholders:
  st1:
    name: "<script>alert(1)</script> [s](javascript:alert(1))"
    needs: ["evil <img src=x onerror=alert(1)> need"]
roles:
  x:
    name: "<script>alert(1)</script> [x](javascript:alert(1)) *em* \\e[31mred\\u202eevil"
    focus: ["evil *bold* <b>tag</b> | pipe", "`code` \\x07bell"]
    skills: ["<b>skill</b> ![i](http://e.x/i.png)", "# heading"]
    interactions: [st1]
    market: [b2c]
    orientation: [business]
    horizon: [long]
  y:
    name: "- [ ] 1. <!-- c --> &amp; :rocket:"
    focus: ["evil twin"]
    skills: ["<b>skill</b> ![i](http://e.x/i.png)"]
    interactions: [st1]
    market: [b2c]
    orientation: [technical]
    horizon: [short]
"""
HOSTILE_COMMANDS = [
    ["list"],
    ["search", "evil"],
    ["similar", "x"],
    ["match", "--stakeholder", "st1"],
    ["which", "x"],
    ["values"],
    ["values", "skills"],
    ["map"],
]


@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_text_is_inert_in_markdown(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(HOSTILE, encoding="utf-8")
    text = _ok(invoke, "--no-builtin", "--catalogue", str(ours), *args, "-f", "markdown")
    for character in ("\x1b", "\x07", "\u202e"):
        assert character not in text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline"}, text
    assert not kinds & {"bullet_list_open", "ordered_list_open", "em_open", "strong_open"}, text
    assert "table_open" in kinds, text
    rows = [t for t in tokens if t.type == "tr_open"]
    header, body = _markdown_table(text)
    assert len(rows) == len(body) + 1  # every row is a row: no pipe split a cell
    assert all(len(row) == len(header) for row in body)


@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_text_is_inert_in_html(invoke: Invoke, tmp_path: Path, args: list[str]) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(HOSTILE, encoding="utf-8")
    text = _ok(invoke, "--no-builtin", "--catalogue", str(ours), *args, "-f", "html")
    for character in ("\x1b", "\x07", "\u202e"):
        assert character not in text
    table = _html_table(text)
    assert not {"script", "img", "b", "iframe"} & set(table.tags)
    assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', text))
    cells = " ".join(cell for row in table.rows for cell in row)
    assert SHOWN[args[0]] in cells  # the text as typed, once the HTML is read


SHOWN = {
    "list": "<script>alert(1)</script> [x](javascript:alert(1)) *em*",
    "search": "evil *bold* <b>tag</b> | pipe",
    "similar": "- [ ] 1. <!-- c --> &amp; :rocket:",
    "match": "stakeholder: st1 → <script>alert(1)</script> [s](javascript:alert(1))",
    "which": "Focus",
    "values": "<b>skill</b> ![i](http://e.x/i.png)",
    "map": "- [ ] 1. <!-- c --> &amp; :rocket: (y)",
}
"""What each command's HTML must show of the hostile catalogue, as typed."""
