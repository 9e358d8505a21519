"""The terminal views of the catalogue: each builds `Grid`s and `Paragraph`s, which fit
themselves to the width they are drawn at (see `pmroles.render.layout`).

Catalogue text never goes in as markup. People read names, not ids: stakeholders, areas of
responsibility and roles appear by their names here; the machine formats keep the ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from pmroles.answers.compare import Mark, RoleComparison, Similar, most_different
from pmroles.model import (
    ASPECT_BY_KEY,
    ASPECTS,
    Aspect,
    AspectKind,
    Catalogue,
    Comparison,
    Role,
    Stakeholder,
    display_names,
    normalise,
    shown_values,
)
from pmroles.render.layout import ITEM_MARK, Cell, Column, Grid, Item, Paragraph
from pmroles.render.text import inert, percent, shown
from pmroles.render.wording import editorial_hit

if TYPE_CHECKING:
    from pmroles.answers.search import Hit
    from pmroles.answers.values import AspectValues

MARKS = {Mark.SHARED: "=", Mark.SOME: "~", Mark.UNIQUE: ITEM_MARK}
"""How `compare` marks an item: listed by every role, by some, or by this role only."""
ASPECT_WIDTH = 18
"""Aspect labels wrap rather than take width from the roles' text."""
BRIEF_ASPECTS = 3
"""How many of the aspects where roles differ most the default `compare` shows."""
BRIEF_ITEMS = 2
"""How many items of each of those aspects it shows per role."""
BRIEF_REASONS = 3
"""The similarity's reasons the one-screen `compare` shows (`--full` shows them all)."""

__all__ = ["ITEM_MARK", "MARKS"]


def safe_text(value: str, style: str = "") -> Text:
    """Catalogue text as inert Rich text: never markup, controls shown as escapes."""
    return Text(shown(value), style=style, overflow="ellipsis")


def blank() -> Text:
    return Text("")


def role_heading(role: Role) -> str:
    return f"{role.name} ({role.id})"


EDITORIAL_MARK = "*"
"""Right after an item that is pmroles' own editorial summary, not an article's: kept
on the item's last word, so wrapping never leaves it alone on a line."""
EDITORIAL_LEGEND = (
    "* editorial: pmroles' own summary of common practice where the articles are silent "
    "(--sourced-only leaves it out)"
)
DISPUTE_MARK = "≠"
DISPUTE_LEGEND = "≠ where the articles disagree, each with its view"
NOT_STATED = "not stated in the sources"
CARD_ASPECTS = ("summary", "focus", "skills", "interactions", "goals", "tools", "background")
"""Shown for every role, as "not stated" when the catalogue says nothing: a reader should
learn that the sources are silent rather than meet a missing row."""


def _cell(
    aspect: Aspect,
    values: Sequence[str],
    names: Mapping[str, str],
    marks: Iterable[str] | None = None,
    role: Role | None = None,
) -> Cell:
    """`values` as a table cell; with `role`, its editorial items marked and its disputes
    on this aspect listed under them."""
    shown_list = shown_values(aspect, values, names)
    if role is not None:
        shown_list = flagged(role, aspect.key, values, shown_list)
    disputes = _disputes(role, aspect) if role is not None else []
    if aspect.kind is not AspectKind.LIST and aspect.kind is not AspectKind.STAKEHOLDERS:
        text = shown_list[0] if aspect.kind is AspectKind.TEXT and shown_list else ""
        if aspect.kind is AspectKind.CHOICES:
            text = ", ".join(shown_list)
        if not disputes:
            return text
        return ((ITEM_MARK, text), *disputes) if text else tuple(disputes)
    items = zip(marks or [ITEM_MARK] * len(shown_list), shown_list, strict=True)
    return (*items, *disputes)


def _disputes(role: Role, aspect: Aspect) -> list[Item]:
    return [
        (DISPUTE_MARK, "; ".join(f"{source}: {view}" for source, view in sides.items()))
        for sides in role.disputes.get(aspect.key, ())
    ]


