"""`match`: scores and explanations by hand-computed arithmetic on small fixture catalogues,
then the command line (warnings, exit statuses, --top and --all) and, at the end, the
rankings people asked for on the built-in catalogue."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rich.console import Console

from pmroles.answers.fit import (
    DEFAULT_TOP,
    Fit,
    Matched,
    Missing,
    NoAnswersError,
    Ranking,
    Unknown,
    match,
)
from pmroles.answers.query import Criteria
from pmroles.catalogue.loader import check_text
from pmroles.errors import PmrolesError, UnknownNameError
from pmroles.model import Catalogue, Role
from pmroles.render.documents import match_document, match_tabular
from pmroles.render.pictures import fit_table

from .conftest import ROOT, Invoke

# Words only: a catalogue without a vocabulary, where every phrase is read by its words.
WORDS = """
stakeholders:
  sales: {name: Sales, aliases: [sales team]}
  legal: {name: Legal}
  it: {name: IT}
roles:
  a:
    name: Alpha
    skills: [Market analysis, budgeting, negotiation, customer relationship management]
    background: [business degree]
    tools: [CRM]
    interactions: [sales, legal]
    horizon: [long]
    method: [any]
    market: [b2b]
  b:
    name: Beta
    skills: [analysis of markets, coding]
    tools: [CRM, Jira]
    interactions: [sales]
    horizon: [short]
    method: [agile]
    market: [b2c]
  c:
    name: Gamma
    skills: [coding, budgeting]
    interactions: [it]
    method: [sequential]
  d:
    name: Delta
    tools: [Jira]
"""

# A vocabulary, and roles whose items name its concepts in their own and other aspects.
CONCEPTS = """
sources:
  editorial: {title: 'pmroles editorial'}
  article: {title: An article}
concepts:
  software-development:
    label: Software development
    words: [coding, programming, software engineering, software engineer, developers]
  data-analysis: {label: Data analysis, words: [analytics]}
  sql: {label: SQL, broader: data-analysis}
  messaging: {label: Messaging, words: [messages]}
  market-analysis: {label: Market analysis}
  jira: {label: Jira}
stakeholders:
  sales: {name: Sales}
roles:
  dev:
    name: Developer
    skills: [software development, writing]
    tools: [Jira boards]
  analyst:
    name: Analyst
    skills: [data analysis, market analysis]
  querier:
    name: Querier
    skills: [SQL queries]
  helper:
    name: Helper
    day_to_day: [work closely with developers]
    skills: [negotiation]
  marketer:
    name: Marketer
    owns: [messaging]
    skills: [crafting clear messages]
    focus: [messages about value]
    interactions: [sales]
  seller:
    name: Seller
    owns: [messaging]
    interactions: [sales]
"""

# Two roles of one score where the id alone would rank them the wrong way round.
TIES = """
sources:
  editorial: {title: 'pmroles editorial'}
  article: {title: An article}
concepts:
  software-development: {label: Software development, words: [coding, software engineering]}
roles:
  aa:
    name: Says it once
    skills: [software development]
  mm:
    name: Says it twice, once editorially
    skills: [coding]
    focus: [software engineering]
    sources:
      skills: [article]
      focus: [editorial]
  zz:
    name: Says it twice, from articles
    skills: [coding]
    focus: [software engineering]
    sources:
      skills: [article]
      focus: [article]
