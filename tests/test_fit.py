"""`match`: scores and explanations by hand-computed arithmetic on a small fixture catalogue."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from pmroles.answers.fit import (
    Fit,
    Matched,
    Missing,
    NoAnswersError,
    match,
)
from pmroles.answers.query import Criteria
from pmroles.catalogue.loader import check_text
from pmroles.errors import PmrolesError, UnknownNameError
from pmroles.model import Catalogue, Role
from pmroles.render.documents import match_document, match_tabular
from pmroles.render.pictures import fit_table

FIXTURE = """
stakeholders:
  sales: {name: Sales, aliases: [sales team]}
  legal: {name: Legal}
  it: {name: IT}
roles:
  a:
    name: Alpha
    skills: [Market analysis, budgeting, negotiation]
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


@pytest.fixture(scope="module")
def fixture() -> Catalogue:
    catalogue, problems = check_text(FIXTURE, "fixture.yaml")
    assert catalogue is not None, problems
    return catalogue


def by_id(fits: list[Fit]) -> dict[str, Fit]:
    return {fit.role.id: fit for fit in fits}


def order(fits: list[Fit]) -> list[str]:
    return [fit.role.id for fit in fits]


# -- scores and explanations -----------------------------------------------------------------


def test_full_matches_score_share_of_answers(fixture: Catalogue) -> None:
    answers = Criteria(skill=("market analyses", "coding"), stakeholder=("sales",))
    fits = match(fixture, answers)
    # b: all three; a: market analysis + sales of 3; c: coding of 3; d: nothing.
    assert order(fits) == ["b", "a", "c", "d"]
    scores = {fit.role.id: fit.score for fit in fits}
    assert scores == {"b": 1.0, "a": pytest.approx(2 / 3), "c": pytest.approx(1 / 3), "d": 0.0}
    fit = by_id(fits)
    assert fit["a"].matched == (
        Matched("skill", "market analyses", "Market analysis", 1.0),
        Matched("stakeholder", "sales", "sales", 1.0),
    )
    assert fit["a"].missing == (
        Missing("skills", "budgeting"),
        Missing("skills", "negotiation"),
        Missing("interactions", "legal"),
    )
    assert fit["b"].matched == (
        Matched("skill", "market analyses", "analysis of markets", 1.0),
        Matched("skill", "coding", "coding", 1.0),
        Matched("stakeholder", "sales", "sales", 1.0),
    )
    assert fit["b"].missing == ()
    assert fit["c"].matched == (Matched("skill", "coding", "coding", 1.0),)
    assert fit["c"].missing == (Missing("skills", "budgeting"), Missing("interactions", "it"))
    # A role that says nothing about an aspect earns nothing and lacks nothing there.
    assert fit["d"].matched == ()
    assert fit["d"].missing == ()


def test_partial_credit_is_the_share_of_words_found_from_one_half(fixture: Catalogue) -> None:
    fits = match(fixture, Criteria(skill=("market research",), tool=("crm",)))
    # a: 'market' of 'market research' in 'Market analysis' = 1/2, CRM = 1 -> 1.5 / 2
    # b: same 1/2 from 'analysis of markets', CRM = 1 -> 1.5 / 2; c, d: nothing.
    assert order(fits) == ["a", "b", "c", "d"]  # a and b tie: by id
    fit = by_id(fits)
    assert fit["a"].score == pytest.approx(0.75)
    assert fit["b"].score == pytest.approx(0.75)
    assert fit["a"].matched == (
        Matched("skill", "market research", "Market analysis", 0.5),
        Matched("tool", "crm", "CRM", 1.0),
    )
    # Partly matched items are not missing; the rest are.
    assert fit["a"].missing == (Missing("skills", "budgeting"), Missing("skills", "negotiation"))
    assert fit["b"].missing == (Missing("skills", "coding"), Missing("tools", "Jira"))
    assert fit["d"].missing == (Missing("tools", "Jira"),)


