"""The command surface the fast path parses (`pmroles.surface`) is generated from the Typer
app, and this test holds the two equal. After changing a command's parameters, regenerate:

    PMROLES_UPDATE_GOLDEN=1 python -m pytest tests/test_surface.py
"""

from __future__ import annotations

import enum
import inspect
import json
import os
from pathlib import Path
from typing import Any

import click
import pytest
import typer.main

from pmroles import commands, surface
from pmroles.cli import app

from .conftest import ROOT
from .test_completion_tree import CATALOGUE, _walk

SURFACE = ROOT / "src" / "pmroles" / "surface.py"

HEADER = '''"""The command line's surface, for the fast path: GENERATED from the Typer app in
`pmroles.cli` by tests/test_surface.py, which fails while the two disagree. Do not edit;
regenerate with `PMROLES_UPDATE_GOLDEN=1 python -m pytest tests/test_surface.py`.

GLOBAL: the global options (before the command, or after it: see `pmroles.arguments`),
flag -> option.
COMMANDS: command name -> (function in `pmroles.commands`, arguments, options).
An argument is (name, nargs: 1 or -1 for all that remain, required, default).
An option is (name, kind, multiple, default, detail, callback), where kind is "flag",
"text", "path", "int" (detail: min and max), "choice" (detail: the choices) or "other",
and callback names the function in `pmroles.commands` that checks and converts the value
(or something else the fast path does not run).
COMPLETES: (command, argument name or option flag) -> what Tab offers for it: ids from
completion's index ("roles", "stakeholders", or "skills", "tools" and "background" for the
concepts the roles' items there name), "files", or one of CLOSED; "," after it when it
completes the last of comma-separated values. The fast path of completion
(`pmroles.complete`) reads it.
CLOSED: closed set (named after the parameter) -> the (value, description) pairs offered.
"""

# ruff: noqa: E501 - generated, one option a line
# fmt: off
from __future__ import annotations

TYPE_CHECKING = False  # not `typing`'s: completion runs on every Tab press and skips it
if TYPE_CHECKING:
    from typing import Any

    Option = tuple[Any, ...]
    Argument = tuple[str, int, bool, Any]

'''


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return tuple(_value(v) for v in value)
    return value


def _option(param: click.Option) -> tuple[Any, ...]:
    kind, detail = "other", None
    param_type = param.type
    if param.is_flag and isinstance(param_type, click.types.BoolParamType):
        kind = "flag"
    elif isinstance(param_type, click.Choice):
        # Only exact choices are taken: any other spelling goes to Typer.
        kind, detail = "choice", tuple(str(c) for c in param_type.choices)
    elif isinstance(param_type, click.IntRange):
        kind, detail = "int", (param_type.min, param_type.max)
        if param_type.min_open or param_type.max_open or param_type.clamp:
            kind = "other"
    elif param_type is click.INT:
        kind, detail = "int", (None, None)
    elif isinstance(param_type, click.Path):
        kind = "path"
    elif param_type is click.STRING:
        kind = "text"
    if param.nargs != 1 or param.secondary_opts or param.count:
        kind = "other"
    callback = param.callback.__name__.lstrip("_") if param.callback else None
    return (param.name, kind, param.multiple, _value(param.default), detail, callback)


def _options(command: click.Command, help_names: list[str]) -> dict[str, tuple[Any, ...]]:
    return {
        flag: _option(param)
        for param in command.params
        if isinstance(param, click.Option)
        for flag in param.opts
        if flag not in help_names
    }


def completes(
    catalogue: Path,
) -> tuple[dict[tuple[str, str], str], dict[str, tuple[tuple[str, str], ...]]]:
    """What each argument and option value of the app completes, and the closed sets, found
    by asking it over a catalogue of one id of each kind (see tests/test_completion_tree.py)."""
    tree = _walk(catalogue)
    found: dict[tuple[str, str], str] = {}
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    for name, command in group.commands.items():
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        for param, (kind, _any) in zip(arguments, tree.arguments[name], strict=True):
            if kind is not None:
                assert param.name is not None
                found[name, param.name] = kind
    for (name, option), kind in tree.options.items():
        if kind is not None:
            found[name, option] = kind
    return found, tree.closed


def generated(
    completions: dict[tuple[str, str], str], closed: dict[str, tuple[tuple[str, str], ...]]
) -> str:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    help_names = group.context_settings["help_option_names"]
    global_options = _options(group, help_names)
    table: dict[str, Any] = {}
    for name, command in group.commands.items():
        assert command.callback is not None
        arguments = tuple(
            (p.name, p.nargs, p.required, _value(p.default))
            for p in command.params
            if isinstance(p, click.Argument)
        )
        table[name] = (command.callback.__name__, arguments, _options(command, help_names))
    lines = ["GLOBAL: dict[str, Option] = {"]
    lines += [f"    {_py(flag)}: {_py(option)}," for flag, option in global_options.items()]
    lines += [
        "}",
        "",
        "COMMANDS: dict[str, tuple[str, tuple[Argument, ...], dict[str, Option]]] = {",
    ]
    for name, (function, arguments, options) in table.items():
        lines += [f"    {_py(name)}: (", f"        {_py(function)},", f"        {_py(arguments)},"]
        lines += ["        {"]
        lines += [f"            {_py(flag)}: {_py(option)}," for flag, option in options.items()]
        lines += ["        },", "    ),"]
    lines += ["}", "", "COMPLETES: dict[tuple[str, str], str] = {"]
    lines += [f"    {_py(key)}: {_py(kind)}," for key, kind in completions.items()]
    lines += ["}", "", "CLOSED: dict[str, tuple[tuple[str, str], ...]] = {"]
    for name, items in closed.items():
        lines += [f"    {_py(name)}: ("]
        lines += [f"        {_py(item)}," for item in items]
        lines += ["    ),"]
    lines += ["}", ""]
    return HEADER + "\n".join(lines)


def _py(value: Any) -> str:
    """`value` as Python source, strings in double quotes."""
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple):
        inner = ", ".join(_py(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def test_the_surface_is_the_typer_apps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = tmp_path / "ids.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PMROLES_CATALOGUE", raising=False)
    text = generated(*completes(catalogue))
    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        SURFACE.write_text(text, encoding="utf-8")
    assert SURFACE.read_text(encoding="utf-8") == text


def test_every_command_function_takes_the_parameters_the_surface_names() -> None:
    """The fast path passes what it parsed to `pmroles.commands` by the parameters' names;
    the output options go to `emit` instead."""
    output = {"output", "as_json", "export", "force", "width", "theme"}
    for name, (function, arguments, options) in surface.COMMANDS.items():
        if "--export" not in options:
            continue  # not a command the fast path serves
        taken = set(inspect.signature(getattr(commands, function)).parameters)
        wanted = {a[0] for a in arguments} | {o[0] for o in options.values()} - output
        assert wanted <= taken, (name, wanted - taken)
        for option in options.values():
            assert option[5] is None or hasattr(commands, option[5]), (name, option)
