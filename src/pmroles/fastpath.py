"""The fast path: the ordinary forms of every command that prints a view, without Typer.

Importing Typer and Click takes longer than all pmroles does for `show tpm`, so `pmroles.entry`
first offers the command line to `run`. It parses it against `pmroles.surface`, the
description of the command line generated from the Typer app, calls the same function in
`pmroles.commands` the Typer command calls and prints with the same `emit`. No command is
written here.

It takes only what it fully understands: the global options, a command that prints a view
(one that has --export), its arguments, and its options in their plain forms (`--opt value`,
`--opt=value`, `-f value`), with values it can check exactly as Click would. `run` returns
None for anything else (help, completion, an unknown or malformed option, output options
that disagree, an option with a check of Typer's own) and for anything that goes wrong
before output (an unknown name, a usage problem, a form the command lacks, a catalogue that
cannot be loaded, an export file that is there): the full CLI then starts over and owns
every message. Failures of the output itself end the run as
`pmroles.exits` says, raised to `pmroles.entry`.

Warnings (the config file skipped, the catalogue's) are printed as the full CLI prints
them, through `pmroles.notices`, once the command has its answer and just before the
answer is written: so a run that falls back has printed nothing yet, and once they are
out, an error met while writing ends the run here, with the message the full CLI gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pmroles.model import Catalogue
    from pmroles.render.report import Output

_OUTPUT_OPTIONS = ("output", "as_json", "export", "force", "width", "theme")
"""The parameters that say how to print (for `emit`), not what to answer; a command's
function gets those it takes too (`map` draws its picture to --width)."""


class Call(NamedTuple):
    """A command line the fast path can serve."""

    function: str
    """The function in `pmroles.commands`."""
    arguments: dict[str, Any]
    """Its arguments by name, with the command line's defaults for what was not given."""
    output: Output
    catalogues: tuple[str, ...]
    no_builtin: bool
    quiet: bool = False
    """No warnings (--quiet)."""
    sourced_only: bool = False
    """Without editorial items (--sourced-only)."""


