"""The documents people hand on, as `Page`s: one role (`show`), roles side by side
(`compare`) and a role brief to start a job description from (`brief`).

Each reads like something a person wrote: headings, bullet lists, human labels and names
(never ids), editorial items marked as such, and every item footnoted to the articles
behind it. A table appears only where rows and columns are the clearest form: dimensions
side by side, and who does what. Plain data in, a `Page` out; the writers in
`pmroles.render.markdown`, `.html` and `.plain` escape the catalogue's text for their form.
The site passes `Links` so names lead to its pages; a document on its own links nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from pmroles.model import (
    ASPECT_BY_KEY,
    ASPECTS,
    EDITORIAL,
    Aspect,
    AspectKind,
    Catalogue,
    Comparison,
    Relation,
    Role,
    display_names,
    normalise,
)
from pmroles.render.page import (
    NO_LINKS,
    Block,
    Bullets,
    Cite,
    Footnotes,
    Heading,
    Inline,
    Item,
    Line,
    Links,
    Page,
    Paragraph,
    Quiet,
    Strong,
    Table,
    linked,
)
from pmroles.render.text import percent
from pmroles.render.wording import EDITORIAL_SUFFIX, dimension_words, joined, value_text

if TYPE_CHECKING:
    from pmroles.answers.brief import Brief, Cited, Contrast
    from pmroles.answers.compare import AspectRow, RoleComparison
    from pmroles.answers.similarity import Reason

DIMENSIONS = ("horizon", "method", "market", "orientation")
"""Shown together, "at a glance", rather than a section each."""
AREAS = ("owns", "supports")
EDITORIAL_MARK = EDITORIAL_SUFFIX
"""After an item that is pmroles' own summary of common practice, not an article's."""
EDITORIAL_NOTE = (
    "Items marked (editorial) are pmroles' own summary of common practice where the "
    "articles are silent; the others come from the articles in the notes."
)
CARD_ASPECTS = ("focus", "skills", "interactions", "goals", "tools", "background")
"""What a reader of one role expects to learn; said to be missing when the sources are silent."""
RELATION_WORDS: Mapping[Relation, str] = {
    Relation.COMPARABLE: "much the same job under different names or settings",
    Relation.COMPLEMENTARY: "different jobs that work hand in hand",
    Relation.DISTINCT: "different jobs, whatever their names suggest",
}
"""What each relation a curated comparison states means, in a reader's words."""
RELATIONS = {relation: f"{relation.value} ({words})" for relation, words in RELATION_WORDS.items()}


# -- words ------------------------------------------------------------------------------------


def _joined_line(parts: Sequence[Line], last: str = "and") -> Line:
    """Lines joined as `joined` joins words."""
    out: list[Inline] = []
    for index, part in enumerate(parts):
        if index:
            out.append(f" {last} " if index == len(parts) - 1 else ", ")
        out += part
    return tuple(out)


def capital(text: str) -> str:
    """`text` starting with a capital, as a bullet in a document does: 'maintain the
    backlog' -> 'Maintain the backlog'; a first word with capitals of its own ('iOS',
    'eBay') stays as typed."""
    first = text.split(" ", 1)[0]
    if not text[:1].islower() or any(c.isupper() for c in first[1:]):
        return text
    return text[0].upper() + text[1:]


def anchor(key: str) -> str:
    return key.replace("_", "-")


# -- the parts every page is made of ---------------------------------------------------------


