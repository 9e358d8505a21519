"""Hostile targets for `init` and `--export`: what is at the path, where it is, how it ends.

The cases are data: tests/hostile/writing.py. Device nodes are real (made with mknod, so
these tests want root, as CI has); unprivileged runs drop to `nobody` in a real process; a
full disk is a real 8 KiB tmpfs. Every refusal is one line on stderr, exit 1, and leaves the
target and its directory exactly as they were.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result

from pmroles.catalogue.starter import STARTER

from .conftest import Invoke
from .hostile.writing import WRITING, WriteCase

PMROLES = [sys.executable, "-m", "pmroles"]
TRACEBACK = "Traceback (most recent call last)"
TIMEOUT = 30
TEMP_NAME = re.compile(r"\.pmroles-[a-z0-9_]{8}\.tmp")
"""The temporary files pmroles writes beside a target (and cleans up when they are stale)."""

MKNOD = ("chardev", "blockdev", "symlink-to-chardev")
"""Setups that make a device node: mknod needs root (CI runs as root)."""


# -- helpers -----------------------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    """A plain environment whose HOME and every XDG directory are under `home`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("XDG_", "PMROLES_")) and name not in ("FORCE_COLOR",)
    }
    env.update(
        {
            "NO_COLOR": "1",
            "TERM": "dumb",
            "COLUMNS": "100",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
        }
    )
    return env


@dataclass
class Ran:
    code: int
    out: str
    err: str


def _run(args: list[str], *, home: Path, stdout: Path | None = None) -> Ran:
    """pmroles in a subprocess; its stdout appends to the file `stdout` if given."""
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(stdout.open("ab")) if stdout else subprocess.PIPE
        done = subprocess.run(
            [*PMROLES, *args],
            stdout=out,
            stderr=subprocess.PIPE,
            env=_env(home),
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
        )
    shown = (done.stdout or b"").decode(errors="replace")
    return Ran(done.returncode, shown, done.stderr.decode())


def _ran(result: Result) -> Ran:
    exception = result.exception
    assert exception is None or isinstance(exception, SystemExit), (
        f"{type(exception).__name__}: {exception}\nstderr: {result.stderr!r}"
    )
    return Ran(result.exit_code, result.stdout, result.stderr)


