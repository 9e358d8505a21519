"""Every command, once: typed arguments in, a `Report` out. No Typer, no Click, no printing.

The full CLI (`pmroles.cli`) parses with Typer and calls these; the fast path
(`pmroles.fastpath`) parses the ordinary forms without Typer and calls the same functions;
both print with `pmroles.render.report.emit`. Parameter names are the command-line
parameters' names (the fast path passes them by name, see `pmroles.surface`).

`load` gives the layered catalogue; a command calls it only after checking its arguments,
so a usage problem is reported without loading anything. A usage problem is a
`UsageProblem`, which each parser reports in its own way. Heavy modules (the core's
queries, Rich, the documents) are imported inside the functions and views that use them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from pmroles.errors import UsageProblem
from pmroles.render.report import Report

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

    from pmroles.answers.values import AspectValues
    from pmroles.model import Catalogue
    from pmroles.render.page import Page
    from pmroles.render.report import RenderableType

Load = Callable[[], "Catalogue"]
Values = Sequence[str] | None
"""A repeatable option's values; None or empty when not given."""


def _names(catalogue: Catalogue) -> dict[str, str]:
    from pmroles.model import display_names

    return display_names(catalogue)


def _documents() -> ModuleType:
    from pmroles.render import documents

    return documents


def show(load: Load, role: str, sources: bool = False, aspects: Values = None) -> Report:
    """`aspects` are keys (as `aspect_keys` gives them): only those, in that order."""
    from pmroles.answers.query import find_role

    catalogue = load()
    found = find_role(catalogue, role)
    keys = list(aspects) if aspects else None

    def view() -> RenderableType:
        from pmroles.render.tables import role_table

        return role_table(found, catalogue, with_sources=sources, aspects=keys)

    return Report(
        view=view,
        document=lambda: _documents().show_document(found, catalogue, aspects=keys),
        tabular=lambda: _documents().show_tabular(found, aspects=keys),
        markdown=lambda: _documents().show_tabular(found, aspects=keys, names=_names(catalogue)),
        page=lambda: _pages().show_page(found, catalogue, aspects=keys),
        title=found.name,
    )


def _pages() -> ModuleType:
    from pmroles.render import pages

    return pages


def brief(load: Load, role: str) -> Report:
    """A job description starter for ROLE: Markdown by default, its page in every form."""
    from pmroles.answers.brief import brief as gather
    from pmroles.answers.query import find_role

    catalogue = load()
    found = gather(catalogue, find_role(catalogue, role))
    made: list[Page] = []

    def page() -> Page:
        if not made:
            made.append(_pages().brief_document_page(found, catalogue))
        return made[0]

    def text() -> str:
        from pmroles.render.markdown import page_markdown

        return page_markdown(page())

    return Report(
        text=text,
        document=lambda: _documents().brief_document(found, catalogue),
        page=page,
        title=found.role.name,
    )


# -- option values from closed sets ----------------------------------------------------------
# The callbacks of options whose values come from a closed set: the full CLI (through
# `pmroles.cli`) and the fast path (by the names in `pmroles.surface`) both run them, so
# both accept the same spellings and neither lets an unknown value reach a command.


def _closed(
    values: Values,
    choices: Mapping[str, Sequence[str]],
    kind: str,
    option: str,
    split: bool = False,
) -> list[str] | None:
    """Each value given, as the member of `choices` it names (order kept, repeats dropped);
    None when none was given. `split`: a value may name several, comma-separated."""
    if not values:
        return None
    from pmroles.matching import closed_value, unknown_value

    typed = [part.strip() for item in values for part in item.split(",")] if split else values
    if split:
        typed = [part for part in typed if part]  # `focus,` is focus; `--aspects ,` is none
        if not typed:
            valid = ", ".join(choices)
            raise UsageProblem(f"name at least one {kind}. Valid {kind}s: {valid}", option)
    chosen: list[str] = []
    for name in typed:
        value = closed_value(name, choices)
        if value is None:
            raise UsageProblem(unknown_value(kind, name, choices), option)
        chosen.append(value)
    return list(dict.fromkeys(chosen))


