"""Every terminal view fits its width and never breaks a word: `pmroles.render.layout`.

The property test draws the real views (show, compare in both forms, list, stakeholders,
match, both matrices) of random catalogues at random widths from 20 to 200 columns and
holds every line to the width, every word to one piece (a word may only be cut, ending in
`…`), and every word of the widest drawing to appear, whole or cut, at the narrow one.
"""

from __future__ import annotations

import io
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, RenderableType

from pmroles.answers.compare import compare
from pmroles.answers.fit import match
from pmroles.answers.matrix import responsibility_matrix, stakeholder_matrix
from pmroles.answers.query import Criteria, roles_by_stakeholder
from pmroles.model import RESPONSIBILITY_AREAS, Catalogue, Comparison, Role, Stakeholder
from pmroles.render.console import render
from pmroles.render.layout import ELLIPSIS, ITEM_MARK, Column, Grid, Paragraph, cut, wrap
from pmroles.render.pictures import fit_table, matrix_view, short_codes
from pmroles.render.tables import (
    comparison_view,
    role_table,
    roles_table,
    stakeholder_view,
    stakeholders_table,
)
from pmroles.render.text import ITEM_LIMIT

BOX = re.compile("[│╭╮╰╯─┬┴┼├┤]")
PUNCTUATION = "()[],;:."
CORNERS = {"Aspect", "Details", "Id", "Role", "Stakeholder", "Area", "Roles"}
"""The headings over a table's first column, which a stacked layout has no place for, and
the matrix's key to its headings, which its one-list-per-role layout does not need."""


def draw(renderable: RenderableType, width: int, *, colour: bool = False) -> str:
    console = Console(
        width=width,
        file=io.StringIO(),
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        markup=False,
        emoji=False,
        highlight=False,
    )
    return render(console, renderable)


def _same_start(known: str, cut_token: str) -> bool:
    """Whether `cut_token` (ending in …) is the start of the word `known` stands for, which
    the widest drawing may itself show cut (in a column with a cap)."""
    shown_part, whole = cut_token[:-1], known.removesuffix(ELLIPSIS)
    return whole.startswith(shown_part) or (
        known.endswith(ELLIPSIS) and shown_part.startswith(whole)
    )


def tokens(text: str) -> list[str]:
    found = (word.strip(PUNCTUATION) for word in BOX.sub(" ", text).split())
    return [word for word in found if word]


# -- words and lines -------------------------------------------------------------------------


def test_cut_keeps_what_fits_and_marks_what_it_cuts() -> None:
    assert cut("analysis", 8) == "analysis"
    assert cut("analysis", 5) == "anal…"
    assert cut("製品マネージャー", 7) == "製品マ…"
    assert cut("anything", 1) == "…"


def test_wrap_breaks_at_spaces_only() -> None:
    assert wrap("market and customer demands", 12) == ["market and", "customer", "demands"]
    assert wrap("a-very-long-unbreakable-word here", 10) == ["a-very-lo…", "here"]
    assert wrap("", 10) == [""]


GRID = Grid(
    "Title",
    [Column("Aspect", cap=18, bold=True), Column("Business Product Manager (bpm)")],
    [
        ["Skills and training", ((ITEM_MARK, "Market analysis and discovery"), ("=", "Sales"))],
        ["Summary", "One sentence that wraps " * 3],
        ["Nothing", ()],
    ],
    caption="Caption",
)


def test_a_grid_draws_a_box_when_its_words_fit() -> None:
    assert draw(GRID, 40) == (
        "Title\n"
        "╭─────────────┬────────────────────────╮\n"
        "│             │ Business Product       │\n"
        "│ Aspect      │ Manager (bpm)          │\n"
        "├─────────────┼────────────────────────┤\n"
        "│ Skills and  │ • Market analysis and  │\n"
        "│ training    │   discovery            │\n"
        "│             │ = Sales                │\n"
        "├─────────────┼────────────────────────┤\n"
        "│ Summary     │ One sentence that      │\n"
        "│             │ wraps One sentence     │\n"
        "│             │ that wraps One         │\n"
        "│             │ sentence that wraps    │\n"
        "├─────────────┼────────────────────────┤\n"
        "│ Nothing     │                        │\n"
        "╰─────────────┴────────────────────────╯\n"
        "Caption\n"
    )


def test_a_grid_too_wide_for_its_words_is_stacked_then_plain() -> None:
    assert draw(GRID, 24) == (
        "Title\n"
        "Skills and training:\n"
        "  • Market analysis and\n"
        "    discovery\n"
        "  = Sales\n"
        "Summary: One sentence\n"
        "  that wraps One\n"
        "  sentence that wraps\n"
        "  One sentence that\n"
        "  wraps\n"
        "Nothing: -\n"
        "Caption\n"
    )
    assert draw(GRID, 12).splitlines()[:3] == [
        "Title",
        "Skills and training: Market analysis and discovery; Sales",
        "Summary: One sentence that wraps One sentence that wraps One sentence that wraps",
    ]


def test_only_shared_items_are_bold_and_never_their_mark() -> None:
    drawn = draw(GRID, 60, colour=True)
    assert "= \x1b[1mSales\x1b[0m" in drawn
    assert "\x1b[1mMarket" not in drawn


