"""Shell completion answered from the command line's generated surface and the cache's
JSON index, without importing the CLI framework.

Runs on every Tab press, so it imports only light standard modules (not even `typing`).
It answers where `pmroles.surface.COMPLETES` says what a word completes: role,
stakeholder and concept ids (from the index, written by `index_lists`), the values of a
closed set (`pmroles.surface.CLOSED`, found by asking the CLI's own completers), or file
names. `complete` returns False for anything else, or when there is no index yet; the
caller then runs the full CLI's completion, which builds the index.
The output formats are those of Typer's bash, zsh, fish and PowerShell completion scripts;
the full CLI's completion prints them with the same functions (`help_text`, `zsh_answer`,
`fish_line`, `powershell_line`), so both paths answer alike.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from collections.abc import Iterable, Mapping, Sequence

from pmroles.catalogue import paths
from pmroles.surface import CLOSED, COMMANDS, COMPLETES, GLOBAL

TYPE_CHECKING = False  # not `typing`'s: see above
if TYPE_CHECKING:
    from pmroles.model import Catalogue

# What the full CLI completes, from the surface generated from it (`COMPLETES`);
# tests/test_completion_tree.py holds these tables to the Click tree the CLI builds.
# A kind is one of the lists in the index (INDEXED), one of CLOSED, or FILES; a kind ending
# in SEPARATED completes the last of comma-separated values (`--aspects skills,to<Tab>`).
ROLES, STAKEHOLDERS = "roles", "stakeholders"
CONCEPT_ASPECTS = ("skills", "tools", "background")
"""The aspects whose concepts --skill, --tool and --background complete: each is the kind
of the concepts the roles' items in it name."""
INDEXED = (ROLES, STAKEHOLDERS, *CONCEPT_ASPECTS)
"""The kinds completion's index lists: they depend on the catalogue."""
FILES = "files"
"""A file name: the shell completes it (bash and fish when offered nothing, zsh `_files`)."""
SEPARATED = ","
"""After a kind: the word is a comma-separated list, and Tab completes its last value."""
ARGUMENTS = {
    command: (COMPLETES[command, name], nargs == -1)
    for command, (_function, arguments, _options) in COMMANDS.items()
    for name, nargs, _required, _default in arguments
    if (command, name) in COMPLETES
}
"""Command -> (what its argument completes, whether it takes any number of them)."""
OPTION_VALUES = {key: kind for key, kind in COMPLETES.items() if key[1].startswith("-")}
"""(command, option) -> what the option's value completes."""
GLOBAL_FLAGS = frozenset(f for f, spec in GLOBAL.items() if spec[1] == "flag" and not spec[5])
GLOBAL_WITH_VALUE = frozenset(f for f, spec in GLOBAL.items() if spec[1] != "flag")
GLOBAL_FINAL = frozenset({"-h", "--help"} | {f for f, spec in GLOBAL.items() if spec[5]})
"""Global options that end the run (print something and exit): nothing after them to complete."""


def complete(environ: Mapping[str, str]) -> bool:
    """Print the completions the surface knows of; False to let the full CLI answer."""
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
    wanted = what_to_complete(args, incomplete)
    if wanted is None:
        return False
    kind, catalogues, no_builtin = wanted
    done = ""
    if kind.endswith(SEPARATED):
        kind = kind[: -len(SEPARATED)]
        done, comma, incomplete = incomplete.rpartition(SEPARATED)
        done += comma
    if kind == FILES:
        choices: list[tuple[str, str]] | None = []
    elif kind in CLOSED:
        choices = list(CLOSED[kind])
    else:
        choices = _index_entries(kind, catalogues, no_builtin, environ)
    if choices is None:
        return False
    if kind == ROLES:
        taken = named_already(args)
        choices = [(v, h) for v, h in choices if v not in taken]
    found = [(done + v, h) for v, h in choices if typed(v, incomplete) and offerable(done + v)]
    # As Typer prints them: the lines joined, then Click's newline.
    if shell == "complete_bash":
        _print_lines(value for value, _ in found)
    elif shell == "complete_zsh":
        _print_lines([zsh_answer(found)])
    elif environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        sys.exit(0 if found else 1)
    else:
        _print_lines(fish_line(v, h) for v, h in found)
    return True


