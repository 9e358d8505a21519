"""Rich tables for people at a terminal; catalogue text always goes in as `Text`, never markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from pmroles.answers.compare import Mark, RoleComparison, Similar
from pmroles.answers.query import find_stakeholder
from pmroles.model import Aspect, AspectKind, Catalogue, Comparison, Role, Stakeholder
from pmroles.render.text import inert

if TYPE_CHECKING:
    from pmroles.answers.search import Hit

ITEM_MARK = "•"
MARKS = {Mark.SHARED: "=", Mark.SOME: "~", Mark.UNIQUE: ITEM_MARK}
"""How `compare` marks an item: listed by every role, by some, or by this role only."""
ASPECT_WIDTH = 18
"""Aspect labels wrap rather than take width from the roles' text."""


def safe_text(value: str, style: str = "") -> Text:
    """Catalogue text as inert Rich text: never markup, controls shown as escapes."""
    return Text(inert(value), style=style)


def new_table(title: str, caption: str | None = None) -> Table:
    """The table style every command shares."""
    return Table(
        title=safe_text(title, "bold"),
        title_justify="left",
        caption=safe_text(caption, "dim") if caption else None,
        caption_justify="left",
        box=box.ROUNDED,
        show_lines=True,
    )


class _Bullets:
    """Items one per line, each behind its mark, wrapped lines indented under the text.

    One light renderable instead of a nested grid per cell: a table of roles has a hundred
    of these, and grids made rendering the slowest part of a command. Items listed by every
    compared role (the `=` mark) are bold; the marks never are.
    """

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.items = [(mark, inert(item)) for mark, item in items]
        # Worked out once: a table measures each of its cells more than once.
        self.indent = max((cell_len(mark) for mark, _ in self.items), default=0) + 1
        self.widest_word = max(
            (cell_len(word) for _, item in self.items for word in item.split()), default=0
        )
        self.longest = max((cell_len(item) for _, item in self.items), default=0)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        if not self.items:
            return Measurement(0, 0)
        return Measurement(self.indent + self.widest_word, self.indent + self.longest).clamp(
            max_width=options.max_width
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.indent, 1)
        bold = console.get_style("bold")
        blank = " " * self.indent
        newline = Segment.line()
        for mark, item in self.items:
            # Most items fit on one line, and wrapping one that fits gives it back unchanged.
            if cell_len(item) <= width:
                lines = [item]
            else:
                lines = [line.plain for line in Text(item).wrap(console, width, overflow="fold")]
            for number, line in enumerate(lines):
                # Finished segments, never Text (Rich would wrap a Text line a second time),
                # and one segment where nothing is styled: Rich measures every segment of a
                # cell's lines several times over.
                lead = f"{mark} " if number == 0 else blank
                if mark == MARKS[Mark.SHARED]:
                    yield Segment(lead)
                    yield Segment(line, bold)
                else:
                    yield Segment(lead + line)
                yield newline


def _bullets(items: Iterable[tuple[str, str]]) -> RenderableType:
    """One line per (mark, item); see _Bullets."""
    return _Bullets(items)


def bullet_list(items: Iterable[str]) -> RenderableType:
    """Items as bullets, wrapped lines indented."""
    return _bullets((ITEM_MARK, item) for item in items)


def _cell(
    aspect: Aspect,
    values: tuple[str, ...],
    names: Mapping[str, str],
    marks: Iterable[str] | None = None,
) -> RenderableType:
    if aspect.kind is AspectKind.TEXT:
        return safe_text(values[0]) if values else Text()
    if aspect.kind is AspectKind.CHOICES:
        return safe_text(", ".join(values))
    shown = [names.get(v, v) if aspect.kind is AspectKind.STAKEHOLDERS else v for v in values]
    return _bullets(zip(marks or [ITEM_MARK] * len(shown), shown, strict=True))


def percent(score: float | None) -> str:
    return "-" if score is None else f"{round(score * 100)}%"


def role_heading(role: Role) -> str:
    return f"{role.name} ({role.id})"


def _stakeholder_names(catalogue: Catalogue) -> dict[str, str]:
    return {s.id: s.name for s in catalogue.stakeholders.values()}


