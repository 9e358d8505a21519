"""Tab completion in real shells: every option value completes, and completion never runs
what a role, stakeholder or concept name says (report F1).

Completion offers each id with the role's, stakeholder's or concept's name as its
description. zsh
evaluates the answer twice (Typer's script `eval`s it, then `_arguments` `eval`s the list),
so pmroles must make descriptions inert on both of its paths: the cold one (Typer's
completion classes, no index yet) and the warm one (`pmroles.complete`, from the index).

The names come from tests/hostile/completion.py; each one that ever runs creates a marker
file. zsh is driven interactively through a pseudo-terminal with `compinit`, bash and fish
run the scripts `--show-completion` prints, PowerShell (not installed here) is checked on
the lines its script splits. A missing shell fails these tests: `.ci/run` installs them.
"""

from __future__ import annotations

import itertools
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .hostile.completion import (
    FIRST_WORDS,
    MARKER,
    NAMES,
    ROLE_IDS,
    STAKEHOLDER_IDS,
    UNPRINTABLE_VALUES,
    VALUES,
    catalogue_yaml,
)
from .test_completion_tree import OWN_CATALOGUE

BIN = Path(sys.executable).parent
"""The virtualenv's scripts: the installed `pmroles` is put first on each shell's PATH."""

TIMEOUT = 30.0
"""Seconds before a shell counts as hung: the test then fails and the shell is killed."""

_ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>])"
)
_UNSAFE_ON_SCREEN = ("\u202e", "\x1b]0;title", "\x1b[31m", "\x1b[2J", "\x9b")
"""Controls from the names: if one reaches the terminal, the description is not inert."""


TYPER_NO_SHELL_DETECTION = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
"""Typer's switch that lets --show-completion and --install-completion take the shell's name."""