def aspect_keys(value: Values) -> list[str] | None:
    """`--aspects` (repeatable, comma-separated) as aspect keys: each part a key or a label in
    any case, with spaces, hyphens or underscores alike (see `pmroles.matching.aspect_key`)."""
    if not value:
        return None
    from pmroles.matching import ASPECT_NAMES

    return _closed(value, ASPECT_NAMES, "aspect", "--aspects", split=True)


def _choices(aspect: str) -> dict[str, tuple[str, ...]]:
    from pmroles.model import ASPECT_BY_KEY

    return dict.fromkeys(ASPECT_BY_KEY[aspect].choices, ())


def horizon_values(value: Values) -> list[str] | None:
    """`--horizon` values as horizons; `long term` and `short-term` are accepted too."""
    if not value:
        return None
    choices = {choice: (f"{choice} term",) for choice in _choices("horizon")}
    return _closed(value, choices, "horizon", "--horizon")


def method_values(value: Values) -> list[str] | None:
    """`--method` values as methods, in any case."""
    return _closed(value, _choices("method"), "method", "--method") if value else None


def market_values(value: Values) -> list[str] | None:
    """`--market` values as markets, in any case (`B2B`)."""
    return _closed(value, _choices("market"), "market", "--market") if value else None


def matrix_kind(value: str) -> str:
    """`--by` as a `pmroles.answers.matrix.MatrixKind` value, in any case, singular or plural."""
    from pmroles.answers.matrix import MatrixKind
    from pmroles.matching import closed_value, unknown_value

    kinds = dict.fromkeys((kind.value for kind in MatrixKind), ())
    chosen = closed_value(value, kinds)
    if chosen is None:
        raise UsageProblem(unknown_value("matrix", value, kinds, "matrices"), "--by")
    return chosen


def compare(
    load: Load,
    roles: Sequence[str],
    only_differences: bool = False,
    aspects: Values = None,
    full: bool = False,
) -> Report:
    """Without `full` (and without `aspects`), the one-screen view; see `comparison_view`."""
    from pmroles.answers.compare import compare as compare_roles
    from pmroles.answers.query import find_role

    if len(roles) < 2:
        raise UsageProblem("name at least two roles to compare", "ROLES")
    catalogue = load()
    found = [find_role(catalogue, name) for name in roles]
    result = compare_roles(
        catalogue, found, list(aspects) if aspects else None, only_differences=only_differences
    )

    def view() -> RenderableType:
        from pmroles.render.tables import comparison_view

        return comparison_view(result, catalogue, full=full, picked=bool(aspects))

    return Report(
        view=view,
        document=lambda: _documents().compare_document(result),
        tabular=lambda: _documents().compare_tabular(result),
        markdown=lambda: _documents().compare_tabular(result, _names(catalogue)),
        page=lambda: _pages().comparison_page(result, catalogue),
        title=" vs ".join(role.name for role in found),
    )


def list_roles(
    load: Load,
    stakeholder: Values = None,
    skill: Values = None,
    tool: Values = None,
    background: Values = None,
    horizon: Values = None,
    method: Values = None,
    market: Values = None,
) -> Report:
    from pmroles.answers.query import (
        Criteria,
        NoMatchError,
        broader_hint,
        filter_roles,
        interpret,
    )

    catalogue = load()
    filters = Criteria(
        stakeholder=tuple(stakeholder or ()),
        skill=tuple(skill or ()),
        tool=tuple(tool or ()),
        background=tuple(background or ()),
        horizon=tuple(horizon or ()),
        method=tuple(method or ()),
        market=tuple(market or ()),
    )
    found = filter_roles(catalogue, filters)
    given = filters.given()
    if not found and not given:
        raise NoMatchError("the catalogue defines no roles")
    if not found:
        described = " and ".join(f"{k} {' or '.join(map(repr, v))}" for k, v in given.items())
        raise NoMatchError(f"no role matches {described}{broader_hint(catalogue, filters)}")

    read_as = interpret(catalogue, filters)
    title = _roles_title(catalogue, given)

    def view() -> RenderableType:
        from pmroles.render.tables import roles_table

        return roles_table(found, title, read_as, catalogue)

    return Report(
        view=view,
        document=lambda: _documents().list_document(found, given, read_as),
        tabular=lambda: _documents().list_tabular(found),
        markdown=lambda: _documents().list_tabular(found, human=True),
        title=title,
    )