class _Writer:
    """What a page's builder needs at hand: names, links and the page's footnotes."""

    def __init__(self, catalogue: Catalogue, links: Links) -> None:
        self.catalogue = catalogue
        self.links = links
        self.notes = Footnotes()
        self.names = display_names(catalogue)

    def cites(self, ids: Iterable[str]) -> tuple[Cite, ...]:
        """Footnote marks for the sources `ids`, in the order of their numbers."""
        found = self.notes.cite_ids(tuple(ids), self.catalogue.sources)
        return tuple(sorted(found, key=lambda cite: cite.number))

    def marked(self, value: Inline, sources: Sequence[str], editorial: bool) -> Line:
        """`value`, marked when editorial, then its footnotes."""
        mark: tuple[Inline, ...] = (Quiet(EDITORIAL_MARK),) if editorial else ()
        return (value, *mark, *self.cites(sources))

    def role(self, role: Role) -> Inline:
        return linked(role.name, self.links.role(role.id))

    def stakeholder(self, stakeholder_id: str) -> Inline:
        if stakeholder_id not in self.catalogue.stakeholders:
            return stakeholder_id  # a group no catalogue defines: only its id is known
        name = self.catalogue.stakeholders[stakeholder_id].name
        return linked(name, self.links.stakeholder(stakeholder_id))

    def value(self, key: str, value: str, *, bullet: bool = True) -> Inline:
        """One item of aspect `key` as people read it: in a list of its own (`bullet`),
        starting with a capital; in a run of items, as typed."""
        aspect = ASPECT_BY_KEY[key]
        if aspect.kind is AspectKind.STAKEHOLDERS:
            return self.stakeholder(value)
        if key in AREAS:
            return self.names.get(value, value)
        if key in DIMENSIONS:
            return capital(value_text(key, value))
        return capital(value) if bullet else value

    def item(self, role: Role, key: str, value: str, *, bullet: bool = True) -> Line:
        """One item of a role's aspect: as people read it, marked, footnoted."""
        return self.marked(
            self.value(key, value, bullet=bullet),
            role.item_sources(key, value),
            role.is_editorial(key, value),
        )

    def cited(self, key: str, item: Cited) -> Line:
        return self.marked(self.value(key, item.text), item.sources, item.editorial)

    def dimension(self, role: Role, key: str) -> Line:
        """A dimension's values in a sentence ('B2C, B2B and B2G'): footnoted once when
        they share their sources, each on its own otherwise."""
        values = role.get(key)
        words = dimension_words(key, values)
        sources = {role.item_sources(key, v) for v in values}
        if len(sources) == 1:
            ids = next(iter(sources))
            return self.marked(joined(words), ids, ids == (EDITORIAL,))
        return _joined_line(
            [
                self.marked(word, role.item_sources(key, v), role.is_editorial(key, v))
                for word, v in zip(words, values, strict=True)
            ]
        )

    def source_name(self, source_id: str) -> str:
        """An article as a sentence names it: its author, publisher or title."""
        source = self.catalogue.sources.get(source_id)
        if source_id == EDITORIAL:
            return "pmroles' editorial summary"
        if source is None:
            return source_id
        return source.author or source.publisher or f"\u201c{source.title}\u201d"

    def sides(self, disputes: Iterable[Mapping[str, str]]) -> tuple[Item, ...]:
        """Where the articles disagree: each article's view, by the article, footnoted."""
        return tuple(
            Item((f"{self.source_name(source)}: ", view, *self.cites([source])))
            for dispute in disputes
            for source, view in dispute.items()
        )

    def page(
        self, title: str, blocks: Sequence[Block], description: str, keywords: Iterable[str]
    ) -> Page:
        return Page(
            title,
            tuple(blocks),
            self.notes.sources,
            description,
            tuple(dict.fromkeys(keywords)),
        )


def _keywords(roles: Iterable[Role], catalogue: Catalogue) -> list[str]:
    """Other names of the roles, and the labels of the concepts their items name."""
    words: list[str] = []
    for role in roles:
        words += role.aliases
        for items in role.concepts.values():
            for ids in items.values():
                words += [catalogue.concepts[c].label for c in ids if c in catalogue.concepts]
    return words


def _other_names(role: Role) -> list[str]:
    same = {normalise(role.name), normalise(role.id)}
    return [alias for alias in role.aliases if normalise(alias) not in same]


def _silent(about: Sequence[str]) -> Paragraph:
    """'The sources say nothing yet about its skills, tools or background.'"""
    return Paragraph((f"The sources say nothing yet about {joined(about, 'or')}.",), quiet=True)


