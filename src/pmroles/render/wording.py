"""Words the terminal views and the documents for people share: labels, a dimension's values
in a sentence, and what `match` found in a role. Plain strings only: no Rich, so the Markdown
and HTML of a command load none of the terminal's modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pmroles.model import ASPECT_BY_KEY, Catalogue, Role, normalise
from pmroles.render.text import percent

if TYPE_CHECKING:  # `match` alone scores; the other commands need not load it
    from pmroles.answers.fit import Fit, Matched
    from pmroles.answers.search import Hit

EDITORIAL_SUFFIX = " (editorial)"
"""After an item a document shows that is pmroles' own summary, not an article's (a terminal
view marks it `*` and says so under its table)."""


def aspect_label(key: str) -> str:
    """An aspect's label ('Day to day'); any other key as a word ('Needs', 'Extends')."""
    if key in ASPECT_BY_KEY:
        return ASPECT_BY_KEY[key].label
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def joined(words: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 2:
        return f" {last} ".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def dimension_words(key: str, values: Sequence[str]) -> list[str]:
    """A dimension's values as a sentence lists them: 'medium', 'long term' (read as
    'medium and long term'), 'B2C', 'B2B'."""
    if key == "horizon":
        return [*values[:-1], *(f"{v} term" for v in values[-1:])]
    return [value_text(key, v) for v in values]


def value_text(key: str, value: str) -> str:
    """A dimension's value as people say it: 'short term', 'any method', 'B2B'."""
    if key == "horizon":
        return f"{value} term"
    if key == "method" and value == "any":
        return "any method"
    if key == "market":
        return value.upper()
    return value


# -- search --------------------------------------------------------------------------------


def editorial_hit(hit: Hit, catalogue: Catalogue) -> bool:
    """Whether the text a search found is pmroles' editorial summary, not an article's."""
    if hit.kind == "role" and hit.id in catalogue.roles:
        return catalogue.roles[hit.id].is_editorial(hit.field, hit.text)
    if hit.kind == "stakeholder" and hit.field == "needs" and hit.id in catalogue.stakeholders:
        return catalogue.stakeholders[hit.id].is_editorial(hit.text)
    return False


def hit_place(hit: Hit, catalogue: Catalogue, names: Mapping[str, str]) -> tuple[str, str]:
    """Where a search found its text, as people read it: (the role, stakeholder or pair of
    roles by name, the field by label: 'Skills', 'Needs', 'Advantages of Product Owner')."""
    role_names = {role.id: role.name for role in catalogue.roles.values()}
    if hit.kind == "role":
        where = role_names.get(hit.id, hit.id)
    elif hit.kind == "stakeholder":
        where = names.get(hit.id, hit.id)
    else:
        note = catalogue.comparisons.get(hit.id)
        where = " vs ".join(role_names.get(r, r) for r in note.roles) if note else hit.id
    field, *rest = hit.field.split(".")
    label = aspect_label(field)
    if field in ("advantages", "excels") and rest:
        label = f"{label} of {role_names.get(rest[0], rest[0])}"
    elif field == "split" and len(rest) == 2:
        area, role = rest
        label = f"Who does what in {names.get(area, area)}: {role_names.get(role, role)}"
    return where, label


# -- match -----------------------------------------------------------------------------------


def matched_line(
    m: Matched,
    role: Role,
    catalogue: Catalogue,
    names: Mapping[str, str],
    *,
    mark: str = "",
    note: str = "",
) -> tuple[str, bool]:
    """One matched answer as people read it, and whether its item is editorial: e.g.
    `skill: coding → Software development: "software development" (Skills)`. An editorial
    item is followed by `mark` (the terminal's `*`), and `note` is said in the parentheses
    after it (a document's "editorial")."""
    from pmroles.answers.fit import CHOICE_CATEGORIES

    editorial = role.is_editorial(m.aspect, m.item)
    mark = mark if editorial else ""
    notes = [note] if editorial and note else []
    if m.aspect in ("interactions", *CHOICE_CATEGORIES):  # always in full
        shown = names.get(m.item, m.item) if m.aspect == "interactions" else m.item
        said = f" ({', '.join(notes)})" if notes else ""
        return f"{m.category}: {m.answer} → {shown}{mark}{said}", editorial
    if m.aspect in ("owns", "supports"):
        said = f'"{names.get(m.item, m.item)}{mark}"'
    else:
        words = [w for w in dict.fromkeys(m.words) if normalise(w) != normalise(m.item)]
        quoted = ", ".join(f'"{w}"' for w in words)
        said = f'{quoted} in "{m.item}{mark}"' if words else f'"{m.item}{mark}"'
    concepts = " + ".join(
        catalogue.concepts[c].label if c in catalogue.concepts else c for c in m.concepts
    )
    partial = f", {percent(m.credit)}" if m.credit < 1 else ""
    where = ", ".join([f"{aspect_label(m.aspect)}{partial}", *notes])
    found = f"{concepts}: {said}" if concepts else said
    return f"{m.category}: {m.answer} → {found} ({where})", editorial


def needs_lines(
    fit: Fit, names: Mapping[str, str], mark: str
) -> tuple[list[tuple[str, list[str]]], bool]:
    """What the role also needs, by aspect: (label, items as people read them, each
    editorial one followed by `mark`), and whether any is editorial."""
    by_aspect: dict[str, list[str]] = {}
    editorial = False
    for aspect, item in fit.missing:
        shown = names.get(item, item) if aspect == "interactions" else item
        if fit.role.is_editorial(aspect, item):
            shown, editorial = shown + mark, True
        by_aspect.setdefault(aspect, []).append(shown)
    return [(aspect_label(a), items) for a, items in by_aspect.items()], editorial
