"""Machine formats (json, yaml, csv, markdown): every data command parsed back, the JSON
contract pinned key by key, and the formatters checked on their own.

Machine output never passes through Rich, so these tests also check that terminal width and
colour settings leave it alone.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from click.testing import CliRunner, Result

from pmroles.catalogue.loader import load_builtin
from pmroles.cli import app
from pmroles.model import ASPECTS
from pmroles.render.formats import Tabular, to_csv, to_json, to_markdown, to_yaml

from .conftest import PLAIN_ENV, Invoke

COMMANDS: dict[str, tuple[str, ...]] = {
    "show": ("show", "tpm"),
    "compare-two": ("compare", "bpm", "tpm"),
    "compare-three": ("compare", "po", "pm", "project manager"),
    "list": ("list",),
    "list-stakeholder": ("list", "--stakeholder", "sales"),
    "search": ("search", "market analysis"),
    "similar": ("similar", "tpm"),
    "stakeholders": ("stakeholders",),
    "stakeholder": ("stakeholders", "sales"),
    "validate": ("validate",),
    "sources": ("sources",),
}
"""Every data command, with arguments that succeed on the built-in catalogue."""

command_params = pytest.mark.parametrize("args", list(COMMANDS.values()), ids=list(COMMANDS))

MARKDOWN_PIPE = re.compile(r"(?<!\\)\|")
"""A cell delimiter: a pipe not escaped with a backslash."""

BROKEN_CATALOGUE = "roles:\n  x:\n    nmae: X\n    summary: s\n"
"""A role with a misspelt key and no name: two errors, each with a position."""


def _ok(invoke: Invoke, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run a data command that must succeed; only `validate` may (must) talk on stderr."""
    result = invoke(*args, env=env)
    assert result.exit_code == 0, result.stderr
    if args[0] == "validate":
        assert "valid (" in result.stderr
    else:
        assert result.stderr == ""
    return result


def _json(invoke: Invoke, *args: str) -> Any:
    return json.loads(_ok(invoke, *args, "--format", "json").stdout)


def _raw_stdout(result: Result) -> str:
    # Result.stdout turns \r\n into \n; the bytes keep what the command wrote.
    return result.stdout_bytes.decode("utf-8")


def _markdown_cells(line: str) -> list[str]:
    return MARKDOWN_PIPE.split(line)


# -- 1. every data command in every machine format, parsed back -------------------------------


@command_params
def test_format_json_parses_to_a_versioned_object(invoke: Invoke, args: tuple[str, ...]) -> None:
    document = _json(invoke, *args)
    assert isinstance(document, dict)
    assert document["version"] == 2


@command_params
def test_json_flag_prints_the_same_as_format_json(invoke: Invoke, args: tuple[str, ...]) -> None:
    long = _ok(invoke, *args, "--format", "json").stdout
    assert _ok(invoke, *args, "--json").stdout == long


@command_params
def test_format_yaml_loads_to_the_json_document(invoke: Invoke, args: tuple[str, ...]) -> None:
    loaded = yaml.safe_load(_ok(invoke, *args, "--format", "yaml").stdout)
    assert loaded == _json(invoke, *args)


@command_params
def test_format_csv_rows_are_as_long_as_the_header(invoke: Invoke, args: tuple[str, ...]) -> None:
    rows = list(
        csv.reader(io.StringIO(_raw_stdout(_ok(invoke, *args, "--format", "csv")), newline=""))
    )
    header, *body = rows
    assert header
    assert all(cell for cell in header)
    assert all(len(row) == len(header) for row in body)


@command_params
def test_format_csv_lines_end_with_crlf(invoke: Invoke, args: tuple[str, ...]) -> None:
    text = _raw_stdout(_ok(invoke, *args, "--format", "csv"))
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")


DOCUMENTS = ("show", "compare")
"""Commands whose Markdown is a document with headings and lists (tests/test_markdown.py)."""