# -- show -------------------------------------------------------------------------------------


def show_page(
    role: Role,
    catalogue: Catalogue,
    links: Links = NO_LINKS,
    aspects: Sequence[str] | None = None,
) -> Page:
    """One role as a document: its summary, the dimensions at a glance, a section per
    aspect, where the articles disagree, and the comparisons the articles make with it.
    `aspects` (keys): only those, in that order, a section each (`show --aspects`)."""
    write = _Writer(catalogue, links)
    blocks: list[Block] = [Heading(1, role.name)]
    also = _other_names(role)
    if also:
        blocks.append(Paragraph((f"Also called {joined(also, 'or')}.",), quiet=True))
    if aspects is not None:
        for key in aspects:
            blocks += _show_section(write, role, ASPECT_BY_KEY[key])
    else:
        if role.summary is not None:
            blocks.append(Paragraph(write.item(role, "summary", role.summary)))
            blocks += _disputes(
                write, role, "summary", "The articles describe the role differently:"
            )
        glance = _glance(write, role)
        if glance:
            blocks += [Heading(2, "At a glance", "at-a-glance"), glance]
        for aspect in ASPECTS:
            if aspect.key != "summary" and aspect.key not in DIMENSIONS and role.has(aspect.key):
                blocks += _show_section(write, role, aspect)
        blocks += _compared(write, role)
        missing = [ASPECT_BY_KEY[k].label.lower() for k in CARD_ASPECTS if not role.has(k)]
        if missing:
            blocks.append(_silent(["its " + joined(missing, "or")]))
    keys = aspects if aspects is not None else [aspect.key for aspect in ASPECTS]
    if any(role.is_editorial(k, v) for k in keys for v in role.get(k)):
        blocks.append(Paragraph((EDITORIAL_NOTE,), quiet=True))
    description = role.summary or f"{role.name}: what the role does, with whom and how."
    return write.page(role.name, blocks, description, _keywords([role], catalogue))


def _show_section(write: _Writer, role: Role, aspect: Aspect) -> list[Block]:
    """An aspect's heading and items (a line when the sources say nothing), then where the
    articles disagree on it."""
    key = aspect.key
    blocks: list[Block] = [Heading(2, aspect.label, anchor(key))]
    values = role.get(key)
    if not values:
        blocks.append(Paragraph(("Not stated in the sources.",), quiet=True))
    elif aspect.kind is AspectKind.TEXT:
        blocks.append(Paragraph(write.item(role, key, values[0])))
    elif key in DIMENSIONS:
        blocks.append(Paragraph(_capital_line(write.dimension(role, key))))
    else:
        blocks.append(Bullets(tuple(Item(write.item(role, key, v)) for v in values)))
    blocks += _disputes(write, role, key, "Where the articles disagree:")
    return blocks


def _capital_line(line: Line) -> Line:
    if line and isinstance(line[0], str):
        return (capital(line[0]), *line[1:])
    return line


def _disputes(write: _Writer, role: Role, key: str, intro: str) -> list[Block]:
    disputes = role.disputes.get(key, ())
    if not disputes:
        return []
    return [Paragraph((intro,)), Bullets(write.sides(disputes))]


def _glance(write: _Writer, role: Role) -> Bullets | None:
    """The dimensions as a short list, with where the articles disagree on one."""
    items = [
        _glance_item(write, role, key, role.disputes.get(key, ()))
        for key in DIMENSIONS
        if role.has(key)
    ]
    return Bullets(tuple(items)) if items else None


def _glance_item(
    write: _Writer, role: Role, key: str, disputes: Sequence[Mapping[str, str]]
) -> Item:
    """'Market: B2C and B2B', and under it where the articles disagree on it."""
    text: Line = (Strong(f"{ASPECT_BY_KEY[key].label}:"), " ", *write.dimension(role, key))
    if disputes:
        text += (". The articles differ:",)
    return Item(text, write.sides(disputes))


