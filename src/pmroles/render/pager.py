"""Show a table taller than the terminal through a pager, the way git does.

`emit` imports this module only once it knows stdout is a terminal and the format is the
table, and this module imports `subprocess` only once the text is taller than the screen:
piped output and short answers pay nothing for paging.

The pager is `$PMROLES_PAGER`, else `$PAGER`, else `less -FRX`. A variable that is set but
empty, or set to `cat`, means no pager (as `GIT_PAGER=` and `GIT_PAGER=cat` do). The
command is run by the shell, so it may carry arguments. A pager that cannot be run leaves
the text to be printed directly: nothing the person asked for is lost.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from typing import TextIO

DEFAULT_PAGER = "less -FRX"
PAGER_VARIABLES = ("PMROLES_PAGER", "PAGER")
PAGER_ENVIRONMENT = {"LESS": "FRX", "LV": "-c"}
"""Set for the pager when the person has not set them, as git does: `less` quits when the
text fits (F), passes colour codes through (R) and leaves the text on the screen (X); `lv`
shows colour (-c)."""
FALLBACK_HEIGHT = 24
"""The height `shutil.get_terminal_size` assumes when the terminal does not say."""
COULD_NOT_RUN = (126, 127)
"""The shell's statuses for a command it found but could not execute, or did not find."""


def page(text: str, stream: TextIO | None = None) -> bool:
    """Show `text` through the pager if it is taller than the terminal `stream` (stdout).

    True when the pager showed it; False when the caller should print it itself: the text
    fits, no pager is wanted, or the pager could not be run.
    """
    stream = sys.stdout if stream is None else stream
    if _line_count(text) <= terminal_height(stream):
        return False
    command = pager_command(os.environ)
    if command is None:
        return False
    return _run(command, text, stream)


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The shell command to page with, or None for no pager."""
    for name in PAGER_VARIABLES:
        chosen = environ.get(name)
        if chosen is not None:  # set, even to nothing: the later variables are not read
            break
    else:
        # Nobody chose: the default only if it exists, so a system without `less` gets the
        # text directly rather than the shell's "not found" on every run.
        from shutil import which

        return DEFAULT_PAGER if which("less", path=environ.get("PATH")) else None
    chosen = chosen.strip()
    return None if chosen in ("", "cat") else chosen


def terminal_height(stream: TextIO) -> int:
    """The number of lines `stream`'s terminal shows: `LINES` first, as Rich reads it."""
    lines = os.environ.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        return int(lines)
    try:
        height = os.get_terminal_size(stream.fileno()).lines
    except (AttributeError, OSError, ValueError):  # not a real terminal after all
        return FALLBACK_HEIGHT
    return height if height > 0 else FALLBACK_HEIGHT  # a terminal that was never sized


def _line_count(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _run(command: str, text: str, stream: TextIO) -> bool:
    import signal
    import subprocess

    environment = {**PAGER_ENVIRONMENT, **os.environ}
    # The encoding the terminal would have been written in; escapes, never an error, for a
    # character it lacks (as `pmroles.exits.write` does for stdout).
    data = text.encode(getattr(stream, "encoding", None) or "utf-8", "backslashreplace")
    with contextlib.suppress(AttributeError, OSError, ValueError):
        stream.flush()  # anything already printed goes before the pager's screen, not after
    try:
        # Through the shell, as git does: `$PAGER` may be a command with its arguments.
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=environment)
    except OSError:  # no shell, or no memory to start it
        return False
    # Ctrl-C while the pager runs is for the pager (less uses it to stop a search): pmroles
    # ignores it, rather than ending under the pager and leaving it to fight the shell for
    # the terminal. Ignored only once the pager has started, so it does not inherit the
    # ignoring. Signals can be set only from the main thread; elsewhere nothing changes.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        previous = None
    try:
        # communicate() treats the pager leaving before it read everything (`q` on the
        # first page) as the end of the input, not as an error.
        pager.communicate(data)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    # Any other ending is the pager's own, and the person has seen the text: `q`, or a
    # Ctrl-C that the shell around `less` reports as its own death by SIGINT once `less`
    # has quit. Neither is pmroles' failure, so the run ends as if it had printed.
    return pager.returncode not in COULD_NOT_RUN  # if it is, the shell has said why