@command_params
def test_format_markdown_is_a_pipe_table(invoke: Invoke, args: tuple[str, ...]) -> None:
    lines = _ok(invoke, *args, "--format", "markdown").stdout.splitlines()
    if args[0] in DOCUMENTS:
        assert lines[0].startswith("# ")
        return
    assert lines[0].startswith("| ")
    header = _markdown_cells(lines[0])
    separator = _markdown_cells(lines[1])
    assert separator[0] == separator[-1] == ""
    assert separator[1:-1] == [" --- "] * (len(header) - 2)
    assert all(len(_markdown_cells(line)) == len(header) for line in lines)


@command_params
def test_format_option_is_case_insensitive(invoke: Invoke, args: tuple[str, ...]) -> None:
    assert _ok(invoke, *args, "-f", "JSON").stdout == _ok(invoke, *args, "--format", "json").stdout


def test_csv_holds_one_row_per_json_item(invoke: Invoke) -> None:
    roles = _json(invoke, "list")["roles"]
    text = _raw_stdout(_ok(invoke, "list", "--format", "csv"))
    header, *rows = csv.reader(io.StringIO(text, newline=""))
    assert header == ["id", "name", "focus"]
    assert [row[0] for row in rows] == [role["id"] for role in roles]
    assert [row[2] for row in rows] == ["; ".join(role["focus"]) for role in roles]


def test_validate_csv_and_markdown_of_a_valid_file_have_only_a_header(invoke: Invoke) -> None:
    csv_text = _raw_stdout(_ok(invoke, "validate", "--format", "csv"))
    assert csv_text == "file,line,column,path,severity,message\r\n"
    markdown = _ok(invoke, "validate", "--format", "markdown").stdout
    assert markdown.splitlines()[0] == "| file | line | column | path | severity | message |"
    assert len(markdown.splitlines()) == 2


# -- 2. the JSON contract, key by key -------------------------------------------------------------

ROLE_KEYS = [
    "id",
    "name",
    "aliases",
    *(aspect.key for aspect in ASPECTS),
    "sources",
    "cites",
    "disputes",
    "concepts",
]
SOURCE_KEYS = ["id", "title", "author", "publisher"]
ASPECT_ROW_KEYS = ["key", "label", "values", "shared", "unique", "similarity", "concepts"]
CURATED_KEYS = [
    "id",
    "roles",
    "summary",
    "similarities",
    "differences",
    "advantages",
    "excels",
    "split",
    "sources",
    "relation",
]
ROLE_SUMMARY_KEYS = ["id", "name", "focus"]
HIT_KEYS = ["kind", "id", "field", "text", "score", "spans", "concepts"]
SIMILAR_KEYS = ["id", "name", "similarity"]
SCORE_KEYS = ["score", "confidence", "evidence", "content", "dimensions", "relation", "reasons"]
REASON_KEYS = [
    "kind",
    "effect",
    "aspect",
    "concepts",
    "values",
    "relation",
    "comparison",
    "evidence",
]
STAKEHOLDER_KEYS = ["id", "name", "aliases", "needs", "sources", "roles"]
PROBLEM_KEYS = ["file", "line", "column", "path", "severity", "message"]


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_score(value: Any) -> bool:
    return value is None or (isinstance(value, float) and 0.0 <= value <= 1.0)


def test_role_keys_are_id_name_aliases_every_aspect_then_sources_cites_disputes() -> None:
    assert ROLE_KEYS == [
        "id",
        "name",
        "aliases",
        "summary",
        "focus",
        "skills",
        "interactions",
        "goals",
        "challenges",
        "outcomes",
        "tools",
        "background",
        "advantages",
        "disadvantages",
        "collaboration",
        "product_cycle_impact",
        "market_adaptability",
        "strategic_influence",
        "responsibilities",
        "owns",
        "supports",
        "day_to_day",
        "career_path",
        "horizon",
        "method",
        "market",
        "orientation",
        "sources",
        "cites",
        "disputes",
        "concepts",
    ]


