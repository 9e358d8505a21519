"""The command line: parse arguments, call the core, print. Nothing else lives here.

Heavy modules (Rich, YAML, the loader) are imported inside the commands that use them, so
`--help`, `--version` and tab completion never pay for them.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer
from click.shell_completion import CompletionItem, ShellComplete, add_completion_class
from typer import _completion_classes as typer_shells
from typer.core import TyperGroup

from pmroles import __version__
from pmroles.complete import fish_line, offerable, powershell_line, zsh_answer
from pmroles.errors import CatalogueError, PmrolesError
from pmroles.exits import ExitStatus, silence_stdout, write

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmroles.catalogues import Stack
    from pmroles.model import Catalogue
    from pmroles.render.formats import Tabular


class OutputFormat(enum.StrEnum):
    # Mirrors pmroles.render.formats.OutputFormat; kept here so parsing needs no render import.
    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"
    CSV = "csv"


def _inert(text: str) -> str:
    from pmroles.render.text import inert

    return inert(text)


class _UserError(click.ClickException):
    """A core error on its way to the user: one line per problem on stderr, exit status 1."""

    exit_code = ExitStatus.ERROR

    def __init__(self, error: PmrolesError) -> None:
        self.error = error
        super().__init__(_inert(str(error)))

    def show(self, file: Any = None) -> None:
        problems = self.error.problems if isinstance(self.error, CatalogueError) else ()
        lines = [_inert(str(p)) for p in problems] or [self.message]
        write(sys.stderr, "".join(f"Error: {line}\n" for line in lines))


class _Interrupted(click.ClickException):
    exit_code = ExitStatus.INTERRUPTED

    def show(self, file: Any = None) -> None:
        write(sys.stderr, "Interrupted.\n")


class _OutputError(click.ClickException):
    """stdout could not take the output (a full disk, a closed terminal)."""

    exit_code = ExitStatus.ERROR


class _Group(TyperGroup):
    """The one place where the core's errors become messages and exit codes."""

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
        except PmrolesError as error:
            raise _UserError(error) from None
        except KeyboardInterrupt:
            raise _Interrupted("interrupted") from None
        except BrokenPipeError:
            # The reader left (`| head -1`): stop quietly, with the status shells give SIGPIPE.
            silence_stdout()
            raise typer.Exit(ExitStatus.BROKEN_PIPE) from None
        except OSError as error:
            if error.filename is not None:  # a file we opened, not the output stream
                raise
            silence_stdout()
            raise _OutputError(f"cannot write the output: {error.strerror}") from None


app = typer.Typer(
    cls=_Group,
    name="pmroles",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    no_color: bool = False
    catalogues: tuple[Path, ...] = ()
    no_builtin: bool = False


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
    )


def _stack(ctx: click.Context) -> Stack:
    from pmroles.catalogues import stack_for

    settings = _settings(ctx)
    return stack_for(settings.catalogues, no_builtin=settings.no_builtin, environ=os.environ)


def _catalogue(ctx: click.Context) -> Catalogue:
    """The layered catalogue, loaded once per process; its warnings go to stderr."""
    root = ctx.find_root()
    loaded: Catalogue | None = root.meta.get("pmroles.catalogue")
    if loaded is None:
        from pmroles.catalogues import load_cached

        loaded, warnings = load_cached(_stack(ctx), os.environ)
        if not root.resilient_parsing:  # completing a word must print nothing else
            for warning in warnings:
                write(sys.stderr, _inert(str(warning)) + "\n")
        root.meta["pmroles.catalogue"] = loaded
    return loaded


# -- output ----------------------------------------------------------------------------------

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default), json, yaml, markdown or csv.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
ExportOption = Annotated[
    Path | None,
    typer.Option(
        "--export",
        help="Also write what the terminal shows to FILE.svg, FILE.html or FILE.txt.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the --export file.")]
EXPORT_SUFFIXES = (".svg", ".html", ".htm", ".txt")