def _legends(roles: Iterable[Role], keys: Iterable[str]) -> list[str]:
    """The legends the marks in these roles' aspects call for."""
    keys = list(keys)
    legends = []
    if any(role.is_editorial(k, v) for role in roles for k in keys for v in role.get(k)):
        legends.append(EDITORIAL_LEGEND)
    if any(role.disputes.get(k) for role in roles for k in keys):
        legends.append(DISPUTE_LEGEND)
    return legends


def bullets(items: Iterable[str]) -> tuple[Item, ...]:
    return tuple((ITEM_MARK, item) for item in items)


def other_names(name: str, role_id: str, aliases: Iterable[str]) -> list[str]:
    """The aliases worth telling a person: not the name or id again in other spelling."""
    same = {normalise(name), normalise(role_id)}
    return [alias for alias in aliases if normalise(alias) not in same]


# -- show --------------------------------------------------------------------------------------


def role_table(
    role: Role,
    catalogue: Catalogue,
    *,
    with_sources: bool = False,
    aspects: Sequence[str] | None = None,
) -> RenderableType:
    """One role, an aspect a row (`aspects`: these keys in this order; None: all it has);
    with sources, a column and a key to them."""
    also = other_names(role.name, role.id, role.aliases)
    columns = [Column("Aspect", cap=ASPECT_WIDTH, bold=True), Column("Details")]
    if with_sources:
        columns.append(Column("Sources"))
    names = display_names(catalogue)
    if aspects is None:
        chosen = [a for a in ASPECTS if role.has(a.key) or a.key in CARD_ASPECTS]
    else:
        chosen = [ASPECT_BY_KEY[k] for k in aspects]
    rows: list[list[Cell]] = []
    for aspect in chosen:
        values = role.get(aspect.key)
        cell = _cell(aspect, values, names, role=role) if values else NOT_STATED
        row: list[Cell] = [aspect.label, cell]
        if with_sources:
            row.append(", ".join(role.all_sources(aspect.key)) or "-")
        rows.append(row)
    captions = [f"Also called: {', '.join(also)}" if also else ""]
    captions += _legends([role], [a.key for a in chosen])
    table = Grid(role_heading(role), columns, rows, caption=captions)
    if not with_sources:
        return table
    cited = dict.fromkeys(s for a in chosen for s in role.all_sources(a.key))
    return Group(table, source_table(catalogue, cited))


def source_table(catalogue: Catalogue, ids: Iterable[str]) -> Grid:
    rows: list[list[Cell]] = []
    for source_id in ids:
        source = catalogue.sources.get(source_id)
        rows.append([source_id, source.citation() if source else "(not defined)"])
    return Grid("Sources", [Column("Id", bold=True), Column("Article")], rows)


# -- compare -----------------------------------------------------------------------------------


def _legend(result: RoleComparison) -> str:
    legend = (
        f"{MARKS[Mark.SHARED]} named by every role (the same item or concept), "
        f"{ITEM_MARK} by this role only"
    )
    if len(result.roles) > 2:
        legend += f", {MARKS[Mark.SOME]} by some of the others"
    return legend


def comparison_view(
    result: RoleComparison, catalogue: Catalogue, *, full: bool = False, picked: bool = False
) -> RenderableType:
    """`full`: every aspect side by side, then all the articles say about each pair;
    `picked` (aspects were chosen): those aspects side by side. Otherwise one screen:
    summaries, what the articles say, and the aspects where the roles differ most."""
    if full or picked:
        return _full_comparison(result, catalogue, notes=full)
    return _brief_comparison(result, catalogue)