def _kind(path: Path) -> str:
    mode = path.lstat().st_mode
    for test, name in (
        (stat.S_ISLNK, "link"),
        (stat.S_ISREG, "file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISCHR, "chardev"),
        (stat.S_ISBLK, "blockdev"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "other"


def _snapshot(directory: Path) -> dict[str, tuple[str, int, int, bytes | str | None]]:
    """Every entry: its kind, inode, mode and content (a file's bytes, a link's target)."""
    seen: dict[str, tuple[str, int, int, bytes | str | None]] = {}
    for entry in sorted(directory.iterdir()):
        info = entry.lstat()
        kind = _kind(entry)
        content: bytes | str | None = None
        if kind == "file":
            content = entry.read_bytes()
        elif kind == "link":
            content = os.readlink(entry)
        seen[entry.name] = (kind, info.st_ino, stat.S_IMODE(info.st_mode), content)
    return seen


def _bind_socket(path: Path) -> None:
    """A unix socket at `path` (bound from its directory: socket paths are short)."""
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(here)


def _make(setup: str, target: Path, elsewhere: Path) -> None:
    """Put what `setup` names at `target`; what a link points to goes in `elsewhere`."""
    node = elsewhere / "node"
    if setup == "nothing":
        return
    if setup == "regular":
        target.write_text("mine\n")
    elif setup == "chardev":
        os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    elif setup == "blockdev":
        os.mknod(target, stat.S_IFBLK | 0o660, os.makedev(7, 0))
    elif setup == "fifo":
        os.mkfifo(target)
    elif setup == "socket":
        _bind_socket(target)
    elif setup == "directory":
        target.mkdir()
    elif setup == "symlink-to-regular":
        node.write_text("mine\n")
        target.symlink_to(node)
    elif setup == "symlink-to-chardev":
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        target.symlink_to(node)
    elif setup == "symlink-to-fifo":
        os.mkfifo(node)
        target.symlink_to(node)
    elif setup == "symlink-to-own-stdout":
        target.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    elif setup == "symlink-to-own-stdout-file":
        node.write_text("the log so far\n")  # the test sends pmroles' stdout here
        target.symlink_to("/proc/self/fd/1")
    elif setup == "dangling-symlink":
        target.symlink_to(elsewhere / "missing")
    else:
        raise AssertionError(f"unknown setup {setup!r}")


def _target_name(case: WriteCase) -> str:
    return case.name or ("node.yaml" if case.args[0] == "init" else "tape.txt")


# -- the corpus --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", WRITING, ids=[case.id for case in WRITING])
def test_writing(invoke: Invoke, tmp_path: Path, case: WriteCase) -> None:
    if case.setup in MKNOD and os.geteuid() != 0:
        pytest.skip("mknod needs root (CI runs as root)")
    work, elsewhere = tmp_path / "work", tmp_path / "elsewhere"
    work.mkdir()
    elsewhere.mkdir()
    target = work / _target_name(case)
    _make(case.setup, target, elsewhere)
    before = {"work": _snapshot(work), "elsewhere": _snapshot(elsewhere)}
    args = [arg.replace("{target}", str(target)) for arg in case.args]
    if case.process:
        log = elsewhere / "node" if case.setup == "symlink-to-own-stdout-file" else None
        ran = _run(args, home=tmp_path / "home", stdout=log)
    else:
        ran = _ran(invoke(*args))

    context = f"needed: {case.why}\nexit {ran.code}\nstderr: {ran.err!r}\nstdout: {ran.out[:300]!r}"
    assert TRACEBACK not in ran.err, context
    assert ran.code == case.exit, context
    expected = case.err.replace("{target}", re.escape(str(target)))
    assert re.fullmatch(expected, ran.err), f"stderr should match {expected!r}\n{context}"

    after = {"work": _snapshot(work), "elsewhere": _snapshot(elsewhere)}
    if case.after == "untouched":
        assert after == before, f"something changed\n{context}"
        return
    leftovers = [name for name in after["work"] if TEMP_NAME.fullmatch(name)]
    assert not leftovers, f"temporary files left behind: {leftovers}\n{context}"
    if case.args[0] == "init":
        wanted = STARTER
    else:  # an export prints nothing but its one line on stderr
        assert ran.out == "", context
        wanted = _ran(invoke("show", "tpm", "--format", "text")).out
    if case.after == "written":
        assert _kind(target) == "file", context
    else:
        assert case.after == "through", case.after
        assert after["work"][target.name] == before["work"][target.name], "the link itself"
        assert _kind(target) == "link", context
        target = elsewhere / "node"
        assert _kind(target) == "file", context
    assert target.read_text(encoding="utf-8") == wanted, context


def test_a_refused_init_writes_no_schema_either(tmp_path: Path) -> None:
    """`init /dev/stdout --force` wrote /dev/catalogue.schema.json (F2)."""
    work = tmp_path / "work"
    work.mkdir()
    target = work / "stdout"
    target.symlink_to("/proc/self/fd/1")
    ran = _run(["init", str(target), "--force"], home=tmp_path / "home")
    assert ran.code == 1, ran.err
    assert [path.name for path in work.iterdir()] == ["stdout"]


# -- F7: a directory the user cannot search ---------------------------------------------------

_UNPRIVILEGED = """
import importlib, os, pkgutil, sys
# Every module of pmroles, loaded while the interpreter can still read it: root's own Python,
# and a checkout under a private temporary directory (as CI clones it), may live where
# nobody cannot look.
import pmroles
for module in pkgutil.walk_packages(pmroles.__path__, "pmroles."):
    if module.name != "pmroles.__main__":
        importlib.import_module(module.name)
import pmroles.entry
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
sys.argv = ["pmroles", *sys.argv[1:]]
pmroles.entry.main()
"""
"""pmroles as an unprivileged user: root drops to nobody (65534); anyone else stays."""


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory outside pytest's private tmp tree, so that nobody can reach it."""
    path = Path(tempfile.mkdtemp(prefix="pmroles-test-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for directory in path.rglob("*"):
            if directory.is_dir() and not directory.is_symlink():
                directory.chmod(0o700)
        shutil.rmtree(path)


LOCKED_TARGETS = {
    "init-in-locked": (("init", "{locked}/ours.yaml"), "{locked}/ours.yaml"),
    "init-below-locked": (("init", "{locked}/sub/ours.yaml"), "{locked}/sub/ours.yaml"),
    "init-force-below-locked": (
        ("init", "--force", "{locked}/sub/ours.yaml"),
        "{locked}/sub/ours.yaml",
    ),
}


@pytest.mark.parametrize("name", list(LOCKED_TARGETS))
def test_a_directory_the_user_cannot_search(shared_dir: Path, name: str) -> None:
    """`init locked/sub/ours.yaml` gave a PermissionError traceback from path.is_dir() (F7)."""
    home = shared_dir / "home"
    home.mkdir()
    locked = shared_dir / "locked"
    locked.mkdir()
    (locked / "sub").mkdir()
    if os.geteuid() == 0:
        os.chown(home, 65534, 65534)
        locked.chmod(0o700)  # root's: nobody may not search it
    else:
        locked.chmod(0o600)  # our own, without search permission
    args, shown = LOCKED_TARGETS[name]
    done = subprocess.run(
        [sys.executable, "-c", _UNPRIVILEGED, *(a.format(locked=locked) for a in args)],
        capture_output=True,
        env=_env(home),
        cwd=shared_dir,
        stdin=subprocess.DEVNULL,
        timeout=TIMEOUT,
        check=False,
    )
    err = done.stderr.decode(errors="replace")
    assert TRACEBACK not in err, err[-1500:]
    assert done.returncode == 1, err[-1500:]
    assert err == f"Error: cannot write {shown.format(locked=locked)}: Permission denied\n"


@pytest.mark.parametrize("command", ["init", "export"])
def test_a_name_longer_than_name_max_is_one_clear_error(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    """`path.is_dir()` raised ENAMETOOLONG as a traceback too."""
    target = tmp_path / ("n" * 300 + (".yaml" if command == "init" else ".txt"))
    args = ("init", str(target)) if command == "init" else ("show", "tpm", "--export", str(target))
    ran = _ran(invoke(*args))
    assert ran.code == 1, ran.err
    assert ran.err == f"Error: cannot write {target}: File name too long\n"
    assert list(tmp_path.iterdir()) == []


# -- F15: all or nothing ------------------------------------------------------------------------


def _can_mount_tmpfs() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    with tempfile.TemporaryDirectory() as probe:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", probe],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            return False
        subprocess.run(["umount", probe], check=True)
    return True


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """An 8 KiB tmpfs: the 1.1 KB starter fits, the 32 KB schema does not."""
    if not _can_mount_tmpfs():
        pytest.skip("cannot mount a tmpfs (needs root; CI has it)")
    path = tmp_path / "small"
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k,mode=755", "tmpfs", path], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", path], check=True)


def test_init_on_a_full_disk_writes_nothing(tmp_path: Path, small_fs: Path) -> None:
    target = small_fs / "ours.yaml"
    ran = _run(["init", str(target)], home=tmp_path / "home")
    assert TRACEBACK not in ran.err, ran.err
    assert ran.code == 1, ran.err
    assert ran.err == (
        f"Error: cannot write {small_fs / 'catalogue.schema.json'}: No space left on device\n"
    )
    assert list(small_fs.iterdir()) == [], "the starter (or a temporary file) was left behind"
    again = _run(["init", str(target)], home=tmp_path / "home")
    assert "already exists" not in again.err, again.err


def test_init_force_on_a_full_disk_keeps_the_old_file(tmp_path: Path, small_fs: Path) -> None:
    target = small_fs / "ours.yaml"
    target.write_text("mine\n")
    ran = _run(["init", "--force", str(target)], home=tmp_path / "home")
    assert ran.code == 1, ran.err
    assert ran.err.endswith(": No space left on device\n"), ran.err
    assert [path.name for path in small_fs.iterdir()] == ["ours.yaml"]
    assert target.read_text() == "mine\n"


def _failing(real: object, name: str, number: int) -> object:
    """`real` (os.link or os.replace), failing with `number` when the target is `name`."""

    def call(source: object, destination: object, *args: object, **kwargs: object) -> object:
        if os.path.basename(os.fsdecode(destination)) == name:  # type: ignore[arg-type]
            raise OSError(number, os.strerror(number), destination)
        return real(source, destination, *args, **kwargs)  # type: ignore[operator]

    return call


def test_init_removes_the_starter_when_the_schema_cannot_be_put_in_place(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last step (linking the schema into place) fails: the starter it made goes too."""
    monkeypatch.setattr(os, "link", _failing(os.link, "catalogue.schema.json", errno.ENOSPC))
    target = tmp_path / "ours.yaml"
    ran = _ran(invoke("init", str(target)))
    assert ran.code == 1, ran.err
    assert ran.err == (
        f"Error: cannot write {tmp_path / 'catalogue.schema.json'}: No space left on device\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_init_force_removes_the_new_schema_when_the_starter_cannot_replace(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ours.yaml"
    target.write_text("mine\n")
    monkeypatch.setattr(os, "replace", _failing(os.replace, "ours.yaml", errno.EIO))
    ran = _ran(invoke("init", "--force", str(target)))
    assert ran.code == 1, ran.err
    assert ran.err == f"Error: cannot write {target}: Input/output error\n"
    assert [path.name for path in tmp_path.iterdir()] == ["ours.yaml"]
    assert target.read_text() == "mine\n"


def test_init_keeps_a_schema_that_someone_else_put_there(invoke: Invoke, tmp_path: Path) -> None:
    schema = tmp_path / "catalogue.schema.json"
    schema.write_text("theirs\n")
    target = tmp_path / "ours.yaml"
    ran = _ran(invoke("init", str(target)))
    assert ran.code == 0, ran.err
    assert schema.read_text() == "theirs\n"
    assert target.read_text(encoding="utf-8") == STARTER


# -- F17: temporary files left by a killed run ----------------------------------------------------

STALE = 3600
"""Seconds: well past the minute after which pmroles' own temporary files count as stale."""


def _temp_files(directory: Path) -> dict[str, Path]:
    made = {}
    for name, age in (("stalestal", STALE), ("freshfres", 0)):
        path = directory / f".pmroles-{name[:8]}.tmp"
        path.write_bytes(b"left by a killed run")
        then = time.time() - age
        os.utime(path, (then, then))
        made[name] = path
    return made


@pytest.mark.parametrize("command", ["export", "init"])
def test_stale_temporary_files_are_cleaned_up(invoke: Invoke, tmp_path: Path, command: str) -> None:
    made = _temp_files(tmp_path)
    old = time.time() - STALE
    # Look-alikes that must stay: another program's name, a link, someone else's file.
    other = tmp_path / ".tape.txt.abcdefgh.tmp"
    other.write_bytes(b"not ours")
    os.utime(other, (old, old))
    link = tmp_path / ".pmroles-linklink.tmp"
    link.symlink_to(other)
    os.utime(link, (old, old), follow_symlinks=False)
    theirs = tmp_path / ".pmroles-theirsth.tmp"
    theirs.write_bytes(b"someone else's")
    if os.geteuid() == 0:
        os.chown(theirs, 65534, 65534)
    os.utime(theirs, (old, old))
    if command == "export":
        args: tuple[str, ...] = ("show", "tpm", "--export", str(tmp_path / "tape.txt"))
    else:
        args = ("init", str(tmp_path / "ours.yaml"))
    ran = _ran(invoke(*args))
    assert ran.code == 0, ran.err
    assert not made["stalestal"].exists(), "a stale temporary file was left"
    assert made["freshfres"].exists(), "a fresh one (maybe another run's) was removed"
    assert other.exists()
    assert link.is_symlink()
    if os.geteuid() == 0:
        assert theirs.exists(), "someone else's file was removed"


def test_a_temporary_name_is_short_and_pmroles_own(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen while the file is being written: `.pmroles-XXXXXXXX.tmp`, whatever the target."""
    seen: list[str] = []
    real = os.replace

    def spy(source: object, destination: object, *args: object, **kwargs: object) -> None:
        if os.fsdecode(destination) == str(target):  # type: ignore[arg-type]
            seen.append(os.path.basename(os.fsdecode(source)))  # type: ignore[arg-type]
        real(source, destination, *args, **kwargs)  # type: ignore[arg-type]

    target = tmp_path / ("r" * 246 + ".txt")
    monkeypatch.setattr(os, "replace", spy)
    target.write_text("mine\n")
    ran = _ran(invoke("show", "tpm", "--export", str(target), "--force"))
    assert ran.code == 0, ran.err
    assert seen, "nothing was put in place with os.replace"
    assert all(TEMP_NAME.fullmatch(name) for name in seen), seen
