"""The built-in catalogue is complete and honest about where each item comes from.

Every role has every attribute of the design card (and the rest a reader asks about); every
item, need and dispute names sources the catalogue defines; editorial items are marked as
such and `--sourced-only` leaves every one of them out, in every command and format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmroles.catalogue.loader import load_builtin
from pmroles.model import EDITORIAL, Catalogue

from .conftest import Invoke

CARD = ("focus", "skills", "interactions", "goals", "tools", "background")
"""The design card's attributes."""
ALSO = (
    "summary",
    "responsibilities",
    "day_to_day",
    "challenges",
    "career_path",
    "horizon",
    "method",
    "market",
    "orientation",
)
"""What a reader asks about a role besides the card."""
DISPUTED = {
    ("pm", "horizon"),
    ("pm", "background"),
    ("pm", "advantages"),
    ("bpm", "owns"),
}
"""Disagreements between the articles the audit found settled silently (at least these)."""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_builtin()


def test_every_role_has_every_card_attribute_and_the_rest(catalogue: Catalogue) -> None:
    missing = [
        f"{role.id}.{key}"
        for role in catalogue.roles.values()
        for key in (*CARD, *ALSO)
        if not role.get(key)
    ]
    assert missing == []


def test_every_item_names_sources_the_catalogue_defines(catalogue: Catalogue) -> None:
    known = set(catalogue.sources)
    assert EDITORIAL in known
    unsourced, unknown = [], []
    for role in catalogue.roles.values():
        for aspect in role.aspects():
            for item in role.get(aspect.key):
                ids = role.item_sources(aspect.key, item)
                if not ids:
                    unsourced.append(f"{role.id}.{aspect.key}: {item}")
                unknown += [f"{role.id}.{aspect.key}: {s}" for s in ids if s not in known]
        for key, disputes in role.disputes.items():
            unknown += [
                f"{role.id}.disputes.{key}: {s}" for d in disputes for s in d if s not in known
            ]
    for stakeholder in catalogue.stakeholders.values():
        for need in stakeholder.needs:
            ids = stakeholder.need_sources(need)
            if not ids:
                unsourced.append(f"{stakeholder.id}.needs: {need}")
            unknown += [f"{stakeholder.id}: {s}" for s in ids if s not in known]
    for note in catalogue.comparisons.values():
        if not note.sources:
            unsourced.append(f"comparisons.{note.id}")
        unknown += [f"comparisons.{note.id}: {s}" for s in note.sources if s not in known]
    assert unsourced == []
    assert unknown == []


def test_editorial_items_never_sit_unmarked_beside_articles(catalogue: Catalogue) -> None:
    """An attribute citing both articles and `editorial` says item by item which is which:
    otherwise an article's item could be taken for pmroles' own, or the reverse."""
    unclear = []
    for role in catalogue.roles.values():
        for key, ids in role.sources.items():
            if EDITORIAL in ids and len(ids) > 1:
                cited = role.cites.get(key, {})
                unclear += [
                    f"{role.id}.{key}: {item}" for item in role.get(key) if item not in cited
                ]
    assert unclear == []


def test_the_disagreements_between_articles_are_recorded(catalogue: Catalogue) -> None:
    recorded = {
        (role.id, key)
        for role in catalogue.roles.values()
        for key, disputes in role.disputes.items()
        if disputes
    }
    assert recorded >= DISPUTED
    for role_id, key in DISPUTED:
        for dispute in catalogue.roles[role_id].disputes[key]:
            assert len(dispute) >= 2
            assert EDITORIAL not in dispute  # a dispute is between sources, not ours