def _side_by_side(
    result: RoleComparison,
    catalogue: Catalogue,
    rows: Sequence[tuple[Aspect, Sequence[Sequence[str]]]],
    *,
    title: str | None,
    caption: str | None,
    marks: bool,
    alike: Mapping[str, float | None] | None = None,
) -> Grid:
    names = display_names(catalogue)
    columns = [Column("Aspect", cap=ASPECT_WIDTH, bold=True)]
    columns += [Column(role_heading(role), bold=False) for role in result.roles]
    if alike is not None:
        columns.append(Column("Alike", justify="right"))
    by_key = {row.aspect.key: row for row in result.rows}
    grid_rows: list[list[Cell]] = []
    for aspect, values in rows:
        source_row = by_key[aspect.key]
        cells: list[Cell] = [aspect.label]
        for index, (items, role) in enumerate(zip(values, result.roles, strict=True)):
            shown_marks = [MARKS[source_row.mark(index, v)] for v in items] if marks else None
            has = items or role.disputes.get(aspect.key)
            cells.append(_cell(aspect, items, names, shown_marks, role) if has else NOT_STATED)
        if alike is not None:
            cells.append(percent(alike[aspect.key]))
        grid_rows.append(cells)
    captions = [caption or "", *_legends(result.roles, [aspect.key for aspect, _ in rows])]
    return Grid(title, columns, grid_rows, caption=captions, stack_by_column=True)


def _full_comparison(
    result: RoleComparison, catalogue: Catalogue, *, notes: bool
) -> RenderableType:
    table = _side_by_side(
        result,
        catalogue,
        [(row.aspect, row.values) for row in result.rows],
        title=" vs ".join(role_heading(role) for role in result.roles),
        caption="Alike: how alike the roles are on that aspect. " + _legend(result),
        marks=True,
        alike={row.aspect.key: row.similarity for row in result.rows},
    )
    by_id = {role.id: role for role in result.roles}
    parts: list[RenderableType] = [table, blank(), *similarity_lines(result, catalogue)]
    if notes:
        parts += [_curated(note, by_id, catalogue, brief=False) for note in result.notes]
    return Group(*parts)


def _brief_comparison(result: RoleComparison, catalogue: Catalogue) -> RenderableType:
    roles = result.roles
    parts: list[RenderableType] = [
        Paragraph(" vs ".join(role_heading(role) for role in roles), style="bold")
    ]
    summaries = [(role, role.summary) for role in roles if role.summary]
    if summaries:
        parts.append(blank())
        for role, summary in summaries:
            mark = EDITORIAL_MARK if role.is_editorial("summary", summary) else ""
            parts.append(Paragraph(f"{role.name}: {summary}{mark}"))
    parts += [blank(), *similarity_lines(result, catalogue, BRIEF_REASONS)]
    by_id = {role.id: role for role in roles}
    # Two roles: what the articles say in full but for the per-role lists; more: how each
    # pair differs, or the screen fills with pairs.
    parts += [
        _curated(note, by_id, catalogue, brief=True, differences_only=len(roles) > 2)
        for note in result.notes
    ]
    ranked = most_different(result, BRIEF_ASPECTS)
    if ranked:
        rows = []
        hidden = 0
        kept = BRIEF_ITEMS if len(roles) == 2 else BRIEF_ITEMS - 1
        for row in ranked:
            values = [items[:kept] for items in row.values]
            hidden += sum(len(a) - len(b) for a, b in zip(row.values, values, strict=True))
            rows.append((row.aspect, values))
        more = f"; {hidden} more items with --full" if hidden else ""
        parts += [
            blank(),
            _side_by_side(
                result,
                catalogue,
                rows,
                title="Where they differ most",
                caption=more[2:].capitalize() if more else None,
                marks=False,
            ),
        ]
    ids = " ".join(role.id for role in roles)
    parts += [
        blank(),
        Paragraph(
            f"All {len(result.rows)} aspects side by side: pmroles compare {ids} --full; "
            "some of them: --aspects skills,tools",
            style="dim",
        ),
    ]
    return Group(*parts)