def _format(chosen: OutputFormat | None, as_json: bool) -> OutputFormat:
    if as_json and chosen not in (None, OutputFormat.JSON):
        raise click.UsageError(f"--json and --format {chosen.value} disagree; give one")
    return OutputFormat.JSON if as_json else (chosen or OutputFormat.TABLE)


def _emit(
    ctx: click.Context,
    chosen: OutputFormat | None,
    as_json: bool,
    *,
    view: Callable[[], RenderableType],
    document: Callable[[], Any],
    tabular: Callable[[], Tabular],
    export: Path | None = None,
    force: bool = False,
) -> None:
    """Print a result in the chosen format; only the table passes through Rich."""
    fmt = _format(chosen, as_json)
    if export is not None and fmt is not OutputFormat.TABLE:
        raise click.UsageError(f"--export writes the table; it cannot go with --format {fmt.value}")
    if export is not None and export.suffix.lower() not in EXPORT_SUFFIXES:
        raise click.BadParameter(
            f"{_inert(str(export))!r} should end in {', '.join(EXPORT_SUFFIXES)}",
            param_hint="--export",
        )
    if fmt is OutputFormat.TABLE:
        from pmroles.render.console import make_console, render

        console = make_console(no_color=_settings(ctx).no_color, record=export is not None)
        # Rich alone decides about colour (NO_COLOR, FORCE_COLOR, TERM, a terminal or not).
        text = render(console, view())
        if export is not None:
            from pmroles.files import write_atomic
            from pmroles.render.console import exported

            write_atomic(export, exported(console, export.suffix.lower()), overwrite=force)
        write(sys.stdout, text)
        return
    from pmroles.render import formats

    if fmt is OutputFormat.JSON:
        text = formats.to_json(document())
    elif fmt is OutputFormat.YAML:
        text = formats.to_yaml(document())
    elif fmt is OutputFormat.CSV:
        text = formats.to_csv(tabular())
    else:
        text = formats.to_markdown(tabular())
    write(sys.stdout, text)


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
    typed = incomplete.casefold()
    return [(r.id, r.name) for r in catalogue.roles.values() if r.id.casefold().startswith(typed)]


