from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from click.testing import CliRunner, Result

from pmroles.cli import app

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 100
"""Every table test renders at this width so golden files are stable."""

# A terminal that is plain and predictable: no colour, fixed width, no user config.
PLAIN_ENV = {"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": str(WIDTH), "FORCE_COLOR": None}

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the real user's config, catalogue list or cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("PMROLES_CATALOGUE", raising=False)


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process; stdout and stderr stay separate."""

    def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
        runner = CliRunner()
        command = typer.main.get_command(app)
        return runner.invoke(
            command, list(args), prog_name="pmroles", env={**PLAIN_ENV, **(env or {})}
        )

    return run
