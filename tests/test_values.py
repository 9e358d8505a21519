"""`pmroles values [ASPECT]`: what a person can type for each filter, with how many roles use
each value, so nobody has to guess the catalogue's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmroles.answers.values import CONCEPTS, resolve, values_of
from pmroles.catalogue.loader import check_text
from pmroles.errors import UsageProblem
from pmroles.model import Catalogue

from .conftest import Invoke

OURS = """
concepts:
  data-analysis: {label: Data analysis, words: [analytics]}
  sql: {label: SQL, words: [database queries], broader: data-analysis}
  coding: {label: Software development, words: [programming]}
roles:
  a:
    name: Alpha
    skills: [SQL reporting, programming in Python, negotiation]
    method: [agile]
  b:
    name: Beta
    skills: [analytics, writing SQL]
    method: [agile]
  c:
    name: Gamma
    skills: [negotiation]
    method: [sequential]
"""


@pytest.fixture(scope="module")
def ours() -> Catalogue:
    catalogue, problems = check_text(OURS, "ours.yaml")
    assert catalogue is not None, problems
    return catalogue


def test_an_aspects_values_count_the_roles_using_each(ours: Catalogue) -> None:
    found = values_of(ours, "skills")
    table = {(v.kind, v.id): v.roles for v in found.values}
    assert table == {
        ("concept", "sql"): ("a", "b"),
        ("concept", "coding"): ("a",),
        ("concept", "data-analysis"): ("b",),
        ("item", "negotiation"): ("a", "c"),  # names no concept: listed as written
    }
    # Most used first, then by label.
    assert [v.id for v in found.values] == ["negotiation", "sql", "data-analysis", "coding"]


def test_the_vocabulary_lists_every_concept_with_its_users(ours: Catalogue) -> None:
    found = values_of(ours, CONCEPTS)
    by_id = {v.id: v for v in found.values}
    assert set(by_id) == {"data-analysis", "sql", "coding"}
    assert by_id["sql"].broader == "data-analysis"
    assert by_id["sql"].words == ("database queries",)
    assert by_id["data-analysis"].roles == ("b",)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("skills", "skills"),
        ("Skill", "skills"),
        ("stakeholders", "interactions"),
        ("Day to day", "day_to_day"),
        ("concepts", CONCEPTS),
    ],
)
def test_aspects_are_named_as_elsewhere(typed: str, key: str) -> None:
    assert resolve(typed) == key


def test_an_unknown_aspect_is_a_usage_error_with_the_valid_ones() -> None:
    with pytest.raises(UsageProblem, match=r"unknown aspect 'skils'; did you mean 'skills'"):
        resolve("skils")


def test_cli_overview_and_one_aspect(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(OURS, encoding="utf-8")
    result = invoke("--no-builtin", "--catalogue", str(path), "values", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["version"] == 2
    assert [a["aspect"] for a in document["aspects"]] == ["skills", "method", "concepts"]
    one = invoke("--no-builtin", "--catalogue", str(path), "values", "skills", "--format", "csv")
    assert one.exit_code == 0, one.stderr
    lines = one.stdout.splitlines()
    assert lines[0] == "aspect,id,label,kind,count,roles,words,broader"
    assert lines[1].startswith("skills,negotiation,negotiation,item,2,")
    view = invoke("--no-builtin", "--catalogue", str(path), "values", "skills")
    assert view.exit_code == 0
    assert "SQL" in view.stdout
    assert "database queries" in view.stdout
    assert "Type any of these with --skill" in view.stdout


def test_cli_unknown_aspect_exits_2_with_one_line(invoke: Invoke) -> None:
    result = invoke("values", "skils")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown aspect 'skils'; did you mean 'skills'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_builtin_skills_name_concepts(invoke: Invoke) -> None:
    """The built-in vocabulary covers every skill: none is left as a bare item."""
    result = invoke("values", "skills", "--json")
    assert result.exit_code == 0, result.stderr
    kinds = {v["kind"] for v in json.loads(result.stdout)["aspects"][0]["values"]}
    assert kinds == {"concept"}


def test_a_fixed_set_shows_no_empty_columns(invoke: Invoke) -> None:
    result = invoke("values", "method", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "Value" in line)
    assert "Id" not in header
    assert "Also typed as" not in header


def test_the_vocabulary_view_names_each_broader_concept(invoke: Invoke) -> None:
    """`values concepts` on a terminal says what each concept is a kind of, by its label,
    as docs/commands.md promises (JSON and CSV carry `broader` as an id)."""
    result = invoke("values", "concepts", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    sql = next(line for line in result.stdout.splitlines() if line.startswith("│ SQL"))
    assert "SQL (a kind of Data analysis)" in sql
    # a concept with no broader one says nothing more
    assert any(line.startswith("│ Communication ") for line in result.stdout.splitlines())
