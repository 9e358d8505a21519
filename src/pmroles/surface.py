"""The command line's surface, for the fast path: GENERATED from the Typer app in
`pmroles.cli` by tests/test_surface.py, which fails while the two disagree. Do not edit;
regenerate with `PMROLES_UPDATE_GOLDEN=1 python -m pytest tests/test_surface.py`.

GLOBAL: the global options (before the command, or after it: see `pmroles.arguments`),
flag -> option.
COMMANDS: command name -> (function in `pmroles.commands`, arguments, options).
An argument is (name, nargs: 1 or -1 for all that remain, required, default).
An option is (name, kind, multiple, default, detail, callback), where kind is "flag",
"text", "path", "int" (detail: min and max), "choice" (detail: the choices) or "other",
and callback names the function in `pmroles.commands` that checks and converts the value
(or something else the fast path does not run).
COMPLETES: (command, argument name or option flag) -> what Tab offers for it: ids from
completion's index ("roles", "stakeholders", or "skills", "tools" and "background" for the
concepts the roles' items there name), "files", or one of CLOSED; "," after it when it
completes the last of comma-separated values. The fast path of completion
(`pmroles.complete`) reads it.
CLOSED: closed set (named after the parameter) -> the (value, description) pairs offered.
"""

# ruff: noqa: E501 - generated, one option a line
# fmt: off
from __future__ import annotations

TYPE_CHECKING = False  # not `typing`'s: completion runs on every Tab press and skips it
if TYPE_CHECKING:
    from typing import Any

    Option = tuple[Any, ...]
    Argument = tuple[str, int, bool, Any]

GLOBAL: dict[str, Option] = {
    "--version": ("version", "flag", False, False, None, "print_version"),
    "--no-color": ("no_color", "flag", False, False, None, None),
    "--catalogue": ("catalogue", "path", True, None, None, None),
    "--catalog": ("catalogue", "path", True, None, None, None),
    "--no-builtin": ("no_builtin", "flag", False, False, None, None),
    "--no-pager": ("no_pager", "flag", False, False, None, None),
    "--quiet": ("quiet", "flag", False, False, None, None),
    "-q": ("quiet", "flag", False, False, None, None),
    "--sourced-only": ("sourced_only", "flag", False, False, None, None),
    "--install-completion": ("install_completion", "flag", False, None, None, "install_callback"),
    "--show-completion": ("show_completion", "flag", False, None, None, "show_callback"),
}