def _compared(write: _Writer, role: Role) -> list[Block]:
    """The curated comparisons with other roles: who, what the articles make of the pair."""
    from pmroles.answers.brief import compared_with

    items: list[Item] = []
    for note, other in compared_with(write.catalogue, role):
        href = write.links.comparison(*note.roles) or write.links.role(other.id)
        text: list[Inline] = [linked(other.name, href)]
        if note.relation is not None:
            text.append(f": the articles call them {RELATIONS[note.relation]}.")
        else:
            text.append(":")
        if note.summary:
            text.append(f" {note.summary}")
        items.append(Item((*text, *write.cites(note.sources))))
    if not items:
        return []
    return [
        Heading(2, "Compared with other roles", "compared"),
        Bullets(tuple(items)),
    ]


# -- compare ----------------------------------------------------------------------------------


def compare_page(
    roles: Sequence[Role],
    catalogue: Catalogue,
    links: Links = NO_LINKS,
    aspects: Sequence[str] | None = None,
    *,
    only_differences: bool = False,
) -> Page:
    """Two or more roles side by side, as `compare` computes them (see `comparison_page`)."""
    from pmroles.answers.compare import compare

    result = compare(
        catalogue, roles, list(aspects) if aspects else None, only_differences=only_differences
    )
    return comparison_page(result, catalogue, links)


def compare_title(roles: Sequence[Role]) -> str:
    """'A vs B'; for more roles, 'A, B and C compared'."""
    names = [role.name for role in roles]
    return " vs ".join(names) if len(names) == 2 else f"{joined(names)} compared"


def comparison_page(result: RoleComparison, catalogue: Catalogue, links: Links = NO_LINKS) -> Page:
    """What `compare` computed, as a document: the roles' summaries, what the articles say
    about each pair, how alike the roles are and why, the dimensions side by side, then per
    aspect what the roles share and what only each has."""
    write = _Writer(catalogue, links)
    roles = result.roles
    title = compare_title(roles)
    blocks: list[Block] = [Heading(1, title)]
    by_key = {row.aspect.key: row for row in result.rows}
    if "summary" in by_key:
        for role in roles:
            if role.summary is not None:
                said = write.item(role, "summary", role.summary)
                blocks.append(Paragraph((_strong(write.role(role)), ": ", *said)))
        blocks += _disagreements(write, roles, "summary")
    by_id = {role.id: role for role in roles}
    for note in result.notes:
        blocks += _curated(write, note, by_id, alone=len(result.notes) == 1 and len(roles) == 2)
    blocks += _similarity(write, result)
    dimensions = [row for row in result.rows if row.aspect.key in DIMENSIONS]
    if dimensions:
        blocks += _dimensions_table(write, roles, dimensions)
    for row in result.rows:
        if row.aspect.key != "summary" and row.aspect.key not in DIMENSIONS:
            blocks += _aspect_section(write, row, roles)
    editorial = any(
        role.is_editorial(key, v) for role in roles for key in by_key for v in role.get(key)
    )
    if editorial:
        blocks.append(Paragraph((EDITORIAL_NOTE,), quiet=True))
    summary = next((note.summary for note in result.notes if note.summary), None)
    description = summary or f"{title}: what each role does, what they share and how they differ."
    return write.page(title, blocks, description, _keywords(roles, catalogue))


def _curated(
    write: _Writer, note: Comparison, by_id: Mapping[str, Role], *, alone: bool
) -> list[Block]:
    """What the articles say about one pair: their judgement and summary, what the two
    share and how they differ, where each stands out, and who does what."""
    first, second = (by_id[role_id] for role_id in note.roles)
    heading = "What the articles say"
    if not alone:
        heading += f" about {first.name} and {second.name}"
    blocks: list[Block] = [Heading(2, heading, f"articles-{anchor(note.id)}")]
    blocks += _note_body(write, note, (first, second), level=3)
    return blocks