def _roles_title(catalogue: Catalogue, given: Mapping[str, Sequence[str]]) -> str:
    """The heading of `list`: what the roles were chosen by."""
    from pmroles.answers.query import find_stakeholder

    if list(given) == ["stakeholder"] and len(given["stakeholder"]) == 1:
        return f"Roles that work with {find_stakeholder(catalogue, given['stakeholder'][0]).name}"
    if given:
        return "Roles matching " + "; ".join(f"{k}: {', '.join(v)}" for k, v in given.items())
    return "Roles"


def search(load: Load, text: str) -> Report:
    from pmroles.answers.query import NoMatchError
    from pmroles.answers.search import search as run_search

    if not text.strip():
        raise UsageProblem("give some words to search for", "TEXT")
    catalogue = load()
    hits = run_search(catalogue, text)
    if not hits:
        raise NoMatchError(f"nothing matches {text!r}")

    def view() -> RenderableType:
        from pmroles.render.tables import search_table

        return search_table(hits, text, catalogue)

    return Report(
        view=view,
        document=lambda: _documents().search_document(text, hits),
        tabular=lambda: _documents().search_tabular(hits),
        markdown=lambda: _documents().search_tabular(hits, catalogue),
        title=f"Matches for {text!r}",
    )


def similar(load: Load, role: str) -> Report:
    from pmroles.answers.compare import similar as rank_similar
    from pmroles.answers.query import find_role

    catalogue = load()
    found = find_role(catalogue, role)
    ranked = rank_similar(catalogue, found)

    def view() -> RenderableType:
        from pmroles.render.tables import similar_table

        return similar_table(found, ranked, catalogue)

    return Report(
        view=view,
        document=lambda: _documents().similar_document(found, ranked),
        tabular=lambda: _documents().similar_tabular(ranked, catalogue),
        markdown=lambda: _documents().similar_tabular(ranked, catalogue, human=True),
        title=f"Roles like {found.name}",
    )


def match(
    load: Load,
    skill: Values = None,
    background: Values = None,
    stakeholder: Values = None,
    tool: Values = None,
    horizon: Values = None,
    method: Values = None,
    market: Values = None,
    top: int | None = None,
    every: bool = False,
) -> Report:
    """`top`: show at most this many of the roles that fit (default five); `every`: show
    every role, those that fit nothing included. Unknown skills, tools and backgrounds are
    left out with a warning; when no answer is known, or (without `every`) no role fits,
    nothing is shown and the run fails."""
    from pmroles.answers.fit import match as rank
    from pmroles.answers.fit import nothing_known
    from pmroles.answers.query import Criteria, NoMatchError
    from pmroles.render.text import inert

    if top is not None and every:
        raise UsageProblem("give --top or --all, not both")
    if top is not None and top < 1:
        raise UsageProblem(f"--top must be at least 1, not {top}", "--top")
    answers = Criteria(
        skill=tuple(skill or ()),
        background=tuple(background or ()),
        stakeholder=tuple(stakeholder or ()),
        tool=tuple(tool or ()),
        horizon=tuple(horizon or ()),
        method=tuple(method or ()),
        market=tuple(market or ()),
    )
    if answers.is_empty():
        raise UsageProblem(
            "give at least one answer: --skill, --background, --stakeholder, --tool, "
            "--horizon, --method or --market"
        )
    catalogue = load()
    ranking = rank(catalogue, answers, top, every)
    if not ranking.known:
        raise NoMatchError(nothing_known(ranking.unknown))
    if not ranking.shown:
        left_out = f"; left out: {nothing_known(ranking.unknown)}" if ranking.unknown else ""
        raise NoMatchError(f"no role fits your answers (--all shows every role){left_out}")

    def view() -> RenderableType:
        from pmroles.render.pictures import fit_table

        return fit_table(ranking, catalogue)

    return Report(
        view=view,
        document=lambda: _documents().match_document(answers, ranking),
        tabular=lambda: _documents().match_tabular(ranking),
        markdown=lambda: _documents().match_tabular(ranking, catalogue),
        title="Roles that fit your answers",
        note="".join(f"pmroles: warning: {inert(u.message)}\n" for u in ranking.unknown) or None,
    )