def test_show_json_top_level_keys(invoke: Invoke) -> None:
    assert list(_json(invoke, "show", "tpm")) == ["version", "role", "cited"]


@pytest.mark.parametrize("role_id", ["tpm", "bpm", "po", "project-manager"])
def test_show_json_role_has_every_key_in_order(invoke: Invoke, role_id: str) -> None:
    assert list(_json(invoke, "show", role_id)["role"]) == ROLE_KEYS


def test_show_json_role_value_types(invoke: Invoke) -> None:
    role = _json(invoke, "show", "tpm")["role"]
    assert role["id"] == "tpm"
    assert role["name"] == "Technical Product Manager"
    assert _is_str_list(role["aliases"])
    assert isinstance(role["summary"], str)
    for aspect in ASPECTS[1:]:
        assert _is_str_list(role[aspect.key]), aspect.key
    assert isinstance(role["sources"], dict)
    assert set(role["sources"]) <= {aspect.key for aspect in ASPECTS}
    assert all(_is_str_list(ids) for ids in role["sources"].values())


def test_show_json_cited_items_are_the_sources_the_role_names(invoke: Invoke) -> None:
    document = _json(invoke, "show", "tpm")
    cited = document["cited"]
    assert cited
    assert all(list(item) == SOURCE_KEYS for item in cited)
    assert all(isinstance(item["id"], str) and isinstance(item["title"], str) for item in cited)
    assert all(item["author"] is None or isinstance(item["author"], str) for item in cited)
    assert all(item["publisher"] is None or isinstance(item["publisher"], str) for item in cited)
    role = document["role"]
    named = {s for ids in role["sources"].values() for s in ids}
    named |= {s for items in role["cites"].values() for ids in items.values() for s in ids}
    named |= {s for disputes in role["disputes"].values() for d in disputes for s in d}
    assert [item["id"] for item in cited] == list(dict.fromkeys(item["id"] for item in cited))
    assert {item["id"] for item in cited} == named


def test_compare_json_top_level_keys(invoke: Invoke) -> None:
    document = _json(invoke, "compare", "bpm", "tpm")
    assert list(document) == ["version", "roles", "similarity", "pairs", "aspects", "curated"]
    assert document["roles"] == ["bpm", "tpm"]
    assert _is_score(document["similarity"])


def test_compare_json_roles_are_ids_not_names(invoke: Invoke) -> None:
    document = _json(invoke, "compare", "po", "pm", "project manager")
    assert document["roles"] == ["po", "pm", "project-manager"]


def test_compare_json_aspect_items(invoke: Invoke) -> None:
    document = _json(invoke, "compare", "po", "pm", "project manager")
    aspects = document["aspects"]
    assert aspects
    assert aspects[0]["key"] == "summary"
    for row in aspects:
        assert list(row) == ASPECT_ROW_KEYS
        assert isinstance(row["label"], str)
        assert list(row["values"]) == document["roles"]
        assert _is_str_list(row["shared"])
        assert isinstance(row["unique"], dict)
        assert all(_is_str_list(values) for values in row["unique"].values())
        assert _is_score(row["similarity"])


def test_compare_json_summary_row_holds_text_and_no_score(invoke: Invoke) -> None:
    row = _json(invoke, "compare", "bpm", "tpm")["aspects"][0]
    assert row["key"] == "summary"
    assert all(isinstance(value, str) for value in row["values"].values())
    assert row["shared"] == []
    assert row["unique"] == {}
    assert row["similarity"] is None


def test_compare_json_list_rows_hold_lists_and_a_float_score(invoke: Invoke) -> None:
    rows = _json(invoke, "compare", "bpm", "tpm")["aspects"][1:]
    assert rows
    for row in rows:
        assert all(_is_str_list(values) for values in row["values"].values()), row["key"]
        assert set(row["unique"]) == {"bpm", "tpm"}
        assert row["similarity"] is None or isinstance(row["similarity"], float)


