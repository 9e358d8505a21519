"""Similarity agrees with the articles and explains itself (issue 16).

The articles' own judgements are the test: the product manager and the product owner are
among the most alike pairs; the business and the technical product manager are close but
distinct; the project manager and the business analyst sit far from the product roles. A
role with little evidence must not score high, and every score shows its reasons.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from pmroles.answers import similarity as sim
from pmroles.answers.compare import compare, similar
from pmroles.catalogue.loader import check_text, load_builtin
from pmroles.concepts import Vocabulary
from pmroles.model import Catalogue, Relation

from .conftest import Invoke

PRODUCT_ROLES = ("pm", "b2c-pm", "b2b-pm", "po", "pmm", "bpm", "tpm")
FAR_ROLES = ("project-manager", "ba")


@pytest.fixture(scope="module")
def builtin() -> Catalogue:
    return load_builtin()


@pytest.fixture(scope="module")
def scores(builtin: Catalogue) -> dict[frozenset[str], float]:
    vocabulary = Vocabulary(builtin.concepts)
    return {
        frozenset({a.id, b.id}): sim.score(builtin, a, b, vocabulary).value
        for a, b in combinations(builtin.roles.values(), 2)
    }


def _rank(scores: dict[frozenset[str], float], *pair: str) -> int:
    """1 for the most alike pair of the catalogue."""
    ordered = sorted(scores.values(), reverse=True)
    return ordered.index(scores[frozenset(pair)]) + 1


def test_pm_and_po_are_among_the_most_alike_pairs(scores: dict[frozenset[str], float]) -> None:
    assert _rank(scores, "pm", "po") <= 3, sorted(scores.items(), key=lambda kv: -kv[1])[:5]


def test_the_po_is_most_like_the_pm(builtin: Catalogue) -> None:
    ranked = similar(builtin, builtin.roles["po"])
    assert ranked[0].role.id == "pm"


def test_bpm_and_tpm_are_close_but_distinct(scores: dict[frozenset[str], float]) -> None:
    ordered = sorted(scores.values())
    median = ordered[len(ordered) // 2]
    assert scores[frozenset({"bpm", "tpm"})] > median  # close...
    assert scores[frozenset({"bpm", "tpm"})] < scores[frozenset({"pm", "po"})]  # ...not alike
    assert scores[frozenset({"bpm", "tpm"})] < 0.75


def test_project_manager_and_ba_sit_far_from_the_product_roles(
    scores: dict[frozenset[str], float],
) -> None:
    product_pairs = [scores[frozenset(p)] for p in combinations(PRODUCT_ROLES, 2)]
    product_median = sorted(product_pairs)[len(product_pairs) // 2]
    for far in FAR_ROLES:
        distances = [scores[frozenset({far, role})] for role in PRODUCT_ROLES]
        # On average further than two product roles are from each other, and never close.
        assert sum(distances) / len(distances) < product_median, far
        assert max(distances) < scores[frozenset({"pm", "po"})], far


def test_the_articles_judgement_is_the_first_reason(builtin: Catalogue) -> None:
    result = compare(builtin, [builtin.roles["pm"], builtin.roles["po"]])
    score = result.pairs[0].score
    assert score.relation is Relation.COMPARABLE
    assert score.reasons[0].kind == "articles"
    assert score.reasons[0].effect > 0
    assert score.confidence == "high"
    distinct = compare(builtin, [builtin.roles["pm"], builtin.roles["project-manager"]])
    assert distinct.pairs[0].score.reasons[0].effect < 0  # 'distinct' pulls down


THIN = """
roles:
  growth-pm:
    name: Growth Product Manager
    skills: [experimentation, funnel analysis, pricing, copywriting]
"""


def test_little_evidence_stays_near_the_middle(builtin: Catalogue, tmp_path: Path) -> None:
    """A company's thin role (four skills) is not scored high against anything."""
    path = tmp_path / "ours.yaml"
    path.write_text(THIN, encoding="utf-8")
    catalogue, problems = check_text(THIN, str(path), builtin)
    assert catalogue is not None, problems
    ranked = similar(catalogue, catalogue.roles["growth-pm"])
    top = ranked[0].score
    assert top.confidence == "low"
    assert abs(top.value - sim.MIDDLE) < 0.15
    assert top.value < compare(builtin, [builtin.roles["pm"], builtin.roles["po"]]).similarity
    assert any(reason.kind == "evidence" for reason in top.reasons)


