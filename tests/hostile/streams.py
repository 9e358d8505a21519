"""Hostile surroundings rather than hostile files: closed or non-blocking standard streams, a
low address-space limit, an unusable config file, relative XDG directories.

Data only; tests/test_hostile_streams.py runs every case as a real process, each with its own
HOME and XDG directories. In `args`, `@BAD@` stands for a catalogue with one error (an unknown
key at 4:5), `@WARN@` for one that is valid with one warning (a repeated list item), `@DIR@`
for a fresh empty directory.

`why` says, in a few words, what a careful user needs; test failures print it.
"""

from __future__ import annotations

from dataclasses import dataclass

BAD_CATALOGUE = "roles:\n  x:\n    name: X\n    skils: [a]\n"
WARN_CATALOGUE = "roles:\n  x:\n    name: X\n    skills: [a, a]\n"


@dataclass(frozen=True)
class Command:
    id: str
    args: tuple[str, ...]
    reads_catalogue: bool = True
    """A cold and a warm cache take different paths (the fast path, the cached catalogue)."""
    err: str = ""
    """A regular expression stderr must match whole when stdout is closed."""


# -- F6: `>&-` ---------------------------------------------------------------------------------

OUTPUT_COMMANDS = [
    Command("show", ("show", "tpm")),
    Command("compare", ("compare", "bpm", "tpm")),
    Command("list", ("list",)),
    Command("list-stakeholder", ("list", "--stakeholder", "sales")),
    Command("search", ("search", "market")),
    Command("similar", ("similar", "tpm")),
    Command("match", ("match", "--skill", "roadmapping")),
    Command("matrix", ("matrix",)),
    Command("map", ("map",)),
    Command("stakeholders", ("stakeholders",)),
    Command("stakeholder", ("stakeholders", "sales")),
    Command("which", ("which", "tpm")),
    Command("json", ("show", "tpm", "--json")),
    Command("yaml", ("show", "tpm", "--format", "yaml")),
    Command("csv", ("list", "--format", "csv")),
    Command("markdown", ("compare", "bpm", "tpm", "--format", "markdown")),
    Command("warning", ("--catalogue", "@WARN@", "show", "x"), err=r".*: warning: .*repeats.*\n"),
    Command("validate-bad", ("validate", "@BAD@")),  # the problems are the output
    Command("validate-json", ("validate", "--json")),
    Command("schema", ("schema",), reads_catalogue=False),
    Command("version", ("--version",), reads_catalogue=False),
    Command("help", ("--help",), reads_catalogue=False),
    Command("command-help", ("show", "--help"), reads_catalogue=False),
]
"""Every command that prints to stdout. With stdout closed (`>&-`) each must end quietly with
the broken-pipe status, 141, as when the reader of a pipe has gone: no traceback."""


COMPLETION = {
    "_PMROLES_COMPLETE": "complete_bash",
    "COMP_WORDS": "pmroles show ",
    "COMP_CWORD": "2",
}
"""Tab after `pmroles show ` in bash: role ids, from the full CLI (cold) or the cache's index."""


@dataclass(frozen=True)
class Closed:
    id: str
    args: tuple[str, ...]
    exit: int
    out: str | None = None
    """A regular expression stdout must match (searched); None when stdout is closed too."""
    err: str | None = None
    """A regular expression stderr must match (searched); None when stderr is closed."""
    why: str = ""


WITHOUT_STDOUT = [
    Closed("validate", ("validate",), 0, err=r"roles\.yaml: valid \(", why="stdout unused"),
    Closed(
        "init",
        ("init", "@DIR@/ours.yaml"),
        0,
        err=r"^Wrote .*ours\.yaml; check it with",
        why="writes a file, prints on stderr only",
    ),
    Closed("unknown-role", ("show", "nosuch"), 1, err=r"^Error: unknown role 'nosuch'\n\Z"),
    Closed("usage", ("show",), 2, err=r"Missing argument 'ROLE'"),
    Closed("no-arguments", (), 2, err=r"^Usage: pmroles ", why="the help, as a usage error"),
]
"""Commands that print nothing on stdout still do their work with stdout closed."""

