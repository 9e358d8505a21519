"""The command line: parse arguments with Typer, call `pmroles.commands`, print with `emit`.

Each command here declares its options and help and does three things: build the output
choice, call the command's one function, and hand the report to `pmroles.render.report.emit`.
The fast path (`pmroles.fastpath`) serves the ordinary forms of the same commands from a
description generated from this app (`pmroles.surface`). Heavy modules (Rich, YAML, the
loader) are imported only inside the commands that use them, so `--help`, `--version` and
tab completion never pay for them.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import (
    IO,
    TYPE_CHECKING,
    Annotated,
    Any,
    NamedTuple,
    NoReturn,
    TextIO,
    TypeVar,
    cast,
)

import click
import typer
from click.shell_completion import CompletionItem, ShellComplete, add_completion_class
from typer import _completion_classes as typer_shells
from typer.core import TyperGroup

from pmroles import __version__, commands
from pmroles.answers.matrix import MatrixKind
from pmroles.complete import (
    concept_choices,
    fish_line,
    offerable,
    powershell_line,
    typed,
    zsh_answer,
)
from pmroles.errors import PmrolesError, UsageProblem
from pmroles.exits import ExitStatus, end, outcome, write
from pmroles.model import ASPECTS, Horizon, Market, Method

if TYPE_CHECKING:
    from pmroles.catalogue.stack import Stack
    from pmroles.model import Catalogue
    from pmroles.render.report import Output, Report


class OutputFormat(enum.StrEnum):
    # The formats pmroles.render.report.emit writes; an enum here so Typer offers them.
    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"
    CSV = "csv"
    HTML = "html"
    TEXT = "text"


class Theme(enum.StrEnum):
    # The colours of an SVG export (pmroles.render.console.svg).
    LIGHT = "light"
    DARK = "dark"


def _complete_format(incomplete: str) -> list[str]:
    # Rather than Click's own offer of the choices, which ignores case (the fast path and
    # every other completer offer what starts with what was typed, exactly).
    return [fmt.value for fmt in OutputFormat if typed(fmt.value, incomplete)]


def _inert(text: str) -> str:
    from pmroles.render.text import inert

    return inert(text)


class _Ended(click.ClickException):
    """A core error (or Ctrl-C) on its way out of a command, with the message and status the
    table in `pmroles.exits` gives it: so that Click shows it as the program does, in its
    own runner (the tests') too, and Ctrl-C is not first given Click's own blank line."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.outcome = outcome(error)
        super().__init__(_inert(str(error)))
        # Click reads the status from the instance; mypy knows it as a class variable.
        setattr(self, "exit_code", self.outcome.status if self.outcome else ExitStatus.ERROR)  # noqa: B010

    def show(self, file: IO[Any] | None = None) -> None:
        if self.outcome is not None:
            write(cast("TextIO", file or sys.stderr), self.outcome.message)


class _Group(TyperGroup):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Global options after the command are moved before it here, where both a run and
        # shell completion (which parses leniently, as the run would) go through.
        from pmroles.arguments import MissingValue, hoist
        from pmroles.surface import COMMANDS, GLOBAL

        try:
            args = hoist(args, GLOBAL, COMMANDS)
            ctx.meta["pmroles.args"] = list(args)  # an SVG's title (see pmroles.render.report)
        except MissingValue as missing:
            if not ctx.resilient_parsing:
                raise click.BadOptionUsage(missing.option, str(missing), ctx) from None
            # Completing its value (`pmroles show --catalogue <Tab>`): first, the option
            # takes the command's name and leaves Click completing the option, with files.
            args = [args[-1], *args[:-1]]
        return super().parse_args(ctx, args)

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        # Typer registers its own completion classes while it builds the command, so pmroles'
        # own go in here, just before Click picks one for the shell asking.
        _use_inert_completion()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (PmrolesError, KeyboardInterrupt) as error:
            raise _Ended(error) from None


app = typer.Typer(
    cls=_Group,
    name="pmroles",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(frozen=True)
class Settings:
    no_color: bool = False
    catalogues: tuple[Path, ...] = ()
    no_builtin: bool = False
    pager: bool = True
    quiet: bool = False
    sourced_only: bool = False


def _print_version(value: bool) -> None:
    if value:
        write(sys.stdout, f"pmroles {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour or styles, whatever the terminal.")
    ] = False,
    catalogue: Annotated[
        list[Path] | None,
        typer.Option(
            "--catalogue",
            "--catalog",
            help="A catalogue file layered over the built-in one (repeatable; later wins). "
            "PMROLES_CATALOGUE names more, separated like PATH.",
            show_default=False,
        ),
    ] = None,
    no_builtin: Annotated[
        bool,
        typer.Option(
            "--no-builtin",
            help="Use only the files named by --catalogue and PMROLES_CATALOGUE.",
        ),
    ] = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never send output through a pager.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No warnings about the catalogue or the config file."),
    ] = False,
    sourced_only: Annotated[
        bool,
        typer.Option(
            "--sourced-only",
            help="Only what the articles say: leave out the editorial items (marked *).",
        ),
    ] = False,
) -> None:
    """Example: pmroles compare bpm tpm

    Explain and compare the roles around a product (product manager, technical and business
    PM, product owner, product marketing, project manager, ...), citing the article behind
    each point.
    """
    # The options are read where they are needed, through _settings: see there.


