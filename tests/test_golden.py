"""The main tables, character for character, at a fixed width with colour off.

After an intended change, regenerate with `PMROLES_UPDATE_GOLDEN=1 pytest tests/test_golden.py`
and review the diff like any other change.
"""

from __future__ import annotations

import os

import pytest

from .conftest import ROOT, Invoke

GOLDEN = ROOT / "tests" / "golden"

CASES = {
    "show_tpm.txt": ["show", "tpm"],
    "show_tpm_sources.txt": ["show", "tpm", "--sources"],
    "compare_bpm_tpm.txt": ["compare", "bpm", "tpm"],
    "list_stakeholder_sales.txt": ["list", "--stakeholder", "sales"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(invoke: Invoke, name: str) -> None:
    result = invoke(*CASES[name])
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / name
    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
