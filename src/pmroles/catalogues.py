"""Which catalogue files apply, in which order, and the catalogue they make together.

Order, each layered over the ones before: the built-in catalogue; the user's config file
(`$XDG_CONFIG_HOME/pmroles/roles.yaml`, default `~/.config/...`); the files named by
`PMROLES_CATALOGUE` (separated like PATH); the files named by `--catalogue`. With
`--no-builtin`, only the files named by PMROLES_CATALOGUE and --catalogue apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pmroles import locations
from pmroles.errors import CatalogueError, PmrolesError, Problem, Severity
from pmroles.model import Catalogue


@dataclass(frozen=True, slots=True)
class Stack:
    builtin: bool
    files: tuple[Path, ...]
    """User files in layering order."""


def builtin_catalogue_path() -> Path:
    return Path(locations.builtin_catalogue_path())


def stack_for(cli_files: Sequence[Path], *, no_builtin: bool, environ: Mapping[str, str]) -> Stack:
    files = locations.user_files(
        [str(p) for p in cli_files], no_builtin=no_builtin, environ=environ
    )
    if no_builtin and not files:
        raise PmrolesError(
            f"--no-builtin leaves no catalogue: name one with --catalogue or {locations.ENV_VAR}"
        )
    return Stack(not no_builtin, tuple(Path(f) for f in files))


def stack_files(stack: Stack) -> list[str]:
    """Every file the stack reads, the built-in one included."""
    return locations.stack_paths(stack.builtin, [str(f) for f in stack.files])


def load_cached(stack: Stack, environ: Mapping[str, str]) -> tuple[Catalogue, list[Problem]]:
    """The layered catalogue from the cache, building and storing it when needed."""
    from pmroles import cache

    description = locations.stack_description(stack_files(stack))
    directory = Path(locations.cache_dir(environ))
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
        layered, problems = check_file(path, str(path), catalogue)
        if layered is None:
            raise CatalogueError([p for p in problems if p.severity is Severity.ERROR])
        warnings += problems
        catalogue = layered
    return catalogue, warnings
