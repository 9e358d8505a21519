"""The three writers of a `Page` (Markdown, HTML, plain text): every block and inline kind,
hostile catalogue text in every place it can go, links, ids, determinism, the page's style
sheet (contrast, no network) and wrapping.

The Markdown is read back with markdown-it (CommonMark with GitHub's tables and
strikethrough) and the HTML with the standard library's parser: hostile text must give the
same elements as a harmless word in its place, and read back as the text it was (with
control and bidi characters shown as the visible escapes `inert` writes).

The sample page's three forms are kept in tests/page_golden/ so a change shows in review;
regenerate them with `PMROLES_UPDATE_GOLDEN=1` and read them.
"""

from __future__ import annotations

import itertools
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from pmroles.render import html as html_writer
from pmroles.render.html import CSS, page_html
from pmroles.render.markdown import escape, page_markdown
from pmroles.render.page import (
    Bullets,
    Cite,
    Figure,
    Heading,
    Item,
    Link,
    Markup,
    Page,
    Paragraph,
    Quiet,
    Sign,
    Source,
    Strong,
    Table,
    plain,
    safe_href,
)
from pmroles.render.plain import page_text
from pmroles.render.text import inert, unsafe

GOLDEN = Path(__file__).parent / "page_golden"

HOSTILE = [
    "*emphasis* and **strong**",
    "_under_ and __dunder__ and snake_case_name",
    "# not a heading",
    "###### nor this ##",
    "1. not a list",
    "2) nor this",
    "- not a bullet",
    "+ nor this",
    "* nor this",
    "> not a quote",
    "a | b | c",
    "| --- | --- |",
    "`code` and ``more`` and ```",
    "```\nfence\n```",
    "back\\slash \\* \\",
    "&amp; &lt;b&gt; &#60; &#x3c; AT&T",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- comment --> <div>block</div>",
    "[click](javascript:alert(1))",
    "](javascript:alert(1))",
    "[^1] and [^1]: a note",
    "[ref]: /url 'title'",
    "<https://example.com> and <a@b.org>",
    "~~strike~~ $x$ :smile: ==mark==",
    "\x1b[31mred\x1b[0m and \x07bell",
    "\u202eevil\u202c \u2066isolate\u2069 zero\u200bwidth",
    "line one\nline two\r\nthree\tfour",
    "emoji 🚀 and 中文 and café",
    "x" * 200,
    "---",
    "===",
    "trailing!",
    "    indented code",
    "\"quoted\" 'single' (paren)",
]
IDS = [f"{i:02d}" for i in range(len(HOSTILE))]
P = "PLACEHOLDER"
"""A harmless word: hostile text must give the same elements as this one in its place."""


def pages(v: str) -> dict[str, Page]:
    """A page per place catalogue text can go, each holding `v` there."""
    sources = (Source("s", v, v, v),)
    link = Link(v, "https://example.org/x")
    return {
        "title": Page(v, ()),
        "heading": Page("T", (Heading(2, v), Heading(3, v))),
        "paragraph": Page("T", (Paragraph((v,)),)),
        "quiet": Page("T", (Paragraph((v,), quiet=True),)),
        "inline": Page(
            "T",
            (Paragraph(("a ", Strong(v), " b ", Quiet(v), " c ", link, " d", Cite(1))),),
            sources,
        ),
        "bullets": Page("T", (Bullets((Item((v,), (Item((v,)), Item((link,)))), Item((v,)))),)),
        "numbered": Page("T", (Bullets((Item((v,), (Item((v,)),)), Item((v,))), numbered=True),)),
        "table": Page(
            "T",
            (Table((v, "B"), (((v,), (v, " ", link)), ((Strong(v),), (Quiet(v),))), caption=v),),
        ),
        "table-plain": Page("T", (Table(("A", v), (((v,), (v,)),), row_headers=False),)),
        "figure": Page("T", (Figure((v, v), v),)),
        "figure-caption": Page("T", (Figure((v,), "alt", caption=v),)),
        "sources": Page("T", (Paragraph(("x", Cite(1))),), sources),
    }


PLACES = sorted(pages(P))


def squeeze(text: str) -> str:
    return " ".join(text.split())


