"""The cache under attack (reliability report F3, F4, F10, F11, F17).

The cache is an optimisation only: whatever happens to it, pmroles answers exactly what it
answers from the YAML files with no cache at all. Damaged files (garbage over pages, rows
changed or deleted behind its back) are discarded and rebuilt, with no traceback and no
doubled output; a same-size edit within the filesystem's timestamp granularity is seen;
messages name files as this run's user typed them; temporary files of a killed build do not
pile up. The kinds of damage are data: tests/hostile/cache_damage.py.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pmroles import complete, fastpath
from pmroles.catalogue import paths

from .conftest import Invoke
from .hostile.cache_damage import F10, PAGE_SIZE, Damage, damages

PMROLES = [sys.executable, "-m", "pmroles"]
TRACEBACK = "Traceback (most recent call last)"

COMMANDS = [
    ("show", "tpm"),
    ("show", "Technical Product Manager", "--json"),
    ("list",),
    ("list", "--stakeholder", "sales"),
    ("compare", "bpm", "tpm"),
    ("search", "roadmap"),
    ("stakeholders",),
    ("stakeholders", "sales"),
    ("similar", "tpm"),
    ("which", "tpm"),
]
"""Commands that read the catalogue, in-process through the full CLI."""
FAST = [("show", "tpm"), ("compare", "bpm", "tpm"), ("list",), ("list", "--stakeholder", "sales")]
"""Commands the fast path answers (pmroles.fastpath) when there are no warnings."""

OURS = "roles:\n  growth-pm:\n    name: Growth PM\n    extends: pm\n    interactions: [salez]\n"
"""A config file layered over the built-in catalogue, with a warning (an unknown stakeholder)."""


def environment(home: Path, **extra: str) -> dict[str, str]:
    """A subprocess environment whose HOME and XDG directories are all under `home`."""
    environ = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
        **extra,
    }
    environ.pop("PMROLES_CATALOGUE", None)
    environ.pop("_PMROLES_COMPLETE", None)
    return environ


def pmroles(
    args: Sequence[str], environ: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*PMROLES, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert TRACEBACK not in result.stderr, result.stderr
    return result


def databases(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "pmroles").glob("catalogue-*.sqlite"))


def no_cache(home: Path) -> Path:
    """An XDG_CACHE_HOME that can never hold a cache (a file sits where it would go)."""
    blocker = home / "no-cache"
    blocker.write_text("not a directory")
    return blocker


def fast(args: Sequence[str], environ: dict[str, str]) -> tuple[int | None, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = fastpath.run(list(args), environ)
    return status, out.getvalue()


# -- F4: a corrupt page ------------------------------------------------------------------------


def test_a_page_of_garbage_is_rebuilt_as_the_report_did_it(tmp_path: Path) -> None:
    """F4 exactly: `dd` 4096 random bytes over page 5 of the cache, then `show tpm`."""
    environ = environment(tmp_path)
    expected = pmroles(["show", "tpm"], environ)
    (database,) = databases(tmp_path / "cache")
    with database.open("r+b") as handle:
        handle.seek(5 * PAGE_SIZE)
        handle.write(random.Random(5).randbytes(PAGE_SIZE))
    for _ in range(2):  # the damaged file answers right, and so does the one that replaced it
        again = pmroles(["show", "tpm"], environ)
        assert (again.returncode, again.stdout, again.stderr) == (0, expected.stdout, "")
    (rebuilt,) = databases(tmp_path / "cache")
    connection = sqlite3.connect(rebuilt)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_garbage_over_any_page_is_never_an_answer(tmp_path: Path, invoke: Invoke) -> None:
    """Every page of the file in turn, under the commands the report saw fail."""
    cache = tmp_path / "cache"
    blocked = {"XDG_CACHE_HOME": str(no_cache(tmp_path))}
    expected = {args: invoke(*args, env=blocked) for args in (("show", "tpm"), ("list",))}
    invoke("show", "tpm", env={"XDG_CACHE_HOME": str(cache)})
    (database,) = databases(cache)
    pristine = database.read_bytes()
    noise = random.Random(19)
    for page in range(len(pristine) // PAGE_SIZE):
        for args in (("show", "tpm"), ("list",)):
            database.write_bytes(pristine)
            with database.open("r+b") as handle:
                handle.seek(page * PAGE_SIZE)
                handle.write(noise.randbytes(PAGE_SIZE))
            result = invoke(*args, env={"XDG_CACHE_HOME": str(cache)})
            want = expected[args]
            assert (result.exit_code, result.stdout, result.stderr) == (
                want.exit_code,
                want.stdout,
                want.stderr,
            ), f"page {page}, {args}: {result.exception!r}"


# -- F4 + F10: any damage, every command ---------------------------------------------------------


class Scene:
    """A cache built once, restored before each damage; the answers the YAML files give."""

    def __init__(self, home: Path, invoke: Invoke, *, layered: bool) -> None:
        self.invoke = invoke
        self.cache = home / "cache"
        self.env = {"XDG_CACHE_HOME": str(self.cache), "XDG_CONFIG_HOME": str(home / "config")}
        if layered:
            config = home / "config" / "pmroles" / "roles.yaml"
            config.parent.mkdir(parents=True)
            config.write_text(OURS)
        plain = {**self.env, "XDG_CACHE_HOME": str(no_cache(home))}
        self.expected = {args: self.run(args, plain) for args in COMMANDS}
        self.expected_fast = {args: fast(args, {**os.environ, **plain}) for args in FAST}
        assert self.expected[("show", "tpm")][0] == 0
        self.run(("show", "tpm"), self.env)
        (self.database,) = databases(self.cache)
        self.pristine = self.database.read_bytes()

    def run(self, args: Sequence[str], env: dict[str, str]) -> tuple[int, str, str]:
        result = self.invoke(*args, env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{args}: {result.exception!r}"
        )
        return result.exit_code, result.stdout, result.stderr

    def damaged(self, damage: Sequence[Damage]) -> None:
        for path in self.cache.joinpath("pmroles").iterdir():
            if path != self.database and not path.name.startswith("index-"):
                path.unlink()
        self.database.write_bytes(self.pristine)
        for each in damage:
            each.apply(self.database)

    def check(self, damage: Sequence[Damage], args: Sequence[str]) -> None:
        self.damaged(damage)
        assert self.run(args, self.env) == self.expected[tuple(args)], f"{damage}"
        if tuple(args) in self.expected_fast:
            self.damaged(damage)
            environ = {**os.environ, **self.env}
            assert fast(args, environ) == self.expected_fast[tuple(args)], f"{damage}"


_scenes: dict[bool, Scene] = {}


def _scene(factory: pytest.TempPathFactory, invoke: Invoke, *, layered: bool) -> Scene:
    """One scene per stack for the whole session: building one runs every command twice."""
    if layered not in _scenes:
        _scenes[layered] = Scene(factory.mktemp("scene"), invoke, layered=layered)
    return _scenes[layered]


@pytest.mark.parametrize("layered", [False, True], ids=["built-in", "layered"])
@pytest.mark.parametrize("case", list(F10), ids=list(F10))
def test_a_hand_edited_cache_gives_the_yaml_answer(
    tmp_path_factory: pytest.TempPathFactory, invoke: Invoke, case: str, layered: bool
) -> None:
    """F10's table: truncated, empty, null and mistyped rows, a deleted row, odd blobs."""
    scene = _scene(tmp_path_factory, invoke, layered=layered)
    for args in COMMANDS:
        scene.check([F10[case]], args)


