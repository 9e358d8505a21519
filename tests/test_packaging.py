"""The installed command, not the source tree: wheel and editable installs in fresh venvs.

These take seconds (they build and pip-install), so they are marked slow; CI runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )


def _fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run(
        sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ".", cwd=ROOT
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (path,) = out.glob("pmroles-*.whl")
    return path


def test_wheel_carries_the_catalogue_byte_for_byte(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        packaged = archive.read("pmroles/data/roles.yaml")
    assert packaged == (ROOT / "data" / "roles.yaml").read_bytes()


def test_installed_wheel_runs_from_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    installed = _run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _run(bin_dir / "pmroles", "show", "tpm", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Technical Product Manager (tpm)")
    where = _run(
        bin_dir / "python",
        "-c",
        "import pmroles.catalogue.loader as l; print(l.builtin_catalogue_path())",
        cwd=elsewhere,
    )
    assert "site-packages" in where.stdout, where.stdout


def test_editable_install_finds_the_top_level_data_file(tmp_path: Path) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    installed = _run(bin_dir / "python", "-m", "pip", "install", "-q", "-e", ROOT, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr[-2000:]
    result = _run(bin_dir / "pmroles", "compare", "bpm", "tpm", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Business Product Manager (bpm) vs Technical Product Manager")
    where = _run(
        bin_dir / "python",
        "-c",
        "import pmroles.catalogue.loader as l; print(l.builtin_catalogue_path())",
        cwd=tmp_path,
    )
    assert where.stdout.strip() == str(ROOT / "data" / "roles.yaml")
