"""The main tables, character for character, at 40, 60, 80 and 120 columns with colour off.

After an intended change, regenerate with `PMROLES_UPDATE_GOLDEN=1 pytest tests/test_golden.py`
and review the diff like any other change: open the files and read them as a person at that
width would.
"""

from __future__ import annotations

import os

import pytest

from .conftest import ROOT, Invoke

GOLDEN = ROOT / "tests" / "golden"

VIEWS = {
    "show_tpm": ["show", "tpm"],
    "show_tpm_sources": ["show", "tpm", "--sources"],
    "show_tpm_sourced_only": ["show", "tpm", "--sourced-only"],
    "show_po": ["show", "po"],
    "compare_bpm_tpm": ["compare", "bpm", "tpm"],
    "compare_bpm_tpm_full": ["compare", "bpm", "tpm", "--full"],
    "compare_pm_pmm_project_manager_ba": ["compare", "pm", "pmm", "project-manager", "ba"],
    "list": ["list"],
    "list_stakeholder_sales": ["list", "--stakeholder", "sales"],
    "matrix": ["matrix"],
    "matrix_by_responsibility": ["matrix", "--by", "responsibility"],
    "stakeholders": ["stakeholders"],
    "stakeholders_sales": ["stakeholders", "sales"],
    "match": ["match", "--skill", "market analysis", "--background", "economics"],
    "map": ["map"],
    "similar_po": ["similar", "po"],
    "values": ["values"],
    "values_skills": ["values", "skills"],
    "list_skill_coding_budgeting_b2b": [
        "list",
        "--skill",
        "coding",
        "--skill",
        "budgeting",
        "--market",
        "b2b",
    ],
}
WIDTHS = (40, 60, 80, 120)
CASES = {f"{view}_{width}.txt": (args, width) for view, args in VIEWS.items() for width in WIDTHS}
DOCUMENTS = {
    "brief_po.md": ["brief", "po"],
    "show_po.md": ["show", "po", "--format", "markdown"],
    "compare_bpm_tpm.md": ["compare", "bpm", "tpm", "--format", "markdown"],
}
"""Markdown documents, the same at any width: one file each."""


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(invoke: Invoke, name: str) -> None:
    args, width = CASES[name]
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    path = GOLDEN / name
    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_matches_golden_file(invoke: Invoke, name: str) -> None:
    result = invoke(*DOCUMENTS[name])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    path = GOLDEN / name
    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


def test_every_golden_file_is_a_case() -> None:
    """A view dropped from CASES takes its files with it, so none goes stale unchecked."""
    assert {path.name for path in GOLDEN.iterdir()} == set(CASES) | set(DOCUMENTS)
