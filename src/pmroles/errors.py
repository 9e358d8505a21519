"""Errors the core raises. Which message and exit status each one ends a run with is
decided in one place, the table in `pmroles.exits`."""

from __future__ import annotations

import enum
import gc
import os
from typing import NamedTuple

from pmroles.model import Location


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Problem(NamedTuple):
    """One thing wrong with a catalogue file, with where it is.

    A NamedTuple rather than a frozen dataclass: every command imports this module, and
    defining a dataclass costs about 0.4 ms of start-up (see README, Speed).
    """

    message: str
    location: Location | None = None
    path: str = ""
    """The field path, e.g. `roles.tpm.skills[2]`; empty for the whole file."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        kind = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{self.path}: " if self.path else ""
        return f"{where}{kind}{field}{self.message}"


class PmrolesError(Exception):
    """Anything the user can fix: bad data, an unknown name, a missing file."""


class CatalogueError(PmrolesError):
    """A catalogue file could not be read or is not valid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self.problems[0]) if self.problems else "invalid catalogue")


class OutOfMemoryError(PmrolesError, MemoryError):
    """A file too big to load within the memory the process may use (`ulimit -v`, a cgroup).

    Also a MemoryError, so that what ends the run on any MemoryError prints this message."""

    def __init__(self, file: str, size: int | None) -> None:
        self.file = file
        super().__init__(f"not enough memory to load {file}{_size(size)}")


def _size(size: int | None) -> str:
    if size is None:
        return ""
    if size >= 1_000_000:
        return f" ({size / 1_000_000:.0f} MB)"
    return f" ({size / 1000:.0f} KB)" if size >= 1000 else f" ({size} bytes)"


def out_of_memory(path: str | os.PathLike[str], file: str) -> OutOfMemoryError:
    """The error for `path`, made once the failed load's data is gone.

    Raise it after the `except MemoryError` block, not inside: until that block ends, the
    traceback keeps every frame of the load alive, with the text and the parsed tree.
    """
    gc.collect()  # what the load left in reference cycles (the collector is off, see entry)
    try:
        size: int | None = os.stat(path).st_size
    except OSError:
        size = None
    return OutOfMemoryError(file, size)


class ValidationFailed(PmrolesError):
    """`validate` found errors (or, with --strict, warnings) in the file it checked.

    Not a NoMatchError: the question was answered, and the answer is "not valid"."""


class UsageProblem(PmrolesError):
    """Arguments the options parser accepted but a command cannot work with (one role to
    compare, blank words to search for): a usage error, exit status 2, reported by the
    command-line parser with the option or argument it names."""

    def __init__(self, message: str, param_hint: str | None = None) -> None:
        self.param_hint = param_hint
        super().__init__(message)


class UnknownNameError(PmrolesError):
    """A role, stakeholder or other name that the catalogue does not define."""

    def __init__(self, kind: str, name: str, suggestions: tuple[str, ...]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {_or_list(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {brief(name)!r}{hint}")


def brief(text: str, limit: int = 80) -> str:
    """`text` cut to `limit` characters for a message: an argument may be huge."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _or_list(items: tuple[str, ...]) -> str:
    quoted = [repr(item) for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