def typed(value: str, incomplete: str) -> bool:
    """Whether `value` is offered for what was typed: it starts with it, exactly. The full
    CLI's completers offer by the same rule (and Typer keeps only such values anyway)."""
    return value.startswith(incomplete)


def what_to_complete(args: Sequence[str], incomplete: str) -> tuple[str, list[str], bool] | None:
    """What Tab completes after `args` (the words after `pmroles`), by the tables above:
    (the kind, the --catalogue files, --no-builtin), or None when it is anything else or
    not certain (the full CLI then answers)."""
    if incomplete.startswith("-"):
        return None
    found = _global_options(args)
    if found is None:
        return None
    position, catalogues, no_builtin = found
    if position > len(args):
        return FILES, catalogues, no_builtin  # completing a global option's value
    if position == len(args):
        return None  # completing a command name
    command, rest = args[position], args[position + 1 :]
    if rest and rest[-1] in GLOBAL_WITH_VALUE:
        return FILES, catalogues, no_builtin  # a global option after the command
    if any(_chooses_catalogues(arg) for arg in rest):
        # The full CLI reads it as a global option or as a command option's value, knowing
        # which options take one; this answer would name the wrong catalogues.
        return None
    if rest and (command, rest[-1]) in OPTION_VALUES:
        value = OPTION_VALUES[command, rest[-1]]
        if value in CONCEPT_ASPECTS and "--sourced-only" in args:
            return None  # the index lists the concepts of every item, sourced or not
        return value, catalogues, no_builtin
    if any(arg.startswith("-") for arg in rest):
        return None  # options in play: their values are the full CLI's to judge
    kind, any_number = ARGUMENTS.get(command, (None, False))
    if kind is not None and (any_number or not rest):
        return kind, catalogues, no_builtin
    return None


def _global_options(args: Sequence[str]) -> tuple[int, list[str], bool] | None:
    """Where the command is in `args` (one past the end: a global option's value is being
    typed), the --catalogue files and --no-builtin given before it; None when an option
    before it is one the fast path leaves to the full CLI."""
    catalogues: list[str] = []
    no_builtin = False
    position = 0
    while position < len(args) and args[position].startswith("-"):
        option, _, value = args[position].partition("=")
        if option in GLOBAL_WITH_VALUE:
            if not value:
                position += 1
                if position >= len(args):
                    return position + 1, catalogues, no_builtin
                value = args[position]
            catalogues.append(value)
        elif option == "--no-builtin":
            no_builtin = True
        elif option not in GLOBAL_FLAGS:
            return None  # one of GLOBAL_FINAL, or unknown
        position += 1
    return position, catalogues, no_builtin


def named_already(args: Sequence[str]) -> set[str]:
    """The words after the command: a command that takes several roles (`compare bpm`)
    is not offered again a role it was given."""
    found = _global_options(args)
    return set(args[found[0] + 1 :]) if found is not None else set()


def _chooses_catalogues(arg: str) -> bool:
    return arg == "--no-builtin" or arg.partition("=")[0] in GLOBAL_WITH_VALUE


def _index_entries(
    kind: str, catalogues: list[str], no_builtin: bool, environ: Mapping[str, str]
) -> list[tuple[str, str]] | None:
    files = paths.user_files(catalogues, no_builtin=no_builtin, environ=environ)
    if no_builtin and not files:
        return None
    description = paths.stack_description(paths.stack_paths(not no_builtin, files))
    if description is None:
        return None
    index = paths.read_index(paths.cache_dir(environ), description)
    if index is None:
        return None
    with contextlib.suppress(KeyError, TypeError, ValueError):
        return [(str(value), str(name)) for value, name in index[kind]]
    return None  # an index from before this kind was listed, or damaged


def index_lists(catalogue: Catalogue) -> dict[str, list[list[str]]]:
    """What completion's index lists (the INDEXED kinds), each as [value, description]
    pairs: role and stakeholder ids with their names, and `concept_choices` per aspect."""
    lists = {
        ROLES: [[r.id, r.name] for r in catalogue.roles.values()],
        STAKEHOLDERS: [[s.id, s.name] for s in catalogue.stakeholders.values()],
    }
    for aspect in CONCEPT_ASPECTS:
        lists[aspect] = [[ident, label] for ident, label in concept_choices(catalogue, aspect)]
    return lists