def test_compare_json_curated_items(invoke: Invoke) -> None:
    curated = _json(invoke, "compare", "bpm", "tpm")["curated"]
    assert len(curated) == 1
    note = curated[0]
    assert list(note) == CURATED_KEYS
    assert note["id"] == "bpm-vs-tpm"
    assert note["roles"] == ["bpm", "tpm"]
    assert isinstance(note["summary"], str)
    assert _is_str_list(note["similarities"])
    assert _is_str_list(note["differences"])
    for key in ("advantages", "excels"):
        assert set(note[key]) == {"bpm", "tpm"}
        assert all(_is_str_list(values) for values in note[key].values())
    assert all(
        isinstance(shares, dict) and all(isinstance(v, str) for v in shares.values())
        for shares in note["split"].values()
    )
    assert _is_str_list(note["sources"])


def test_list_json_keys_and_role_items(invoke: Invoke) -> None:
    document = _json(invoke, "list")
    assert list(document) == ["version", "filters", "concepts", "roles"]
    assert document["filters"] == {}
    assert document["roles"]
    for role in document["roles"]:
        assert list(role) == ROLE_SUMMARY_KEYS
        assert isinstance(role["id"], str)
        assert isinstance(role["name"], str)
        assert _is_str_list(role["focus"])


def test_list_json_ids_are_the_catalogue_roles(invoke: Invoke) -> None:
    ids = [role["id"] for role in _json(invoke, "list")["roles"]]
    assert ids == list(load_builtin().roles)


def test_list_json_filters_echo_the_options_given(invoke: Invoke) -> None:
    document = _json(invoke, "list", "--stakeholder", "sales")
    assert list(document) == ["version", "filters", "concepts", "roles"]
    assert document["filters"] == {"stakeholder": ["sales"]}
    ids = {role["id"] for role in document["roles"]}
    assert ids == set(_json(invoke, "stakeholders", "sales")["stakeholder"]["roles"])


def test_search_json_keys_and_hit_items(invoke: Invoke) -> None:
    document = _json(invoke, "search", "market analysis")
    assert list(document) == ["version", "query", "hits"]
    assert document["query"] == "market analysis"
    assert document["hits"]
    for hit in document["hits"]:
        assert list(hit) == HIT_KEYS
        assert hit["kind"] in {"role", "stakeholder", "comparison"}
        assert all(isinstance(hit[key], str) for key in ("id", "field", "text"))
        assert isinstance(hit["score"], float)
        for span in hit["spans"]:
            assert isinstance(span, list)
            assert len(span) == 2
            start, end = span
            assert isinstance(start, int)
            assert isinstance(end, int)
            assert 0 <= start < end <= len(hit["text"])


