"""Hostile targets for the two commands that write files: `init PATH` and `--export FILE`.

Each `WriteCase` names what is put at the target before the run (`setup`, one of `SETUPS`),
the command (`args`, where `{target}` stands for the target's path), the exit status and a
regular expression that the whole of stderr must match (`{target}` again stands for the
path, escaped). `after` says what must be true of the target afterwards:

- "untouched": the same kind of file as before, with the same inode and content, and
  nothing new in the directory (no starter, no catalogue.schema.json, no temporary file);
- "written": a regular file that holds what pmroles writes;
- "through": the target is still a symbolic link, and the regular file it points to now
  holds what pmroles writes.

`process` cases run the real program in a subprocess (their target depends on the process's
own standard streams); the others run in-process. `why` says what a careful user needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SETUPS = (
    "nothing",
    "regular",
    "chardev",
    "blockdev",
    "fifo",
    "socket",
    "directory",
    "symlink-to-regular",
    "symlink-to-chardev",
    "symlink-to-fifo",
    "symlink-to-own-stdout",
    "symlink-to-own-stdout-file",
    "dangling-symlink",
)
"""What the test puts at the target path before running pmroles."""

REFUSED = "{target} is {kind}, not a regular file; pmroles replaces only regular files\n"
"""The one line (after `Error: `) for a target that is there and is not a regular file."""

INIT = ("init", "{target}")
INIT_FORCE = ("init", "{target}", "--force")
EXPORT = ("show", "tpm", "--export", "{target}")
EXPORT_FORCE = ("show", "tpm", "--export", "{target}", "--force")


@dataclass(frozen=True)
class WriteCase:
    id: str
    setup: str
    args: tuple[str, ...]
    exit: int
    err: str
    """A regular expression for the whole of stderr; `{target}` is the target, escaped."""
    after: str
    name: str = ""
    """The target's file name; empty: `node.yaml` for init, `tape.txt` for --export."""
    process: bool = False
    why: str = ""


def _refused(kind: str) -> str:
    """The whole of stderr for a refused target: `Error: ` and REFUSED, as a regex."""
    return "^Error: {target} " + re.escape(REFUSED.format(target="", kind=kind).lstrip()) + "$"


_NEVER = "--force must never turn this into a regular file, nor write anything beside it"
_NO_BAD_ADVICE = "say what is there, not 'use --force', which could not replace it"

WROTE = r"^Wrote {target}; check it with: pmroles validate {target}\n$"
EXPORTED = r"^Wrote {target} \(text, 100 columns\)\n$"
"""An export says what it wrote, in one line, and prints nothing else."""

SPECIAL_FILES = [
    WriteCase(
        f"{command}-{flag}-{setup}",
        setup,
        args,
        1,
        _refused(kind),
        "untouched",
        why=f"{need} (F2: {kind})",
    )
    for command, flag, args, need in (
        ("init", "force", INIT_FORCE, _NEVER),
        ("init", "plain", INIT, _NO_BAD_ADVICE),
        ("export", "force", EXPORT_FORCE, _NEVER),
        ("export", "plain", EXPORT, _NO_BAD_ADVICE),
    )
    for setup, kind in (
        ("chardev", "a character device"),
        ("blockdev", "a block device"),
        ("fifo", "a named pipe (FIFO)"),
        ("socket", "a socket"),
        ("symlink-to-chardev", "a symbolic link to a character device"),
        ("symlink-to-fifo", "a symbolic link to a named pipe (FIFO)"),
        ("dangling-symlink", "a symbolic link to nothing"),
    )
]
"""A device node, FIFO or socket, straight or behind a link: refused with or without --force
(without it, 'use --force to replace it' would be advice that cannot work)."""

STDOUT_LINK = [
    WriteCase(
        f"{command}-force-symlink-to-own-stdout",
        "symlink-to-own-stdout",
        args,
        1,
        _refused("a symbolic link to a named pipe (FIFO)"),
        "untouched",
        process=True,
        why="/dev/stdout is a link to /proc/self/fd/1; --force must not replace it (F2)",
    )
    for command, args in (("init", INIT_FORCE), ("export", EXPORT_FORCE))
] + [
    WriteCase(
        f"{command}-force-symlink-to-own-stdout-file",
        "symlink-to-own-stdout-file",
        args,
        1,
        "^Error: {target} "
        + re.escape(
            "is a symbolic link into /proc; pmroles replaces only regular files, "
            "and follows only ordinary links to them\n"
        )
        + "$",
        "untouched",
        process=True,
        why="`pmroles init /dev/stdout --force > log` must not replace the log that the "
        "rest of the output goes to",
    )
    for command, args in (("init", INIT_FORCE), ("export", EXPORT_FORCE))
]

DIRECTORIES = [
    WriteCase(
        "init-force-directory",
        "directory",
        INIT_FORCE,
        2,
        r"(?s)^Usage: .*name a file to write, e\.g\. ours\.yaml.*$",
        "untouched",
        why="a directory is not a file name, as before",
    ),
    WriteCase(
        "export-force-directory",
        "directory",
        EXPORT_FORCE,
        1,
        _refused("a directory"),
        "untouched",
        why="--force onto a directory names what is there",
    ),
]

REGULAR_FILES = [
    WriteCase("init-new", "nothing", INIT, 0, WROTE, "written"),
    WriteCase("init-force-regular", "regular", INIT_FORCE, 0, WROTE, "written"),
    WriteCase(
        "init-force-symlink-to-regular",
        "symlink-to-regular",
        INIT_FORCE,
        0,
        WROTE,
        "through",
        why="like `>`, --force writes through a link to a regular file and keeps the link",
    ),
    WriteCase("export-new", "nothing", EXPORT, 0, EXPORTED, "written"),
    WriteCase("export-force-regular", "regular", EXPORT_FORCE, 0, EXPORTED, "written"),
    WriteCase(
        "export-force-symlink-to-regular",
        "symlink-to-regular",
        EXPORT_FORCE,
        0,
        EXPORTED,
        "through",
        why="like `>`, --force writes through a link to a regular file and keeps the link",
    ),
]
"""What --force is for still works."""

LONG_NAMES = [
    WriteCase(
        "init-250-byte-name",
        "nothing",
        INIT,
        0,
        WROTE,
        "written",
        name="o" * 245 + ".yaml",
        why="any name the file system takes must work, temp name or not (F16)",
    ),
    WriteCase(
        "export-250-byte-name",
        "nothing",
        EXPORT,
        0,
        EXPORTED,
        "written",
        name="r" * 246 + ".txt",
        why="any name the file system takes must work, temp name or not (F16)",
    ),
    WriteCase(
        "export-force-255-byte-name",
        "regular",
        EXPORT_FORCE,
        0,
        EXPORTED,
        "written",
        name="r" * 251 + ".txt",
        why="NAME_MAX itself, replacing an existing file (F16)",
    ),
]

WRITING = [*SPECIAL_FILES, *STDOUT_LINK, *DIRECTORIES, *REGULAR_FILES, *LONG_NAMES]
