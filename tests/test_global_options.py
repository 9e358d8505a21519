"""Global options anywhere on the line, --no-pager, --quiet, and warnings capped per run.

`pmroles.arguments.hoist` moves global options written after the command to before it; the
Typer app (through `_Group.parse_args`, so Click's runner and shell completion too) and the
fast path both call it. Here: the function itself (examples and properties), each parser
through Click's runner, in-process and in a real process (`python -m pmroles`, which enters
through the fast path), and the warnings a catalogue with thousands of them prints.
"""

from __future__ import annotations

import functools
import io
import os
import subprocess
import sys
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import click
import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.core import TyperGroup

from pmroles import complete, fastpath
from pmroles.arguments import MissingValue, hoist
from pmroles.cli import app
from pmroles.errors import Problem, Severity
from pmroles.model import Location
from pmroles.notices import WARNING_LIMIT, warning_text
from pmroles.surface import COMMANDS, GLOBAL

from .conftest import PLAIN_ENV, Invoke

OURS = "roles:\n  x:\n    name: Our role\n    focus: [Our own work]\n"
ROLES_WITH_A_TYPO = 4000


def _hoist(line: str) -> str:
    return " ".join(hoist(line.split(), GLOBAL, COMMANDS))


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    path = tmp_path / "ours.yaml"
    path.write_text(OURS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def typos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue whose 4,000 roles all work with a stakeholder no catalogue defines."""
    path = tmp_path_factory.mktemp("typos") / "typos.yaml"
    lines = ["roles:"]
    lines += [
        f"  r{n}: {{name: Role {n}, interactions: [salez]}}" for n in range(ROLES_WITH_A_TYPO)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _real(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real program, entered as the console script enters it (the fast path first), in
    the isolated home the autouse fixture made."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pmroles", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _fast(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int | None, str, str]:
    """The fast path in-process: its status (None: it declined), stdout and stderr."""
    for name, value in PLAIN_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = fastpath.run(args, os.environ)
    return status, out.getvalue(), err.getvalue()


# -- hoist, by example ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "hoisted"),
    [
        ("show tpm --no-color", "--no-color show tpm"),
        ("show x --catalogue ours.yaml", "--catalogue ours.yaml show x"),
        ("show x --catalogue=ours.yaml", "--catalogue=ours.yaml show x"),
        (
            "compare bpm --no-builtin --catalogue f.yaml tpm",
            "--no-builtin --catalogue f.yaml compare bpm tpm",
        ),
        ("--catalog a show --catalogue b tpm -q", "--catalog a --catalogue b -q show tpm"),
        ("list --quiet --no-pager --json", "--quiet --no-pager list --json"),
        # Values of command options stay theirs, however they look.
        ("list --skill --no-color", "list --skill --no-color"),
        ("list --skill=--no-color --no-builtin", "--no-builtin list --skill=--no-color"),
        ("compare -df json a b --no-color", "--no-color compare -df json a b"),
        ("compare -dfjson a b -q", "-q compare -dfjson a b"),
        # A global option's value too: a file named like an option.
        ("show tpm --catalogue --no-color", "--catalogue --no-color show tpm"),
        # After `--`, everything is an argument.
        ("show -- --no-color", "show -- --no-color"),
        ("compare a --no-color -- --quiet b", "--no-color compare a -- --quiet b"),
        # What it does not understand, it leaves to Click from there on.
        ("list -s sales --no-color", "list -s sales --no-color"),
        ("list --bogus --no-color", "list --bogus --no-color"),
        ("compare -dq a b", "compare -dq a b"),
        ("show tpm --version", "show tpm --version"),
        ("show tpm --show-completion", "show tpm --show-completion"),
        ("--help show --no-color", "--help show --no-color"),
        ("nonsense --no-color", "nonsense --no-color"),
        ("-- show --no-color", "-- show --no-color"),
        ("", ""),
    ],
)
def test_hoist_moves_global_options_and_nothing_else(line: str, hoisted: str) -> None:
    assert _hoist(line) == hoisted


def test_a_global_option_missing_its_value_at_the_end_is_named() -> None:
    with pytest.raises(MissingValue) as raised:
        hoist(["show", "tpm", "--catalogue"], GLOBAL, COMMANDS)
    assert raised.value.option == "--catalogue"
    # Before the command, Click says it already.
    assert hoist(["--catalogue"], GLOBAL, COMMANDS) == ["--catalogue"]


# -- hoist, by property -----------------------------------------------------------------------

MOVABLE = sorted(flag for flag, spec in GLOBAL.items() if spec[5] is None)
WORDS = st.sampled_from(
    ["tpm", "x", "a b", "", "-", "--", "json", "=", "-q", "--no-color", "--catalogue",
     "--catalog=f", "--no-builtin", "--skill", "-f", "-d", "--format", "--version", "-x"]
)  # fmt: skip
"""Words of every sort: values can be any of them."""
ARGUMENTS = WORDS.filter(lambda word: word == "-" or not word.startswith("-"))


def _option(flag: str, spec: tuple[object, ...]) -> st.SearchStrategy[list[str]]:
    """One option as the words a person may write it in."""
    if spec[1] == "flag":
        return st.just([flag])
    forms = [WORDS.map(lambda value: [flag, value])]
    if flag.startswith("--"):
        forms.append(WORDS.map(lambda value: [f"{flag}={value}"]))
    else:
        forms.append(WORDS.filter(bool).map(lambda value: [flag + value]))
    return st.one_of(forms)


GLOBAL_TOKENS = st.one_of([_option(flag, GLOBAL[flag]) for flag in MOVABLE])


@st.composite
def _lines(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """(a command line with global options spread after the command, the same line with
    them written before it), where nothing is ambiguous."""
    name = draw(st.sampled_from(sorted(COMMANDS)))
    options = COMMANDS[name][2]
    command_tokens = st.one_of(
        ARGUMENTS.map(lambda word: [word]),
        *[_option(flag, spec) for flag, spec in options.items() if spec[1] != "other"],
    )
    before = draw(st.lists(GLOBAL_TOKENS, max_size=2))
    tokens = draw(st.lists(command_tokens, max_size=6))
    spread = draw(st.lists(GLOBAL_TOKENS, max_size=4))
    places = sorted(draw(st.lists(st.integers(0, len(tokens)), min_size=len(spread), max_size=len(spread))))  # fmt: skip
    after_dashes = draw(st.none() | st.lists(WORDS, max_size=3))
    tail = [] if after_dashes is None else ["--", *after_dashes]
    written: list[str] = []
    for index, token in enumerate([*tokens, []]):
        for place, option in zip(places, spread, strict=True):
            if place == index:
                written += option
        written += token
    first = [word for token in [*before, *spread] for word in token]
    rest = [word for token in tokens for word in token]
    leading = [word for token in before for word in token]
    return [*leading, name, *written, *tail], [*first, name, *rest, *tail]


@settings(max_examples=400, deadline=None)
@given(_lines())
def test_global_options_after_the_command_mean_what_they_mean_before_it(
    lines: tuple[list[str], list[str]],
) -> None:
    anywhere, before = lines
    assert hoist(anywhere, GLOBAL, COMMANDS) == before
    assert hoist(before, GLOBAL, COMMANDS) == before


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS | st.sampled_from(sorted(COMMANDS)), max_size=8))
def test_hoist_only_reorders(words: list[str]) -> None:
    try:
        hoisted = hoist(words, GLOBAL, COMMANDS)
    except MissingValue:
        assert words[-1] in GLOBAL
        return
    assert Counter(hoisted) == Counter(words)
    assert hoist(hoisted, GLOBAL, COMMANDS) == hoisted


@functools.cache
def _group() -> click.Group:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return group


def _click_parses(words: list[str]) -> bool:
    """Whether Click, without hoisting, reads `words` without a usage error."""
    group = _group()
    try:
        ctx = click.Context(group, info_name="pmroles")
        with ctx:
            rest = TyperGroup.parse_args(group, ctx, list(words))  # Click's own, not _Group's
            name, command, args = group.resolve_command(ctx, [*ctx._protected_args, *rest])
            assert name is not None
            assert command is not None
            command.make_context(name, args, parent=ctx).close()
    except click.ClickException:
        return False
    return True


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(COMMANDS)),
    st.lists(WORDS.filter(lambda w: w != "--version"), max_size=6),
)
def test_a_line_click_always_read_is_left_as_it_is(name: str, words: list[str]) -> None:
    line = [name, *words]
    if _click_parses(line):
        assert hoist(line, GLOBAL, COMMANDS) == line


# -- through the Typer app and the real program ----------------------------------------------


def test_no_color_after_the_command(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    first = invoke("--no-color", "show", "tpm", env={"FORCE_COLOR": "1", "NO_COLOR": None})
    last = invoke("show", "tpm", "--no-color", env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert (last.exit_code, last.stderr) == (0, "")
    assert last.stdout == first.stdout
    assert "\x1b[" not in last.stdout
    assert last.stdout.startswith("Technical Product Manager (tpm)")
    status, out, err = _fast(["show", "tpm", "--no-color"], monkeypatch)
    assert (status, out, err) == (0, invoke("show", "tpm").stdout, "")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "x", "--catalogue", "{ours}"],
        ["show", "x", "--catalog={ours}"],
        ["show", "--catalogue={ours}", "x"],
        ["show", "x", "--no-builtin", "--catalogue", "{ours}"],
        ["compare", "x", "--catalogue", "{ours}", "tpm"],
    ],
)
def test_catalogue_options_after_the_command(
    invoke: Invoke, ours: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    args = [arg.format(ours=ours) for arg in args]
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert "Our role" in result.stdout
    assert result.stdout == invoke(*_before(args)).stdout
    real = _real(*args)
    assert (real.returncode, real.stdout, real.stderr) == (0, result.stdout, "")
    assert _fast(args, monkeypatch) == (0, result.stdout, "")  # served without Typer


def _before(args: list[str]) -> list[str]:
    """`args` with the global options written before the command, by hand."""
    command, rest = args[0], args[1:]
    moved: list[str] = []
    kept: list[str] = []
    words = iter(rest)
    for word in words:
        if word in ("--catalogue", "--catalog"):
            moved += [word, next(words)]
        elif word.startswith(("--catalogue=", "--catalog=")) or word == "--no-builtin":
            moved.append(word)
        else:
            kept.append(word)
    return [*moved, command, *kept]


def test_no_builtin_after_the_command_leaves_only_the_files(invoke: Invoke, ours: Path) -> None:
    result = invoke("compare", "bpm", "--no-builtin", "--catalogue", str(ours), "x")
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == ("", "Error: unknown role 'bpm'\n")
    real = _real("compare", "bpm", "--no-builtin", "--catalogue", ours, "x")
    assert (real.returncode, real.stdout, real.stderr) == (1, "", result.stderr)
    alone = invoke("list", "--json", "--no-builtin", "--catalogue", str(ours))
    assert alone.exit_code == 0, alone.stderr
    assert '"x"' in alone.stdout
    assert '"tpm"' not in alone.stdout


@pytest.mark.parametrize(
    ("args", "status", "last_line"),
    [
        # The value of --skill, as Click always read it: a skill no role lists.
        (["list", "--skill", "--no-color"], 1, "Error: unknown skill '--no-color'"),
        # After `--`, an argument: a role of that name.
        (["show", "--", "--no-color"], 1, "Error: unknown role '--no-color'"),
        (["show", "tpm", "--catalogue"], 2, "Error: Option '--catalogue' requires an argument."),
        # --version acts where it is written: after a command, not one of its options.
        (["show", "tpm", "--version"], 2, "Error: No such option '--version'."),
    ],
)
def test_what_is_not_a_global_option_after_the_command_is_left_alone(
    invoke: Invoke, args: list[str], status: int, last_line: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == status
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith(last_line), result.stderr
    real = _real(*args)
    assert (real.returncode, real.stdout, real.stderr) == (status, "", result.stderr)


def test_completion_reads_global_options_after_the_command(invoke: Invoke, ours: Path) -> None:
    line = f"pmroles show --catalogue {ours} --no-builtin "
    env = {"_PMROLES_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": "5"}
    result = invoke(env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["x"]
    # The Tab fast path leaves such lines to the full CLI rather than guess.
    words = line.split()[1:]
    assert complete.what_to_complete(words, "") is None
    assert complete.what_to_complete(["list", "--catalogue", "f", "--stakeholder"], "") is None
    assert complete.what_to_complete(["list", "--no-color", "--stakeholder"], "") is not None


def test_completing_the_value_of_a_global_option_after_the_command_offers_files(
    invoke: Invoke,
) -> None:
    env = {"_PMROLES_COMPLETE": "complete_bash", "COMP_WORDS": "pmroles show --catalogue "}
    result = invoke(env={**env, "COMP_CWORD": "3"})
    assert result.exit_code == 0, result.stderr
    assert "tpm" not in result.stdout.split()  # files, not roles


# -- --no-pager ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "pager"),
    [
        (["show", "tpm"], True),
        (["--no-pager", "show", "tpm"], False),
        (["show", "tpm", "--no-pager"], False),
        (["schema", "--no-pager"], False),
    ],
)
def test_no_pager_reaches_the_output(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str], pager: bool
) -> None:
    import pmroles.render.report as report

    seen: list[report.Output] = []
    monkeypatch.setattr(report, "emit", lambda _report, output: seen.append(output))
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert [output.pager for output in seen] == [pager]
    if args[0] != "schema":
        call = fastpath.parse(args)
        assert call is not None
        assert call.output.pager is pager


# -- warnings: capped, --quiet ------------------------------------------------------------------


def _problem(file: str | None, line: int) -> Problem:
    location = None if file is None else Location(file, line, 3)
    return Problem("unknown stakeholder 'salez'", location, f"roles.r{line}", Severity.WARNING)


def test_warning_text_prints_a_few_then_counts_the_rest() -> None:
    few = [_problem("ours.yaml", n) for n in range(WARNING_LIMIT)]
    assert warning_text(few) == "".join(f"{w}\n" for w in few)
    assert warning_text([]) == ""
    many = [_problem("ours.yaml", n) for n in range(WARNING_LIMIT + 1)]
    lines = warning_text(many).splitlines()
    assert lines[:WARNING_LIMIT] == [str(w) for w in many[:WARNING_LIMIT]]
    assert lines[WARNING_LIMIT:] == [
        "warning: 1 more warning not shown; to see them all, run: pmroles validate ours.yaml"
    ]


def test_the_count_names_every_file_the_rest_come_from_and_quotes_it_for_a_shell() -> None:
    warnings = [_problem("a.yaml", 1), _problem("my roles.yaml", 2), _problem("a.yaml", 3)]
    warnings.append(_problem(None, 4))
    assert warning_text(warnings, limit=1).splitlines()[1:] == [
        "warning: 3 more warnings not shown; to see them all, run: "
        "pmroles validate 'my roles.yaml'; pmroles validate a.yaml; pmroles validate FILE"
    ]
    hostile = [_problem("a\x1b[2J.yaml", 1), _problem("a\x1b[2J.yaml", 2)]
    assert "\x1b" not in warning_text(hostile, limit=1)


def _summary(typos: Path) -> str:
    more = ROLES_WITH_A_TYPO - WARNING_LIMIT
    return (
        f"warning: {more} more warnings not shown; to see them all, run: pmroles validate {typos}"
    )


def test_thousands_of_warnings_print_five_lines_and_a_count(
    invoke: Invoke, typos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("list", "--catalogue", str(typos))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == WARNING_LIMIT + 1
    assert all(f"{typos}:" in line and "'salez'" in line for line in lines[:WARNING_LIMIT])
    assert lines[-1] == _summary(typos)
    assert "Role 3999" in result.stdout
    # The real program prints the same bytes, once the cache is built (the fast path)...
    for _ in range(2):
        real = _real("list", "--catalogue", typos)
        assert (real.returncode, real.stdout, real.stderr) == (0, result.stdout, result.stderr)
    # ...and the fast path serves it, rather than hand it to the full CLI.
    assert _fast(["list", "--catalogue", str(typos)], monkeypatch) == (
        0,
        result.stdout,
        result.stderr,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "list", "--catalogue", "{typos}"],
        ["--quiet", "list", "--catalogue", "{typos}"],
        ["list", "--catalogue", "{typos}", "-q"],
        ["list", "--quiet", "--catalogue={typos}", "--format", "csv"],
    ],
)
def test_quiet_prints_no_warnings(
    invoke: Invoke, typos: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    args = [arg.format(typos=typos) for arg in args]
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Role 3999" in result.stdout
    # The bytes, not Result.stdout, which turns CSV's CRLF line ends into LF.
    assert _fast(args, monkeypatch) == (0, result.stdout_bytes.decode(), "")


def test_an_error_after_the_warnings_is_printed_once(invoke: Invoke, typos: Path) -> None:
    result = invoke("show", "nobody", "--catalogue", str(typos))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: unknown role 'nobody'"
    assert len(result.stderr.splitlines()) == WARNING_LIMIT + 2
    real = _real("show", "nobody", "--catalogue", typos)
    assert (real.returncode, real.stderr) == (1, result.stderr)


def test_validate_prints_every_warning(invoke: Invoke, typos: Path) -> None:
    result = invoke("validate", str(typos))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == ROLES_WITH_A_TYPO
    assert all("warning: " in line and "'salez'" in line for line in lines)
    assert result.stderr.startswith(f"{typos}: valid (")
    assert "more warnings" not in result.stderr


@pytest.fixture
def skipped_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A config 'file' that is a directory: skipped, with a warning."""
    config = tmp_path / "config"
    (config / "pmroles" / "roles.yaml").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return str(config / "pmroles" / "roles.yaml")


def test_quiet_silences_the_config_warning(
    invoke: Invoke, skipped_config: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    loud = invoke("show", "tpm")
    assert loud.exit_code == 0
    assert loud.stderr == f"Warning: ignoring {skipped_config}: it is a directory, not a file\n"
    # The fast path prints it too now, the same bytes.
    assert _fast(["show", "tpm"], monkeypatch) == (0, loud.stdout, loud.stderr)
    for args in (["-q", "show", "tpm"], ["show", "tpm", "--quiet"]):
        quiet = invoke(*args)
        assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, loud.stdout, "")
        assert _fast(args, monkeypatch) == (0, loud.stdout, "")
