"""The `pmroles` program: answer the most frequent requests before loading the CLI framework.

Typer and Click take longer to import than everything else pmroles does for `show tpm`, and
shell completion runs on every Tab press. So two paths come first:

- completing a role or stakeholder id or an option's value, answered from the cache's
  small JSON index;
- the ordinary forms of every command that prints a view (`pmroles.fastpath`), parsed from
  the command line's generated description and run by the same functions and the same
  `emit` as the full CLI.

Anything else, and anything that goes wrong on the way (an unknown name, a usage problem),
falls through to the full Typer CLI, which alone owns options, help and error messages. A
test holds the fast output byte-for-byte equal to the full CLI's.

Before either, closed standard descriptors (`<&-`, `>&-`, `2>&-`) are filled. After them,
this is the top-level guard: what no path ended itself (running out of memory, Ctrl-C
before the full CLI took over, the fast path's output failing, a closed pipe met by
completion) ends here, as the table in `pmroles.exits` says.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    _fill_closed_standard_descriptors()
    # A run lasts a fraction of a second and keeps nearly all it allocates until it exits,
    # so the cyclic collector would only walk live objects: it made up half the first load
    # of a 10,000-role file and about 10 ms of `compare`. Freezing at the end keeps the
    # interpreter's own collections at exit off the same objects.
    gc.disable()
    out_of_memory: tuple[object, ...] | None = None
    try:
        _fast_or_full()
    except MemoryError as error:
        # Reported below: until this block ends, its traceback keeps every frame's data.
        out_of_memory = error.args
    except (KeyboardInterrupt, OSError) as error:
        # The top-level guard: what no path ended itself (Ctrl-C before the full CLI took
        # over, a closed pipe met by completion), ended as the one table says.
        from pmroles.exits import end

        end(error)
    finally:
        if out_of_memory is None:
            gc.freeze()
    if out_of_memory is not None:
        from pmroles.exits import end

        gc.collect()  # what was allocated is freed before the message is made
        end(MemoryError(*out_of_memory))


def _fill_closed_standard_descriptors() -> None:
    """Give a closed descriptor 0, 1 or 2 something harmless before pmroles opens any file.

    Closed, it would go to the next file opened (a catalogue, the cache database), and what
    was meant for the stream could land there; Python also leaves its sys.std* None, which
    fails at the first use. So:

    - stdin and stderr get /dev/null: nothing is read, and messages are lost while the exit
      status still says what happened;
    - stdout gets a pipe that nobody reads, so a command's first output fails as it does
      when the reader of a pipe has gone, and the command ends quietly with the broken-pipe
      status, 141. A command that prints nothing on stdout (`validate` of a valid file,
      `init`) just does its work.
    """
    for fd, mode in ((0, "r"), (1, "w"), (2, "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        if fd == 1:
            read_end, write_end = os.pipe()  # read_end is 1 itself: dup2 closes it
            os.dup2(write_end, fd)
            for extra in {read_end, write_end} - {fd}:
                os.close(extra)
        else:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        stream = open(  # noqa: SIM115 - open for the whole run, like the interpreter's own
            fd, mode, encoding="utf-8", errors="backslashreplace", closefd=False
        )
        if fd == 0:
            sys.stdin = stream
        elif fd == 1:
            sys.stdout = stream
        else:
            sys.stderr = stream


def _fast_or_full() -> None:
    if os.environ.get("_PMROLES_COMPLETE"):
        from pmroles.complete import complete

        if complete(os.environ):
            sys.stdout.flush()  # again: what a closed pipe refused would fail at exit (120)
            sys.exit(0)
    else:
        from pmroles.fastpath import run

        status = run(sys.argv[1:], os.environ)
        if status is not None:
            sys.exit(status)
    from pmroles.cli import main as full_cli

    full_cli()
