"""Aspects and the values of closed-set options are accepted by any name a person types.

`show --aspects` and `compare --aspects` take keys or labels in any case, with spaces,
hyphens or underscores alike; `--horizon`, `--method`, `--market` and `matrix --by` take
their values in any case (and `--by` in the plural). Anything else is a usage error (exit 2)
that suggests the closest and lists every valid value, from the Typer CLI and from the real
entry point (whose fast path runs the same callbacks) alike.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
import yaml

from pmroles import commands, fastpath
from pmroles.errors import UsageProblem
from pmroles.matching import aspect_key
from pmroles.model import ASPECTS

from .conftest import ROOT, WIDTH, Invoke

ALL_ASPECTS = ", ".join(aspect.key for aspect in ASPECTS)


def _ok(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _usage_error(invoke: Invoke, *args: str) -> str:
    """The one `Error:` line of a usage error, after checking it is one."""
    result = invoke(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


# -- the normalising function ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("day_to_day", "day_to_day"),
        ("Day to day", "day_to_day"),
        ("day-to-day", "day_to_day"),
        ("DAY TO DAY", "day_to_day"),
        ("  day to day ", "day_to_day"),
        ("Outcome responsibility", "outcomes"),
        ("outcome-responsibility", "outcomes"),
        ("Accountable for", "owns"),
        ("contributes_to", "supports"),
        ("Training and background", "background"),
        ("FOCUS", "focus"),
        ("skill", "skills"),  # a plural's 's' never makes the difference
        ("product cycle impact", "product_cycle_impact"),
        ("Impact on the product cycle", "product_cycle_impact"),
    ],
)
def test_an_aspect_is_named_by_its_key_or_label_in_any_spelling(typed: str, key: str) -> None:
    assert aspect_key(typed) == key


@pytest.mark.parametrize("typed", ["", "xyz", "day", "Outcome responsibilty", "skils\x1b[2J"])
def test_anything_else_names_no_aspect(typed: str) -> None:
    assert aspect_key(typed) is None


def test_every_key_and_label_names_its_own_aspect() -> None:
    for aspect in ASPECTS:
        assert aspect_key(aspect.key) == aspect.key
        assert aspect_key(aspect.label) == aspect.key


def test_the_callbacks_give_keys_in_the_order_given_once_each() -> None:
    given = ["Skills,FOCUS", "day-to-day", "skills", "focus,"]
    assert commands.aspect_keys(given) == ["skills", "focus", "day_to_day"]
    assert commands.aspect_keys(None) is None
    assert commands.method_values(["AGILE", "Sequential", "agile"]) == ["agile", "sequential"]
    assert commands.market_values(["B2B"]) == ["b2b"]
    assert commands.horizon_values(["Long term", "short-term", "MEDIUM"]) == [
        "long",
        "short",
        "medium",
    ]
    assert commands.matrix_kind("Responsibilities") == "responsibility"
    assert commands.matrix_kind("stakeholders") == "stakeholder"


def test_an_unknown_value_is_a_usage_problem_naming_the_option() -> None:
    with pytest.raises(UsageProblem) as info:
        commands.method_values(["scrum"])
    assert info.value.param_hint == "--method"
    assert str(info.value) == "unknown method 'scrum'. Valid methods: agile, sequential, any"


# -- show --aspects ----------------------------------------------------------------------------


def test_show_aspects_by_label_shows_only_that_aspect(invoke: Invoke) -> None:
    out = _ok(invoke, "show", "tpm", "--aspects", "Day to day")
    assert out.startswith("Technical Product Manager (tpm)\n")
    assert "Day to day" in out
    assert "review development updates" in out
    for other in ("Summary", "Skills", "Focus", "Interactions", "Career path"):
        assert other not in out


def test_show_a_with_hyphens_is_the_same_as_the_key(invoke: Invoke) -> None:
    by_key = _ok(invoke, "show", "tpm", "-a", "day_to_day")
    assert _ok(invoke, "show", "tpm", "-a", "day-to-day") == by_key
    assert _ok(invoke, "show", "tpm", "-a", "DAY TO DAY") == by_key


def test_show_aspects_table_keeps_the_order_given(invoke: Invoke) -> None:
    out = _ok(invoke, "show", "tpm", "-a", "Skills,FOCUS")
    assert "Skills" in out
    assert "Focus" in out
    assert out.index("Skills") < out.index("Focus")
    assert "Summary" not in out


def test_show_aspects_repeatable_and_comma_separated_alike(invoke: Invoke) -> None:
    once = _ok(invoke, "show", "tpm", "-a", "skills,focus", "--format", "csv")
    assert _ok(invoke, "show", "tpm", "-a", "skills", "-a", "focus", "--format", "csv") == once


def test_show_aspects_json_holds_only_those_aspects_in_order(invoke: Invoke) -> None:
    document = json.loads(_ok(invoke, "show", "tpm", "-a", "Skills,FOCUS", "--json"))
    role = document["role"]
    assert list(role) == [
        "id",
        "name",
        "aliases",
        "skills",
        "focus",
        "sources",
        "cites",
        "disputes",
        "concepts",
    ]
    assert role["id"] == "tpm"
    assert "software development" in role["skills"]
    assert list(role["sources"]) == ["skills", "focus"]
    cited = {source["id"] for source in document["cited"]}
    assert cited == set(role["sources"]["skills"]) | set(role["sources"]["focus"])


def test_show_aspects_yaml_is_the_json_document(invoke: Invoke) -> None:
    as_json = json.loads(_ok(invoke, "show", "tpm", "-a", "outcomes", "--json"))
    as_yaml = yaml.safe_load(
        _ok(invoke, "show", "tpm", "-a", "Outcome responsibility", "-f", "yaml")
    )
    assert as_yaml == as_json
    assert list(as_yaml["role"]) == [
        "id",
        "name",
        "aliases",
        "outcomes",
        "sources",
        "cites",
        "disputes",
        "concepts",
    ]


def test_show_aspects_csv_and_markdown_have_a_row_per_aspect_in_order(invoke: Invoke) -> None:
    rows = list(
        csv.reader(io.StringIO(_ok(invoke, "show", "tpm", "-a", "Skills,FOCUS", "-f", "csv")))
    )
    assert [row[0] for row in rows] == ["aspect", "skills", "focus"]
    markdown = _ok(invoke, "show", "tpm", "-a", "career path,summary", "-f", "markdown")
    # Markdown is read by people: a section per aspect, by its label, in the order asked.
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == ["# Technical Product Manager", "## Career path", "## Summary"]


def test_show_without_aspects_is_unchanged(invoke: Invoke) -> None:
    document = json.loads(_ok(invoke, "show", "tpm", "--json"))
    assert list(document["role"]) == [
        "id",
        "name",
        "aliases",
        *(aspect.key for aspect in ASPECTS),
        "sources",
        "cites",
        "disputes",
        "concepts",
    ]


def test_an_unknown_aspect_suggests_and_lists_the_valid_ones(invoke: Invoke) -> None:
    line = _usage_error(invoke, "show", "tpm", "--aspects", "dya to day")
    assert line == (
        "Error: Invalid value for '--aspects' / '-a': unknown aspect 'dya to day'; "
        f"did you mean 'day_to_day'? Valid aspects: {ALL_ASPECTS}"
    )


def test_an_aspect_matching_nothing_still_lists_the_valid_ones(invoke: Invoke) -> None:
    line = _usage_error(invoke, "show", "tpm", "-a", "skills,xyz")
    assert line.endswith(f"unknown aspect 'xyz'. Valid aspects: {ALL_ASPECTS}")


def test_no_aspect_at_all_is_a_usage_error(invoke: Invoke) -> None:
    line = _usage_error(invoke, "show", "tpm", "-a", ",")
    assert "name at least one aspect" in line


# -- compare --aspects -------------------------------------------------------------------------


def test_compare_takes_an_aspect_label(invoke: Invoke) -> None:
    document = json.loads(
        _ok(invoke, "compare", "bpm", "tpm", "-a", "Outcome responsibility", "--json")
    )
    assert [aspect["key"] for aspect in document["aspects"]] == ["outcomes"]
    table = _ok(invoke, "compare", "bpm", "tpm", "-a", "Outcome responsibility")
    assert "Outcome" in table  # the label, however the column wraps it
    assert "sales volume" in table  # one of bpm's outcomes
    assert "Skills" not in table


def test_compare_unknown_aspect_suggests_and_lists(invoke: Invoke) -> None:
    line = _usage_error(invoke, "compare", "bpm", "tpm", "-a", "skils")
    assert "unknown aspect 'skils'; did you mean 'skills'?" in line
    assert line.endswith(f"Valid aspects: {ALL_ASPECTS}")


# -- --method, --market, --horizon -------------------------------------------------------------


def test_list_method_in_any_case(invoke: Invoke) -> None:
    assert _ok(invoke, "list", "--method", "AGILE") == _ok(invoke, "list", "--method", "agile")
    document = json.loads(_ok(invoke, "list", "--method", "AGILE", "--json"))
    assert document["filters"] == {"method": ["agile"]}


def test_list_unknown_method_is_a_usage_error_listing_the_methods(invoke: Invoke) -> None:
    line = _usage_error(invoke, "list", "--method", "scrum")
    assert line == (
        "Error: Invalid value for '--method': unknown method 'scrum'. "
        "Valid methods: agile, sequential, any"
    )


def test_a_misspelt_method_gets_did_you_mean(invoke: Invoke) -> None:
    line = _usage_error(invoke, "match", "--method", "agil")
    assert line.endswith(
        "unknown method 'agil'; did you mean 'agile'? Valid methods: agile, sequential, any"
    )


def test_match_market_in_any_case(invoke: Invoke) -> None:
    assert _ok(invoke, "match", "--market", "B2B") == _ok(invoke, "match", "--market", "b2b")


def test_unknown_market_and_horizon(invoke: Invoke) -> None:
    line = _usage_error(invoke, "match", "--market", "b2x")
    assert line.startswith(
        "Error: Invalid value for '--market': unknown market 'b2x'; did you mean"
    )
    assert line.endswith("Valid markets: b2c, b2b, b2g")
    line = _usage_error(invoke, "list", "--horizon", "forever")
    assert line.endswith("unknown horizon 'forever'. Valid horizons: short, medium, long")


def test_horizon_takes_term(invoke: Invoke) -> None:
    assert _ok(invoke, "list", "--horizon", "Long term") == _ok(invoke, "list", "--horizon", "long")


# -- matrix --by -------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Responsibility", "RESPONSIBILITY", "responsibilities"])
def test_matrix_by_in_any_case_or_plural(invoke: Invoke, typed: str) -> None:
    wanted = _ok(invoke, "matrix", "--by", "responsibility")
    assert _ok(invoke, "matrix", "--by", typed) == wanted


def test_matrix_by_stakeholders(invoke: Invoke) -> None:
    assert _ok(invoke, "matrix", "--by", "Stakeholders") == _ok(invoke, "matrix")


def test_matrix_by_nonsense_lists_the_kinds(invoke: Invoke) -> None:
    line = _usage_error(invoke, "matrix", "--by", "nonsense")
    assert line == (
        "Error: Invalid value for '--by': unknown matrix 'nonsense'. "
        "Valid matrices: stakeholder, responsibility"
    )
    line = _usage_error(invoke, "matrix", "--by", "responsibilty")
    assert "did you mean 'responsibility'?" in line


# -- the real entry point (the fast path) -----------------------------------------------------


def _real(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m pmroles ARGS`, with the test's isolated user directories."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": str(WIDTH)}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pmroles", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("show", "tpm", "--aspects", "Day to day"),
        ("show", "tpm", "-a", "Skills,FOCUS", "--json"),
        ("list", "--method", "AGILE"),
        ("match", "--market", "B2B", "-f", "csv"),
        ("matrix", "--by", "Responsibility"),
    ],
)
def test_the_fast_path_serves_other_spellings_as_the_full_cli_does(
    invoke: Invoke, args: tuple[str, ...]
) -> None:
    call = fastpath.parse(args)
    assert call is not None, "the fast path should take this"
    ran = _real(*args)
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == ""
    assert ran.stdout == _ok(invoke, *args)


def test_the_fast_path_passes_canonical_values_to_the_command() -> None:
    call = fastpath.parse(["show", "tpm", "-a", "Day to day", "-a", "Skills,FOCUS"])
    assert call is not None
    assert call.arguments["aspects"] == ["day_to_day", "skills", "focus"]
    call = fastpath.parse(["list", "--method", "AGILE", "--market", "B2B"])
    assert call is not None
    assert call.arguments["method"] == ["agile"]
    assert call.arguments["market"] == ["b2b"]
    call = fastpath.parse(["matrix", "--by", "Responsibility"])
    assert call is not None
    assert call.arguments["by"] == "responsibility"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("list", "--method", "scrum"),
            "unknown method 'scrum'. Valid methods: agile, sequential, any",
        ),
        (("show", "tpm", "-a", "dya to day"), "did you mean 'day_to_day'?"),
        (("matrix", "--by", "nonsense"), "Valid matrices: stakeholder, responsibility"),
    ],
)
def test_unknown_values_from_the_real_entry_point_exit_2_without_a_traceback(
    args: tuple[str, ...], message: str
) -> None:
    assert fastpath.parse(args) is None  # the usage problem goes to Typer to report
    ran = _real(*args)
    assert ran.returncode == 2, ran.stderr
    assert ran.stdout == ""
    assert "Traceback" not in ran.stderr
    assert message in ran.stderr
