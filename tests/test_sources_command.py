"""`pmroles sources [ROLE]`: how many items of each role each article backs, and how many
are editorial. Exit code, stdout and stderr checked separately."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pmroles.catalogue.loader import load_builtin
from pmroles.model import EDITORIAL, Role

from .conftest import Invoke

# A catalogue whose counts are known by hand: per-item `cites` override an attribute's
# `sources`, an item two articles back counts under each, and an item with no source at
# all (x's interaction) is unsourced.
OURS = """\
sources:
  alpha:
    title: Alpha article
    author: Ann Alpha
  beta:
    title: Beta article
    publisher: Beta Press
  unused:
    title: Cited by nothing
  editorial:
    title: Our own summary
stakeholders:
  sales:
    name: Sales
    needs: [pricing input, launch dates, a demo]
    sources: [alpha]
    cites:
      launch dates: [alpha, beta]
      a demo: [editorial]
roles:
  x:
    name: Role X
    summary: Does x things.
    skills: [coding, selling, talking]
    tools: [jira]
    interactions: [sales]
    sources:
      summary: [alpha]
      skills: [alpha, beta]
      tools: [editorial]
    cites:
      skills:
        selling: [beta]
        talking: [editorial]
  y:
    name: Role Y
    focus: [delivery, quality]
    sources:
      focus: [beta]
