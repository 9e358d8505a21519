"""Bullet-list cells (`_Bullets`) as a table draws them: marks, wrapping, bold, every width."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pmroles.answers.compare import Mark
from pmroles.render.console import render
from pmroles.render.tables import ITEM_MARK, MARKS, _bullets, new_table, safe_text

ITEMS = [
    (ITEM_MARK, "Market analysis and customer discovery"),
    (MARKS[Mark.SHARED], "Engineering"),
    (MARKS[Mark.SOME], "製品マネージャー 市場分析"),
    (ITEM_MARK, "a-very-long-unbreakable-word-that-must-fold-somewhere"),
    (ITEM_MARK, ""),
]


def _table() -> Table:
    table = new_table("Title", "Caption")
    table.add_column("Aspect", style="bold", overflow="fold", max_width=18)
    table.add_column(safe_text("Business Product Manager (bpm)", "bold"), overflow="fold")
    table.add_column("Alike", justify="right", no_wrap=True)
    table.add_row(Text("Skills and training"), _bullets(ITEMS), Text("42%"))
    table.add_row(Text("Summary"), safe_text("One sentence that wraps " * 4), Text("-"))
    table.add_row(Text("Nothing"), _bullets([]), Text("0%"))
    return table


def _draw(width: int, colour: bool) -> str:
    console = Console(
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        markup=False,
        emoji=False,
        highlight=False,
    )
    return render(console, _table())


def test_bullets_wrap_under_their_text_and_fold_what_cannot_wrap() -> None:
    assert _draw(40, colour=False) == (
        "Title\n"
        "╭──────────────┬───────────────┬───────╮\n"
        "│              │ Business      │       │\n"
        "│              │ Product       │       │\n"
        "│ Aspect       │ Manager (bpm) │ Alike │\n"
        "├──────────────┼───────────────┼───────┤\n"
        "│ Skills and   │ • Market      │   42% │\n"
        "│ training     │   analysis    │       │\n"
        "│              │   and         │       │\n"
        "│              │   customer    │       │\n"
        "│              │   discovery   │       │\n"
        "│              │ = Engineering │       │\n"
        "│              │ ~ 製品マネー  │       │\n"
        "│              │   ジャー      │       │\n"
        "│              │   市場分析    │       │\n"
        "│              │ • a-very-long │       │\n"
        "│              │   -unbreakabl │       │\n"
        "│              │   e-word-that │       │\n"
        "│              │   -must-fold- │       │\n"
        "│              │   somewhere   │       │\n"
        "│              │ •             │       │\n"
        "├──────────────┼───────────────┼───────┤\n"
        "│ Summary      │ One sentence  │     - │\n"
        "│              │ that wraps    │       │\n"
        "│              │ One sentence  │       │\n"
        "│              │ that wraps    │       │\n"
        "│              │ One sentence  │       │\n"
        "│              │ that wraps    │       │\n"
        "│              │ One sentence  │       │\n"
        "│              │ that wraps    │       │\n"
        "├──────────────┼───────────────┼───────┤\n"
        "│ Nothing      │               │    0% │\n"
        "╰──────────────┴───────────────┴───────╯\n"
        "Caption\n"
    )


def test_only_what_every_role_lists_is_bold_and_never_its_mark() -> None:
    bold = re.compile(r"\x1b\[1m([^\x1b]*)\x1b\[0m")
    cells = {}  # the bullet column's cell on each line, by the item it shows
    for line in _draw(100, colour=True).splitlines():
        cell = line.split("│")[2] if line.count("│") == 4 else ""
        for _, item in ITEMS[:4]:
            if item.split()[0] in cell:
                cells[item] = cell
    assert len(cells) == 4
    assert bold.findall(cells["Engineering"]) == ["Engineering"]
    assert "= \x1b[1mEngineering" in cells["Engineering"]
    for mark, item in ITEMS[:4]:
        if mark != MARKS[Mark.SHARED]:
            assert bold.findall(cells[item]) == [], item


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_a_table_draws_within_every_width_down_to_one_column(colour: bool) -> None:
    for width in range(1, 90):
        drawn = _draw(width, colour)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", drawn)
        widest = max(cell_len(line) for line in plain.splitlines())
        assert widest <= width, f"at width {width}"
