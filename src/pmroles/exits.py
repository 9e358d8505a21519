"""How a run ends: the exit statuses, the one table that maps every error to its message
and status, and the writing of output, shared by the full CLI and the fast path."""

from __future__ import annotations

import contextlib
import enum
import io
import os
import sys
from collections.abc import Callable
from typing import NamedTuple, NoReturn, TextIO


class ExitStatus(enum.IntEnum):
    """Exit codes, as the README documents them."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130
    BROKEN_PIPE = 141


class Outcome(NamedTuple):
    """What an error ends the run with."""

    status: int
    message: str = ""
    """Written to stderr whole, line ends included; empty for nothing."""
    silence_stdout: bool = False
    """Point stdout at /dev/null first, so the interpreter's final flush cannot fail again."""


def _inert(text: str) -> str:
    from pmroles.render.text import inert

    return inert(text)


def _catalogue_error(error: BaseException) -> Outcome:
    problems = getattr(error, "problems", ()) or (error,)
    return Outcome(ExitStatus.ERROR, "".join(f"Error: {_inert(str(p))}\n" for p in problems))


def _usage(error: BaseException) -> Outcome:
    return Outcome(ExitStatus.USAGE, f"Error: {_inert(str(error))}\n")


def _error(error: BaseException) -> Outcome:
    return Outcome(ExitStatus.ERROR, f"Error: {_inert(str(error))}\n")


def _out_of_memory(error: BaseException) -> Outcome:
    # The loader's OutOfMemoryError names the file; any other allocation has no message.
    detail = error.args[0] if error.args and isinstance(error.args[0], str) else ""
    return Outcome(ExitStatus.ERROR, f"Error: {_inert(detail or 'not enough memory')}\n")


def _interrupted(error: BaseException) -> Outcome:
    return Outcome(ExitStatus.INTERRUPTED, "Interrupted.\n")


def _broken_pipe(error: BaseException) -> Outcome:
    # The reader left (`| head -1`): stop quietly, with the status shells give SIGPIPE.
    return Outcome(ExitStatus.BROKEN_PIPE, silence_stdout=True)


def _output_failed(error: BaseException) -> Outcome | None:
    if not isinstance(error, OSError) or error.filename is not None:
        return None  # a file pmroles opened, not the output stream: not an ending it knows
    message = f"Error: cannot write the output: {error.strerror}\n"
    return Outcome(ExitStatus.ERROR, message, silence_stdout=True)


def _click_ended_a_broken_pipe(error: BaseException) -> Outcome | None:
    # Click ends a broken pipe met while printing help with exit status 1, even outside
    # standalone mode, once it has wrapped stdout in its PacifyFlushWrapper (the one trace
    # it leaves): give the status shells give SIGPIPE. Any other SystemExit goes on.
    if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
        return _broken_pipe(error)
    return None


def _click_exit(error: BaseException) -> Outcome:
    # `typer.Exit`: no error, just a status (e.g. after --version).
    return Outcome(getattr(error, "exit_code", ExitStatus.OK))


def _click_error(error: BaseException) -> Outcome:
    # A usage error, or a core error the CLI wrapped: the exception formats its own message
    # (Typer and Click own usage messages), with the status it carries.
    shown = io.StringIO()
    error.show(file=shown)  # type: ignore[attr-defined]
    return Outcome(getattr(error, "exit_code", ExitStatus.ERROR), shown.getvalue())


_TABLE: tuple[tuple[str, str, Callable[[BaseException], Outcome | None]], ...] = (
    # (module, exception class, what it ends the run with), first match wins. A class is
    # looked up only once its module is loaded: until then nothing can have raised it, and
    # the fast path never imports Click.
    ("pmroles.errors", "CatalogueError", _catalogue_error),
    ("builtins", "MemoryError", _out_of_memory),  # the loader's OutOfMemoryError included
    ("pmroles.errors", "UsageProblem", _usage),
    ("pmroles.errors", "PmrolesError", _error),
    ("builtins", "KeyboardInterrupt", _interrupted),
    ("click.exceptions", "Abort", _interrupted),
    ("builtins", "BrokenPipeError", _broken_pipe),
    ("builtins", "OSError", _output_failed),
    ("builtins", "SystemExit", _click_ended_a_broken_pipe),
    ("click.exceptions", "Exit", _click_exit),
    ("click.exceptions", "ClickException", _click_error),
)


def outcome(error: BaseException) -> Outcome | None:
    """The message and exit status `error` ends a run with; None for what is not pmroles'
    to end (a bug, or SystemExit), which should go on."""
    for module_name, class_name, decide in _TABLE:
        module = sys.modules.get(module_name)
        kind = getattr(module, class_name, None)
        if isinstance(kind, type) and isinstance(error, kind):
            found = decide(error)
            if found is not None:
                return found
    return None


def end(error: BaseException) -> NoReturn:
    """End the run as the table says for `error`; raise it again if the table has no row."""
    found = outcome(error)
    if found is None:
        raise error
    finish(found)


def finish(found: Outcome) -> NoReturn:
    if found.silence_stdout:
        silence_stdout()
    if found.message:
        with contextlib.suppress(OSError):  # stderr gone too: the status still says it
            write(sys.stderr, found.message)
    sys.exit(found.status)


def write(stream: TextIO, text: str) -> None:
    """Write `text` whole; characters the stream's encoding lacks become escapes, not errors.

    Every byte pmroles prints goes through here: an ASCII-only terminal gets `\\xe9` for é
    rather than a UnicodeEncodeError or bytes it did not ask for.

    A stream left non-blocking by whoever started pmroles (O_NONBLOCK on a pipe or terminal)
    is written in blocking mode, then given its flag back: otherwise, once a slow reader lets
    the pipe fill, the write fails with "would block" and the rest of the output is lost.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if not encoding.lower().replace("-", "").startswith("utf"):
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    unblocked = _unblock(stream)
    try:
        stream.write(text)
        stream.flush()
    finally:
        if unblocked is not None:
            os.set_blocking(unblocked, False)


def _unblock(stream: TextIO) -> int | None:
    """Clear O_NONBLOCK on the stream's descriptor; the descriptor if it was set, else None."""
    try:
        fd = stream.fileno()
        if os.get_blocking(fd):
            return None
        os.set_blocking(fd, True)
    except (AttributeError, OSError, ValueError):  # not a real file, e.g. under a test runner
        return None
    return fd


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file, e.g. under a test runner
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