def test_partial_credit_below_one_half_counts_nothing(fixture: Catalogue) -> None:
    fits = by_id(match(fixture, Criteria(skill=("market research budgeting",))))
    # 'budgeting' alone is 1/3 of the answer's words, and so is 'market': no credit.
    assert fits["a"].score == 0.0
    assert fits["a"].matched == ()
    assert fits["c"].score == 0.0


def test_best_item_wins_and_earlier_item_breaks_ties() -> None:
    catalogue = Catalogue(
        roles={
            "x": Role(
                id="x",
                name="X",
                attributes={"skills": ("user research", "user interviews", "user research ops")},
            )
        }
    )
    [fit] = match(catalogue, Criteria(skill=("user research", "user testing")))
    assert fit.matched == (
        Matched("skill", "user research", "user research", 1.0),
        Matched("skill", "user testing", "user research", 0.5),  # first of three at 1/2
    )
    assert fit.score == pytest.approx(0.75)
    assert fit.missing == ()  # 'user testing' reaches every item at 1/2


def test_method_any_on_the_role_fits_every_method(fixture: Catalogue) -> None:
    fits = match(fixture, Criteria(method=("Sequential",)))
    assert order(fits) == ["a", "c", "b", "d"]
    fit = by_id(fits)
    assert fit["a"].matched == (Matched("method", "Sequential", "any", 1.0),)
    assert fit["a"].missing == ()
    assert fit["b"].score == 0.0
    assert fit["b"].missing == (Missing("method", "agile"),)


def test_method_any_as_an_answer_fits_every_role_with_a_method(fixture: Catalogue) -> None:
    fits = match(fixture, Criteria(method=("any",)))
    assert [(f.role.id, f.score) for f in fits] == [("a", 1.0), ("b", 1.0), ("c", 1.0), ("d", 0.0)]
    assert by_id(fits)["b"].matched == (Matched("method", "any", "agile", 1.0),)


def test_choices_score_per_answer_and_show_what_else_the_role_covers(
    fixture: Catalogue,
) -> None:
    fits = match(fixture, Criteria(horizon=("long", "short"), market=("b2b",)))
    # a: long + b2b = 2/3; b: short = 1/3; c, d: no horizon or market at all.
    assert [(f.role.id, f.score) for f in fits] == [
        ("a", pytest.approx(2 / 3)),
        ("b", pytest.approx(1 / 3)),
        ("c", 0.0),
        ("d", 0.0),
    ]
    fit = by_id(fits)
    assert fit["a"].missing == ()
    assert fit["b"].missing == (Missing("market", "b2c"),)


def test_stakeholder_names_and_aliases_resolve_to_ids(fixture: Catalogue) -> None:
    fits = by_id(match(fixture, Criteria(stakeholder=("Sales team", "LEGAL"))))
    assert fits["a"].matched == (
        Matched("stakeholder", "Sales team", "sales", 1.0),
        Matched("stakeholder", "LEGAL", "legal", 1.0),
    )
    assert fits["a"].score == 1.0
    assert fits["b"].score == 0.5


def test_repeated_answers_count_once(fixture: Catalogue) -> None:
    fits = by_id(match(fixture, Criteria(skill=("coding", "Codings"), tool=("jira", "CRM", "crm"))))
    # Three distinct answers: coding, jira, crm.
    assert fits["b"].score == 1.0
    assert fits["c"].score == pytest.approx(1 / 3)
    assert fits["d"].score == pytest.approx(1 / 3)


def test_scores_stay_between_zero_and_one(fixture: Catalogue) -> None:
    answers = Criteria(
        skill=("coding", "market analysis", "budgeting", "negotiation", "juggling"),
        background=("business",),
        stakeholder=("sales", "legal", "it"),
        tool=("crm", "jira"),
        horizon=("short", "medium", "long"),
        method=("agile", "sequential"),
        market=("b2b", "b2c", "b2g"),
    )
    for fit in match(fixture, answers):
        assert 0.0 <= fit.score <= 1.0


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("answers", [Criteria(), Criteria(skill=("  ",), tool=("",))])
def test_no_answers_is_an_error(fixture: Catalogue, answers: Criteria) -> None:
    with pytest.raises(NoAnswersError, match="at least one answer"):
        match(fixture, answers)
    assert issubclass(NoAnswersError, PmrolesError)