WITHOUT_STDERR = [
    Closed("show", ("show", "tpm"), 0, out=r"Technical Product Manager"),
    Closed(
        "warning",
        ("--catalogue", "@WARN@", "show", "x"),
        0,
        out=r"\bX\b",
        why="the warning is lost, the answer is not",
    ),
    Closed("validate", ("validate",), 0, out=r"\A\Z", why="'valid' is lost, the status is not"),
    Closed("validate-bad", ("validate", "@BAD@"), 1, out=r"bad\.yaml:4:5: .*skils"),
    Closed("unknown-role", ("show", "nosuch"), 1, out=r"\A\Z", why="the status says it"),
    Closed("usage", ("show",), 2, out=r"\A\Z"),
    Closed("bad-option", ("--bogus",), 2, out=r"\A\Z"),
]
"""With stderr closed (`2>&-`) messages are lost, but the exit status still says what
happened, and stdout still gets the answer."""

WITHOUT_BOTH = [
    Closed("show", ("show", "tpm"), 141),
    Closed("warning", ("--catalogue", "@WARN@", "show", "x"), 141),
    Closed("validate", ("validate",), 0),
    Closed("unknown-role", ("show", "nosuch"), 1),
    Closed("usage", ("show",), 2),
    Closed("version", ("--version",), 141),
]

WITHOUT_STDIN = [
    Closed("show", ("show", "tpm"), 0, out=r"Technical Product Manager", err=r"\A\Z"),
    Closed("json", ("show", "tpm", "--json"), 0, out=r'"id": "tpm"', err=r"\A\Z"),
]
"""`<&-`: pmroles reads no input, and the next file it opens takes descriptor 0."""


# -- F8: a low address-space limit -------------------------------------------------------------


@dataclass(frozen=True)
class Memory:
    id: str
    file: str
    """A builder in the test module: `bench` (bench/make_catalogue.py 10000, 16 MB), `line`
    (one 50 MB summary), `accent` (one 60 MB summary holding an é)."""
    args: tuple[str, ...]
    """`@FILE@` is the file."""
    limit_mb: int = 200
    """`ulimit -v`, in MiB; the report's 200 MB."""
    may_work: bool = False
    """The command may also succeed within the limit; it must then print the role."""
    why: str = "one line naming the file, exit 1; never a MemoryError traceback"


MEMORY = [
    Memory("bench-16mb-show", "bench", ("--catalogue", "@FILE@", "show", "tpm"), may_work=True),
    Memory("line-50mb-validate", "line", ("validate", "@FILE@")),
    Memory("line-50mb-list", "line", ("--no-builtin", "--catalogue", "@FILE@", "list")),
    Memory("line-50mb-show", "line", ("--no-builtin", "--catalogue", "@FILE@", "show", "x")),
    Memory("accent-60mb-list", "accent", ("--no-builtin", "--catalogue", "@FILE@", "list")),
]


# -- F14: an unusable config file --------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    id: str
    kind: str
    """What `$XDG_CONFIG_HOME/pmroles/roles.yaml` is made: see `make_config` in the tests."""
    warning: str | None
    """A regular expression for the one stderr line (`@CONFIG@` is the file's path,
    escaped); None when nothing may be said."""


CONFIGS = [
    Config(
        "dangling-symlink",
        "dangling",
        r"Warning: ignoring @CONFIG@: it is a symbolic link to \S*moved\.yaml, "
        r"which does not exist",
    ),
    Config("directory", "directory", r"Warning: ignoring @CONFIG@: it is a directory, not a file"),
    Config("fifo", "fifo", r"Warning: ignoring @CONFIG@: it is a named pipe, not a file"),
    Config("socket", "socket", r"Warning: ignoring @CONFIG@: it is a socket, not a file"),
    Config("dev-zero", "dev-zero", r"Warning: ignoring @CONFIG@: it is a device, not a file"),
    Config(
        "symlink-loop",
        "loop",
        r"Warning: ignoring @CONFIG@: cannot use it: Too many levels of symbolic links",
    ),
    Config(
        "dangling-directory-symlink",
        "dangling-directory",
        r"Warning: ignoring @CONFIG@: \S*pmroles is a symbolic link to \S*moved, "
        r"which does not exist",
    ),
    Config("missing", "missing", None),
    Config("missing-in-empty-directory", "empty-directory", None),
]