def test_more_evidence_moves_a_score_further_from_the_middle() -> None:
    """The same overlap with more items behind it is trusted more."""
    few = _pair_score(["a", "b"], ["a", "b"])
    many = _pair_score([f"w{i}" for i in range(20)], [f"w{i}" for i in range(20)])
    assert sim.MIDDLE < few < many


def _pair_score(one: list[str], other: list[str]) -> float:
    text = "roles:\n"
    for ident, skills in (("x", one), ("y", other)):
        text += f"  {ident}:\n    name: {ident.upper()}\n    skills: [{', '.join(skills)}]\n"
    catalogue, problems = check_text(text, "pair.yaml")
    assert catalogue is not None, problems
    vocabulary = Vocabulary(catalogue.concepts)
    return sim.score(catalogue, catalogue.roles["x"], catalogue.roles["y"], vocabulary).value


def test_editorial_items_count_half() -> None:
    text = """
sources:
  art: {title: An article}
roles:
  x: {name: X, skills: [alpha, beta], sources: {skills: [art]}}
  y:
    name: Y
    skills: [alpha, gamma]
    sources: {skills: [art]}
    cites: {skills: {alpha: [editorial]}}
  z: {name: Z, skills: [alpha, gamma], sources: {skills: [art]}}
"""
    catalogue, problems = check_text(text.replace("[editorial]", "[art]"), "e.yaml")
    assert catalogue is not None, problems
    both = text.replace("sources:\n  art:", "sources:\n  editorial: {title: ours}\n  art:")
    catalogue, problems = check_text(both, "e.yaml")
    assert catalogue is not None, problems
    vocabulary = Vocabulary(catalogue.concepts)
    x, y, z = (catalogue.roles[i] for i in "xyz")
    with_editorial = sim.overlap(
        sim.units(x, "skills", vocabulary), sim.units(y, "skills", vocabulary), vocabulary
    )
    sourced = sim.overlap(
        sim.units(x, "skills", vocabulary), sim.units(z, "skills", vocabulary), vocabulary
    )
    # x: alpha 1 + beta 1; y: alpha 0.5 (editorial) + gamma 1. Matched: 1 + 0.5 of 3.5.
    assert with_editorial.value == pytest.approx(1.5 / 3.5)
    assert sourced.value == pytest.approx(2 / 4)


def test_similar_and_compare_carry_reasons_in_json(invoke: Invoke) -> None:
    result = invoke("similar", "po", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    first = document["similar"][0]
    assert first["id"] == "pm"
    assert first["similarity"]["relation"] == "comparable"
    assert first["similarity"]["confidence"] == "high"
    kinds = [r["kind"] for r in first["similarity"]["reasons"]]
    assert kinds[0] == "articles"
    compared = json.loads(invoke("compare", "pm", "po", "--json").stdout)
    pair = compared["pairs"][0]
    assert pair["roles"] == ["pm", "po"]
    assert pair["similarity"]["score"] == pytest.approx(compared["similarity"], abs=1e-3)
    shared = [r for r in pair["similarity"]["reasons"] if r["kind"] == "shared"]
    for reason in shared:
        for link in reason["concepts"]:
            assert set(link) == {"concept", "label", "met", "nearness"}


def test_the_terminal_shows_score_confidence_and_reasons(invoke: Invoke) -> None:
    result = invoke("compare", "pm", "po", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("Similarity "))
    assert "high confidence" in lines[heading]
    assert lines[heading + 1].startswith("+ the articles call them comparable (Michel Perrin)")


def test_compare_help_documents_the_formula(invoke: Invoke) -> None:
    result = invoke("compare", "--help", env={"COLUMNS": "100"})
    text = " ".join(result.stdout.split())
    for part in ("4e/(e+12)", "comparable 90%", "complementary 55%", "distinct 15%", "30%"):
        assert part in text
    # The help and the code state the same constants.
    assert sim.EVIDENCE_HALF == 12
    assert sim.MIDDLE == 0.3
    assert sim.CONTENT_WEIGHT == 4
    assert sim.RELATION_VALUE[Relation.COMPARABLE] == 0.9