def test_search_json_hits_are_ranked_best_first(invoke: Invoke) -> None:
    scores = [hit["score"] for hit in _json(invoke, "search", "market analysis")["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_similar_json_keys_and_items(invoke: Invoke) -> None:
    document = _json(invoke, "similar", "tpm")
    assert list(document) == ["version", "role", "similar"]
    assert document["role"] == "tpm"
    ids = [item["id"] for item in document["similar"]]
    assert set(ids) == set(load_builtin().roles) - {"tpm"}
    for item in document["similar"]:
        assert list(item) == SIMILAR_KEYS
        assert isinstance(item["name"], str)
        score = item["similarity"]
        assert list(score) == SCORE_KEYS
        assert _is_score(score["score"])
        assert score["confidence"] in {"low", "medium", "high"}
        assert score["reasons"]
        for reason in score["reasons"]:
            assert list(reason) == REASON_KEYS
            assert reason["kind"] in {"articles", "shared", "dimension", "evidence"}
            assert reason["aspect"] is None or reason["aspect"] in {a.key for a in ASPECTS}


def test_similar_json_is_ranked_highest_first(invoke: Invoke) -> None:
    scores = [item["similarity"]["score"] for item in _json(invoke, "similar", "tpm")["similar"]]
    assert scores == sorted(scores, reverse=True)


def test_stakeholders_json_keys_and_items(invoke: Invoke) -> None:
    document = _json(invoke, "stakeholders")
    assert list(document) == ["version", "stakeholders"]
    catalogue = load_builtin()
    assert [item["id"] for item in document["stakeholders"]] == list(catalogue.stakeholders)
    for item in document["stakeholders"]:
        assert list(item) == STAKEHOLDER_KEYS
        assert isinstance(item["name"], str)
        for key in ("aliases", "needs", "sources", "roles"):
            assert _is_str_list(item[key]), key
        assert set(item["roles"]) <= set(catalogue.roles)


def test_stakeholder_json_keys(invoke: Invoke) -> None:
    document = _json(invoke, "stakeholders", "sales")
    assert list(document) == ["version", "stakeholder"]
    assert list(document["stakeholder"]) == STAKEHOLDER_KEYS
    assert document["stakeholder"]["id"] == "sales"


def test_stakeholder_json_is_the_item_from_the_full_list(invoke: Invoke) -> None:
    one = _json(invoke, "stakeholders", "sales")["stakeholder"]
    every = _json(invoke, "stakeholders")["stakeholders"]
    assert one == next(item for item in every if item["id"] == "sales")


def test_validate_json_of_the_builtin_catalogue(invoke: Invoke) -> None:
    document = _json(invoke, "validate")
    assert list(document) == ["version", "file", "valid", "problems"]
    assert isinstance(document["file"], str)
    assert document["file"].endswith("roles.yaml")
    assert document["valid"] is True
    assert document["problems"] == []


@pytest.fixture
def broken(tmp_path: Path) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN_CATALOGUE, encoding="utf-8")
    return str(path)


def test_validate_json_of_a_broken_file_lists_problems(invoke: Invoke, broken: str) -> None:
    result = invoke("validate", broken, "--format", "json")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {broken}: 2 error(s), 0 warning(s)\n"
    document = json.loads(result.stdout)
    assert list(document) == ["version", "file", "valid", "problems"]
    assert document["version"] == 2
    assert document["file"] == broken
    assert document["valid"] is False
    assert len(document["problems"]) == 2


def test_validate_json_problem_items(invoke: Invoke, broken: str) -> None:
    problems = json.loads(invoke("validate", broken, "--json").stdout)["problems"]
    for problem in problems:
        assert list(problem) == PROBLEM_KEYS
        assert problem["file"] == broken
        assert isinstance(problem["line"], int)
        assert isinstance(problem["column"], int)
        assert isinstance(problem["path"], str)
        assert problem["severity"] in {"error", "warning"}
        assert isinstance(problem["message"], str)
    first = problems[0]
    assert (first["line"], first["column"], first["path"]) == (3, 5, "roles.x.nmae")
    assert first["message"].startswith("unknown key 'nmae'; did you mean 'name'")


@pytest.mark.parametrize("fmt", ["yaml", "csv", "markdown"])
def test_validate_a_broken_file_in_other_formats_still_prints_the_problems(
    invoke: Invoke, broken: str, fmt: str
) -> None:
    result = invoke("validate", broken, "--format", fmt)
    assert result.exit_code == 1
    assert "roles.x.nmae" in result.stdout
    assert result.stderr.startswith("Error: ")


def test_validate_csv_of_a_broken_file_has_one_row_per_problem(invoke: Invoke, broken: str) -> None:
    result = invoke("validate", broken, "--format", "csv")
    header, *rows = csv.reader(io.StringIO(_raw_stdout(result), newline=""))
    assert header == PROBLEM_KEYS
    assert [row[:4] for row in rows] == [
        [broken, "3", "5", "roles.x.nmae"],
        [broken, "3", "5", "roles.x"],
    ]


# -- 3. machine formats never pass through the terminal renderer --------------------------------


def _invoke_with_colour(*args: str, env: dict[str, str | None]) -> Result:
    """Like the `invoke` fixture, but Click keeps escape codes (color=True), as a terminal would."""
    return CliRunner().invoke(
        typer.main.get_command(app),
        list(args),
        prog_name="pmroles",
        env={**PLAIN_ENV, **env},
        color=True,
    )


FORCED_COLOUR = {"FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color", "COLUMNS": "20"}


def test_json_summary_is_not_wrapped_at_a_narrow_terminal(invoke: Invoke) -> None:
    expected = load_builtin().roles["tpm"].summary
    assert expected is not None
    assert len(expected) > 20
    document = json.loads(
        _ok(invoke, "show", "tpm", "--format", "json", env={"COLUMNS": "20"}).stdout
    )
    assert document["role"]["summary"] == expected


@pytest.mark.parametrize("fmt", ["csv", "markdown", "yaml"])
def test_other_formats_keep_the_summary_whole_at_a_narrow_terminal(
    invoke: Invoke, fmt: str
) -> None:
    expected = load_builtin().roles["tpm"].summary
    assert expected is not None
    result = _ok(invoke, "show", "tpm", "--format", fmt, env={"COLUMNS": "20"})
    assert expected in result.stdout


def test_forced_colour_does_reach_the_table(invoke: Invoke) -> None:
    # Guards the next test: this environment does colour the terminal view.
    result = _invoke_with_colour("show", "tpm", env=FORCED_COLOUR)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "yaml", "csv", "markdown"])