"""


def loaded(text: str) -> Catalogue:
    catalogue, problems = check_text(text, "fixture.yaml")
    assert [str(p) for p in problems] == []
    assert catalogue is not None
    return catalogue


@pytest.fixture(scope="module")
def words() -> Catalogue:
    return loaded(WORDS)


@pytest.fixture(scope="module")
def concepts() -> Catalogue:
    return loaded(CONCEPTS)


def by_id(ranking: Ranking) -> dict[str, Fit]:
    return {fit.role.id: fit for fit in ranking.roles}


def order(ranking: Ranking) -> list[str]:
    return [fit.role.id for fit in ranking.roles]


def scores(ranking: Ranking) -> dict[str, float]:
    return {fit.role.id: fit.score for fit in ranking.roles}


def said(category: str, answer: str, aspect: str, item: str, credit: float = 1.0) -> Matched:
    """An answer matched by its words (no concepts)."""
    return Matched(category, answer, (), aspect, item, credit, ())


# -- answers read by their words ---------------------------------------------------------------


def test_full_matches_score_share_of_answers(words: Catalogue) -> None:
    answers = Criteria(skill=("market analyses", "coding"), stakeholder=("sales",))
    ranking = match(words, answers)
    # b: all three; a: market analysis + sales of 3; c: coding of 3; d: nothing.
    assert order(ranking) == ["b", "a", "c", "d"]
    assert scores(ranking) == {
        "b": 1.0,
        "a": pytest.approx(2 / 3),
        "c": pytest.approx(1 / 3),
        "d": 0,
    }
    fit = by_id(ranking)
    assert fit["a"].matched == (
        said("skill", "market analyses", "skills", "Market analysis"),
        said("stakeholder", "sales", "interactions", "sales"),
    )
    assert fit["a"].missing == (
        Missing("skills", "budgeting"),
        Missing("skills", "negotiation"),
        Missing("skills", "customer relationship management"),
        Missing("interactions", "legal"),
    )
    assert fit["b"].matched == (
        said("skill", "market analyses", "skills", "analysis of markets"),
        said("skill", "coding", "skills", "coding"),
        said("stakeholder", "sales", "interactions", "sales"),
    )
    assert fit["b"].missing == ()
    assert fit["c"].matched == (said("skill", "coding", "skills", "coding"),)
    assert fit["c"].missing == (Missing("skills", "budgeting"), Missing("interactions", "it"))
    # A role that says nothing about an aspect earns nothing and lacks nothing there.
    assert fit["d"].matched == ()
    assert fit["d"].missing == ()


def test_a_phrase_read_by_its_words_needs_every_word_in_one_item(words: Catalogue) -> None:
    """No credit for a share of the words: 'stakeholder management' is not 'customer
    relationship management', and 'market research' is not 'market analysis'."""
    ranking = match(words, Criteria(skill=("stakeholder management", "market research", "coding")))
    assert [k.answer for k in ranking.known] == ["coding"]
    assert [u.answer for u in ranking.unknown] == ["stakeholder management", "market research"]
    assert scores(ranking) == {"b": 1.0, "c": 1.0, "a": 0.0, "d": 0.0}
    assert by_id(ranking)["a"].matched == ()


def test_best_item_wins_and_earlier_item_breaks_ties() -> None:
    catalogue = Catalogue(
        roles={
            "x": Role(
                id="x",
                name="X",
                attributes={"skills": ("user interviews", "user research", "research of users")},
            )
        }
    )
    [fit] = match(catalogue, Criteria(skill=("user research",))).roles
    assert fit.matched == (said("skill", "user research", "skills", "user research"),)
    assert fit.evidence == 2.0  # both items that say it
    assert fit.missing == (Missing("skills", "user interviews"),)


def test_method_any_on_the_role_fits_every_method(words: Catalogue) -> None:
    ranking = match(words, Criteria(method=("Sequential",)))
    assert order(ranking) == ["a", "c", "b", "d"]
    fit = by_id(ranking)
    assert fit["a"].matched == (said("method", "Sequential", "method", "any"),)
    assert fit["a"].missing == ()
    assert fit["b"].score == 0.0
    assert fit["b"].missing == (Missing("method", "agile"),)


def test_method_any_as_an_answer_fits_every_role_with_a_method(words: Catalogue) -> None:
    ranking = match(words, Criteria(method=("any",)))
    assert [(f.role.id, f.score) for f in ranking.roles] == [
        ("a", 1.0),
        ("b", 1.0),
        ("c", 1.0),
        ("d", 0.0),
    ]
    assert by_id(ranking)["b"].matched == (said("method", "any", "method", "agile"),)


def test_choices_score_per_answer_and_show_what_else_the_role_covers(words: Catalogue) -> None:
    ranking = match(words, Criteria(horizon=("long", "short"), market=("b2b",)))
    # a: long + b2b = 2/3; b: short = 1/3; c, d: no horizon or market at all.
    assert [(f.role.id, f.score) for f in ranking.roles] == [
        ("a", pytest.approx(2 / 3)),
        ("b", pytest.approx(1 / 3)),
        ("c", 0.0),
        ("d", 0.0),
    ]
    fit = by_id(ranking)
    assert fit["a"].missing == ()
    assert fit["b"].missing == (Missing("market", "b2c"),)