def _note_body(
    write: _Writer, note: Comparison, pair: tuple[Role, Role], *, level: int
) -> list[Block]:
    """A curated comparison's content under a heading of `level - 1`."""
    blocks: list[Block] = []
    cites = write.cites(note.sources)
    opening: list[Inline] = []
    if note.relation is not None:
        opening.append(f"The articles call them {RELATIONS[note.relation]}.")
    if note.summary:
        opening.append((" " if opening else "") + note.summary)
    if not opening:
        names = joined([write.source_name(s) for s in note.sources])
        opening.append(f"According to {names}:" if names else "What the catalogue records:")
    blocks.append(Paragraph((*opening, *cites)))
    for label, items in (
        ("What both share", note.similarities),
        ("How they differ", note.differences),
    ):
        if items:
            blocks += [
                Heading(level, label),
                Bullets(tuple(Item((capital(i),)) for i in items)),
            ]
    for label, per_role in (
        ("Where each stands out", note.excels),
        ("Advantages of each over the other", note.advantages),
    ):
        if any(per_role.get(role.id) for role in pair):
            blocks += [
                Heading(level, label),
                Bullets(
                    tuple(
                        Item(
                            (Strong(role.name),),
                            tuple(Item((capital(i),)) for i in per_role[role.id]),
                        )
                        for role in pair
                        if per_role.get(role.id)
                    )
                ),
            ]
    if note.split:
        rows = tuple(
            (
                (capital(area),),
                *(((capital(shares[r.id]),) if shares.get(r.id) else ("-",)) for r in pair),
            )
            for area, shares in note.split.items()
        )
        blocks += [
            Heading(level, "Who does what"),
            Table(("Area", *(role.name for role in pair)), rows),
        ]
    return blocks


def _similarity(write: _Writer, result: RoleComparison) -> list[Block]:
    """How alike the roles come out, and what raises or lowers the score."""
    blocks: list[Block] = [Heading(2, "How alike they are", "similarity")]
    if len(result.pairs) == 1:
        score = result.pairs[0].score
        blocks.append(
            Paragraph(
                (
                    "They come out ",
                    Strong(f"{percent(score.value)} alike"),
                    f", with {score.confidence} confidence.",
                )
            )
        )
        for label, reasons in (
            ("What brings them together:", [r for r in score.reasons if r.effect >= 0]),
            ("What sets them apart:", [r for r in score.reasons if r.effect < 0]),
        ):
            if reasons:
                blocks += [
                    Paragraph((label,)),
                    Bullets(tuple(Item(reason_line(write, r)) for r in reasons)),
                ]
    else:
        blocks.append(
            Paragraph(
                (
                    "On average over the pairs, they come out ",
                    Strong(f"{percent(result.similarity)} alike"),
                    ".",
                )
            )
        )
        items = []
        for pair in result.pairs:
            text: list[Inline] = [
                Strong(f"{pair.one.name} and {pair.other.name}"),
                f": {percent(pair.score.value)}, {pair.score.confidence} confidence",
            ]
            first = next(iter(pair.score.reasons), None)
            if first is not None:
                text += ["; ", *_lower_line(reason_line(write, first))]
            items.append(Item(tuple(text)))
        blocks.append(Bullets(tuple(items)))
    blocks.append(
        Paragraph(
            (
                "The score weighs what the roles list, the dimensions they state and what the "
                "articles say about the pair; pmroles compare --help explains how.",
            ),
            quiet=True,
        )
    )
    return blocks


def _lower_line(line: Line) -> Line:
    if line and isinstance(line[0], str) and line[0][:1].isupper() and line[0][1:2].islower():
        return (line[0][0].lower() + line[0][1:], *line[1:])
    return line


def reason_line(write: _Writer, reason: Reason) -> Line:
    """One reason of a similarity, as a person says it: 'The articles call them comparable',
    'Skills: Communication, Backlog (near Product backlog)', 'Same market: B2C and B2B'."""
    from pmroles.render.reasons import reason_words

    if reason.kind == "articles" and reason.relation is not None:
        note = write.catalogue.comparisons.get(reason.comparison or "")
        cites = write.cites(note.sources) if note is not None else ()
        return (reason_words(reason, write.catalogue, write.names, who=False), *cites)
    return (reason_words(reason, write.catalogue, write.names),)