def role_table(role: Role, catalogue: Catalogue, *, with_sources: bool = False) -> RenderableType:
    """Every attribute of one role, one row each; with sources, a column and a key to them."""
    caption = f"Also called: {', '.join(role.aliases)}" if role.aliases else None
    table = new_table(role_heading(role), caption)
    table.add_column("Aspect", style="bold", overflow="fold", max_width=ASPECT_WIDTH)
    table.add_column("Details", overflow="fold")
    if with_sources:
        table.add_column("Sources", overflow="fold")
    names = _stakeholder_names(catalogue)
    for aspect in role.aspects():
        cells: list[RenderableType] = [
            Text(aspect.label),
            _cell(aspect, role.get(aspect.key), names),
        ]
        if with_sources:
            cells.append(safe_text(", ".join(role.sources.get(aspect.key, ())) or "-"))
        table.add_row(*cells)
    if not with_sources:
        return table
    cited = dict.fromkeys(s for ids in role.sources.values() for s in ids)
    return Group(table, source_table(catalogue, cited))


def source_table(catalogue: Catalogue, ids: Iterable[str]) -> Table:
    table = new_table("Sources")
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Article", overflow="fold")
    for source_id in ids:
        source = catalogue.sources.get(source_id)
        table.add_row(
            safe_text(source_id), safe_text(source.citation() if source else "(not defined)")
        )
    return table


def comparison_view(result: RoleComparison, catalogue: Catalogue) -> RenderableType:
    """The computed aspect table, then what the articles say about each pair of these roles."""
    headings = [role_heading(role) for role in result.roles]
    legend = f"{MARKS[Mark.SHARED]} listed by every role, {ITEM_MARK} by this role only"
    if len(result.roles) > 2:
        legend += f", {MARKS[Mark.SOME]} by some of the others"
    overall = f"Overall similarity {percent(result.similarity)} (Jaccard, see --help). "
    table = new_table(" vs ".join(headings), overall + legend)
    table.add_column("Aspect", style="bold", overflow="fold", max_width=ASPECT_WIDTH)
    for heading in headings:
        table.add_column(safe_text(heading, "bold"), overflow="fold")
    table.add_column("Alike", justify="right", no_wrap=True)
    names = _stakeholder_names(catalogue)
    for row in result.rows:
        cells = [
            _cell(row.aspect, values, names, (MARKS[row.mark(i, v)] for v in values))
            for i, values in enumerate(row.values)
        ]
        table.add_row(Text(row.aspect.label), *cells, Text(percent(row.similarity)))
    by_id = {role.id: role for role in result.roles}
    notes = [_curated(note, by_id, catalogue) for note in result.notes]
    return Group(table, *notes)


def _curated(note: Comparison, by_id: Mapping[str, Role], catalogue: Catalogue) -> RenderableType:
    """One curated comparison: shared points as a list, per-role points as a table."""
    first, second = (by_id[role_id] for role_id in note.roles)
    parts: list[RenderableType] = [
        Text(""),
        safe_text(f"What the articles say about {first.name} and {second.name}", "bold"),
    ]
    if note.summary:
        parts.append(safe_text(note.summary))
    for label, items in (
        ("What both share", note.similarities),
        ("How they differ", note.differences),
    ):
        if items:
            parts += [Text(""), safe_text(label, "bold"), bullet_list(items)]
    table = new_table("Role by role")
    table.add_column("Point", style="bold", overflow="fold", max_width=ASPECT_WIDTH)
    for role in (first, second):
        table.add_column(safe_text(role_heading(role), "bold"), overflow="fold")
    for label, per_role in (
        ("Advantages over the other", note.advantages),
        ("Where it stands out", note.excels),
    ):
        if per_role:
            table.add_row(
                Text(label), *(bullet_list(per_role.get(r.id, ())) for r in (first, second))
            )
    for area, shares in note.split.items():
        table.add_row(
            safe_text(f"Split: {area}"),
            *(safe_text(shares.get(r.id, "-")) for r in (first, second)),
        )
    if table.row_count:
        parts += [Text(""), table]
    titles = [
        catalogue.sources[s].citation() if s in catalogue.sources else s for s in note.sources
    ]
    if titles:
        parts.append(safe_text(f"Source: {'; '.join(titles)}", "dim"))
    return Group(*parts)


