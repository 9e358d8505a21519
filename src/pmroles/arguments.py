"""Global options anywhere: `pmroles show tpm --no-color` means `pmroles --no-color show tpm`.

Click reads a group's options only before the command. Both parsers of pmroles (the Typer
app in `pmroles.cli` and the fast path in `pmroles.fastpath`) first pass the command line
through `hoist`, which moves each global option written after the command, with its value,
to just before the command. It reads the words as Click would, from the description of the
command line generated from the Typer app (`pmroles.surface`), so that it never takes:

- the value of a command option (`list --skill --no-color` looks for the skill
  "--no-color", as Click always read it);
- anything after `--`, which ends the options;
- anything it does not understand: the command line is then left as it is from there on,
  for Click to judge and explain.

Imported on every run of the fast path: standard library only, and not even `typing`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

_TAKES_A_VALUE = frozenset({"text", "path", "int", "choice"})
"""Option kinds (see `pmroles.surface`) whose option reads the next word as its value."""


class MissingValue(ValueError):
    """A global option after the command that takes a value, with no word left for it."""

    def __init__(self, option: str) -> None:
        super().__init__(f"Option {option!r} requires an argument.")
        self.option = option


def hoist(
    argv: Sequence[str],
    global_options: Mapping[str, Sequence[object]],
    commands: Mapping[str, tuple[str, object, Mapping[str, Sequence[object]]]],
) -> list[str]:
    """`argv` with the global options after the command moved, in order, to just before it.

    `global_options` and `commands` are `pmroles.surface.GLOBAL` and `.COMMANDS`. Only global
    options without a callback move: `--version` and the completion installers act at once,
    and after a command they stay the usage error they always were. Raises MissingValue for
    a global option that needs a value and ends the line (`pmroles show tpm --catalogue`):
    moved, it would take the command's name as its value.
    """
    words = list(argv)
    start = _command_position(words, global_options)
    if start is None:
        return words
    spec = commands.get(words[start])
    if spec is None:
        return words  # an unknown command: Click names the ones there are
    options = spec[2]
    moved: list[str] = []
    kept: list[str] = []
    position = start + 1
    while position < len(words):
        word = words[position]
        if word == "--":
            break
        flag = word.partition("=")[0] if word.startswith("--") else word
        if flag in options:
            taken = _words_taken(word, flag, options[flag], words, position)
        elif flag in global_options and _movable(global_options[flag]):
            taken = _words_taken(word, flag, global_options[flag], words, position)
            if position + taken > len(words):
                raise MissingValue(word)
            moved += words[position : position + taken]
            position += taken
            continue
        elif word.startswith("--"):
            taken = 0  # an option the command does not have: Click says so
        elif word.startswith("-") and len(word) > 1:
            taken = _short_cluster_taken(word, options)
        else:
            taken = 1  # an argument ("-" included)
        if taken == 0:
            break  # not understood: the rest stays as written
        kept += words[position : position + taken]
        position += taken
    return [*words[:start], *moved, words[start], *kept, *words[position:]]


def _command_position(
    words: Sequence[str], global_options: Mapping[str, Sequence[object]]
) -> int | None:
    """Where the command is, after the global options written before it; None when a word
    before it is anything else (`--help`, `--version`, `--`, a mistake): Click's to judge."""
    position = 0
    while position < len(words) and words[position].startswith("-"):
        word = words[position]
        flag = word.partition("=")[0] if word.startswith("--") else word
        spec = global_options.get(flag)
        if spec is None or not _movable(spec):
            return None
        position += _words_taken(word, flag, spec, words, position)
    return position if position < len(words) else None


def _movable(spec: Sequence[object]) -> bool:
    """Whether a global option only sets a value (no callback acting at once), of a kind
    this module can read."""
    return spec[5] is None and (spec[1] == "flag" or spec[1] in _TAKES_A_VALUE)


def _words_taken(
    word: str, flag: str, spec: Sequence[object], words: Sequence[str], position: int
) -> int:
    """How many words the option at `position` spans: 1, 2 with its value in the next word
    (even past the end: the caller checks), or 0 for a kind it cannot read."""
    kind = spec[1]
    if kind == "flag" or (kind in _TAKES_A_VALUE and word != flag):
        return 1  # a flag, or `--opt=value` (a flag given `=value` is Click's error to name)
    if kind in _TAKES_A_VALUE:
        return 2  # the next word whatever it is, as Click reads it: `--skill --no-color`
    return 0


def _short_cluster_taken(word: str, options: Mapping[str, Sequence[object]]) -> int:
    """The words a run of short options spans (`-d`, `-fjson`, `-df json`): Click reads
    each letter as an option until one takes a value, which is the rest of the word or else
    the next word; 0 for a letter that is not an option of the command."""
    for index in range(1, len(word)):
        spec = options.get("-" + word[index])
        if spec is None:
            return 0  # not the command's: Click reports it (and a global one stays put)
        if spec[1] in _TAKES_A_VALUE:
            return 1 if index + 1 < len(word) else 2
        if spec[1] != "flag":
            return 0
    return 1
