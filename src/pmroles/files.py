"""Writing files so that a crash, a full disk or a race never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from pmroles.errors import PmrolesError


class FileExistsPmrolesError(PmrolesError):
    """The target exists and the caller did not ask to overwrite it."""


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to `path` all at once, or not at all.

    The bytes go to a temporary file beside `path` first. Without `overwrite`, a hard link
    puts it in place only if nothing is there yet, so two writers cannot both win.
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise PmrolesError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp made the file private (0600); the file people asked for gets the mode a
        # shell redirection would give it, or keeps the mode of the file it replaces.
        os.chmod(temp, _mode_for(path) if overwrite else _new_file_mode())
        if overwrite:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise FileExistsPmrolesError(
                    f"{path} already exists; it was left untouched (use --force to replace it)"
                ) from None
    except OSError as error:
        raise PmrolesError(f"cannot write {path}: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _new_file_mode() -> int:
    umask = os.umask(0)  # the only way to read it; set straight back
    os.umask(umask)
    return 0o666 & ~umask


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return _new_file_mode()
