"""A document for people, as plain data: headings, paragraphs, bullet lists, tables and
numbered sources. Nothing here knows Markdown, HTML or a terminal.

The views people hand on (`show` and `compare` in Markdown, `brief`, the exports, the site's
pages) are built once as a `Page`; `pmroles.render.markdown`, `pmroles.render.html` and
`pmroles.render.plain` each write a page in their own form. Text in a page is the
catalogue's text as typed: each writer escapes it for its form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pmroles import model


@dataclass(frozen=True, slots=True)
class Link:
    """Text that leads somewhere: a page of the site, a section, or an article's address."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Cite:
    """A reference to the page's source numbered `number` (1-based), shown as a footnote mark."""

    number: int


@dataclass(frozen=True, slots=True)
class Strong:
    """Text to stress (a label before a colon, a role's name in a sentence)."""

    text: str


@dataclass(frozen=True, slots=True)
class Quiet:
    """Text that qualifies what precedes it, e.g. the editorial mark; shown muted."""

    text: str


@dataclass(frozen=True, slots=True)
class Sign:
    """A sign for the eye (a matrix's ●) and the words it stands for, which a screen reader
    says in its place; writers without a screen reader's view show the sign."""

    shown: str
    said: str


Inline = str | Link | Cite | Strong | Quiet | Sign
Line = tuple[Inline, ...]
"""A run of inline parts, read left to right as one line of prose."""


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    """1 for the page's title, 2 for a section, 3 for a part of one; never skips a level."""
    text: str
    anchor: str | None = None
    """An id other pages or a table of contents can link to (`#anchor`)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Line
    quiet: bool = False
    """A legend or an explanation under a table, shown smaller."""


@dataclass(frozen=True, slots=True)
class Item:
    """One bullet, and the bullets nested under it."""

    text: Line
    children: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Item, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table, only where rows and columns are the clearest form (a matrix, a side by side)."""

    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]
    caption: str | None = None
    row_headers: bool = True
    """The first cell of each row names the row (`<th scope="row">`)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture drawn in text (the role map), with words that say what it shows."""

    lines: tuple[str, ...]
    alt: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Markup:
    """HTML that pmroles' own code wrote for one page (the site's search box, its compare
    form), never catalogue text; the writers of other forms write `text` in its place."""

    html: str
    text: Line = ()


Block = Heading | Paragraph | Bullets | Table | Figure | Markup


@dataclass(frozen=True, slots=True)
class Source:
    """An article as a footnote: numbered in the order the page first cites it."""

    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    blocks: tuple[Block, ...]
    sources: tuple[Source, ...] = ()
    description: str = ""
    """One sentence for the HTML `<meta name="description">` and the site's search."""
    keywords: tuple[str, ...] = field(default=())
    """Further words the site's search finds the page by (concept labels and words)."""


def plain(line: Line) -> str:
    """The words of `line` without their form: what a search index or an alt text holds."""
    parts: list[str] = []
    for part in line:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, Cite):
            continue
        elif isinstance(part, Sign):
            parts.append(part.said)
        else:
            parts.append(part.text)
    return "".join(parts)


class Links(Protocol):
    """Where a page's names lead: the site links roles, stakeholders and comparisons to
    their pages; a document on its own links nothing but the articles' addresses."""

    def role(self, role_id: str) -> str | None: ...

    def stakeholder(self, stakeholder_id: str) -> str | None: ...

    def comparison(self, first: str, second: str) -> str | None: ...


class NoLinks:
    """The links of a document that stands alone: none."""

    def role(self, role_id: str) -> str | None:
        return None

    def stakeholder(self, stakeholder_id: str) -> str | None:
        return None

    def comparison(self, first: str, second: str) -> str | None:
        return None


NO_LINKS = NoLinks()


def linked(text: str, href: str | None) -> Inline:
    """`text` as a link to `href`, or as plain text where there is nowhere to go."""
    return Link(text, href) if href else text


def source_note(source: model.Source | None, source_id: str) -> Source:
    """The footnote of the catalogue's source `source_id` (None: a source no file defines)."""
    from pmroles.model import EDITORIAL

    if source is None:
        return Source(source_id, source_id, editorial=source_id == EDITORIAL)
    editorial = source.id == EDITORIAL
    # The editorial source's title says whose it is; its publisher would only repeat it.
    publisher = None if editorial else source.publisher
    return Source(source.id, source.title, source.author, publisher, editorial=editorial)


class Footnotes:
    """Numbers sources in the order a page first cites them, so a page's notes read 1, 2, 3."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._sources: list[Source] = []

    def cite(self, source: Source) -> Cite:
        number = self._numbers.get(source.id)
        if number is None:
            self._sources.append(source)
            number = self._numbers[source.id] = len(self._sources)
        return Cite(number)

    def cites(self, sources: Sequence[Source]) -> tuple[Cite, ...]:
        return tuple(self.cite(source) for source in sources)

    def cite_ids(self, ids: Sequence[str], known: Mapping[str, model.Source]) -> tuple[Cite, ...]:
        """Cites of the catalogue's sources `ids`; an id no catalogue defines is cited by
        its id alone (validate warns about it)."""
        return tuple(self.cite(source_note(known.get(i), i)) for i in dict.fromkeys(ids))

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(self._sources)


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes a page may link to; any other (`javascript:`, `data:`, `file:`) is refused."""


def safe_href(href: str) -> str | None:
    """`href` fit to put in a document: an address in the same place (`roles/po.html`,
    `#sources`) or an `http`, `https` or `mailto` one; None for anything else (another
    scheme, a control or bidi character anywhere, nothing at all). Writers show the text
    of a link whose address is None without a link."""
    import re

    from pmroles.render.text import unsafe

    href = href.strip(" ")
    if not href or unsafe().search(href) or any(c in href for c in "\t\n"):
        return None
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    # Characters no address may hold as they are (a space, quotes, brackets) are %-encoded.
    return re.sub(r'[ "<>\\^`{|}]', lambda m: f"%{ord(m.group()):02X}", href)