def test_one_huge_item_is_cut_on_screen() -> None:
    grid = Grid(None, [Column("A"), Column("B")], [["x", "word " * 1000]])
    drawn = draw(grid, 80)
    assert drawn.count("word") < ITEM_LIMIT // 5 + 2
    assert ELLIPSIS in drawn


def test_a_paragraph_wraps_and_bullets_hang() -> None:
    paragraph = Paragraph("Heading words", items=((ITEM_MARK, "one two three four"),))
    assert draw(paragraph, 20) == "Heading words\n• one two three four\n"
    assert draw(paragraph, 21).count("\n") == 2


# -- the views, on random catalogues -----------------------------------------------------------

word = st.text(string.ascii_letters, min_size=1, max_size=30)
phrase = st.lists(word, min_size=1, max_size=6).map(" ".join)
items = st.lists(phrase, min_size=0, max_size=4, unique=True).map(tuple)


@st.composite
def catalogues(draw_: st.DrawFn) -> Catalogue:
    stakeholder_ids = draw_(
        st.lists(st.from_regex(r"[a-z]{2,12}", fullmatch=True), min_size=1, max_size=4, unique=True)
    )
    stakeholders = {s: Stakeholder(s, draw_(phrase), needs=draw_(items)) for s in stakeholder_ids}
    role_ids = draw_(
        st.lists(
            st.from_regex(r"[a-z][a-z-]{1,16}[a-z]", fullmatch=True),
            min_size=2,
            max_size=5,
            unique=True,
        )
    )
    areas = [area for area, _ in RESPONSIBILITY_AREAS]
    roles = {}
    for role_id in role_ids:
        attributes = {
            key: value
            for key, value in {
                "focus": draw_(items),
                "skills": draw_(items),
                "goals": draw_(items),
                "interactions": tuple(
                    draw_(st.lists(st.sampled_from(stakeholder_ids), unique=True))
                ),
                "owns": tuple(draw_(st.lists(st.sampled_from(areas), max_size=3, unique=True))),
            }.items()
            if value
        }
        roles[role_id] = Role(
            role_id, draw_(phrase), summary=draw_(st.none() | phrase), attributes=attributes
        )
    first, second = role_ids[:2]
    note = Comparison(
        "note",
        (first, second),
        summary=draw_(phrase),
        similarities=draw_(items),
        differences=draw_(items),
        split={draw_(phrase): {first: draw_(phrase), second: draw_(phrase)}},
    )
    return Catalogue(roles=roles, stakeholders=stakeholders, comparisons={"note": note})


def views(catalogue: Catalogue) -> list[tuple[RenderableType, set[str]]]:
    """Each view, with the words it may show beyond those of its widest drawing."""
    roles = list(catalogue.roles.values())
    result = compare(catalogue, roles)
    pair = compare(catalogue, roles[:2])
    answers = Criteria(skill=tuple(roles[0].get("skills")[:1]) or ("anything",))
    codes = set(short_codes(list(catalogue.roles)).values())
    working = roles_by_stakeholder(catalogue)
    some = next(iter(catalogue.stakeholders.values()))
    return [
        (role_table(roles[0], catalogue), set()),
        (comparison_view(pair, catalogue), set()),
        (comparison_view(result, catalogue), set()),
        (comparison_view(result, catalogue, full=True), set()),
        (roles_table(roles, "Roles"), set()),
        (stakeholders_table(catalogue, working), set()),
        (stakeholder_view(some, working.get(some.id, []), catalogue), set()),
        (fit_table(match(catalogue, answers), catalogue), set()),
        (matrix_view(stakeholder_matrix(catalogue)), codes),
        (matrix_view(responsibility_matrix(catalogue)), codes),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues(), width=st.integers(20, 200))
def test_every_view_fits_its_width_and_never_splits_a_word(
    catalogue: Catalogue, width: int
) -> None:
    for view, extra in views(catalogue):
        wide = tokens(draw(view, 2000))
        known = set(wide) | extra | {"-"}  # an empty cell, when stacked
        drawn = draw(view, width)
        for line in drawn.splitlines():
            assert cell_len(line) <= width, line
        shown = tokens(drawn)
        cuts = [token[:-1] for token in shown if token.endswith(ELLIPSIS)]
        for token in shown:
            assert (
                token in known
                or (token.endswith(ELLIPSIS) and any(_same_start(k, token) for k in known))
                # The widest drawing cut this word in a capped column; here it is whole.
                or any(k.endswith(ELLIPSIS) and token.startswith(k[:-1]) for k in known)
            ), f"{token!r} is a piece of a word at width {width}"
        for token in {t for t in wide if any(c.isalnum() for c in t)} - set(shown) - CORNERS:
            # Not lost: shown cut short, or a role id the narrow matrix names in its key.
            assert (
                any(token.startswith(c) for c in cuts)
                or token in catalogue.roles
                or (token.endswith(ELLIPSIS) and any(t.startswith(token[:-1]) for t in shown))
            ), token


@pytest.mark.parametrize("width", [20, 40, 60, 80, 120])
def test_the_builtin_views_fit_at_common_widths(width: int) -> None:
    from pmroles.catalogue.stack import load_cached, stack_for

    catalogue, _ = load_cached(stack_for((), no_builtin=False, environ={}), {})
    for view, _extra in views(catalogue):
        for line in draw(view, width).splitlines():
            assert cell_len(line) <= width, line
