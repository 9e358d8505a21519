"""`pmroles brief ROLE`: a job description starter that reads like something a person wrote.

Markdown by default (headings, bullet lists, no ids, editorial items marked, the articles as
numbered footnotes); the same page as text and HTML; a JSON document with the data and the
source of every item; the usual did-you-mean error for a role no catalogue defines.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from pmroles.answers.brief import SECTIONS, brief
from pmroles.catalogue.loader import load_builtin
from pmroles.model import RESPONSIBILITY_AREAS
from pmroles.render.page import Cite, Link, Page, plain
from pmroles.render.pages import brief_page

from .conftest import Invoke

PO_HEADINGS = [
    (1, "Product Owner"),
    (2, "About the role"),
    (2, "At a glance"),
    (2, "Responsibilities"),
    (3, "Accountable for"),
    (3, "Contributes to"),
    (3, "Day to day"),
    (2, "What success looks like"),
    (2, "Skills"),
    (2, "Background"),
    (2, "Tools"),
    (2, "Who the role works with"),
    (2, "How it differs from related roles"),
    (3, "Product Manager"),
]

HOSTILE = """\
roles:
  evil:
    name: "<script>alert(1)</script> Owner"
    summary: "[click me](javascript:alert(1)) and **bold** <b>tag</b>"
    skills:
      - "# not a heading"
      - "- not a bullet"
      - "1. not a list"
      - "| not | a table |"
      - "![img](http://example.com/x.png)"
      - "red \\x1b[31m text \\u202e reversed"
      - "[^1] a fake footnote"
    interactions: [evil-group]
stakeholders:
  evil-group:
    name: "<img src=x onerror=alert(1)>"
    needs: ["`code` and _emphasis_ [x](javascript:void(0))"]
