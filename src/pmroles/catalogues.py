"""Which catalogue files apply, in which order, and the catalogue they make together.

Order, each layered over the ones before: the built-in catalogue; the user's config file
(`$XDG_CONFIG_HOME/pmroles/roles.yaml`, default `~/.config/...`); the files named by
`PMROLES_CATALOGUE` (separated like PATH); the files named by `--catalogue`. With
`--no-builtin`, only the files named by PMROLES_CATALOGUE and --catalogue apply.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pmroles.errors import CatalogueError, PmrolesError, Problem, Severity
from pmroles.model import Catalogue

ENV_VAR = "PMROLES_CATALOGUE"


@dataclass(frozen=True, slots=True)
class Stack:
    builtin: bool
    files: tuple[Path, ...]
    """User files in layering order."""


def config_file(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "pmroles" / "roles.yaml"


def stack_for(cli_files: Sequence[Path], *, no_builtin: bool, environ: Mapping[str, str]) -> Stack:
    files: list[Path] = []
    if not no_builtin:
        config = config_file(environ)
        if config.is_file():
            files.append(config)
    files += [Path(p) for p in environ.get(ENV_VAR, "").split(os.pathsep) if p]
    files += cli_files
    if no_builtin and not files:
        raise PmrolesError(
            f"--no-builtin leaves no catalogue: name one with --catalogue or {ENV_VAR}"
        )
    return Stack(not no_builtin, tuple(files))


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