def _curated(
    note: Comparison,
    by_id: Mapping[str, Role],
    catalogue: Catalogue,
    *,
    brief: bool,
    differences_only: bool = False,
) -> RenderableType:
    """One curated comparison: shared points and differences as lists, then (in full) the
    per-role points, and the responsibility splits, as a table."""
    first, second = (by_id[role_id] for role_id in note.roles)
    # Between two roles only, the pair goes without saying.
    about = "" if brief and not differences_only else f" about {first.name} and {second.name}"
    parts: list[RenderableType] = [
        blank(),
        Paragraph(f"What the articles say{about}", style="bold"),
    ]
    if differences_only:
        if note.differences:
            parts.append(
                Paragraph("How they differ:", style="bold", items=bullets(note.differences))
            )
        return Group(*parts)
    if note.summary:
        parts.append(Paragraph(note.summary))
    for label, items in (
        ("What both share", note.similarities),
        ("How they differ", note.differences),
    ):
        if items:
            parts.append(Paragraph(f"{label}:", style="bold", items=bullets(items)))
    columns = [Column("", cap=ASPECT_WIDTH, bold=True)]
    columns += [Column(role.name) for role in (first, second)]
    rows: list[list[Cell]] = []
    if not brief:
        for label, per_role in (
            ("Advantages over the other", note.advantages),
            ("Where it stands out", note.excels),
        ):
            if per_role:
                rows.append([label, *(bullets(per_role.get(r.id, ())) for r in (first, second))])
    for area, shares in note.split.items():
        rows.append([area.capitalize(), *(shares.get(r.id, "-") for r in (first, second))])
    if rows:
        title = "Role by role" if not brief else "Who does what"
        parts += [blank(), Grid(title, columns, rows, stack_by_column=True, lines=not brief)]
    titles = [
        catalogue.sources[s].citation() if s in catalogue.sources else s for s in note.sources
    ]
    if titles:
        parts.append(Paragraph(f"Source: {'; '.join(titles)}", style="dim"))
    return Group(*parts)


# -- list, stakeholders, search, similar, which -------------------------------------------------


def flagged(
    role: Role, key: str, items: Iterable[str], shown: Iterable[str] | None = None
) -> list[str]:
    """`items` of aspect `key` as shown (`shown`, or the items themselves), each editorial
    one marked."""
    items = list(items)
    texts = list(shown) if shown is not None else items
    return [
        text + (EDITORIAL_MARK if role.is_editorial(key, item) else "")
        for item, text in zip(items, texts, strict=True)
    ]


def roles_table(
    roles: Iterable[Role],
    title: str,
    read_as: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
    catalogue: Catalogue | None = None,
) -> Grid:
    """The roles with their focus; `read_as` (filter -> value -> concept ids) adds a line
    saying how the words typed were understood."""
    roles = list(roles)
    columns = [Column("Id", bold=True), Column("Name"), Column("Focus")]
    rows: list[list[Cell]] = [
        [role.id, role.name, "; ".join(flagged(role, "focus", role.get("focus")))] for role in roles
    ]
    captions = _legends(roles, ["focus"])
    if read_as and catalogue is not None:
        captions.insert(0, read_as_line(read_as, catalogue))
    return Grid(title, columns, rows, caption=captions)


def read_as_line(read_as: Mapping[str, Mapping[str, tuple[str, ...]]], catalogue: Catalogue) -> str:
    """'Read as: coding = Software development; budgeting = Budgeting': typed words and the
    concepts they were taken for (words naming none were matched as written)."""
    parts = []
    for values in read_as.values():
        for value, ids in values.items():
            labels = [catalogue.concepts[c].label if c in catalogue.concepts else c for c in ids]
            parts.append(f"{value} = {', '.join(labels)}" if labels else f"{value} (as written)")
    return "Read as: " + "; ".join(parts)


def stakeholders_table(catalogue: Catalogue, working: Mapping[str, list[Role]]) -> Grid:
    """Every stakeholder with the roles that work with it."""
    columns = [Column("Id", bold=True), Column("Name"), Column("Roles that work with it")]
    rows: list[list[Cell]] = [
        [s.id, s.name, ", ".join(role.name for role in working.get(s.id, ())) or "-"]
        for s in catalogue.stakeholders.values()
    ]
    return Grid("Stakeholders", columns, rows)


