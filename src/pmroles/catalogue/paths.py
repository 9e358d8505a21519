"""Where pmroles' files are, and the key of a stack of catalogue files.

Imports nothing beyond the standard library's lightest modules: shell completion runs this
on every Tab press, before anything else of pmroles is loaded.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Mapping, Sequence

from pmroles import __version__

ENV_VAR = "PMROLES_CATALOGUE"
CACHE_FORMAT = 6
"""Bumped whenever what the cache stores changes shape."""
SETTLED_NS = 3_000_000_000
"""How long after its last change a file's size, inode and timestamps are trusted to change
with its content. Many filesystems keep whole seconds (ext2 and ext3 with 128-byte inodes,
HFS+, some NFS and SMB mounts) or two (FAT), and the kernel stamps files from a clock that
may lag by a tick: a same-size rewrite within that time can leave all of them as they were.
Until a file has settled, what the cache built from it is checked against its content."""


def builtin_catalogue_path() -> str:
    """The shipped `roles.yaml`: inside the installed package, or at `data/` in a source tree.

    A wheel carries the file as `pmroles/data/roles.yaml`; an editable install runs the
    package from `src/`, where the design card keeps the file at the top-level `data/`.
    """
    # This module is pmroles/catalogue/paths.py: the package is two levels up.
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, "data", "roles.yaml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", "roles.yaml")


def _xdg_base(environ: Mapping[str, str], name: str, default: str) -> str:
    """An XDG base directory: the variable when it holds an absolute path, else `~/default`.

    The XDG Base Directory spec: a relative path in these variables is invalid and must be
    ignored (it would name a different directory in every working directory)."""
    value = environ.get(name, "")
    return value if os.path.isabs(value) else os.path.join(os.path.expanduser("~"), default)


def config_file(environ: Mapping[str, str]) -> str:
    return os.path.join(_xdg_base(environ, "XDG_CONFIG_HOME", ".config"), "pmroles", "roles.yaml")


def cache_dir(environ: Mapping[str, str]) -> str:
    return os.path.join(_xdg_base(environ, "XDG_CACHE_HOME", ".cache"), "pmroles")


_NOT_A_FILE = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def config_warning(environ: Mapping[str, str]) -> str | None:
    """Why the config file is skipped although something is where it should be, as the line
    to print; None when it is a regular file (it is read) or simply absent (nothing to say).

    `user_files` skips whatever is not a regular file: a dangling symlink (a dotfile manager
    whose target moved), a directory, a FIFO, a device. Skipped silently, the user's roles
    would just vanish, so the commands that load the catalogue say why (not completion)."""
    config = config_file(environ)
    try:
        mode = os.stat(config).st_mode
    except FileNotFoundError:
        why = _dangling(config)
    except OSError as error:
        why = f"cannot use it: {error.strerror}"
    else:
        if stat.S_ISREG(mode):
            return None
        why = f"it is {_NOT_A_FILE.get(stat.S_IFMT(mode), 'something else')}, not a file"
    return None if why is None else f"Warning: ignoring {config}: {why}"


def _dangling(config: str) -> str | None:
    """The dangling symbolic link on the way to a missing config file, if there is one: the
    file itself, its `pmroles` directory or the config directory."""
    directory = os.path.dirname(config)
    for path in (config, directory, os.path.dirname(directory)):
        if os.path.islink(path) and not os.path.exists(path):
            try:
                target = os.readlink(path)
            except OSError:  # gone meanwhile
                return None
            name = "it" if path == config else path
            return f"{name} is a symbolic link to {target}, which does not exist"
    return None


def user_files(
    cli_files: Sequence[str], *, no_builtin: bool, environ: Mapping[str, str]
) -> list[str]:
    """The user's catalogue files in layering order: config file, environment, command line."""
    files: list[str] = []
    if not no_builtin:
        config = config_file(environ)
        if os.path.isfile(config):
            files.append(config)
    files += [p for p in environ.get(ENV_VAR, "").split(os.pathsep) if p]
    files += cli_files
    return files


def stack_paths(builtin: bool, files: Sequence[str]) -> list[str]:
    """Every file a stack reads, the built-in one first. The loader's cache and completion's
    index are both keyed by this list, so both must build it here."""
    return [builtin_catalogue_path(), *files] if builtin else list(files)


def stack_description(files: Sequence[str]) -> str | None:
    """What identifies this exact stack: pmroles' version and each file's path, size, inode
    and modification times. None when a file cannot be read (then nothing is cached).

    Take the time before calling this: files changed within SETTLED_NS of it (`unsettled`)
    may change again with the same description, so the cache checks their content too."""
    parts: list[object] = [__version__, CACHE_FORMAT]
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            return None
        parts.append([os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])
    return json.dumps(parts)


def unsettled(description: str, since_ns: int) -> list[str]:
    """The absolute paths of the files in `description` last changed within SETTLED_NS
    before `since_ns` (a `time.time_ns()` taken before the description), or after it."""
    recent = since_ns - SETTLED_NS
    return [part[0] for part in json.loads(description)[2:] if max(part[2], part[3]) > recent]


DIGEST_LIMIT = 64 * 1024 * 1024
"""Larger files are not digested: the loader refuses them (`loader.MAX_FILE_BYTES`)."""


def digests(paths: Sequence[str]) -> dict[str, str] | None:
    """Each file's CRC-32, to tell whether an unsettled file still holds what it held; None
    when one is not a regular file the loader would read (a FIFO is never waited on) or
    cannot be read. A same-size edit escapes it with odds of one in 2**32."""
    found: dict[str, str] = {}
    for path in paths:
        crc = 0
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with open(fd, "rb") as handle:
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode) or st.st_size > DIGEST_LIMIT:
                    return None
                while chunk := handle.read(1 << 20):
                    crc = zlib.crc32(chunk, crc)
        except OSError:
            return None
        found[path] = f"{crc:08x}"
    return found


def stack_key(description: str) -> str:
    """A short file name for a stack; the full description is stored and compared on read."""
    return f"{zlib.crc32(description.encode('utf-8')):08x}"


def index_path(directory: str, key: str) -> str:
    return os.path.join(directory, f"index-{key}.json")


def read_index(directory: str, description: str) -> dict[str, list[list[str]]] | None:
    """The lists completion offers (role, stakeholder and concept ids with their names: see
    `pmroles.complete.index_lists`); None when absent or stale.

    An index written from files that had not settled names their digests, which must still
    hold (see SETTLED_NS); the cache drops them once the files have settled."""
    try:
        with open(index_path(directory, stack_key(description)), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("stack") != description:
        return None
    unconfirmed = data.get("unconfirmed")
    if unconfirmed is not None and (
        not isinstance(unconfirmed, dict) or digests(list(unconfirmed)) != unconfirmed
    ):
        return None
    return data