@command_params
def test_machine_formats_have_no_escape_codes_even_with_forced_colour(
    args: tuple[str, ...], fmt: str
) -> None:
    result = _invoke_with_colour(*args, "--format", fmt, env=FORCED_COLOUR)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout


def test_json_under_forced_colour_equals_plain_json(invoke: Invoke) -> None:
    coloured = _invoke_with_colour("show", "tpm", "--json", env=FORCED_COLOUR).stdout
    assert coloured == _ok(invoke, "show", "tpm", "--json").stdout


MARKUP = "[bold red]loud[/bold red] :smile: [link=https://x.test]x[/link]"


@pytest.mark.parametrize(
    "render",
    [
        lambda: to_json({"v": MARKUP}),
        lambda: to_yaml({"v": MARKUP}),
        lambda: to_csv(Tabular(["v"], [[MARKUP]])),
        lambda: to_markdown(Tabular(["v"], [[MARKUP]])),
    ],
    ids=["json", "yaml", "csv", "markdown"],
)
def test_formatters_print_rich_markup_verbatim(render: Any) -> None:
    assert MARKUP in render()


# -- formats unit tests -----------------------------------------------------------------------


def test_to_markdown_escapes_pipes() -> None:
    text = to_markdown(Tabular(["a", "b"], [["x|y", "z"]]))
    assert text.splitlines()[2] == r"| x\|y | z |"


def test_to_markdown_escaped_pipes_do_not_split_cells() -> None:
    text = to_markdown(Tabular(["a", "b"], [["x|y|", "|z"]]))
    assert [len(_markdown_cells(line)) for line in text.splitlines()] == [4, 4, 4]


def test_to_markdown_escapes_backslashes_so_a_trailing_one_cannot_eat_the_pipe() -> None:
    text = to_markdown(Tabular(["a"], [["dir\\"]]))
    assert text.splitlines()[2] == "| dir\\\\ |"


def test_to_markdown_folds_newlines_to_spaces() -> None:
    text = to_markdown(Tabular(["a"], [["one\ntwo\r\nthree"]]))
    assert text.splitlines()[2] == "| one two three |"
    assert len(text.splitlines()) == 3


