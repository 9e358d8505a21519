"""The command line: parse arguments, call the core, print. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer
from typer.core import TyperGroup

from pmroles import __version__
from pmroles.errors import CatalogueError, PmrolesError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmroles.model import Catalogue


class ExitStatus:
    """Exit codes, as PRODUCT.md documents them."""

    OK = 0
    ERROR = 1
    USAGE = 2
    BROKEN_PIPE = 141
    INTERRUPTED = 130


class _UserError(click.ClickException):
    """A core error on its way to the user: one line on stderr and exit status 1."""

    exit_code = ExitStatus.ERROR

    def __init__(self, error: PmrolesError) -> None:
        from pmroles.render.text import inert

        self.error = error
        super().__init__(inert(str(error)))

    def show(self, file: Any = None) -> None:
        lines = (
            [str(p) for p in self.error.problems] if isinstance(self.error, CatalogueError) else []
        )
        from pmroles.render.text import inert

        for line in lines[1:]:
            click.echo(f"Error: {inert(line)}", err=True)
        click.echo(f"Error: {self.message}", err=True)


class _Interrupted(click.ClickException):
    exit_code = ExitStatus.INTERRUPTED

    def show(self, file: Any = None) -> None:
        click.echo("Interrupted.", err=True)


class _OutputError(click.ClickException):
    """stdout could not take the output (a full disk, a closed terminal)."""

    exit_code = ExitStatus.ERROR


class _Group(TyperGroup):
    """The one place where the core's errors become messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PmrolesError as error:
            raise _UserError(error) from None
        except KeyboardInterrupt:
            raise _Interrupted("interrupted") from None
        except BrokenPipeError:
            # The reader left (`| head -1`): stop quietly, with the status shells give SIGPIPE.
            _silence_stdout()
            raise typer.Exit(ExitStatus.BROKEN_PIPE) from None
        except OSError as error:
            if error.filename is not None:  # a file we opened, not the output stream
                raise
            _silence_stdout()
            raise _OutputError(f"cannot write the output: {error.strerror}") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file, e.g. under a test runner
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


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


def _print_version(value: bool) -> None:
    if value:
        click.echo(f"pmroles {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour or styles, whatever the terminal.")
    ] = False,
) -> None:
    """Example: pmroles compare bpm tpm

    Explain and compare the roles around a product (product manager, technical and business
    PM, product owner, product marketing, project manager, ...), citing the article behind
    each point.
    """
    ctx.obj = Settings(no_color=no_color or bool(os.environ.get("NO_COLOR")))


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_object(Settings)
    return obj if obj is not None else Settings()


def _catalogue(ctx: typer.Context) -> Catalogue:
    from pmroles.loader import load_builtin

    return load_builtin()


def _print(ctx: typer.Context, renderable: RenderableType) -> None:
    from pmroles.render.console import make_console, render

    click.echo(render(make_console(no_color=_settings(ctx).no_color), renderable), nl=False)


RoleArg = Annotated[
    str, typer.Argument(help="Role id, alias or full name (any case).", show_default=False)
]


@app.command(short_help="Show everything the catalogue says about one role.")
def show(
    ctx: typer.Context,
    role: RoleArg,
    sources: Annotated[
        bool, typer.Option("--sources", help="Add the article(s) behind each attribute.")
    ] = False,
) -> None:
    """Example: pmroles show tpm

    Show every attribute of one role: summary, focus, skills, interactions, goals, tools,
    background and more. ROLE is an id, an alias or the full name, in any case.
    """
    from pmroles.query import find_role
    from pmroles.render.tables import role_table

    catalogue = _catalogue(ctx)
    _print(ctx, role_table(find_role(catalogue, role), catalogue, with_sources=sources))


@app.command(short_help="Compare roles side by side, aspect by aspect.")
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str], typer.Argument(help="Two or more roles (id, alias or name).", show_default=False)
    ],
) -> None:
    """Example: pmroles compare bpm tpm

    Put two or more roles side by side: one row per aspect, one column per role, followed by
    what the source articles say about the pair (what they share, where each stands out, how
    responsibilities split).
    """
    from pmroles.compare import compare as compare_roles
    from pmroles.query import find_role
    from pmroles.render.tables import comparison_view

    if len(roles) < 2:
        raise typer.BadParameter("name at least two roles to compare", param_hint="ROLES")
    catalogue = _catalogue(ctx)
    found = tuple(find_role(catalogue, name) for name in roles)
    _print(ctx, comparison_view(compare_roles(catalogue, found), catalogue))


@app.command(name="list", short_help="List roles, optionally those working with a stakeholder.")
def list_roles(
    ctx: typer.Context,
    stakeholder: Annotated[
        str | None,
        typer.Option(
            "--stakeholder", "-s", help="Only roles that work with this stakeholder (id or name)."
        ),
    ] = None,
) -> None:
    """Example: pmroles list --stakeholder sales

    List the roles in the catalogue with their focus. With --stakeholder, only the roles that
    work with that group (sales, marketing, engineering, legal, ...).
    """
    from pmroles.query import find_stakeholder, roles_working_with
    from pmroles.render.tables import roles_table

    catalogue = _catalogue(ctx)
    if stakeholder is None:
        _print(ctx, roles_table(catalogue.roles.values(), "Roles"))
        return
    group = find_stakeholder(catalogue, stakeholder)
    found = roles_working_with(catalogue, group)
    if not found:
        raise _NoMatch(f"no role works with {group.name} ({group.id})")
    _print(ctx, roles_table(found, f"Roles that work with {group.name}"))


class _NoMatch(PmrolesError):
    """A valid question with no answer: exit 1 so scripts can tell."""


def main() -> NoReturn:
    """Console-script entry point: everything a user can cause ends without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(ExitStatus.INTERRUPTED)
    sys.exit(ExitStatus.OK)