def _complete_stakeholder(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    catalogue = _catalogue(ctx)
    typed = incomplete.casefold()
    return [
        (s.id, s.name) for s in catalogue.stakeholders.values() if s.id.casefold().startswith(typed)
    ]


RoleArg = Annotated[
    str,
    typer.Argument(
        help="Role id, alias or full name (any case).",
        show_default=False,
        autocompletion=_complete_role,
    ),
]


# -- commands --------------------------------------------------------------------------------


@app.command(short_help="Show everything the catalogue says about one role.")
def show(
    ctx: typer.Context,
    role: RoleArg,
    sources: Annotated[
        bool, typer.Option("--sources", help="Add the article(s) behind each attribute.")
    ] = False,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles show tpm

    Show every attribute of one role: summary, focus, skills, interactions, goals, tools,
    background and more. ROLE is an id, an alias or the full name, in any case.
    """
    from pmroles.query import find_role
    from pmroles.render import documents

    catalogue = _catalogue(ctx)
    found = find_role(catalogue, role)

    def view() -> RenderableType:
        from pmroles.render.tables import role_table

        return role_table(found, catalogue, with_sources=sources)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: documents.show_document(found, catalogue),
        export=export,
        force=force,
        tabular=lambda: documents.show_tabular(found),
    )


def _aspect_keys(value: list[str] | None) -> list[str] | None:
    """Parse `--aspects focus,skills` (repeatable, comma-separated) and check every key."""
    if not value:
        return None
    from pmroles.matching import suggest
    from pmroles.model import ASPECT_BY_KEY

    keys = [part.strip().replace("-", "_") for item in value for part in item.split(",")]
    for key in keys:
        if key not in ASPECT_BY_KEY:
            hint = suggest(key, ASPECT_BY_KEY)
            tip = f"; did you mean {hint[0]!r}?" if hint else ""
            raise typer.BadParameter(f"unknown aspect {key!r}{tip}")  # repr shows controls
    return keys


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
        bool, typer.Option("--only-differences", "-d", help="Hide aspects where all roles agree.")
    ] = False,
    aspects: Annotated[
        list[str] | None,
        typer.Option(
            "--aspects",
            "-a",
            help="Only these aspects, comma-separated (e.g. focus,skills,tools).",
            callback=_aspect_keys,
        ),
    ] = None,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles compare po pm "project manager"

    Put two or more roles side by side: one row per aspect any of them has, one column per
    role, followed by what the source articles say about each pair (what they share, where
    each stands out, how responsibilities split).

    In list aspects, "=" marks an item every role lists, "•" one only this role lists and
    "~" one some of the others list too. Similarity is Jaccard over normalised items (case,
    hyphens, plurals, word order and small words ignored): items all roles list divided by
    items any of them lists. The overall score is the mean over the list aspects every
    compared role has, so what the articles leave unsaid does not count as a difference.
    """
    from pmroles.compare import compare as compare_roles
    from pmroles.query import find_role
    from pmroles.render import documents

    if len(roles) < 2:
        raise typer.BadParameter("name at least two roles to compare", param_hint="ROLES")
    catalogue = _catalogue(ctx)
    found = [find_role(catalogue, name) for name in roles]
    result = compare_roles(catalogue, found, aspects, only_differences=only_differences)

    def view() -> RenderableType:
        from pmroles.render.tables import comparison_view

        return comparison_view(result, catalogue)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: documents.compare_document(result),
        export=export,
        force=force,
        tabular=lambda: documents.compare_tabular(result),
    )


def _repeatable(flag: str, help_text: str, complete: Any = None) -> Any:
    return typer.Option(flag, help=help_text, show_default=False, autocompletion=complete)


# The person-describing options `list` filters by and `match` scores on.
StakeholderOption = Annotated[
    list[str] | None,
    _repeatable("--stakeholder", "A stakeholder: id, alias or name.", _complete_stakeholder),
]
SkillOption = Annotated[list[str] | None, _repeatable("--skill", "A skill.")]
ToolOption = Annotated[list[str] | None, _repeatable("--tool", "A tool.")]
BackgroundOption = Annotated[
    list[str] | None, _repeatable("--background", "Training, degree or field.")
]
HorizonOption = Annotated[
    list[str] | None, _repeatable("--horizon", "short, medium or long (term).")
]
MethodOption = Annotated[
    list[str] | None, _repeatable("--method", "agile, sequential or any (fits both).")
]
MarketOption = Annotated[list[str] | None, _repeatable("--market", "b2c, b2b or b2g.")]


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
) -> None:
    """Example: pmroles list --stakeholder sales

    List the roles with their focus. Filters combine: a role must pass every option given,
    and any one value of an option given several times (--skill a --skill b means a or b).
    Matching forgives case, spacing, hyphens, plurals and word order; a value that matches
    nothing known gets "did you mean", and filters no role passes exit 1.
    """
    from pmroles.query import Filters, NoMatchError, filter_roles
    from pmroles.render import documents

    catalogue = _catalogue(ctx)
    filters = Filters(
        stakeholder=tuple(stakeholder or ()),
        skill=tuple(skill or ()),
        tool=tuple(tool or ()),
        background=tuple(background or ()),
        horizon=tuple(horizon or ()),
        method=tuple(method or ()),
        market=tuple(market or ()),
    )
    found = filter_roles(catalogue, filters)
    given = {k: v for k, v in filters.as_dict().items() if v}
    if not found and not given:
        raise NoMatchError("the catalogue defines no roles")
    if not found:
        described = " and ".join(f"{k} {' or '.join(map(repr, v))}" for k, v in given.items())
        raise NoMatchError(f"no role matches {described}")

    def view() -> RenderableType:
        from pmroles.render.tables import roles_table, roles_title

        return roles_table(found, roles_title(catalogue, given))

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: documents.list_document(found, given),
        export=export,
        force=force,
        tabular=lambda: documents.list_tabular(found),
    )


