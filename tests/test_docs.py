"""docs/commands.md documents every command and every option the program has.

The commands and options come from the Click tree Typer builds, so a new command, option or
argument fails here until docs/commands.md has it: each command under a "## `pmroles NAME`"
heading whose section names every option string (long and short) and every argument and shows
an example; the program's own options under "## Global options".
"""

from __future__ import annotations

import re

import click
import pytest
import typer.main

from pmroles.cli import app

from .conftest import ROOT

COMMANDS_MD = ROOT / "docs" / "commands.md"
GLOBAL_OPTIONS = "Global options"
NOT_DOCUMENTED_HERE = {"--help", "-h", "--install-completion", "--show-completion"}
"""Help is the same everywhere; completion is Typer's and has its own section."""

COMMAND_TITLE = re.compile(r"`pmroles (?P<name>[a-z][a-z0-9-]*)`")


def _group() -> click.Group:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return group


def _mentions(params: list[click.Parameter]) -> list[str]:
    """What a section must name: every option string, and every argument as --help writes it."""
    names: list[str] = []
    for param in params:
        if isinstance(param, click.Option) and not param.hidden:
            names += [
                o for o in (*param.opts, *param.secondary_opts) if o not in NOT_DOCUMENTED_HERE
            ]
        elif isinstance(param, click.Argument):
            names.append(param.human_readable_name)
    return names


def required(group: click.Group) -> dict[str, list[str]]:
    """Section title -> the strings that section must hold."""
    titles = {GLOBAL_OPTIONS: _mentions(group.params)}
    for name, command in group.commands.items():
        if not command.hidden:
            titles[f"`pmroles {name}`"] = _mentions(command.params)
    return titles


def sections(text: str) -> dict[str, str]:
    """Each level-2 heading's title -> the text under it, up to the next level-2 heading.

    Lines inside fenced blocks are never headings: an example's output may hold "## ".
    """
    found: dict[str, str] = {}
    title: str | None = None
    body: list[str] = []
    fenced = False
    for line in [*text.splitlines(), "## (end)"]:
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            if title is not None:
                assert title not in found, f"two sections titled {title}"
                found[title] = "\n".join(body)
            title, body = line[3:].strip(), []
        else:
            body.append(line)
    return found


def mentioned(name: str, section: str) -> bool:
    """`name` as a whole word: `--catalog` is not found in `--catalogue`, nor `-f` in `--format`."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", section) is not None


def has_example(command: str, section: str) -> bool:
    """A checked output block for the command, or a `$ pmroles ... COMMAND` line."""
    output_block = rf"<!-- output(?:\(head=\d+\))?: {re.escape(command)}\b"
    console_line = rf"^\$ pmroles (?:\S+ )*?{re.escape(command)}\b"
    return re.search(f"{output_block}|{console_line}", section, re.MULTILINE) is not None


def undocumented(text: str, group: click.Group) -> list[str]:
    """Everything `group` has that `text` (a commands page) does not document; [] when complete."""
    found = sections(text)
    missing: list[str] = []
    for title, names in required(group).items():
        if title not in found:
            missing.append(f"no section '## {title}'")
            continue
        missing += [f"{title}: {name}" for name in names if not mentioned(name, found[title])]
        command = COMMAND_TITLE.fullmatch(title)
        if command and not has_example(command["name"], found[title]):
            missing.append(f"{title}: no example")
    return missing


@pytest.mark.parametrize("title", list(required(_group())))
def test_every_command_and_option_is_documented(title: str) -> None:
    text = COMMANDS_MD.read_text(encoding="utf-8")
    missing = [item for item in undocumented(text, _group()) if title in item]
    assert missing == [], f"document in {COMMANDS_MD.relative_to(ROOT)}: {missing}"


def test_no_section_names_a_command_that_does_not_exist() -> None:
    commands = set(_group().commands)
    for title in sections(COMMANDS_MD.read_text(encoding="utf-8")):
        command = COMMAND_TITLE.fullmatch(title)
        if command:
            assert command["name"] in commands, f"'## {title}': no such command"


def test_the_check_notices_a_missing_command_option_argument_or_example() -> None:
    text = COMMANDS_MD.read_text(encoding="utf-8")
    group = _group()
    assert undocumented(text, group) == []

    which = sections(text)["`pmroles which`"]
    assert undocumented(text.replace(which, "").replace("## `pmroles which`", "## Gone"), group)
    assert undocumented(text.replace("--only-differences", "--only-diffs"), group) == [
        "`pmroles compare`: --only-differences"
    ]
    assert undocumented(text.replace("--catalog`", "--catalogue`"), group) == [
        f"{GLOBAL_OPTIONS}: --catalog"
    ]
    assert "`pmroles init`: PATH" in undocumented(text.replace("PATH", "FILE"), group)
    schema = sections(text)["`pmroles schema`"]
    assert undocumented(text.replace(schema, "\nPrints the schema.\n"), group) == [
        "`pmroles schema`: no example"
    ]
