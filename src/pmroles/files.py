"""Writing files so that a crash, a full disk or a race never leaves half a file behind.

Every file is written to a temporary file in the directory it goes to, then put in place
in one step. Only regular files are ever replaced: a device node, a FIFO, a socket or a
directory at the target (or at the end of a symbolic link) is refused and left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from pmroles.errors import PmrolesError

TEMP_PREFIX = ".pmroles-"
TEMP_SUFFIX = ".tmp"
TEMP_NAME = re.compile(r"\.pmroles-[a-z0-9_]{8}\.tmp")
"""pmroles' own temporary files: a short fixed name whatever the target's (255-byte names
leave no room for more), and one that no other program uses."""
STALE_SECONDS = 60
"""A temporary file of ours this old was left by a run that was killed: it is removed."""


class FileExistsPmrolesError(PmrolesError):
    """The target exists and the caller did not ask to overwrite it."""


class NotRegularFileError(PmrolesError):
    """The target is there and is not a regular file; it is never replaced."""


class Write(NamedTuple):
    """One file for `write_all` to write.

    A NamedTuple rather than a dataclass for start-up time (see pmroles.errors.Problem).
    """

    path: Path
    data: bytes
    overwrite: bool = False
    """Replace a regular file (or the regular file a symbolic link leads to) at `path`."""
    keep_existing: bool = False
    """If anything at all is at `path`, leave it and write nothing there, without an error."""


class _Planned(NamedTuple):
    write: Write
    destination: Path
    """Where the data goes: `path`, or the regular file that `path` links to."""
    replace: bool
    """Something is there to replace; otherwise the file is new and must stay new."""
    mode: int


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` all at once, or not at all (see `write_all`)."""
    write_all([Write(path, data, overwrite=overwrite)])


def write_all(writes: Sequence[Write]) -> None:
    """Write every file whole, or leave every target as it was.

    All the data goes to temporary files first, so a full disk or a refused target stops
    everything before any target changes. New files are then put in place with a hard
    link, which fails if something appeared there meanwhile, so two writers cannot both
    win; replaced files come last, with a rename. If a later step fails, the new files
    already put in place are removed again. (A replaced file cannot be put back, so
    everything stays all or nothing only as long as at most one file is replaced.)
    """
    planned = [plan for write in writes if (plan := _plan(write)) is not None]
    temps: list[tuple[_Planned, str]] = []
    placed: list[tuple[str, Path]] = []
    try:
        cleaned: set[Path] = set()
        for plan in planned:
            directory = plan.destination.parent
            if directory not in cleaned:
                cleaned.add(directory)
                remove_stale_temporary_files(directory)
            temps.append((plan, _write_temporary(plan)))
        # New files first (a stable sort): they can be taken back if a later step fails.
        for plan, temp in sorted(temps, key=lambda item: item[0].replace):
            try:
                if plan.replace:
                    os.replace(temp, plan.destination)
                elif _link(temp, plan):
                    placed.append((temp, plan.destination))
            except OSError as error:
                raise PmrolesError(f"cannot write {plan.write.path}: {error.strerror}") from None
    except BaseException:  # Ctrl-C too: all or nothing
        _undo(placed)
        raise
    finally:
        for _, temp in temps:
            _unlink_quietly(temp)


