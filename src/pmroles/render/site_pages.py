"""The pages of `pmroles site` that are the site's own, and where every page of it lives.

The role and comparison pages are `pmroles.render.pages`' pages with the site's links (and,
for a role, a few sections that lead on to the rest of the site); the index, the
stakeholder pages, the compare picker, the matrix, the map and the sources are built here.
Everything is a `Page` of plain data; the index's search box and the compare picker's form
are `Markup` blocks of HTML written here, and a matrix cell is a `Sign` with the words a
screen reader says for it.

The site's layout, one folder deep so that every page knows its way back:

    index.html  compare.html  matrix.html  map.html  sources.html
    roles/<role>.html  stakeholders/<stakeholder>.html  compare/<role>--<role>.html

File names come from ids made safe (`slugs`): lower-case ASCII letters, digits and single
hyphens, unique in their folder, so an id of an own catalogue can never name a path outside
the site. Pages and pairs follow the catalogue's order, so the same input gives the same
bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from pmroles.answers.matrix import (
    PRIMARY,
    SECONDARY,
    Matrix,
    responsibility_matrix,
    stakeholder_matrix,
)
from pmroles.answers.query import roles_by_stakeholder
from pmroles.answers.rolemap import fitted_lines, height_words, role_map, side_words
from pmroles.model import (
    ASPECTS,
    EDITORIAL,
    RESPONSIBILITY_AREAS,
    AspectKind,
    Catalogue,
    Comparison,
    Role,
    Stakeholder,
)
from pmroles.render.html import escape
from pmroles.render.map_page import EXPLAINED, map_figure
from pmroles.render.page import (
    Block,
    Bullets,
    Footnotes,
    Heading,
    Inline,
    Item,
    Line,
    Link,
    Markup,
    Page,
    Paragraph,
    Quiet,
    Sign,
    Strong,
    Table,
    linked,
)
from pmroles.render.pages import RELATION_WORDS, capital
from pmroles.render.text import inert

INDEX = "index.html"
PICKER = "compare.html"
MATRIX = "matrix.html"
MAP = "map.html"
SOURCES = "sources.html"
ROLES_DIR = "roles"
STAKEHOLDERS_DIR = "stakeholders"
PAIRS_DIR = "compare"

SLUG_LIMIT = 60
"""The most characters of a slug before its `-2` (a pair's file name holds two)."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)
"""Names Windows gives devices: a file `con.html` cannot be opened there."""
SITE_PATH = re.compile(
    r"(?:index|compare|matrix|map|sources)\.html"
    r"|(?:roles|stakeholders)/[a-z0-9]+(?:-[a-z0-9]+)*\.html"
    r"|compare/[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*\.html"
)
"""Every path a site's page can have, relative to its folder: the writer removes nothing else."""

MARKS = {PRIMARY: "●", SECONDARY: "○"}
MARK_WORDS = {
    "stakeholder": {PRIMARY: "works with"},
    "responsibility": {PRIMARY: "accountable for", SECONDARY: "contributes to"},
}
EDITORIAL_WORDS = "editorial: pmroles' own summary of common practice where the articles are silent"


# -- where every page lives ------------------------------------------------------------------


def slug(ident: str, fallback: str) -> str:
    """`ident` as a file name: ASCII lower-case letters and digits, words joined by one
    hyphen, at most SLUG_LIMIT characters; `fallback` when nothing of it is left."""
    folded = unicodedata.normalize("NFKD", ident).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("-", folded.lower()).strip("-")[:SLUG_LIMIT].strip("-")
    return text or fallback


def slugs(ids: Iterable[str], fallback: str) -> dict[str, str]:
    """A unique slug for each id, in order: a clash (or a device name) takes `-2`, `-3`..."""
    taken = set(_RESERVED)
    found: dict[str, str] = {}
    for ident in ids:
        base = slug(ident, fallback)
        chosen, number = base, 1
        while chosen in taken:
            number += 1
            chosen = f"{base}-{number}"
        taken.add(chosen)
        found[ident] = chosen
    return found


@dataclass(frozen=True, slots=True)
class SiteMap:
    """The site's pages: every role, stakeholder, source and pair of roles, and its file."""

    roles: Mapping[str, str]
    """Role id -> slug, in catalogue order."""
    stakeholders: Mapping[str, str]
    """Stakeholder id -> slug, in catalogue order."""
    sources: Mapping[str, str]
    """Source id -> its anchor on the sources page (every source any page cites)."""

    @classmethod
    def of(cls, catalogue: Catalogue) -> SiteMap:
        return cls(
            slugs(catalogue.roles, "role"),
            slugs(catalogue.stakeholders, "stakeholder"),
            {
                ident: f"article-{s}"
                for ident, s in slugs(cited_sources(catalogue), "source").items()
            },
        )

    def pairs(self) -> list[tuple[str, str]]:
        """Every pair of roles, each once, in catalogue order (first with second, ...)."""
        ids = list(self.roles)
        return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]

    def pair_path(self, first: str, second: str) -> str | None:
        """The page of a pair, whichever role is named first; None for a role with itself."""
        order = list(self.roles)
        if first == second or first not in self.roles or second not in self.roles:
            return None
        a, b = sorted((first, second), key=order.index)
        return f"{PAIRS_DIR}/{self.roles[a]}--{self.roles[b]}.html"

    def role_path(self, role_id: str) -> str | None:
        found = self.roles.get(role_id)
        return None if found is None else f"{ROLES_DIR}/{found}.html"

    def stakeholder_path(self, stakeholder_id: str) -> str | None:
        found = self.stakeholders.get(stakeholder_id)
        return None if found is None else f"{STAKEHOLDERS_DIR}/{found}.html"