@pytest.mark.parametrize("layered", [False, True], ids=["built-in", "layered"])
@settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking takes many minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_damage_gives_the_yaml_answer(
    tmp_path_factory: pytest.TempPathFactory, invoke: Invoke, layered: bool, data: st.DataObject
) -> None:
    """Random bytes over random pages, random values in random rows, rows deleted: the answer
    equals the one built from YAML with no cache, through the full CLI and the fast path."""
    scene = _scene(tmp_path_factory, invoke, layered=layered)
    damage = data.draw(st.lists(damages, min_size=1, max_size=3), label="damage")
    args = data.draw(st.sampled_from(COMMANDS), label="command")
    scene.check(damage, args)


# -- F3: a same-size edit within one timestamp tick -----------------------------------------


def _pinned(
    real: Callable[[Sequence[str]], str | None], tick: int
) -> Callable[[Sequence[str]], str | None]:
    """`stack_description` on a filesystem whose timestamps never leave one tick: every
    write lands at `tick`, as two writes within one second do on ext2, FAT or HFS+."""

    def description(files: Sequence[str]) -> str | None:
        text = real(files)
        if text is None:
            return None
        parts = json.loads(text)
        for part in parts:
            if isinstance(part, list) and len(part) == 5:
                part[2] = part[3] = tick  # mtime_ns, ctime_ns
        return json.dumps(parts)

    return description