def _dimensions_table(
    write: _Writer, roles: Sequence[Role], rows: Sequence[AspectRow]
) -> list[Block]:
    """The dimensions side by side, then where the articles disagree on them."""
    table_rows = tuple(
        (
            (row.aspect.label,),
            *(
                _capital_line(write.dimension(role, row.aspect.key)) if values else ("-",)
                for role, values in zip(roles, row.values, strict=True)
            ),
        )
        for row in rows
    )
    blocks: list[Block] = [
        Heading(2, "At a glance", "at-a-glance"),
        Table(("", *(role.name for role in roles)), table_rows),
    ]
    disputed = [
        Item(
            (f"{role.name}, {row.aspect.label.lower()}:",),
            write.sides(role.disputes[row.aspect.key]),
        )
        for row in rows
        for role in roles
        if role.disputes.get(row.aspect.key)
    ]
    if disputed:
        blocks += [Paragraph(("Where the articles disagree:",)), Bullets(tuple(disputed))]
    return blocks


def _aspect_section(write: _Writer, row: AspectRow, roles: Sequence[Role]) -> list[Block]:
    """One aspect: how alike, what every role names, what some name, what only each names,
    who the sources say nothing about, and where the articles disagree."""
    from pmroles.answers.compare import Mark

    key = row.aspect.key
    blocks: list[Block] = [Heading(2, row.aspect.label, anchor(key))]
    if row.similarity is not None:
        blocks.append(Paragraph((f"{percent(row.similarity)} alike.",), quiet=True))
    groups: list[Item] = []
    shared = [
        [v for v in values if row.mark(i, v) is Mark.SHARED] for i, values in enumerate(row.values)
    ]
    if any(shared):
        texts = [sorted(normalise(v) for v in items) for items in shared]
        if all(t == texts[0] for t in texts):  # the same words: said once
            children = tuple(Item(_both(write, roles, key, v)) for v in shared[0])
        else:
            children = tuple(
                Item((Strong(f"{role.name}:"), " ", *_items_line(write, role, key, items)))
                for role, items in zip(roles, shared, strict=True)
                if items
            )
        groups.append(Item((Strong("In common"),), children))
    if len(roles) > 2:
        some = [
            Item((*write.item(role, key, v), Quiet(f" ({_holders(row, roles, i, v)})")))
            for i, (role, values) in enumerate(zip(roles, row.values, strict=True))
            for v in values
            if row.mark(i, v) is Mark.SOME
        ]
        if some:
            groups.append(Item((Strong("Named by some"),), tuple(some)))
    for i, (role, values) in enumerate(zip(roles, row.values, strict=True)):
        only = [v for v in values if row.mark(i, v) is Mark.UNIQUE]
        if only:
            groups.append(
                Item(
                    (Strong(f"Only {role.name}"),),
                    tuple(Item(write.item(role, key, v)) for v in only),
                )
            )
    missing = [role.name for role, values in zip(roles, row.values, strict=True) if not values]
    if missing:
        groups.append(Item((Quiet(f"Not stated in the sources for {joined(missing)}"),)))
    if groups:
        blocks.append(Bullets(tuple(groups)))
    return blocks + _disagreements(write, roles, key)


def _disagreements(write: _Writer, roles: Sequence[Role], key: str) -> list[Block]:
    """Where the articles disagree on aspect `key` of any of `roles`, role by role."""
    disputed = [
        Item((f"{role.name}:",), write.sides(role.disputes[key]))
        for role in roles
        if role.disputes.get(key)
    ]
    if not disputed:
        return []
    return [Paragraph(("Where the articles disagree:",)), Bullets(tuple(disputed))]