class SiteLinks:
    """Where a page's names lead in the site (`pmroles.render.page.Links`), as hrefs
    relative to the folder the page is in, so that the site works from any place."""

    def __init__(self, site: SiteMap, folder: str = "") -> None:
        self.site = site
        self.folder = folder
        self._up = "../" if folder else ""

    def at(self, folder: str) -> SiteLinks:
        return SiteLinks(self.site, folder)

    def href(self, path: str) -> str:
        """`path` (relative to the site's top, maybe with `#fragment`) from this page."""
        return self._up + path

    def _maybe(self, path: str | None) -> str | None:
        return None if path is None else self.href(path)

    def role(self, role_id: str) -> str | None:
        return self._maybe(self.site.role_path(role_id))

    def stakeholder(self, stakeholder_id: str) -> str | None:
        return self._maybe(self.site.stakeholder_path(stakeholder_id))

    def comparison(self, first: str, second: str) -> str | None:
        return self._maybe(self.site.pair_path(first, second))

    def source(self, source_id: str) -> str | None:
        anchor = self.site.sources.get(source_id)
        return None if anchor is None else self.href(f"{SOURCES}#{anchor}")

    def nav(self) -> tuple[Link, ...]:
        """The links every page's navigation holds, in the same order everywhere."""
        return (
            Link("Home and search", self.href(INDEX)),
            Link("Roles", self.href(f"{INDEX}#roles")),
            Link("Stakeholders", self.href(f"{INDEX}#stakeholders")),
            Link("Compare", self.href(PICKER)),
            Link("Matrix", self.href(MATRIX)),
            Link("Map", self.href(MAP)),
            Link("Sources", self.href(SOURCES)),
        )


SITE_CSS = """\
#search-area { margin: 1.5rem 0; }
#search-area label { display: block; font-weight: 600; margin-bottom: 0.35rem; }
#search { width: 100%; max-width: 36rem; }
#search-status { margin: 0.5rem 0 0; color: var(--muted); font-size: 0.9rem; }
#search-status:empty { display: none; }
#results { margin: 0.5rem 0 0; }
#results small { color: var(--muted); }
#pick label { display: block; font-weight: 600; }
#pick select { width: 100%; max-width: 28rem; }
.table-wrap { position: relative; }
table:has(.sign) td { min-width: 0; text-align: center; }
table:has(.sign) thead th { min-width: 0; }
table:has(.sign) thead th:not(:first-child) {
  writing-mode: vertical-rl;
  transform: rotate(180deg);
  text-align: left;
  vertical-align: bottom;
  white-space: nowrap;
}
table:has(.sign) tbody th { min-width: 11rem; }
@media (max-width: 30rem) {
  table:has(.sign) tbody th { min-width: 7.5rem; }
}
"""
"""What the site's own parts need besides `pmroles.render.html.CSS`."""


def head(*parts: str) -> str:
    """The markup the site adds to a page's `<head>`: its style, then `parts`."""
    return "\n".join([f"<style>\n{SITE_CSS}</style>", *parts])


def script_json(data: object, element_id: str) -> str:
    """`data` as a JSON data block (`<script type="application/json">`) no text can end."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Inside <script> only `</script` or `<!--` could end or bend the block: no `<` at all.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


# -- the index and its search -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One page as the search knows it."""

    title: str
    kind: str
    """'role', 'stakeholder', 'comparison' or 'page'."""
    path: str
    """Relative to the site's top."""
    also: tuple[str, ...] = ()
    """Other names it is found by as by its title (a role's aliases)."""
    items: tuple[tuple[str, str], ...] = ()
    """(an item's text, the labels and words of the concepts it links to)."""


