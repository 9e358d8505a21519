"""Filters, search, N-way compare and similarity: arithmetic on a small fixture catalogue,
behaviour through the CLI on the built-in one."""

from __future__ import annotations

import json

import pytest

from pmroles.answers import similarity as sim
from pmroles.answers.compare import AspectRow, Mark, SameRoleError, compare, similar
from pmroles.answers.query import Criteria, filter_roles
from pmroles.answers.search import search
from pmroles.catalogue.loader import check_text, load_builtin
from pmroles.errors import UnknownNameError
from pmroles.matching import item_key, phrase_matches, stem
from pmroles.model import Catalogue

from .conftest import Invoke

FIXTURE = """
stakeholders:
  sales: {name: Sales, aliases: [sales team]}
  legal: {name: Legal}
  it: {name: IT}
roles:
  a:
    name: Alpha
    skills: [Market analysis, budgeting, negotiation]
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
"""


@pytest.fixture(scope="module")
def fixture() -> Catalogue:
    catalogue, problems = check_text(FIXTURE, "fixture.yaml")
    assert catalogue is not None, problems
    return catalogue


def roles(catalogue: Catalogue, *ids: str) -> list:  # type: ignore[type-arg]
    return [catalogue.roles[i] for i in ids]


# -- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("markets", "market"),
        ("analyses", "analysis"),
        ("strategies", "strategy"),
        ("courses", "course"),
        ("processes", "process"),
        ("boxes", "box"),
        ("bus", "bus"),
    ],
)
def test_stem_meets_singulars(plural: str, singular: str) -> None:
    assert stem(plural) == stem(singular)


def test_item_keys_ignore_case_order_plurals_and_small_words() -> None:
    assert (
        item_key("Market analysis")
        == item_key("analysis of markets")
        == item_key("market-Analyses")
    )
    assert item_key("market analysis") != item_key("market research")


def test_phrase_matching_needs_every_word_in_any_order() -> None:
    assert phrase_matches("Market Analyses", "analysis of the market")
    assert not phrase_matches("market analysis", "market research")


# -- compare arithmetic ----------------------------------------------------------------------


def test_overlap_per_aspect_and_the_overall_formula(fixture: Catalogue) -> None:
    result = compare(fixture, roles(fixture, "a", "b"))
    by_key = {row.aspect.key: row for row in result.rows}
    # An aspect's overlap counts each side's items by whether the other side has them:
    # skills {market analysis, budgeting, negotiation} vs {market analysis, coding}: 2 of 5.
    assert by_key["skills"].similarity == pytest.approx(2 / 5)
    assert by_key["tools"].similarity == pytest.approx(2 / 3)  # {crm} vs {crm, jira}
    assert by_key["interactions"].similarity == pytest.approx(2 / 3)
    assert by_key["horizon"].similarity == 0
    assert by_key["method"].similarity == 0.5  # 'any' half-fits agile
    assert by_key["market"].similarity == 0
    # The overall score, worked by hand from the documented formula: content weighed by
    # evidence (2 + 1 + 1 items on the thinner side), the three dimensions, the prior.
    content = (2 * 2 / 5 + 1 * 2 / 3 + 1 * 2 / 3) / 4
    content_weight = sim.CONTENT_WEIGHT * 4 / (4 + sim.EVIDENCE_HALF)
    dimensions, dimension_weight = (0 + 0.5 + 0) / 3, sim.DIMENSION_WEIGHT * 3 / 4
    expected = (
        content_weight * content + dimension_weight * dimensions + sim.PRIOR_WEIGHT * sim.MIDDLE
    ) / (content_weight + dimension_weight + sim.PRIOR_WEIGHT)
    assert result.similarity == pytest.approx(expected)
    assert result.pairs[0].score.confidence == "low"  # four items are little to go on


def test_overall_counts_only_aspects_every_role_has(fixture: Catalogue) -> None:
    result = compare(fixture, roles(fixture, "a", "c"))
    scored = {row.aspect.key: row.similarity for row in result.rows}
    assert scored["tools"] is None  # Gamma lists no tools: unknown, not different
    assert scored["skills"] == pytest.approx(2 / 5)  # budgeting, on either side
    assert set(result.pairs[0].score.overlaps) == {"skills", "interactions"}