"""


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    path = tmp_path / "ours.yaml"
    path.write_text(OURS, encoding="utf-8")
    return path


def _expected(role: Role) -> dict[str, object]:
    """The counts of `role`, computed here straight from the model."""
    items = editorial = unsourced = 0
    by_source: dict[str, int] = {}
    for aspect in role.aspects():
        for item in role.get(aspect.key):
            items += 1
            ids = set(role.item_sources(aspect.key, item))
            if not ids:
                unsourced += 1
            elif ids == {EDITORIAL}:
                editorial += 1
            for source in ids - {EDITORIAL}:
                by_source[source] = by_source.get(source, 0) + 1
    return {
        "name": role.name,
        "items": items,
        "sources": by_source,
        "editorial": editorial,
        "unsourced": unsourced,
    }


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


# -- the built-in catalogue ----------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 40, 20, 60, 100, 120])
def test_the_table_fits_the_terminal(invoke: Invoke, columns: int) -> None:
    result = invoke("sources", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert _widest(result.stdout) <= columns
    text = " ".join(result.stdout.split())
    assert text.startswith("Where each role's items come from ")
    for role in load_builtin().roles.values():
        assert role.name.split()[0] in text
        assert f"({role.id})" in text
    assert "pmroles sources --format json" in text
    assert "editorial: pmroles' own summary of common practice" in text


def test_a_wide_terminal_gives_each_article_a_column(invoke: Invoke) -> None:
    result = invoke("sources", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert _widest(result.stdout) <= 120
    header = next(line for line in result.stdout.splitlines() if "Role" in line)
    cells = [cell.strip() for cell in header.strip("│ ").split("│")]
    sources = [s for s in load_builtin().sources if s != EDITORIAL]
    assert cells == ["Role", "Items", *sources, "editorial"]


def test_at_80_columns_the_articles_share_a_column_and_the_table_stays_boxed(
    invoke: Invoke,
) -> None:
    result = invoke("sources", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[1].startswith("╭")
    assert "From articles" in result.stdout
    assert "• perrin: " in result.stdout


def test_one_role(invoke: Invoke) -> None:
    result = invoke("sources", "Product Owner", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert _widest(result.stdout) <= 80
    assert result.stdout.startswith("Where the items of Product Owner (po) come from\n")
    assert "Technical Product Manager" not in result.stdout


def test_json_counts_equal_the_catalogues(invoke: Invoke) -> None:
    result = invoke("sources", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    catalogue = load_builtin()
    assert document["version"] == 2
    assert document["roles"] == {r.id: _expected(r) for r in catalogue.roles.values()}
    assert list(document["roles"]) == list(catalogue.roles)
    assert list(document["stakeholders"]) == list(catalogue.stakeholders)
    cited = [s["id"] for s in document["sources"]]
    assert cited == list(catalogue.sources)  # every source is cited by something
    titles = {s["id"]: s["title"] for s in document["sources"]}
    assert titles == {s.id: s.title for s in catalogue.sources.values()}


def test_json_of_one_role(invoke: Invoke) -> None:
    result = invoke("sources", "tpm", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    role = load_builtin().roles["tpm"]
    assert document["roles"] == {"tpm": _expected(role)}
    assert document["stakeholders"] == {}
    cited = {s["id"] for s in document["sources"]}
    assert cited == {*_expected(role)["sources"], EDITORIAL}  # type: ignore[misc]


def test_unknown_role_exits_1_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke("sources", "tmp")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: unknown role 'tmp'; did you mean 'tpm'?\n"


def test_csv_has_a_column_per_article(invoke: Invoke) -> None:
    result = invoke("sources", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows = list(csv.reader(io.StringIO(result.stdout)))
    sources = [s for s in load_builtin().sources if s != EDITORIAL]
    assert rows[0] == ["id", "name", "items", *sources, "editorial", "unsourced"]
    assert [row[0] for row in rows[1:]] == list(load_builtin().roles)


def test_markdown_names_the_roles(invoke: Invoke) -> None:
    result = invoke("sources", "po", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| Role | Items | ")
    assert lines[2].startswith("| Product Owner (po) | ")


@pytest.mark.parametrize(
    "args",
    [
        ("--sourced-only", "sources", "--json"),
        ("sources", "--sourced-only", "--json"),
        ("sources", "--json", "--sourced-only"),
    ],
)
def test_sourced_only_leaves_no_editorial_items(invoke: Invoke, args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["roles"]
    assert all(counts["editorial"] == 0 for counts in document["roles"].values())
    assert all(counts["editorial"] == 0 for counts in document["stakeholders"].values())
    assert EDITORIAL not in {s["id"] for s in document["sources"]}
    whole = json.loads(invoke("sources", "--json").stdout)
    for role_id, counts in document["roles"].items():
        before = whole["roles"][role_id]
        assert counts["items"] == before["items"] - before["editorial"]
        assert counts["sources"] == before["sources"]


def test_help_starts_with_an_example(invoke: Invoke) -> None:
    result = invoke("sources", "--help")
    assert result.exit_code == 0
    assert "Example: pmroles sources po" in result.stdout


# -- a catalogue whose counts are known ----------------------------------------------------------


def test_per_item_cites_give_exact_counts(invoke: Invoke, ours: Path) -> None:
    result = invoke("--no-builtin", "--catalogue", str(ours), "sources", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document == {
        "version": 2,
        "roles": {
            "x": {
                # summary (alpha); coding (alpha, beta), selling (beta), talking (editorial);
                # jira (editorial); the interaction with sales (no source)
                "name": "Role X",
                "items": 6,
                "sources": {"alpha": 2, "beta": 2},
                "editorial": 2,
                "unsourced": 1,
            },
            "y": {
                "name": "Role Y",
                "items": 2,
                "sources": {"beta": 2},
                "editorial": 0,
                "unsourced": 0,
            },
        },
        "stakeholders": {
            "sales": {
                "name": "Sales",
                "needs": 3,
                "sources": {"alpha": 2, "beta": 1},
                "editorial": 1,
                "unsourced": 0,
            }
        },
        "sources": [
            {"id": "alpha", "title": "Alpha article", "author": "Ann Alpha", "publisher": None},
            {"id": "beta", "title": "Beta article", "author": None, "publisher": "Beta Press"},
            {"id": "editorial", "title": "Our own summary", "author": None, "publisher": None},
        ],
    }


def test_per_item_cites_in_csv_and_the_table(invoke: Invoke, ours: Path) -> None:
    result = invoke("--no-builtin", "--catalogue", str(ours), "sources", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "id,name,items,alpha,beta,editorial,unsourced",
        "x,Role X,6,2,2,2,1",
        "y,Role Y,2,0,2,0,0",
    ]
    table = invoke("--catalogue", str(ours), "--no-builtin", "sources", env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.stderr
    assert table.stderr == ""
    assert _widest(table.stdout) <= 80
    assert table.stdout.splitlines()[1:6] == [
        "╭────────────┬───────┬───────┬──────┬───────────┬───────────╮",
        "│ Role       │ Items │ alpha │ beta │ editorial │ no source │",
        "├────────────┼───────┼───────┼──────┼───────────┼───────────┤",
        "│ Role X (x) │     6 │     2 │    2 │         2 │         1 │",
        "├────────────┼───────┼───────┼──────┼───────────┼───────────┤",
    ]
    assert "no source: items their catalogue cites no article for." in table.stdout


def test_per_item_cites_of_one_role_sourced_only(invoke: Invoke, ours: Path) -> None:
    result = invoke(
        "--no-builtin", "--catalogue", str(ours), "sources", "x", "--sourced-only", "--json"
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["roles"] == {
        "x": {
            "name": "Role X",
            "items": 4,
            "sources": {"alpha": 2, "beta": 2},
            "editorial": 0,
            "unsourced": 1,
        }
    }
    assert [s["id"] for s in document["sources"]] == ["alpha", "beta"]
