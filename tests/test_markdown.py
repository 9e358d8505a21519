"""`show` and `compare` in Markdown are documents a person would write: headings, bullet
lists, human labels and names (never ids), the articles' notes, editorial items marked, and
the sources as footnotes that resolve. CSV stays a table.

Documents are parsed with markdown-it-py (CommonMark plus tables) to check their structure.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from pmroles.answers.compare import compare
from pmroles.catalogue.loader import load_builtin
from pmroles.render.page import Bullets, Link
from pmroles.render.pages import compare_page, compare_title, show_page

from .conftest import Invoke
from .test_brief import (
    HOSTILE,
    _cites,
    _SiteLinks,
    assert_footnotes_resolve,
    assert_no_skipped_level,
    headings,
)


def _ok(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _section(markdown: str, heading: str) -> str:
    """The text under `heading` (a whole heading line), up to the next heading."""
    after = markdown.split(f"\n{heading}\n\n", 1)[1]
    return re.split(r"\n#{1,6} ", after, maxsplit=1)[0]


def _tokens(markdown: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").enable("table").parse(markdown)]


# -- show -------------------------------------------------------------------------------------


def test_show_po_is_a_document(invoke: Invoke) -> None:
    markdown = _ok(invoke, "show", "po", "--format", "markdown")
    found = headings(markdown)
    assert_no_skipped_level(found)
    assert found[:4] == [(1, "Product Owner"), (2, "At a glance"), (2, "Focus"), (2, "Skills")]
    assert (2, "Impact on the product cycle") in found  # labels, not keys
    assert (2, "Compared with other roles") in found
    assert "product_cycle_impact" not in markdown
    assert "| Aspect |" not in markdown
    assert "table_open" not in _tokens(markdown)
    assert "bullet_list_open" in _tokens(markdown)
    assert_footnotes_resolve(markdown)
    assert _section(markdown, "## Interactions") == "- Engineering[^1]\n- Customers[^1]\n"
    assert "- Backlog _(editorial)_[^4]" in _section(markdown, "## Accountable for")
    assert "- **Market:** B2C, B2B and B2G _(editorial)_[^4]" in markdown
    assert "The articles describe the role differently:\n\n- Michel Perrin: a post" in markdown
    assert "- Product Manager: the articles call them comparable" in markdown
    assert "[^4]: pmroles editorial" in markdown


def test_show_markdown_names_no_role_or_stakeholder_id(invoke: Invoke) -> None:
    catalogue = load_builtin()
    for role_id in catalogue.roles:
        markdown = _ok(invoke, "show", role_id, "--format", "markdown")
        markdown = re.sub(r"_Also called .*_\n", "", markdown)  # aliases are names
        for ident in [*catalogue.roles, *(s for s in catalogue.stakeholders if "-" in s)]:
            assert not re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", markdown), (
                role_id,
                ident,
            )


def test_show_aspects_are_sections_in_the_order_asked(invoke: Invoke) -> None:
    markdown = _ok(
        invoke, "show", "po", "-a", "tools,horizon,market adaptability", "-f", "markdown"
    )
    assert headings(markdown) == [
        (1, "Product Owner"),
        (2, "Tools"),
        (2, "Horizon"),
        (2, "Market adaptability"),
    ]
    assert _section(markdown, "## Horizon") == "Short term[^2]\n"
    assert _section(markdown, "## Market adaptability").startswith("_Not stated in the sources._")
    assert_footnotes_resolve(markdown)


def test_sourced_only_show_drops_editorial_items_and_their_note(invoke: Invoke) -> None:
    markdown = _ok(invoke, "--sourced-only", "show", "po", "--format", "markdown")
    assert "editorial" not in markdown.lower()
    assert "## Skills" not in markdown  # every skill of po is editorial
    assert "- Customer feedback[^" in markdown
    assert_footnotes_resolve(markdown)


def test_show_csv_stays_tabular(invoke: Invoke) -> None:
    rows = list(csv.reader(io.StringIO(_ok(invoke, "show", "po", "--format", "csv"))))
    assert rows[0][0] == "aspect"
    assert ["owns", "backlog", "editorial"] in rows


# -- compare ----------------------------------------------------------------------------------


def test_compare_pm_po_carries_the_articles_notes(invoke: Invoke) -> None:
    markdown = _ok(invoke, "compare", "pm", "po", "--format", "markdown")
    found = headings(markdown)
    assert_no_skipped_level(found)
    assert found[:7] == [
        (1, "Product Manager vs Product Owner"),
        (2, "What the articles say"),
        (3, "What both share"),
        (3, "How they differ"),
        (3, "Where each stands out"),
        (2, "How alike they are"),
        (2, "At a glance"),
    ]
    articles = _section(markdown, "## What the articles say")
    assert articles.startswith("The articles call them comparable")
    assert "Closely related positions whose names are often mixed up" in articles
    assert "- Comparable positions despite different labels" in markdown
    assert "- PO tied to agile methods, PM found under any method" in markdown
    assert "- **Product Owner**\n  - Software and digital development" in markdown
    assert "They come out **53% alike**, with high confidence." in markdown
    assert "- The articles call them comparable[^1]" in markdown
    assert "- Same market: B2C, B2B and B2G" in markdown  # human-cased, not 'b2c'
    assert "| Horizon | Medium and long term[^1] | Short term[^1] |" in markdown
    assert "- **Only Product Owner**\n  - Ordering backlog items by value _(editorial)_" in (
        markdown
    )
    assert "- **In common**\n  - Engineering[^" in _section(markdown, "## Interactions")
    assert_footnotes_resolve(markdown)


def test_compare_bpm_tpm_says_who_does_what_in_a_table(invoke: Invoke) -> None:
    markdown = _ok(invoke, "compare", "bpm", "tpm", "--format", "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
    assert len(tables) == 2  # who does what, and the dimensions side by side
    who = _section(markdown, "### Who does what")
    assert who.startswith(
        "| Area | Business Product Manager | Technical Product Manager |\n| --- | --- | --- |\n"
    )
    assert "| Strategy development | Business strategy for market and customer growth |" in who
    assert "### Advantages of each over the other" in markdown
    assert_footnotes_resolve(markdown)


def test_compare_of_more_roles_names_each_pair(invoke: Invoke) -> None:
    markdown = _ok(invoke, "compare", "pm", "pmm", "project manager", "-f", "markdown")
    found = headings(markdown)
    assert_no_skipped_level(found)
    assert found[0] == (
        1,
        "Product Manager, Product Marketing Manager and Project Manager compared",
    )
    assert (2, "What the articles say about Product Manager and Product Marketing Manager") in found
    assert (2, "What the articles say about Product Manager and Project Manager") in found
    assert "On average over the pairs, they come out **" in markdown
    assert "- **Product Manager and Product Marketing Manager:** " not in markdown
    assert "- **Product Manager and Product Marketing Manager**: " in markdown
    assert "- **Named by some**" in markdown
    assert_footnotes_resolve(markdown)


def test_compare_only_differences_has_nothing_in_common(invoke: Invoke) -> None:
    markdown = _ok(invoke, "compare", "pm", "po", "-d", "-f", "markdown")
    assert "**In common**" not in markdown
    assert "- **Only Product Owner**" in markdown
    assert_footnotes_resolve(markdown)


def test_compare_aspects_keeps_only_those(invoke: Invoke) -> None:
    markdown = _ok(invoke, "compare", "pm", "po", "-a", "skills,market", "-f", "markdown")
    levels = [text for level, text in headings(markdown) if level == 2]
    assert levels == ["What the articles say", "How alike they are", "At a glance", "Skills"]
    assert "| Market |" in markdown
    assert "| Horizon |" not in markdown


def test_sourced_only_compare_drops_editorial_items_and_their_note(invoke: Invoke) -> None:
    markdown = _ok(invoke, "--sourced-only", "compare", "pm", "po", "-f", "markdown")
    assert "editorial" not in markdown.lower()
    assert "Ordering backlog items by value" not in markdown
    assert_footnotes_resolve(markdown)


def test_compare_csv_stays_tabular(invoke: Invoke) -> None:
    rows = list(csv.reader(io.StringIO(_ok(invoke, "compare", "pm", "po", "--format", "csv"))))
    assert rows[0] == ["aspect", "pm", "po", "similarity"]


def test_compare_title() -> None:
    catalogue = load_builtin()
    roles = [catalogue.roles[r] for r in ("pm", "po", "ba")]
    assert compare_title(roles[:2]) == "Product Manager vs Product Owner"
    assert compare_title(roles) == "Product Manager, Product Owner and Business Analyst compared"


# -- hostile catalogue text -------------------------------------------------------------------


def test_hostile_text_stays_text_in_show_and_compare(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(
        HOSTILE.replace(
            "stakeholders:",
            "  plain:\n    name: Plain\n    skills: ['# not a heading']\nstakeholders:",
        ),
        encoding="utf-8",
    )
    own = ["--no-builtin", "--catalogue", str(path)]
    for args in (["show", "evil"], ["compare", "evil", "plain"]):
        markdown = _ok(invoke, *own, *args, "--format", "markdown")
        assert "\x1b" not in markdown
        assert "\u202e" not in markdown
        html = MarkdownIt("commonmark").enable("table").render(markdown)
        assert "<script" not in html
        assert "<img" not in html
        assert "<b>" not in html
        assert 'href="javascript' not in html
        assert "<code>" not in html
        assert "<strong>bold</strong>" not in html
        assert all(level in (1, 2) for level, _ in headings(markdown))
        assert [level for level, _ in headings(markdown)].count(1) == 1
        assert "ordered_list_open" not in _tokens(markdown)


# -- the pages as data ------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", sorted(load_builtin().roles))
def test_every_role_page_cites_each_of_its_sources(role_id: str) -> None:
    catalogue = load_builtin()
    page = show_page(catalogue.roles[role_id], catalogue)
    assert sorted(set(_cites(page))) == list(range(1, len(page.sources) + 1))
    assert page.description


@pytest.mark.parametrize("note", sorted(load_builtin().comparisons))
def test_every_curated_pair_has_a_page_whose_notes_resolve(note: str) -> None:
    catalogue = load_builtin()
    roles = [catalogue.roles[r] for r in catalogue.comparisons[note].roles]
    page = compare_page(roles, catalogue)
    assert sorted(set(_cites(page))) == list(range(1, len(page.sources) + 1))
    assert page.description == catalogue.comparisons[note].summary


def test_a_site_links_names_to_its_pages() -> None:
    catalogue = load_builtin()
    page = show_page(catalogue.roles["po"], catalogue, _SiteLinks())
    links = [
        part
        for block in page.blocks
        if isinstance(block, Bullets)
        for item in block.items
        for part in item.text
        if isinstance(part, Link)
    ]
    assert Link("Engineering", "stakeholders/engineering.html") in links
    assert Link("Product Manager", "roles/pm.html") in links


def test_compare_page_is_what_compare_computes() -> None:
    catalogue = load_builtin()
    roles = [catalogue.roles["bpm"], catalogue.roles["tpm"]]
    result = compare(catalogue, roles)
    page = compare_page(roles, catalogue)
    labels = [b.text for b in page.blocks if getattr(b, "level", 0) == 2]
    for row in result.rows:
        if row.aspect.key not in ("summary", "horizon", "method", "market", "orientation"):
            assert row.aspect.label in labels