def _concept_words(catalogue: Catalogue, ids: Iterable[str]) -> str:
    words: list[str] = []
    for ident in ids:
        concept = catalogue.concepts.get(ident)
        if concept is not None:
            words += [concept.label, *concept.words]
    return " ".join(dict.fromkeys(words))


def role_items(role: Role, catalogue: Catalogue) -> tuple[tuple[str, str], ...]:
    """Every item of `role` as a person reads it, with its concepts' names."""
    areas = dict(RESPONSIBILITY_AREAS)
    stakeholders = {s.id: s.name for s in catalogue.stakeholders.values()}
    found: list[tuple[str, str]] = []
    for aspect in ASPECTS:
        for item in role.get(aspect.key):
            shown = item
            if aspect.kind is AspectKind.STAKEHOLDERS:
                shown = stakeholders.get(item, item)
            elif aspect.key in ("owns", "supports"):
                shown = areas.get(item, item)
            words = _concept_words(catalogue, role.item_concepts(aspect.key, item))
            found.append((f"{aspect.label}: {shown}", words))
    return tuple(found)


def comparison_items(note: Comparison) -> tuple[tuple[str, str], ...]:
    texts = [note.summary] if note.summary else []
    texts += [*note.similarities, *note.differences]
    texts += [item for items in note.advantages.values() for item in items]
    texts += [item for items in note.excels.values() for item in items]
    texts += [
        f"{area}: {share}" for area, shares in note.split.items() for share in shares.values()
    ]
    return tuple((text, "") for text in texts)


def search_entries(catalogue: Catalogue, site: SiteMap) -> list[Entry]:
    """Every page of the site, as the index's search finds it: roles, stakeholders, the
    pairs the articles compare (other pairs only by their roles' names), the rest."""
    entries: list[Entry] = []
    for role in catalogue.roles.values():
        path = site.role_path(role.id)
        assert path is not None
        entries.append(Entry(role.name, "role", path, role.aliases, role_items(role, catalogue)))
    for stakeholder in catalogue.stakeholders.values():
        path = site.stakeholder_path(stakeholder.id)
        assert path is not None
        needs = tuple((need, "") for need in stakeholder.needs)
        entries.append(Entry(stakeholder.name, "stakeholder", path, stakeholder.aliases, needs))
    notes = curated(catalogue)
    for first, second in site.pairs():
        path = site.pair_path(first, second)
        assert path is not None
        note = notes.get(frozenset((first, second)))
        items = comparison_items(note) if note is not None else ()
        title = pair_title(catalogue, first, second)
        entries.append(Entry(title, "comparison", path, (), items))
    entries += [
        Entry(PICKER_TITLE, "page", PICKER, ("compare two roles",)),
        Entry(MATRIX_TITLE, "page", MATRIX, ("matrix", "responsibilities", "stakeholders")),
        Entry(MAP_TITLE, "page", MAP, ("map", "business", "technical", "strategic")),
        Entry(SOURCES_TITLE, "page", SOURCES, ("articles", "references")),
    ]
    return entries


def search_data(entries: Sequence[Entry]) -> dict[str, object]:
    """What the index's script searches; text as the pages show it (`inert`: a control or
    bidi character is a visible escape, so no result can rewrite what is shown)."""
    return {
        "pages": [
            {
                "title": inert(entry.title),
                "kind": entry.kind,
                "href": entry.path,
                "also": [inert(name) for name in entry.also],
                "items": [[inert(text), inert(words)] for text, words in entry.items],
            }
            for entry in entries
        ]
    }


SEARCH_SCRIPT = """\
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("search-data").textContent);
  var box = document.getElementById("search");
  var list = document.getElementById("results");
  var status = document.getElementById("search-status");
  function fold(text) {
    return text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  var pages = data.pages.map(function (page, order) {
    return {
      page: page,
      order: order,
      title: fold(page.title + " " + page.also.join(" ")),
      items: page.items.map(function (item) { return fold(item[0] + " " + item[1]); })
    };
  });
  function holds(text, words) {
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }
  function shorten(text) {
    return text.length > 90 ? text.slice(0, 89) + "\\u2026" : text;
  }
  function why(hit) {
    var count = hit.found.length;
    var parts = [hit.entry.page.kind];
    if (hit.title) { parts.push("name matches"); }
    if (count) {
      parts.push(count + (count === 1 ? " matching item: " : " matching items, e.g. ") +
        shorten(hit.entry.page.items[hit.found[0]][0]));
    }
    return parts.join("; ");
  }
  function show() {
    var words = fold(box.value).split(/\\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    pages.forEach(function (entry) {
      var found = [];
      entry.items.forEach(function (text, index) {
        if (holds(text, words)) { found.push(index); }
      });
      var title = holds(entry.title, words);
      if (title || found.length) { hits.push({entry: entry, title: title, found: found}); }
    });
    hits.sort(function (a, b) {
      return (b.title - a.title) || (b.found.length - a.found.length) ||
        ((b.entry.page.kind === "role") - (a.entry.page.kind === "role")) ||
        (a.entry.order - b.entry.order);
    });
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.page.href;
      link.textContent = hit.entry.page.title;
      var note = document.createElement("small");
      note.textContent = why(hit);
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(note);
      list.appendChild(item);
    });
    status.textContent = hits.length === 0 ? "No page matches." :
      hits.length === 1 ? "1 page matches." : hits.length + " pages match, best first.";
  }
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { box.value = asked; }
  box.addEventListener("input", show);
  box.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "Enter" && first) { window.location.href = first.href; }
  });
  document.getElementById("search-area").hidden = false;
  show();
})();
"""