@app.command(short_help="Search every role, stakeholder and comparison for some words.")
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for.", show_default=False)],
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles search "market analysis"

    Search every attribute of every role, every stakeholder and every curated comparison.
    A phrase matches when it holds all the words searched for (any order, plurals and case
    ignored). Hits rank names and aliases first, then summaries and focus, then the rest;
    an exact phrase and a short phrase rank higher. No hit exits 1.
    """
    from pmroles.query import NoMatchError
    from pmroles.render import documents
    from pmroles.search import search as run_search

    if not text.strip():
        raise typer.BadParameter("give some words to search for", param_hint="TEXT")
    catalogue = _catalogue(ctx)
    hits = run_search(catalogue, text)
    if not hits:
        raise NoMatchError(f"nothing matches {text!r}")

    def view() -> RenderableType:
        from pmroles.render.tables import search_table

        return search_table(hits, text)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: documents.search_document(text, hits),
        export=export,
        force=force,
        tabular=lambda: documents.search_tabular(hits),
    )


@app.command(short_help="Rank the other roles by how much they have in common with one.")
def similar(
    ctx: typer.Context,
    role: RoleArg,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles similar tpm

    Rank every other role by overall similarity to ROLE (the score `compare` gives the
    pair: mean Jaccard over the list aspects both have) and show what drives each score:
    the stakeholders, skills, tools and other items both list.
    """
    from pmroles.compare import similar as rank_similar
    from pmroles.query import find_role
    from pmroles.render import documents

    catalogue = _catalogue(ctx)
    found = find_role(catalogue, role)
    ranked = rank_similar(catalogue, found)

    def view() -> RenderableType:
        from pmroles.render.tables import similar_table

        return similar_table(found, ranked, catalogue)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: documents.similar_document(found, ranked),
        export=export,
        force=force,
        tabular=lambda: documents.similar_tabular(ranked),
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
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles match --skill "market analysis" --background economics

    Rank every role by how well it fits your answers (each option repeatable, at least one
    needed), with what matched and what the role also needs that you did not mention.

    Scoring: each answer is looked for in one aspect of every role (a skill in its skills, a
    background in its training and background, a tool in its tools, a stakeholder in its
    interactions, a horizon, method or market in those). A phrase answer earns 1 when every
    content word is in one of the role's items (any order; case, plurals and small words do
    not count), otherwise the share of its words the best item has when that is at least
    half, otherwise 0. Stakeholders, horizons, methods and markets earn 1 on an exact match;
    a role whose method is 'any' fits every method. The score is the sum of credits divided
    by the number of distinct answers, from 0 to 1; ties are ranked by role id.
    """
    from pmroles.fit import Answers, match_document, match_tabular
    from pmroles.fit import match as rank
    from pmroles.render.formats import Tabular

    answers = Answers(
        skill=tuple(skill or ()),
        background=tuple(background or ()),
        stakeholder=tuple(stakeholder or ()),
        tool=tuple(tool or ()),
        horizon=tuple(horizon or ()),
        method=tuple(method or ()),
        market=tuple(market or ()),
    )
    if answers.is_empty():
        raise click.UsageError(
            "give at least one answer: --skill, --background, --stakeholder, --tool, "
            "--horizon, --method or --market"
        )
    catalogue = _catalogue(ctx)
    fits = rank(catalogue, answers)

    def view() -> RenderableType:
        from pmroles.render.pictures import fit_table

        return fit_table(fits, catalogue)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: match_document(answers, fits),
        export=export,
        force=force,
        tabular=lambda: Tabular(*match_tabular(fits)),
    )


class MatrixBy(enum.StrEnum):
    STAKEHOLDER = "stakeholder"
    RESPONSIBILITY = "responsibility"


@app.command(short_help="Draw roles against stakeholders or responsibilities.")
def matrix(
    ctx: typer.Context,
    by: Annotated[
        MatrixBy,
        typer.Option("--by", help="stakeholder (who works with whom) or responsibility."),
    ] = MatrixBy.STAKEHOLDER,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles matrix --by responsibility

    Draw every role against the stakeholders it works with, or with --by responsibility
    against areas of responsibility (strategy, roadmap, requirements, go-to-market,
    messaging, pricing, P&L, backlog, delivery schedule, ...): ● where the role is
    accountable or works with the group, ○ where it contributes. Only areas some role marks
    are drawn; the table turns on its side when the terminal is too narrow for it.
    """
    from pmroles import matrix as grids
    from pmroles.render.formats import Tabular

    catalogue = _catalogue(ctx)
    if by is MatrixBy.STAKEHOLDER:
        result = grids.stakeholder_matrix(catalogue)
    else:
        result = grids.responsibility_matrix(catalogue)

    def view() -> RenderableType:
        from pmroles.render.pictures import matrix_view

        return matrix_view(result)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: grids.matrix_document(result),
        export=export,
        force=force,
        tabular=lambda: Tabular(*grids.matrix_tabular(result)),
    )


