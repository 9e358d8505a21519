"""The completion fast path knows the CLI: `pmroles.complete` against the Click tree, both ways.

`pmroles.complete` answers a Tab press without building the CLI, from its own description of
what each argument and option value completes (`ARGUMENTS`, `OPTION_VALUES`: role,
stakeholder or concept ids, a closed set of values, file names) and which global options
may come before a command (`GLOBAL_*`). Here that description is held to the tree Typer
builds from `pmroles.cli`: every parameter the tree completes gets the same answer from the
fast path, and the fast path claims nothing the tree does not complete. What a parameter
completes is found by asking its completer, over a catalogue of one role, one stakeholder
and one concept per aspect whose concepts complete, so Typer's wrapping of the completers
does not matter: a parameter offering one of those ids completes from the index, one
offering the same values whatever the catalogue offers a closed set (named after the
parameter), and a path completes file names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import pytest
import typer.main

from pmroles import complete, surface
from pmroles.cli import app

from .conftest import Invoke

SENTINELS = {
    "a-role": complete.ROLES,
    "a-stakeholder": complete.STAKEHOLDERS,
    "a-skill": "skills",
    "a-tool": "tools",
    "a-background": "background",
}
"""The ids of the catalogue the completers are asked about: one of each kind the index lists."""
CATALOGUE = """\
concepts:
  a-skill: {label: Skill one}
  a-tool: {label: Tool one}
  a-background: {label: Background one}
roles:
  a-role: {name: A role, skills: [a skill], tools: [a tool], background: [a background]}
stakeholders:
  a-stakeholder: {name: Some}