def concept_choices(catalogue: Catalogue, aspect: str) -> list[tuple[str, str]]:
    """The concepts the roles' items in `aspect` name, in the vocabulary's order, each id
    with its label: what --skill, --tool and --background complete on both paths."""
    named = {
        ident
        for role in catalogue.roles.values()
        for ids in role.concepts.get(aspect, {}).values()
        for ident in ids
    }
    return [(c.id, c.label) for c in catalogue.concepts.values() if c.id in named]


# -- the answers, for every shell and both paths --------------------------------------------

_KEPT_ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -_.,/+():&"
_ASCII = {code: chr(code) if chr(code) in _KEPT_ASCII else " " for code in range(128)}
_ASCII[ord("'")] = "\u2019"  # "Founder's" reads the same with a typographic apostrophe
_ASCII[ord('"')] = ""
_ASCII[ord(";")] = ","  # "(repeatable; later wins)" keeps its pause
_COLONS = re.compile("::+")


def help_text(text: str) -> str:
    """A completion's description (a role's or stakeholder's name, an option's help) as
    inert text on one line, the same for every shell and both paths.

    zsh evaluates descriptions twice: Typer's script `eval`s the answer, then `_arguments`
    `eval`s its list inside double quotes. Rather than trust quoting through both levels, a
    description keeps only characters that mean nothing there, to a terminal or to a
    completion format: printable characters beyond ASCII (letters, digits and signs of any
    script) and, in ASCII, letters, digits, space and `-_.,/+():&`. `'` becomes U+2019 (a
    typographic apostrophe), `;` a comma, `"` goes, and anything else (`$`, a backquote or
    backslash, a newline, an escape sequence, a bidi control, ...) becomes a space. Runs of
    spaces shrink to one, and runs of colons too, so that PowerShell's `value:::help` split
    holds.
    """
    text = text.translate(_ASCII)
    if not text.isprintable():
        text = "".join(char if char.isprintable() else " " for char in text)
    return _COLONS.sub(":", " ".join(text.split()))


def offerable(value: str) -> bool:
    """Whether a completion value can be offered at all: on one line, with no controls, and
    without PowerShell's `:::` separator. Ids always can; nothing else pmroles offers is
    changed, since a value must reach the command line exactly as it is."""
    return value.isprintable() and ":::" not in value


def zsh_answer(items: Iterable[tuple[str, str]]) -> str:
    """What Typer's zsh script `eval`s: `_arguments` with each (value, description) pair,
    or `_files` when there is nothing to offer."""
    found = [_zsh_item(value, description) for value, description in items if offerable(value)]
    if not found:
        return "_files"
    return "_arguments '*: :((" + "\n".join(found) + "))'"


def _zsh_item(value: str, description: str) -> str:
    # `_describe` splits `value:description` at the first colon not escaped with `\`.
    quoted = _zsh_quote(value.replace("\\", "\\\\").replace(":", "\\:"))
    described = _zsh_quote(help_text(description))  # nothing left to quote, by design
    return f'"{quoted}":"{described}"' if described else f'"{quoted}"'


def _zsh_quote(text: str) -> str:
    """Text to stand inside "..." (evaluated by `_arguments`) inside '...' (evaluated by the
    script's `eval`): escape what double quotes give a meaning, then close, escape and
    reopen the single quotes around each `'`."""
    for special in ("\\", '"', "$", "`"):
        text = text.replace(special, "\\" + special)
    return text.replace("'", "'\\''")


def fish_line(value: str, description: str) -> str:
    """Typer's fish format: `value<TAB>description`, or the value alone."""
    described = help_text(description)
    return f"{value}\t{described}" if described else value


def powershell_line(value: str, description: str) -> str:
    """Typer's PowerShell format, `value:::tooltip`; the tooltip may not be empty."""
    return f"{value}:::{help_text(description) or ' '}"


def _print_lines(lines: Iterable[str]) -> None:
    """The lines as Typer's completion prints them: joined, and one newline after (so
    nothing to offer is an empty line)."""
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.write("\n".join(lines) + "\n")
        sys.stdout.flush()
