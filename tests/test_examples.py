"""Every example command in the README and in docs/*.md runs, and does what its page says.

tests/test_readme.py compares the output of the `<!-- output: ARGS -->` blocks, but most
examples are elsewhere: code spans in prose and tables (`pmroles compare pm po --format json`),
`$ pmroles ...` lines in console blocks, `pmroles ...` in shell blocks. Nothing ran those, so
an option could be renamed or a role id dropped while the pages kept showing the old command.
This module finds them all and runs each one: it must exit 0, unless it is one of the few
failures the pages document on purpose (`DOCUMENTED_FAILURES`), and then it must fail with the
status and the messages the page shows.

Synopses (`pmroles show ROLE [--aspects A,B]`) describe a command rather than run it; they are
recognised by `is_synopsis` and skipped. So are command names: in headings ("## `pmroles
show`") and, by `names_a_command`, in prose ("`pmroles init` does both for you").
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import click
import pytest
import shellingham  # type: ignore[import-untyped]
import typer.main
from click.testing import Result

from pmroles.cli import app

from .conftest import ROOT, Invoke

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

MIN_EXAMPLES = 40
"""The pages hold about 70: far fewer means the extractor broke, not that the docs shrank."""

SHELL_BLOCKS = {"console", "sh", "shell", "bash", "zsh", "fish"}
"""Fence info strings whose lines are commands; `text`, `yaml` and untagged blocks are not."""

METAVARIABLES = {
    "A,B",
    "ARGS",
    "ASPECT",
    "B",
    "COMMAND",
    "DIR",
    "FILE",
    "FORMAT",
    "H",
    "M",
    "N",
    "NAME",
    "PATH",
    "ROLE",
    "ROLES",
    "S",
    "T",
    "TEXT",
    "THIS_FILE",
}
"""The placeholders the pages' synopses use. A list rather than "any upper-case word", so an
example with an upper-case value (`--market B2B`, `-a DAY_TO_DAY`) is still run."""

_FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,})(?P<info>[\w+-]*)")
_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)(?P<code>.+?)(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_ENV = r"(?:[A-Z_][A-Z0-9_]*=\S* )*"
"""`PMROLES_PAGER= pmroles show tpm`: variables set for the one command."""
_COMMAND = re.compile(rf"^{_ENV}pmroles\s")
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_DELIMITER_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_COMMANDS_HEADER = "commands"
"""A table column with this header (the README's "Who uses what") lists commands without
their `pmroles`; the "command" columns elsewhere list command names, not examples."""


@dataclass(frozen=True)
class Example:
    """One example command as a page shows it."""

    page: str
    """Relative to the repository, e.g. docs/commands.md."""
    line: int
    command: str
    """As written, `pmroles` first, whitespace folded; env assignments before it kept."""
    shown: tuple[str, ...] = ()
    """In a console block, the lines the page shows after the command."""
    before: tuple[str, ...] = ()
    """The commands earlier in the same fenced block: they run first, in the same directory."""
    nth: int = 1
    """Which example of its line it is: a line may hold two."""

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}" + (f"#{self.nth}" if self.nth > 1 else "")


def is_synopsis(command: str) -> bool:
    """True when `command` describes a command's form rather than being one to run.

    A synopsis has a placeholder (`ROLE`, `FILE.svg`, `ROLES...`), an optional part
    (`[--sources]`), a repetition (`ROLES...`) or alternatives (`table|json`). Quoted words are
    values, never placeholders, and ` | ` between words is a pipe, not alternatives.
    """
    try:
        words = shlex.split(command, posix=False)
    except ValueError:
        return False
    for word in words:
        if word.startswith(("'", '"')):
            continue
        bare = word.split("=", 1)[-1]  # --catalogue=FILE
        stem = bare.removesuffix("...").split(".", 1)[0]  # ROLES..., FILE.svg
        if (
            bare in METAVARIABLES
            or stem in METAVARIABLES
            or bare.startswith("[")
            or bare.endswith(("]", "..."))
            or (word != "|" and "|" in word)
        ):
            return True
    return False


def names_a_command(command: str) -> bool:
    """True for `pmroles init` in "`pmroles init` does both for you": a command that cannot run
    without its required argument, written without it, is the command's name, not an example."""
    words = command.split()
    group = typer.main.get_command(app)
    if len(words) != 2 or not isinstance(group, click.Group):
        return False
    named = group.commands.get(words[1])
    return named is not None and any(
        isinstance(param, click.Argument) and param.required for param in named.params
    )


def _fold(code: str) -> str:
    return " ".join(code.split())


def _blank_fences(text: str) -> str:
    """The page with every fenced block's lines emptied, so spans are only found in prose and
    line numbers stay right."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match["ticks"]
            out.append("")
        elif fence is not None:
            if line.strip() == fence:
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _in_commands_column(lines: list[str], row: int, offset: int) -> bool:
    """Whether character `offset` of line `row` is in a table's "commands" column."""
    if not _TABLE_ROW.match(lines[row]):
        return False
    start = row
    while start > 0 and _TABLE_ROW.match(lines[start - 1]):
        start -= 1
    if start + 1 >= len(lines) or not _DELIMITER_ROW.match(lines[start + 1]):
        return False
    header = [cell.strip() for cell in lines[start].strip().strip("|").split("|")]
    # An escaped `\\|` or a `|` inside a code span does not start a cell.
    masked = _SPAN.sub(lambda m: "x" * len(m[0]), lines[row].replace("\\|", "xx"))
    cell = masked[:offset].lstrip().removeprefix("|").count("|")
    return cell < len(header) and header[cell] == _COMMANDS_HEADER


def _inline(page: str, text: str) -> Iterator[Example]:
    prose = _blank_fences(text)
    lines = prose.split("\n")
    for match in _SPAN.finditer(prose):
        line = prose.count("\n", 0, match.start())
        if lines[line].startswith("#"):
            continue  # "## `pmroles show`" names a section; it is not an example
        code = _fold(match["code"])
        if not _COMMAND.match(code):
            offset = match.start() - (prose.rfind("\n", 0, match.start()) + 1)
            # Elsewhere a span without `pmroles` is a name or a fragment (`compare --aspects`),
            # and in the commands column an option alone (`--json`) names an option.
            if code.startswith("-") or not _in_commands_column(lines, line, offset):
                continue
            code = f"pmroles {code}"
        yield Example(page, line + 1, code)


def _fenced(page: str, text: str) -> Iterator[Example]:
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        index += 1
        if not match:
            continue
        fence, indent = match["ticks"], len(match["indent"])
        body: list[tuple[int, str]] = []
        while index < len(lines) and lines[index].strip() != fence:
            body.append((index + 1, lines[index][indent:]))
            index += 1
        index += 1
        if match["info"] not in SHELL_BLOCKS:
            continue
        yield from _shell_block(page, body)


def _shell_block(page: str, body: list[tuple[int, str]]) -> Iterator[Example]:
    """Commands of a shell block: `$ ` lines (the lines after one, up to the next, are what
    it prints) or, in a block without prompts, every line; `a && pmroles b` yields `pmroles b`
    (the README's quick start installs first: test_readme's quick-start test covers that)."""
    prompted = any(line.startswith("$ ") for _, line in body)
    found: list[tuple[int, str, list[str]]] = []
    shown: list[str] | None = None
    for number, line in body:
        if prompted and not line.startswith("$ "):
            if shown is not None:
                shown.append(line)
            continue
        shown = None  # what another program (`$ cat ours.yaml`) prints is not pmroles'
        for part in line.removeprefix("$ ").split("&&"):
            command = _fold(part)
            if _COMMAND.match(command):
                shown = []
                found.append((number, command, shown))
    for position, (number, command, shown) in enumerate(found):
        before = tuple(earlier for _, earlier, _ in found[:position])
        yield Example(page, number, command, tuple(shown), before)


def extract(page: str, text: str) -> list[Example]:
    """Every example command of one page, in the order of the page; synopses and the bare
    names of commands left out."""
    examples = sorted(
        (
            example
            for example in [*_inline(page, text), *_fenced(page, text)]
            if not is_synopsis(example.command) and not names_a_command(example.command)
        ),
        key=lambda example: example.line,
    )
    lines = [example.line for example in examples]
    return [
        replace(example, nth=lines[:position].count(example.line) + 1)
        for position, example in enumerate(examples)
    ]


def _all_examples() -> list[Example]:
    return [
        example
        for page in PAGES
        for example in extract(page.relative_to(ROOT).as_posix(), page.read_text("utf-8"))
    ]


EXAMPLES = _all_examples()


@dataclass(frozen=True)
class Run:
    """What pmroles gets from an example's command line: its arguments and the variables set
    for it. A pipe's other programs and a redirection's file are the shell's business."""

    args: list[str]
    env: dict[str, str | None]
    stdout_elsewhere: bool = False
    """The command line sends standard output to a file (`> /dev/null`): the terminal
    shows only what goes to standard error."""


def parse(command: str) -> Run:
    """The arguments pmroles gets from `command`, as a shell would give them."""
    words = shlex.split(command, comments=True)
    env: dict[str, str | None] = {}
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[:1] == ["pmroles"], command
    args: list[str] = []
    elsewhere = False
    rest = iter(words[1:])
    for word in rest:
        if word in {"|", "&&", ";"}:
            break  # `| jq ...`, `| head`: what follows is another program
        if word in {">", ">>", "2>", "<"}:
            next(rest, None)  # `> catalogue.schema.json`: the shell's file, not pmroles'
            elsewhere = elsewhere or word in {">", ">>"}
            continue
        if re.fullmatch(r"\d?>>?\S+|<\S+", word):
            elsewhere = elsewhere or word.startswith(">")
            continue
        args.append(word)
    return Run(args, env, elsewhere)


# -- the files the pages' examples use ------------------------------------------------------------

STARTER = "init ours.yaml"
"""`ours.yaml` is, unless the page shows otherwise, the starter this writes: "With the starter
file `pmroles init ours.yaml` writes" (commands.md), and own-roles.md starts from it too."""

# commands.md's `validate` block shows three problems at exact positions; this is the file
# they describe (role `x`, `skils` at 4:5, `sale` at 5:20, `b: c` at 6:17).
BROKEN_OURS = """\
roles:
  x:
    name: X
    skils: [a]
    interactions: [sale]
    skills: [a, b: c]
"""


def _many_warnings(directory: Path) -> None:
    """commands.md's warnings example: 4000 roles r0, r1... each naming stakeholder 'salez',
    one a line, 'salez' at column 37 as the page shows, so 3995 are not shown."""
    lines = ["roles:"]
    lines += [f"  r{n}: {{name: Role {n}, interactions: [salez]}}" for n in range(4000)]
    (directory / "ours.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _builtin_copy(directory: Path) -> None:
    """`--no-builtin --catalogue=f.yaml` with bpm and tpm: f.yaml is a whole catalogue."""
    shutil.copy(ROOT / "data" / "roles.yaml", directory / "f.yaml")


def _write(name: str, text: str) -> Callable[[Path], None]:
    def write(directory: Path) -> None:
        (directory / name).write_text(text, encoding="utf-8")

    return write


FILES: dict[tuple[str, str, int], Callable[[Path], None]] = {
    ("docs/commands.md", "pmroles validate ours.yaml", 1): _write("ours.yaml", BROKEN_OURS),
    ("docs/commands.md", "pmroles list --catalogue ours.yaml > roles.txt", 1): _many_warnings,
    ("docs/commands.md", "pmroles compare bpm --no-builtin --catalogue=f.yaml tpm", 1): (
        _builtin_copy
    ),
}
"""(page, command, its occurrence on the page) -> what writes the files it runs with, where
that is not the starter: the page's shown output describes another file, or it needs one."""


DOCUMENTED_FAILURES: dict[tuple[str, str, int], int] = {
    # "Anything else is a usage error (exit 2)", shown in the closed-sets console block.
    ("docs/commands.md", "pmroles list --method scrum", 1): 2,
    ("docs/commands.md", 'pmroles show tpm -a "dya to day"', 1): 2,
    # "a word that is the value of a command's option stays that value (... looks for the
    # skill "--no-color")": a skill no role lists is "a data problem", exit 1.
    ("docs/commands.md", "pmroles list --skill --no-color", 1): 1,
    # The init console block: the second `init` finds the first one's file and says so.
    # (The first occurrence on the page is the inline "With the starter file `pmroles init
    # ours.yaml` writes", the second the block's first line.)
    ("docs/commands.md", "pmroles init ours.yaml", 3): 1,
    # The validate block shows a file with two errors: "Exit 1 when it has errors".
    ("docs/commands.md", "pmroles validate ours.yaml", 1): 1,
    # A directory holding files the site did not write is refused without --force.
    ("docs/site.md", "pmroles site .", 1): 1,
}
"""(page, command, its occurrence on the page) -> the exit status the page documents."""


def _occurrence(example: Example) -> int:
    return [
        other.id
        for other in EXAMPLES
        if (other.page, other.command) == (example.page, example.command)
    ].index(example.id) + 1


def _expected_exit(example: Example) -> int:
    return DOCUMENTED_FAILURES.get((example.page, example.command, _occurrence(example)), 0)


def _matches(shown: tuple[str, ...], actual: list[str]) -> bool:
    """Whether the lines a page shows are `actual`, where a line `...` stands for any lines
    and a line ending in `...` for any line that starts with what comes before."""
    if not shown:
        return not actual
    head, rest = shown[0], shown[1:]
    if head == "...":
        return any(_matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    if not actual:
        return False
    if head.endswith("...") and head != actual[0]:
        return actual[0].startswith(head.removesuffix("...")) and _matches(rest, actual[1:])
    return head == actual[0] and _matches(rest, actual[1:])


def _run(invoke: Invoke, command: str) -> Result:
    run = parse(command)
    # The pages show output at 80 columns, as the README's output blocks are.
    return invoke(*run.args, env={"COLUMNS": "80", **run.env})


def _prepare(invoke: Invoke, example: Example, directory: Path) -> None:
    """Give the example what its page says it runs with."""
    key = (example.page, example.command, _occurrence(example))
    if key in FILES:
        FILES[key](directory)
    for earlier in example.before:
        _run(invoke, earlier)  # the block's earlier commands; their own tests check them
    args = parse(example.command).args
    uses_ours = any("ours.yaml" in arg for arg in args)
    if uses_ours and args[:1] != ["init"] and not (directory / "ours.yaml").exists():
        result = _run(invoke, f"pmroles {STARTER}")
        assert result.exit_code == 0, result.stderr


@pytest.fixture
def in_tmp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Examples write files (`init ours.yaml`, `--export x.svg`), and `--install-completion`
    writes to $HOME for "the current shell": taken to be bash, so the example does not depend
    on which program (a shell, an IDE, CI) started pytest."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("bash", "/bin/bash"))
    return tmp_path


def test_the_pages_have_examples() -> None:
    assert len(EXAMPLES) > MIN_EXAMPLES, [example.id for example in EXAMPLES]
    by_page = {example.page for example in EXAMPLES}
    assert {"README.md", "docs/commands.md", "docs/own-roles.md"} <= by_page


def test_every_documented_failure_is_an_example() -> None:
    examples = {(e.page, e.command, _occurrence(e)) for e in EXAMPLES}
    assert set(DOCUMENTED_FAILURES) <= examples, set(DOCUMENTED_FAILURES) - examples


def test_every_file_arrangement_is_used() -> None:
    examples = {(e.page, e.command, _occurrence(e)) for e in EXAMPLES}
    assert set(FILES) <= examples, set(FILES) - examples


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.id)
def test_example_runs_as_documented(invoke: Invoke, in_tmp_dir: Path, example: Example) -> None:
    _prepare(invoke, example, in_tmp_dir)
    result = _run(invoke, example.command)
    expected = _expected_exit(example)
    assert result.exit_code == expected, (
        f"{example.id}: `{example.command}` exited {result.exit_code}, expected {expected}\n"
        f"stderr: {result.stderr}\nexception: {result.exception!r}"
    )
    if example.shown:
        # A page shows what the terminal gets: any data, then the messages; a success's
        # shown output is checked too, so a page cannot go stale.
        shown_stdout = [] if parse(example.command).stdout_elsewhere else result.stdout.splitlines()
        terminal = shown_stdout + result.stderr.splitlines()
        assert _matches(example.shown, terminal), (
            f"{example.id}: the page shows\n" + "\n".join(example.shown) + "\nbut pmroles "
            "printed\n" + "\n".join(terminal)
        )


# -- the extractor itself --------------------------------------------------------------------------

SYNTHETIC = """\
# Title

## `pmroles show`

`pmroles show ROLE [--sources]` is the form; `pmroles nosuchcommand --now` is not a command,
`pmroles list --market B2B` is, and so is `pmroles compare bpm
tpm` over two lines.

| you are | commands |
|---|---|
| `similar po` reader | [`show tpm`](x.md), `--json`, `search "a \\| b"` |

```console
$ pmroles show tpm | head -3
$ pmroles list --method scrum
Error: Invalid value
$ cat ours.yaml
roles: {}
```

```text
`pmroles from-a-text-block`
```

```sh
python -m pip install . && pmroles map
```
"""


def test_the_extractor_finds_examples_and_skips_synopses() -> None:
    found = {example.command: example for example in extract("x.md", SYNTHETIC)}
    assert list(found) == [
        "pmroles nosuchcommand --now",
        "pmroles list --market B2B",
        "pmroles compare bpm tpm",
        "pmroles show tpm",
        'pmroles search "a \\| b"',
        "pmroles show tpm | head -3",
        "pmroles list --method scrum",
        "pmroles map",
    ]
    assert found["pmroles compare bpm tpm"].line == 6
    assert found["pmroles list --method scrum"].shown == ("Error: Invalid value",)
    assert found["pmroles list --method scrum"].before == ("pmroles show tpm | head -3",)


def test_a_bogus_example_would_fail(invoke: Invoke) -> None:
    bogus = extract("x.md", SYNTHETIC)[0]
    assert _run(invoke, bogus.command).exit_code != 0


@pytest.mark.parametrize(
    ("command", "synopsis"),
    [
        ("pmroles show ROLE", True),
        ("pmroles compare ROLES... [--full]", True),
        ("pmroles validate [FILE] [--strict]", True),
        ("pmroles show tpm --export FILE.svg", True),
        ("pmroles --catalogue=FILE list", True),
        ("pmroles matrix --by stakeholder|responsibility", True),
        ("pmroles list --market B2B", False),
        ('pmroles search "ROLE"', False),
        ("pmroles show tpm | head -1", False),
    ],
)
def test_synopses_are_told_from_examples(command: str, synopsis: bool) -> None:
    assert is_synopsis(command) is synopsis


def test_a_command_line_becomes_arguments() -> None:
    assert parse("pmroles schema > catalogue.schema.json").args == ["schema"]
    assert parse("pmroles list --json | jq '.roles[].id'").args == ["list", "--json"]
    assert parse("PMROLES_PAGER= pmroles show tpm") == Run(["show", "tpm"], {"PMROLES_PAGER": ""})


def test_elided_output_matches() -> None:
    assert _matches(("a", "...", "d"), ["a", "b", "c", "d"])
    assert _matches(("Error: x, y, ...",), ["Error: x, y, z"])
    assert not _matches(("a", "d"), ["a", "b", "d"])