def test_three_way_marks_shared_some_and_unique(fixture: Catalogue) -> None:
    result = compare(fixture, roles(fixture, "a", "b", "c"))
    skills = next(row for row in result.rows if row.aspect.key == "skills")
    assert skills.mark(0, "Market analysis") is Mark.SOME  # a and b
    assert skills.mark(0, "negotiation") is Mark.UNIQUE
    assert skills.mark(2, "coding") is Mark.SOME
    pairs = [
        compare(fixture, roles(fixture, *pair)).rows
        for pair in (("a", "b"), ("a", "c"), ("b", "c"))
    ]
    each = [next(r for r in rows if r.aspect.key == "skills").similarity for rows in pairs]
    assert skills.similarity == pytest.approx(sum(x or 0 for x in each) / 3)
    two = compare(fixture, roles(fixture, "a", "b"))
    tools = next(row for row in two.rows if row.aspect.key == "tools")
    assert tools.mark(1, "CRM") is Mark.SHARED
    assert tools.mark(1, "Jira") is Mark.UNIQUE


def test_only_differences_and_aspect_selection(fixture: Catalogue) -> None:
    chosen = compare(fixture, roles(fixture, "a", "b"), ["tools", "skills"])
    assert [row.aspect.key for row in chosen.rows] == ["tools", "skills"]  # the order asked
    # Only the aspects asked for count: no dimensions here.
    content = (2 * 2 / 5 + 1 * 2 / 3) / 3
    weight = sim.CONTENT_WEIGHT * 3 / (3 + sim.EVIDENCE_HALF)
    expected = (weight * content + sim.PRIOR_WEIGHT * sim.MIDDLE) / (weight + sim.PRIOR_WEIGHT)
    assert chosen.similarity == pytest.approx(expected)
    whole = compare(fixture, roles(fixture, "a", "b"))
    same = compare(fixture, roles(fixture, "a", "b"), only_differences=True)
    assert all(row.differs for row in same.rows)
    assert "name" not in [row.aspect.key for row in same.rows]
    # The items both roles list are what a person calls "the same": they go, the rest stays.
    shared = {row.aspect.key: row.shared for row in whole.rows if row.shared}
    assert shared  # the fixture's roles do share items, or this proves nothing
    for row in same.rows:
        assert not row.shared
        kept = {v for values in row.values for v in values}
        before = next(r for r in whole.rows if r.aspect.key == row.aspect.key)
        assert kept == {v for values in before.values for v in values if not _in(before, v)}, (
            row.aspect.key
        )
    assert same.similarity == whole.similarity


def _in(row: AspectRow, item: str) -> bool:
    return row.mark(0, item) is Mark.SHARED


def test_comparing_a_role_with_itself_is_refused(fixture: Catalogue) -> None:
    with pytest.raises(SameRoleError, match="both name Alpha"):
        compare(fixture, roles(fixture, "a", "a"))