def _shell(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; .ci/run installs it (apt-get install {name})")
    return path


def _pmroles() -> Path:
    program = BIN / "pmroles"
    assert program.is_file(), f"the pmroles console script is not installed in {BIN}"
    return program


# -- the hostile world: a catalogue, its markers, a home of its own ------------------------------


@dataclass
class World:
    """A home, config, cache and marker directory under tmp_path, and the hostile catalogue
    (or `text`, given the marker directory) where `source` says: the config file,
    PMROLES_CATALOGUE or `--catalogue` on the line; or "builtin", none of them."""

    root: Path
    source: str = "config"
    env: dict[str, str] = field(default_factory=dict)
    text: Callable[[str], str] = catalogue_yaml

    def __post_init__(self) -> None:
        home = self.root / "home"
        self.markers = self.root / "markers"
        self.cache = self.root / "cache"
        config = self.root / "config"
        for directory in (home, self.markers, self.cache, config, self.root / "data"):
            directory.mkdir(parents=True, exist_ok=True)
        self.env = {
            "PATH": os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": str(home),
            "ZDOTDIR": str(home),
            "XDG_CONFIG_HOME": str(config),
            "XDG_CACHE_HOME": str(self.cache),
            "XDG_DATA_HOME": str(self.root / "data"),
            "XDG_STATE_HOME": str(self.root / "data"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm",
            "NO_COLOR": "1",
        }
        if "PYTHONPATH" in os.environ:  # a source checkout
            self.env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        if self.source == "config":
            self.catalogue = config / "pmroles" / "roles.yaml"
        else:
            self.catalogue = self.root / "hostile.yaml"
        if self.source != "builtin":
            self.catalogue.parent.mkdir(parents=True, exist_ok=True)
            self.catalogue.write_text(self.text(str(self.markers)), encoding="utf-8")
        if self.source == "env":
            self.env["PMROLES_CATALOGUE"] = str(self.catalogue)

    @property
    def options(self) -> list[str]:
        """Global options to type before the command."""
        return ["--catalogue", str(self.catalogue)] if self.source == "option" else []

    def line(self, *words: str) -> str:
        """The command line to type (no word needs quoting)."""
        return " ".join(["pmroles", *self.options, *words])

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(_pmroles()), *self.options, *args],
            env={**self.env, **(env or {})},
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def indexes(self) -> list[Path]:
        return sorted((self.cache / "pmroles").glob("index-*.json"))

    def warm_up(self, warm: bool) -> None:
        """Cold: no cache at all. Warm: a run has built the cache and completion's index."""
        if warm:
            result = self.run("list")
            assert result.returncode == 0, result.stderr
            assert self.indexes(), "a run should leave a completion index behind"
        else:
            assert not self.indexes()

    def fired(self) -> list[str]:
        return sorted(p.name for p in self.markers.iterdir())


# -- a pseudo-terminal --------------------------------------------------------------------------


class Terminal:
    """A program on a pseudo-terminal: type into it and read what it shows, with deadlines."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], cwd: Path) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 120, 250, 0, 0))
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def read_until(self, done: re.Pattern[bytes] | bytes, timeout: float = TIMEOUT) -> bool:
        """Read until `done` is in what was shown since the last `mark`; False on timeout."""
        deadline = time.monotonic() + timeout
        while not self._seen(done):
            left = deadline - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                return self._seen(done)
            ready, _, _ = select.select([self.master], [], [], min(left, 0.2))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the program is gone (EIO)
                    return self._seen(done)
                self.output += chunk
        return True

    def _seen(self, done: re.Pattern[bytes] | bytes) -> bool:
        if isinstance(done, bytes):
            return done in self.output
        return done.search(self.output) is not None

    def mark(self) -> None:
        self.output = b""

    def screen(self) -> str:
        """What was shown since the last `mark`, without terminal escapes."""
        text = _ESCAPES.sub(b"", self.output).replace(b"\r", b"")
        return text.decode("utf-8", errors="replace")

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # our own session, started above
        self.process.wait(timeout=TIMEOUT)
        os.close(self.master)


PROMPT = rb"zsh-ready[#%] "
"""What the test's PS1 (`zsh-ready%# `) shows, and its own echo does not."""

CLEAR_LINE = "\x01\x0b"
"""Ctrl-A Ctrl-K: zsh's beginning-of-line and kill-line. (Not Ctrl-U: should zsh still be
between two line editors, the terminal's line discipline would erase what came before.)"""


_SENTINELS = itertools.count(1)


def _run(terminal: Terminal, command: str, output: bytes | None = None) -> None:
    """Type `command` and a sentinel, and Enter; wait for `output` (by default the
    sentinel's) and then the prompt."""
    number = next(_SENTINELS)
    sentinel = f"print -r -- OK{number}-$((20+22))"
    terminal.type(f"{command}; {sentinel}\r" if command else f"{sentinel}\r")
    _wait(terminal, output or f"OK{number}-42".encode())


def _wait(terminal: Terminal, output: bytes) -> None:
    """Wait for `output` and the prompt after it: zsh has then done all that was typed so
    far and reads keys in its line editor again."""
    done = re.compile(re.escape(output) + b"\r?\n.*" + PROMPT, re.DOTALL)
    assert terminal.read_until(done), f"zsh hung:\n{terminal.screen()}"


@contextmanager
def _zsh(world: World) -> Iterator[Terminal]:
    """An interactive zsh set up as `pmroles --install-completion zsh` sets it up: Typer
    writes ~/.zfunc/_pmroles and a ~/.zshrc that runs `compinit`, which zsh then reads."""
    installed = world.run("--install-completion", "zsh", env=TYPER_NO_SHELL_DETECTION)
    assert installed.returncode == 0, installed.stderr
    home = Path(world.env["HOME"])
    assert "_PMROLES_COMPLETE=complete_zsh" in (home / ".zfunc" / "_pmroles").read_text()
    assert "compinit" in (home / ".zshrc").read_text()
    # -d: no global startup files (Debian's /etc/zsh/zshrc); ZDOTDIR's .zshrc is read.
    terminal = Terminal([_shell("zsh"), "-d", "-i"], world.env, world.root)
    try:
        _run(terminal, "PS1='zsh-ready%# '")
        # The first Tab on `pmroles` only autoloads ~/.zfunc/_pmroles, which defines the
        # completion function and registers it (Typer's file does not call it): prime it.
        terminal.type("pmroles \t" + CLEAR_LINE)
        _run(
            terminal, "(( $+functions[_pmroles_completion] )) && print LOADED$((40+2))", b"LOADED42"
        )
        yield terminal
    finally:
        terminal.close()


def _tab(terminal: Terminal, line: str, expected: Sequence[str]) -> str:
    """Type `line`, press Tab, wait until every expected word is shown (or the deadline),
    then clear the line and run a sentinel: zsh has finished the completion when it shows."""
    terminal.mark()
    terminal.type(line + "\t")
    pattern = re.compile(
        b"(?s)" + b"".join(b"(?=.*" + re.escape(w.encode()) + b")" for w in expected)
    )
    terminal.read_until(pattern, timeout=15)
    terminal.type(CLEAR_LINE)
    _run(terminal, "")
    return terminal.screen()


def _check_screen(screen: str, output: bytes, ids: Sequence[str]) -> None:
    missing = [i for i in ids if i not in screen]
    assert not missing, f"ids not offered: {missing}\n{screen}"
    words = [w for w in FIRST_WORDS if w not in screen]
    assert not words, f"descriptions not shown: {words}\n{screen}"
    for problem in ("(eval)", "parse error", "unmatched", "command not found", "bad pattern"):
        assert problem not in screen, screen
    shown = output.decode("utf-8", errors="replace")
    leaked = [c for c in _UNSAFE_ON_SCREEN if c in shown]
    assert not leaked, f"controls from the names reached the terminal: {leaked!r}"


CONCEPT_IDS = tuple(f"k{'._+-'[i % 4]}{i:02d}" for i in range(len(NAMES)))
"""Ids for concepts labelled NAMES, all starting with "k"."""


def concepts_yaml(marker_dir: str) -> str:
    """A catalogue of a concept per hostile name (its label), each with its own marker, and
    a role whose skills name them all (by tags: the labels name nothing sensible)."""
    lines = ["concepts:"]
    for number, (ident, name) in enumerate(zip(CONCEPT_IDS, NAMES, strict=True)):
        payload = name.replace(MARKER, f"{marker_dir}/concept-{number:02d}")
        lines += [f"  {ident}:", f"    label: {json.dumps(payload)}"]
    lines += ["roles:", "  holder:", "    name: Concept holder", "    skills:"]
    lines += [f"      - item {number:02d}" for number in range(len(NAMES))]
    lines += ["    concepts:", "      skills:"]
    lines += [f"        item {n:02d}: [{json.dumps(i)}]" for n, i in enumerate(CONCEPT_IDS)]
    return "\n".join([*lines, ""])


ZSH_CASES = [
    pytest.param("config", "role", id="config-role"),
    pytest.param("config", "stakeholder", id="config-stakeholder"),
    pytest.param("env", "role", id="env-role"),
    pytest.param("option", "role", id="option-role"),
    pytest.param("option", "stakeholder", id="option-stakeholder"),
    pytest.param("config", "skill", id="config-skill"),
    pytest.param("option", "skill", id="option-skill"),
]


def _world(root: Path, source: str, kind: str) -> World:
    """The world for one kind of name: hostile concepts for skills, else roles and stakeholders."""
    return World(root, source, text=concepts_yaml) if kind == "skill" else World(root, source)


def _words(kind: str) -> tuple[list[str], tuple[str, ...]]:
    if kind == "role":
        return ["show", "g"], ROLE_IDS
    if kind == "skill":
        return ["list", "--skill", "k"], CONCEPT_IDS
    return ["list", "--stakeholder", "z"], STAKEHOLDER_IDS


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize(("source", "kind"), ZSH_CASES)
def test_zsh_tab_runs_nothing_a_name_says(
    tmp_path: Path, source: str, kind: str, warm: bool
) -> None:
    world = _world(tmp_path, source, kind)
    world.warm_up(warm)
    words, ids = _words(kind)
    with _zsh(world) as terminal:
        screen = _tab(terminal, world.line(*words), ids)
        assert world.fired() == [], f"a name ran as shell code:\n{screen}"
        _check_screen(screen, terminal.output, ids)
    if not warm:
        assert world.indexes(), "the cold completion should have built the index"


def _zsh_answer_file(world: World, items: Sequence[tuple[str, str]]) -> Path:
    from pmroles.complete import zsh_answer

    answer = world.root / "answer.txt"
    answer.write_text(zsh_answer(items) + "\n", encoding="utf-8")
    return answer


def test_zsh_offers_odd_values_as_themselves(tmp_path: Path) -> None:
    """Values no id can hold still reach the command line exactly, and run nothing: each is
    the only candidate, so Tab inserts it, and Enter passes it to a function that prints it."""
    world = World(tmp_path)
    values = [v.replace(MARKER, f"{world.markers}/value-{n:02d}") for n, v in enumerate(VALUES)]
    with _zsh(world) as terminal:
        _run(
            terminal,
            f"_hostile() {{ eval $(cat {world.root}/answer.txt) }}; compdef _hostile hostile; "
            f'hostile() {{ print -r -- "GOT[$1]$((6*7))" }}',
        )
        for value in values:
            _zsh_answer_file(world, [(value, f"Help for {value}")])
            terminal.mark()
            terminal.type("hostile \t\r")  # the one candidate, inserted, then Enter
            _wait(terminal, b"]42")
            match = re.search(rb"GOT\[(.*)\]42\r?\n", terminal.output)
            assert match is not None, f"no answer for {value!r}:\n{terminal.screen()}"
            assert match[1].decode() == value, terminal.screen()
        # All of them at once, with the unprintable ones: a listing, nothing run.
        unprintable = [
            v.replace(MARKER, f"{world.markers}/bad-{n}") for n, v in enumerate(UNPRINTABLE_VALUES)
        ]
        items = [(v, NAMES[n % len(NAMES)]) for n, v in enumerate(values + unprintable)]
        _zsh_answer_file(world, items)
        screen = _tab(terminal, "hostile v", values)
        assert world.fired() == [], screen
        missing = [v for v in values if v not in screen]
        assert not missing, f"not offered: {missing}\n{screen}"
        assert "bad-" not in screen, screen  # the unprintable values were left out
        for problem in ("(eval)", "parse error", "unmatched", "command not found"):
            assert problem not in screen, screen


def _lines(text: str) -> list[str]:
    """Lines as the shells read them: split at newlines only (Python's splitlines would also
    split at vertical tabs, form feeds and Unicode separators a name may hold)."""
    return text.removesuffix("\n").split("\n") if text else []


# -- bash ------------------------------------------------------------------------------------


BASH_DRIVER = r"""
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(( $# - 1 ))
_pmroles_completion pmroles
printf '%s\n' "${COMPREPLY[@]}"
"""


OTHER_CASES = ZSH_CASES[:2] + ZSH_CASES[3:4] + ZSH_CASES[5:6]
"""For bash and fish: the config file for every kind of name, and `--catalogue` on the line."""


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize(("source", "kind"), OTHER_CASES)
def test_bash_completion_runs_nothing_a_name_says(
    tmp_path: Path, source: str, kind: str, warm: bool
) -> None:
    world = _world(tmp_path, source, kind)
    world.warm_up(warm)
    script = world.root / "pmroles.bash"
    script.write_text(
        world.run("--show-completion", "bash", env=TYPER_NO_SHELL_DETECTION).stdout,
        encoding="utf-8",
    )
    words, ids = _words(kind)
    result = subprocess.run(
        [
            *(_shell("bash"), "--norc", "--noprofile", "-c", BASH_DRIVER, "bash", str(script)),
            *("pmroles", *world.options, *words),
        ],
        env=world.env,
        cwd=world.root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert world.fired() == []
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(_lines(result.stdout)) == sorted(ids)


# -- fish ------------------------------------------------------------------------------------


FISH_DRIVER = "source $argv[1]; complete -C $argv[2]"


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize(("source", "kind"), OTHER_CASES)
def test_fish_completion_runs_nothing_a_name_says(
    tmp_path: Path, source: str, kind: str, warm: bool
) -> None:
    world = _world(tmp_path, source, kind)
    world.warm_up(warm)
    script = world.root / "pmroles.fish"
    script.write_text(
        world.run("--show-completion", "fish", env=TYPER_NO_SHELL_DETECTION).stdout,
        encoding="utf-8",
    )
    words, ids = _words(kind)
    line = world.line(*words)
    result = subprocess.run(
        [_shell("fish"), "--no-config", "-c", FISH_DRIVER, str(script), line],
        env=world.env,
        cwd=world.root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert world.fired() == []
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = [row.split("\t") for row in _lines(result.stdout)]
    assert all(len(row) == 2 for row in rows), result.stdout  # value<TAB>description, no more
    assert sorted(value for value, _ in rows) == sorted(ids)  # no line a name injected
    descriptions = dict(rows)
    for ident, word in zip(ids, FIRST_WORDS, strict=True):
        assert descriptions[ident].startswith(word), descriptions[ident]
        assert descriptions[ident].isprintable(), repr(descriptions[ident])


# -- the answers themselves, on both paths ---------------------------------------------------


def _answer(world: World, shell: str, *words: str) -> subprocess.CompletedProcess[str]:
    """What the program prints for a completion request, as the shell's script asks."""
    line = world.line(*words)
    env = {**world.env, "_PMROLES_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) + len(world.options))}
    elif shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    elif shell == "powershell":
        env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = words[-1]
    return subprocess.run(
        [str(_pmroles())],
        env=env,
        cwd=world.root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
@pytest.mark.parametrize("kind", ["role", "stakeholder", "skill"])
def test_cold_and_warm_paths_answer_the_same(tmp_path: Path, shell: str, kind: str) -> None:
    world = _world(tmp_path, "config", kind)
    words, _ = _words(kind)
    cold = _answer(world, shell, *words)
    assert world.indexes()
    warm = _answer(world, shell, *words)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, "")
    assert world.fired() == []


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize("kind", ["role", "stakeholder", "skill"])
def test_powershell_lines_split_into_value_and_help(tmp_path: Path, kind: str, warm: bool) -> None:
    """Typer's PowerShell script splits each line at ':::' into a value and its tooltip."""
    world = _world(tmp_path, "config", kind)
    world.warm_up(warm)
    words, ids = _words(kind)
    result = _answer(world, "powershell", *words)
    assert result.returncode == 0, result.stderr
    rows = [line.split(":::") for line in _lines(result.stdout)]
    assert all(len(row) == 2 for row in rows), result.stdout
    assert [value for value, _ in rows] == list(ids)
    for (_, tooltip), word in zip(rows, FIRST_WORDS, strict=True):
        assert tooltip.startswith(word), tooltip
        assert tooltip.isprintable(), repr(tooltip)


# -- the one formatting function -------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES, ids=FIRST_WORDS)
def test_descriptions_keep_only_inert_characters(name: str) -> None:
    from pmroles.complete import help_text

    text = help_text(name)
    assert text.isprintable()
    assert not set(text) & set("$`\\'\";|<>*?[]{}~!#%=\n\r\t\x1b")
    assert "::" not in text
    assert text == text.strip()
    assert "  " not in text
    assert text.startswith(name.split()[0])


def test_descriptions_read_as_before_when_nothing_is_hostile() -> None:
    from pmroles.complete import help_text

    for plain in (
        "Technical Product Manager",
        "Consumer (B2C) Product Manager",
        "High-tech B2B/B2G Product Manager",
        "R&D",
        "A stakeholder: id, alias or name.",
        "Ürün Yöneticisi 製品",
    ):
        assert help_text(plain) == plain
    assert help_text("Founder's Associate") == "Founder\u2019s Associate"


@pytest.mark.parametrize(
    "value", [*VALUES, *UNPRINTABLE_VALUES], ids=lambda v: ascii(v)[1:-1].replace("@MARKER@", "M")
)
def test_every_shell_leaves_out_a_value_it_cannot_hold(value: str) -> None:
    from pmroles.complete import fish_line, offerable, powershell_line, zsh_answer

    if value in UNPRINTABLE_VALUES:
        assert not offerable(value)
        assert zsh_answer([(value, "x")]) == "_files"
    else:
        assert offerable(value)
        assert fish_line(value, "Help\nline") == f"{value}\tHelp line"
        assert powershell_line(value, "a:::b\nc").split(":::") == [value, "a:b c"]


def test_powershell_always_has_a_tooltip() -> None:
    """CompletionResult refuses an empty tooltip: Typer sends a space."""
    from pmroles.complete import powershell_line

    assert powershell_line("tpm", "") == "tpm::: "
    assert powershell_line("tpm", "\x1b\n") == "tpm::: "
    assert powershell_line("tpm", "Technical PM") == "tpm:::Technical PM"


def test_the_full_cli_uses_the_same_formatting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer's own classes are replaced: the cold path prints what pmroles.complete says."""
    from click.shell_completion import CompletionItem, ShellComplete, get_completion_class

    from pmroles import cli, complete

    command = cli.typer.main.get_command(cli.app)
    values = [*VALUES, *UNPRINTABLE_VALUES, "tpm"]
    items = [CompletionItem(v, help=NAMES[n % len(NAMES)]) for n, v in enumerate(values)]
    items.append(CompletionItem("pm"))  # no help at all
    pairs = [(str(i.value), i.help or "") for i in items if complete.offerable(str(i.value))]
    expected = {
        "zsh": complete.zsh_answer(pairs),
        "fish": "\n".join(complete.fish_line(v, h) for v, h in pairs),
        "powershell": "\n".join(complete.powershell_line(v, h) for v, h in pairs),
        "pwsh": "\n".join(complete.powershell_line(v, h) for v, h in pairs),
        "bash": "\n".join(v for v, _ in pairs),
    }
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    monkeypatch.setenv("COMP_WORDS", "pmroles show ")
    monkeypatch.setenv("COMP_CWORD", "2")
    monkeypatch.setattr(ShellComplete, "get_completions", lambda self, args, incomplete: items)
    cli._use_inert_completion()
    for shell, text in expected.items():
        cls = get_completion_class(shell)
        assert cls is not None
        completer = cls(command, {}, "pmroles", "_PMROLES_COMPLETE")
        assert completer.complete() == text, shell


# -- every option value completes ------------------------------------------------------------


def _script(world: World, shell: str) -> Path:
    script = world.root / f"pmroles.{shell}"
    if not script.exists():
        shown = world.run("--show-completion", shell, env=TYPER_NO_SHELL_DETECTION)
        assert shown.returncode == 0, shown.stderr
        script.write_text(shown.stdout, encoding="utf-8")
    return script


def _shell_offers(world: World, shell: str, words: Sequence[str]) -> list[str]:
    """The values bash or fish offers when Tab is pressed after `pmroles` and `words`, the
    last of them the word being completed (maybe empty), as its completion script asks."""
    script = _script(world, shell)
    if shell == "bash":
        argv = [_shell("bash"), "--norc", "--noprofile", "-c", BASH_DRIVER, "bash", str(script)]
        argv += ["pmroles", *world.options, *words]
    else:
        line = world.line(*words)  # ends in a space when the last word is empty
        argv = [_shell("fish"), "--no-config", "-c", FISH_DRIVER, str(script), line]
    result = subprocess.run(
        argv,
        env=world.env,
        cwd=world.root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert world.fired() == []
    return sorted(line.split("\t")[0] for line in _lines(result.stdout))


def _values_aspects() -> list[str]:
    from pmroles.model import ASPECTS

    return [a.key for a in ASPECTS if a.key != "summary"] + ["concepts"]


def _needs_values(words: list[str]) -> list[pytest.MarkDecorator]:
    from pmroles.surface import COMMANDS

    missing = words[0] == "values" and "values" not in COMMANDS
    return [pytest.mark.skip(reason="no `values` command yet")] if missing else []


CLOSED_CASES = [
    pytest.param(words, expected, id=" ".join(words), marks=_needs_values(words))
    for words, expected in [
        (["list", "--method", ""], ["agile", "sequential", "any"]),
        (["match", "--method", "a"], ["agile", "any"]),
        (["list", "--market", "b2"], ["b2c", "b2b", "b2g"]),
        (["match", "--horizon", ""], ["short", "medium", "long"]),
        (["show", "tpm", "--aspects", "sk"], ["skills"]),
        (["show", "tpm", "-a", "skills,to"], ["skills,tools"]),
        (["compare", "bpm", "tpm", "--aspects", "focus,skills,t"], ["focus,skills,tools"]),
        (["matrix", "--by", ""], ["stakeholder", "responsibility"]),
        (["list", "--format", "j"], ["json"]),
        (["values", ""], _values_aspects()),
        (["values", "co"], ["collaboration", "concepts"]),
    ]
]
"""Closed sets of values: the words after `pmroles`, and what Tab offers for the last.
(Values that share a prefix are typed with it: zsh's first Tab would insert it unlisted.)"""


@pytest.mark.parametrize("shell", ["bash", "fish"])
@pytest.mark.parametrize(("words", "expected"), CLOSED_CASES)
def test_bash_and_fish_complete_the_closed_sets(
    tmp_path: Path, shell: str, words: list[str], expected: list[str]
) -> None:
    world = World(tmp_path, "builtin")
    assert _shell_offers(world, shell, words) == sorted(expected)


def test_zsh_completes_the_closed_sets(tmp_path: Path) -> None:
    world = World(tmp_path, "builtin")
    with _zsh(world) as terminal:
        for case in CLOSED_CASES:
            words, expected = case.values
            if case.marks:
                continue
            assert isinstance(words, list)
            assert isinstance(expected, list)
            screen = _tab(terminal, world.line(*words), expected)
            missing = [value for value in expected if value not in screen]
            assert not missing, f"{' '.join(words)}<Tab>: not offered {missing}\n{screen}"


def _concepts_in(world: World, aspect: str) -> list[str]:
    """The ids of the concepts the world's catalogue offers for `aspect`, from the loaded
    catalogue (loaded with a cache of its own, so the world's stays cold)."""
    from pmroles.catalogue.stack import load_cached, stack_for
    from pmroles.complete import concept_choices

    environ = {**world.env, "XDG_CACHE_HOME": str(world.root / "other-cache")}
    files = [Path(f) for f in world.options[1:]]
    catalogue, _ = load_cached(stack_for(files, no_builtin=False, environ=environ), environ)
    return sorted(ident for ident, _ in concept_choices(catalogue, aspect))


OPTION_OF = {"skills": "--skill", "tools": "--tool", "background": "--background"}


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize("shell", ["bash", "fish"])
@pytest.mark.parametrize("aspect", list(OPTION_OF))
def test_the_person_options_offer_the_builtin_catalogues_concepts(
    tmp_path: Path, aspect: str, shell: str, warm: bool
) -> None:
    """Whatever the built-in vocabulary holds: the concepts its roles' items there name."""
    world = World(tmp_path, "builtin")
    world.warm_up(warm)
    command = "match" if aspect == "tools" else "list"
    offered = _shell_offers(world, shell, [command, OPTION_OF[aspect], ""])
    assert offered == _concepts_in(world, aspect)


OWN_CASES = [
    (["list", "--skill", "zz"], ["zz-coding"]),
    (["match", "--skill", "zz-c"], ["zz-coding"]),
    (["match", "--tool", "zz"], ["zz-hammer"]),
    (["list", "--background", "zz"], ["zz-physics"]),
]
"""Over one's own catalogue (tests/test_completion_tree.py), named with --catalogue."""


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_ones_own_concepts_complete_in_bash_and_fish(
    tmp_path: Path, shell: str, warm: bool
) -> None:
    world = World(tmp_path, "option", text=lambda _: OWN_CATALOGUE)
    world.warm_up(warm)
    for words, expected in OWN_CASES:
        assert _shell_offers(world, shell, words) == expected, words
    offered = _shell_offers(world, shell, ["list", "--skill", ""])
    assert "zz-coding" in offered
    assert offered == _concepts_in(world, "skills")  # the built-in ones too


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_ones_own_concepts_complete_in_zsh(tmp_path: Path, warm: bool) -> None:
    world = World(tmp_path, "option", text=lambda _: OWN_CATALOGUE)
    world.warm_up(warm)
    with _zsh(world) as terminal:
        for words, expected in OWN_CASES:
            screen = _tab(terminal, world.line(*words), expected)
            assert all(value in screen for value in expected), f"{words}:\n{screen}"
    if not warm:
        assert world.indexes(), "the cold completion should have built the index"