"""


def _ok(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every heading, as a CommonMark parser reads the document."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[index + 1].content))
    return found


def assert_footnotes_resolve(markdown: str) -> None:
    """Every [^n] used is defined, every definition is used, numbered 1, 2, 3... in order
    of first use."""
    body, _, _ = markdown.partition("\n[^1]: ")
    used = [int(n) for n in re.findall(r"(?<!\\)\[\^(\d+)\](?!:)", body)]
    defined = [int(n) for n in re.findall(r"^\[\^(\d+)\]: ", markdown, re.MULTILINE)]
    assert defined == list(range(1, len(defined) + 1))
    assert set(used) == set(defined)
    assert list(dict.fromkeys(used)) == defined  # first cited, first numbered


def assert_no_skipped_level(found: list[tuple[int, str]]) -> None:
    assert found
    assert found[0][0] == 1
    assert [level for level, _ in found].count(1) == 1
    for (before, _), (level, text) in itertools.pairwise(found):
        assert level <= before + 1, text


# -- the brief of a built-in role -------------------------------------------------------------


def test_brief_po_reads_as_a_document(invoke: Invoke) -> None:
    markdown = _ok(invoke, "brief", "po")
    assert headings(markdown) == PO_HEADINGS
    assert_no_skipped_level(headings(markdown))
    assert_footnotes_resolve(markdown)
    assert "- Maintain and order the product backlog _(editorial)_[^" in markdown
    assert "- **Engineering**[^1]\n  - Clear features and requirements to build[^" in markdown
    assert "Items marked (editorial) are pmroles' own summary" in markdown
    assert "- PO tied to agile methods, PM found under any method" in markdown
    assert "| Area |" not in markdown  # pm-vs-po splits no responsibility


def test_brief_markdown_is_the_default_and_the_markdown_format(invoke: Invoke) -> None:
    assert _ok(invoke, "brief", "po") == _ok(invoke, "brief", "po", "--format", "markdown")
    assert _ok(invoke, "brief", "Product Owner") == _ok(invoke, "brief", "po")


def test_brief_names_no_ids(invoke: Invoke) -> None:
    catalogue = load_builtin()
    for role_id in ("po", "pm", "tpm"):
        markdown = _ok(invoke, "brief", role_id)
        ids = [*catalogue.roles, *catalogue.sources, *catalogue.comparisons]
        ids += [s for s in catalogue.stakeholders if "-" in s]
        ids += [a for a, label in RESPONSIBILITY_AREAS if "-" in a and a != label.lower()]
        for ident in ids:
            if ident == "editorial":
                continue  # the word, in "(editorial)"
            assert not re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", markdown), ident


def test_brief_of_pm_lists_the_related_roles_nearest_first(invoke: Invoke) -> None:
    catalogue = load_builtin()
    found = brief(catalogue, catalogue.roles["pm"])
    scores = [contrast.score.value for contrast in found.nearest]
    assert scores == sorted(scores, reverse=True)
    assert {c.other.id for c in found.nearest} == {"po", "pmm", "project-manager", "brand-manager"}
    markdown = _ok(invoke, "brief", "pm")
    related = [text for level, text in headings(markdown) if level == 3][-4:]
    assert related == [contrast.other.name for contrast in found.nearest]
    assert "| Area | Product Manager | Product Marketing Manager |" in markdown


def test_sourced_only_brief_has_no_editorial_item_or_note(invoke: Invoke) -> None:
    markdown = _ok(invoke, "--sourced-only", "brief", "po")
    assert "editorial" not in markdown.lower()
    assert "Maintain and order the product backlog" not in markdown
    assert_footnotes_resolve(markdown)


def test_brief_as_text_and_html(invoke: Invoke) -> None:
    text = _ok(invoke, "brief", "po", "--format", "text")
    assert "Product Owner" in text
    assert "[^" not in text
    assert "##" not in text
    html = _ok(invoke, "brief", "po", "--format", "html")
    assert html.lower().startswith("<!doctype html")
    assert "Product Owner</h1>" in html
    assert "<li>" in html


def test_brief_exports_markdown_and_html(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    result = invoke("brief", "po", "--export", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == _ok(invoke, "brief", "po")
    page = tmp_path / "brief.html"
    result = invoke("brief", "po", "--export", str(page))
    assert result.exit_code == 0, result.stderr
    assert "Product Owner</h1>" in page.read_text(encoding="utf-8")


# -- the document -----------------------------------------------------------------------------


def test_brief_json_shape(invoke: Invoke) -> None:
    document = json.loads(_ok(invoke, "brief", "po", "--format", "json"))
    assert list(document) == [
        "version",
        "role",
        "name",
        "summary",
        "sections",
        "stakeholders",
        "nearest",
        "disputes",
        "cited",
    ]
    assert document["version"] == 2
    assert (document["role"], document["name"]) == ("po", "Product Owner")
    assert list(document["sections"]) == list(SECTIONS)
    backlog = document["sections"]["owns"]
    assert backlog == [{"text": "backlog", "sources": ["editorial"], "editorial": True}]
    assert document["summary"]["sources"] == ["perrin"]
    engineering = document["stakeholders"][0]
    assert list(engineering) == ["id", "name", "sources", "editorial", "needs"]
    assert engineering["id"] == "engineering"
    assert all(set(need) == {"text", "sources", "editorial"} for need in engineering["needs"])
    (nearest,) = document["nearest"]
    assert (nearest["id"], nearest["curated"]["id"]) == ("pm", "pm-vs-po")
    assert nearest["similarity"]["confidence"] == "high"
    assert set(document["disputes"]) == {"summary"}
    cited = [source["id"] for source in document["cited"]]
    assert set(cited) >= {"perrin", "editorial", "hiles"}
    assert yaml.safe_load(_ok(invoke, "brief", "po", "--format", "yaml")) == document
    assert _ok(invoke, "brief", "po", "--json") == _ok(invoke, "brief", "po", "--format", "json")


def test_brief_has_no_csv_form(invoke: Invoke) -> None:
    result = invoke("brief", "po", "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "csv" in result.stderr


# -- errors -----------------------------------------------------------------------------------


def test_unknown_role_is_a_did_you_mean_error(invoke: Invoke) -> None:
    result = invoke("brief", "prodct owner")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown role 'prodct owner'; did you mean 'Product Owner'" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_brief_needs_a_role(invoke: Invoke) -> None:
    result = invoke("brief")
    assert result.exit_code == 2
    assert result.stdout == ""


# -- own catalogues ---------------------------------------------------------------------------


def test_a_bare_role_still_reads_well(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text("roles:\n  widget:\n    name: Widget Owner\n", encoding="utf-8")
    markdown = _ok(invoke, "--no-builtin", "--catalogue", str(path), "brief", "widget")
    assert markdown == (
        "# Widget Owner\n\n"
        "_A starting point for a job description, drawn from the articles in the notes at the "
        "end._\n\n"
        "_The sources say nothing yet about what the role is about, its responsibilities, the "
        "skills it asks for, the background it asks for, the tools it uses or the groups it "
        "works with._\n"
    )


def test_a_role_with_a_few_attributes_and_no_sources(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "roles:\n  widget:\n    name: Widget Owner\n    summary: Owns the widgets.\n"
        "    skills: [widget tuning]\n    interactions: [sales, nobody-defines-me]\n",
        encoding="utf-8",
    )
    markdown = _ok(invoke, "--quiet", "--catalogue", str(path), "brief", "widget")
    assert headings(markdown) == [
        (1, "Widget Owner"),
        (2, "About the role"),
        (2, "Skills"),
        (2, "Who the role works with"),
    ]
    assert "Owns the widgets.\n" in markdown
    assert "- Widget tuning\n" in markdown
    assert "- **Sales**\n  - " in markdown  # the built-in stakeholder's needs
    assert "- **nobody-defines-me**\n" in markdown  # only its id is known
    assert "its responsibilities" in markdown
    assert_footnotes_resolve(markdown)


def test_hostile_text_is_inert(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    markdown = _ok(invoke, "--no-builtin", "--catalogue", str(path), "brief", "evil")
    assert "\x1b" not in markdown
    assert "\u202e" not in markdown
    assert "\\x1b" in markdown
    assert "\\u202e" in markdown
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert 'href="javascript' not in html
    assert "<strong>bold</strong>" not in html
    assert "<code>" not in html
    assert [level for level, _ in headings(markdown)] == [1, 2, 2, 2]
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert not any(t.type in ("table_open", "ordered_list_open", "image") for t in tokens)
    html_page = _ok(invoke, "--no-builtin", "--catalogue", str(path), "brief", "evil", "-f", "html")
    assert "<script>alert" not in html_page
    assert "<img src=x" not in html_page


# -- the page as data -------------------------------------------------------------------------


def _cites(page: Page) -> list[int]:
    from pmroles.render.page import Bullets, Item, Paragraph, Table

    found: list[int] = []

    def line(parts: tuple[object, ...]) -> None:
        found.extend(part.number for part in parts if isinstance(part, Cite))

    def items(entries: tuple[Item, ...]) -> None:
        for entry in entries:
            line(entry.text)
            items(entry.children)

    for block in page.blocks:
        if isinstance(block, Paragraph):
            line(block.text)
        elif isinstance(block, Bullets):
            items(block.items)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    line(cell)
    return found


@pytest.mark.parametrize("role_id", sorted(load_builtin().roles))
def test_every_built_in_role_has_a_brief_whose_notes_all_resolve(role_id: str) -> None:
    catalogue = load_builtin()
    page = brief_page(catalogue.roles[role_id], catalogue)
    cited = _cites(page)
    assert sorted(set(cited)) == list(range(1, len(page.sources) + 1))
    assert page.title == catalogue.roles[role_id].name
    assert page.description.startswith(f"{page.title}: a job description starter")


class _SiteLinks:
    def role(self, role_id: str) -> str | None:
        return f"roles/{role_id}.html"

    def stakeholder(self, stakeholder_id: str) -> str | None:
        return f"stakeholders/{stakeholder_id}.html"

    def comparison(self, first: str, second: str) -> str | None:
        return None


def test_a_site_links_the_groups_a_brief_names() -> None:
    from pmroles.render.page import Bullets

    catalogue = load_builtin()
    page = brief_page(catalogue.roles["po"], catalogue, _SiteLinks())
    links = [
        part
        for block in page.blocks
        if isinstance(block, Bullets)
        for item in block.items
        for part in item.text
        if isinstance(part, Link)
    ]
    assert Link("Engineering", "stakeholders/engineering.html") in links
    assert all(plain(item.text) for b in page.blocks if isinstance(b, Bullets) for item in b.items)