def test_stakeholder_names_and_aliases_resolve_to_ids(words: Catalogue) -> None:
    fits = by_id(match(words, Criteria(stakeholder=("Sales team", "LEGAL"))))
    assert fits["a"].matched == (
        said("stakeholder", "Sales team", "interactions", "sales"),
        said("stakeholder", "LEGAL", "interactions", "legal"),
    )
    assert fits["a"].score == 1.0
    assert fits["b"].score == 0.5


def test_repeated_answers_count_once(words: Catalogue) -> None:
    fits = by_id(match(words, Criteria(skill=("coding", "Codings"), tool=("jira", "CRM", "crm"))))
    # Three distinct answers: coding, jira, crm.
    assert fits["b"].score == 1.0
    assert fits["c"].score == pytest.approx(1 / 3)
    assert fits["d"].score == pytest.approx(1 / 3)


def test_scores_stay_between_zero_and_one(words: Catalogue, concepts: Catalogue) -> None:
    answers = Criteria(
        skill=("coding", "market analysis", "budgeting", "negotiation", "sql", "messaging"),
        background=("business", "software engineer"),
        stakeholder=("sales",),
        tool=("crm", "jira"),
        horizon=("short", "medium", "long"),
        method=("agile", "sequential"),
        market=("b2b", "b2c", "b2g"),
    )
    for catalogue in (words, concepts):
        for fit in match(catalogue, answers).roles:
            assert 0.0 <= fit.score <= 1.0


# -- answers read as concepts ------------------------------------------------------------------


def test_a_synonym_finds_the_concept(concepts: Catalogue) -> None:
    ranking = match(concepts, Criteria(skill=("coding",)))
    assert [(k.answer, k.concepts) for k in ranking.known] == [
        ("coding", ("software-development",))
    ]
    fit = by_id(ranking)
    assert fit["dev"].score == 1.0
    assert fit["dev"].matched == (
        Matched(
            "skill",
            "coding",
            ("software-development",),
            "skills",
            "software development",
            1.0,
            ("software development",),
        ),
    )
    # An item whose concepts were met is not missing; the others are.
    assert fit["dev"].missing == (Missing("skills", "writing"),)
    assert order(ranking)[0] == "dev"


def test_a_broader_or_narrower_concept_earns_half(concepts: Catalogue) -> None:
    narrower = by_id(match(concepts, Criteria(skill=("SQL",))))
    assert narrower["querier"].score == 1.0
    assert narrower["analyst"].score == 0.5  # data analysis is broader than SQL
    assert narrower["analyst"].matched[0].concepts == ("data-analysis",)
    assert narrower["analyst"].missing == (Missing("skills", "market analysis"),)
    broader = by_id(match(concepts, Criteria(skill=("analytics",))))
    assert broader["analyst"].score == 1.0
    assert broader["querier"].score == 0.5  # SQL is a kind of data analysis
    assert broader["dev"].score == 0.0


def test_an_answer_of_several_concepts_earns_the_mean_from_its_best_item(
    concepts: Catalogue,
) -> None:
    ranking = match(concepts, Criteria(skill=("sql and market analysis",)))
    assert ranking.known[0].concepts == ("sql", "market-analysis")
    fit = by_id(ranking)
    # 'market analysis' (1) or 'data analysis' (1/2), each one item: the best is 1/2.
    assert fit["analyst"].score == 0.5
    assert fit["analyst"].matched[0].item == "market analysis"
    assert fit["querier"].score == 0.5  # SQL exactly, no market analysis


def test_an_item_with_every_word_of_a_concept_answer_earns_in_full() -> None:
    """Words the vocabulary does not link ('market ... analysis' is not one run of words)
    still say the answer when all of them are in the item; a share of them says nothing."""
    catalogue = loaded(
        """
        concepts:
          market-analysis: {label: Market analysis}
          stakeholder-management: {label: Stakeholder management}
        roles:
          pm:
            name: PM
            skills: [market and competitor analysis, customer relationship management]
        """.replace("\n        ", "\n")
    )
    ranking = match(catalogue, Criteria(skill=("market analysis", "stakeholder management")))
    [fit] = ranking.roles
    assert [k.concepts for k in ranking.known] == [
        ("market-analysis",),
        ("stakeholder-management",),
    ]
    assert fit.matched == (
        said("skill", "market analysis", "skills", "market and competitor analysis"),
    )
    assert fit.score == 0.5


