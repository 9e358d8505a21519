"""What a terminal user meets: tab completion as shells run it, colour, widths and alignment.

Completion runs the real program in a subprocess with the variables the scripts from
`--show-completion` set (typer 0.25 on click 8):

- the instruction is in `_<PROG>_COMPLETE`, PROG being the program name upper-cased with "-"
  turned into "_": `_PMROLES_COMPLETE` for the `pmroles` console script. Under
  `python -m pmroles` click names the program "python -m pmroles", so there the variable
  would be `_PYTHON _M PMROLES_COMPLETE`; the tests therefore run either the console script
  or `python -c` with `sys.argv[0] = "pmroles"`.
- `complete_bash` reads `COMP_WORDS` (the line) and `COMP_CWORD` (index of the word being
  completed) and prints one value per line, without help.
- `complete_zsh` reads `_TYPER_COMPLETE_ARGS` (the line; a trailing space means the word
  being completed is empty) and prints `_arguments '*: :(("value":"help" ...))'`, or
  `_files` when nothing matches.
- `complete_fish` reads `_TYPER_COMPLETE_ARGS` and `_TYPER_COMPLETE_FISH_ACTION`: `get-args`
  prints `value<TAB>help` lines, `is-args` only exits 0 (something to offer) or 1.
- `source_<shell>` in the same variable prints the script `--show-completion` prints.
"""

from __future__ import annotations

import io
import os
import re
import select
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from pmroles.catalogue.loader import load_builtin
from pmroles.model import Catalogue, Role, display_names, shown_values
from pmroles.render.console import _trim
from pmroles.render.tables import other_names, role_table, roles_table

from .conftest import ROOT, Invoke

CATALOGUE = load_builtin()
SHELLS = ("bash", "zsh", "fish")
TIMEOUT = 60

# -- running the real program ----------------------------------------------------------------

SNIPPET = "import sys; sys.argv[0] = 'pmroles'; from pmroles.cli import main; main()"
"""The console script's body: the program is named `pmroles` whatever runs it."""


def _console_script() -> str | None:
    scripts = sysconfig.get_path("scripts")
    return shutil.which("pmroles", path=os.pathsep.join([scripts, os.environ.get("PATH", "")]))


def _programs() -> Iterator[Any]:
    yield pytest.param([sys.executable, "-c", SNIPPET], id="python-c")
    script = _console_script()
    yield pytest.param(
        [script] if script else [],
        id="console-script",
        marks=pytest.mark.skipif(
            script is None, reason="the pmroles console script is not installed"
        ),
    )


PROGRAMS = list(_programs())
PROGRAM = [sys.executable, "-c", SNIPPET]