def _both(write: _Writer, roles: Sequence[Role], key: str, value: str) -> Line:
    """An item every role lists in the same words, footnoted to each role's sources."""
    sources = [s for role in roles for s in role.item_sources(key, value)]
    editorial = all(role.is_editorial(key, value) for role in roles)
    return write.marked(write.value(key, value), tuple(dict.fromkeys(sources)), editorial)


def _items_line(write: _Writer, role: Role, key: str, items: Sequence[str]) -> Line:
    out: list[Inline] = []
    for index, item in enumerate(items):
        if index:
            out.append("; ")
        out += write.item(role, key, item, bullet=False)
    return tuple(out)


def _holders(row: AspectRow, roles: Sequence[Role], index: int, item: str) -> str:
    """The roles that name what `item` (of role `index`) stands for, by name."""
    units = row.units[index][row.values[index].index(item)]
    return joined([role.name for role, keys in zip(roles, row.keys, strict=True) if units & keys])


# -- brief ------------------------------------------------------------------------------------


BRIEF_MISSING = {
    "skills": "the skills it asks for",
    "background": "the background it asks for",
    "tools": "the tools it uses",
}
BRIEF_INTRO = (
    "A starting point for a job description, drawn from the articles in the notes at the end."
)
BRIEF_EDITORIAL = (
    " Items marked (editorial) are pmroles' own summary of common practice where the "
    "articles are silent: check them against the job."
)


def brief_page(role: Role, catalogue: Catalogue, links: Links = NO_LINKS) -> Page:
    """The brief of `role` as a document to start a job description from."""
    from pmroles.answers.brief import brief

    return brief_document_page(brief(catalogue, role), catalogue, links)


def brief_document_page(found: Brief, catalogue: Catalogue, links: Links = NO_LINKS) -> Page:
    """`found` (see `pmroles.answers.brief`) written out: about the role, at a glance, what
    it does, what success looks like, what it asks for, who it works with and what they
    need, how it differs from the roles nearest it; the articles as numbered notes."""
    write = _Writer(catalogue, links)
    role = found.role
    sections = found.sections
    intro = BRIEF_INTRO + (BRIEF_EDITORIAL if _any_editorial(found) else "")
    blocks: list[Block] = [Heading(1, role.name), Paragraph((intro,), quiet=True)]
    missing: list[str] = []

    def bullets(key: str) -> Bullets:
        return Bullets(tuple(Item(write.cited(key, item)) for item in sections[key]))

    def disputes(key: str, intro: str) -> list[Block]:
        if not found.disputes.get(key):
            return []
        return [Paragraph((intro,)), Bullets(write.sides(found.disputes[key]))]

    # About the role
    if found.summary is not None or sections["focus"]:
        blocks.append(Heading(2, "About the role", "about"))
        if found.summary is not None:
            blocks.append(Paragraph(write.cited("summary", found.summary)))
            blocks += disputes("summary", "The articles describe the role differently:")
        if sections["focus"]:
            blocks += [Paragraph(("Its focus:",)), bullets("focus")]
    else:
        missing.append("what the role is about")
    glance = [
        _glance_item(write, role, key, found.disputes.get(key, ()))
        for key in DIMENSIONS
        if sections[key]
    ]
    if glance:
        blocks += [Heading(2, "At a glance", "at-a-glance"), Bullets(tuple(glance))]

    # What the role does
    work = [key for key in ("responsibilities", "owns", "supports", "day_to_day") if sections[key]]
    if work:
        blocks.append(Heading(2, "Responsibilities", "responsibilities"))
        if sections["responsibilities"]:
            blocks.append(bullets("responsibilities"))
            blocks += disputes("responsibilities", "Where the articles disagree:")
        for key, label in (
            ("owns", "Accountable for"),
            ("supports", "Contributes to"),
            ("day_to_day", "Day to day"),
        ):
            if sections[key]:
                blocks += [Heading(3, label, anchor(key)), bullets(key)]
                blocks += disputes(key, "Where the articles disagree:")
    else:
        missing.append("its responsibilities")
    success = [
        Item(write.cited(key, item)) for key in ("outcomes", "goals") for item in sections[key]
    ]
    if success:
        blocks += [
            Heading(2, "What success looks like", "success"),
            Bullets(tuple(success)),
        ]
        for key in ("outcomes", "goals"):
            blocks += disputes(key, "Where the articles disagree:")

    # What the role asks for
    for key, label in (
        ("skills", "Skills"),
        ("background", "Background"),
        ("tools", "Tools"),
    ):
        if sections[key]:
            blocks += [Heading(2, label, anchor(key)), bullets(key)]
            blocks += disputes(key, "Where the articles disagree:")
        else:
            missing.append(BRIEF_MISSING[key])

    # Who it works with
    if found.groups:
        blocks += _groups(write, found)
    else:
        missing.append("the groups it works with")

    # How it differs from its nearest roles
    if found.nearest:
        blocks.append(Heading(2, "How it differs from related roles", "related"))
        for contrast in found.nearest:
            blocks += _contrast(write, role, contrast)
    if missing:
        blocks.append(_silent(missing))
    description = (
        f"{role.name}: a job description starter. {found.summary.text}"
        if found.summary is not None
        else f"{role.name}: a job description starter."
    )
    return write.page(role.name, blocks, description, _keywords([role], catalogue))


