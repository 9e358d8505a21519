"""Exit statuses and the end of output, shared by the full CLI and the fast path."""

from __future__ import annotations

import enum
import os
import sys
from typing import TextIO


class ExitStatus(enum.IntEnum):
    """Exit codes, as the README documents them."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130
    BROKEN_PIPE = 141


def write(stream: TextIO, text: str) -> None:
    """Write `text` whole; characters the stream's encoding lacks become escapes, not errors.

    Every byte pmroles prints goes through here: an ASCII-only terminal gets `\\xe9` for é
    rather than a UnicodeEncodeError or bytes it did not ask for.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if not encoding.lower().replace("-", "").startswith("utf"):
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    stream.write(text)
    stream.flush()


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file, e.g. under a test runner
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