def run(argv: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """Serve `argv` and return the exit status; None to let the full CLI run it."""
    call = parse(argv)
    if call is None:
        return None
    import sys

    from pmroles import commands
    from pmroles.errors import PmrolesError
    from pmroles.exits import ExitStatus, outcome, write
    from pmroles.render.report import check, emit

    warnings: list[str] = []

    def load() -> Catalogue:
        catalogue, text = _catalogue(call, environ)
        warnings.append(text)
        return catalogue

    try:
        report = getattr(commands, call.function)(load, **call.arguments)
        check(report, call.output)  # a form the command lacks: Typer's to say
    except MemoryError:
        raise  # the loader's OutOfMemoryError too: the full CLI would only load and fail again
    except PmrolesError:
        return None
    if any(warnings):
        write(sys.stderr, "".join(warnings))
    try:
        emit(report, call.output)  # raises a PmrolesError only before writing anything
    except MemoryError:
        raise
    except PmrolesError as error:
        ended = outcome(error)
        if not any(warnings) or ended is None:
            return None
        # The warnings are out and the full CLI would print them again: end as it would.
        write(sys.stderr, ended.message)
        return ended.status
    return ExitStatus.OK


def _catalogue(call: Call, environ: Mapping[str, str]) -> tuple[Catalogue, str]:
    """The layered catalogue, and the warnings to print about it (the full CLI's bytes)."""
    from pmroles.catalogue.paths import config_warning
    from pmroles.catalogue.stack import load_cached, stack_for

    stack = stack_for(call.catalogues, no_builtin=call.no_builtin, environ=environ)
    skipped = config_warning(environ) if stack.builtin and not call.quiet else None
    catalogue, warnings = load_cached(stack, environ)
    text = "" if skipped is None else _inert(skipped) + "\n"
    if warnings and not call.quiet:
        from pmroles.notices import warning_text

        text += warning_text(warnings)
    if call.sourced_only:
        from pmroles.model import sourced_only

        catalogue = sourced_only(catalogue)
    return catalogue, text


def _inert(text: str) -> str:
    from pmroles.render.text import inert

    return inert(text)


# -- parsing ---------------------------------------------------------------------------------


def parse(argv: Sequence[str]) -> Call | None:
    """The call `argv` asks for, if the fast path can serve it; None otherwise."""
    from pmroles import commands
    from pmroles.arguments import MissingValue, hoist
    from pmroles.errors import PmrolesError
    from pmroles.render.report import Output, chosen_format, window_title
    from pmroles.surface import COMMANDS, GLOBAL

    try:
        argv = hoist(argv, GLOBAL, COMMANDS)
    except MissingValue:
        return None  # the full CLI says what is missing
    settings: dict[str, Any] = {}
    position: int | None = 0
    while position is not None and position < len(argv) and argv[position].startswith("-"):
        position = _take(GLOBAL, argv, position, settings)
    if position is None or position >= len(argv) or argv[position] not in COMMANDS:
        return None
    position_of_command = position
    function, arguments, options = COMMANDS[argv[position]]
    if "--export" not in options:
        return None  # validate, init, schema: not a view, and no hurry
    values: dict[str, Any] = {}
    positional: list[str] = []
    position += 1
    while position is not None and position < len(argv):
        if argv[position].startswith("-"):
            position = _take(options, argv, position, values)
        else:
            positional.append(argv[position])
            position += 1
    if position is None:
        return None
    for name, nargs, required, default in arguments:
        if nargs == -1:
            values[name], positional = positional, []
        elif positional:
            values[name] = positional.pop(0)
        else:
            values[name] = default
        if required and not values[name]:
            return None
    if positional:
        return None  # extra arguments: Typer says so
    for dest, _kind, _multiple, default, _detail, callback in options.values():
        if dest not in values:
            values[dest] = default
        if callback is not None:
            if not hasattr(commands, callback):
                return None
            try:
                values[dest] = getattr(commands, callback)(values[dest])
            except PmrolesError:  # a usage problem: Typer reports it
                return None
    chosen, as_json, export, force, width, theme = (
        values.pop(name, None) for name in _OUTPUT_OPTIONS
    )
    if "width" in _parameters(getattr(commands, function)):
        values["width"] = width
    try:
        form = chosen_format(chosen, bool(as_json), export, theme)
    except PmrolesError:  # options that disagree: Typer's to say
        return None
    if export is not None:
        from pathlib import Path  # only for an export: nothing else needs pathlib

        export = Path(export)
    return Call(
        function,
        values,
        Output(
            form,
            export,
            bool(force),
            no_color=bool(settings.get("no_color")),
            pager=not settings.get("no_pager"),
            width=width,
            theme=theme or "light",
            command=argv[position_of_command],
            title=window_title(argv) if form == "svg" else "pmroles",
        ),
        tuple(settings.get("catalogue", ())),
        bool(settings.get("no_builtin")),
        bool(settings.get("quiet")),
        bool(settings.get("sourced_only")),
    )


def _parameters(function: Any) -> tuple[str, ...]:
    """The names of `function`'s parameters (without importing inspect)."""
    code = function.__code__
    return tuple(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])


def _take(
    options: Mapping[str, tuple[Any, ...]],
    argv: Sequence[str],
    position: int,
    values: dict[str, Any],
) -> int | None:
    """Read the option at `position` into `values`: where the next word is, or None if this
    option is not one the fast path takes as written."""
    word = argv[position]
    flag, equals, inline = word.partition("=") if word.startswith("--") else (word, "", "")
    spec = options.get(flag)
    if spec is None:
        return None
    dest, kind, multiple, _default, detail, callback = spec
    if kind == "flag":
        if equals or callback is not None:
            return None  # --version and the completion installers are Typer's
        values[dest] = True
        return position + 1
    if equals:
        raw, after = inline, position + 1
    elif position + 1 < len(argv):
        raw, after = argv[position + 1], position + 2
    else:
        return None
    value = _value(kind, detail, raw)
    if value is None:
        return None
    if multiple:
        values.setdefault(dest, []).append(value)
    else:
        values[dest] = value
    return after


def _value(kind: str, detail: Any, raw: str) -> str | int | None:
    """`raw` as Click would convert it, when that is certain; None otherwise."""
    if raw.startswith("-"):
        return None
    if kind == "text":
        return raw
    if kind == "choice":
        return raw if raw in detail else None
    if kind == "int":
        if not (raw.isascii() and raw.isdigit()):
            return None
        number, (low, high) = int(raw), detail
        too_low = low is not None and number < low
        return None if too_low or (high is not None and number > high) else number
    if kind == "path" and _plain_path(raw):
        return raw
    return None


def _plain_path(raw: str) -> bool:
    """Whether `raw` is the same text once Typer has made a pathlib.Path of it (which the
    full CLI passes on, and which `which` prints), so pathlib need not be imported."""
    return (
        raw not in ("", ".")
        and "//" not in raw
        and "/./" not in raw
        and not raw.startswith("./")
        and not raw.endswith(("/", "/."))
    )