def _fish(environ: dict[str, str], line: str) -> tuple[bool, str]:
    """What the warm completion path answers for `line` in fish, and whether it answered."""
    out = io.StringIO()
    env = {**environ, "_PMROLES_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": line}
    with redirect_stdout(out):
        handled = complete.complete(env)
    return handled, out.getvalue()


def test_a_same_size_edit_in_the_same_tick_is_seen(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F3 with a fake filesystem clock: size, inode and both timestamps stay equal."""
    ours = tmp_path / "ours.yaml"
    ours.write_text("roles:\n  x:\n    name: Role AAAA\n")
    inode = ours.stat().st_ino
    tick = time.time_ns() // 1_000_000_000 * 1_000_000_000
    monkeypatch.setattr(paths, "stack_description", _pinned(paths.stack_description, tick))
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("--no-builtin", "--catalogue", str(ours), "show", "x")
    assert "Role AAAA" in invoke(*args, env=env).stdout
    assert _fish({**os.environ, **env}, f"pmroles --no-builtin --catalogue {ours} show ")[
        1
    ].endswith("x\tRole AAAA\n")
    ours.write_text("roles:\n  x:\n    name: Role BBBB\n")
    assert ours.stat().st_ino == inode  # rewritten in place: same size, same inode
    for _ in range(2):
        assert "Role BBBB" in invoke(*args, env=env).stdout
        assert json.loads(invoke(*args, "--json", env=env).stdout)["role"]["name"] == "Role BBBB"
    handled, out = _fish({**os.environ, **env}, f"pmroles --no-builtin --catalogue {ours} show ")
    assert "AAAA" not in out
    assert not handled or out == "x\tRole BBBB\n"


@pytest.fixture
def one_second_filesystem(tmp_path: Path) -> Iterator[Path]:
    """An ext2 image with 128-byte inodes (1-second timestamps), loop-mounted; as root."""
    if os.geteuid() != 0:
        pytest.skip("mounting a filesystem image needs root")
    mkfs, mount = shutil.which("mkfs.ext2"), shutil.which("mount")
    if mkfs is None or mount is None:
        pytest.skip("mkfs.ext2 or mount is not installed (e2fsprogs, mount)")
    image, point = tmp_path / "ext2.img", tmp_path / "mnt"
    with image.open("wb") as handle:
        handle.truncate(8 * 1024 * 1024)
    subprocess.run([mkfs, "-q", "-F", "-I", "128", str(image)], check=True, capture_output=True)
    point.mkdir()
    mounted = subprocess.run([mount, "-o", "loop", str(image), str(point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot loop-mount here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=True)


def _identity(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def test_a_same_second_edit_on_ext2_is_seen(
    tmp_path: Path, invoke: Invoke, one_second_filesystem: Path
) -> None:
    """F3 for real: the config file on ext2, rewritten within the second of a cached run."""
    config = one_second_filesystem / "config" / "pmroles" / "roles.yaml"
    config.parent.mkdir(parents=True)
    environ = environment(tmp_path, XDG_CONFIG_HOME=str(one_second_filesystem / "config"))
    env = {k: environ[k] for k in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    for _ in range(10):
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        time.sleep(1.02 - time.time() % 1)  # just after a second starts
        config.write_text("roles:\n  x:\n    name: Role AAAA\n")
        before = _identity(config)
        first = invoke("show", "x", env=env)
        config.write_text("roles:\n  x:\n    name: Role BBBB\n")
        if _identity(config) == before:
            break  # the cached run and both writes fell within one second
    else:
        pytest.fail("could not run pmroles between two writes within one second")
    assert "Role AAAA" in first.stdout
    assert databases(tmp_path / "cache")  # that run did store a cache
    line = "pmroles show "
    complete_env = {**environ, "_PMROLES_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": line}
    for _ in range(2):
        assert "Role BBBB" in pmroles(["show", "x"], environ).stdout
        completed = pmroles([], complete_env)
        assert "x\tRole BBBB\n" in completed.stdout, completed
    time.sleep(max(0.0, config.stat().st_ctime_ns / 1e9 + 3.5 - time.time()))
    for _ in range(2):  # once the edit is old enough to trust the key, still right
        assert "Role BBBB" in pmroles(["show", "x"], environ).stdout
        assert json.loads(pmroles(["show", "x", "--json"], environ).stdout)["role"]["name"] == (
            "Role BBBB"
        )
        assert "x\tRole BBBB\n" in pmroles([], complete_env).stdout


# -- F11: messages name files as this run's user typed them -----------------------------------


def flat(text: str) -> str:
    """`text` with line breaks and runs of spaces as single spaces: tables wrap titles."""
    return " ".join(text.split())


def test_cached_messages_name_the_file_as_typed_in_this_run(tmp_path: Path) -> None:
    a, b = tmp_path / "A", tmp_path / "B"
    a.mkdir()
    b.mkdir()
    (a / "ours.yaml").write_text(
        "roles:\n  growth-pm:\n    name: Growth PM\n    interactions: [salez]\n"
    )
    environ = environment(tmp_path)
    in_a = pmroles(["--catalogue", "ours.yaml", "which", "growth-pm"], environ, cwd=a)
    assert in_a.stderr.startswith("ours.yaml:4:20: warning:"), in_a.stderr
    assert "defined at ours.yaml:2:3" in flat(in_a.stdout)
    uncached = environment(tmp_path, XDG_CACHE_HOME=str(no_cache(tmp_path)))
    for extra in ([], ["--json"]):
        args = ["--catalogue", "../A/ours.yaml", "which", "growth-pm", *extra]
        in_b = pmroles(args, environ, cwd=b)
        expected = pmroles(args, uncached, cwd=b)
        assert (in_b.returncode, in_b.stdout, in_b.stderr) == (
            0,
            expected.stdout,
            expected.stderr,
        )
        assert in_b.stderr.startswith("../A/ours.yaml:4:20: warning:"), in_b.stderr
        assert ("defined at ../A/ours.yaml:2:3" in flat(in_b.stdout)) is not bool(extra)
        assert ('"file": "../A/ours.yaml"' in in_b.stdout) is bool(extra)
    assert len(databases(tmp_path / "cache")) == 1  # B was answered from A's cache
    absolute = pmroles(["--catalogue", str(a / "ours.yaml"), "which", "growth-pm"], environ)
    assert f"defined at {a / 'ours.yaml'}:2:3" in flat(absolute.stdout)
    assert absolute.stderr.startswith(f"{a / 'ours.yaml'}:4:20: warning:")


# -- F17: temporary files a killed build left behind ------------------------------------------


def test_a_killed_builds_temporary_files_are_removed_later(tmp_path: Path) -> None:
    directory = tmp_path / "cache" / "pmroles"
    directory.mkdir(parents=True)
    hour_ago = time.time() - 3600

    def leave(name: str, *, age: float | None = hour_ago) -> Path:
        path = directory / name
        path.write_bytes(b"x" * 100)
        if age is not None:
            os.utime(path, (age, age))
        return path

    stale = [
        leave(".catalogue-k1ll3d0a.tmp"),
        leave(".catalogue-k1ll3d0a.tmp-journal"),
        leave(".index-k1ll3d0b.tmp"),
    ]
    kept = [
        leave(".catalogue-bu1ld1ng.tmp", age=None),  # another process may be writing it now
        leave(".catalogue-bu1ld1ng.tmp-journal", age=time.time() - 10),
        leave("notes.tmp"),
        leave(".other-k1ll3d0c.tmp"),
    ]
    if os.geteuid() == 0:
        foreign = leave(".catalogue-f0re1gn0.tmp")
        os.chown(foreign, 65534, 65534)  # someone else's: not ours to remove
        kept.append(foreign)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep me")
    (directory / ".catalogue-l1nk0000.tmp").symlink_to(outside)
    os.utime(directory / ".catalogue-l1nk0000.tmp", (hour_ago, hour_ago), follow_symlinks=False)
    kept.append(directory / ".catalogue-l1nk0000.tmp")

    result = pmroles(["show", "tpm"], environment(tmp_path))
    assert result.returncode == 0
    assert databases(tmp_path / "cache")
    assert [p.name for p in stale if os.path.lexists(p)] == []
    assert [p.name for p in kept if not os.path.lexists(p)] == []
    assert outside.read_text() == "keep me"