def roles_title(catalogue: Catalogue, given: Mapping[str, Sequence[str]]) -> str:
    """The heading of `list`: what the roles were chosen by."""
    if list(given) == ["stakeholder"] and len(given["stakeholder"]) == 1:
        return f"Roles that work with {find_stakeholder(catalogue, given['stakeholder'][0]).name}"
    if given:
        return "Roles matching " + "; ".join(f"{k}: {', '.join(v)}" for k, v in given.items())
    return "Roles"


def roles_table(roles: Iterable[Role], title: str) -> Table:
    table = new_table(title)
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Name", overflow="fold")
    table.add_column("Focus", overflow="fold")
    for role in roles:
        table.add_row(
            safe_text(role.id), safe_text(role.name), safe_text("; ".join(role.get("focus")))
        )
    return table


def stakeholders_table(catalogue: Catalogue, working: Mapping[str, list[Role]]) -> Table:
    """Every stakeholder with the roles that work with it."""
    table = new_table("Stakeholders")
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Name", overflow="fold")
    table.add_column("Roles that work with it", overflow="fold")
    for stakeholder in catalogue.stakeholders.values():
        roles = ", ".join(role.id for role in working.get(stakeholder.id, ())) or "-"
        table.add_row(safe_text(stakeholder.id), safe_text(stakeholder.name), safe_text(roles))
    return table


def stakeholder_view(
    stakeholder: Stakeholder, roles: Iterable[Role], catalogue: Catalogue
) -> RenderableType:
    """One stakeholder: other names, what it needs from product roles, who works with it."""
    table = new_table(f"{stakeholder.name} ({stakeholder.id})")
    table.add_column("Aspect", style="bold", overflow="fold", max_width=ASPECT_WIDTH)
    table.add_column("Details", overflow="fold")
    if stakeholder.aliases:
        table.add_row(Text("Also called"), safe_text(", ".join(stakeholder.aliases)))
    if stakeholder.needs:
        table.add_row(Text("Needs from product roles"), bullet_list(stakeholder.needs))
    role_lines = [role_heading(role) for role in roles]
    table.add_row(
        Text("Roles that work with it"), bullet_list(role_lines) if role_lines else Text("-")
    )
    if stakeholder.sources:
        table.add_row(
            Text("Sources"),
            bullet_list(
                catalogue.sources[s].citation() if s in catalogue.sources else s
                for s in stakeholder.sources
            ),
        )
    return table


def search_table(hits: Sequence[Hit], query: str) -> Table:
    """Hits, best first, with the matched words highlighted."""
    table = new_table(f"Matches for {query!r}")
    table.add_column("Where", style="bold", overflow="fold")
    table.add_column("Field", overflow="fold")
    table.add_column("Text", overflow="fold")
    for hit in hits:
        text = safe_text(hit.text)
        for start, end in hit.spans:
            text.stylize("bold reverse", start, end)
        table.add_row(
            safe_text(f"{hit.kind} {hit.id}"), safe_text(hit.field.replace("_", " ")), text
        )
    return table


def similar_table(role: Role, ranked: Sequence[Similar], catalogue: Catalogue) -> Table:
    """Other roles by similarity, with the shared items behind each score."""
    table = new_table(
        f"Roles most like {role_heading(role)}", "Similarity: see pmroles compare --help"
    )
    table.add_column("Role", style="bold", overflow="fold")
    table.add_column("Alike", justify="right", no_wrap=True)
    table.add_column("Shared with it", overflow="fold")
    names = _stakeholder_names(catalogue)
    for item in ranked:
        drivers = [
            f"{aspect.label}: "
            + ", ".join(
                names.get(v, v) if aspect.kind is AspectKind.STAKEHOLDERS else v for v in items
            )
            for aspect, items in item.drivers
        ]
        table.add_row(
            safe_text(role_heading(item.role)),
            Text(percent(item.score)),
            bullet_list(drivers) if drivers else Text("nothing in common"),
        )
    return table


def origins_table(role: Role) -> Table:
    """Where the role and each of its parts were written."""
    where = str(role.location) if role.location else "(unknown)"
    table = new_table(f"{role_heading(role)}: defined at {where}")
    table.add_column("Attribute", style="bold", overflow="fold")
    table.add_column("Written at", overflow="fold")
    for key, location in role.locations.items():
        table.add_row(safe_text(key), safe_text(str(location)))
    return table