class Reader(HTMLParser):
    """Every element with its attributes, and the text outside <style> and <script>."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.texts: list[str] = []
        self._skip = 0
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))
        self._skip += tag in ("style", "script")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return squeeze(" ".join(self.texts))

    @property
    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]

    def replaced(self, old: str, new: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
        return [
            (tag, tuple((k, v.replace(old, new) if v else v) for k, v in attrs))
            for tag, attrs in self.elements
        ]


def markdown_html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


# -- hostile text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_markdown_shows_hostile_text_as_typed(value: str, place: str) -> None:
    expected = Reader(markdown_html(page_markdown(pages(P)[place])))
    got = Reader(markdown_html(page_markdown(pages(value)[place])))
    assert got.elements == expected.elements
    assert got.text == squeeze(expected.text.replace(P, inert(value)))


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_html_shows_hostile_text_as_typed(value: str, place: str) -> None:
    expected = Reader(page_html(pages(P)[place]))
    got = Reader(page_html(pages(value)[place]))
    assert got.elements == expected.replaced(P, inert(value))
    assert got.text == squeeze(expected.text.replace(P, inert(value)))


@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_escape_alone_is_inert_markdown(value: str) -> None:
    for text in (value, f"x {value}", f"{value} x", f"{value}{value}"):
        rendered = Reader(markdown_html(escape(text)))
        assert set(rendered.tags) <= {"p"}, text
        assert rendered.text == squeeze(inert(text))


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_text_never_carries_a_control_character(value: str, place: str) -> None:
    for width in (20, 80):
        text = page_text(pages(value)[place], width)
        assert not unsafe().search(text)
        assert text.endswith("\n")
        assert not text.endswith("\n\n")
        assert all(line == line.rstrip() for line in text.split("\n"))


def test_every_writer_neutralises_terminal_escapes() -> None:
    page = pages("\x1b]8;;javascript:x\x1b\\hi\x1b]8;;\x1b\\ \u202egnp.exe")["inline"]
    for out in (page_markdown(page), page_html(page), page_text(page)):
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "\\x1b" in out
        assert "\\u202e" in out


# -- every kind of block and inline part ------------------------------------------------------------


def sample() -> Page:
    """A page with every block and inline kind, as a page builder would write one."""
    return Page(
        "Product owner",
        (
            Paragraph(
                (
                    "The product owner orders the ",
                    Strong("backlog"),
                    " and accepts the work.",
                    Cite(1),
                    Cite(2),
                )
            ),
            Heading(2, "Responsibilities", "responsibilities"),
            Bullets(
                (
                    Item(("Own and order the product backlog", Cite(1))),
                    Item(
                        ("Write user stories ", Quiet("(editorial)"), Cite(3)),
                        (Item(("Refine them with the team",)), Item(("Accept finished work",))),
                    ),
                    Item(
                        (
                            "Works with ",
                            Link("Engineering", "../stakeholders/engineering.html"),
                            " (see ",
                            Link("the article", "https://example.org/po guide"),
                            ")",
                        )
                    ),
                )
            ),
            Heading(3, "Steps", "steps"),
            Bullets((Item(("Discover",)), Item(("Decide",)), Item(("Deliver",))), numbered=True),
            Heading(2, "Against the product manager", "against-pm"),
            Table(
                ("Aspect", "Product owner", "Product manager"),
                (
                    (("Horizon",), ("Short term",), ("Long term", Cite(2))),
                    (("Focus",), ("The team and the backlog",), ("The market and the business",)),
                ),
                caption="Product owner and product manager",
            ),
            Paragraph(("Bold is stressed; ", Quiet("muted"), " qualifies."), quiet=True),
            Heading(2, "Map", "map"),
            Figure(("PO ──── PM", " │      │", "TPM ─── BPM"), "Roles placed by similarity"),
            Figure(("a ``` b",), "code", caption="A caption"),
        ),
        (
            Source("a", "What is a product owner?", "Jane Doe", "Agile Weekly", "https://e.org/po"),
            Source("b", "PM vs PO", None, "Product School"),
            Source("editorial", "pmroles editorial: common practice", editorial=True),
        ),
        description="What a product owner does.",
    )


NAV = (Link("Roles", "../index.html"), Link("Map", "../map.html"))


@pytest.mark.parametrize("suffix", ["md", "html", "txt"])
def test_the_sample_page_matches_its_golden_file(suffix: str) -> None:
    writers = {
        "md": page_markdown,
        "html": lambda page: page_html(page, nav=NAV, home="../index.html"),
        "txt": lambda page: page_text(page, 60),
    }
    out = writers[suffix](sample())
    assert out == writers[suffix](sample()), "the same page gives the same bytes"
    path = GOLDEN / f"sample.{suffix}"
    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_markdown_writes_every_kind() -> None:
    out = page_markdown(sample())
    assert out.startswith("# Product owner\n\nThe product owner orders the **backlog** and")
    assert "accepts the work.[^1][^2]\n" in out
    assert "\n## Responsibilities\n" in out
    assert "\n### Steps\n" in out
    assert "\n- Own and order the product backlog[^1]\n" in out
    assert "\n- Write user stories _(editorial)_[^3]\n  - Refine them with the team\n" in out
    assert "[Engineering](../stakeholders/engineering.html)" in out
    assert "[the article](https://example.org/po%20guide)" in out
    assert "\n1. Discover\n2. Decide\n3. Deliver\n" in out
    assert "\n| Aspect | Product owner | Product manager |\n| --- | --- | --- |\n" in out
    assert "\n| Horizon | Short term | Long term[^2] |\n" in out
    assert "\n_Bold is stressed; *muted* qualifies._\n" not in out  # no emphasis in emphasis
    assert "\nBold is stressed; _muted_ qualifies.\n" in out
    assert "\nRoles placed by similarity\n\n```text\nPO ──── PM\n" in out
    assert "\nA caption\n\n````text\na ``` b\n````\n" in out
    assert "\n[^1]: [What is a product owner?](https://e.org/po), Jane Doe, Agile Weekly\n" in out
    assert "\n[^2]: PM vs PO, Product School\n" in out
    assert out.endswith("\n[^3]: pmroles editorial: common practice\n")
    assert all(line == line.rstrip() for line in out.split("\n"))
    assert "\n\n\n" not in out


def test_markdown_reads_back_as_the_document() -> None:
    rendered = markdown_html(page_markdown(sample()))
    reader = Reader(rendered)
    assert reader.tags.count("h1") == 1
    assert reader.tags.count("h2") == 3
    assert reader.tags.count("h3") == 1
    assert reader.tags.count("table") == 1
    assert reader.tags.count("pre") == 2
    assert reader.tags.count("em") == 2
    assert reader.tags.count("strong") == 1
    assert reader.tags.count("ol") == 1
    assert reader.tags.count("ul") == 2
    hrefs = [dict(attrs)["href"] for tag, attrs in reader.elements if tag == "a"]
    assert hrefs == [
        "../stakeholders/engineering.html",
        "https://example.org/po%20guide",
        "https://e.org/po",
    ]


def test_markdown_quiet_paragraph_is_in_italics() -> None:
    out = page_markdown(Page("T", (Paragraph(("Read ", Link("this", "#a"), Cite(1)), True),)))
    assert out == "# T\n\n_Read [this](#a)[^1]_\n"


def test_markdown_emphasis_is_left_out_where_it_would_not_take() -> None:
    # `**x.**y` is not emphasis in CommonMark: the words alone, without stray asterisks.
    out = page_markdown(Page("T", (Paragraph((Strong("x."), "y", Quiet(" "), Strong(""))),)))
    assert out == "# T\n\nx.y\n"
    out = page_markdown(Page("T", (Paragraph((Strong(" spaced "), "out")),)))
    assert out == "# T\n\n**spaced** out\n"


def test_markdown_a_cite_then_a_colon_is_not_a_footnote_definition() -> None:
    page = Page("T", (Paragraph((Cite(1), ": x")),), (Source("s", "S"),))
    assert page_markdown(page) == "# T\n\n[^1]\\: x\n\n[^1]: S\n"


def test_markdown_figure_fence_is_longer_than_any_backtick_run() -> None:
    out = page_markdown(Page("T", (Figure(("`````", "``"), "alt"),)))
    assert "\n``````text\n`````\n``\n``````\n" in out
    code = Reader(markdown_html(out))
    assert code.tags == ["h1", "p", "pre", "code"]


def test_markdown_numbered_children_line_up_with_their_parent() -> None:
    items = tuple(Item((f"item {n}",)) for n in range(1, 11))
    items = (*items[:9], Item(("item 10",), (Item(("child",)),)))
    out = page_markdown(Page("T", (Bullets(items, numbered=True),)))
    assert "\n10. item 10\n    - child\n" in out
    assert Reader(markdown_html(out)).tags.count("ul") == 1


def test_markdown_heading_levels_and_first_heading_as_title() -> None:
    page = Page("Title", (Heading(1, "Own title"), Heading(4, "four"), Heading(9, "deep")))
    assert page_markdown(page) == "# Own title\n\n#### four\n\n###### deep\n"


def test_markdown_table_rows_of_any_length() -> None:
    table = Table(("A",), ((("1",), ("2",)), ()), row_headers=False)
    out = page_markdown(Page("T", (table,)))
    assert "| A |  |\n| --- | --- |\n| 1 | 2 |\n|  |  |\n" in out


# -- links ---------------------------------------------------------------------------------------

UNSAFE_HREFS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "\x01javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "\u202ehttps://example.org",
    "",
    "   ",
]
SAFE_HREFS = [
    "https://example.org/a b",
    "https://example.org/(x)",
    "https://example.org/<x>",
    "https://example.org/a|b",
    "https://example.org/`x`",
    "https://example.org/?a=1&amp;b=2",
    "https://example.org/\\x",
    "https://example.org/é",
    "http://example.org/",
    "mailto:someone@example.org",
    "#sources",
    "roles/po.html",
    "../index.html",
]


@pytest.mark.parametrize("href", UNSAFE_HREFS)
def test_an_unsafe_address_is_never_a_link(href: str) -> None:
    assert safe_href(href) is None
    page = Page(
        "T",
        (Paragraph(("see ", Link("here", href))), Table(("A",), (((Link("cell", href),),),))),
        (Source("s", "Title", url=href),),
    )
    for markup in (markdown_html(page_markdown(page)), page_html(page, nav=page_links(href))):
        reader = Reader(markup)
        assert [
            a for a in reader.elements if a[0] == "a" and dict(a[1]).get("href") != "#main"
        ] == []
        assert "here" in reader.text
        assert "cell" in reader.text
    assert "see here\n" in page_text(page)


def page_links(href: str) -> tuple[Link, ...]:
    return (Link("Nav", href),)


@pytest.mark.parametrize("href", SAFE_HREFS)
def test_a_safe_address_is_linked_as_it_is(href: str) -> None:
    page = Page(
        "T",
        (
            Paragraph(("see ", Link("here", href))),
            Table(("A", "B"), (((Link("cell", href),), ("x",)),)),
        ),
    )
    for markup in (markdown_html(page_markdown(page)), page_html(page)):
        reader = Reader(markup)
        hrefs = [dict(attrs)["href"] for tag, attrs in reader.elements if tag == "a"]
        hrefs = [h for h in hrefs if h != "#main"]
        assert len(hrefs) == 2, markup
        for got in hrefs:
            assert got is not None
            assert unquote(got) == unquote(href)
    assert Reader(markdown_html(page_markdown(page))).tags.count("td") == 2


def test_text_shows_an_outside_address_and_not_a_relative_one() -> None:
    line = (Link("article", "https://e.org/a"), " ", Link("page", "roles/po.html"))
    assert page_text(Page("T", (Paragraph(line),))) == "T\n=\n\narticle <https://e.org/a> page\n"


def test_an_empty_link_text_shows_the_address() -> None:
    page = Page("T", (Paragraph((Link("", "https://e.org/"),)),))
    assert "[https://e.org/](https://e.org/)" in page_markdown(page)
    assert '<a href="https://e.org/">https://e.org/</a>' in page_html(page)


# -- HTML -------------------------------------------------------------------------------------------

ALLOWED = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset", "name", "content", "http-equiv"},
    "title": set(),
    "style": set(),
    "body": set(),
    "a": {"class", "href", "aria-label"},
    "header": set(),
    "span": {"class"},
    "nav": {"aria-label"},
    "ul": set(),
    "ol": {"class"},
    "li": {"id"},
    "main": {"id"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "p": {"class"},
    "strong": set(),
    "sup": {"class"},
    "div": {"class", "role", "tabindex", "aria-label"},
    "table": set(),
    "caption": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"scope"},
    "td": set(),
    "figure": set(),
    "pre": {"role", "aria-label", "tabindex"},
    "figcaption": set(),
    "footer": set(),
}


def test_html_is_a_whole_accessible_document() -> None:
    out = page_html(sample(), nav=NAV, home="../index.html")
    assert out.startswith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert out.endswith("</body>\n</html>\n")
    reader = Reader(out)
    for tag, attrs in reader.elements:
        assert tag in ALLOWED, tag
        assert {name for name, _ in attrs} <= ALLOWED[tag], (tag, attrs)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in out
    assert '<meta name="color-scheme" content="light dark">' in out
    assert '<meta name="description" content="What a product owner does.">' in out
    assert "<title>Product owner</title>" in out
    assert '<a class="skip" href="#main">Skip to content</a>' in out
    assert '<a class="site" href="../index.html">pmroles</a>' in out
    assert '<nav aria-label="Site">\n<ul>\n<li><a href="../index.html">Roles</a></li>' in out
    assert '<main id="main">\n<h1>Product owner</h1>\n<p>The product owner orders the ' in out
    assert '<h2 id="responsibilities">Responsibilities</h2>' in out
    assert '<h3 id="steps">Steps</h3>' in out
    assert "<strong>backlog</strong>" in out
    assert '<span class="quiet">(editorial)</span>' in out
    assert '<p class="quiet">Bold is stressed; ' in out
    assert (
        '&#8288;<sup class="cite"><a href="#source-1" aria-label="Source 1">[1]</a></sup>'
        '&#8288;<sup class="cite"><a href="#source-2" aria-label="Source 2">[2]</a></sup>'
    ) in out
    assert "<li>Write user stories " in out
    assert "\n<ul>\n<li>Refine them with the team</li>\n" in out
    assert "<ol>\n<li>Discover</li>\n<li>Decide</li>\n<li>Deliver</li>\n</ol>" in out
    assert (
        '<div class="table-wrap" role="region" tabindex="0" '
        'aria-label="Product owner and product manager">\n<table>\n'
        "<caption>Product owner and product manager</caption>\n<thead>\n"
        '<tr><th scope="col">Aspect</th><th scope="col">Product owner</th>'
    ) in out
    assert '<tr><th scope="row">Horizon</th><td>Short term</td><td>Long term&#8288;<sup' in out
    assert (
        '<figure>\n<pre role="img" aria-label="Roles placed by similarity" tabindex="0">\n'
        "PO ──── PM\n │      │\nTPM ─── BPM</pre>\n</figure>"
    ) in out
    assert "<figcaption>A caption</figcaption>" in out
    assert '<footer>\n<h2 id="sources">Sources</h2>\n<ol class="sources">\n' in out
    assert (
        '<li id="source-1"><a href="https://e.org/po">What is a product owner?</a>, '
        "Jane Doe, Agile Weekly</li>"
    ) in out
    assert '<li id="source-3">pmroles editorial: common practice</li>' in out
    landmarks = [t for t in reader.tags if t in ("header", "nav", "main", "footer")]
    assert landmarks == ["header", "nav", "main", "footer"]
    levels = [int(t[1]) for t in reader.tags if re.fullmatch("h[1-6]", t)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_html_forbids_the_network() -> None:
    page = Page(
        "No links",
        (Paragraph(("text", Cite(1))), Table(("A",), ((("b",),),)), Figure(("x",), "x")),
        (Source("s", "An article", "Someone"),),
        description="A page without addresses",
    )
    out = page_html(page)
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in out
    assert not re.search(r"https?:|url\(|@import|@font-face|<link|src=", out, re.IGNORECASE)
    assert out.index("Content-Security-Policy") < out.index("<style>")


def test_html_script_goes_at_the_end_and_cannot_close_early() -> None:
    out = page_html(sample(), script='const s = "</SCRIPT><b>x</b>"; // <!-- no')
    assert "script-src 'unsafe-inline'" in out
    assert out.count("</script>") == 1
    assert out.lower().count("<script") == 1
    assert out.endswith(
        '<script>\nconst s = "<\\/SCRIPT><b>x</b>"; // <\\!-- no\n</script>\n</body>\n</html>\n'
    )
    assert "script-src" not in page_html(sample())


def test_html_head_extra_is_written_as_given() -> None:
    out = page_html(sample(), head_extra='<meta name="generator" content="x">')
    assert '<meta name="generator" content="x">\n</head>' in out


def test_html_heading_ids_are_unique_and_never_empty() -> None:
    page = Page(
        "T",
        (
            Heading(2, "A", "part"),
            Heading(2, "B", "part"),
            Heading(2, "C", "two words"),
            Heading(2, "D", "main"),
            Heading(2, "E", "sources"),
            Heading(2, "F"),
            Heading(2, "G", " "),
            Heading(2, "H", '"><script>'),
        ),
        (Source("s", "S"),),
    )
    reader = Reader(page_html(page))
    ids = [dict(attrs).get("id") for tag, attrs in reader.elements if tag == "h2"]
    assert ids == [
        "part",
        "part-2",
        "two-words",
        "main-2",
        "sources-2",
        None,
        None,
        '"><script>',
        "sources",
    ]
    every = [dict(attrs)["id"] for _, attrs in reader.elements if dict(attrs).get("id")]
    assert len(every) == len(set(every))


def test_html_every_fragment_link_has_its_target() -> None:
    page = sample()
    page = Page(page.title, (*page.blocks, Paragraph(("x", Cite(9)))), page.sources)
    reader = Reader(page_html(page))
    ids = {dict(attrs)["id"] for _, attrs in reader.elements if dict(attrs).get("id")}
    targets = {
        href[1:]
        for tag, attrs in reader.elements
        if tag == "a" and (href := dict(attrs).get("href") or "").startswith("#")
    }
    assert targets <= ids
    assert '<sup class="cite">[9]</sup>' in page_html(page)


def test_html_without_home_or_nav() -> None:
    out = page_html(Page("T", ()))
    assert '<header>\n<span class="site">pmroles</span>\n</header>' in out
    assert "<nav" not in out
    assert "<h2" not in out  # no sources, no heading for them
    assert '<footer>\n<p class="colophon">' in out


# -- the style sheet ---------------------------------------------------------------------------------

TEXT = ("fg", "muted", "link", "focus")
BACKGROUNDS = ("bg", "surface")


def themes() -> dict[str, dict[str, str]]:
    """The colour custom properties of each theme: light, dark and print."""
    light = re.match(r":root \{(.*?)\}", CSS, re.DOTALL)
    dark = re.search(r"@media \(prefers-color-scheme: dark\) \{\s*:root \{(.*?)\}", CSS, re.DOTALL)
    printed = re.search(r"@media print \{\s*:root \{(.*?)\}", CSS, re.DOTALL)
    assert light
    assert dark
    assert printed
    return {
        name: dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", match.group(1)))
        for name, match in (("light", light), ("dark", dark), ("print", printed))
    }


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark", "print"])
def test_every_text_colour_meets_wcag_aa_on_every_background(theme: str) -> None:
    colours = themes()[theme]
    assert set(colours) == set(TEXT) | set(BACKGROUNDS) | {"border"}
    for text in TEXT:
        for background in BACKGROUNDS:
            ratio = contrast(colours[text], colours[background])
            assert ratio >= 4.5, f"{theme}: --{text} on --{background} is {ratio:.2f}:1"
    # Borders of controls (the search box) use --muted: at least 3:1 (WCAG 1.4.11).
    assert contrast(colours["border"], colours["bg"]) < contrast(colours["muted"], colours["bg"])


def test_the_style_sheet_uses_only_its_own_colours_and_fonts() -> None:
    outside_themes = re.sub(r":root \{.*?\}", "", CSS, flags=re.DOTALL)
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb|hsl", outside_themes)
    used = set(re.findall(r"var\(--([a-z-]+)\)", CSS))
    assert used <= set(TEXT) | set(BACKGROUNDS) | {"border"}
    assert not re.search(r"url\(|@import|@font-face|https?:", CSS)
    assert "system-ui" in CSS
    assert ":focus-visible { outline: 3px solid var(--focus)" in CSS
    assert "max-width: 72ch" in CSS
    assert ".table-wrap { max-width: 100%; overflow-x: auto;" in CSS
    assert "overflow-wrap: break-word" in CSS
    printed = CSS[CSS.index("@media print") :]
    assert "header nav, .skip { display: none; }" in printed
    assert "tr, li, figure { break-inside: avoid; }" in printed


# -- plain text ---------------------------------------------------------------------------------------

MARKER = re.compile(r"(-|\d+\.|\[\d+\])")


@pytest.mark.parametrize("width", [12, 20, 40, 80])
@pytest.mark.parametrize("place", [p for p in PLACES if not p.startswith("figure")])
@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_text_lines_fit_unless_one_word_is_longer(value: str, place: str, width: int) -> None:
    for line in page_text(pages(value)[place], width).split("\n"):
        if len(line) > width:
            words = line.split()
            if len(words) == 2 and MARKER.fullmatch(words[0]):
                words = words[1:]
            assert len(words) == 1, line


@pytest.mark.parametrize("width", [12, 20, 80])
@pytest.mark.parametrize("value", HOSTILE, ids=IDS)
def test_text_never_splits_a_word(value: str, width: int) -> None:
    out = page_text(Page("T", (Paragraph((value,)), Bullets((Item((value,)),)))), width)
    paragraph, bullets = out.split("\n\n")[1:]
    assert paragraph.split() == inert(value).split()
    assert bullets.split()[1:] == inert(value).split()


def test_text_writes_every_kind() -> None:
    out = page_text(sample(), 60)
    assert out.startswith("Product owner\n=============\n\nThe product owner orders the backlog")
    assert "\nResponsibilities\n----------------\n\n- Own and order the product backlog[1]\n" in out
    assert "\n- Write user stories (editorial)[3]\n  - Refine them with the team\n" in out
    assert (
        "\n- Works with Engineering (see the article\n  <https://example.org/po%20guide>)\n" in out
    )
    assert "\nSteps:\n\n1. Discover\n2. Decide\n3. Deliver\n" in out
    assert (
        "\nProduct owner and product manager\n\n"
        "Aspect   Product owner             Product manager\n"
        "-------  ------------------------  ---------------------------\n"
        "Horizon  Short term                Long term[2]\n"
        "Focus    The team and the backlog  The market and the business\n"
    ) in page_text(sample(), 62)
    assert "\nRoles placed by similarity\n\nPO ──── PM\n │      │\nTPM ─── BPM\n" in out
    assert "\nA caption\n\na ``` b\n" in out
    assert out.endswith(
        "\nSources\n-------\n\n"
        "[1] What is a product owner?, Jane Doe, Agile Weekly\n"
        "    <https://e.org/po>\n"
        "[2] PM vs PO, Product School\n"
        "[3] pmroles editorial: common practice\n"
    )


def test_text_table_too_wide_is_one_block_per_row() -> None:
    out = page_text(sample(), 61)
    assert (
        "\nHorizon\n  Product owner: Short term\n  Product manager: Long term[2]\n\n"
        "Focus\n  Product owner: The team and the backlog\n"
    ) in out
    assert "\n  Product owner: The team and the\n      backlog\n" in page_text(sample(), 40)
    table = Table(
        ("Name", "Note"), ((("a",), ("one two three four five six",)),), row_headers=False
    )
    assert page_text(Page("T", (table,)), 20) == (
        "T\n=\n\nName: a\nNote: one two three\n    four five six\n"
    )


def test_text_long_numbered_lists_align_and_hang() -> None:
    items = tuple(Item((f"item {n} with words that wrap",)) for n in range(1, 11))
    out = page_text(Page("T", (Bullets(items, numbered=True),)), 20)
    assert "\n 9. item 9 with\n    words that wrap\n10. item 10 with\n" in out


def test_text_headings() -> None:
    page = Page(
        "T", (Heading(1, "Own"), Heading(2, "Two"), Heading(3, "Three"), Heading(3, "Why?"))
    )
    assert page_text(page) == "Own\n===\n\nTwo\n---\n\nThree:\n\nWhy?\n"


def test_html_module_escape() -> None:
    assert (
        html_writer.escape('<a href="x">&\'\x1b') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;\\x1b"
    )


def test_a_sign_is_seen_as_itself_and_read_as_its_words() -> None:
    """A matrix's ● is hidden from screen readers, which say its words instead; the forms
    without screen readers show the sign."""
    page = Page("Matrix", (Table(("Role", "Sales"), (((("PM",)), (Sign("●", "works with"),)),)),))
    out = page_html(page)
    assert (
        '<span class="sign" aria-hidden="true">●</span>'
        '<span class="visually-hidden">works with</span>'
    ) in out
    assert ".visually-hidden {" in out  # the style that hides the words from the eye
    assert "| PM | ● |" in page_markdown(page)
    assert "works with" not in page_markdown(page)
    assert "●" in page_text(page)
    assert plain((Sign("○", "contributes to"),)) == "contributes to"


def test_markup_is_html_only_and_other_forms_write_its_text() -> None:
    form = '<form id="pick" hidden><button type="submit">Compare</button></form>'
    page = Page("Pick", (Markup(form, ("Pick two roles below.",)), Markup("<hr>")))
    assert form in page_html(page)
    markdown = page_markdown(page)
    assert "Pick two roles below." in markdown
    assert "<form" not in markdown
    assert "<hr>" not in markdown
    text = page_text(page)
    assert "Pick two roles below." in text
    assert "<" not in text