def stakeholder_view(stakeholder: Stakeholder, roles: Iterable[Role], catalogue: Catalogue) -> Grid:
    """One stakeholder: other names, what it needs from product roles, who works with it."""
    rows: list[list[Cell]] = []
    also = other_names(stakeholder.name, stakeholder.id, stakeholder.aliases)
    if also:
        rows.append(["Also called", ", ".join(also)])
    if stakeholder.needs:
        needs = [
            n + (EDITORIAL_MARK if stakeholder.is_editorial(n) else "") for n in stakeholder.needs
        ]
        rows.append(["Needs from product roles", bullets(needs)])
    role_lines = [role_heading(role) for role in roles]
    rows.append(["Roles that work with it", bullets(role_lines) if role_lines else "-"])
    if stakeholder.sources:
        cited = (
            catalogue.sources[s].citation() if s in catalogue.sources else s
            for s in stakeholder.sources
        )
        rows.append(["Sources", bullets(cited)])
    columns = [Column("Aspect", cap=ASPECT_WIDTH, bold=True), Column("Details")]
    editorial = any(stakeholder.is_editorial(need) for need in stakeholder.needs)
    return Grid(
        f"{stakeholder.name} ({stakeholder.id})",
        columns,
        rows,
        caption=[EDITORIAL_LEGEND] if editorial else [],
    )


def search_table(hits: Sequence[Hit], query: str, catalogue: Catalogue) -> Grid:
    """Hits, best first, with the matched words highlighted."""
    names = display_names(catalogue)
    where_names = {("role", role.id): role.name for role in catalogue.roles.values()} | {
        ("stakeholder", s.id): s.name for s in catalogue.stakeholders.values()
    }
    rows: list[list[Cell]] = []
    editorial = False
    for hit in hits:
        text = Text(inert(hit.text), overflow="ellipsis")
        for start, end in hit.spans:
            text.stylize("bold reverse", start, end)
        if len(text) > len(shown(hit.text)):
            text = Text(shown(hit.text))  # an item cut for the screen: no highlight to place
        if hit.field in ("owns", "supports"):  # an area id: shown by its name, all of it hit
            text = Text(names.get(hit.text, hit.text), style="bold reverse")
        if editorial_hit(hit, catalogue):
            text.append(EDITORIAL_MARK)
            editorial = True
        where = where_names.get((hit.kind, hit.id), f"{hit.kind} {hit.id}")
        label = ASPECT_BY_KEY[hit.field].label if hit.field in ASPECT_BY_KEY else hit.field
        rows.append([where, label.replace("_", " "), text])
    columns = [Column("Where", bold=True), Column("Field"), Column("Text")]
    legend = [EDITORIAL_LEGEND] if editorial else []
    meant = next((hit.concepts for hit in hits if hit.concepts), ())
    if meant:
        labels = ", ".join(catalogue.concepts[c].label for c in meant if c in catalogue.concepts)
        legend.insert(0, f"Read as the concept {labels}, and any kind of it")
    return Grid(f"Matches for {query!r}", columns, rows, caption=legend)


def similar_table(role: Role, ranked: Sequence[Similar], catalogue: Catalogue) -> Grid:
    """Other roles by similarity, each score with its confidence and its reasons."""
    from pmroles.render.reasons import reason_mark, reason_text

    names = display_names(catalogue)
    rows: list[list[Cell]] = [
        [
            role_heading(item.role),
            percent(item.score.value),
            item.score.confidence,
            tuple((reason_mark(r), reason_text(r, catalogue, names)) for r in item.score.reasons)
            if item.score.reasons
            else "nothing in common",
        ]
        for item in ranked
    ]
    columns = [
        Column("Role", bold=True),
        Column("Alike", justify="right"),
        Column("Confidence"),
        Column("Why"),
    ]
    return Grid(
        f"Roles most like {role_heading(role)}",
        columns,
        rows,
        caption=["How the score is made: pmroles compare --help"],
    )


def similarity_lines(
    result: RoleComparison, catalogue: Catalogue, limit: int | None = None
) -> list[RenderableType]:
    """The overall score of a comparison and what drives it: for two roles, its reasons
    (at most `limit`); for more, one line per pair."""
    from pmroles.render.reasons import reason_mark, reason_text

    names = display_names(catalogue)
    if len(result.pairs) == 1:
        score = result.pairs[0].score
        heading = (
            f"Similarity {percent(score.value)}, {score.confidence} confidence "
            "(how it is made: pmroles compare --help)"
        )
        items = [(reason_mark(r), reason_text(r, catalogue, names)) for r in score.reasons[:limit]]
        return [Paragraph(heading, style="bold"), Paragraph(items=items)]
    heading = (
        f"Similarity {percent(result.similarity)} on average over the pairs "
        "(how it is made: pmroles compare --help)"
    )
    pairs: list[Item] = []
    for pair in result.pairs:
        first = next(iter(pair.score.reasons), None)
        why = f": {reason_text(first, catalogue, names)}" if first is not None else ""
        pairs.append(
            (ITEM_MARK, f"{pair.one.name} and {pair.other.name} {percent(pair.score.value)}{why}")
        )
    return [Paragraph(heading, style="bold"), Paragraph(items=pairs)]


