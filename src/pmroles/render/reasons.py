"""A similarity score's reasons as people read them: on a terminal and in CSV (`reason_text`),
and in the documents for people (`reason_words`: labels and names, 'B2C', whole sentences)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pmroles.model import ASPECT_BY_KEY, Catalogue
from pmroles.render.wording import dimension_words, joined

if TYPE_CHECKING:  # `show` imports the views' module; only `compare` and `similar` score
    from pmroles.answers.similarity import Link, Reason

LINKS_SHOWN = 3
"""Concepts named per 'shared' reason; the JSON keeps them all."""


def _link_text(link: Link) -> str:
    if link.nearness >= 1 or not link.other:
        return link.label
    return f"{link.label} ~ {link.other}"


def _who(catalogue: Catalogue, comparison: str | None) -> str:
    """The authors or titles behind a curated comparison, briefly."""
    note = catalogue.comparisons.get(comparison or "")
    if note is None:
        return ""
    names = []
    for ident in note.sources:
        source = catalogue.sources.get(ident)
        if source is not None:
            names.append(source.author or source.publisher or source.title)
    return f" ({'; '.join(names)})" if names else ""


def reason_mark(reason: Reason) -> str:
    """'+' for a reason that raises the score, '-' for one that lowers it."""
    return "+" if reason.effect >= 0 else "-"


def reason_text(reason: Reason, catalogue: Catalogue, names: Mapping[str, str]) -> str:
    """One line: 'Skills: Agile, Backlog ~ Product backlog', 'horizon: short vs long',
    'the articles call them comparable (Michel Perrin)'."""
    if reason.kind == "articles" and reason.relation is not None:
        text = f"the articles call them {reason.relation.value}{_who(catalogue, reason.comparison)}"
    elif reason.kind == "shared" and reason.aspect is not None:
        label = ASPECT_BY_KEY[reason.aspect].label
        if reason.links:
            shown = ", ".join(
                names.get(_link_text(link), _link_text(link)) for link in reason.links[:LINKS_SHOWN]
            )
            more = len(reason.links) - LINKS_SHOWN
            text = f"{label}: {shown}" + (f" and {more} more" if more > 0 else "")
        else:
            text = f"{label}: nothing in common"
    elif reason.kind == "dimension" and reason.aspect is not None:
        one, other = (", ".join(v) for v in reason.values)
        text = (
            f"same {reason.aspect}: {one}" if one == other else f"{reason.aspect}: {one} vs {other}"
        )
    else:
        text = f"little to go on ({reason.evidence:g} items): pulled toward the middle"
    return text


def signed_text(reason: Reason, catalogue: Catalogue, names: Mapping[str, str]) -> str:
    return f"{reason_mark(reason)} {reason_text(reason, catalogue, names)}"


def reason_words(
    reason: Reason, catalogue: Catalogue, names: Mapping[str, str], *, who: bool = True
) -> str:
    """One reason as a document says it: 'The articles call them comparable (Michel Perrin)',
    'Skills: Communication, Backlog (near Product backlog)', 'Same market: B2C and B2B'.
    `who`: name the articles behind a curated comparison (a page footnotes them instead)."""
    if reason.kind == "articles" and reason.relation is not None:
        behind = _who(catalogue, reason.comparison) if who else ""
        return f"The articles call them {reason.relation.value}{behind}"
    if reason.kind == "shared" and reason.aspect is not None:
        label = ASPECT_BY_KEY[reason.aspect].label
        if not reason.links:
            return f"{label}: nothing in common"
        shown = []
        for link in reason.links[:LINKS_SHOWN]:
            text = names.get(link.label, link.label)
            if link.nearness < 1 and link.other:
                text += f" (near {names.get(link.other, link.other)})"
            shown.append(text)
        more = len(reason.links) - LINKS_SHOWN
        return f"{label}: {', '.join(shown)}" + (f" and {more} more" if more > 0 else "")
    if reason.kind == "dimension" and reason.aspect is not None:
        key = reason.aspect
        one, other = (joined(dimension_words(key, values)) for values in reason.values)
        label = ASPECT_BY_KEY[key].label
        return f"Same {label.lower()}: {one}" if one == other else f"{label}: {one} vs {other}"
    return f"Little to go on ({reason.evidence:g} items), so the score stays near the middle"
