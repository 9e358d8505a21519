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

from pmroles.catalogue import paths
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
    files = paths.user_files(
        [os.fspath(p) for p in cli_files], no_builtin=no_builtin, environ=environ
    )
    if no_builtin and not files:
        raise PmrolesError(
            f"--no-builtin leaves no catalogue: name one with --catalogue or {paths.ENV_VAR}"
        )
    return Stack(not no_builtin, tuple(files))


def stack_files(stack: Stack) -> list[str]:
    """Every file the stack reads, the built-in one included."""
    return paths.stack_paths(stack.builtin, stack.files)


def load_cached(stack: Stack, environ: Mapping[str, str]) -> tuple[Catalogue, list[Problem]]:
    """The layered catalogue from the cache, building and storing it when needed.

    Whatever is wrong with the cache, the answer is the one the files give: a cache file
    that cannot be read is rebuilt here, and one found damaged while a command reads it
    lazily is rebuilt from the files then (see `pmroles.catalogue.cache`).
    """
    import time

    from pmroles.catalogue import cache

    files = stack_files(stack)
    started = time.time_ns()  # before the files are looked at: see paths.SETTLED_NS
    description = paths.stack_description(files)
    if description is None:
        return load_stack(stack)
    directory = paths.cache_dir(environ)

    def rebuild() -> tuple[Catalogue, list[Problem]]:
        return _load_and_store(stack, files, directory, description, started)

    cached = cache.read(directory, description, files, started, lambda: rebuild()[0])
    return cached if cached is not None else rebuild()


def _load_and_store(
    stack: Stack, files: list[str], directory: str, description: str, started: int
) -> tuple[Catalogue, list[Problem]]:
    """Load the stack and store it, with the digests of the files that had not settled.

    Those files are read before and after loading: if one changed meanwhile, what was
    loaded may match neither, and nothing is stored.
    """
    from pmroles.catalogue import cache

    unsettled = paths.unsettled(description, started)
    before = paths.digests(unsettled)
    catalogue, warnings = load_stack(stack)
    if before is not None and paths.digests(unsettled) == before:
        cache.write(directory, description, files, catalogue, warnings, unconfirmed=before)
    return catalogue, warnings


def load_stack(stack: Stack) -> tuple[Catalogue, list[Problem]]:
    """The layered catalogue and its warnings; the first file with errors raises them all."""
    from pmroles.catalogue.loader import check_file, load_builtin

    catalogue = load_builtin() if stack.builtin else Catalogue(roles={})
    warnings: list[Problem] = []
    for path in stack.files:
        layered, problems = check_file(path, path, catalogue)
        if layered is None:
            raise CatalogueError([p for p in problems if p.severity is Severity.ERROR])
        warnings += problems
        catalogue = layered
    return catalogue, warnings