def matrix(load: Load, roles: Values = None, by: str = "stakeholder") -> Report:
    """`by` is a `pmroles.answers.matrix.MatrixKind` value: "stakeholder" or "responsibility";
    `roles`, the roles to show (all by default), in the order given."""
    from pmroles.answers import matrix as grids
    from pmroles.answers.query import find_role

    catalogue = load()
    chosen = [find_role(catalogue, name).id for name in roles or ()]
    if len(set(chosen)) < len(chosen):
        raise UsageProblem("a role is named twice; name each role once", "ROLE")
    if by == grids.MatrixKind.STAKEHOLDER:
        result = grids.stakeholder_matrix(catalogue, chosen or None)
    else:
        result = grids.responsibility_matrix(catalogue, chosen or None)

    def view() -> RenderableType:
        from pmroles.render.pictures import matrix_view

        return matrix_view(result)

    return Report(
        view=view,
        document=lambda: _documents().matrix_document(result),
        tabular=lambda: _documents().matrix_tabular(result),
        markdown=lambda: _documents().matrix_tabular(result, human=True),
        title=grids.TITLES[by],
    )


def role_map(load: Load, width: int | None = None, height: int = 16) -> Report:
    from pmroles.answers import rolemap

    catalogue = load()
    result = rolemap.role_map(catalogue)
    names = {role.id: role.name for role in catalogue.roles.values()}

    def view() -> RenderableType:
        from pmroles.render.console import Sized
        from pmroles.render.pictures import map_view

        def draw(room: int) -> RenderableType:
            # The room is the terminal's, or the export's --width (100 by default).
            columns = width or min(room, 100)
            return map_view(result, max(columns, rolemap.MIN_WIDTH), height, names)

        return Sized(draw)

    title = "Where each role stands: business or technical, tactical or strategic"

    def page() -> Page:
        from pmroles.render.map_page import map_page

        return map_page(result, catalogue, title, width, height)

    return Report(
        view=view,
        document=lambda: _documents().map_document(result),
        tabular=lambda: _documents().map_tabular(result, names),
        page=page,
        drawn_text=True,
        title=title,
    )


def stakeholders(load: Load, name: str | None = None) -> Report:
    from pmroles.answers.query import find_stakeholder, roles_by_stakeholder

    catalogue = load()
    working = roles_by_stakeholder(catalogue)
    if name is None:

        def view_all() -> RenderableType:
            from pmroles.render.tables import stakeholders_table

            return stakeholders_table(catalogue, working)

        return Report(
            view=view_all,
            document=lambda: _documents().stakeholders_document(catalogue, working),
            tabular=lambda: _documents().stakeholders_tabular(
                catalogue.stakeholders.values(), working
            ),
            markdown=lambda: _documents().stakeholders_tabular(
                catalogue.stakeholders.values(), working, human=True
            ),
            title="Stakeholders and the roles that work with them",
        )
    group = find_stakeholder(catalogue, name)
    roles = working.get(group.id, [])

    def view_one() -> RenderableType:
        from pmroles.render.tables import stakeholder_view

        return stakeholder_view(group, roles, catalogue)

    return Report(
        view=view_one,
        document=lambda: _documents().one_stakeholder_document(group, roles),
        tabular=lambda: _documents().stakeholders_tabular([group], working),
        markdown=lambda: _documents().stakeholders_tabular([group], working, human=True),
        title=group.name,
    )


