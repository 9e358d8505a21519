"""match, matrix, map and --export through the CLI, on a fixture catalogue and the built-in one."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from .conftest import Invoke

FIXTURE = """\
stakeholders:
  sales: {name: Sales}
  it: {name: IT}
roles:
  biz:
    name: Business One
    skills: [market analysis, pricing strategy]
    background: [economics degree]
    interactions: [sales]
    horizon: [long]
    orientation: [business]
    owns: [strategy, pricing]
    supports: [roadmap]
  tech:
    name: Technical One
    skills: [software development, market analysis]
    tools: [Jira]
    interactions: [it, sales]
    horizon: [short, medium]
    orientation: [technical]
    owns: [specifications]
    supports: [roadmap, pricing]
  both:
    name: Both Ways
    horizon: [medium, long]
    orientation: [business, technical]
  lost:
    name: Unplaced One
"""


@pytest.fixture
def fixture(tmp_path: Path) -> list[str]:
    path = tmp_path / "fixture.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return ["--no-builtin", "--catalogue", str(path)]


def as_json(invoke: Invoke, *args: str) -> dict:  # type: ignore[type-arg]
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_match_scores_and_explains(invoke: Invoke, fixture: list[str]) -> None:
    document = as_json(
        invoke,
        *fixture,
        "match",
        "--skill",
        "market analyses",
        "--skill",
        "pricing",
        "--background",
        "economics",
        "--stakeholder",
        "sales",
    )
    scores = {r["id"]: r["score"] for r in document["roles"]}
    # biz: market analysis 1, pricing 1 (pricing strategy), economics 1, sales 1 -> 4/4
    # tech: market analysis 1, pricing 1/2 (it contributes to pricing), economics 0 (no
    # background), sales 1 -> 2.5/4; the roles that fit nothing are not shown.
    assert scores == {"biz": 1.0, "tech": 0.625}
    assert [r["id"] for r in document["roles"]] == ["biz", "tech"]
    tech = document["roles"][1]
    assert {(m["category"], m["answer"], m["aspect"], m["item"]) for m in tech["matched"]} == {
        ("skill", "market analyses", "skills", "market analysis"),
        ("skill", "pricing", "supports", "pricing"),
        ("stakeholder", "sales", "interactions", "sales"),
    }
    assert {"aspect": "skills", "item": "software development"} in tech["missing"]
    assert document["answers"]["skill"] == ["market analyses", "pricing"]


def test_match_needs_an_answer_and_suggests_for_unknown_values(
    invoke: Invoke, fixture: list[str]
) -> None:
    empty = invoke(*fixture, "match")
    assert empty.exit_code == 2
    assert "give at least one answer" in empty.stderr
    unknown = invoke(*fixture, "match", "--horizon", "shrot")
    assert unknown.exit_code == 2  # horizons are a closed set: a usage error
    assert "did you mean 'short'" in unknown.stderr


def test_match_table_on_the_builtin_catalogue(invoke: Invoke) -> None:
    result = invoke("match", "--skill", "market analysis", "--background", "economics")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[4].startswith("│ Business Product ")


def test_stakeholder_matrix_contents_in_every_format(invoke: Invoke, fixture: list[str]) -> None:
    document = as_json(invoke, *fixture, "matrix")
    assert document["rows"] == ["biz", "tech", "both", "lost"]
    assert document["columns"] == ["sales", "it"]
    assert document["cells"] == {
        "biz": {"sales": "primary"},
        "tech": {"sales": "primary", "it": "primary"},
        "both": {},
        "lost": {},
    }
    rows = list(csv.reader(io.StringIO(invoke(*fixture, "matrix", "--format", "csv").stdout)))
    assert rows[0][:2] == ["id", "name"]
    assert len({len(row) for row in rows}) == 1
    markdown = invoke(*fixture, "matrix", "--format", "markdown").stdout.splitlines()
    assert markdown[0] == "| Role | Sales | IT |"  # read by people: names and words
    assert markdown[3] == "| Technical One | works with | works with |"
    assert invoke(*fixture, "matrix", "--format", "yaml").exit_code == 0


def test_responsibility_matrix_marks_primary_and_secondary(
    invoke: Invoke, fixture: list[str]
) -> None:
    document = as_json(invoke, *fixture, "matrix", "--by", "responsibility")
    assert document["columns"] == ["strategy", "roadmap", "specifications", "pricing"]
    assert document["cells"]["biz"] == {
        "strategy": "primary",
        "pricing": "primary",
        "roadmap": "secondary",
    }
    assert document["cells"]["tech"] == {
        "specifications": "primary",
        "roadmap": "secondary",
        "pricing": "secondary",
    }
    table = invoke(*fixture, "matrix", "--by", "responsibility").stdout
    assert "●" in table
    assert "○" in table


def test_map_coordinates_and_unplaced_roles(invoke: Invoke, fixture: list[str]) -> None:
    document = as_json(invoke, *fixture, "map")
    points = {p["id"]: (p["x"], p["y"]) for p in document["points"]}
    assert points == {"biz": (-1.0, 1.0), "tech": (1.0, 0.25), "both": (0.0, 0.75)}
    assert document["unplaced"] == ["lost"]


@pytest.mark.parametrize("columns", ["60", "100", "200"])
def test_map_labels_fit_and_do_not_overlap(
    invoke: Invoke, fixture: list[str], columns: str
) -> None:
    result = invoke(*fixture, "map", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    picture = "\n".join(lines)
    for role_id in ("biz", "tech", "both"):
        assert picture.count(role_id) >= 1
    assert "Not on the map (orientation or horizon unknown): Unplaced One" in " ".join(lines)


def test_map_of_the_builtin_catalogue_places_every_role(invoke: Invoke) -> None:
    document = as_json(invoke, "map")
    placed = {p["id"] for p in document["points"]}
    assert placed | set(document["unplaced"]) == set(
        as_json(invoke, "list")["roles"][i]["id"] for i in range(10)
    )


# -- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["matrix"], ["map"], ["matrix", "--by", "responsibility"]])
def test_a_text_export_is_the_view_at_its_width_not_the_terminals(
    invoke: Invoke, tmp_path: Path, command: list[str]
) -> None:
    """At 100 columns by default, whatever the terminal: the view a 100-column terminal shows."""
    txt = tmp_path / "out.txt"
    exported = invoke(*command, "--export", str(txt), env={"COLUMNS": "60"})
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout == ""
    assert txt.read_text(encoding="utf-8") == invoke(*command, env={"COLUMNS": "100"}).stdout


def test_an_exported_matrix_at_80_columns_is_the_readable_one(
    invoke: Invoke, tmp_path: Path
) -> None:
    """All ten roles at 80 columns: short codes across and a key, in the file as on screen."""
    txt = tmp_path / "matrix.txt"
    args = ("matrix", "--by", "responsibility")
    shown = invoke(*args, "--export", str(txt), "--width", "80", env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.stderr
    assert shown.stderr == f"Wrote {txt} (text, 80 columns)\n"
    exported = txt.read_text(encoding="utf-8")
    assert exported == invoke(*args, env={"COLUMNS": "80"}).stdout
    header = next(line for line in exported.splitlines() if line.startswith("│ Area "))
    cells = [cell.strip() for cell in header.split("│")[1:-1]]
    assert cells == ["Area", "pm", "b2c", "b2b", "po", "pmm", "bpm", "tpm", "proj", "ba", "brand"]
    assert max(len(line) for line in exported.splitlines()) <= 80
    assert "proj = Project Manager (project-manager)" in " ".join(exported.split())


def test_export_never_overwrites_without_force(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "out.svg"
    path.write_text("mine")
    result = invoke("show", "tpm", "--export", str(path))
    assert result.exit_code == 1
    assert "already exists; it was left untouched (use --force to replace it)" in result.stderr
    assert path.read_text() == "mine"
    assert invoke("show", "tpm", "--export", str(path), "--force").exit_code == 0
    assert path.read_text().startswith("<svg")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_export_gets_the_mode_a_shell_redirection_would(invoke: Invoke, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        path = tmp_path / "out.svg"
        assert invoke("show", "tpm", "--export", str(path)).exit_code == 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        path.chmod(0o604)  # a replaced file keeps the mode it had
        assert invoke("show", "tpm", "--export", str(path), "--force").exit_code == 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o604
        assert path.read_text().startswith("<svg")
    finally:
        os.umask(old)


def test_export_needs_a_known_suffix_and_a_format_that_agrees(
    invoke: Invoke, tmp_path: Path
) -> None:
    wrong = invoke("show", "tpm", "--export", str(tmp_path / "out.pdf"))
    assert wrong.exit_code == 2
    assert ".md, .markdown, .html, .htm, .txt, .svg, .json, .yaml, .yml or .csv" in wrong.stderr
    assert "--format markdown > FILE" in wrong.stderr
    clash = invoke("show", "tpm", "--json", "--export", str(tmp_path / "out.svg"))
    assert clash.exit_code == 2
    assert f"--json and --export {tmp_path / 'out.svg'} disagree" in clash.stderr
    assert not (tmp_path / "out.svg").exists()
