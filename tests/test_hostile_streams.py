"""Hostile surroundings: closed standard streams (`>&-`, `2>&-`, `<&-`), a non-blocking stdout,
a low address-space limit, an unusable config file and relative XDG directories (reliability
report F6, F8, F18, F14, F19).

The cases are data: tests/hostile/streams.py. Each runs pmroles as a real process, entered the
way the console script enters it, with its own HOME and XDG directories under tmp_path.
"""

from __future__ import annotations

import json
import os
import re
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile.streams import (
    BAD_CATALOGUE,
    COMPLETION,
    CONFIGS,
    MEMORY,
    OUTPUT_COMMANDS,
    WARN_CATALOGUE,
    WITHOUT_BOTH,
    WITHOUT_STDERR,
    WITHOUT_STDIN,
    WITHOUT_STDOUT,
    Closed,
    Command,
    Config,
    Memory,
)

PMROLES = [sys.executable, "-m", "pmroles"]
TIMEOUT = 60
"""Seconds; loading the 16 MB bench catalogue takes a few."""


class World:
    """One user: a home with its own XDG directories, and the files cases refer to."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.home.mkdir(parents=True)
        self.config = self.home / ".config" / "pmroles" / "roles.yaml"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "NO_COLOR": "1",
            "TERM": "dumb",
            "COLUMNS": "100",
            "LANG": "C.UTF-8",
        }
        if "PYTHONPATH" in os.environ:  # to run these tests against another tree
            self.env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        self.bad = root / "bad.yaml"
        self.bad.write_text(BAD_CATALOGUE, encoding="utf-8")
        self.warn = root / "warn.yaml"
        self.warn.write_text(WARN_CATALOGUE, encoding="utf-8")
        self.dir = root / "dir"
        self.dir.mkdir()

    def args(self, args: Sequence[str], **files: Path) -> list[str]:
        named = {"@BAD@": self.bad, "@WARN@": self.warn, **{f"@{k}@": v for k, v in files.items()}}
        done = []
        for arg in args:
            for marker, path in named.items():
                arg = arg.replace(marker, str(path))
            done.append(arg.replace("@DIR@", str(self.dir)))
        return done

    def run(
        self,
        args: Sequence[str],
        *,
        close: Sequence[int] = (),
        limit_mb: int | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        """Run pmroles; `close` are descriptors closed as `>&-` closes them."""

        def prepare() -> None:
            for fd in close:
                os.close(fd)
            if limit_mb is not None:
                resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

        return subprocess.run(
            [*PMROLES, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={**self.env, **(env or {})},
            cwd=cwd or self.root,
            preexec_fn=prepare if close or limit_mb else None,
            timeout=TIMEOUT,
            check=False,
        )


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _describe(done: subprocess.CompletedProcess[bytes], why: str = "") -> str:
    lines = [
        f"exit {done.returncode}",
        f"stderr: {done.stderr.decode(errors='replace')[-1500:]!r}",
        f"stdout: {done.stdout.decode(errors='replace')[:300]!r}",
    ]
    if why:
        lines.insert(0, f"needed: {why}")
    return "\n".join(lines)


# -- F6: closed standard streams ---------------------------------------------------------------


def _output_cases() -> Iterator[object]:
    for command in OUTPUT_COMMANDS:
        for cache in ("cold", "warm") if command.reads_catalogue else ("cold",):
            yield pytest.param(command, cache, id=f"{command.id}-{cache}")


@pytest.mark.parametrize(("command", "cache"), list(_output_cases()))
def test_closed_stdout_ends_quietly_with_141(world: World, command: Command, cache: str) -> None:
    args = world.args(command.args)
    if cache == "warm":
        world.run(args)
    done = world.run(args, close=[1])
    err = done.stderr.decode(errors="replace")
    assert done.returncode == 141, _describe(done)
    assert re.fullmatch(command.err, err), _describe(done)


def test_closed_stdout_while_completing(world: World) -> None:
    for cache in ("cold", "warm"):
        done = world.run([], close=[1], env=COMPLETION)
        assert (done.returncode, done.stderr) == (141, b""), (cache, _describe(done))


def test_closed_stdout_writes_into_no_file_pmroles_opens(world: World) -> None:
    """With fd 1 closed, the next file opened gets fd 1: the catalogue, the cache database."""
    catalogue = world.root / "ours.yaml"
    text = "roles:\n  ours:\n    name: Ours\n    skills: [listening]\n"
    catalogue.write_text(text, encoding="utf-8")
    runs = (["--catalogue", str(catalogue), "show", "ours"], ["show", "tpm", "--json"])
    for number, args in enumerate(runs):
        done = world.run(args, close=[1])
        assert done.returncode == 141, _describe(done)
        assert catalogue.read_text(encoding="utf-8") == text
        fresh = World(world.root / f"fresh-{number}")
        assert world.run(args).stdout == fresh.run(args).stdout  # the cache holds no output


@pytest.mark.parametrize("case", WITHOUT_STDOUT, ids=lambda c: c.id)
def test_closed_stdout_leaves_other_work_alone(world: World, case: Closed) -> None:
    done = world.run(world.args(case.args), close=[1])
    assert done.returncode == case.exit, _describe(done, case.why)
    assert case.err is not None
    assert re.search(case.err, done.stderr.decode()), _describe(done, case.why)
    if case.id == "init":
        assert (world.dir / "ours.yaml").is_file()


@pytest.mark.parametrize("case", WITHOUT_STDERR, ids=lambda c: c.id)
def test_closed_stderr_keeps_the_exit_status(world: World, case: Closed) -> None:
    done = world.run(world.args(case.args), close=[2])
    assert done.returncode == case.exit, _describe(done, case.why)
    assert case.out is not None
    assert re.search(case.out, done.stdout.decode()), _describe(done, case.why)


@pytest.mark.parametrize("case", WITHOUT_BOTH, ids=lambda c: c.id)
def test_closed_stdout_and_stderr(world: World, case: Closed) -> None:
    for _ in ("cold", "warm"):
        done = world.run(world.args(case.args), close=[1, 2])
        assert done.returncode == case.exit, _describe(done, case.why)


@pytest.mark.parametrize("case", WITHOUT_STDIN, ids=lambda c: c.id)
def test_closed_stdin(world: World, case: Closed) -> None:
    for _ in ("cold", "warm"):
        done = world.run(world.args(case.args), close=[0])
        assert done.returncode == case.exit, _describe(done, case.why)
        assert case.out is not None
        assert case.err is not None
        assert re.search(case.out, done.stdout.decode()), _describe(done, case.why)
        assert re.search(case.err, done.stderr.decode()), _describe(done, case.why)


# -- F8: a low address-space limit -------------------------------------------------------------


def _bench(path: Path) -> None:
    with path.open("wb") as out:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "make_catalogue.py"), "10000"],
            stdout=out,
            check=True,
            timeout=TIMEOUT,
        )


def _one_summary(size: int, last: str) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        with path.open("w", encoding="utf-8") as out:
            out.write("roles:\n  x:\n    name: X\n    summary: ")
            out.write("a" * size)
            out.write(last + "\n")

    return build


BUILDERS = {
    "bench": _bench,
    "line": _one_summary(50_000_000, ""),
    "accent": _one_summary(60_000_000, "\u00e9"),
}


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    made: dict[str, Path] = {}
    directory = tmp_path_factory.mktemp("big")

    def get(kind: str) -> Path:
        if kind not in made:
            path = directory / f"{kind}.yaml"
            BUILDERS[kind](path)
            made[kind] = path
        return made[kind]

    return get


@pytest.mark.parametrize("case", MEMORY, ids=lambda c: c.id)
def test_out_of_memory_is_one_line(
    world: World, big_files: Callable[[str], Path], case: Memory
) -> None:
    path = big_files(case.file)
    done = world.run(world.args(case.args, FILE=path), limit_mb=case.limit_mb)
    err = done.stderr.decode(errors="replace")
    if case.may_work and done.returncode == 0:
        assert b"Technical Product Manager" in done.stdout, _describe(done, case.why)
        return
    size = round(path.stat().st_size / 1_000_000)
    expected = f"Error: not enough memory to load {path} ({size} MB)\n"
    assert (done.returncode, err) == (1, expected), _describe(done, case.why)


def test_a_cold_load_asks_only_for_the_memory_the_file_needs(world: World) -> None:
    # Reading a file with read(64 MiB + 1) reserved the whole size cap up front: a cold
    # `show tpm` on the 46 KB built-in catalogue then failed under a 90 MB limit.
    done = world.run(["show", "tpm"], limit_mb=80)
    assert done.returncode == 0, _describe(done)
    assert b"Technical Product Manager" in done.stdout


MEMORY_ERROR_PROBE = """
import sys
from pmroles import entry, fastpath
from pmroles.catalogue import loader
def fail(*args, **kwargs):
    raise MemoryError

