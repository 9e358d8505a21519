"""The fast path for `show`, `compare` and `list`; see `pmroles.entry` for why it exists.

`run` returns None for anything it does not fully handle, and the caller then runs the
full CLI, so this path never prints an error of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from pmroles.exits import ExitStatus, silence_stdout, write

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmroles.model import Catalogue

# -- commands ----------------------------------------------------------------------------------


def run(argv: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """Run `show ROLE`, `compare ROLE ROLE...` or `list [--stakeholder NAME]`; None otherwise."""
    if not argv or any(arg.startswith("-") for arg in argv if arg != "--stakeholder"):
        return None
    command, *rest = argv
    if command == "show" and len(rest) == 1:
        return _guarded(lambda: _show(rest[0], environ))
    if command == "compare" and len(rest) >= 2 and "--stakeholder" not in rest:
        return _guarded(lambda: _compare(rest, environ))
    if command == "list" and (not rest or (len(rest) == 2 and rest[0] == "--stakeholder")):
        return _guarded(lambda: _list(rest[1] if rest else None, environ))
    return None


def _guarded(render: Callable[[], str | None]) -> int | None:
    """Render (no output yet); on anything unusual let the full CLI take over."""
    from pmroles.errors import PmrolesError

    try:
        text = render()
    except PmrolesError:
        return None
    if text is None:
        return None
    return _write(text)


def _write(text: str) -> int:
    try:
        write(sys.stdout, text)
    except BrokenPipeError:
        silence_stdout()
        return ExitStatus.BROKEN_PIPE
    except OSError as error:
        silence_stdout()
        write(sys.stderr, f"Error: cannot write the output: {error.strerror}\n")
        return ExitStatus.ERROR
    return ExitStatus.OK


def _catalogue(environ: Mapping[str, str]) -> Catalogue | None:
    from pmroles.catalogues import load_cached, stack_for

    catalogue, warnings = load_cached(stack_for((), no_builtin=False, environ=environ), environ)
    return None if warnings else catalogue  # warnings are printed by the full CLI only


def _render(renderable: RenderableType) -> str:
    from pmroles.render.console import make_console, render

    return render(make_console(), renderable)


def _show(name: str, environ: Mapping[str, str]) -> str | None:
    from pmroles.query import find_role
    from pmroles.render.tables import role_table

    catalogue = _catalogue(environ)
    if catalogue is None:
        return None
    return _render(role_table(find_role(catalogue, name), catalogue))


def _compare(names: Sequence[str], environ: Mapping[str, str]) -> str | None:
    from pmroles.compare import compare
    from pmroles.query import find_role
    from pmroles.render.tables import comparison_view

    catalogue = _catalogue(environ)
    if catalogue is None:
        return None
    roles = [find_role(catalogue, name) for name in names]
    return _render(comparison_view(compare(catalogue, roles), catalogue))


def _list(stakeholder: str | None, environ: Mapping[str, str]) -> str | None:
    from pmroles.query import Filters, filter_roles
    from pmroles.render.tables import roles_table, roles_title

    catalogue = _catalogue(environ)
    if catalogue is None:
        return None
    filters = Filters(stakeholder=(stakeholder,) if stakeholder is not None else ())
    found = filter_roles(catalogue, filters)
    if not found:
        return None
    given = {k: v for k, v in filters.as_dict().items() if v}
    return _render(roles_table(found, roles_title(catalogue, given)))