def test_secondary_aspects_count_half(concepts: Catalogue) -> None:
    fit = by_id(match(concepts, Criteria(skill=("programming",))))
    assert fit["helper"].score == 0.5
    assert fit["helper"].matched == (
        Matched(
            "skill",
            "programming",
            ("software-development",),
            "day_to_day",
            "work closely with developers",
            0.5,
            ("developers",),
        ),
    )
    # Only the answer's own aspect says what the role also needs.
    assert fit["helper"].missing == (Missing("skills", "negotiation"),)
    # An area the role is accountable for is the concept of the same id.
    messaging = by_id(match(concepts, Criteria(skill=("messaging",))))
    assert messaging["seller"].score == 0.5
    assert messaging["seller"].matched[0][3:5] == ("owns", "messaging")


def test_a_tool_is_looked_for_in_tools_then_elsewhere(concepts: Catalogue) -> None:
    fit = by_id(match(concepts, Criteria(tool=("jira",))))
    assert fit["dev"].score == 1.0
    assert fit["dev"].matched[0].words == ("Jira",)


def test_evidence_ranks_equal_scores(concepts: Catalogue) -> None:
    """The marketer and the seller both own messaging, and both work with sales; the
    marketer also says messages in its skills and focus."""
    ranking = match(concepts, Criteria(skill=("messaging",), stakeholder=("sales",)))
    fit = by_id(ranking)
    assert fit["marketer"].score == 1.0  # skills, in full; sales
    assert fit["marketer"].evidence == 3.0  # skill 1 + focus 1/2 + owns 1/2 + sales 1
    assert fit["seller"].score == pytest.approx(0.75)  # owns 1/2; sales
    assert order(ranking)[:2] == ["marketer", "seller"]


def test_ties_are_broken_by_evidence_then_id() -> None:
    ranking = match(loaded(TIES), Criteria(skill=("coding",)))
    assert scores(ranking) == {"zz": 1.0, "mm": 1.0, "aa": 1.0}
    fit = by_id(ranking)
    assert (fit["zz"].evidence, fit["mm"].evidence, fit["aa"].evidence) == (1.5, 1.25, 1.0)
    assert order(ranking) == ["zz", "mm", "aa"]  # by id alone: aa, mm, zz
    same = match(
        loaded(TIES.replace("focus: [software", "focus: [no")), Criteria(skill=("coding",))
    )
    assert order(same) == ["aa", "mm", "zz"]  # nothing else to tell them apart: by id


# -- unknown answers ---------------------------------------------------------------------------


def test_an_unknown_phrase_is_left_out_with_suggestions(concepts: Catalogue) -> None:
    ranking = match(concepts, Criteria(skill=("sqll", "coding")))
    assert ranking.unknown == (Unknown("skill", "sqll", ("sql",)),)
    assert ranking.unknown[0].message == "unknown skill 'sqll'; did you mean 'sql'?"
    assert [k.answer for k in ranking.known] == ["coding"]
    assert by_id(ranking)["dev"].score == 1.0  # the mean over the one known answer


def test_when_nothing_is_known_every_role_scores_nothing(words: Catalogue) -> None:
    ranking = match(words, Criteria(skill=("juggling",)))
    assert {fit.score for fit in ranking.roles} == {0.0}
    assert ranking.known == ()
    assert ranking.shown == ()
    assert [u.answer for u in ranking.unknown] == ["juggling"]


@pytest.mark.parametrize("answers", [Criteria(), Criteria(skill=("  ",), tool=("",))])
def test_no_answers_is_an_error(words: Catalogue, answers: Criteria) -> None:
    with pytest.raises(NoAnswersError, match="at least one answer"):
        match(words, answers)
    assert issubclass(NoAnswersError, PmrolesError)


def test_unknown_choice_or_stakeholder_suggests(words: Catalogue) -> None:
    with pytest.raises(UnknownNameError, match="unknown method 'agil'; did you mean 'agile'"):
        match(words, Criteria(method=("agil",)))
    with pytest.raises(UnknownNameError, match="unknown stakeholder 'salez'; did you mean"):
        match(words, Criteria(stakeholder=("salez",)))


# -- which roles are shown ---------------------------------------------------------------------


