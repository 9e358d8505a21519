"""Errors the core raises; `pmroles.cli` alone turns them into messages and exit codes."""

from __future__ import annotations

import enum
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
