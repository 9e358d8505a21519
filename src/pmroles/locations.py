"""Where pmroles' files are, and the key of a stack of catalogue files.

Imports nothing beyond the standard library's lightest modules: shell completion runs this
on every Tab press, before anything else of pmroles is loaded.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping, Sequence

from pmroles import __version__

ENV_VAR = "PMROLES_CATALOGUE"
CACHE_FORMAT = 2
"""Bumped whenever what the cache stores changes shape."""


def builtin_catalogue_path() -> str:
    """The shipped `roles.yaml`: inside the installed package, or at `data/` in a source tree.

    A wheel carries the file as `pmroles/data/roles.yaml`; an editable install runs the
    package from `src/`, where the design card keeps the file at the top-level `data/`.
    """
    package = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(package, "data", "roles.yaml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", "roles.yaml")


def config_file(environ: Mapping[str, str]) -> str:
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "pmroles", "roles.yaml")


def cache_dir(environ: Mapping[str, str]) -> str:
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pmroles")


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
    and modification times. None when a file cannot be read (then nothing is cached)."""
    parts: list[object] = [__version__, CACHE_FORMAT]
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            return None
        parts.append([os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])
    return json.dumps(parts)


def stack_key(description: str) -> str:
    """A short file name for a stack; the full description is stored and compared on read."""
    return f"{zlib.crc32(description.encode('utf-8')):08x}"


def index_path(directory: str, key: str) -> str:
    return os.path.join(directory, f"index-{key}.json")


def read_index(directory: str, description: str) -> dict[str, list[list[str]]] | None:
    """Role and stakeholder ids with their names, for completion; None when absent or stale."""
    try:
        with open(index_path(directory, stack_key(description)), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("stack") != description:
        return None
    return data
