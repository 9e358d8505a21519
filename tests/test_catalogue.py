"""The built-in catalogue is complete, sourced, in our own words, and valid."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmroles.answers.query import find_role
from pmroles.catalogue.loader import builtin_catalogue_path, check_file
from pmroles.model import ASPECTS, Catalogue

from .conftest import ROOT, Invoke

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = check_file(builtin_catalogue_path())
    assert problems == [], [str(p) for p in problems]  # no errors and no warnings
    assert loaded is not None
    return loaded


# What the articles support for each role (a role may hold more, never less).
EXPECTED_ATTRIBUTES = {
    "pm": "summary focus skills interactions goals challenges outcomes background advantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities day_to_day career_path horizon method market owns supports orientation",
    "b2c-pm": "summary focus skills interactions goals tools advantages collaboration product_cycle_impact strategic_influence responsibilities market owns orientation",
    "b2b-pm": "summary focus skills interactions goals challenges outcomes background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities horizon method market owns supports orientation",
    "po": "summary focus interactions outcomes advantages collaboration product_cycle_impact career_path horizon method",
    "pmm": "summary focus interactions goals outcomes collaboration strategic_influence responsibilities day_to_day owns supports orientation",
    "bpm": "summary focus skills interactions goals challenges outcomes tools background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities day_to_day career_path horizon owns supports orientation",
    "tpm": "summary focus skills interactions goals challenges outcomes tools background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence responsibilities day_to_day owns supports orientation",
    "project-manager": "summary focus interactions goals collaboration product_cycle_impact responsibilities owns",
    "ba": "summary focus goals collaboration responsibilities owns orientation",
    "brand-manager": "summary focus outcomes strategic_influence responsibilities market owns orientation",
}

STAKEHOLDERS = [
    "project-management",
    "marketing",
    "sales",
    "engineering",
    "design",
    "finance",
    "operations",
    "support",
    "legal",
    "ecodesign",
    "purchasing",
    "partners",
    "customers",
    "executives",
    "press",
    "r-and-d",
    "agencies",
    "it",
    "business-development",
]

CONTRASTS = [
    ("bpm", "tpm"),
    ("pm", "po"),
    ("b2c-pm", "b2b-pm"),
    ("pm", "pmm"),
    ("pm", "project-manager"),
    ("project-manager", "ba"),
    ("pm", "brand-manager"),
]


@pytest.mark.parametrize("role_id", sorted(EXPECTED_ATTRIBUTES))
def test_every_role_has_every_attribute_the_articles_support(
    catalogue: Catalogue, role_id: str
) -> None:
    role = catalogue.roles[role_id]
    missing = set(EXPECTED_ATTRIBUTES[role_id].split()) - {a.key for a in role.aspects()}
    assert not missing, missing


def test_bpm_and_tpm_cover_every_aspect_of_the_articles_summary_table(catalogue: Catalogue) -> None:
    table_aspects = "focus skills interactions goals challenges outcomes tools background advantages disadvantages collaboration product_cycle_impact market_adaptability strategic_influence"
    for role_id in ("bpm", "tpm"):
        role = catalogue.roles[role_id]
        assert all(role.has(key) for key in table_aspects.split()), role_id


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("product manager", "pm"),
        ("Product Owner", "po"),
        ("product marketing manager", "pmm"),
        ("business analyst", "ba"),
        ("brand manager", "brand-manager"),
        ("project manager", "project-manager"),
        ("b2c product manager", "b2c-pm"),
        ("consumer product manager", "b2c-pm"),
        ("b2b product manager", "b2b-pm"),
        ("b2g product manager", "b2b-pm"),
        ("business product manager", "bpm"),
        ("technical-product-manager", "tpm"),
    ],
)
def test_roles_are_found_by_the_names_people_use(
    catalogue: Catalogue, typed: str, role_id: str
) -> None:
    assert find_role(catalogue, typed).id == role_id


def test_every_stakeholder_the_articles_name_is_defined_with_needs(catalogue: Catalogue) -> None:
    assert set(STAKEHOLDERS) <= set(catalogue.stakeholders)
    for stakeholder_id in STAKEHOLDERS:
        stakeholder = catalogue.stakeholders[stakeholder_id]
        assert stakeholder.needs, stakeholder_id
        assert stakeholder.sources, stakeholder_id


def test_every_interaction_names_a_defined_stakeholder(catalogue: Catalogue) -> None:
    for role in catalogue.roles.values():
        assert set(role.get("interactions")) <= set(catalogue.stakeholders), role.id


def test_every_attribute_of_every_role_cites_existing_sources(catalogue: Catalogue) -> None:
    for role in catalogue.roles.values():
        for aspect in role.aspects():
            cited = role.sources.get(aspect.key, ())
            assert cited, f"roles.{role.id}.{aspect.key} cites no source"
            assert set(cited) <= set(catalogue.sources), (role.id, aspect.key)


def test_sources_name_each_article_with_its_author_where_given(catalogue: Catalogue) -> None:
    assert len(catalogue.sources) == 5
    assert catalogue.sources["perrin"].author == "Michel Perrin"
    assert catalogue.sources["hiles"].author == "Michael Hiles"
    assert all(source.title for source in catalogue.sources.values())


@pytest.mark.parametrize(("first", "second"), CONTRASTS)
def test_every_contrast_the_articles_draw_is_present(
    catalogue: Catalogue, first: str, second: str
) -> None:
    pairs = [set(c.roles) for c in catalogue.comparisons.values()]
    assert {first, second} in pairs
    (comparison,) = [c for c in catalogue.comparisons.values() if set(c.roles) == {first, second}]
    assert comparison.sources
    assert comparison.summary
    assert comparison.similarities or comparison.differences


def test_every_aspect_label_is_unique() -> None:
    assert len({a.label for a in ASPECTS}) == len(ASPECTS)


def _strings(catalogue: Catalogue) -> Iterator[str]:
    """Every phrase we wrote (source titles are the articles' own and excluded)."""
    for role in catalogue.roles.values():
        yield role.name
        for aspect in role.aspects():
            yield from role.get(aspect.key)
    for stakeholder in catalogue.stakeholders.values():
        yield from stakeholder.needs
    for c in catalogue.comparisons.values():
        yield from [c.summary or "", *c.similarities, *c.differences]
        for per_role in (c.advantages, c.excels):
            for items in per_role.values():
                yield from items
        for shares in c.split.values():
            yield from shares.values()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles live in ../shared/seeds")
def test_no_phrase_copies_eight_consecutive_words_from_an_article(catalogue: Catalogue) -> None:
    run = 8
    grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        grams.update(tuple(words[i : i + run]) for i in range(len(words) - run + 1))
    assert len(grams) > 1000  # the seeds were really read
    copied = [
        text
        for text in _strings(catalogue)
        if any(
            tuple(w[i : i + run]) in grams for w in [_words(text)] for i in range(len(w) - run + 1)
        )
    ]
    assert copied == []


# -- the commands around the catalogue -----------------------------------------------------


def test_validate_passes_the_builtin_catalogue(invoke: Invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.endswith("roles.yaml: valid (10 roles, 19 stakeholders)\n")


def test_validate_reports_every_problem_with_position_and_path(
    invoke: Invoke, tmp_path: Path
) -> None:
    bad = tmp_path / "ours.yaml"
    bad.write_text(
        "roles:\n  x:\n    name: X\n    skils: [a]\n    interactions: [sale, legal]\n    skills: [a, {b: c}]\n"
    )
    result = invoke("validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:4:5: roles.x.skils: unknown key 'skils'; did you mean 'skills'?",
        f"{bad}:5:20: warning: roles.x.interactions[0]: unknown stakeholder 'sale'; did you mean 'sales'?",
        f"{bad}:6:17: roles.x.skills[1]: expected text, got a mapping "
        "(a ': ' inside text makes a mapping; put the whole value in quotes)",
    ]
    assert result.stderr == f"Error: {bad}: 2 error(s), 1 warning(s)\n"


def test_validate_strict_turns_warnings_into_failure(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text("roles:\n  x:\n    name: X\n    interactions: [hr]\n")
    assert invoke("validate", str(path)).exit_code == 0
    strict = invoke("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert "warning: roles.x.interactions[0]: unknown stakeholder 'hr'" in strict.stdout


def test_validate_a_file_that_uses_builtin_ids(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "roles:\n  growth-pm:\n    name: Growth PM\n    interactions: [sales]\n"
        "    focus: [activation]\n    sources:\n      focus: [pm-guide]\n"
    )
    result = invoke("validate", str(path))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_validate_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'nope.yaml'}:1:1: no such file\n"


def test_stakeholders_lists_every_group_with_its_roles(invoke: Invoke) -> None:
    result = invoke("stakeholders")
    assert result.exit_code == 0
    for stakeholder_id in STAKEHOLDERS:
        assert f"│ {stakeholder_id} " in result.stdout


def test_stakeholders_shows_one_with_needs_and_roles(invoke: Invoke) -> None:
    result = invoke("stakeholders", "Legal")
    assert result.exit_code == 0
    assert result.stdout.startswith("Legal (legal)\n")
    assert "Product Manager (pm)" in result.stdout
    assert "b2b-pm" in result.stdout
    assert "intellectual property" in result.stdout


def test_stakeholders_unknown_suggests(invoke: Invoke) -> None:
    result = invoke("stakeholders", "finanse")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown stakeholder 'finanse'; did you mean 'finance'?\n"


def test_compare_shows_the_curated_contrast_beside_the_computed_one(invoke: Invoke) -> None:
    result = invoke("compare", "po", "pm", "--full")
    assert result.exit_code == 0
    assert "What the articles say about Product Manager and Product Owner" in result.stdout
    brief = invoke("compare", "po", "pm").stdout
    assert "What the articles say\n" in brief
    assert "Source: The product manager in technology, Michel Perrin" in brief
    assert "Source: The product manager in technology, Michel Perrin" in result.stdout


def test_show_sources_prints_sources_per_attribute(invoke: Invoke, catalogue: Catalogue) -> None:
    result = invoke("show", "pm", "--sources")
    assert result.exit_code == 0
    for source_id in {s for ids in catalogue.roles["pm"].sources.values() for s in ids}:
        assert catalogue.sources[source_id].title.split()[0] in result.stdout
        assert source_id in result.stdout