def test_unknown_choice_or_stakeholder_suggests(fixture: Catalogue) -> None:
    with pytest.raises(UnknownNameError, match="unknown method 'agil'; did you mean 'agile'"):
        match(fixture, Criteria(method=("agil",)))
    with pytest.raises(UnknownNameError, match="unknown stakeholder 'salez'; did you mean"):
        match(fixture, Criteria(stakeholder=("salez",)))


def test_unknown_phrases_just_score_nothing(fixture: Catalogue) -> None:
    fits = match(fixture, Criteria(skill=("juggling",)))
    assert {fit.score for fit in fits} == {0.0}
    assert order(fits) == ["a", "b", "c", "d"]


# -- documents -------------------------------------------------------------------------------


def test_document_shape(fixture: Catalogue) -> None:
    answers = Criteria(skill=("market research",), stakeholder=("it",))
    document = match_document(answers, match(fixture, answers))
    assert document["version"] == 1
    assert document["answers"] == {
        "skill": ["market research"],
        "background": [],
        "stakeholder": ["it"],
        "tool": [],
        "horizon": [],
        "method": [],
        "market": [],
    }
    roles = {role["id"]: role for role in document["roles"]}
    assert [role["id"] for role in document["roles"]] == ["c", "a", "b", "d"]
    assert roles["c"] == {
        "id": "c",
        "name": "Gamma",
        "score": 0.5,
        "matched": [{"category": "stakeholder", "answer": "it", "item": "it", "credit": 1.0}],
        "missing": [
            {"aspect": "skills", "item": "coding"},
            {"aspect": "skills", "item": "budgeting"},
        ],
    }
    assert roles["a"]["score"] == 0.25
    assert roles["a"]["matched"] == [
        {"category": "skill", "answer": "market research", "item": "Market analysis", "credit": 0.5}
    ]


def test_tabular_shape(fixture: Catalogue) -> None:
    answers = Criteria(skill=("market research",), stakeholder=("it",))
    table = match_tabular(match(fixture, answers))
    header, rows = table.header, table.rows
    assert header == ["id", "name", "score", "matched", "missing"]
    assert rows[0] == [
        "c",
        "Gamma",
        "0.500",
        "stakeholder: it = it",
        "skills: coding; skills: budgeting",
    ]
    assert rows[1] == [
        "a",
        "Alpha",
        "0.250",
        "skill: market research = Market analysis (50%)",
        "skills: budgeting; skills: negotiation; interactions: sales; interactions: legal",
    ]
    assert all(isinstance(cell, str) for row in rows for cell in row)


# -- terminal --------------------------------------------------------------------------------


def _render(renderable: object, width: int = 160) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_fit_table_shows_names_scores_and_gaps(fixture: Catalogue) -> None:
    answers = Criteria(skill=("market research",), stakeholder=("sales",))
    out = _render(fit_table(match(fixture, answers), fixture))
    assert "Alpha (a)" in out
    assert "75%" in out
    assert "skill: market research → Market analysis (50%)" in out
    assert "stakeholder: sales → Sales" in out
    assert "Interactions: Legal" in out
    assert "Skills: budgeting; negotiation" in out


def test_fit_table_never_reads_markup() -> None:
    role = Role(id="m", name="[bold]x[/]", attributes={"skills": ("[red]a[/red] skill",)})
    catalogue = Catalogue(roles={"m": role})
    out = _render(fit_table(match(catalogue, Criteria(skill=("skill",))), catalogue))
    assert "[bold]x[/] (m)" in out
    assert "[red]a[/red] skill" in out