def _settings(ctx: click.Context) -> Settings:
    # Read the parsed global options rather than ctx.obj: during shell completion Click
    # parses them but never runs the callback that would set ctx.obj.
    params = ctx.find_root().params
    return Settings(
        no_color=bool(params.get("no_color")),
        catalogues=tuple(Path(p) for p in params.get("catalogue") or ()),
        no_builtin=bool(params.get("no_builtin")),
        pager=not params.get("no_pager"),
        quiet=bool(params.get("quiet")),
        sourced_only=bool(params.get("sourced_only")),
    )


def _stack(ctx: click.Context) -> Stack:
    from pmroles.catalogue.stack import stack_for

    settings = _settings(ctx)
    return stack_for(settings.catalogues, no_builtin=settings.no_builtin, environ=os.environ)


def _catalogue(ctx: click.Context) -> Catalogue:
    """The layered catalogue, loaded once per process; its warnings go to stderr."""
    root = ctx.find_root()
    loaded: Catalogue | None = root.meta.get("pmroles.catalogue")
    if loaded is None:
        from pmroles.catalogue.paths import config_warning
        from pmroles.catalogue.stack import load_cached
        from pmroles.notices import warning_text

        stack = _stack(ctx)
        # Completing a word must print nothing else.
        speak = not (root.resilient_parsing or _settings(ctx).quiet)
        skipped = config_warning(os.environ) if stack.builtin and speak else None
        if skipped is not None:
            write(sys.stderr, _inert(skipped) + "\n")  # before any error the load may raise
        loaded, warnings = load_cached(stack, os.environ)
        if warnings and speak:
            write(sys.stderr, warning_text(warnings))
        if _settings(ctx).sourced_only:
            from pmroles.model import sourced_only

            loaded = sourced_only(loaded)
        root.meta["pmroles.catalogue"] = loaded
    return loaded


# -- output ----------------------------------------------------------------------------------

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default), json, yaml, markdown, csv, html or text.",
        case_sensitive=False,
        show_default=False,
        autocompletion=_complete_format,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        help="Write to FILE instead of the terminal, in the format its suffix names: .md, "
        ".html, .txt, .svg (a picture of the table), .json, .yaml or .csv.",
        metavar="FILE",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the --export file.")]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=30,
        metavar="N",
        help="Columns of --format text and of a .txt or .svg export (default 100), or of the "
        "table (default: the terminal's).",
        show_default=False,
    ),
]
ThemeOption = Annotated[
    Theme | None,
    typer.Option(
        "--theme",
        help="Colours of an .svg export: light (default) or dark.",
        case_sensitive=False,
        show_default=False,
    ),
]


