"""Which catalogue files apply, in which order, and the catalogue they make together.

Order, each layered over the ones before: the built-in catalogue; the user's config file
(`$XDG_CONFIG_HOME/pmroles/roles.yaml`, default `~/.config/...`); the files named by
`PMROLES_CATALOGUE` (separated like PATH); the files named by `--catalogue`. With
`--no-builtin`, only the files named by PMROLES_CATALOGUE and --catalogue apply.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from pmroles import locations
from pmroles.errors import CatalogueError, PmrolesError, Problem, Severity
from pmroles.model import Catalogue


class Stack(NamedTuple):
    """The catalogue files one run reads. A NamedTuple, for start-up (see README, Speed)."""

    builtin: bool
    files: tuple[str, ...]
    """User files in layering order. Plain strings: a warm command never imports pathlib."""


def stack_for(
    cli_files: Sequence[str | os.PathLike[str]], *, no_builtin: bool, environ: Mapping[str, str]
) -> Stack:
    files = locations.user_files(
        [os.fspath(p) for p in cli_files], no_builtin=no_builtin, environ=environ
    )
    if no_builtin and not files:
        raise PmrolesError(
            f"--no-builtin leaves no catalogue: name one with --catalogue or {locations.ENV_VAR}"
        )
    return Stack(not no_builtin, tuple(files))


def stack_files(stack: Stack) -> list[str]:
    """Every file the stack reads, the built-in one included."""
    return locations.stack_paths(stack.builtin, stack.files)


def load_cached(stack: Stack, environ: Mapping[str, str]) -> tuple[Catalogue, list[Problem]]:
    """The layered catalogue from the cache, building and storing it when needed."""
    from pmroles import cache

    description = locations.stack_description(stack_files(stack))
    directory = locations.cache_dir(environ)
    if description is not None:
        cached = cache.read(directory, description)
        if cached is not None:
            return cached
    catalogue, warnings = load_stack(stack)
    if description is not None:
        cache.write(directory, description, catalogue, warnings)
    return catalogue, warnings


def load_stack(stack: Stack) -> tuple[Catalogue, list[Problem]]:
    """The layered catalogue and its warnings; the first file with errors raises them all."""
    from pmroles.loader import check_file, load_builtin

    catalogue = load_builtin() if stack.builtin else Catalogue(roles={})
    warnings: list[Problem] = []
    for path in stack.files:
        layered, problems = check_file(path, path, catalogue)
        if layered is None:
            raise CatalogueError([p for p in problems if p.severity is Severity.ERROR])
        warnings += problems
        catalogue = layered
    return catalogue, warnings