@app.command(
    name="map",
    short_help="Place every role between business and technical, tactical and strategic.",
)
def role_map(
    ctx: typer.Context,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", min=30, help="Columns of the picture (default: the terminal's, at most 100)."
        ),
    ] = None,
    height: Annotated[int, typer.Option("--height", min=5, help="Rows of the picture.")] = 16,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles map

    Draw every role on two axes: business <-> technical orientation across, short-term and
    tactical <-> long-term and strategic up. Positions come from each role's orientation
    and horizon in the catalogue (both cited); roles missing either are listed, not
    guessed. --format json gives the coordinates (x from -1 business to 1 technical, y
    from 0 short-term to 1 long-term).
    """
    from pmroles import rolemap
    from pmroles.render.formats import Tabular

    catalogue = _catalogue(ctx)
    result = rolemap.role_map(catalogue)
    names = {role.id: role.name for role in catalogue.roles.values()}

    def view() -> RenderableType:
        from pmroles.render.console import make_console
        from pmroles.render.pictures import map_view

        columns = width or min(make_console().width, 100)
        return map_view(result, max(columns, rolemap.MIN_WIDTH), height)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: rolemap.map_document(result),
        export=export,
        force=force,
        tabular=lambda: Tabular(*rolemap.map_tabular(result, names)),
    )


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
) -> None:
    """Example: pmroles stakeholders sales

    Without NAME, list every stakeholder group and the roles that work with it. With NAME,
    show what that group needs from product roles and which roles work with it.
    """
    from pmroles.query import find_stakeholder, roles_by_stakeholder
    from pmroles.render import documents

    catalogue = _catalogue(ctx)
    working = roles_by_stakeholder(catalogue)
    if name is None:

        def view_all() -> RenderableType:
            from pmroles.render.tables import stakeholders_table

            return stakeholders_table(catalogue, working)

        _emit(
            ctx,
            output,
            as_json,
            view=view_all,
            document=lambda: documents.stakeholders_document(catalogue, working),
            export=export,
            force=force,
            tabular=lambda: documents.stakeholders_tabular(
                catalogue.stakeholders.values(), working
            ),
        )
        return
    group = find_stakeholder(catalogue, name)
    roles = working.get(group.id, [])

    def view_one() -> RenderableType:
        from pmroles.render.tables import stakeholder_view

        return stakeholder_view(group, roles, catalogue)

    _emit(
        ctx,
        output,
        as_json,
        view=view_one,
        document=lambda: {
            "version": 1,
            "stakeholder": documents.stakeholder_document(group, roles),
        },
        export=export,
        force=force,
        tabular=lambda: documents.stakeholders_tabular([group], working),
    )


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
    from pmroles.errors import Severity
    from pmroles.loader import builtin_catalogue_path, check_file
    from pmroles.query import NoMatchError
    from pmroles.render import documents

    path = file or builtin_catalogue_path()
    try:
        base = None if file is None else _catalogue(ctx)
        catalogue, problems = check_file(path, str(path), base)
    except CatalogueError as error:
        catalogue, problems = None, list(error.problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    valid = catalogue is not None and not errors and not (strict and warnings)
    fmt = _format(output, as_json)
    if fmt is OutputFormat.TABLE:
        # One line per problem, the form editors and CI logs link to.
        for problem in problems:
            write(sys.stdout, _inert(str(problem)) + "\n")
    else:
        _emit(
            ctx,
            fmt,
            False,
            view=lambda: "",
            document=lambda: documents.validate_document(str(path), valid, problems),
            tabular=lambda: documents.validate_tabular(problems),
        )
    if valid and catalogue is not None:
        counts = f"{len(catalogue.roles)} roles, {len(catalogue.stakeholders)} stakeholders"
        note = f", {warnings} warning(s)" if warnings else ""
        write(sys.stderr, f"{_inert(str(path))}: valid ({counts}{note})\n")
        return
    raise NoMatchError(f"{path}: {errors} error(s), {warnings} warning(s)")


@app.command(short_help="Say which file and line each part of a role comes from.")
def which(
    ctx: typer.Context,
    role: RoleArg,
    output: FormatOption = None,
    as_json: JsonOption = False,
    export: ExportOption = None,
    force: ForceOption = False,
) -> None:
    """Example: pmroles --catalogue ours.yaml which tpm

    Show where ROLE is defined and, for its name, aliases and every attribute, the file,
    line and column it was written at. With layered catalogues an extended role mixes
    files: each attribute points at the file that last set it.
    """
    from pmroles.query import find_role
    from pmroles.render import documents

    found = find_role(_catalogue(ctx), role)

    def view() -> RenderableType:
        from pmroles.render.tables import origins_table

        return origins_table(found)

    _emit(
        ctx,
        output,
        as_json,
        view=view,
        document=lambda: documents.which_document(found),
        export=export,
        force=force,
        tabular=lambda: documents.which_tabular(found),
    )


@app.command(short_help="Write a starter catalogue of your own roles.")
def init(
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
    from pmroles.files import Write, is_directory, write_all
    from pmroles.loader import schema_text
    from pmroles.starter import STARTER

    if not str(path).strip() or is_directory(path):
        raise typer.BadParameter("name a file to write, e.g. ours.yaml", param_hint="PATH")

    write_all(
        [
            Write(path, STARTER.encode("utf-8"), overwrite=force),
            Write(
                path.parent / "catalogue.schema.json",
                schema_text().encode("utf-8"),
                keep_existing=True,
            ),
        ]
    )
    shown = _inert(str(path))
    write(sys.stderr, f"Wrote {shown}; check it with: pmroles validate {shown}\n")


@app.command(short_help="Print the catalogue's JSON Schema, for editors and other tools.")
def schema() -> None:
    """Example: pmroles schema > catalogue.schema.json

    Print the JSON Schema (draft-07) that describes a catalogue file. Editors with a YAML
    language server use it to check and complete catalogue files as you type.
    """
    from pmroles.loader import schema_text

    write(sys.stdout, schema_text())


def main() -> NoReturn:
    """Console-script entry point: everything a user can cause ends without a traceback.

    Click's standalone mode is off so that this one place also ends what runs outside a
    command (`--help`, `--version`, usage errors) the same way `_Group.invoke` ends commands.
    """
    try:
        # A fixed name, so `python -m pmroles` gives the same usage lines and completion
        # variable (_PMROLES_COMPLETE) as the installed script.
        status = app(prog_name="pmroles", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except SystemExit:
        # Click ends a broken pipe while printing help with exit 1 even outside standalone
        # mode, after wrapping stdout to silence it; give the status shells give SIGPIPE.
        if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            sys.exit(ExitStatus.BROKEN_PIPE)
        raise
    except click.ClickException as error:
        # If stderr is gone too, the exit status still says what happened.
        with contextlib.suppress(OSError):
            error.show()
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, click.Abort):
        write(sys.stderr, "Interrupted.\n")
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(ExitStatus.BROKEN_PIPE)
    except OSError as error:
        if error.filename is not None:
            raise
        silence_stdout()
        write(sys.stderr, f"Error: cannot write the output: {error.strerror}\n")
        sys.exit(ExitStatus.ERROR)
    # Without standalone mode Click returns, rather than raises, the status of a typer.Exit.
    sys.exit(status if isinstance(status, int) else ExitStatus.OK)