def test_to_markdown_layout() -> None:
    text = to_markdown(Tabular(["id", "tags", "note"], [["a", ["x", "y"], None]]))
    assert text == "| id | tags | note |\n| --- | --- | --- |\n| a | x; y |  |\n"


def test_to_csv_quotes_commas_quotes_and_newlines() -> None:
    text = to_csv(Tabular(["a", "b", "c", "d"], [["plain", "x,y", 'say "hi"', "one\ntwo"]]))
    assert text == 'a,b,c,d\r\nplain,"x,y","say ""hi""","one\ntwo"\r\n'


def test_to_csv_round_trips_through_csv_reader() -> None:
    row = ["x,y", 'say "hi"', "one\r\ntwo", " padded "]
    text = to_csv(Tabular(["a", "b", "c", "d"], [row]))
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b", "c", "d"], row]


def test_to_csv_joins_list_cells_and_empties_none() -> None:
    text = to_csv(Tabular(["id", "tags", "note"], [["a", ["x", "y, z"], None]]))
    assert text == 'id,tags,note\r\na,"x; y, z",\r\n'


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "yes",
        "1.10",
        "2024-01-01",
        "on",
        "off",
        "null",
        "~",
        "",
        "0x1F",
        "1_000",
        "12:30",
        "=",
    ],
)
def test_to_yaml_keeps_strings_yaml_would_read_as_something_else(value: str) -> None:
    document = {"value": value, value: [value]}
    assert yaml.safe_load(to_yaml(document)) == document


NON_ASCII = "\u00c9quipe \u2013 \u00dc \u88fd\u54c1"
"""Accented letters, an en dash and CJK, spelt as escapes so the source stays unambiguous."""


def test_to_yaml_keeps_key_order_and_non_ascii() -> None:
    document = {"z": NON_ASCII, "a": 1}
    text = to_yaml(document)
    assert NON_ASCII in text
    assert list(yaml.safe_load(text)) == ["z", "a"]


def test_to_json_keeps_non_ascii_characters() -> None:
    text = to_json({"name": NON_ASCII})
    assert NON_ASCII in text
    assert "\\u" not in text
    assert json.loads(text) == {"name": NON_ASCII}


def test_to_json_is_one_document_ending_in_one_newline() -> None:
    text = to_json({"a": [1, 2], "b": None})
    document, end = json.JSONDecoder().raw_decode(text)
    assert document == {"a": [1, 2], "b": None}
    assert text[end:] == "\n"


# -- 4. --json with another --format is a usage error ------------------------------------------

conflict_params = pytest.mark.parametrize(
    "args", [pytest.param(args, id=name) for name, args in COMMANDS.items()]
)


@conflict_params
def test_json_with_format_csv_is_a_usage_error(invoke: Invoke, args: tuple[str, ...]) -> None:
    result = invoke(*args, "--json", "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--json and --format csv disagree; give one" in result.stderr


@pytest.mark.parametrize("fmt", ["yaml", "markdown", "table"])
def test_json_with_any_other_format_is_a_usage_error(invoke: Invoke, fmt: str) -> None:
    result = invoke("show", "tpm", "--format", fmt, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--json and --format {fmt} disagree" in result.stderr


def test_json_with_format_json_is_fine(invoke: Invoke) -> None:
    both = _ok(invoke, "show", "tpm", "--json", "--format", "json").stdout
    assert both == _ok(invoke, "show", "tpm", "--json").stdout


# -- 5. an unknown --format value --------------------------------------------------------------


@command_params
def test_unknown_format_exits_2_naming_the_choices(invoke: Invoke, args: tuple[str, ...]) -> None:
    result = invoke(*args, "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        "'xml' is not one of 'table', 'json', 'yaml', 'markdown', 'csv', 'html', 'text'"
        in result.stderr
    )