"""


@dataclass
class Tree:
    """What the CLI's Click tree completes, and its global options."""

    arguments: dict[str, list[tuple[str | None, bool]]] = field(default_factory=dict)
    """Command -> (what it completes, whether it takes any number) for each positional
    argument, in order."""
    options: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """(command, option name) -> what it completes, for every option that takes a value."""
    closed: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Closed set (a parameter's name) -> the (value, description) pairs it offers."""
    global_flags: set[str] = field(default_factory=set)
    global_with_value: set[str] = field(default_factory=set)
    global_final: set[str] = field(default_factory=set)


def _offered(param: click.Parameter, ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    return [(str(item.value), item.help or "") for item in param.shell_complete(ctx, incomplete)]


def _completes(param: click.Parameter, ctx: click.Context, closed: dict[str, Any]) -> str | None:
    """What the parameter completes: a kind of `complete.INDEXED`, `complete.FILES`, a
    closed set (recorded in `closed`, `complete.SEPARATED` after it when it completes the
    last of comma-separated values), or None."""
    if isinstance(param.type, click.Path):
        assert not _offered(param, ctx, ""), f"{param.name} offers more than files"
        return complete.FILES
    offered = _offered(param, ctx, "")
    if not offered:
        return None
    kinds = {SENTINELS.get(value) for value, _ in offered}
    if kinds != {None}:
        assert len(kinds) == 1, f"{param.name} offers {offered}"
        return kinds.pop()
    assert param.name is not None
    items = tuple(offered)
    assert closed.setdefault(param.name, items) == items, f"two sets named {param.name}"
    first = items[0][0]
    after = _offered(param, ctx, first + complete.SEPARATED)
    if after == [(first + complete.SEPARATED + value, text) for value, text in items]:
        return param.name + complete.SEPARATED
    return param.name


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
            assert isinstance(param.type, click.Path), param.name  # the fast path says FILES
    for name, command in root.commands.items():
        ctx = command.make_context(name, [], parent=root_ctx, resilient_parsing=True)
        found.arguments[name] = []
        for param in command.get_params(ctx):
            if isinstance(param, click.Argument):
                kind = _completes(param, ctx, found.closed)
                found.arguments[name].append((kind, param.nargs == -1))
            elif isinstance(param, click.Option) and not param.is_flag:
                for option in (*param.opts, *param.secondary_opts):
                    found.options[name, option] = _completes(param, ctx, found.closed)
    return found


def _kind(args: list[str]) -> str | None:
    wanted = complete.what_to_complete(args, "")
    return None if wanted is None else wanted[0]


def _commands(tree: Tree) -> list[str]:
    claimed = {*complete.ARGUMENTS, *(command for command, _ in complete.OPTION_VALUES)}
    return sorted({*tree.arguments, *claimed})


def test_the_walk_finds_every_kind(tree: Tree) -> None:
    kinds = {kind for args in tree.arguments.values() for kind, _ in args}
    kinds |= set(tree.options.values())
    closed = {kind for kind in kinds if kind and kind.rstrip(complete.SEPARATED) in tree.closed}
    assert kinds - closed == {*complete.INDEXED, complete.FILES, None}
    assert {kind.rstrip(complete.SEPARATED) for kind in closed} == set(tree.closed)
    assert not set(tree.closed) & {*complete.INDEXED, complete.FILES}


def test_every_option_that_takes_a_value_completes_something(tree: Tree) -> None:
    """Only numbers offer nothing (the shell then offers files, as it does for no answer)."""
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    for (command, option), kind in tree.options.items():
        if kind is None:
            param = next(p for p in group.commands[command].params if option in p.opts)
            assert isinstance(param.type, click.types.IntParamType), (command, option)


def test_the_closed_sets_are_the_surfaces(tree: Tree) -> None:
    assert tree.closed == surface.CLOSED
    assert [value for value, _ in surface.CLOSED["method"]] == ["agile", "sequential", "any"]
    assert [value for value, _ in surface.CLOSED["market"]] == ["b2c", "b2b", "b2g"]
    assert [value for value, _ in surface.CLOSED["horizon"]] == ["short", "medium", "long"]
    assert ("skills", "Skills") in surface.CLOSED["aspects"]


@pytest.mark.parametrize(
    ("option", "kind"),
    [("--skill", "skills"), ("--tool", "tools"), ("--background", "background")],
)
@pytest.mark.parametrize("command", ["list", "match"])
def test_the_person_options_complete_concepts(
    tree: Tree, command: str, option: str, kind: str
) -> None:
    assert tree.options[command, option] == kind
    assert complete.OPTION_VALUES[command, option] == kind


def test_the_aspects_complete_after_the_last_comma(tree: Tree) -> None:
    for command in ("show", "compare"):
        for option in ("--aspects", "-a"):
            assert complete.OPTION_VALUES[command, option] == "aspects" + complete.SEPARATED


def test_concepts_are_not_answered_fast_for_sourced_items_only() -> None:
    """The index lists the concepts of every item; --sourced-only leaves some out."""
    assert _kind(["list", "--skill"]) == "skills"
    assert _kind(["--sourced-only", "list", "--skill"]) is None
    assert _kind(["list", "--sourced-only", "--tool"]) is None
    assert _kind(["--sourced-only", "list", "--method"]) == "method"


def test_a_global_option_with_a_value_completes_files(tree: Tree) -> None:
    for option in sorted(tree.global_with_value):
        assert _kind([option]) == complete.FILES, f"pmroles {option} <Tab>"
        assert _kind(["show", option]) == complete.FILES, f"pmroles show {option} <Tab>"
        assert _kind(["--no-builtin", option]) == complete.FILES


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


OWN_CATALOGUE = """\
concepts:
  zz-coding: {label: Zz writing code}
  zz-hammer: {label: Zz hammer}
  zz-physics: {label: Zz physics}
roles:
  zz-dev:
    name: Zz developer PM
    skills: [zz coding in Python]
    tools: [the zz hammer]
    background: [a zz physics degree]
"""
"""A catalogue of one's own, laid over the built-in one: a concept for each aspect whose
concepts complete, named by one of its role's items (ids and labels of their own, so that
they name nothing the built-in vocabulary names)."""
OWN_CONCEPTS = {"skills": ["zz-coding"], "tools": ["zz-hammer"], "background": ["zz-physics"]}


def _typed(kind: str) -> str:
    """Something to have typed before Tab, for a word of this kind."""
    separated = kind.endswith(complete.SEPARATED)
    kind = kind.rstrip(complete.SEPARATED)
    if kind in surface.CLOSED:
        values = [value for value, _ in surface.CLOSED[kind]]
        if separated:
            return f"{values[0]},{values[1][:2]}"
        return values[-1][:1]
    return {"roles": "b", "stakeholders": "s", "files": "o"}.get(kind, "zz")


def _fast_spots() -> list[pytest.ParameterSet]:
    """Each place the fast path answers, as the words after `pmroles` up to where Tab is
    pressed, and what the word there completes."""
    spots = [
        ([command, *(["bpm"] if any_number else [])], kind)
        for command, (kind, any_number) in complete.ARGUMENTS.items()
    ]
    spots += [
        ([command, option], kind) for (command, option), kind in complete.OPTION_VALUES.items()
    ]
    spots += [([option], complete.FILES) for option in sorted(complete.GLOBAL_WITH_VALUE)]
    spots += [(["show", "tpm", "--catalogue"], complete.FILES)]
    found = []
    for words, kind in spots:
        for incomplete in ("", _typed(kind)):
            line = " ".join(["pmroles", *words, incomplete])
            found.append(pytest.param(line, kind, id=line.removeprefix("pmroles ")))
    return found


@pytest.fixture
def own(tmp_path: Path) -> Path:
    path = tmp_path / "own.yaml"
    path.write_text(OWN_CATALOGUE, encoding="utf-8")
    return path


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "fish-is-args"])
@pytest.mark.parametrize(("line", "kind"), _fast_spots())
def test_the_fast_path_answers_as_the_full_cli_does(
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
    own: Path,
    shell: str,
    line: str,
    kind: str,
) -> None:
    # Over the built-in catalogue and one's own, which has concepts whatever the built-in
    # vocabulary holds; the catalogue is named on the line, unless it is the word to complete.
    if kind != complete.FILES:
        line = line.replace("pmroles ", f"pmroles --catalogue {own} ", 1)
    fish_action = "is-args" if shell == "fish-is-args" else "get-args"
    shell = shell.removesuffix("-is-args")
    env = {"_PMROLES_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split()
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - (not line.endswith(" ")))}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": fish_action}
    full = invoke(env=env)  # Typer's completion; it also builds the index the fast path reads
    assert full.exit_code in (0, 1), full.stderr
    if line.endswith(" ") and kind != complete.FILES and fish_action == "get-args":
        assert full.stdout.strip(), "the full CLI offers nothing here"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        try:
            assert complete.complete(os.environ), "the fast path declined"
            status = 0
        except SystemExit as end:  # fish asking whether there is anything to offer
            status = int(end.code or 0)
    assert (status, capsys.readouterr().out) == (full.exit_code, full.stdout)