def search_html() -> str:
    """The index's search box, its results and its status; shown once the script runs."""
    return (
        '<div id="search-area" role="search" hidden>\n'
        '<label for="search">Search the roles, stakeholders and comparisons</label>\n'
        '<input type="search" id="search" autocomplete="off" spellcheck="false"'
        ' aria-describedby="search-status" aria-controls="results">\n'
        '<p id="search-status" role="status" aria-live="polite"></p>\n'
        '<ul id="results"></ul>\n'
        "</div>"
    )


INDEX_TITLE = "Product roles"


def index_page(catalogue: Catalogue, links: SiteLinks) -> Page:
    roles = list(catalogue.roles.values())
    notes = curated(catalogue)
    counts = (
        f"{_count(len(roles), 'role')}, {_count(len(catalogue.stakeholders), 'stakeholder')} "
        f"and {_count(len(notes), 'comparison')} from the articles. "
    )
    blocks: list[Block] = [
        Heading(1, INDEX_TITLE),
        Paragraph(
            (
                "The roles around a product: what each one does, who it works with, and "
                "how it differs from the others, each point with the article behind it. ",
                counts,
                "Every page is listed below.",
            )
        ),
        Markup(search_html()),
        Heading(2, "Roles", "roles"),
    ]
    if roles:
        blocks.append(
            Bullets(tuple(Item(_role_line(role, links)) for role in roles)),
        )
    else:
        blocks.append(Paragraph(("The catalogue defines no roles.",)))
    blocks.append(Heading(2, "Stakeholders", "stakeholders"))
    blocks.append(_stakeholder_list(catalogue, links))
    blocks += [
        Heading(2, "Comparisons", "comparisons"),
        Paragraph(
            (
                "What the articles say about one role against another, and a page for ",
                Link("any pair of roles", links.href(PICKER)),
                ".",
            )
        ),
    ]
    if notes:
        blocks.append(Bullets(tuple(Item(_note_line(catalogue, n, links)) for n in notes.values())))
    blocks += [
        Heading(3, "Every pair of roles", "pairs"),
        _pair_list(catalogue, links),
        Heading(2, "The whole picture", "overview"),
        Bullets(
            (
                Item((Link(MATRIX_TITLE, links.href(MATRIX)), ": ", MATRIX_DESCRIPTION)),
                Item((Link(MAP_TITLE, links.href(MAP)), ": ", MAP_DESCRIPTION)),
                Item((Link(SOURCES_TITLE, links.href(SOURCES)), ": ", SOURCES_DESCRIPTION)),
            )
        ),
    ]
    return Page(
        INDEX_TITLE,
        tuple(blocks),
        description="Product roles: what each does, with whom, and how they differ.",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _role_line(role: Role, links: SiteLinks) -> Line:
    line: list[Inline] = [linked(role.name, links.role(role.id))]
    if role.summary:
        line += [": ", role.summary]
    return tuple(line)


def _stakeholder_list(catalogue: Catalogue, links: SiteLinks) -> Block:
    if not catalogue.stakeholders:
        return Paragraph(("The catalogue defines no stakeholders.",))
    working = roles_by_stakeholder(catalogue)
    items = []
    for stakeholder in catalogue.stakeholders.values():
        count = len(working.get(stakeholder.id, ()))
        note = (
            f" ({_count(count, 'role')} {'works' if count == 1 else 'work'} with them)"
            if count
            else " (no role names them)"
        )
        items.append(
            Item((linked(stakeholder.name, links.stakeholder(stakeholder.id)), Quiet(note)))
        )
    return Bullets(tuple(items))


def _pair_list(catalogue: Catalogue, links: SiteLinks) -> Block:
    pairs = links.site.pairs()
    if not pairs:
        return Paragraph(("Comparing needs at least two roles.",))
    return Bullets(
        tuple(
            Item((linked(pair_title(catalogue, a, b), links.comparison(a, b)),)) for a, b in pairs
        )
    )


# -- comparisons ------------------------------------------------------------------------------


def curated(catalogue: Catalogue) -> dict[frozenset[str], Comparison]:
    """The articles' comparisons by their pair of roles (both roles defined), first kept."""
    found: dict[frozenset[str], Comparison] = {}
    for note in catalogue.comparisons.values():
        pair = frozenset(note.roles)
        if len(pair) == 2 and pair <= catalogue.roles.keys():
            found.setdefault(pair, note)
    return found


def pair_title(catalogue: Catalogue, first: str, second: str) -> str:
    """What a pair's page is called (`pmroles.render.pages.compare_title`)."""
    return f"{catalogue.roles[first].name} vs {catalogue.roles[second].name}"


def _note_line(catalogue: Catalogue, note: Comparison, links: SiteLinks) -> Line:
    first, second = note.roles
    line: list[Inline] = [
        linked(pair_title(catalogue, first, second), links.comparison(first, second))
    ]
    if note.relation is not None:
        line.append(Quiet(f" ({note.relation.value}: {RELATION_WORDS[note.relation]})"))
    return tuple(line)


PICKER_TITLE = "Compare two roles"
PICKER_SCRIPT = """\
(function () {
  "use strict";
  var form = document.getElementById("pick");
  var first = document.getElementById("first");
  var second = document.getElementById("second");
  var status = document.getElementById("pick-status");
  var slugs = JSON.parse(document.getElementById("pair-data").textContent).roles;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var a = first.selectedIndex;
    var b = second.selectedIndex;
    if (a === b) {
      status.textContent = "Choose two different roles.";
      second.focus();
      return;
    }
    var low = Math.min(a, b);
    var high = Math.max(a, b);
    window.location.href = "compare/" + slugs[low] + "--" + slugs[high] + ".html";
  });
  form.hidden = false;
})();
"""


def picker_html(catalogue: Catalogue, site: SiteMap) -> str:
    """The two lists to pick a pair from and the button that opens the pair's page."""
    roles = list(catalogue.roles.values())
    selects = []
    for name, label, chosen in (("first", "First role", 0), ("second", "Second role", 1)):
        options = "".join(
            f'<option value="{site.roles[role.id]}"'
            f"{' selected' if index == chosen else ''}>{escape(role.name)}</option>"
            for index, role in enumerate(roles)
        )
        selects.append(
            f'<p><label for="{name}">{label}</label>\n<select id="{name}">{options}</select></p>'
        )
    return (
        '<form id="pick" hidden>\n'
        + "\n".join(selects)
        + '\n<p><button type="submit">Compare</button></p>\n'
        '<p id="pick-status" role="status" aria-live="polite"></p>\n'
        "</form>"
    )


def picker_data(catalogue: Catalogue, site: SiteMap) -> dict[str, object]:
    return {"roles": [site.roles[role_id] for role_id in catalogue.roles]}


def picker_page(catalogue: Catalogue, links: SiteLinks) -> Page:
    notes = curated(catalogue)
    blocks: list[Block] = [
        Heading(1, PICKER_TITLE),
        Paragraph(
            (
                "Pick two roles to see them side by side: their summaries, what the articles "
                "say about the pair, and the aspects where they differ most.",
            )
        ),
    ]
    roles = list(catalogue.roles.values())
    if len(roles) >= 2:
        blocks.append(Markup(picker_html(catalogue, links.site)))
    blocks.append(Heading(2, "Every pair", "pairs"))
    if len(roles) < 2:
        blocks.append(Paragraph(("Comparing needs at least two roles.",)))
    else:
        items = []
        for role in roles:
            children = tuple(
                Item(
                    (
                        linked(f"with {other.name}", links.comparison(role.id, other.id)),
                        *(
                            (Quiet(" (the articles compare these)"),)
                            if frozenset((role.id, other.id)) in notes
                            else ()
                        ),
                    )
                )
                for other in roles
                if other.id != role.id
            )
            items.append(Item((linked(role.name, links.role(role.id)),), children))
        blocks.append(Bullets(tuple(items)))
    return Page(PICKER_TITLE, tuple(blocks), description="Compare any two product roles.")


# -- role pages --------------------------------------------------------------------------------


def role_extras(role: Role, catalogue: Catalogue, links: SiteLinks) -> tuple[Block, ...]:
    """What a role's page adds to `show`'s (which links the comparisons the articles make):
    the roles that work with the same stakeholders, and a comparison with every other role."""
    working = roles_by_stakeholder(catalogue)
    blocks: list[Block] = []
    interactions = role.get("interactions")
    if interactions:
        blocks.append(Heading(2, "Stakeholders and the roles that work with them", "network"))
        items = []
        for stakeholder_id in interactions:
            stakeholder = catalogue.stakeholders.get(stakeholder_id)
            name = stakeholder.name if stakeholder is not None else stakeholder_id
            also = tuple(
                Item((linked(other.name, links.role(other.id)),))
                for other in working.get(stakeholder_id, ())
                if other.id != role.id
            )
            line: Line = (linked(name, links.stakeholder(stakeholder_id)),)
            if also:
                line += (Quiet("; the other roles that work with them:"),)
            items.append(Item(line, also))
        blocks.append(Bullets(tuple(items)))
    others = [other for other in catalogue.roles.values() if other.id != role.id]
    if others:
        blocks.append(Heading(2, "Compare with another role", "compare"))
        blocks.append(
            Bullets(
                tuple(
                    Item((linked(other.name, links.comparison(role.id, other.id)),))
                    for other in others
                )
            )
        )
    return tuple(blocks)


def role_page(page: Page, role: Role, catalogue: Catalogue, links: SiteLinks) -> Page:
    """`show`'s page of `role` with the ways on to the rest of the site, and its contents."""
    return with_contents(page, role_extras(role, catalogue, links))


def pair_page(page: Page, first: str, second: str, catalogue: Catalogue, links: SiteLinks) -> Page:
    """`compare`'s page of a pair with the ways on: each role's page, other pairs."""
    more: list[Item] = [
        Item(
            (
                Link(f"{catalogue.roles[ident].name}", links.role(ident) or links.href(INDEX)),
                Quiet(": everything about the role"),
            )
        )
        for ident in (first, second)
    ]
    more.append(Item((Link("Compare another pair", links.href(PICKER)),)))
    extras = (Heading(2, "More", "more"), Bullets(tuple(more)))
    return replace(page, blocks=(*page.blocks, *extras))


def with_contents(page: Page, extras: Sequence[Block]) -> Page:
    """`page` with `extras` after its blocks and, before its first section, a line of
    links to its sections."""
    blocks = (*page.blocks, *extras)
    sections = [b for b in blocks if isinstance(b, Heading) and b.level == 2 and b.anchor]
    if len(sections) < 2:
        return replace(page, blocks=blocks)
    links: list[Inline] = [Strong("On this page:"), " "]
    for number, heading in enumerate(sections):
        links += [" · "] if number else []
        links.append(Link(heading.text, f"#{heading.anchor}"))
    first = blocks.index(sections[0])
    return replace(page, blocks=(*blocks[:first], Paragraph(tuple(links)), *blocks[first:]))


# -- stakeholder pages -------------------------------------------------------------------------


def stakeholder_page(
    stakeholder: Stakeholder, roles: Sequence[Role], catalogue: Catalogue, links: SiteLinks
) -> Page:
    notes = Footnotes()
    blocks: list[Block] = [Heading(1, stakeholder.name)]
    if stakeholder.aliases:
        blocks.append(Paragraph(("Also called: ", ", ".join(stakeholder.aliases), ".")))
    blocks.append(Heading(2, "What they need from product roles", "needs"))
    if stakeholder.needs:
        items = []
        for need in stakeholder.needs:
            cites = notes.cite_ids(stakeholder.need_sources(need), catalogue.sources)
            cites = tuple(sorted(cites, key=lambda cite: cite.number))
            mark = (Quiet(" (editorial)"),) if stakeholder.is_editorial(need) else ()
            items.append(Item((capital(need), *mark, *cites)))
        blocks.append(Bullets(tuple(items)))
    else:
        blocks.append(Paragraph(("The catalogue does not say.",), quiet=True))
    blocks.append(Heading(2, "Roles that work with them", "roles"))
    if roles:
        blocks.append(Bullets(tuple(Item(_role_line(role, links)) for role in roles)))
    else:
        blocks.append(Paragraph(("No role in the catalogue names them.",), quiet=True))
    if len(roles) >= 2:
        blocks.append(Heading(2, "Compare the roles that work with them", "compare"))
        blocks.append(
            Bullets(
                tuple(
                    Item((linked(pair_title(catalogue, a, b), links.comparison(a, b)),))
                    for a, b in links.site.pairs()
                    if a in {r.id for r in roles} and b in {r.id for r in roles}
                )
            )
        )
    blocks.append(Heading(2, "More", "more"))
    blocks.append(
        Bullets(
            (
                Item((Link("Every stakeholder", links.href(f"{INDEX}#stakeholders")),)),
                Item((Link("Who works with whom: the matrix", links.href(MATRIX)),)),
            )
        )
    )
    return Page(
        stakeholder.name,
        tuple(blocks),
        notes.sources,
        description=f"{stakeholder.name}: what they need from product roles, and who works "
        "with them.",
        keywords=stakeholder.aliases,
    )


# -- matrix ------------------------------------------------------------------------------------

MATRIX_TITLE = "Who works with whom, and who owns what"
MATRIX_DESCRIPTION = "every role against the stakeholders it works with and the areas it owns"


def matrix_table(matrix: Matrix, links: SiteLinks, caption: str) -> Table:
    words = MARK_WORDS[matrix.by]
    rows = []
    for row, values in zip(matrix.rows, matrix.cells, strict=True):
        cells: list[Line] = [(linked(row.label, links.role(row.id)),)]
        for column, value in zip(matrix.columns, values, strict=True):
            if value is None:
                cells.append(())
            else:
                editorial = (row.id, column.id) in matrix.editorial
                shown = MARKS[value] + ("*" if editorial else "")
                said = words[value] + (" (editorial)" if editorial else "")
                cells.append((Sign(shown, said),))
        rows.append(tuple(cells))
    header = ("Role", *(column.label for column in matrix.columns))
    return Table(header, tuple(rows), caption)


def matrix_page(catalogue: Catalogue, links: SiteLinks) -> Page:
    people = stakeholder_matrix(catalogue)
    areas = responsibility_matrix(catalogue)
    editorial = bool(people.editorial or areas.editorial)
    blocks: list[Block] = [
        Heading(1, MATRIX_TITLE),
        Paragraph(
            (
                "Every role against the stakeholders it works with, and against the areas "
                "of responsibility it is accountable for or contributes to. Each role's name "
                "leads to its page.",
            )
        ),
        Heading(2, "Roles and stakeholders", "stakeholders"),
    ]
    if people.columns:
        blocks.append(
            matrix_table(people, links, "Roles (rows) and the stakeholders they work with")
        )
        blocks.append(Paragraph((f"{MARKS[PRIMARY]} works with this stakeholder.",), quiet=True))
        pages: list[Inline] = ["The stakeholders' pages: "]
        for number, column in enumerate(people.columns):
            pages += [" · "] if number else []
            pages.append(linked(column.label, links.stakeholder(column.id)))
        blocks.append(Paragraph((*pages, ".")))
    else:
        blocks.append(Paragraph(("No role names a stakeholder.",), quiet=True))
    blocks.append(Heading(2, "Roles and responsibilities", "responsibilities"))
    if areas.columns:
        blocks.append(
            matrix_table(areas, links, "Roles (rows) and the areas they own or contribute to")
        )
        blocks.append(
            Paragraph(
                (
                    f"{MARKS[PRIMARY]} accountable for it (owns it), "
                    f"{MARKS[SECONDARY]} contributes to it (supports it).",
                ),
                quiet=True,
            )
        )
    else:
        blocks.append(Paragraph(("No role names an area of responsibility.",), quiet=True))
    if editorial:
        blocks.append(Paragraph((f"* {EDITORIAL_WORDS}.",), quiet=True))
    return Page(
        MATRIX_TITLE,
        tuple(blocks),
        description="Every product role against the stakeholders it works with and the "
        "areas it owns or contributes to.",
    )


# -- map ---------------------------------------------------------------------------------------

MAP_TITLE = "The role map"
MAP_DESCRIPTION = "every role between business and technical, tactical and strategic"
MAP_SIZES = ((72, 18), (96, 24), (120, 32), (160, 48))
"""The sizes the picture is tried at, smallest first: the first every label fits in."""


def map_page(catalogue: Catalogue, links: SiteLinks) -> Page:
    result = role_map(catalogue)
    blocks: list[Block] = [Heading(1, MAP_TITLE), Paragraph((EXPLAINED,))]
    picture = fitted_lines(result.points, MAP_SIZES) if result.points else None
    if picture is not None:
        blocks.append(map_figure(result, picture))
    blocks.append(Heading(2, "Where each role sits", "where"))
    if result.points:
        blocks.append(
            Bullets(
                tuple(
                    Item(
                        (
                            linked(point.name, links.role(point.role_id)),
                            f" ({point.role_id}): {side_words(point.x)}, {height_words(point.y)}",
                            *(
                                (Quiet(" (placed from editorial items)"),)
                                if point.editorial
                                else ()
                            ),
                        )
                    )
                    for point in result.points
                )
            )
        )
    else:
        blocks.append(Paragraph(("No role has both an orientation and a horizon.",), quiet=True))
    if result.unplaced:
        blocks.append(Heading(2, "Not placed", "unplaced"))
        blocks.append(
            Paragraph(
                (
                    "These roles lack an orientation or a horizon in the catalogue, so the map "
                    "does not guess where they sit:",
                ),
            )
        )
        blocks.append(
            Bullets(
                tuple(
                    Item((linked(catalogue.roles[r].name, links.role(r)),)) for r in result.unplaced
                )
            )
        )
    return Page(MAP_TITLE, tuple(blocks), description="The product roles on a map.")


# -- sources -----------------------------------------------------------------------------------

SOURCES_TITLE = "Sources"
SOURCES_DESCRIPTION = "every article behind the catalogue, and what cites it"


def cited_sources(catalogue: Catalogue) -> list[str]:
    """Every source id the catalogue defines or any role, stakeholder or comparison cites:
    the defined ones in catalogue order, then the others as met."""
    found = dict.fromkeys(catalogue.sources)
    for role in catalogue.roles.values():
        for aspect in ASPECTS:
            found.update(dict.fromkeys(role.all_sources(aspect.key)))
    for stakeholder in catalogue.stakeholders.values():
        found.update(dict.fromkeys(stakeholder.sources))
        found.update(dict.fromkeys(s for ids in stakeholder.cites.values() for s in ids))
    for note in catalogue.comparisons.values():
        found.update(dict.fromkeys(note.sources))
    return list(found)


def sources_page(catalogue: Catalogue, links: SiteLinks) -> Page:
    blocks: list[Block] = [
        Heading(1, SOURCES_TITLE),
        Paragraph(
            (
                "The articles the catalogue's points come from, and which roles, stakeholders "
                "and comparisons cite each. Every point on a page is footnoted with its article.",
            )
        ),
    ]
    roles_by: dict[str, list[tuple[Role, int]]] = {}
    for role in catalogue.roles.values():
        counts: dict[str, int] = {}
        for aspect in ASPECTS:
            for item in role.get(aspect.key):
                for source_id in dict.fromkeys(role.item_sources(aspect.key, item)):
                    counts[source_id] = counts.get(source_id, 0) + 1
            for sides in role.disputes.get(aspect.key, ()):
                for source_id in sides:
                    counts.setdefault(source_id, 0)
        for source_id, count in counts.items():
            roles_by.setdefault(source_id, []).append((role, count))
    stakeholders_by: dict[str, list[Stakeholder]] = {}
    for stakeholder in catalogue.stakeholders.values():
        ids = [*stakeholder.sources, *(s for v in stakeholder.cites.values() for s in v)]
        for source_id in dict.fromkeys(ids):
            stakeholders_by.setdefault(source_id, []).append(stakeholder)
    notes_by: dict[str, list[Comparison]] = {}
    for note in curated(catalogue).values():
        for source_id in dict.fromkeys(note.sources):
            notes_by.setdefault(source_id, []).append(note)
    for source_id, anchor in links.site.sources.items():
        source = catalogue.sources.get(source_id)
        title = source.title if source is not None else source_id
        blocks.append(Heading(2, title, anchor))
        about: list[Inline] = []
        if source_id == EDITORIAL:
            about.append(f"Not an article: {EDITORIAL_WORDS}; --sourced-only leaves it out.")
        elif source is None:
            about.append("No catalogue file describes this source; it is cited by its id.")
        else:
            parts = [p for p in (source.author, source.publisher) if p]
            about.append(", ".join(parts) + "." if parts else "No author or publisher given.")
        about.append(Quiet(f" Source id: {source_id}."))
        blocks.append(Paragraph(tuple(about)))
        cited: list[Item] = []
        for role, count in roles_by.get(source_id, ()):
            cited.append(
                Item(
                    (
                        linked(role.name, links.role(role.id)),
                        Quiet(f" (role, {_count(count, 'item')})" if count else " (role)"),
                    )
                )
            )
        for stakeholder in stakeholders_by.get(source_id, ()):
            cited.append(
                Item(
                    (
                        linked(stakeholder.name, links.stakeholder(stakeholder.id)),
                        Quiet(" (stakeholder)"),
                    )
                )
            )
        for note in notes_by.get(source_id, ()):
            a, b = note.roles
            cited.append(
                Item(
                    (
                        linked(pair_title(catalogue, a, b), links.comparison(a, b)),
                        Quiet(" (comparison)"),
                    )
                )
            )
        if cited:
            blocks.append(Paragraph(("Cited by:",)))
            blocks.append(Bullets(tuple(cited)))
        else:
            blocks.append(Paragraph(("Nothing in the catalogue cites it.",), quiet=True))
    if not links.site.sources:
        blocks.append(Paragraph(("The catalogue names no sources.",), quiet=True))
    return Page(SOURCES_TITLE, tuple(blocks), description="The articles behind the product roles.")
