"""The completion fast path knows the CLI: `pmroles.complete` against the Click tree, both ways.

`pmroles.complete` answers a Tab press without building the CLI, from its own description of
which arguments and option values complete role or stakeholder ids (`ARGUMENTS`,
`OPTION_VALUES`) and which global options may come before a command (`GLOBAL_*`). Here that
description is held to the tree Typer builds from `pmroles.cli`: every parameter the tree
completes with role or stakeholder ids gets the same answer from the fast path, and the fast
path claims nothing the tree does not complete. Which completer a parameter has is found by
asking it, over a catalogue of one role and one stakeholder, so Typer's wrapping of the
completers does not matter.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
import typer.main

from pmroles import complete
from pmroles.cli import app

from .conftest import Invoke

SENTINELS = {"a-role": complete.ROLES, "a-stakeholder": complete.STAKEHOLDERS}
"""The one role and the one stakeholder of the catalogue the completers are asked about."""
CATALOGUE = "roles:\n  a-role: {name: A role}\nstakeholders:\n  a-stakeholder: {name: Some}\n"


@dataclass
class Tree:
    """What the CLI's Click tree completes with ids, and its global options."""

    arguments: dict[str, list[tuple[str | None, bool]]] = field(default_factory=dict)
    """Command -> (what it completes, whether it takes any number) for each positional
    argument, in order."""
    options: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """(command, option name) -> what it completes, for every option that takes a value."""
    global_flags: set[str] = field(default_factory=set)
    global_with_value: set[str] = field(default_factory=set)
    global_final: set[str] = field(default_factory=set)


def _completes(param: click.Parameter, ctx: click.Context) -> str | None:
    """ROLES, STAKEHOLDERS or None: what the parameter offers when nothing is typed yet."""
    offered = {str(item.value) for item in param.shell_complete(ctx, "")}
    kinds = {SENTINELS[value] for value in offered if value in SENTINELS}
    assert len(kinds) <= 1, f"{param.name} offers {offered}"
    return kinds.pop() if kinds else None


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tree]:
    home = tmp_path_factory.mktemp("tree")
    catalogue = home / "ids.yaml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CONFIG_HOME", str(home / "config"))
        env.setenv("XDG_CACHE_HOME", str(home / "cache"))
        env.delenv("PMROLES_CATALOGUE", raising=False)
        yield _walk(catalogue)


def _walk(catalogue: Path) -> Tree:
    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    # As during a real Tab press: parsed leniently, with the global options given.
    root_ctx = root.make_context(
        "pmroles", ["--no-builtin", "--catalogue", str(catalogue)], resilient_parsing=True
    )
    found = Tree()
    for param in root.get_params(root_ctx):
        assert isinstance(param, click.Option), param.name
        names = {*param.opts, *param.secondary_opts}
        # Options with a callback act at once and end the run (--version, --help, the
        # completion installers); the others are read by the command that runs.
        if param.callback is not None:
            found.global_final |= names
        elif param.is_flag:
            found.global_flags |= names
        else:
            found.global_with_value |= names
    for name, command in root.commands.items():
        ctx = command.make_context(name, [], parent=root_ctx, resilient_parsing=True)
        found.arguments[name] = []
        for param in command.get_params(ctx):
            if isinstance(param, click.Argument):
                found.arguments[name].append((_completes(param, ctx), param.nargs == -1))
            elif isinstance(param, click.Option) and not param.is_flag:
                for option in (*param.opts, *param.secondary_opts):
                    found.options[name, option] = _completes(param, ctx)
    return found


def _kind(args: list[str]) -> str | None:
    wanted = complete.what_to_complete(args, "")
    return None if wanted is None else wanted[0]


def _commands(tree: Tree) -> list[str]:
    claimed = {*complete.ARGUMENTS, *(command for command, _ in complete.OPTION_VALUES)}
    return sorted({*tree.arguments, *claimed})


def test_the_walk_finds_both_completers(tree: Tree) -> None:
    kinds = {kind for args in tree.arguments.values() for kind, _ in args}
    kinds |= set(tree.options.values())
    assert kinds == {complete.ROLES, complete.STAKEHOLDERS, None}


def _first_two_words(arguments: list[tuple[str | None, bool]]) -> list[str | None]:
    """What the first and the second word after a command complete: an argument that takes
    any number of words goes on completing."""
    words: list[str | None] = []
    for kind, any_number in arguments:
        words += [kind, kind] if any_number else [kind]
    return [*words, None, None][:2]


def test_every_command_argument_completes_as_in_the_tree(tree: Tree) -> None:
    for command in _commands(tree):
        first, second = _first_two_words(tree.arguments.get(command, []))
        assert _kind([command]) == first, f"pmroles {command} <Tab>"
        assert _kind([command, "x"]) == second, f"pmroles {command} x <Tab>"


def test_every_option_value_completes_as_in_the_tree(tree: Tree) -> None:
    for command, option in sorted({*tree.options, *complete.OPTION_VALUES}):
        expected = tree.options.get((command, option))
        assert _kind([command, option]) == expected, f"pmroles {command} {option} <Tab>"
        assert _kind([command, "--json", option]) == expected, f"after a flag: {option}"


def test_the_global_options_are_the_root_groups(tree: Tree) -> None:
    assert tree.global_flags == complete.GLOBAL_FLAGS
    assert tree.global_with_value == complete.GLOBAL_WITH_VALUE
    assert tree.global_final == complete.GLOBAL_FINAL


def test_global_options_before_a_command_are_read_or_end_completion(tree: Tree) -> None:
    for command in _commands(tree):
        expected = _kind([command])
        for flag in sorted(tree.global_flags):
            assert _kind([flag, command]) == expected, f"pmroles {flag} {command} <Tab>"
        for option in sorted(tree.global_with_value):
            for args in ([option, "ours.yaml", command], [f"{option}=ours.yaml", command]):
                wanted = complete.what_to_complete(args, "")
                assert (wanted and wanted[0]) == expected, " ".join(args)
                assert wanted is None or wanted[1] == ["ours.yaml"], " ".join(args)
        for final in sorted(tree.global_final):
            assert _kind([final, command]) is None, f"pmroles {final} {command} <Tab>"


@pytest.mark.parametrize("option", ["--version", "-h", "--help"])
def test_a_final_global_option_ends_the_run(invoke: Invoke, option: str) -> None:
    result = invoke(option, "schema")
    assert result.exit_code == 0, result.stderr
    assert "$schema" not in result.stdout


def _fast_spots() -> list[str]:
    """A command line for each place the fast path answers, ending where Tab is pressed."""
    lines = [
        f"pmroles {command} {'bpm ' if any_number else ''}"
        for command, (_, any_number) in complete.ARGUMENTS.items()
    ]
    lines += [f"pmroles {command} {option} " for command, option in complete.OPTION_VALUES]
    return lines


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", _fast_spots())
def test_the_fast_path_answers_as_the_full_cli_does(
    invoke: Invoke, capsys: pytest.CaptureFixture[str], shell: str, line: str
) -> None:
    env = {"_PMROLES_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(line.split()))}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    full = invoke(env=env)  # Typer's completion; it also builds the index the fast path reads
    assert full.exit_code == 0, full.stderr
    assert full.stdout.strip(), "the full CLI offers nothing here"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        assert complete.complete(os.environ), "the fast path declined"
    assert capsys.readouterr().out == full.stdout
