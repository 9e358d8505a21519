"""Where each item comes from: per-item `cites`, editorial items, disputes, `--sourced-only`.

A catalogue names the article behind each attribute under `sources`; `cites` names it per
item where an attribute's items come from different sources; the source `editorial` marks
pmroles' own summary of common practice; `disputes` records where the sources disagree.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pmroles.catalogue.loader import check_text
from pmroles.catalogue.stack import load_cached, load_stack, stack_for
from pmroles.model import EDITORIAL, Catalogue, sourced_only

from .conftest import Invoke

CATALOGUE = """\
sources:
  perrin: {title: The product manager in technology, author: Michel Perrin}
  hiles: {title: What is a Product Manager?, author: Michael Hiles}
  editorial: {title: 'pmroles editorial: common practice, not from an article'}
stakeholders:
  sales:
    name: Sales
    needs: [clear value messages, a demo every quarter]
    sources: [perrin]
    cites:
      a demo every quarter: [editorial]
roles:
  owner:
    name: Product Owner
    summary: Orders the backlog for the team.
    skills:
      - iterating with developers
      - backlog ordering
    tools:
      - issue tracker
    horizon: [short]
    sources:
      summary: [perrin]
      skills: [perrin]
      tools: [editorial]
      horizon: [perrin, hiles]
    cites:
      skills:
        backlog ordering: [editorial]
    disputes:
      horizon:
        - perrin: short term, sprint by sprint
          hiles: from the strategic to the tactical
  child:
    extends: owner
    name: Child Owner
    skills: [only its own skill]
    sources:
      skills: [hiles]