def is_directory(path: Path) -> bool:
    """Whether `path` is a directory; a path that cannot even be looked at is an error."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise PmrolesError(f"cannot write {path}: {error.strerror}") from None


def _plan(write: Write) -> _Planned | None:
    """Where `write` goes and how, or None to leave what is there; refusals raise."""
    path = write.path
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return _Planned(write, path, replace=False, mode=_new_file_mode())
    except OSError as error:
        raise PmrolesError(f"cannot write {path}: {error.strerror}") from None
    if write.keep_existing:
        return None
    destination = path
    if stat.S_ISLNK(info.st_mode):
        destination, info = _follow(path)
    elif not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, _kind(info.st_mode))
    if not write.overwrite:
        raise _exists(path)
    # The replacement keeps the mode of the file it replaces.
    return _Planned(write, destination, replace=True, mode=stat.S_IMODE(info.st_mode))


def _follow(path: Path) -> tuple[Path, os.stat_result]:
    """The regular file the symbolic link `path` leads to, which --force writes through.

    As `>` would, write through a link to a regular file: the link stays a link. Following
    it with stat() keeps the kernel's rules for links in sticky directories
    (fs.protected_symlinks). A link through /proc (`/dev/stdout` is one) names a file some
    process has open, such as the log its output goes to: that is never replaced.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _not_regular(path, "a symbolic link to nothing") from None
    except OSError as error:
        raise PmrolesError(f"cannot write {path}: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, f"a symbolic link to {_kind(info.st_mode)}")
    if _through_proc(path):
        raise NotRegularFileError(
            f"{path} is a symbolic link into /proc; pmroles replaces only regular files, "
            "and follows only ordinary links to them"
        )
    destination = Path(os.path.realpath(path))
    try:
        found = os.stat(destination)
    except OSError:
        found = None
    if found is None or (found.st_dev, found.st_ino) != (info.st_dev, info.st_ino):
        raise PmrolesError(f"cannot write {path}: the file it links to cannot be found")
    return destination, info


def _through_proc(path: Path) -> bool:
    """Whether following the links from `path` passes through a link in /proc."""
    try:
        proc = os.stat("/proc").st_dev
    except OSError:
        return False  # no /proc, no such links
    current = os.fspath(path)
    for _ in range(64):  # stat() already refused a loop
        try:
            info = os.lstat(current)
        except OSError:
            return False  # changed meanwhile; the inode check after this catches it
        if info.st_dev == proc:
            return True
        if not stat.S_ISLNK(info.st_mode):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return True


def _write_temporary(plan: _Planned) -> str:
    """The data in a temporary file beside the destination, with the mode it will have."""
    try:
        fd, temp = tempfile.mkstemp(
            dir=plan.destination.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX
        )
    except OSError as error:
        raise PmrolesError(f"cannot write {plan.write.path}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(plan.write.data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp made the file private (0600); the file people asked for gets the mode a
        # shell redirection would give it, or keeps the mode of the file it replaces.
        os.chmod(temp, plan.mode)
    except BaseException as error:
        _unlink_quietly(temp)
        if isinstance(error, OSError):
            raise PmrolesError(f"cannot write {plan.write.path}: {error.strerror}") from None
        raise
    return temp


def _link(temp: str, plan: _Planned) -> bool:
    """Put a new file in place; False if `keep_existing` and something got there first."""
    try:
        os.link(temp, plan.destination)
    except FileExistsError:
        if plan.write.keep_existing:
            return False
        # Something appeared since _plan looked: say what it is.
        try:
            mode = os.stat(plan.destination).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise _not_regular(plan.write.path, _kind(mode)) from None
        raise _exists(plan.write.path) from None
    return True


def _undo(placed: list[tuple[str, Path]]) -> None:
    """Remove the new files put in place, each only if it is still the one we wrote."""
    for temp, destination in placed:
        with contextlib.suppress(OSError):
            if os.path.samefile(temp, destination):
                os.unlink(destination)


def remove_stale_temporary_files(
    directory: str | os.PathLike[str], is_ours: Callable[[str], object] = TEMP_NAME.fullmatch
) -> None:
    """Remove our own temporary files that a killed run left here (best effort).

    Only regular files whose name `is_ours` accepts, owned by this user and older than
    STALE_SECONDS: a run that is still writing keeps its file fresh for far less. The cache
    passes its own names; everything else uses TEMP_NAME.
    """
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    cutoff = time.time() - STALE_SECONDS
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if not is_ours(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    if (
                        stat.S_ISREG(info.st_mode)
                        and (uid is None or info.st_uid == uid)
                        and info.st_mtime < cutoff
                    ):
                        os.unlink(entry.path)
                except OSError:
                    continue
    except OSError:
        return


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _exists(path: Path) -> FileExistsPmrolesError:
    return FileExistsPmrolesError(
        f"{path} already exists; it was left untouched (use --force to replace it)"
    )


def _not_regular(path: Path, kind: str) -> NotRegularFileError:
    return NotRegularFileError(
        f"{path} is {kind}, not a regular file; pmroles replaces only regular files"
    )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _new_file_mode() -> int:
    umask = os.umask(0)  # the only way to read it; set straight back
    os.umask(umask)
    return 0o666 & ~umask