def test_show_prints_the_disputes(invoke: Invoke, catalogue: Catalogue) -> None:
    result = invoke("show", "pm", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    for dispute in catalogue.roles["pm"].disputes["horizon"]:
        for source in dispute:
            assert f"{source}:" in text
    assert "≠ where the articles disagree" in text


def _editorial_items(catalogue: Catalogue) -> set[str]:
    items = {
        item
        for role in catalogue.roles.values()
        for aspect in role.aspects()
        for item in role.get(aspect.key)
        if role.is_editorial(aspect.key, item)
        and aspect.key not in ("horizon", "method", "market", "orientation", "owns", "supports")
        and aspect.key != "interactions"
    }
    items |= {
        need for s in catalogue.stakeholders.values() for need in s.needs if s.is_editorial(need)
    }
    # An editorial phrase that is also part of what an article says (for this role or
    # another) may rightly show: only what is ours alone is looked for.
    sourced = [
        item
        for role in catalogue.roles.values()
        for aspect in role.aspects()
        for item in role.get(aspect.key)
        if not role.is_editorial(aspect.key, item)
    ]
    sourced += [r.name for r in catalogue.roles.values()]
    sourced += [
        n
        for s in catalogue.stakeholders.values()
        for n in (s.name, *s.aliases, *(need for need in s.needs if not s.is_editorial(need)))
    ]
    sourced += [
        text
        for note in catalogue.comparisons.values()
        for text in (
            note.summary or "",
            *note.similarities,
            *note.differences,
            *(t for ts in note.advantages.values() for t in ts),
            *(t for ts in note.excels.values() for t in ts),
            *(t for shares in note.split.values() for t in shares.values()),
        )
    ]
    everything = "\n".join(sourced)
    return {item for item in items if item not in everything}


COMMANDS = [
    ["show", "{role}"],
    ["compare", "{role}", "{other}", "--full"],
    ["list"],
    ["search", "{word}"],
    ["similar", "{role}"],
    ["stakeholders", "{stakeholder}"],
]


@pytest.mark.parametrize("form", ["table", "json", "yaml", "csv", "markdown"])
def test_sourced_only_output_holds_no_editorial_item(
    invoke: Invoke, catalogue: Catalogue, form: str
) -> None:
    editorial = _editorial_items(catalogue)
    assert editorial, "the built-in catalogue has editorial items to hide"
    roles = list(catalogue.roles)
    stakeholders = [s.id for s in catalogue.stakeholders.values()]
    for index, role in enumerate(roles):
        other = roles[index - 1]
        for template in COMMANDS:
            args = [
                a.format(
                    role=role,
                    other=other,
                    word="the",
                    stakeholder=stakeholders[index % len(stakeholders)],
                )
                for a in template
            ]
            result = invoke("--sourced-only", *args, "--format", form, env={"COLUMNS": "400"})
            assert result.exit_code in (0, 1), (args, result.stderr)
            text = " ".join(result.stdout.split())
            shown = [item for item in editorial if item in text]
            assert shown == [], (args, form, shown[:3])


def test_sourced_only_reaches_the_matrix_the_map_and_exports(
    invoke: Invoke, tmp_path: Path
) -> None:
    whole = invoke("matrix", "--by", "responsibility", env={"COLUMNS": "120"})
    assert "●*" in whole.stdout  # the product owner's backlog, from common practice
    sourced = invoke("--sourced-only", "matrix", "--by", "responsibility", env={"COLUMNS": "120"})
    assert sourced.exit_code == 0, sourced.stderr
    assert "*" not in sourced.stdout
    drawn = invoke("map", env={"COLUMNS": "100"})
    assert "◦" in drawn.stdout  # some roles are placed from editorial horizons
    points = json.loads(invoke("map", "--json").stdout)["points"]
    assert any(point["editorial"] for point in points)
    placed = invoke("map", "--sourced-only", "--json").stdout
    assert not any(point["editorial"] for point in json.loads(placed)["points"])
    assert "◦" not in invoke("--sourced-only", "map", env={"COLUMNS": "100"}).stdout
    export = tmp_path / "matrix.txt"
    result = invoke("--sourced-only", "matrix", "--by", "responsibility", "--export", str(export))
    assert result.exit_code == 0, result.stderr
    assert "*" not in export.read_text(encoding="utf-8")
