"""`.ci/run` checks the project as it is: it refuses to run where tests would rewrite their own
expected output (`PMROLES_UPDATE_GOLDEN`, see tests/test_golden.py and tests/test_readme.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

CI_RUN = ROOT / ".ci" / "run"


def _run_copy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a copy of .ci/run with nothing on PATH: only bash itself and its builtins work, so
    whatever the script gets to do before it stops, it cannot install or test anything."""
    script = tmp_path / "project" / ".ci" / "run"
    script.parent.mkdir(parents=True)
    shutil.copy(CI_RUN, script)
    empty = tmp_path / "empty"
    empty.mkdir()
    bash = shutil.which("bash")
    assert bash is not None
    return subprocess.run(
        [bash, str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": str(empty), **env},
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("value", ["1", ""])
def test_ci_refuses_to_run_with_golden_updates_on(tmp_path: Path, value: str) -> None:
    result = _run_copy(tmp_path, PMROLES_UPDATE_GOLDEN=value)
    assert result.returncode == 1
    assert result.stdout == ""  # before anything else: nothing installed, nothing run
    (line,) = result.stderr.splitlines()
    assert "PMROLES_UPDATE_GOLDEN is set" in line
    assert "unset it" in line


def test_ci_runs_without_it(tmp_path: Path) -> None:
    result = _run_copy(tmp_path)  # goes on, to stop at the first program it cannot find
    assert "PMROLES_UPDATE_GOLDEN" not in result.stderr
    assert result.returncode != 0


def test_the_guard_comes_first() -> None:
    lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[0] == "set -euo pipefail"
    assert "PMROLES_UPDATE_GOLDEN" in commands[1]