OPTIONS = {
    "skills": "--skill",
    "tools": "--tool",
    "background": "--background",
    "interactions": "--stakeholder",
    "horizon": "--horizon",
    "method": "--method",
    "market": "--market",
}
"""The `list` and `match` option that takes an aspect's values."""
MOST_USED = 3


def values_view(
    found: Sequence[AspectValues], *, whole: bool, labels: Mapping[str, str] | None = None
) -> Grid:
    """The overview of every aspect (`whole`), or every value of one; `labels` names the
    broader concepts (concept id -> label)."""
    if whole:
        rows: list[list[Cell]] = [
            [
                entry.aspect.label if entry.aspect else "Concepts",
                OPTIONS.get(entry.aspect.key, "-") if entry.aspect else "-",
                str(len(entry.values)),
                ", ".join(f"{v.label} ({len(v.roles)})" for v in entry.values[:MOST_USED]),
            ]
            for entry in found
        ]
        columns = [
            Column("Aspect", bold=True),
            Column("Option"),
            Column("Values", justify="right"),
            Column("Most used (roles)"),
        ]
        return Grid(
            "What the roles' aspects hold",
            columns,
            rows,
            caption=["Every value of one aspect: pmroles values skills"],
        )
    entry = found[0]
    named = entry.aspect.label if entry.aspect else "The vocabulary"
    rows = []
    for value in entry.values:
        also = ", ".join(value.words) if value.kind == "concept" else ""
        if value.kind == "item":
            also = "(names no concept: matched by its words)"
        ident = value.id if value.kind != "item" else ""
        label = value.label
        if value.broader:  # said in the value's cell: a column of its own would not fit 80
            label += f" (a kind of {(labels or {}).get(value.broader, value.broader)})"
        rows.append([label, ident, str(len(value.roles)), also])
    columns = [
        Column("Value", bold=True),
        Column("Id"),
        Column("Roles", justify="right"),
        Column("Also typed as"),
    ]
    # A column that would say nothing is left out: ids equal to what the value column
    # shows (methods, markets), or no other words (nothing but fixed values).
    keep = [
        True,
        any(
            row[1] and row[1] != value.label for row, value in zip(rows, entry.values, strict=True)
        ),
        True,
        any(row[3] for row in rows),
    ]
    columns = [c for c, k in zip(columns, keep, strict=True) if k]
    rows = [[cell for cell, k in zip(row, keep, strict=True) if k] for row in rows]
    option = OPTIONS.get(entry.aspect.key) if entry.aspect else None
    notes = [f"Type any of these with {option}"] if option else []
    if any(value.kind == "concept" for value in entry.values):
        notes.append("a concept also finds its narrower ones")
    caption = ["; ".join(notes).capitalize()] if notes else []
    return Grid(f"{named}: {len(entry.values)} values", columns, rows, caption=caption)


def origins_table(role: Role) -> Grid:
    """Where the role and each of its parts were written: the role's file once, above the
    table, and each part's line and column in it (a part from another file, the role it
    extends, names its file too), so a long path is never cut in a narrow column."""
    home = role.location.file if role.location else None
    where = str(role.location) if role.location else "(unknown)"
    rows: list[list[Cell]] = [
        [key, f"{at.line}:{at.column}" if at.file == home else str(at)]
        for key, at in role.locations.items()
    ]
    columns = [Column("Attribute", bold=True), Column("Line:column" if home else "Written at")]
    return Grid(f"{role_heading(role)}, defined at {where}", columns, rows)
