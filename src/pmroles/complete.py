"""Shell completion of role and stakeholder ids, answered from the cache's JSON index.

Runs on every Tab press, so it imports only light standard modules (not even `typing`).
`complete` returns False for anything but a role or stakeholder id, or when there is no
index yet; the caller then runs the full CLI's completion, which builds the index.
The output formats are those of Typer's bash, zsh and fish completion scripts.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from collections.abc import Iterable, Mapping, Sequence

from pmroles import locations

_ROLE_COMMANDS = {"show", "similar", "which", "compare"}
_GLOBAL_FLAGS = {"--no-color", "--no-builtin"}
_GLOBAL_WITH_VALUE = {"--catalogue", "--catalog"}


def complete(environ: Mapping[str, str]) -> bool:
    """Print the completions for a role or stakeholder id; False to let the full CLI answer."""
    shell = environ.get("_PMROLES_COMPLETE", "")
    try:
        if shell == "complete_bash":
            words = shlex.split(environ["COMP_WORDS"])
            index = int(environ["COMP_CWORD"])
            args, incomplete = words[1:index], (words[index] if index < len(words) else "")
        elif shell in ("complete_zsh", "complete_fish"):
            line = environ.get("_TYPER_COMPLETE_ARGS", "")
            words = shlex.split(line)[1:]
            if words and not line.endswith(" "):
                args, incomplete = words[:-1], words[-1]
            else:
                args, incomplete = words, ""
        else:
            return False
    except (KeyError, ValueError):
        return False
    wanted = _what_to_complete(args, incomplete)
    if wanted is None:
        return False
    kind, catalogues, no_builtin = wanted
    choices = _index_entries(kind, catalogues, no_builtin, environ)
    if choices is None:
        return False
    found = [
        (value, _plain(help_text)) for value, help_text in choices if value.startswith(incomplete)
    ]
    if shell == "complete_bash":
        _print_lines(value for value, _ in found)
    elif shell == "complete_zsh":
        if found:
            items = "\n".join(f'"{_zsh(v)}":"{_zsh(h)}"' for v, h in found)
            _print_lines([f"_arguments '*: :(({items}))'"])
        else:
            _print_lines(["_files"])
    elif environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        sys.exit(0 if found else 1)
    else:
        _print_lines(f"{v}\t{h}" for v, h in found)
    return True


def _what_to_complete(args: Sequence[str], incomplete: str) -> tuple[str, list[str], bool] | None:
    """('roles' or 'stakeholders', the --catalogue files, --no-builtin), or None."""
    if incomplete.startswith("-"):
        return None
    catalogues: list[str] = []
    no_builtin = False
    position = 0
    while position < len(args) and args[position].startswith("-"):
        option, _, value = args[position].partition("=")
        if option in _GLOBAL_WITH_VALUE:
            if not value:
                position += 1
                if position >= len(args):
                    return None  # completing a file name
                value = args[position]
            catalogues.append(value)
        elif option == "--no-builtin":
            no_builtin = True
        elif option not in _GLOBAL_FLAGS:
            return None
        position += 1
    if position >= len(args):
        return None  # completing a command name
    command, rest = args[position], args[position + 1 :]
    if command == "list" and rest and rest[-1] == "--stakeholder":
        return "stakeholders", catalogues, no_builtin
    if any(arg.startswith("-") for arg in rest):
        return None  # options in play: their values are the full CLI's to judge
    if command in _ROLE_COMMANDS and (command == "compare" or not rest):
        return "roles", catalogues, no_builtin
    if command == "stakeholders" and not rest:
        return "stakeholders", catalogues, no_builtin
    return None


def _index_entries(
    kind: str, catalogues: list[str], no_builtin: bool, environ: Mapping[str, str]
) -> list[tuple[str, str]] | None:
    files = locations.user_files(catalogues, no_builtin=no_builtin, environ=environ)
    if no_builtin and not files:
        return None
    description = locations.stack_description(locations.stack_paths(not no_builtin, files))
    if description is None:
        return None
    index = locations.read_index(locations.cache_dir(environ), description)
    if index is None:
        return None
    with contextlib.suppress(KeyError, TypeError, ValueError):
        return [(str(value), str(name)) for value, name in index[kind]]
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _plain(text: str) -> str:
    """Help text on one line, without controls a shell or terminal could act on."""
    return _CONTROL.sub(" ", text)


def _zsh(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _print_lines(lines: Iterable[str]) -> None:
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.write("".join(f"{line}\n" for line in lines))
        sys.stdout.flush()
