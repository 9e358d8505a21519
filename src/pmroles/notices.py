"""The catalogue warnings a run prints on stderr: a few to inform, never a flood.

A catalogue that misspells one stakeholder in 4,000 roles has 4,000 warnings, and printing
them all before every answer buries the answer. A run prints the first few and then one
line saying how many more there are and the command that lists them all: `validate`, which
prints every problem of the file it checks (on stdout, and not through here). `--quiet`
prints none. The full CLI and the fast path both print through `warning_text`, so they
print the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmroles.errors import Problem

WARNING_LIMIT = 5
"""The most catalogue warnings one run prints before the line that counts the rest."""


def warning_text(warnings: Sequence[Problem], limit: int = WARNING_LIMIT) -> str:
    """What to print for `warnings`: at most `limit` of them, one a line, then, when there
    are more, one line with how many and the `validate` command(s) to see them all.

    Every line is inert (file names and messages come from catalogue files and paths)."""
    from pmroles.render.text import inert

    lines = [str(warning) for warning in warnings[:limit]]
    hidden = warnings[limit:]
    if hidden:
        lines.append(_more(hidden))
    return "".join(inert(line) + "\n" for line in lines)


def _more(hidden: Sequence[Problem]) -> str:
    import shlex

    # The files the unprinted warnings are in, each once, in the order they were found:
    # `validate FILE` prints every problem of that file.
    files = list(dict.fromkeys(w.location.file for w in hidden if w.location is not None))
    commands = [f"pmroles validate {shlex.quote(file)}" for file in files]
    if any(w.location is None for w in hidden):
        commands.append("pmroles validate FILE")  # a warning of no one file: say the form
    count = len(hidden)
    more = f"{count} more warning{'s' if count != 1 else ''} not shown"
    return f"warning: {more}; to see them all, run: {'; '.join(commands)}"