def test_similar_ranks_by_score_and_gives_reasons(fixture: Catalogue) -> None:
    ranked = similar(fixture, fixture.roles["a"])
    assert [item.role.id for item in ranked] == ["b", "c"]
    assert ranked[0].score.value > ranked[1].score.value
    shared = {
        key: [(link.label, link.other) for link in found.links]
        for key, found in ranked[0].score.overlaps.items()
    }
    assert ranked[0].score.reasons  # the strongest few of these, and the dimensions
    # What met, as each role words it: Alpha's 'Market analysis' is Beta's 'analysis of
    # markets'.
    assert shared["skills"] == [("Market analysis", "analysis of markets")]
    assert shared["tools"] == [("CRM", "CRM")]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Criteria(stakeholder=["Sales Team"]), ["a", "b"]),
        (Criteria(skill=["markets analyses"]), ["a", "b"]),
        (Criteria(skill=["coding", "negotiation"]), ["a", "b", "c"]),  # OR within
        (Criteria(skill=["coding"], stakeholder=["sales"]), ["b"]),  # AND across
        (Criteria(tool=["jira"]), ["b"]),
        (Criteria(horizon=["LONG"]), ["a"]),
        (Criteria(method=["agile"]), ["a", "b"]),  # 'any' fits every method
        (Criteria(method=["sequential"]), ["a", "c"]),
        (Criteria(market=["b2b", "b2c"]), ["a", "b"]),
        (Criteria(market=["b2b"], skill=["coding"]), []),
    ],
)
def test_filters(fixture: Catalogue, filters: Criteria, expected: list[str]) -> None:
    assert [role.id for role in filter_roles(fixture, filters)] == expected


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Criteria(skill=["codng"]), "unknown skill 'codng'; did you mean 'coding'?"),
        (Criteria(horizon=["shrot"]), "unknown horizon 'shrot'; did you mean 'short'?"),
        (Criteria(stakeholder=["legl"]), "unknown stakeholder 'legl'; did you mean 'legal'?"),
        (Criteria(market=["b2x"]), "unknown market 'b2x'; did you mean"),
    ],
)
def test_unknown_filter_values_suggest(fixture: Catalogue, filters: Criteria, message: str) -> None:
    with pytest.raises(UnknownNameError) as info:
        filter_roles(fixture, filters)
    assert str(info.value).startswith(message)


# -- search ------------------------------------------------------------------------------------


def test_search_ranks_names_over_lists_and_exact_phrases_first(fixture: Catalogue) -> None:
    hits = search(fixture, "market analysis")
    assert [(h.id, h.text) for h in hits] == [
        ("a", "Market analysis"),
        ("b", "analysis of markets"),
    ]
    assert hits[0].score > hits[1].score
    assert hits[0].spans == ((0, 6), (7, 15))
    by_name = search(fixture, "beta")
    assert (by_name[0].id, by_name[0].field) == ("b", "name")


def test_search_finds_stakeholders_too(fixture: Catalogue) -> None:
    hits = search(fixture, "sales team")
    assert [(h.kind, h.id, h.field) for h in hits] == [("stakeholder", "sales", "aliases")]


# -- through the CLI, on the built-in catalogue -----------------------------------------------


def test_list_filters_combine(invoke: Invoke) -> None:
    args = ["list", "--stakeholder", "sales", "--market", "b2b", "--format", "csv"]
    result = invoke("--sourced-only", *args)
    assert result.exit_code == 0, result.stderr
    ids = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert ids == ["pm", "b2b-pm"]  # what the articles say
    # The product and business product marketing roles serve B2B too by editorial items.
    everything = invoke(*args)
    assert [line.split(",")[0] for line in everything.stdout.splitlines()[1:]] == [
        "pm",
        "b2b-pm",
        "pmm",
        "bpm",
    ]


@pytest.mark.parametrize(
    ("args", "role_id"),
    [
        (["--skill", "Market Analyses"], "bpm"),
        (["--tool", "jira"], "tpm"),
        (["--background", "computer science"], "tpm"),
        (["--horizon", "short"], "po"),
        (["--method", "agile"], "po"),
        (["--market", "b2c"], "b2c-pm"),
        (["--stakeholder", "legal"], "b2b-pm"),
    ],
)
def test_each_list_filter_alone(invoke: Invoke, args: list[str], role_id: str) -> None:
    result = invoke("list", *args)
    assert result.exit_code == 0, result.stderr
    assert f"│ {role_id} " in result.stdout


def test_list_filter_with_no_roles_says_so_on_stderr(invoke: Invoke) -> None:
    result = invoke("list", "--market", "b2c", "--tool", "stage-gate")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: no role matches tool 'stage-gate' and market 'b2c'\n"


def test_list_filter_value_unknown_suggests(invoke: Invoke) -> None:
    result = invoke("list", "--tool", "jirra")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown tool 'jirra'; did you mean 'jira'")


