"""The tables pad their own cells (see `_SelfPaddedTable`): held here to what Rich's own padded
table draws for the same cells, at every width down to one column."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pmroles.compare import Mark
from pmroles.render.console import render
from pmroles.render.tables import ITEM_MARK, MARKS, _bullets, new_table, safe_text

ITEMS = [
    (ITEM_MARK, "Market analysis and customer discovery"),
    (MARKS[Mark.SHARED], "Engineering"),
    (MARKS[Mark.SOME], "製品マネージャー 市場分析"),
    (ITEM_MARK, "a-very-long-unbreakable-word-that-must-fold-somewhere"),
    (ITEM_MARK, ""),
]


def _fill(table: Table) -> Table:
    table.add_column("Aspect", style="bold", overflow="fold", max_width=18)
    table.add_column(safe_text("Business Product Manager (bpm)", "bold"), overflow="fold")
    table.add_column("Alike", justify="right", no_wrap=True)
    table.add_row(Text("Skills and training"), _bullets(ITEMS), Text("42%"))
    table.add_row(Text("Summary"), safe_text("One sentence that wraps " * 4), Text("-"))
    table.add_row(Text("Nothing"), _bullets([]), Text("0%"))
    return table


def _riches_own() -> Table:
    return Table(
        title=safe_text("Title", "bold"),
        title_justify="left",
        caption=safe_text("Caption", "dim"),
        caption_justify="left",
        box=box.ROUNDED,
        show_lines=True,
    )


def _draw(make: Callable[[], Table], width: int, colour: bool) -> str:
    console = Console(
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        markup=False,
        emoji=False,
        highlight=False,
    )
    return render(console, _fill(make()))


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_self_padded_tables_draw_what_a_padded_rich_table_draws(colour: bool) -> None:
    for width in range(1, 90):
        ours = _draw(lambda: new_table("Title", "Caption"), width, colour)
        assert ours == _draw(_riches_own, width, colour), f"at width {width}"