"""


def _loaded(text: str = CATALOGUE) -> Catalogue:
    catalogue, problems = check_text(text, "c.yaml")
    assert catalogue is not None, [str(p) for p in problems]
    return catalogue


def _errors(text: str) -> list[str]:
    catalogue, problems = check_text(text, "c.yaml")
    assert catalogue is None
    return [str(p) for p in problems]


# -- the model -------------------------------------------------------------------------------


def test_each_item_has_its_own_sources() -> None:
    owner = _loaded().roles["owner"]
    assert owner.item_sources("skills", "iterating with developers") == ("perrin",)
    assert owner.item_sources("skills", "backlog ordering") == (EDITORIAL,)
    assert owner.is_editorial("skills", "backlog ordering")
    assert not owner.is_editorial("skills", "iterating with developers")
    assert owner.is_editorial("tools", "issue tracker")  # a wholly editorial attribute
    assert owner.disputes["horizon"][0] == {
        "perrin": "short term, sprint by sprint",
        "hiles": "from the strategic to the tactical",
    }
    sales = _loaded().stakeholders["sales"]
    assert sales.need_sources("clear value messages") == ("perrin",)
    assert sales.is_editorial("a demo every quarter")


def test_an_extending_role_drops_what_it_rewrites_and_keeps_the_rest() -> None:
    child = _loaded().roles["child"]
    assert child.get("skills") == ("only its own skill",)
    assert "skills" not in child.cites  # the parent's per-item cites no longer apply
    assert child.disputes["horizon"]  # horizon is inherited, and its dispute with it
    assert child.is_editorial("tools", "issue tracker")


def test_sourced_only_keeps_what_an_article_backs() -> None:
    whole = _loaded()
    sourced = sourced_only(whole)
    owner = sourced.roles["owner"]
    assert owner.get("skills") == ("iterating with developers",)
    assert not owner.has("tools")  # only editorial items: the attribute goes
    assert owner.summary == "Orders the backlog for the team."
    assert EDITORIAL not in {s for ids in owner.sources.values() for s in ids}
    assert EDITORIAL not in sourced.sources
    assert sourced.stakeholders["sales"].needs == ("clear value messages",)
    assert list(sourced.roles) == list(whole.roles)
    assert whole.roles["owner"].has("tools")  # the catalogue it was made from is unchanged


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            "    cites:\n      skils:\n        x: [perrin]\n",
            "cites items of unknown attribute 'skils'",
        ),
        (
            "    cites:\n      skills:\n        not an item: [perrin]\n",
            "cites 'not an item', which is not an item of 'skills'",
        ),
        ("    cites:\n      skills:\n        a skill: [nobody]\n", "unknown source 'nobody'"),
        (
            "    disputes:\n      horizon:\n        - perrin: only one side\n",
            "a dispute needs two or more sources",
        ),
        (
            "    disputes:\n      horizon:\n        - perrin: a\n          nobody: b\n",
            "unknown source 'nobody'",
        ),
        (
            "    disputes:\n      mood:\n        - perrin: a\n          hiles: b\n",
            "notes a dispute on unknown attribute 'mood'",
        ),
    ],
)
def test_a_bad_citation_or_dispute_is_a_positioned_error(bad: str, message: str) -> None:
    text = (
        "sources:\n  perrin: {title: P}\n  hiles: {title: H}\nroles:\n  x:\n    name: X\n"
        "    skills: [a skill]\n    horizon: [short]\n" + bad
    )
    errors = _errors(text)
    assert any(message in error and error.startswith("c.yaml:") for error in errors), errors


def test_a_stakeholder_cites_only_its_needs() -> None:
    text = (
        "sources:\n  perrin: {title: P}\nstakeholders:\n  s:\n    name: S\n    needs: [a]\n"
        "    cites:\n      b: [perrin]\nroles:\n  x: {name: X}\n"
    )
    assert any(
        "cites 'b', which is not one of this stakeholder's needs" in e for e in _errors(text)
    )


def test_the_cache_keeps_citations_and_disputes(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path)}
    stack = stack_for((str(path),), no_builtin=True, environ=environ)
    built, _ = load_stack(stack)
    for _ in range(2):  # the first run writes the cache, the second reads it
        cached, _ = load_cached(stack, environ)
        for role_id in built.roles:
            assert cached.roles[role_id] == built.roles[role_id]
        assert dict(cached.stakeholders) == dict(built.stakeholders)


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def own(tmp_path: Path) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    return ["--no-builtin", "--catalogue", str(path)]


def test_show_marks_editorial_items_and_prints_disputes(invoke: Invoke, own: list[str]) -> None:
    result = invoke(*own, "show", "owner", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "• backlog ordering*" in out
    assert "iterating with developers*" not in out  # an article's item: no mark
    assert "issue tracker*" in out
    assert "≠ perrin: short term, sprint by sprint; hiles: from the strategic to the tactical" in (
        " ".join(out.split()).replace("│ ", "")
    )
    text = " ".join(out.split())
    assert "* editorial: pmroles' own summary of common practice" in text
    assert "≠ where the articles disagree" in text
    assert "Goals │ not stated in the sources" in text  # a card attribute it lacks


def test_compare_full_prints_disputes_and_marks(invoke: Invoke, own: list[str]) -> None:
    result = invoke(*own, "compare", "owner", "child", "--full", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "≠ perrin: short term" in text
    assert "backlog ordering*" in text


@pytest.mark.parametrize("place", ["before", "after"])
@pytest.mark.parametrize("form", ["table", "json", "yaml", "csv", "markdown"])
def test_sourced_only_leaves_editorial_items_out_of_every_format(
    invoke: Invoke, own: list[str], form: str, place: str
) -> None:
    args = ["show", "owner", "--format", form]
    args = ["--sourced-only", *args] if place == "before" else [*args, "--sourced-only"]
    result = invoke(*own, *args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout.lower()  # Markdown starts each bullet with a capital
    for editorial in ("backlog ordering", "issue tracker", "editorial"):
        assert editorial not in out
    assert "iterating with developers" in out
    whole = invoke(*own, "show", "owner", "--format", form, env={"COLUMNS": "100"})
    assert "backlog ordering" in whole.stdout.lower()  # without the option they are there


def test_sourced_only_reaches_every_command(invoke: Invoke, own: list[str]) -> None:
    for args in (
        ["list", "--skill", "backlog ordering"],
        ["search", "backlog ordering"],
        ["match", "--tool", "issue tracker"],
    ):
        with_all = invoke(*own, *args)
        assert with_all.exit_code == 0, (args, with_all.stderr)
        sourced = invoke(*own, "--sourced-only", *args)
        assert "backlog ordering" not in sourced.stdout, args
        assert "issue tracker" not in sourced.stdout, args


def test_json_names_the_source_of_each_item(invoke: Invoke, own: list[str]) -> None:
    role = json.loads(invoke(*own, "show", "owner", "--json").stdout)["role"]
    assert role["cites"] == {"skills": {"backlog ordering": ["editorial"]}}
    assert role["sources"]["tools"] == ["editorial"]
    assert role["disputes"]["horizon"][0]["hiles"] == "from the strategic to the tactical"
    rows = list(csv.reader(io.StringIO(invoke(*own, "show", "owner", "-f", "csv").stdout)))
    assert ["tools", "issue tracker", "editorial"] in rows


def test_markdown_and_csv_name_the_editorial_items(invoke: Invoke, own: list[str]) -> None:
    markdown = invoke(*own, "show", "owner", "-f", "markdown").stdout
    skills = markdown.split("## Skills\n\n")[1].split("\n\n")[0]
    assert skills == "- Iterating with developers[^1]\n- Backlog ordering _(editorial)_[^3]"
    assert "[^3]: pmroles editorial: common practice, not from an article" in markdown
    rows = list(csv.reader(io.StringIO(invoke(*own, "show", "owner", "-f", "csv").stdout)))
    skills = next(row for row in rows if row[0] == "skills")
    assert skills[2] == "perrin; editorial"  # the per-item source is in the row's sources
    horizon = next(row for row in rows if row[0] == "horizon")
    assert horizon[2] == "perrin; hiles"
