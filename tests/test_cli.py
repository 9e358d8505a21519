"""Each command through Click's runner: exit code, stdout and stderr checked separately."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from pmroles import __version__
from pmroles.cli import app

from .conftest import ROOT, Invoke

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "name",
    ["tpm", "TPM", "technical-pm", "Technical Product Manager", "technical_pm", "technical pm"],
)
def test_show_finds_a_role_by_id_alias_or_name(invoke: Invoke, name: str) -> None:
    result = invoke("show", name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Technical Product Manager (tpm)")
    assert result.stderr == ""


def test_show_prints_every_attribute_of_the_role(invoke: Invoke) -> None:
    from pmroles.catalogue.loader import load_builtin

    role = load_builtin().roles["tpm"]
    out = invoke("show", "tpm").stdout
    for aspect in role.aspects():
        assert aspect.label.split()[0] in out, aspect.key
    for item in role.get("tools"):
        assert item.split()[0] in out


def test_show_sources_lists_each_attributes_articles(invoke: Invoke) -> None:
    result = invoke("show", "tpm", "--sources")
    assert result.exit_code == 0
    assert "bpm-vs-tpm" in result.stdout
    assert "Business Product Manager vs Technical Product Manager" in result.stdout


def test_unknown_role_suggests_the_closest_and_exits_1(invoke: Invoke) -> None:
    result = invoke("show", "tmp")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: unknown role 'tmp'; did you mean 'tpm'?\n"


def test_compare_answers_on_one_screen_by_default(invoke: Invoke) -> None:
    result = invoke("compare", "bpm", "tpm", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    # One screen: 64 lines before issue 16; the similarity and its three reasons add 6.
    assert len(lines) <= 74, len(lines)
    assert lines[0] == "Business Product Manager (bpm) vs Technical Product Manager (tpm)"
    text = " ".join(result.stdout.split())
    for part in (
        "Business Product Manager: A product manager who drives",
        "Technical Product Manager: A product manager who steers",
        "What both share:",
        "How they differ:",
        "Who does what",
        "Where they differ most",
        "pmroles compare bpm tpm --full",
    ):
        assert part in text, part
    assert text.index("What both share:") < text.index("Where they differ most")
    assert "Alike" not in text  # the per-aspect scores are --full's


def test_compare_has_a_row_per_aspect_and_a_column_per_role(invoke: Invoke) -> None:
    result = invoke("compare", "bpm", "tpm", "--full")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    header = result.stdout.splitlines()[0]
    assert header == "Business Product Manager (bpm) vs Technical Product Manager (tpm)"
    for label in [
        "Focus",
        "Skills",
        "Interactions",
        "Goals",
        "Challenges",
        "Outcome",
        "Tools",
        "Training and",
        "Advantages",
        "Disadvantages",
        "Necessity for",
        "Impact on the",
        "Market",
        "Vision and",
    ]:
        assert f"\n│ {label}" in result.stdout, label
    assert "\nWhat both share:\n" in result.stdout


def test_compare_needs_two_roles(invoke: Invoke) -> None:
    result = invoke("compare", "bpm")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "name at least two roles" in result.stderr


def test_compare_unknown_role_exits_1(invoke: Invoke) -> None:
    result = invoke("compare", "bpm", "bmp2")
    assert result.exit_code == 1
    assert "unknown role 'bmp2'" in result.stderr
    assert result.stdout == ""


def test_list_without_filter_lists_every_role(invoke: Invoke) -> None:
    from pmroles.catalogue.loader import load_builtin

    result = invoke("list")
    assert result.exit_code == 0
    for role_id in load_builtin().roles:
        assert f"│ {role_id} " in result.stdout


def test_list_by_stakeholder_shows_only_roles_working_with_it(invoke: Invoke) -> None:
    result = invoke("list", "--stakeholder", "sales")
    assert result.exit_code == 0, result.stderr
    assert "│ bpm " in result.stdout
    assert "│ tpm " not in result.stdout
    assert result.stdout.startswith("Roles that work with Sales")


def test_list_accepts_a_stakeholder_alias(invoke: Invoke) -> None:
    by_alias = invoke("list", "--stakeholder", "Sales Team")
    assert by_alias.exit_code == 0
    assert by_alias.stdout == invoke("list", "--stakeholder", "sales").stdout


def test_list_unknown_stakeholder_suggests(invoke: Invoke) -> None:
    result = invoke("list", "--stakeholder", "salez")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown stakeholder 'salez'; did you mean 'sales'?\n"


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("show", "tpm", "--bogus")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert result.stdout == ""


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pmroles {__version__}\n"


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke()
    assert "Usage: pmroles" in result.stdout + result.stderr
    for command in COMMANDS:
        assert command in result.stdout + result.stderr


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_starts_with_an_example(invoke: Invoke, command: str | None) -> None:
    args = [command, "--help"] if command else ["--help"]
    result = invoke(*args)
    assert result.exit_code == 0
    body = result.stdout.split("\n\n", 1)[1].lstrip()
    example = body.splitlines()[0]
    assert example.startswith("Example: pmroles "), body[:80]
    # The root's example is the quick start's command; each command's names the command.
    assert f" {command or 'compare bpm tpm'} " in f"{example} ", example


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmroles", "show", "bpm"],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "COLUMNS": "100", "PATH": ""},
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Business Product Manager (bpm)")


def test_no_traceback_for_a_missing_role_from_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmroles", "show", "nope"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: unknown role 'nope'")


def test_schema_prints_the_shipped_json_schema(invoke: Invoke) -> None:
    import json

    from pmroles.catalogue.loader import schema_text

    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text()
    assert json.loads(result.stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_compare_help_says_how_similarity_is_computed(invoke: Invoke) -> None:
    text = " ".join(invoke("compare", "--help").stdout.split())
    assert "Items are compared by the concepts they name" in text
    assert "Similarity, 0-100%, is a weighted mean of four things" in text
    assert "A prior of 30% with weight 1" in text


def test_match_help_documents_the_scoring(invoke: Invoke) -> None:
    text = " ".join(invoke("match", "--help").stdout.split())
    assert "Scoring: each answer is looked for in its own aspect of every role" in text
    assert "the score is the mean credit over the known answers, from 0 to 1" in text
