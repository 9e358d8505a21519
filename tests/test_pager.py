"""The pager: a table taller than the terminal goes through `$PMROLES_PAGER`, `$PAGER` or
`less -FRX`, the way git does it, and nothing else ever pages.

The real program runs on a real pseudo-terminal (its controlling terminal, sized with
TIOCSWINSZ, so Ctrl-C typed into it reaches pmroles and the pager as the terminal sends it).
The pagers are small shell scripts that record what they were given (their arguments, their
environment and the text on their stdin) in files beside themselves, so each test can say
both what the pager received and what the terminal showed instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from rich.text import Text

from pmroles.render.report import Output, Report, emit

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="needs a POSIX pseudo-terminal and shell"
)

PROGRAM = [sys.executable, "-m", "pmroles"]
TIMEOUT = 60
ROWS, COLUMNS = 10, 80
"""A terminal far shorter than `show tpm`, so it pages unless something stops it."""
TITLE = "Technical Product Manager"
"""The first line of `show tpm`: shown wherever the table went."""
SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_COLOUR_PARAMS = {*range(30, 38), 38, *range(40, 48), 48, *range(90, 98), *range(100, 108)}

RECORDING_PAGER = """#!/bin/sh
# A pager that shows nothing: it records its arguments, environment and input beside itself.
printf '%s\\n' "$@" > "$0.argv"
printf 'LESS=%s\\nLV=%s\\n' "${LESS-<unset>}" "${LV-<unset>}" > "$0.env"
cat > "$0.input"
"""
EARLY_QUITTING_PAGER = """#!/bin/sh
# `q` on the first screen: read a little, then leave with the rest unread.
head -c 10 > "$0.input"
"""
INTERRUPTIBLE_PAGER = """#!/bin/sh
# Reads everything, says so, then waits to be ended by Ctrl-C, which it takes as `q`.
trap 'echo interrupted > "$0.interrupted"; exit 0' INT
cat > "$0.input"
: > "$0.ready"
while :; do sleep 1; done
"""


# -- helpers ---------------------------------------------------------------------------------


def _pager(directory: Path, name: str = "pager", script: str = RECORDING_PAGER) -> Path:
    """An executable fake pager at `directory/name`; its records are `name.input` etc."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(script)
    path.chmod(0o755)
    return path


def _received(pager: Path) -> str | None:
    """What `pager` read on its stdin; None if it never ran."""
    record = pager.with_name(pager.name + ".input")
    return record.read_text() if record.exists() else None