def test_shown_are_the_roles_that_fit_at_most_top(concepts: Catalogue) -> None:
    answers = Criteria(skill=("coding", "sql", "messaging"))
    ranking = match(concepts, answers)
    assert ranking.fitting == 6
    assert len(ranking.shown) == DEFAULT_TOP == 5
    assert ranking.shown == ranking.roles[:5]
    assert [f.role.id for f in match(concepts, answers, top=2).shown] == order(ranking)[:2]
    coding = match(concepts, Criteria(skill=("coding",)))
    assert [f.role.id for f in coding.shown] == ["dev", "helper"]  # only those that fit
    every = match(concepts, Criteria(skill=("coding",)), every=True)
    assert every.shown == every.roles
    assert len(every.shown) == 6


# -- documents -------------------------------------------------------------------------------


def test_document_shape(concepts: Catalogue) -> None:
    answers = Criteria(skill=("sqll", "coding"), stakeholder=("sales",))
    document = match_document(answers, match(concepts, answers))
    assert document["version"] == 2
    assert document["answers"] == {
        "skill": ["sqll", "coding"],
        "background": [],
        "stakeholder": ["sales"],
        "tool": [],
        "horizon": [],
        "method": [],
        "market": [],
    }
    assert document["known"] == [
        {"category": "skill", "value": "coding", "concepts": ["software-development"]},
        {"category": "stakeholder", "value": "sales", "concepts": []},
    ]
    assert document["unknown"] == [{"category": "skill", "value": "sqll", "suggestions": ["sql"]}]
    assert (document["fitting"], document["total"]) == (4, 6)
    assert [role["id"] for role in document["roles"]] == ["dev", "marketer", "seller", "helper"]
    assert document["roles"][0] == {
        "id": "dev",
        "name": "Developer",
        "score": 0.5,
        "evidence": 1.0,
        "matched": [
            {
                "category": "skill",
                "answer": "coding",
                "concepts": ["software-development"],
                "aspect": "skills",
                "item": "software development",
                "credit": 1.0,
                "words": ["software development"],
            }
        ],
        "missing": [
            {"aspect": "skills", "item": "writing"},
            {"aspect": "interactions", "item": "sales"},
        ]
        if False
        else [{"aspect": "skills", "item": "writing"}],
    }
    assert document["roles"][3]["matched"][0]["credit"] == 0.5
    assert document["roles"][3]["score"] == 0.25


def test_tabular_shape(concepts: Catalogue) -> None:
    answers = Criteria(skill=("sql",), stakeholder=("sales",))
    table = match_tabular(match(concepts, answers, top=3))
    assert table.header == ["id", "name", "score", "evidence", "matched", "missing"]
    # Each earns 1/2 from one item: by id.
    assert [row[0] for row in table.rows] == ["marketer", "querier", "seller"]
    assert table.rows[1] == [
        "querier",
        "Querier",
        "0.500",
        "1.000",
        "skill: sql = SQL queries (skills: sql)",
        "",
    ]
    assert table.rows[0][4] == "stakeholder: sales = sales (interactions)"
    analyst = match_tabular(match(concepts, Criteria(skill=("sql",)))).rows[1]
    assert analyst[4] == "skill: sql = data analysis (skills: data-analysis, 50%)"
    assert analyst[5] == "skills: market analysis"
    assert all(isinstance(cell, str) for row in table.rows for cell in row)


# -- terminal --------------------------------------------------------------------------------


def _render(renderable: object, width: int = 160) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_fit_table_shows_names_scores_concepts_and_gaps(concepts: Catalogue) -> None:
    answers = Criteria(skill=("coding", "sql"), stakeholder=("sales",))
    out = _render(fit_table(match(concepts, answers, every=True), concepts), width=240)
    assert "Developer (dev)" in out
    assert 'skill: coding → Software development: "software development" (Skills)' in out
    assert (
        'skill: coding → Software development: "developers" in "work closely with developers" '
        "(Day to day, 50%)"
    ) in out
    assert 'skill: sql → SQL: "SQL" in "SQL queries" (Skills)' in out
    assert 'skill: sql → Data analysis: "data analysis" (Skills, 50%)' in out
    assert "stakeholder: sales → Sales" in out
    assert "Skills: writing" in out
    assert "6 of 6 roles fit\n" in out