class _Shown(NamedTuple):
    """The output options as given: --format, --json, --export, --force, --width, --theme."""

    chosen: OutputFormat | None
    as_json: bool
    export: Path | None = None
    force: bool = False
    width: int | None = None
    theme: Theme | None = None


def _output(ctx: click.Context, shown: _Shown) -> Output:
    """The output the options ask for, or the usage error they make."""
    from pmroles.render.report import Output, chosen_format, window_title

    chosen, as_json, export, force, width, theme = shown
    try:
        fmt = chosen_format(
            None if chosen is None else chosen.value,
            as_json,
            None if export is None else str(export),
            None if theme is None else theme.value,
        )
    except UsageProblem as problem:
        if problem.param_hint is None:
            raise click.UsageError(str(problem), ctx) from None
        raise click.BadParameter(str(problem), ctx, param_hint=problem.param_hint) from None
    settings = _settings(ctx)
    words = ctx.find_root().meta.get("pmroles.args", [])
    return Output(
        fmt,
        export,
        force,
        settings.no_color,
        settings.pager,
        width,
        "light" if theme is None else theme.value,
        ctx.info_name or "",
        window_title(words) if export is not None and fmt == "svg" else "pmroles",
    )


def _run(
    ctx: click.Context, shown: _Shown | None, command: Callable[[commands.Load], Report]
) -> None:
    """Run `command` (a call into `pmroles.commands`, given the catalogue loader) and emit
    its report as the output options `shown` say; its usage problems become Click's."""
    from pmroles.render.report import Output, emit

    try:
        report = command(lambda: _catalogue(ctx))
        emit(report, Output(pager=_settings(ctx).pager) if shown is None else _output(ctx, shown))
    except UsageProblem as problem:  # a usage problem of the command's, or a form it lacks
        if problem.param_hint is None:
            raise click.UsageError(str(problem), ctx) from None
        raise click.BadParameter(str(problem), ctx, param_hint=problem.param_hint) from None


# -- completion ------------------------------------------------------------------------------


class _Offerable(ShellComplete):
    """Leaves out values no shell can be handed (see `pmroles.complete.offerable`)."""

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        items = super().get_completions(args, incomplete)
        return [item for item in items if offerable(str(item.value))]


class _Bash(_Offerable, typer_shells.BashComplete):
    pass


class _Zsh(_Offerable, typer_shells.ZshComplete):
    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        return zsh_answer((str(item.value), item.help or "") for item in items)


class _Fish(_Offerable, typer_shells.FishComplete):
    def format_completion(self, item: CompletionItem) -> str:
        return fish_line(str(item.value), item.help or "")


class _PowerShell(_Offerable, typer_shells.PowerShellComplete):
    def format_completion(self, item: CompletionItem) -> str:
        return powershell_line(str(item.value), item.help or "")


def _use_inert_completion() -> None:
    """Answer completion with Typer's formats but pmroles' own escaping (pmroles.complete,
    shared with the fast path): Typer's zsh escaping lets a description run shell code."""
    for shell_class, names in (
        (_Bash, ["bash"]),
        (_Zsh, ["zsh"]),
        (_Fish, ["fish"]),
        (_PowerShell, ["powershell", "pwsh"]),
    ):
        for name in names:
            add_completion_class(shell_class, name)