def _env(**extra: str) -> dict[str, str]:
    """A run's whole environment: no pager variable, LINES or colour setting of the caller's.

    The autouse fixture in conftest gives every test throw-away XDG config and cache
    directories; HOME goes beside them, so nothing reads or writes the real user's files.
    """
    dirs = {name: os.environ[name] for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env = {"PATH": os.environ.get("PATH", os.defpath), "TERM": "xterm-256color", **dirs}
    env["HOME"] = os.path.dirname(dirs["XDG_CONFIG_HOME"])
    if "PYTHONPATH" in os.environ:  # a source checkout
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return {**env, **extra}


class Run(NamedTuple):
    status: int
    screen: str
    """Everything the terminal received (stdout and stderr), its CR LF line ends as LF."""


Key = tuple[Callable[[bytes], bool], bytes]
"""Bytes typed into the terminal once the condition holds for what it has shown so far."""


def _in_terminal(
    *args: str,
    env: dict[str, str],
    rows: int = ROWS,
    columns: int = COLUMNS,
    keys: Sequence[Key] = (),
    on_exit: Callable[[int], None] | None = None,
) -> Run:
    """Run pmroles with a fresh pseudo-terminal as its controlling terminal and its stdin,
    stdout and stderr; return once pmroles and everything it started have let go of it."""
    import fcntl
    import termios

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def control_the_terminal() -> None:  # in the child, after setsid: Ctrl-C reaches it
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    shown = b""
    pending = list(keys)
    process = subprocess.Popen(
        [*PROGRAM, *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=ROOT,
        start_new_session=True,
        preexec_fn=control_the_terminal,
    )
    finished = False
    try:
        os.close(follower)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if pending and pending[0][0](shown):
                with contextlib.suppress(OSError):  # everything that read it has ended
                    os.write(leader, pending.pop(0)[1])
            ready, _, _ = select.select([leader], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the last process holding the terminal closed it
                break
            if not chunk:
                break
            shown += chunk
        else:
            pytest.fail(f"pmroles did not finish in a terminal; it showed {shown[-500:]!r}")
        status = process.wait(timeout=TIMEOUT)
        finished = True
        if on_exit is not None:
            on_exit(leader)
    finally:
        if not finished:
            # pmroles and the pager it started share its process group; not yet reaped,
            # pmroles holds the group's id, so only what this test started is ended.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(leader)
    return Run(status, shown.decode("utf-8", "replace").replace("\r\n", "\n"))


def _direct(*args: str, rows: int = ROWS, **env: str) -> str:
    """What the same terminal shows with no pager (`PAGER=cat`): the table as printed."""
    run = _in_terminal(*args, env=_env(**{"PAGER": "cat", **env}), rows=rows)
    assert run.status == 0, run.screen
    assert run.screen.strip()
    return run.screen


def _lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _last_words(table: str) -> str:
    """The last line of `table` that has words, without its styles and borders."""
    worded = [line for line in SGR.sub("", table).splitlines() if re.search(r"\w", line)]
    return worded[-1].strip("│ ")


def _colour_codes(text: str) -> list[str]:
    """SGR sequences that set a colour (bold, dim and reset are not colour)."""
    found = []
    for match in SGR.finditer(text):
        params = {int(p) for p in re.split("[;:]", match[1]) if p.isdigit()}
        if params & _COLOUR_PARAMS:
            found.append(match[0])
    return found


# -- which pager -----------------------------------------------------------------------------


def test_a_tall_table_goes_through_pmroles_pager_before_pager(tmp_path: Path) -> None:
    ours, general = _pager(tmp_path / "ours"), _pager(tmp_path / "general")
    table = _direct("show", "tpm")
    assert _lines(table) > ROWS  # else this test proves nothing

    run = _in_terminal("show", "tpm", env=_env(PMROLES_PAGER=str(ours), PAGER=str(general)))

    assert run.status == 0, run.screen
    assert _received(ours) == table  # all of it, as the terminal would have shown it
    assert _received(general) is None
    assert run.screen == ""  # the pager showed it, not pmroles


def test_a_tall_table_goes_through_pager(tmp_path: Path) -> None:
    pager = _pager(tmp_path)
    table = _direct("show", "tpm")

    run = _in_terminal("show", "tpm", env=_env(PAGER=str(pager)))

    assert run.status == 0, run.screen
    assert _received(pager) == table
    assert TITLE not in run.screen


def test_the_pager_command_may_carry_arguments(tmp_path: Path) -> None:
    # Run by the shell, as git does: the variable is a command line, not a file name.
    pager = _pager(tmp_path)

    run = _in_terminal("show", "tpm", env=_env(PAGER=f"{pager} --first 'two words'"))

    assert run.status == 0, run.screen
    assert pager.with_name("pager.argv").read_text() == "--first\ntwo words\n"
    assert TITLE in (_received(pager) or "")


def test_the_default_is_less_with_frx(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    less = _pager(bin_dir, "less")
    env = _env()
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    table = _direct("show", "tpm")

    run = _in_terminal("show", "tpm", env=env)

    assert run.status == 0, run.screen
    assert less.with_name("less.argv").read_text() == "-FRX\n"
    assert less.with_name("less.env").read_text() == "LESS=FRX\nLV=-c\n"
    assert _received(less) == table
    assert TITLE not in run.screen


def test_less_and_lv_settings_of_the_users_are_kept(tmp_path: Path) -> None:
    pager = _pager(tmp_path)

    run = _in_terminal("show", "tpm", env=_env(PAGER=str(pager), LESS="-S", LV=""))

    assert run.status == 0, run.screen
    assert pager.with_name("pager.env").read_text() == "LESS=-S\nLV=\n"


@pytest.mark.parametrize(
    "chosen", [{"PMROLES_PAGER": ""}, {"PMROLES_PAGER": "cat"}, {"PAGER": ""}, {"PAGER": "cat"}]
)
def test_an_empty_pager_or_cat_means_no_pager(tmp_path: Path, chosen: dict[str, str]) -> None:
    # An empty PMROLES_PAGER is a choice: PAGER is not read after it (as with GIT_PAGER).
    # `cat` is not run either: a recording `cat` first on PATH would swallow the table.
    pager, cat = _pager(tmp_path), _pager(tmp_path / "bin", "cat")
    table = _direct("show", "tpm")
    env = _env(**{"PAGER": str(pager), **chosen})
    env["PATH"] = f"{cat.parent}{os.pathsep}{env['PATH']}"

    run = _in_terminal("show", "tpm", env=env)

    assert run.status == 0, run.screen
    assert _received(pager) is None
    assert _received(cat) is None
    assert run.screen == table


# -- when it pages ---------------------------------------------------------------------------


def test_a_table_that_fits_is_printed_not_paged(tmp_path: Path) -> None:
    pager = _pager(tmp_path)
    table = _direct("show", "tpm", rows=500)
    height = _lines(table)

    fits = _in_terminal("show", "tpm", env=_env(PAGER=str(pager)), rows=height)
    assert fits.status == 0, fits.screen
    assert _received(pager) is None
    assert fits.screen == table

    # One line shorter, and the same table pages: the line count is the test.
    taller = _in_terminal("show", "tpm", env=_env(PAGER=str(pager)), rows=height - 1)
    assert taller.status == 0, taller.screen
    assert _received(pager) == table


def test_lines_overrides_the_terminals_height(tmp_path: Path) -> None:
    # As Rich reads it: LINES says how tall the screen is, whatever the terminal says.
    pager = _pager(tmp_path)

    run = _in_terminal("show", "tpm", env=_env(PAGER=str(pager), LINES="10"), rows=500)

    assert run.status == 0, run.screen
    assert TITLE in (_received(pager) or "")
    assert TITLE not in run.screen


@pytest.mark.parametrize("form", ["json", "yaml", "markdown", "csv"])
def test_machine_formats_never_page(tmp_path: Path, form: str) -> None:
    pager = _pager(tmp_path)

    run = _in_terminal(
        "show", "tpm", "--format", form, env=_env(PAGER=str(pager), PMROLES_PAGER=str(pager))
    )

    assert run.status == 0, run.screen
    assert _lines(run.screen) > ROWS  # tall enough that a table would have paged
    assert _received(pager) is None
    assert "technical" in run.screen  # the role, printed directly


@pytest.mark.parametrize("args", [("schema",), ("validate",)], ids=["schema", "validate"])
def test_text_for_tools_never_pages(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`schema`'s JSON and `validate`'s problem lines go to tools, like the machine formats."""
    pager = _pager(tmp_path)
    run = _in_terminal(*args, env=_env(PAGER=str(pager)), rows=5)

    assert run.status == 0, run.screen
    assert _received(pager) is None
    if args == ("schema",):
        assert _lines(run.screen) > 5
        assert '"$schema"' in run.screen


def test_json_shorthand_never_pages(tmp_path: Path) -> None:
    pager = _pager(tmp_path)

    run = _in_terminal("show", "tpm", "--json", env=_env(PAGER=str(pager)))

    assert run.status == 0, run.screen
    assert _received(pager) is None
    assert '"version": 2' in run.screen


def test_piped_output_never_pages(tmp_path: Path) -> None:
    pager = _pager(tmp_path)
    env = _env(PAGER=str(pager), PMROLES_PAGER=str(pager), LINES="5", FORCE_COLOR="1")

    result = subprocess.run(
        [*PROGRAM, "show", "tpm"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=TIMEOUT,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert _received(pager) is None
    assert TITLE in result.stdout
    assert _lines(result.stdout) > 5


@pytest.mark.parametrize("args", [("--no-pager", "show", "tpm"), ("show", "tpm", "--no-pager")])
def test_no_pager_option_prints_directly(tmp_path: Path, args: tuple[str, ...]) -> None:
    pager = _pager(tmp_path)
    table = _direct("show", "tpm")

    run = _in_terminal(*args, env=_env(PAGER=str(pager), PMROLES_PAGER=str(pager)))

    assert run.status == 0, run.screen
    assert _received(pager) is None
    assert run.screen == table


def test_emit_without_the_pager_never_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pager = _pager(tmp_path)
    monkeypatch.setenv("PAGER", str(pager))
    monkeypatch.delenv("PMROLES_PAGER", raising=False)
    monkeypatch.setenv("LINES", "3")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    text = "".join(f"line {number}\n" for number in range(20))
    report = Report(view=lambda: Text(text.rstrip("\n")))  # a drawn view: what pages

    emit(report, Output(pager=False))
    assert terminal.getvalue() == text
    assert _received(pager) is None

    # The same report and terminal with the pager allowed does page: the flag is the test.
    emit(report, Output())
    assert _received(pager) == text
    assert terminal.getvalue() == text  # nothing more was printed


def test_piped_output_does_not_load_the_pager() -> None:
    # Piped output (the common case for scripts) pays nothing for paging.
    probe = (
        "import sys\n"
        "sys.argv = ['pmroles', 'show', 'tpm']\n"
        "from pmroles.entry import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    loaded = [m for m in ('pmroles.render.pager', 'subprocess') if m in sys.modules]\n"
        "    print('loaded:', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=_env(PAGER="cat"),
        cwd=ROOT,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert TITLE in result.stdout
    assert result.stderr.splitlines()[-1] == "loaded: []"


# -- colour ----------------------------------------------------------------------------------


def test_the_pager_receives_the_terminals_styles(tmp_path: Path) -> None:
    pager = _pager(tmp_path)

    run = _in_terminal("show", "tpm", env=_env(PAGER=str(pager)))

    assert run.status == 0, run.screen
    assert "\x1b[" in (_received(pager) or "")  # `less -R` shows them


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--no-color",), {}),
        ((), {"TERM": "dumb"}),
        (("--no-color",), {"FORCE_COLOR": "1"}),
    ],
    ids=["--no-color", "TERM=dumb", "--no-color-with-FORCE_COLOR"],
)
def test_no_styles_reach_the_pager_when_colour_is_off(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str]
) -> None:
    pager = _pager(tmp_path)

    run = _in_terminal(*args, "show", "tpm", env=_env(PAGER=str(pager), **env))

    assert run.status == 0, run.screen
    received = _received(pager)
    assert received is not None
    assert TITLE in received
    assert "\x1b" not in received


def test_no_color_reaches_the_pager(tmp_path: Path) -> None:
    # NO_COLOR removes colour (Rich may keep bold and dim). Today's tables use no colour
    # on a terminal at all, so this guards against colour arriving later past NO_COLOR.
    pager = _pager(tmp_path)

    run = _in_terminal("show", "tpm", env=_env(PAGER=str(pager), NO_COLOR="1"))

    assert run.status == 0, run.screen
    received = _received(pager)
    assert received is not None
    assert TITLE in received
    assert _colour_codes(received) == []


# -- a pager that fails, quits early or is interrupted ---------------------------------------


@pytest.mark.parametrize("kind", ["missing", "not-executable"])
def test_a_pager_that_cannot_run_leaves_the_text_printed(tmp_path: Path, kind: str) -> None:
    if kind == "missing":
        command = str(tmp_path / "nonexistent" / "pager")  # the shell exits 127
    else:
        command = str(tmp_path / "pager")
        (tmp_path / "pager").write_text(RECORDING_PAGER)  # not executable: the shell exits 126
    table = _direct("show", "tpm")

    run = _in_terminal("show", "tpm", env=_env(PAGER=command))

    assert run.status == 0, run.screen
    assert table in run.screen  # whole, after the shell's one line saying what went wrong
    assert "Traceback" not in run.screen


def test_no_less_and_no_choice_prints_directly(tmp_path: Path) -> None:
    # PATH without `less`: the default pager is skipped quietly, not reported as missing.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh",):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    table = _direct("show", "tpm")
    env = _env()
    env["PATH"] = str(bin_dir)

    run = _in_terminal("show", "tpm", env=env)

    assert run.status == 0, run.screen
    assert run.screen == table


def test_a_pager_that_quits_early_ends_quietly(tmp_path: Path) -> None:
    # A table far larger than a pipe holds, so the pager's leaving is met mid-write.
    catalogue = tmp_path / "big.yaml"
    skills = "".join(f"      - skill number {n}\n" for n in range(3000))
    catalogue.write_text(f"roles:\n  big:\n    name: Big Role\n    skills:\n{skills}")
    pager = _pager(tmp_path, script=EARLY_QUITTING_PAGER)

    run = _in_terminal("--catalogue", str(catalogue), "show", "big", env=_env(PAGER=str(pager)))

    assert run.status == 0, run.screen
    assert run.screen == ""  # no traceback, no "Error:", no table after the pager
    read = pager.with_name("pager.input")
    assert read.exists()
    assert len(read.read_bytes()) == 10  # it ran, and left with the rest unread


def test_ctrl_c_goes_to_the_pager_not_to_pmroles(tmp_path: Path) -> None:
    pager = _pager(tmp_path, script=INTERRUPTIBLE_PAGER)
    ready = pager.with_name("pager.ready")
    table = _direct("show", "tpm")

    run = _in_terminal(
        "show", "tpm", env=_env(PAGER=str(pager)), keys=[(lambda _: ready.exists(), b"\x03")]
    )

    assert pager.with_name("pager.interrupted").exists()  # the pager got the Ctrl-C...
    assert run.status == 0, run.screen  # ...and pmroles, ignoring it, ended as the pager did
    assert "Interrupted" not in run.screen
    assert "Traceback" not in run.screen
    assert _received(pager) == table


LESS = shutil.which("less")


def _less_waits(shown: bytes) -> bool:
    return b"\n:" in shown  # less has drawn its first screen and its prompt


def _later(seconds: float) -> Callable[[bytes], bool]:
    """True `seconds` after it is first asked: once the key before it has been typed."""
    start: list[float] = []

    def due(shown: bytes) -> bool:
        start.append(time.monotonic())
        return time.monotonic() - start[0] >= seconds

    return due


def _q() -> list[Key]:
    return [(_less_waits, b"q")]


def _ctrl_c_then_q() -> list[Key]:
    # The terminal discards what is typed with a Ctrl-C, and less answers Ctrl-C in several
    # ways (a bell, a repaint, nothing): so `q` comes after a pause, and again in case it
    # was discarded. Once less has quit, nobody reads what is typed.
    return [(_less_waits, b"\x03"), *((_later(0.3), b"q") for _ in range(5))]


@pytest.mark.skipif(LESS is None, reason="needs less")
@pytest.mark.parametrize("typing", [_q, _ctrl_c_then_q], ids=["q", "ctrl-c-then-q"])
def test_real_less_leaves_the_terminal_as_it_found_it(typing: Callable[[], list[Key]]) -> None:
    import termios

    table = _direct("show", "tpm")
    after: list[list[object]] = []

    run = _in_terminal(
        "show",
        "tpm",
        env=_env(),
        keys=typing(),
        on_exit=lambda fd: after.append(termios.tcgetattr(fd)),
    )

    assert run.status == 0, run.screen
    assert "Interrupted" not in run.screen
    assert "Traceback" not in run.screen
    assert TITLE in run.screen  # the first screen was shown...
    assert _last_words(table) not in SGR.sub("", run.screen)  # ...not the end: it was paged
    assert after == [_fresh_terminal_attributes()]  # modes less changed are restored


def _fresh_terminal_attributes() -> list[object]:
    import termios

    leader, follower = os.openpty()
    try:
        return termios.tcgetattr(leader)
    finally:
        os.close(leader)
        os.close(follower)