def test_fit_table_says_how_many_roles_fit_and_how_to_see_the_rest(
    concepts: Catalogue,
) -> None:
    def caption(answers: Criteria, top: int | None = None, every: bool = False) -> str:
        drawn = fit_table(match(concepts, answers, top, every), concepts)
        return " ".join(_render(drawn).split())

    coding = Criteria(skill=("coding",))
    assert "2 of 6 roles fit; --all shows every role" in caption(coding)
    assert "2 of 6 roles fit Fit:" in caption(coding, every=True)
    assert (
        "The best 1 of the 2 roles that fit (6 in all); --top 2 shows all that fit, --all every "
        "role"
    ) in caption(coding, top=1)
    many = Criteria(skill=("coding", "sql", "messaging"))
    assert (
        "The best 5 of the 6 roles that fit (6 in all); --top 6 shows all that fit, --all every "
        "role"
    ) in caption(many)


def test_fit_table_shows_areas_by_name_and_marks_editorial_items(concepts: Catalogue) -> None:
    out = _render(fit_table(match(concepts, Criteria(skill=("messages",))), concepts))
    assert 'skill: messages → Messaging: "Messaging" (Accountable for, 50%)' in out
    editorial = TIES.replace("skills: [article]\n      focus: [editorial]", "skills: [editorial]")
    catalogue = loaded(editorial)
    out = _render(fit_table(match(catalogue, Criteria(skill=("coding",))), catalogue))
    assert 'skill: coding → Software development: "coding*" (Skills)' in out
    assert "* editorial" in out


def test_fit_table_never_reads_markup() -> None:
    role = Role(id="m", name="[bold]x[/]", attributes={"skills": ("[red]a[/red] skill",)})
    catalogue = Catalogue(roles={"m": role})
    out = _render(fit_table(match(catalogue, Criteria(skill=("skill",))), catalogue))
    assert "[bold]x[/] (m)" in out
    assert "[red]a[/red] skill" in out


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def own(tmp_path: Any) -> str:
    path = tmp_path / "own.yaml"
    path.write_text(CONCEPTS, encoding="utf-8")
    return str(path)


def run(invoke: Invoke, own: str, *args: str) -> Any:
    return invoke("--no-builtin", "--catalogue", own, "match", *args)