def _complete_role(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role ids starting with what was typed, each with the role's name as help."""
    catalogue = _catalogue(ctx)
    # A command taking several roles is not offered one it was given (`compare bpm <TAB>`).
    given = ctx.params.get("roles") or ()
    taken = set(given) if isinstance(given, (list, tuple)) else set()
    return [
        (r.id, r.name)
        for r in catalogue.roles.values()
        if typed(r.id, incomplete) and r.id not in taken
    ]


def _complete_stakeholder(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    catalogue = _catalogue(ctx)
    return [(s.id, s.name) for s in catalogue.stakeholders.values() if typed(s.id, incomplete)]


RoleArg = Annotated[
    str,
    typer.Argument(
        help="Role id, alias or full name (any case).",
        show_default=False,
        autocompletion=_complete_role,
    ),
]


# -- closed sets -----------------------------------------------------------------------------
# Options whose values come from a closed set (aspects, horizons, methods, markets, kinds of
# matrix) are checked by callbacks in pmroles.commands. Each one here is named after the one
# it calls, with a leading underscore: the surface names the function by that name, and the
# fast path runs it too, so both paths accept the same spellings.

_Given = TypeVar("_Given")
_Checked = TypeVar("_Checked")


def _checked(check: Callable[[_Given], _Checked], value: _Given) -> _Checked:
    """`check(value)`, with its usage problem reported as Click reports any bad value: exit 2,
    naming the option."""
    try:
        return check(value)
    except UsageProblem as problem:
        raise typer.BadParameter(str(problem)) from None


def _aspect_keys(value: list[str] | None) -> list[str] | None:
    return _checked(commands.aspect_keys, value)


def _horizon_values(value: list[str] | None) -> list[str] | None:
    return _checked(commands.horizon_values, value)


def _method_values(value: list[str] | None) -> list[str] | None:
    return _checked(commands.method_values, value)


def _market_values(value: list[str] | None) -> list[str] | None:
    return _checked(commands.market_values, value)


def _matrix_kind(value: str) -> str:
    return _checked(commands.matrix_kind, value)


def _offer(values: Iterable[str]) -> Callable[[str], list[str]]:
    """A completer of the values of a closed set that start with what was typed."""
    offered = tuple(values)

    def complete(incomplete: str) -> list[str]:
        return [value for value in offered if typed(value, incomplete)]

    return complete


def _complete_aspects(incomplete: str) -> list[tuple[str, str]]:
    """Aspect keys for the last of the comma-separated aspects typed so far, with labels."""
    done, comma, last = incomplete.rpartition(",")
    return [(done + comma + a.key, a.label) for a in ASPECTS if typed(a.key, last)]


def _complete_values_aspect(incomplete: str) -> list[tuple[str, str]]:
    """What `values` takes: every aspect but the summary, and the whole vocabulary."""
    from pmroles.answers.values import CONCEPTS

    offered = [(a.key, a.label) for a in ASPECTS if a.key != "summary"]
    offered.append((CONCEPTS, "The whole vocabulary"))
    return [(value, label) for value, label in offered if typed(value, incomplete)]


def _concepts_in(aspect: str) -> Callable[[click.Context, str], list[tuple[str, str]]]:
    """A completer of the ids of the concepts the roles' items in `aspect` name."""

    def complete(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
        choices = concept_choices(_catalogue(ctx), aspect)
        return [(ident, label) for ident, label in choices if typed(ident, incomplete)]

    return complete


# -- commands --------------------------------------------------------------------------------
# The parameter names are those of the functions in pmroles.commands: the fast path passes
# what it parsed to them by name.


@app.command(short_help="Show everything the catalogue says about one role.")
def show(
    ctx: typer.Context,
    role: RoleArg,
    sources: Annotated[
        bool, typer.Option("--sources", help="Add the article(s) behind each attribute.")
    ] = False,
    aspects: Annotated[
        list[str] | None,
        typer.Option(
            "--aspects",
            "-a",
            help="Only these aspects, in this order, comma-separated: keys or labels in any "
            'case (e.g. skills,"Day to day").',
            callback=_aspect_keys,
            autocompletion=_complete_aspects,
        ),
    ] = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles show tpm

    Show every attribute of one role: summary, focus, skills, interactions, goals, tools,
    background and more. ROLE is an id, an alias or the full name, in any case.
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(ctx, shown, lambda load: commands.show(load, role, sources, aspects))


@app.command(short_help="Compare roles side by side, aspect by aspect.")
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            help="Two or more roles (id, alias or name).",
            show_default=False,
            autocompletion=_complete_role,
        ),
    ],
    only_differences: Annotated[
        bool,
        typer.Option(
            "--only-differences", "-d", help="Hide the items every role lists, and aspects alike."
        ),
    ] = False,
    aspects: Annotated[
        list[str] | None,
        typer.Option(
            "--aspects",
            "-a",
            help="Only these aspects, comma-separated (e.g. focus,skills,tools).",
            callback=_aspect_keys,
            autocompletion=_complete_aspects,
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Every aspect side by side, and all the articles say.")
    ] = False,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles compare po pm "project manager"

    By default, one screen: each role's summary, what the source articles say about each
    pair (what they share, how they differ, who does what), and the aspects where the roles
    differ most. --full puts every aspect side by side, one row per aspect any of them has
    and one column per role, followed by all the articles say about each pair; --aspects
    shows just the aspects named, in that order.

    Items are compared by the concepts they name (pmroles values concepts): "=" marks an
    item every role names, "•" one only this role names and "~" one some of the others
    name too.

    Similarity, 0-100%, is a weighted mean of four things. (1) What the roles list: per
    aspect both have, the overlap of their concepts, each counting 1 when the other role
    names it, 0.5 when it names a broader or narrower one; editorial items count half;
    aspects weigh by what they say about the job (focus, skills, responsibilities and
    ownership most). Its weight, up to 4, grows with the evidence e (items on the thinner
    side): 4e/(e+12). (2) The dimensions market, method, horizon and orientation both
    state: the share of values in common, weight up to 1. (3) What the articles say about
    the pair, where they compare it: comparable 90%, complementary 55%, distinct 15%,
    weight 4. (4) A prior of 30% with weight 1, so little evidence stays near the middle.
    Confidence is high from 30 items or when the articles judge the pair, low under 10.
    Each score shows its strongest reasons, + raising it and - lowering it.
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(ctx, shown, lambda load: commands.compare(load, roles, only_differences, aspects, full))


@app.command(short_help="Write a job description starter for one role, in Markdown.")
def brief(
    ctx: typer.Context,
    role: RoleArg,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles brief po > po.md

    Write what a job description for ROLE starts from, as a document: the summary, the
    responsibilities, what success looks like, the skills, background and tools it asks
    for, who it works with and what they need, and how it differs from the roles the
    articles compare it with. Editorial items are marked; the articles are numbered
    footnotes. Markdown by default; --format html, text or json, or --export brief.html.
    """
    _run(
        ctx,
        _Shown(output, as_json, export, force, width, theme),
        lambda load: commands.brief(load, role),
    )


def _repeatable(flag: str, help_text: str, complete: Any = None, callback: Any = None) -> Any:
    return typer.Option(
        flag, help=help_text, show_default=False, autocompletion=complete, callback=callback
    )


# The person-describing options `list` filters by and `match` scores on.
StakeholderOption = Annotated[
    list[str] | None,
    _repeatable("--stakeholder", "A stakeholder: id, alias or name.", _complete_stakeholder),
]
SkillOption = Annotated[
    list[str] | None, _repeatable("--skill", "A skill.", _concepts_in("skills"))
]
ToolOption = Annotated[list[str] | None, _repeatable("--tool", "A tool.", _concepts_in("tools"))]
BackgroundOption = Annotated[
    list[str] | None,
    _repeatable("--background", "Training, degree or field.", _concepts_in("background")),
]
HorizonOption = Annotated[
    list[str] | None,
    _repeatable("--horizon", "short, medium or long (term).", _offer(Horizon), _horizon_values),
]
MethodOption = Annotated[
    list[str] | None,
    _repeatable(
        "--method", "agile, sequential or any (fits both).", _offer(Method), _method_values
    ),
]
MarketOption = Annotated[
    list[str] | None,
    _repeatable("--market", "b2c, b2b or b2g, in any case.", _offer(Market), _market_values),
]


@app.command(name="list", short_help="List roles, filtered by stakeholder, skill, tool and more.")
def list_roles(
    ctx: typer.Context,
    stakeholder: StakeholderOption = None,
    skill: SkillOption = None,
    tool: ToolOption = None,
    background: BackgroundOption = None,
    horizon: HorizonOption = None,
    method: MethodOption = None,
    market: MarketOption = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles list --stakeholder sales

    List the roles with their focus. Filters combine: a role must pass every option given,
    and any one value of an option given several times (--skill a --skill b means a or b).
    Matching forgives case, spacing, hyphens, plurals and word order; a value that matches
    nothing known gets "did you mean", and filters no role passes exit 1.
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(
        ctx,
        shown,
        lambda load: commands.list_roles(
            load, stakeholder, skill, tool, background, horizon, method, market
        ),
    )


@app.command(short_help="Search every role, stakeholder and comparison for some words.")
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for.", show_default=False)],
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles search "market analysis"

    Search every attribute of every role, every stakeholder and every curated comparison.
    A phrase matches when it holds all the words searched for (any order, plurals and case
    ignored). Hits rank names and aliases first, then summaries and focus, then the rest;
    an exact phrase and a short phrase rank higher. No hit exits 1.
    """
    _run(
        ctx,
        _Shown(output, as_json, export, force, width, theme),
        lambda load: commands.search(load, text),
    )


@app.command(short_help="Rank the other roles by how much they have in common with one.")
def similar(
    ctx: typer.Context,
    role: RoleArg,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles similar tpm

    Rank every other role by overall similarity to ROLE (the score `compare` gives the
    pair: mean Jaccard over the list aspects both have) and show what drives each score:
    the stakeholders, skills, tools and other items both list.
    """
    _run(
        ctx,
        _Shown(output, as_json, export, force, width, theme),
        lambda load: commands.similar(load, role),
    )


@app.command(short_help="Rank the roles by how well they fit your skills and background.")
def match(
    ctx: typer.Context,
    skill: SkillOption = None,
    background: BackgroundOption = None,
    stakeholder: StakeholderOption = None,
    tool: ToolOption = None,
    horizon: HorizonOption = None,
    method: MethodOption = None,
    market: MarketOption = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            help="Show at most N of the roles that fit (default 5).",
            metavar="N",
            show_default=False,
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Show every role, those that fit nothing included.")
    ] = False,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles match --skill "market analysis" --background economics

    Rank the roles by how well they fit your answers (each option repeatable, at least one
    needed), with what matched where, and what the role also needs that you did not mention.

    Your words are read as concepts: a skill, tool or background that is a name of a concept
    ('coding', 'SQL') stands for it, otherwise for the concepts it mentions; one that names
    none is matched by its words alone (all of them in one item, any order; case, plurals and
    small words do not count). An answer known in neither way is left out with a warning and "did
    you mean"; when none of your answers is known, match exits 1.

    Scoring: each answer is looked for in its own aspect of every role (a skill in skills, a
    tool in tools, a background in background, a stakeholder in interactions, a horizon,
    method or market in those), and at half weight in others: a skill in focus,
    responsibilities, day to day, goals, outcomes and the areas the role is accountable for
    or contributes to; a tool in day to day, skills and responsibilities; a background in
    skills and career path. An item earns that weight times how near its concept is to the
    answer's (1 the same concept, 0.5 a broader or narrower one; the mean when the answer
    names several), or the full weight when it holds every word of the answer. Stakeholders,
    horizons,
    methods and markets earn 1 on an exact match; a role whose method is 'any' fits every
    method. An answer's credit is its best item's; the score is the mean credit over the
    known answers, from 0 to 1. Equal scores are ranked by evidence (what all the role's
    matching items earn together, editorial items half), then by role id.

    Shown: the roles that fit at all, best first, at most 5 (--top N: at most N; --all:
    every role, 0% included); every format holds the same roles. When no role fits, match
    exits 1 (not with --all).
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(
        ctx,
        shown,
        lambda load: commands.match(
            load, skill, background, stakeholder, tool, horizon, method, market, top, every
        ),
    )


@app.command(short_help="Draw roles against stakeholders or responsibilities.")
def matrix(
    ctx: typer.Context,
    roles: Annotated[
        list[str] | None,
        typer.Argument(
            help="The roles to draw, in this order (id, alias or name); all by default.",
            show_default=False,
            autocompletion=_complete_role,
        ),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="stakeholder (who works with whom) or responsibility, in any case.",
            metavar="[stakeholder|responsibility]",
            callback=_matrix_kind,
            autocompletion=_offer(MatrixKind),
        ),
    ] = MatrixKind.STAKEHOLDER.value,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles matrix --by responsibility

    Draw roles (all, or those named) against the stakeholders they work with, or with --by
    responsibility against areas of responsibility (strategy, roadmap, requirements,
    go-to-market, messaging, pricing, P&L, backlog, delivery schedule, ...): ● where the
    role is accountable or works with the group, ○ where it contributes. Roles head the
    columns by id; when that is too wide for the terminal, by short codes with a key below,
    then in several tables, and on a very narrow screen as one list per role.
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(ctx, shown, lambda load: commands.matrix(load, roles, by))


@app.command(
    name="map",
    short_help="Place every role between business and technical, tactical and strategic.",
)
def role_map(
    ctx: typer.Context,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=30,
            metavar="N",
            help="Columns of the picture (default: the terminal's, at most 100; 100 in "
            "--format text and an export).",
            show_default=False,
        ),
    ] = None,
    height: Annotated[int, typer.Option("--height", min=5, help="Rows of the picture.")] = 16,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles map

    Draw every role on two axes: business <-> technical orientation across, short-term and
    tactical <-> long-term and strategic up. Positions come from each role's orientation
    and horizon in the catalogue (both cited); roles missing either are listed, not
    guessed. --format json gives the coordinates (x from -1 business to 1 technical, y
    from 0 short-term to 1 long-term).
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(ctx, shown, lambda load: commands.role_map(load, width, height))


@app.command(short_help="List stakeholders, or show one and the roles that work with it.")
def stakeholders(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="A stakeholder id, alias or name; omit to list them all.",
            autocompletion=_complete_stakeholder,
        ),
    ] = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles stakeholders sales

    Without NAME, list every stakeholder group and the roles that work with it. With NAME,
    show what that group needs from product roles and which roles work with it.
    """
    shown = _Shown(output, as_json, export, force, width, theme)
    _run(ctx, shown, lambda load: commands.stakeholders(load, name))


@app.command(short_help="Check a catalogue file and print every problem with its position.")
def validate(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="The catalogue to check; omit to check the built-in one."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1 on any).")
    ] = False,
    output: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Example: pmroles validate ours.yaml

    Check a catalogue and print each problem as file:line:col: field.path: message, with
    "did you mean" for misspelt keys. FILE is checked as a layer over the catalogues in use
    (the built-in one, your config file, PMROLES_CATALOGUE, --catalogue), so it may refer
    to and extend their roles. Without FILE, the built-in catalogue is checked. Exits 0
    when valid, 1 on errors (or, with --strict, warnings).
    """
    _run(ctx, _Shown(output, as_json), lambda load: commands.validate(load, file, strict))


@app.command(short_help="Say which file and line each part of a role comes from.")
def which(
    ctx: typer.Context,
    role: RoleArg,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles --catalogue ours.yaml which tpm

    Show where ROLE is defined and, for its name, aliases and every attribute, the file,
    line and column it was written at. With layered catalogues an extended role mixes
    files: each attribute points at the file that last set it.
    """
    _run(
        ctx,
        _Shown(output, as_json, export, force, width, theme),
        lambda load: commands.which(load, role),
    )


@app.command(short_help="Count each role's items by article, and the editorial ones.")
def sources(
    ctx: typer.Context,
    role: Annotated[
        str | None,
        typer.Argument(
            help="Role id, alias or full name (any case); omit for every role.",
            show_default=False,
            autocompletion=_complete_role,
        ),
    ] = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles sources po

    For every role (or ROLE), how many of its items each source article backs and how many
    are editorial: pmroles' own summary of common practice where the articles are silent,
    which --sourced-only leaves out. An item is one entry of one aspect (a summary is one);
    an item two articles back counts under each. The table heads each article's column with
    its source id; --format json also lists every source's title, author and publisher, and
    counts each stakeholder's needs the same way.
    """
    _run(
        ctx,
        _Shown(output, as_json, export, force, width, theme),
        lambda load: commands.sources(load, role),
    )


@app.command(short_help="List the concepts and values the roles use, per aspect.")
def values(
    ctx: typer.Context,
    aspect: Annotated[
        str | None,
        typer.Argument(
            help="An aspect key or label (skills, tools, background, stakeholders, method, "
            "...), or 'concepts' for the whole vocabulary; omit for an overview.",
            show_default=False,
            autocompletion=_complete_values_aspect,
        ),
    ] = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
    width: WidthOption = None,
    theme: ThemeOption = None,
) -> None:
    """Example: pmroles values skills

    What you can type for --skill, --tool, --background and the other filters: the
    concepts the roles' items name (with the other words that mean the same), the fixed
    values, and items that name no concept, each with how many roles use it, most used
    first. Without ASPECT, an overview of every aspect; 'concepts' lists the whole
    vocabulary with each concept's broader concept.
    """
    _run(
        ctx,
        _Shown(output, as_json, export, force, width, theme),
        lambda load: commands.values(load, aspect),
    )


@app.command(short_help="Write a browsable static site of every role, to open or publish.")
def site(
    ctx: typer.Context,
    directory: Annotated[
        Path,
        typer.Argument(
            help="The directory to write the site to (created if missing).",
            metavar="DIR",
            show_default=False,
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Write into DIR even if it holds files pmroles site did not write."
        ),
    ] = False,
) -> None:
    """Example: pmroles site roles-site

    Write the whole catalogue in use (the built-in one and your own files, as --catalogue,
    --no-builtin and --sourced-only say) as a static site: an index with a search box, a
    page per role, per stakeholder and per pair of roles, a compare picker, the matrices,
    the map and the sources, all linked to each other. It works from file:// and from any
    static host: no server, no network, relative links only; the same catalogue gives the
    same files. DIR is created if missing; a later run replaces the files it wrote and
    removes those no longer in the site. A non-empty DIR that pmroles site did not write is
    refused unless --force, and nothing outside DIR is ever written or removed.
    """
    _run(ctx, None, lambda load: commands.site(load, directory, force))


@app.command(short_help="Write a starter catalogue of your own roles.")
def init(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The file to write, e.g. ours.yaml.")],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Example: pmroles init ours.yaml

    Write a commented starter catalogue to PATH: one role that extends a built-in one and
    one new role, ready to validate and to use with --catalogue. The JSON Schema that the
    file's first line names is written beside it as catalogue.schema.json, unless a file
    of that name is already there. PATH is never overwritten without --force, only a
    regular file is ever replaced, and both files are written whole or not at all.
    """
    _run(ctx, None, lambda _: commands.init(path, force))


@app.command(short_help="Print the catalogue's JSON Schema, for editors and other tools.")
def schema(ctx: typer.Context) -> None:
    """Example: pmroles schema > catalogue.schema.json

    Print the JSON Schema (draft-07) that describes a catalogue file. Editors with a YAML
    language server use it to check and complete catalogue files as you type.
    """
    _run(ctx, None, lambda _: commands.schema())


def main() -> NoReturn:
    """Console-script entry point: everything a user can cause ends without a traceback.

    Click's standalone mode is off so that `pmroles.exits` ends what runs outside a command
    (`--help`, `--version`, usage errors) by the same table as the commands' own errors.
    """
    try:
        # A fixed name, so `python -m pmroles` gives the same usage lines and completion
        # variable (_PMROLES_COMPLETE) as the installed script.
        status = app(prog_name="pmroles", standalone_mode=False)
    except (Exception, KeyboardInterrupt, SystemExit) as error:
        end(error)  # raised again when the table has no row for it
    # Without standalone mode Click returns, rather than raises, the status of a typer.Exit.
    sys.exit(status if isinstance(status, int) else ExitStatus.OK)