def _base_env(**extra: str) -> dict[str, str]:
    # The autouse fixture's throw-away config and cache directories, and a HOME beside them:
    # without HOME, `~` falls back to the passwd entry and the real ~/.cache would be written.
    dirs = {name: os.environ[name] for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env = {"PATH": os.environ.get("PATH", ""), "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"}
    env |= {**dirs, "HOME": os.path.dirname(dirs["XDG_CONFIG_HOME"])}
    for name in ("PYTHONPATH", "SYSTEMROOT"):  # a source checkout; Windows needs SYSTEMROOT
        if name in os.environ:
            env[name] = os.environ[name]
    return {**env, **extra}


def _run(
    program: Sequence[str], *args: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*program, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=TIMEOUT,
        check=False,
    )


# -- completion ------------------------------------------------------------------------------


def _complete(
    shell: str, line: str, program: Sequence[str] = PROGRAM, fish_action: str = "get-args"
) -> subprocess.CompletedProcess[str]:
    """Ask for completions of `line` the way the `shell` script from --show-completion does."""
    env = _base_env(_PMROLES_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        words = line.split()
        current = len(words) if line.endswith(" ") else len(words) - 1
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(current)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = fish_action
    return _run(program, env=env)


_ZSH_PREFIX = "_arguments '*: :(("
_ZSH_SUFFIX = "))'"
_ZSH_ITEM = re.compile(r'"((?:[^"]|"")*)"(?::"((?:[^"]|"")*)")?')


def _zsh_unescape(text: str) -> str:
    return text.replace('""', '"').replace("\\\\:", ":")


def _offers(shell: str, line: str, program: Sequence[str] = PROGRAM) -> list[tuple[str, str]]:
    """(value, help) pairs offered for `line`; bash has no help, so it comes back empty."""
    result = _complete(shell, line, program)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout.rstrip("\n")
    if shell == "bash":
        return [(value, "") for value in out.splitlines()]
    if shell == "fish":
        rows = [row.partition("\t") for row in out.splitlines()]  # value<TAB>help
        return [(value, help_text) for value, _, help_text in rows]
    if out == "_files":  # zsh: nothing to offer, fall back to file names
        return []
    assert out.startswith(_ZSH_PREFIX), out
    assert out.endswith(_ZSH_SUFFIX), out
    pairs = []
    for row in out[len(_ZSH_PREFIX) : -len(_ZSH_SUFFIX)].split("\n"):
        match = _ZSH_ITEM.fullmatch(row)
        assert match, row
        pairs.append((_zsh_unescape(match[1]), _zsh_unescape(match[2] or "")))
    return pairs


def _values(shell: str, line: str, program: Sequence[str] = PROGRAM) -> list[str]:
    return [value for value, _ in _offers(shell, line, program)]


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("shell", SHELLS)
def test_completes_a_role_id_from_its_start(shell: str, program: list[str]) -> None:
    offered = _offers(shell, "pmroles show t", program)
    assert [value for value, _ in offered] == ["tpm"]
    if shell != "bash":  # bash shows no help next to completions
        assert offered == [("tpm", "Technical Product Manager")]


@pytest.mark.parametrize("shell", SHELLS)
def test_an_empty_word_offers_every_role_not_yet_given(shell: str) -> None:
    offered = _offers(shell, "pmroles compare bpm ")
    assert sorted(value for value, _ in offered) == sorted(set(CATALOGUE.roles) - {"bpm"})
    if shell != "bash":
        others = {role.id: role.name for role in CATALOGUE.roles.values() if role.id != "bpm"}
        assert dict(offered) == others


@pytest.mark.parametrize("shell", SHELLS)
def test_compare_completes_every_further_role(shell: str) -> None:
    assert _values(shell, "pmroles compare bpm t") == ["tpm"]


@pytest.mark.parametrize("shell", SHELLS)
def test_completes_a_stakeholder_option_value(shell: str) -> None:
    offered = _offers(shell, "pmroles list --stakeholder sa")
    assert "sales" in [value for value, _ in offered]
    assert all(value.startswith("sa") for value, _ in offered)
    if shell != "bash":
        assert ("sales", CATALOGUE.stakeholders["sales"].name) in offered


@pytest.mark.parametrize("shell", SHELLS)
def test_completes_a_stakeholder_argument(shell: str) -> None:
    offered = _offers(shell, "pmroles stakeholders le")
    assert "legal" in [value for value, _ in offered]
    assert all(value.startswith("le") for value, _ in offered)
    if shell != "bash":
        assert ("legal", CATALOGUE.stakeholders["legal"].name) in offered


@pytest.mark.parametrize("shell", SHELLS)
def test_completes_a_command_name(shell: str) -> None:
    offered = _offers(shell, "pmroles sh")
    assert [value for value, _ in offered] == ["show"]
    if shell != "bash":
        assert offered[0][1] == "Show everything the catalogue says about one role."


@pytest.mark.parametrize("shell", SHELLS)
def test_completes_an_option_name(shell: str) -> None:
    offered = _offers(shell, "pmroles show --so")
    assert [value for value, _ in offered] == ["--sources"]
    if shell != "bash":
        assert offered[0][1] == "Add the article(s) behind each attribute."


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_after_a_global_option(shell: str) -> None:
    assert _values(shell, "pmroles --no-color show t") == ["tpm"]


@pytest.mark.parametrize("shell", SHELLS)
def test_nothing_to_offer_is_an_empty_answer(shell: str) -> None:
    assert _values(shell, "pmroles show zz") == []


def test_fish_asks_first_whether_there_is_anything_to_offer() -> None:
    """The fish script's --condition: exit 0 turns file completion off, 1 leaves it on."""
    assert _complete("fish", "pmroles show t", fish_action="is-args").returncode == 0
    assert _complete("fish", "pmroles show zz", fish_action="is-args").returncode == 1


def _check_script(shell: str, script: str) -> None:
    assert "_PMROLES_COMPLETE" in script
    assert f"complete_{shell}" in script
    assert "pmroles" in script.replace("_PMROLES_COMPLETE", "")
    if shell == "bash":
        assert "complete -o default -F _pmroles_completion pmroles" in script
    elif shell == "zsh":
        assert script.startswith("#compdef pmroles")
    else:
        assert script.startswith("complete --command pmroles ")


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("shell", SHELLS)
def test_show_completion_for_a_named_shell(shell: str, program: list[str]) -> None:
    # With shell detection off (typer's switch for tests), --show-completion takes the shell.
    env = _base_env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1", SHELL=f"/bin/{shell}")
    result = _run(program, "--show-completion", shell, env=env)
    assert result.returncode == 0, result.stderr
    _check_script(shell, result.stdout)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_show_completion_detects_the_shell_it_runs_in() -> None:
    # typer detects the shell from the parent processes (shellingham), not from $SHELL; the
    # `exit` keeps bash alive as the parent instead of letting it exec the program.
    bash = shutil.which("bash")
    assert bash is not None
    env = _base_env(SHELL=bash)
    script = '"$@"; exit $?'
    result = _run([bash, "-c", script, "bash", *PROGRAM], "--show-completion", env=env)
    assert result.returncode == 0, result.stderr
    _check_script("bash", result.stdout)


@pytest.mark.parametrize("shell", SHELLS)
def test_the_source_instruction_prints_the_same_script(shell: str) -> None:
    shown = _run(
        PROGRAM,
        "--show-completion",
        shell,
        env=_base_env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"),
    )
    sourced = _run(PROGRAM, env=_base_env(_PMROLES_COMPLETE=f"source_{shell}"))
    assert sourced.returncode == 0, sourced.stderr
    assert sourced.stdout.strip() == shown.stdout.strip()


# -- colour ----------------------------------------------------------------------------------

TERMINAL = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color"}
FORCED = {**TERMINAL, "FORCE_COLOR": "1"}
_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_COLOUR_PARAMS = {*range(30, 40), *range(40, 50), *range(90, 98), *range(100, 108)}


def _colour_codes(text: str) -> list[str]:
    """SGR sequences that set a foreground or background colour (bold, dim and reset pass)."""
    found = []
    for match in _SGR.finditer(text):
        params = [int(p) for p in re.split("[;:]", match[1]) if p.isdigit()]
        if any(p in _COLOUR_PARAMS for p in params):
            found.append(match[0])
    return found


def _pipe_env(**extra: str) -> dict[str, str]:
    """A piped process's environment, NO_COLOR unset unless given."""
    env = _base_env(**extra)
    if "NO_COLOR" not in extra:
        del env["NO_COLOR"]
    return env


def test_force_color_styles_output(invoke: Invoke) -> None:
    result = invoke("show", "tpm", env=FORCED)
    assert result.exit_code == 0, result.output
    assert "\x1b[" in result.stdout


def test_items_every_compared_role_lists_are_bold_and_their_marks_plain(invoke: Invoke) -> None:
    result = invoke("compare", "bpm", "tpm", "--full", env=FORCED)
    assert result.exit_code == 0, result.output
    assert "= \x1b[1mEngineering\x1b[0m" in result.stdout
    assert "\x1b[1m=" not in result.stdout
    assert "• Finance" in result.stdout  # one role's items: neither bold nor split


def test_force_color_styles_a_real_pipe() -> None:
    env = _pipe_env(FORCE_COLOR="1", TERM="xterm-256color")
    result = _run([sys.executable, "-m", "pmroles"], "show", "tpm", env=env)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout


def test_a_pipe_gets_no_escapes_unless_forced() -> None:
    result = _run([sys.executable, "-m", "pmroles"], "show", "tpm", env=_pipe_env(TERM="xterm"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("force", [None, "1"], ids=["", "with-FORCE_COLOR"])
def test_no_color_removes_colour(invoke: Invoke, force: str | None) -> None:
    result = invoke("show", "tpm", env={**TERMINAL, "NO_COLOR": "1", "FORCE_COLOR": force})
    assert result.exit_code == 0, result.output
    assert "Technical Product Manager" in result.stdout
    # NO_COLOR is about colour: Rich may keep bold and dim.
    assert _colour_codes(result.stdout) == []


@pytest.mark.parametrize("force", [None, "1"], ids=["", "with-FORCE_COLOR"])
def test_dumb_terminal_gets_no_escapes(invoke: Invoke, force: str | None) -> None:
    result = invoke("show", "tpm", env={"NO_COLOR": None, "FORCE_COLOR": force, "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    assert "Technical Product Manager" in result.stdout
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("args", [("show", "tpm"), ("compare", "bpm", "tpm"), ("list",)])
def test_no_color_option_before_the_command_removes_every_escape(
    invoke: Invoke, args: tuple[str, ...]
) -> None:
    result = invoke("--no-color", *args, env=FORCED)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout


def _run_in_terminal(*args: str, env: dict[str, str]) -> str:
    """Run pmroles with a pseudo-terminal as stdout and stderr; what the terminal received."""
    pty = pytest.importorskip("pty")
    termios = pytest.importorskip("termios")
    fcntl = pytest.importorskip("fcntl")
    import struct

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    chunks: list[bytes] = []
    try:
        with subprocess.Popen(
            [sys.executable, "-m", "pmroles", *args],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            env=env,
            cwd=ROOT,
        ) as process:
            os.close(follower)
            follower = -1
            while True:
                ready, _, _ = select.select([leader], [], [], TIMEOUT)
                if not ready:
                    process.kill()
                    pytest.fail("pmroles did not finish in a terminal")
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the program closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            assert process.wait(timeout=TIMEOUT) == 0
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    return b"".join(chunks).decode()


def _terminal_env(**extra: str) -> dict[str, str]:
    # These tests read what pmroles writes to the terminal; the pager has its own tests.
    return _pipe_env(**{"TERM": "xterm-256color", "PAGER": "cat", **extra})


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
class TestInARealTerminal:
    def test_a_terminal_gets_styles(self) -> None:
        out = _run_in_terminal("show", "tpm", env=_terminal_env())
        assert "Technical Product Manager" in out
        assert "\x1b[" in out

    def test_no_color_removes_colour(self) -> None:
        out = _run_in_terminal("show", "tpm", env=_terminal_env(NO_COLOR="1"))
        assert "Technical Product Manager" in out
        assert _colour_codes(out) == []

    def test_dumb_terminal_gets_no_escapes(self) -> None:
        out = _run_in_terminal("show", "tpm", env=_terminal_env(TERM="dumb"))
        assert "Technical Product Manager" in out
        assert "\x1b" not in out

    def test_no_color_option_removes_every_escape(self) -> None:
        env = _terminal_env(FORCE_COLOR="1")
        out = _run_in_terminal("--no-color", "compare", "bpm", "tpm", env=env)
        assert "Technical Product Manager" in out
        assert "\x1b" not in out


# -- widths: nothing wider than the terminal, nothing cut off --------------------------------

BOX_CHARS = "│╭╮╰╯├┤┬┴┼─"
_SQUASH = re.compile(f"[\\s{BOX_CHARS}]+")
WIDTH_CASES = {
    "show tpm": (("show", "tpm"), ("tpm",)),
    "compare bpm tpm": (("compare", "bpm", "tpm", "--full"), ("bpm", "tpm")),
    "compare three": (
        ("compare", "po", "pm", "project manager", "--full"),
        ("po", "pm", "project-manager"),
    ),
    "list": (("list",), tuple(CATALOGUE.roles)),
}


def _squash(text: str) -> str:
    return _SQUASH.sub("", text)


def _cell_texts(output: str) -> str:
    """The output's text, one table cell at a time, without whitespace or box characters.

    A row of a wrapped table puts several cells on each line; splitting the lines at the
    column rules and joining each column's pieces between two horizontal rules gives every
    cell's text back in order, so a folded item reads whole again.
    """
    cells: dict[tuple[int, int], list[str]] = {}
    outside: list[str] = []
    block = 0
    for line in output.splitlines():
        if "│" in line:
            for column, piece in enumerate(line.split("│")):
                cells.setdefault((block, column), []).append(piece)
        else:
            block += 1
            outside.append(line)
    texts = ["".join(pieces) for pieces in cells.values()] + ["".join(outside)]
    return "\n".join(_squash(text) for text in texts)


def _shown_values(role: Role, catalogue: Catalogue) -> list[str]:
    names = display_names(catalogue)
    values = [role.id, role.name]
    for aspect in role.aspects():
        for value in role.get(aspect.key):
            values.append(shown_values(aspect, [value], names)[0])
    return values


def _expected(command: tuple[str, ...], ids: tuple[str, ...]) -> list[str]:
    roles = [CATALOGUE.roles[role_id] for role_id in ids]
    if command[0] == "list":
        return [text for role in roles for text in (role.id, role.name, *role.get("focus"))]
    expected = [value for role in roles for value in _shown_values(role, CATALOGUE)]
    if command[0] == "show":
        expected += other_names(roles[0].name, roles[0].id, roles[0].aliases)
        return expected
    for note in CATALOGUE.comparisons.values():
        if set(note.roles) <= set(ids):
            expected += [note.summary or "", *note.similarities, *note.differences]
            for per_role in (note.advantages, note.excels):
                expected += [item for items in per_role.values() for item in items]
            for area, shares in note.split.items():
                expected += [area.capitalize(), *shares.values()]
    return expected


@pytest.fixture(params=list(WIDTH_CASES), scope="module")
def width_case(request: pytest.FixtureRequest) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return WIDTH_CASES[request.param]


@pytest.mark.parametrize("columns", [40, 60, 100, 200])
def test_tables_fit_the_terminal_and_keep_every_item(
    invoke: Invoke, width_case: tuple[tuple[str, ...], tuple[str, ...]], columns: int
) -> None:
    command, ids = width_case
    result = invoke(*command, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    out = result.stdout
    too_wide = [line for line in out.splitlines() if cell_len(line) > columns]
    assert too_wide == [], f"{len(too_wide)} line(s) wider than {columns}: {too_wide[:3]}"
    assert "…" not in out
    shown = _cell_texts(out)
    missing = [item for item in _expected(command, ids) if _squash(item) not in shown]
    assert missing == [], f"cut off at {columns} columns: {missing[:5]}"


# -- wide characters -------------------------------------------------------------------------

WIDE_ROLE = Role(
    id="x",
    name="製品マネージャー",
    summary=None,
    attributes={"focus": ("市場分析", "emoji 🚀 test")},
)


def _rule_positions(line: str) -> list[int]:
    """Cell offsets of the vertical rules and corners on a table line."""
    positions, offset = [], 0
    for char in line:
        if char in "│╭╮╰╯├┤┬┴┼":
            positions.append(offset)
        offset += cell_len(char)
    return positions


def _render(renderable: Any, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("width", [20, 30, 60])
@pytest.mark.parametrize("view", ["roles_table", "role_table"])
def test_wide_characters_stay_aligned(view: str, width: int) -> None:
    catalogue = Catalogue(roles={WIDE_ROLE.id: WIDE_ROLE})
    renderable = (
        roles_table([WIDE_ROLE], "Roles")
        if view == "roles_table"
        else role_table(WIDE_ROLE, catalogue)
    )
    out = _render(renderable, width)
    lines = out.splitlines()
    table = [line for line in lines if line and line[0] in "│╭╰├"]
    # Below the width the columns' words need, the view is stacked: no table to align.
    if width >= 60:
        assert table, out
    assert len({cell_len(line) for line in table}) <= 1, out
    assert all(cell_len(line) <= width for line in lines), out
    # Every rule sits in the same column on every line: no cell is a column too wide.
    assert len({tuple(_rule_positions(line)) for line in table}) <= 1, out
    shown = _cell_texts(out)
    for text in ("製品マネージャー", "市場分析", "emoji🚀test"):
        assert text in shown, out


# -- piped output ----------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [40, 100])
@pytest.mark.parametrize("command", [("compare", "bpm", "tpm"), ("show", "tpm"), ("list",)])
def test_piped_output_has_no_trailing_spaces(
    invoke: Invoke, command: tuple[str, ...], columns: int
) -> None:
    result = invoke(*command, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line != line.rstrip(" ")] == []


def test_a_real_pipe_has_no_trailing_spaces() -> None:
    result = _run([sys.executable, "-m", "pmroles"], "compare", "bpm", "tpm", env=_base_env())
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line != line.rstrip(" ")] == []


def test_a_forced_colour_pipe_has_no_trailing_spaces() -> None:
    env = _pipe_env(FORCE_COLOR="1", TERM="xterm-256color")
    result = _run([sys.executable, "-m", "pmroles"], "compare", "bpm", "tpm", env=env)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout
    # Styled titles and captions are padded inside the style: no spaces before the codes either.
    lines = [_SGR.sub("", line) for line in result.stdout.splitlines()]
    assert [line for line in lines if line != line.rstrip(" ")] == []


# What the trimming did when it was one multi-line regex, before it was made linear: the
# reference the faster code must agree with.
_PADDING_BEFORE_CODES = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


@given(
    st.lists(
        st.sampled_from(["a", "m", " ", "  ", "\x1b[1m", "\x1b[0m", "\x1b[2;3m", "\x1b[", "\n"]),
        max_size=30,
    ).map("".join)
)
def test_trimming_line_ends_matches_the_reference(text: str) -> None:
    assert _trim(text) == _PADDING_BEFORE_CODES.sub(r"\1", text)


def test_install_completion_writes_a_script_and_sources_it(tmp_path: Path) -> None:
    program = shutil.which(
        "pmroles", path=f"{sysconfig.get_path('scripts')}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    assert program is not None
    env = {**os.environ, "HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = subprocess.run(
        [program, "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "pmroles.sh"
    assert "_PMROLES_COMPLETE" in script.read_text()
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