def validate(load: Load, file: Path | None = None, strict: bool = False) -> Report:
    """FILE checked as a layer over the catalogues in use; without FILE, the built-in one."""
    from pmroles.catalogue.loader import builtin_catalogue_path, check_file
    from pmroles.errors import CatalogueError, Severity, ValidationFailed
    from pmroles.render.text import inert

    path = file or builtin_catalogue_path()
    try:
        base = None if file is None else load()
        catalogue, problems = check_file(path, str(path), base)
    except CatalogueError as error:
        catalogue, problems = None, list(error.problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    valid = catalogue is not None and not errors and not (strict and warnings)
    note: str | None = None
    failure: ValidationFailed | None = None
    if valid and catalogue is not None:
        counts = f"{len(catalogue.roles)} roles, {len(catalogue.stakeholders)} stakeholders"
        more = f", {warnings} warning(s)" if warnings else ""
        note = f"{inert(str(path))}: valid ({counts}{more})\n"
    else:
        failure = ValidationFailed(f"{path}: {errors} error(s), {warnings} warning(s)")
    return Report(
        # One line per problem, the form editors and CI logs link to.
        text=lambda: "".join(inert(str(problem)) + "\n" for problem in problems),
        document=lambda: _documents().validate_document(str(path), valid, problems),
        tabular=lambda: _documents().validate_tabular(problems),
        title=f"Problems in {path}",
        note=note,
        failure=failure,
    )


def which(load: Load, role: str) -> Report:
    from pmroles.answers.query import find_role

    found = find_role(load(), role)

    def view() -> RenderableType:
        from pmroles.render.tables import origins_table

        return origins_table(found)

    return Report(
        view=view,
        document=lambda: _documents().which_document(found),
        tabular=lambda: _documents().which_tabular(found),
        markdown=lambda: _documents().which_tabular(found, human=True),
        title=f"Where {found.name} is defined",
    )


def sources(load: Load, role: str | None = None) -> Report:
    """How many items of each role (or of ROLE) each article backs, and how many are editorial."""
    from pmroles.answers.provenance import provenance
    from pmroles.answers.query import find_role

    catalogue = load()
    found = None if role is None else find_role(catalogue, role)
    result = provenance(catalogue, found)

    def view() -> RenderableType:
        from pmroles.render.provenance import sources_view

        if found is None:
            return sources_view(result)
        return sources_view(result, f"Where the items of {found.name} ({found.id}) come from")

    return Report(
        view=view,
        document=lambda: _documents().sources_document(result, catalogue),
        tabular=lambda: _documents().sources_tabular(result),
        markdown=lambda: _documents().sources_tabular(result, human=True),
        title="Where each role's items come from"
        if found is None
        else f"Where the items of {found.name} come from",
    )


def values(load: Load, aspect: str | None = None) -> Report:
    """The concepts and values the roles use per aspect (or in ASPECT), most used first."""
    from pmroles.answers import values as known

    key = None if aspect is None else known.resolve(aspect)
    catalogue = load()
    found = known.overview(catalogue) if key is None else [known.values_of(catalogue, key)]

    def view() -> RenderableType:
        from pmroles.render.tables import values_view

        labels = {c.id: c.label for c in catalogue.concepts.values()}
        return values_view(found, whole=key is None, labels=labels)

    return Report(
        view=view,
        document=lambda: _documents().values_document(found),
        tabular=lambda: _documents().values_tabular(found),
        markdown=lambda: _documents().values_tabular(found, catalogue),
        title=_values_title(found if key is not None else None),
    )


def _values_title(found: Sequence[AspectValues] | None) -> str:
    """What `values` lists: one aspect's values, the vocabulary, or an overview (None)."""
    if found is None:
        return "The values the roles use, aspect by aspect"
    aspect = found[0].aspect
    return "The concepts the roles use" if aspect is None else f"The roles' {aspect.label.lower()}"


def site(load: Load, directory: Path, force: bool = False) -> Report:
    """Write the whole layered catalogue as a static site to `directory` (see pmroles.site)."""
    from pmroles.render.text import inert

    if not str(directory).strip():
        raise UsageProblem("name a directory for the site, e.g. roles-site", "DIR")
    from pmroles import site as website

    files = website.plan(load())
    website.write(directory, files, force)
    shown = inert(str(directory))
    count = website.pages_in(files)
    return Report(
        note=f"Wrote {count} pages to {shown}; open {inert(str(directory / 'index.html'))}\n"
    )


def init(path: Path, force: bool = False) -> Report:
    """Write the starter catalogue to `path` and the JSON Schema beside it."""
    from pmroles.catalogue.loader import schema_text
    from pmroles.catalogue.starter import STARTER
    from pmroles.files import Write, is_directory, write_all
    from pmroles.render.text import inert

    if not str(path).strip() or is_directory(path):
        raise UsageProblem("name a file to write, e.g. ours.yaml", "PATH")
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
    shown = inert(str(path))
    return Report(note=f"Wrote {shown}; check it with: pmroles validate {shown}\n")


def schema() -> Report:
    from pmroles.catalogue.loader import schema_text

    return Report(text=schema_text)
