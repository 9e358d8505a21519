"""Writing files so that a crash, a full disk or a race never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
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