@pytest.mark.parametrize("aspect", complete.CONCEPT_ASPECTS)
def test_the_concepts_offered_are_those_the_roles_items_name(
    invoke: Invoke, own: Path, aspect: str
) -> None:
    option = {"skills": "--skill", "tools": "--tool", "background": "--background"}[aspect]
    line = f"pmroles --catalogue {own} list {option} "
    env = {"_PMROLES_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = invoke(env={**env, "_TYPER_COMPLETE_ARGS": line})
    assert result.exit_code == 0, result.stderr
    offered = dict(row.split("\t") for row in result.stdout.splitlines())
    for ident in OWN_CONCEPTS[aspect]:
        assert offered[ident].startswith("Zz ")
    others = {i for a, ids in OWN_CONCEPTS.items() if a != aspect for i in ids}
    assert not others & set(offered)


def test_values_offers_what_it_takes() -> None:
    from pmroles.answers.values import resolve

    if "values" not in complete.ARGUMENTS:
        pytest.skip("no `values` command yet")
    kind, _ = complete.ARGUMENTS["values"]
    offered = [value for value, _ in surface.CLOSED[kind]]
    assert "skills" in offered
    assert "concepts" in offered
    for value in offered:
        assert resolve(value) == value


def test_a_role_already_given_is_not_offered_again(
    invoke: Invoke, capsys: pytest.CaptureFixture[str]
) -> None:
    """`compare bpm tpm <TAB>` offers the other roles, not bpm or tpm again, both ways."""
    env = {"_PMROLES_COMPLETE": "complete_bash", "COMP_WORDS": "pmroles compare bpm tpm "}
    env["COMP_CWORD"] = "4"
    result = invoke(env=env)  # the full CLI; it also builds the index the fast path reads
    assert result.exit_code == 0, result.stderr
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        assert complete.complete(os.environ), "the fast path declined"
    fast = capsys.readouterr().out
    assert fast == result.stdout
    offered = fast.split()
    assert "bpm" not in offered
    assert "tpm" not in offered
    assert {"pm", "po", "pmm"} <= set(offered)