COMMANDS: dict[str, tuple[str, tuple[Argument, ...], dict[str, Option]]] = {
    "show": (
        "show",
        (("role", 1, True, None),),
        {
            "--sources": ("sources", "flag", False, False, None, None),
            "--aspects": ("aspects", "text", True, None, None, "aspect_keys"),
            "-a": ("aspects", "text", True, None, None, "aspect_keys"),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "compare": (
        "compare",
        (("roles", -1, True, None),),
        {
            "--only-differences": ("only_differences", "flag", False, False, None, None),
            "-d": ("only_differences", "flag", False, False, None, None),
            "--aspects": ("aspects", "text", True, None, None, "aspect_keys"),
            "-a": ("aspects", "text", True, None, None, "aspect_keys"),
            "--full": ("full", "flag", False, False, None, None),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "list": (
        "list_roles",
        (),
        {
            "--stakeholder": ("stakeholder", "text", True, None, None, None),
            "--skill": ("skill", "text", True, None, None, None),
            "--tool": ("tool", "text", True, None, None, None),
            "--background": ("background", "text", True, None, None, None),
            "--horizon": ("horizon", "text", True, None, None, "horizon_values"),
            "--method": ("method", "text", True, None, None, "method_values"),
            "--market": ("market", "text", True, None, None, "market_values"),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "search": (
        "search",
        (("text", 1, True, None),),
        {
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "similar": (
        "similar",
        (("role", 1, True, None),),
        {
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "match": (
        "match",
        (),
        {
            "--skill": ("skill", "text", True, None, None, None),
            "--background": ("background", "text", True, None, None, None),
            "--stakeholder": ("stakeholder", "text", True, None, None, None),
            "--tool": ("tool", "text", True, None, None, None),
            "--horizon": ("horizon", "text", True, None, None, "horizon_values"),
            "--method": ("method", "text", True, None, None, "method_values"),
            "--market": ("market", "text", True, None, None, "market_values"),
            "--top": ("top", "int", False, None, (1, None), None),
            "--all": ("every", "flag", False, False, None, None),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "matrix": (
        "matrix",
        (("roles", -1, False, None),),
        {
            "--by": ("by", "text", False, "stakeholder", None, "matrix_kind"),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "map": (
        "role_map",
        (),
        {
            "--width": ("width", "int", False, None, (30, None), None),
            "--height": ("height", "int", False, 16, (5, None), None),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "stakeholders": (
        "stakeholders",
        (("name", 1, False, None),),
        {
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "validate": (
        "validate",
        (("file", 1, False, None),),
        {
            "--strict": ("strict", "flag", False, False, None, None),
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
        },
    ),
    "which": (
        "which",
        (("role", 1, True, None),),
        {
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "sources": (
        "sources",
        (("role", 1, False, None),),
        {
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "values": (
        "values",
        (("aspect", 1, False, None),),
        {
            "--format": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "-f": ("output", "choice", False, None, ("table", "json", "yaml", "markdown", "csv"), None),
            "--json": ("as_json", "flag", False, False, None, None),
            "--export": ("export", "path", False, None, None, None),
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "init": (
        "init",
        (("path", 1, True, None),),
        {
            "--force": ("force", "flag", False, False, None, None),
        },
    ),
    "schema": (
        "schema",
        (),
        {
        },
    ),
}

COMPLETES: dict[tuple[str, str], str] = {
    ("show", "role"): "roles",
    ("compare", "roles"): "roles",
    ("similar", "role"): "roles",
    ("matrix", "roles"): "roles",
    ("stakeholders", "name"): "stakeholders",
    ("validate", "file"): "files",
    ("which", "role"): "roles",
    ("sources", "role"): "roles",
    ("values", "aspect"): "aspect",
    ("init", "path"): "files",
    ("show", "--aspects"): "aspects,",
    ("show", "-a"): "aspects,",
    ("show", "--format"): "output",
    ("show", "-f"): "output",
    ("show", "--export"): "files",
    ("compare", "--aspects"): "aspects,",
    ("compare", "-a"): "aspects,",
    ("compare", "--format"): "output",
    ("compare", "-f"): "output",
    ("compare", "--export"): "files",
    ("list", "--stakeholder"): "stakeholders",
    ("list", "--skill"): "skills",
    ("list", "--tool"): "tools",
    ("list", "--background"): "background",
    ("list", "--horizon"): "horizon",
    ("list", "--method"): "method",
    ("list", "--market"): "market",
    ("list", "--format"): "output",
    ("list", "-f"): "output",
    ("list", "--export"): "files",
    ("search", "--format"): "output",
    ("search", "-f"): "output",
    ("search", "--export"): "files",
    ("similar", "--format"): "output",
    ("similar", "-f"): "output",
    ("similar", "--export"): "files",
    ("match", "--skill"): "skills",
    ("match", "--background"): "background",
    ("match", "--stakeholder"): "stakeholders",
    ("match", "--tool"): "tools",
    ("match", "--horizon"): "horizon",
    ("match", "--method"): "method",
    ("match", "--market"): "market",
    ("match", "--format"): "output",
    ("match", "-f"): "output",
    ("match", "--export"): "files",
    ("matrix", "--by"): "by",
    ("matrix", "--format"): "output",
    ("matrix", "-f"): "output",
    ("matrix", "--export"): "files",
    ("map", "--format"): "output",
    ("map", "-f"): "output",
    ("map", "--export"): "files",
    ("stakeholders", "--format"): "output",
    ("stakeholders", "-f"): "output",
    ("stakeholders", "--export"): "files",
    ("validate", "--format"): "output",
    ("validate", "-f"): "output",
    ("which", "--format"): "output",
    ("which", "-f"): "output",
    ("which", "--export"): "files",
    ("sources", "--format"): "output",
    ("sources", "-f"): "output",
    ("sources", "--export"): "files",
    ("values", "--format"): "output",
    ("values", "-f"): "output",
    ("values", "--export"): "files",
}

CLOSED: dict[str, tuple[tuple[str, str], ...]] = {
    "aspects": (
        ("summary", "Summary"),
        ("focus", "Focus"),
        ("skills", "Skills"),
        ("interactions", "Interactions"),
        ("goals", "Goals"),
        ("challenges", "Challenges"),
        ("outcomes", "Outcome responsibility"),
        ("tools", "Tools"),
        ("background", "Training and background"),
        ("advantages", "Advantages"),
        ("disadvantages", "Disadvantages"),
        ("collaboration", "Necessity for collaboration"),
        ("product_cycle_impact", "Impact on the product cycle"),
        ("market_adaptability", "Market adaptability"),
        ("strategic_influence", "Vision and strategic influence"),
        ("responsibilities", "Responsibilities"),
        ("owns", "Accountable for"),
        ("supports", "Contributes to"),
        ("day_to_day", "Day to day"),
        ("career_path", "Career path"),
        ("horizon", "Horizon"),
        ("method", "Method"),
        ("market", "Market"),
        ("orientation", "Orientation"),
    ),
    "output": (
        ("table", ""),
        ("json", ""),
        ("yaml", ""),
        ("markdown", ""),
        ("csv", ""),
    ),
    "horizon": (
        ("short", ""),
        ("medium", ""),
        ("long", ""),
    ),
    "method": (
        ("agile", ""),
        ("sequential", ""),
        ("any", ""),
    ),
    "market": (
        ("b2c", ""),
        ("b2b", ""),
        ("b2g", ""),
    ),
    "by": (
        ("stakeholder", ""),
        ("responsibility", ""),
    ),
    "aspect": (
        ("focus", "Focus"),
        ("skills", "Skills"),
        ("interactions", "Interactions"),
        ("goals", "Goals"),
        ("challenges", "Challenges"),
        ("outcomes", "Outcome responsibility"),
        ("tools", "Tools"),
        ("background", "Training and background"),
        ("advantages", "Advantages"),
        ("disadvantages", "Disadvantages"),
        ("collaboration", "Necessity for collaboration"),
        ("product_cycle_impact", "Impact on the product cycle"),
        ("market_adaptability", "Market adaptability"),
        ("strategic_influence", "Vision and strategic influence"),
        ("responsibilities", "Responsibilities"),
        ("owns", "Accountable for"),
        ("supports", "Contributes to"),
        ("day_to_day", "Day to day"),
        ("career_path", "Career path"),
        ("horizon", "Horizon"),
        ("method", "Method"),
        ("market", "Market"),
        ("orientation", "Orientation"),
        ("concepts", "The whole vocabulary"),
    ),
}