def test_list_reads_skills_as_concepts(invoke: Invoke) -> None:
    """The README's example: everyday words meet the catalogue's ('coding' is the TPM's
    'software development', 'budgeting' the BPM's 'financial forecasting and budgeting')."""
    result = invoke("list", "--skill", "coding", "--skill", "budgeting", "--market", "b2b")
    assert result.exit_code == 0, result.stderr
    ids = [line.split("│")[1].strip() for line in result.stdout.splitlines() if "│" in line]
    assert [i for i in ids if i and i != "Id"] == ["bpm", "tpm", "project-manager"]
    assert "Read as: coding = Software development; budgeting = Budgeting" in " ".join(
        result.stdout.split()
    )
    as_json = json.loads(invoke("list", "--skill", "programming", "--json").stdout)
    assert as_json["concepts"] == {"skill": {"programming": ["software-development"]}}
    assert [r["id"] for r in as_json["roles"]] == ["tpm"]


def test_a_broader_concept_finds_its_narrower_ones(invoke: Invoke) -> None:
    """Asking for task tracking finds a role whose tool is just Jira (a kind of it)."""
    broad = json.loads(invoke("list", "--tool", "task tracking", "--json").stdout)
    narrow = json.loads(invoke("list", "--tool", "jira", "--json").stdout)
    assert narrow["concepts"] == {"tool": {"jira": ["jira"]}}
    assert narrow["roles"]
    assert {r["id"] for r in narrow["roles"]} <= {r["id"] for r in broad["roles"]}
    catalogue = load_builtin()
    only_jira = [
        role_id
        for role_id in (r["id"] for r in broad["roles"])
        if not any(
            "task-tracking" in ids for ids in catalogue.roles[role_id].concepts["tools"].values()
        )
    ]
    assert only_jira  # found through the narrower concept alone, or this proves nothing


def test_a_known_concept_no_role_lists_points_to_the_broader_one(invoke: Invoke) -> None:
    result = invoke("list", "--skill", "sql")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no role matches skill 'sql'; roles list the broader Data analysis: "
        "--skill data-analysis\n"
    )


def test_a_misspelt_skill_gets_a_word_from_the_vocabulary(invoke: Invoke) -> None:
    result = invoke("list", "--skill", "codng")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown skill 'codng'; did you mean 'coding'")


def test_compare_three_roles_has_a_column_each(invoke: Invoke) -> None:
    result = invoke("compare", "po", "pm", "project manager", "--full")
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert (
        header == "Product Owner (po) vs Product Manager (pm) vs Project Manager (project-manager)"
    )
    assert "~ by some of the others" in " ".join(result.stdout.split())


def test_compare_with_its_own_alias_says_so(invoke: Invoke) -> None:
    result = invoke("compare", "tpm", "Technical-PM")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: arguments 1 and 2 both name Technical Product Manager (tpm); compare different roles\n"
    )


def test_compare_aspects_and_only_differences(invoke: Invoke) -> None:
    result = invoke(
        "compare", "bpm", "tpm", "--aspects", "focus,tools", "--only-differences", "--format", "csv"
    )
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "aspect",
        "focus",
        "tools",
    ]


def test_compare_unknown_aspect_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("compare", "bpm", "tpm", "--aspects", "skils")
    assert result.exit_code == 2
    assert "unknown aspect 'skils'; did you mean 'skills'?" in result.stderr


def test_search_shows_hits_and_exits_1_on_none(invoke: Invoke) -> None:
    result = invoke("search", "intellectual property")
    assert result.exit_code == 0
    assert "│ Legal " in result.stdout  # by name: the id is for machines
    none = invoke("search", "quantum blockchain")
    assert none.exit_code == 1
    assert none.stderr == "Error: nothing matches 'quantum blockchain'\n"
    assert invoke("search", " ").exit_code == 2


def test_similar_lists_every_other_role(invoke: Invoke) -> None:
    result = invoke("similar", "tpm", "--format", "csv")
    assert result.exit_code == 0
    ids = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert sorted(ids) == sorted(
        ["pm", "b2c-pm", "b2b-pm", "po", "pmm", "bpm", "project-manager", "ba", "brand-manager"]
    )


def test_an_aspect_no_compared_role_has_is_left_out(fixture: Catalogue) -> None:
    keys = [row.aspect.key for row in compare(fixture, roles(fixture, "a", "b")).rows]
    # Neither role has a summary, goals or focus: those rows are absent; order is display order.
    assert keys == ["skills", "interactions", "tools", "horizon", "method", "market"]
