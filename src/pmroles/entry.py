"""The `pmroles` program: answer the most frequent requests before loading the CLI framework.

Typer and Click take longer to import than everything else pmroles does for `show tpm`, and
shell completion runs on every Tab press. So two narrow paths come first:

- completing a role or stakeholder id, answered from the cache's small JSON index;
- `show ROLE`, `compare ROLE ROLE...` and `list [--stakeholder NAME]` with no other option,
  rendered by the same core and renderer functions the full CLI uses.

Anything else, and anything that goes wrong on the way (an unknown name, a warning to print,
no cache yet), falls through to the full Typer CLI, which alone owns options, help and error
messages. A test holds the fast output byte-for-byte equal to the full CLI's.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # A run lasts a fraction of a second and keeps nearly all it allocates until it exits,
    # so the cyclic collector would only walk live objects: it made up half the first load
    # of a 10,000-role file and about 10 ms of `compare`. Freezing at the end keeps the
    # interpreter's own collections at exit off the same objects.
    gc.disable()
    try:
        _fast_or_full()
    except KeyboardInterrupt:
        # Ctrl-C before the full CLI (which handles its own) took over.
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    finally:
        gc.freeze()


def _fast_or_full() -> None:
    if os.environ.get("_PMROLES_COMPLETE"):
        from pmroles.complete import complete

        if complete(os.environ):
            sys.exit(0)
    else:
        from pmroles.fastpath import run

        status = run(sys.argv[1:], os.environ)
        if status is not None:
            sys.exit(status)
    from pmroles.cli import main as full_cli

    full_cli()
