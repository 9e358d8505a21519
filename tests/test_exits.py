"""Every error ends a run by one table (`pmroles.exits`): its message and exit status."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from pmroles import commands
from pmroles.answers.query import NoMatchError
from pmroles.errors import (
    CatalogueError,
    OutOfMemoryError,
    PmrolesError,
    Problem,
    UnknownNameError,
    UsageProblem,
    ValidationFailed,
)
from pmroles.exits import ExitStatus, Outcome, outcome

from .conftest import ROOT


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            CatalogueError([Problem("first"), Problem("second", path="roles.x")]),
            Outcome(1, "Error: first\nError: roles.x: second\n"),
        ),
        (ValidationFailed("ours.yaml: 2 error(s), 0 warning(s)"), None),
        (
            NoMatchError("no role matches skill 'x'"),
            Outcome(1, "Error: no role matches skill 'x'\n"),
        ),
        (UnknownNameError("role", "tmp", ("tpm",)), None),
        (UsageProblem("name at least two roles to compare", "ROLES"), None),
        (PmrolesError("bad \x1b[31m"), Outcome(1, "Error: bad \\x1b[31m\n")),
        (
            OutOfMemoryError("big.yaml", 3_000_000),
            Outcome(1, "Error: not enough memory to load big.yaml (3 MB)\n"),
        ),
        (MemoryError(), Outcome(1, "Error: not enough memory\n")),
        (KeyboardInterrupt(), Outcome(130, "Interrupted.\n")),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), Outcome(141, "", silence_stdout=True)),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            Outcome(1, "Error: cannot write the output: No space left on device\n", True),
        ),
    ],
)
def test_the_table_gives_each_error_its_message_and_status(
    error: BaseException, expected: Outcome | None
) -> None:
    found = outcome(error)
    assert found is not None
    if expected is None:  # the status by kind, the message as the error says it
        status = ExitStatus.USAGE if isinstance(error, UsageProblem) else ExitStatus.ERROR
        expected = Outcome(status, f"Error: {error}\n")
    assert found == expected


@pytest.mark.parametrize(
    "error",
    [
        ValueError("a bug"),
        OSError(errno.ENOENT, "No such file or directory", "ours.yaml"),  # not the output
        SystemExit(3),
    ],
)
def test_what_is_not_in_the_table_goes_on(error: BaseException) -> None:
    assert outcome(error) is None


def test_an_invalid_file_is_a_validation_failure_not_an_empty_answer(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("roles:\n  x: {}\n")
    report = commands.validate(lambda: pytest.fail("no base catalogue needed"), None)
    assert report.failure is None  # the built-in catalogue is valid
    report = commands.validate(_builtin, broken)
    assert isinstance(report.failure, ValidationFailed)
    assert not isinstance(report.failure, NoMatchError)
    assert outcome(report.failure) == Outcome(1, f"Error: {broken}: 1 error(s), 0 warning(s)\n")


def _builtin():  # type: ignore[no-untyped-def]
    from pmroles.catalogue.loader import load_builtin

    return load_builtin()


def test_nothing_else_decides_an_exit_status() -> None:
    """Exit statuses are written only in the table, the top-level guard and the places that
    return a success (or the fast path's answer) to it."""
    allowed = {
        "exits.py": None,  # the table
        "complete.py": {"sys.exit(0 if found else 1)"},  # fish asks "any?" by status
        "entry.py": {"sys.exit(0)", "sys.exit(status)"},
        "cli.py": {"sys.exit(status if isinstance(status, int) else ExitStatus.OK)"},
        "fastpath.py": set(),
        "schema.py": {"sys.exit(main(sys.argv[1:]))"},  # a maintainer's script, not the program
    }
    pattern = re.compile(r"sys\.exit\([^\n]*\)|exit_code\s*=|ExitStatus\.[A-Z_]+")
    for path in sorted((ROOT / "src" / "pmroles").rglob("*.py")):
        found = set(pattern.findall(path.read_text(encoding="utf-8")))
        if path.name in allowed and allowed[path.name] is None:
            continue
        permitted = allowed.get(path.name, set()) or set()
        if path.name == "cli.py":
            permitted |= {"ExitStatus.OK", "ExitStatus.ERROR"}  # passes the table's on to Click
        if path.name == "fastpath.py":
            permitted |= {"ExitStatus.OK"}
        assert found <= permitted, (path.name, found - permitted)