fastpath.run = fail if sys.argv[1] == "fast" else fastpath.run
loader.schema_text = fail
sys.argv = ["pmroles", *sys.argv[2:]]
entry.main()
"""


@pytest.mark.parametrize(
    ("path", "args"), [("fast", ["show", "tpm"]), ("full", ["schema"])], ids=["fast", "full"]
)
def test_out_of_memory_anywhere_else_is_one_line(world: World, path: str, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_ERROR_PROBE, path, *args],
        capture_output=True,
        env=world.env,
        timeout=TIMEOUT,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, b"Error: not enough memory\n"), _describe(done)


# -- F14: an unusable config file --------------------------------------------------------------


def make_config(world: World, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    config = world.config
    if kind == "dangling-directory":
        config.parent.parent.mkdir(parents=True)
        config.parent.symlink_to(world.root / "moved")
        return
    if kind == "missing":
        return
    config.parent.mkdir(parents=True)
    if kind == "dangling":
        config.symlink_to(world.root / "moved.yaml")
    elif kind == "directory":
        config.mkdir()
    elif kind == "fifo":
        os.mkfifo(config)
    elif kind == "socket":
        monkeypatch.chdir(config.parent)  # a socket's path is limited to about 100 bytes
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(config.name)
    elif kind == "dev-zero":
        config.symlink_to("/dev/zero")
    elif kind == "loop":
        config.symlink_to(config)
    else:
        assert kind == "empty-directory", kind


CONFIG_RUNS = (("show", "tpm"), ("show", "tpm"), ("show", "tpm", "--json"), ("list",))
"""Cold then warm (the fast path), and two commands of the full CLI."""


@pytest.fixture(scope="module")
def without_config(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], bytes]:
    plain = World(tmp_path_factory.mktemp("plain"))
    return {args: plain.run(args).stdout for args in CONFIG_RUNS}


@pytest.mark.parametrize("case", CONFIGS, ids=lambda c: c.id)
def test_unusable_config_file_is_named_in_a_warning(
    world: World,
    case: Config,
    monkeypatch: pytest.MonkeyPatch,
    without_config: dict[tuple[str, ...], bytes],
) -> None:
    make_config(world, case.kind, monkeypatch)
    for args in CONFIG_RUNS:
        done = world.run(args)
        err = done.stderr.decode(errors="replace")
        assert done.returncode == 0, _describe(done)
        assert done.stdout == without_config[args], _describe(done)
        if case.warning is None:
            assert err == "", _describe(done)
        else:
            line = case.warning.replace("@CONFIG@", re.escape(str(world.config)))
            assert re.fullmatch(line + "\n", err), _describe(done)
    for _ in ("cold", "warm"):
        done = world.run([], env=COMPLETION)
        assert (done.returncode, done.stderr) == (0, b""), _describe(done)
        assert b"tpm" in done.stdout.split(), _describe(done)


# -- F18: a non-blocking stdout ----------------------------------------------------------------


@pytest.fixture
def long_catalogue(tmp_path: Path) -> Path:
    """A role whose output is over 128 KB, twice what a pipe holds."""
    path = tmp_path / "long.yaml"
    items = "".join(f"      - skill number {i}\n" for i in range(5_000))
    path.write_text(f"roles:\n  x:\n    name: X\n    skills:\n{items}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "warm"),
    [(["show", "x"], True), (["show", "x", "--json"], False)],
    ids=["fast-path", "full-cli"],
)
def test_non_blocking_stdout_gets_everything(
    world: World, long_catalogue: Path, args: list[str], warm: bool
) -> None:
    args = ["--catalogue", str(long_catalogue), *args]
    reference = World(world.root / "reference")
    if warm:
        reference.run(args)
        world.run(args)
    started = time.monotonic()
    expected = reference.run(args).stdout
    late = time.monotonic() - started + 0.5  # by then pmroles has filled the pipe
    assert len(expected) > 128 * 1024
    with subprocess.Popen(
        [*PMROLES, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=world.env,
        preexec_fn=lambda: os.set_blocking(1, False),
    ) as process:
        time.sleep(late)  # the reader starts late: the pipe fills and writes would block
        out, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, err.decode(errors="replace")) == (0, ""), len(out)
    assert out == expected


# -- F19: relative XDG directories -------------------------------------------------------------


def test_relative_xdg_directories_are_ignored(world: World) -> None:
    """The XDG spec: a relative XDG_CONFIG_HOME or XDG_CACHE_HOME is invalid, to be ignored."""
    work = world.root / "work"
    (work / "relconfig" / "pmroles").mkdir(parents=True)
    (work / "relconfig" / "pmroles" / "roles.yaml").write_text(
        "roles:\n  rel-pm:\n    name: Relative PM\n", encoding="utf-8"
    )
    world.config.parent.mkdir(parents=True)
    world.config.write_text("roles:\n  home-pm:\n    name: Home PM\n", encoding="utf-8")
    relative = {"XDG_CONFIG_HOME": "relconfig", "XDG_CACHE_HOME": "relcache"}
    for args in (["list", "--json"], ["show", "tpm"], ["show", "home-pm"]):
        done = world.run(args, cwd=work, env=relative)
        assert done.returncode == 0, _describe(done)
        if args[0] == "list":
            ids = [role["id"] for role in json.loads(done.stdout)["roles"]]
            assert "home-pm" in ids, ids
            assert "rel-pm" not in ids, ids
    assert not (work / "relcache").exists()
    assert (world.home / ".cache" / "pmroles").is_dir()