def _strong(value: Inline) -> Inline:
    """A name in bold, or a link to it as it is."""
    return Strong(value) if isinstance(value, str) else value


def _any_editorial(found: Brief) -> bool:
    items = [item for items in found.sections.values() for item in items]
    items += [need for group in found.groups for need in group.needs]
    if found.summary is not None:
        items.append(found.summary)
    return any(item.editorial for item in items) or any(g.editorial for g in found.groups)


def _groups(write: _Writer, found: Brief) -> list[Block]:
    """Each group the role works with, and what the group needs from product roles."""
    items = tuple(
        Item(
            write.marked(_strong(write.stakeholder(group.id)), group.sources, group.editorial),
            tuple(
                Item(write.marked(capital(need.text), need.sources, need.editorial))
                for need in group.needs
            ),
        )
        for group in found.groups
    )
    needs = any(group.needs for group in found.groups)
    blocks: list[Block] = [Heading(2, "Who the role works with", "works-with")]
    if needs:
        blocks.append(Paragraph(("Each group, and what it needs from product roles:",)))
    blocks.append(Bullets(items))
    return blocks


def _contrast(write: _Writer, role: Role, contrast: Contrast) -> list[Block]:
    """One related role: how alike, what the articles make of the pair, what sets the two
    apart, where each stands out and what each has over the other, and who does what."""
    other, note, score = contrast
    blocks: list[Block] = [Heading(3, other.name, f"vs-{anchor(other.id)}")]
    judged = (
        f"The articles call them {RELATIONS[note.relation]}. " if note.relation is not None else ""
    )
    said = (judged + (note.summary or "")).strip()
    if said:
        blocks.append(Paragraph((said, *write.cites(note.sources))))
    blocks.append(
        Paragraph(
            (
                f"By pmroles' measure the two are {percent(score.value)} alike, "
                f"with {score.confidence} confidence.",
            ),
            quiet=True,
        )
    )
    pair = (role, other)
    parts: list[tuple[str, Sequence[str]]] = [("How they differ:", note.differences)]
    for label, per_role in (
        ("Where the {} stands out:", note.excels),
        ("What the {} has over the other:", note.advantages),
    ):
        parts += [(label.format(r.name), per_role.get(r.id, ())) for r in pair]
    for label, items in parts:
        if items:
            blocks += [Paragraph((label,)), Bullets(tuple(Item((capital(i),)) for i in items))]
    if note.split:
        rows = tuple(
            (
                (capital(area),),
                *(((capital(shares[r.id]),) if shares.get(r.id) else ("-",)) for r in pair),
            )
            for area, shares in note.split.items()
        )
        blocks += [
            Paragraph(("Who does what:",)),
            Table(("Area", *(r.name for r in pair)), rows),
        ]
    return blocks