def test_an_unknown_answer_is_a_warning_and_the_rest_is_answered(invoke: Invoke, own: str) -> None:
    result = run(invoke, own, "--skill", "sqll", "--skill", "coding", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "pmroles: warning: unknown skill 'sqll'; did you mean 'sql'?\n"
    document = json.loads(result.stdout)
    assert [role["id"] for role in document["roles"]] == ["dev", "helper"]
    assert document["unknown"] == [{"category": "skill", "value": "sqll", "suggestions": ["sql"]}]


def test_nothing_known_exits_1_with_one_line(invoke: Invoke, own: str) -> None:
    result = run(invoke, own, "--skill", "sqll")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: unknown skill 'sqll'; did you mean 'sql'?\n"
    both = run(invoke, own, "--skill", "sqll", "--tool", "jiraa", "--background", "zzz")
    assert (both.exit_code, both.stdout) == (1, "")
    assert both.stderr == (
        "Error: unknown skill 'sqll' (did you mean 'sql'?), unknown background 'zzz', unknown "
        "tool 'jiraa' (did you mean 'jira' or 'Jira boards'?)\n"
    )


def test_a_known_choice_is_enough_to_answer(invoke: Invoke, own: str) -> None:
    result = run(invoke, own, "--skill", "sqll", "--stakeholder", "sales", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("pmroles: warning: unknown skill 'sqll'")
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "id",
        "marketer",
        "seller",
    ]


def test_no_role_fitting_exits_1_unless_all(invoke: Invoke, own: str) -> None:
    result = run(invoke, own, "--horizon", "long")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: no role fits your answers (--all shows every role)\n"
    every = run(invoke, own, "--horizon", "long", "--all", "--format", "json")
    assert every.exit_code == 0, every.stderr
    assert len(json.loads(every.stdout)["roles"]) == 6


def test_top_and_all(invoke: Invoke, own: str) -> None:
    def ids(*args: str) -> list[str]:
        result = run(invoke, own, "--skill", "coding", "--skill", "sql", *args, "--json")
        assert result.exit_code == 0, result.stderr
        return [role["id"] for role in json.loads(result.stdout)["roles"]]

    assert ids() == ["dev", "querier", "analyst", "helper"]
    assert ids("--top", "1") == ["dev"]
    assert ids("--top", "9") == ["dev", "querier", "analyst", "helper"]
    assert len(ids("--all")) == 6
    table = run(invoke, own, "--skill", "coding", "--top", "1")
    assert "The best 1 of the 2 roles that fit (6 in all); --top 2 shows all" in " ".join(
        table.stdout.split()
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--top", "0"), "0 is not in the range x>=1"),
        (("--top", "-2"), "-2 is not in the range x>=1"),
        (("--top", "2", "--all"), "give --top or --all, not both"),
    ],
)
def test_top_and_all_usage_errors(
    invoke: Invoke, own: str, args: tuple[str, ...], message: str
) -> None:
    result = run(invoke, own, "--skill", "coding", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr


def test_help_documents_the_scoring(invoke: Invoke) -> None:
    text = " ".join(invoke("match", "--help").stdout.split())
    assert "Your words are read as concepts" in text
    assert "at half weight in others" in text
    assert "the score is the mean credit over the known answers, from 0 to 1" in text
    assert "Equal scores are ranked by evidence" in text
    assert "--top N: at most N; --all: every role, 0% included" in text


# -- the built-in catalogue --------------------------------------------------------------------
# What the usability trial asked (../shared/reports/usability-trial-2026-12.md, section 1).
# These hold once the built-in vocabulary is in data/roles.yaml.

needs_data = pytest.mark.skipif(
    not (ROOT / "data" / "roles.yaml").is_file(), reason="no built-in catalogue"
)


def ranked(invoke: Invoke, *args: str) -> tuple[list[dict[str, Any]], str]:
    result = invoke("match", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["roles"], result.stderr


@needs_data
def test_builtin_sql_ranks_the_data_analysis_roles_first(invoke: Invoke) -> None:
    roles, stderr = ranked(invoke, "--skill", "sql")
    assert stderr == ""
    top = [role["id"] for role in roles if role["score"] > 0]
    assert set(top[:4]) == {"tpm", "ba", "pm", "bpm"}, top


@needs_data
@pytest.mark.parametrize("word", ["coding", "programming"])
def test_builtin_coding_ranks_the_tpm_first(invoke: Invoke, word: str) -> None:
    roles, stderr = ranked(invoke, "--skill", word)
    assert stderr == ""
    assert roles[0]["id"] == "tpm"
    assert roles[0]["matched"][0]["concepts"]


@needs_data
def test_builtin_messaging_and_sales_rank_the_pmm_first(invoke: Invoke) -> None:
    roles, _ = ranked(invoke, "--skill", "messaging", "--stakeholder", "sales")
    assert roles[0]["id"] == "pmm"
    for other in roles[1:]:
        assert (roles[0]["score"], roles[0]["evidence"]) > (other["score"], other["evidence"])


@needs_data
def test_builtin_software_engineer_ranks_the_tpm_first(invoke: Invoke) -> None:
    roles, _ = ranked(invoke, "--background", "software engineer")
    assert roles[0]["id"] == "tpm"
    for other in roles[1:]:
        assert (roles[0]["score"], roles[0]["evidence"]) > (other["score"], other["evidence"])


@needs_data
def test_builtin_stakeholder_management_is_no_customer_relationship_management(
    invoke: Invoke,
) -> None:
    result = invoke("match", "--skill", "stakeholder management", "--skill", "coding", "--json")
    assert result.exit_code == 0, result.stderr
    for role in json.loads(result.stdout)["roles"]:
        assert "customer relationship management" not in [m["item"] for m in role["matched"]]


@needs_data
def test_builtin_default_output_shows_at_most_five_roles(invoke: Invoke) -> None:
    args = ("match", "--skill", "market analysis", "--stakeholder", "sales")
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    fitting, total, roles = document["fitting"], document["total"], document["roles"]
    assert len(roles) == min(fitting, 5)
    assert all(role["score"] > 0 for role in roles)
    table = invoke(*args)
    assert table.exit_code == 0, table.stderr
    if fitting > 5:
        caption = f"The best 5 of the {fitting} roles that fit ({total} in all)"
    else:
        caption = f"{fitting} of {total} roles fit; --all shows every role"
    assert caption in " ".join(table.stdout.split())
    assert len(json.loads(invoke(*args, "--all", "--json").stdout)["roles"]) == total
