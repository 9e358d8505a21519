"""The built-in catalogue keeps the fixes made after the 2026-12 audit of it against its articles.

Each test names the audit problem (../shared/reports/catalogue-audit-2026-12.md, "The 15 most
serious problems") and fails on the catalogue as it was before the fix.
"""

from __future__ import annotations

import pytest

from pmroles.catalogue.loader import builtin_catalogue_path, check_file
from pmroles.model import Catalogue

CONDITION = "if also in charge of the technical side"
"""Perrin: the B2B/B2G PM may or may not be in charge of the technical dimension."""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, problems = check_file(builtin_catalogue_path())
    assert problems == [], [str(p) for p in problems]
    assert loaded is not None
    return loaded


def _needs(catalogue: Catalogue, stakeholder_id: str) -> list[str]:
    return [need.lower() for need in catalogue.stakeholders[stakeholder_id].needs]


# -- problem 1: Perrin's "may or may not be directly in charge of the technical dimension" ----


def test_1_the_b2b_innovation_split_keeps_perrins_condition(catalogue: Catalogue) -> None:
    share = catalogue.comparisons["b2c-pm-vs-b2b-pm"].split["innovation"]["b2b-pm"]
    assert CONDITION in share
    assert "directly" not in share


def test_1_every_technical_b2b_responsibility_keeps_the_condition(catalogue: Catalogue) -> None:
    responsibilities = catalogue.roles["b2b-pm"].get("responsibilities")
    technical = [r for r in responsibilities if "technical" in r or "specifications" in r]
    assert len([r for r in responsibilities if r.startswith(CONDITION)]) == 10
    assert all(r.startswith(CONDITION) for r in technical), technical


# -- problem 2: pm-guide says driving the whole product is not strictly in the job ----------


def test_2_the_whole_product_is_not_filed_as_a_pm_responsibility(catalogue: Catalogue) -> None:
    pm = catalogue.roles["pm"]
    assert not any("whole product" in r for r in pm.get("responsibilities"))
    assert any("formal remit" in c and "whole product" in c for c in pm.get("collaboration"))


# -- problem 3: Perrin's B2B/B2G-only network is not generalised to every PM ------------------


def test_3_the_b2b_network_belongs_to_the_b2b_pm_only(catalogue: Catalogue) -> None:
    only_b2b = {"legal", "ecodesign", "purchasing", "business-development"}
    assert not only_b2b & set(catalogue.roles["pm"].get("interactions"))
    assert only_b2b <= set(catalogue.roles["b2b-pm"].get("interactions"))
    assert not any("negotiat" in s for s in catalogue.roles["pm"].get("skills"))
    assert "perrin" not in catalogue.roles["pm"].sources["skills"]


# -- problem 4: needs run from the product role to the group, never the other way -----------


def test_4_no_group_needs_a_channel_to_pass_feedback_to_the_product(
    catalogue: Catalogue,
) -> None:
    reversed_needs = [
        (stakeholder_id, need)
        for stakeholder_id in ("sales", "support", "business-development")
        for need in _needs(catalogue, stakeholder_id)
        if any(word in need for word in ("feedback", "reporting", "relay", "channel"))
    ]
    assert reversed_needs == []


def test_4_marketing_does_not_need_innovations_fitted_into_brand_policy(
    catalogue: Catalogue,
) -> None:
    assert not any("brand policy" in need for need in _needs(catalogue, "marketing"))


def test_4_r_and_d_and_operations_needs_are_the_articles(catalogue: Catalogue) -> None:
    assert not any("ready to carry" in need for need in _needs(catalogue, "r-and-d"))
    assert any("request" in need for need in _needs(catalogue, "r-and-d"))
    assert any("simple" in need for need in _needs(catalogue, "operations"))
    assert not any("negotiation" in need for need in _needs(catalogue, "purchasing"))
    assert not any("early" in need for need in _needs(catalogue, "legal"))


# -- problems 5 and 6: the responsibility matrix --------------------------------------------


def test_5_the_bpm_does_not_own_p_and_l(catalogue: Catalogue) -> None:
    bpm = catalogue.roles["bpm"]
    assert "p-and-l" not in bpm.get("owns")
    assert "p-and-l" not in bpm.get("supports")


def test_6_the_tpm_supports_the_roadmap_it_does_not_own(catalogue: Catalogue) -> None:
    tpm = catalogue.roles["tpm"]
    assert "roadmap" not in tpm.get("owns")
    assert "roadmap" in tpm.get("supports")
    assert any("technical roadmap" in f for f in tpm.get("focus"))


# -- problem 7: onlinepmcourses says the PM role "will often encompass" brand marketing --------


def test_7_brand_managers_marketing_is_not_said_to_have_moved_to_the_pm(
    catalogue: Catalogue,
) -> None:
    comparison = catalogue.comparisons["pm-vs-brand-manager"]
    text = " ".join([comparison.summary or "", *comparison.similarities, *comparison.differences])
    assert "absorbed" not in text
    assert "now covers" not in text
    assert "often" in (comparison.summary or "")


# -- problem 8: the product owner's evidence -------------------------------------------------


def test_8_po_evidence_from_hiles_says_he_means_the_pm(catalogue: Catalogue) -> None:
    po = catalogue.roles["po"]
    (outcome,) = po.get("outcomes")
    assert "Hiles" in outcome
    assert list(po.sources["outcomes"]) == ["hiles"]
    assert any("agile methods" in a for a in po.get("advantages"))


# -- problem 9: qualifiers kept in prose -----------------------------------------------------


def test_9_qualifiers_are_kept(catalogue: Catalogue) -> None:
    assert "in some cases, guide sales and marketing on messaging" in catalogue.roles["pmm"].get(
        "responsibilities"
    )
    assert any(
        r.startswith("in larger organisations") and "why, what and when" in r
        for r in catalogue.roles["pm"].get("responsibilities")
    )
    assert "in larger organisations" in (catalogue.comparisons["pm-vs-pmm"].summary or "")
    assert any("not exclusively" in e for e in catalogue.comparisons["pm-vs-po"].excels["po"])
    disadvantages = catalogue.roles["bpm"].get("disadvantages")
    assert "little weight in technology choices" not in disadvantages
    assert "may carry less weight in technology choices" in disadvantages


# -- problem 10: pm-guide's "only role" is a claim of one article ------------------------------


def test_10_only_role_seeing_everything_is_attributed_not_flat(catalogue: Catalogue) -> None:
    advantages = catalogue.roles["pm"].get("advantages")
    assert "only role seeing every aspect of the business" not in advantages
    assert any(a.startswith("one guide calls it") for a in advantages)


# -- problem 13: the B2C picture -------------------------------------------------------------


def test_13_b2c_autonomy_and_the_b2b_profile_are_not_overstated(catalogue: Catalogue) -> None:
    assert any("brand policy" in a for a in catalogue.roles["b2c-pm"].get("advantages"))
    comparison = catalogue.comparisons["b2c-pm-vs-b2b-pm"]
    assert "technical leader" not in (comparison.summary or "")
    assert "as much technical as marketing" in (comparison.summary or "")
    assert not any("through technology" in d for d in comparison.differences)
