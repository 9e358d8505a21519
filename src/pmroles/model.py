"""The catalogue as Python sees it: frozen records, no I/O and no terminal."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple


class Horizon(enum.StrEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class Method(enum.StrEnum):
    AGILE = "agile"
    SEQUENTIAL = "sequential"
    ANY = "any"


class Market(enum.StrEnum):
    B2C = "b2c"
    B2B = "b2b"
    B2G = "b2g"


class Orientation(enum.StrEnum):
    BUSINESS = "business"
    TECHNICAL = "technical"


RESPONSIBILITY_AREAS: tuple[tuple[str, str], ...] = (
    ("strategy", "Product strategy"),
    ("vision", "Product vision"),
    ("roadmap", "Roadmap"),
    ("requirements", "Requirements"),
    ("specifications", "Technical specifications"),
    ("backlog", "Backlog"),
    ("delivery-schedule", "Delivery schedule"),
    ("go-to-market", "Go-to-market"),
    ("messaging", "Messaging"),
    ("pricing", "Pricing"),
    ("p-and-l", "P&L"),
    ("market-research", "Market research"),
    ("customer-feedback", "Customer feedback"),
    ("quality", "Technical quality"),
)
"""(id, label) of every area a role may own or support, in matrix column order."""
_AREA_IDS = tuple(area for area, _ in RESPONSIBILITY_AREAS)


class AspectKind(enum.Enum):
    TEXT = "text"
    """One sentence."""
    LIST = "list"
    """A list of short phrases."""
    STAKEHOLDERS = "stakeholders"
    """A list of stakeholder ids."""
    CHOICES = "choices"
    """A list drawn from a closed set (an enum)."""


class Aspect(NamedTuple):
    """One attribute a role may have, and how it is read and shown.

    Fixed metadata rather than catalogue data, so a NamedTuple like `Location`: the
    catalogue's records below are dataclasses, which take longer to define at start-up.
    """

    key: str
    """The attribute's key in the YAML file."""
    label: str
    """How people read it in a table heading."""
    kind: AspectKind
    choices: tuple[str, ...] = ()
    """The allowed values, for CHOICES."""

    def choice(self, value: str) -> str | None:
        """The allowed value `value` names, ignoring case, spaces, hyphens and underscores."""
        key = normalise(value)
        return next((c for c in self.choices if normalise(c) == key), None)


def _choices(enum_type: type[enum.StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum_type)


ASPECTS: tuple[Aspect, ...] = (
    Aspect("summary", "Summary", AspectKind.TEXT),
    Aspect("focus", "Focus", AspectKind.LIST),
    Aspect("skills", "Skills", AspectKind.LIST),
    Aspect("interactions", "Interactions", AspectKind.STAKEHOLDERS),
    Aspect("goals", "Goals", AspectKind.LIST),
    Aspect("challenges", "Challenges", AspectKind.LIST),
    Aspect("outcomes", "Outcome responsibility", AspectKind.LIST),
    Aspect("tools", "Tools", AspectKind.LIST),
    Aspect("background", "Training and background", AspectKind.LIST),
    Aspect("advantages", "Advantages", AspectKind.LIST),
    Aspect("disadvantages", "Disadvantages", AspectKind.LIST),
    Aspect("collaboration", "Necessity for collaboration", AspectKind.LIST),
    Aspect("product_cycle_impact", "Impact on the product cycle", AspectKind.LIST),
    Aspect("market_adaptability", "Market adaptability", AspectKind.LIST),
    Aspect("strategic_influence", "Vision and strategic influence", AspectKind.LIST),
    Aspect("responsibilities", "Responsibilities", AspectKind.LIST),
    Aspect("owns", "Accountable for", AspectKind.CHOICES, _AREA_IDS),
    Aspect("supports", "Contributes to", AspectKind.CHOICES, _AREA_IDS),
    Aspect("day_to_day", "Day to day", AspectKind.LIST),
    Aspect("career_path", "Career path", AspectKind.LIST),
    Aspect("horizon", "Horizon", AspectKind.CHOICES, _choices(Horizon)),
    Aspect("method", "Method", AspectKind.CHOICES, _choices(Method)),
    Aspect("market", "Market", AspectKind.CHOICES, _choices(Market)),
    Aspect("orientation", "Orientation", AspectKind.CHOICES, _choices(Orientation)),
)
"""Every attribute a role may have, in the order tables show them."""

ASPECT_BY_KEY: Mapping[str, Aspect] = {aspect.key: aspect for aspect in ASPECTS}


_SEPARATORS = re.compile(r"[\s_-]+")


def normalise(text: str) -> str:
    """The form used to match names: `TPM`, `technical-pm` and `Technical PM` meet here."""
    if not text.isascii():  # NFKC leaves ASCII alone; skipping it matters in big files
        text = unicodedata.normalize("NFKC", text)
    return _SEPARATORS.sub("", text.casefold())


class Location(NamedTuple):
    """Where something was written, for messages and `which`.

    A named tuple rather than a dataclass: a large catalogue creates one per attribute, and
    tuples cost a fraction of a frozen dataclass to make.
    """

    file: str
    line: int
    """1-based."""
    column: int
    """1-based."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Source:
    """An article the catalogue's facts come from."""

    id: str
    title: str
    author: str | None = None
    publisher: str | None = None

    def citation(self) -> str:
        """Title, then author and publisher where the article names them."""
        parts = [self.title]
        if self.author:
            parts.append(self.author)
        if self.publisher:
            parts.append(self.publisher)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """A group product roles work with: sales, legal, engineering..."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    """What this group needs from product roles."""
    sources: tuple[str, ...] = ()
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A product role as the layered catalogue defines it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """List-valued aspects by key, in ASPECTS order; absent keys are unknown, not empty."""
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Source ids by aspect key."""
    location: Location | None = None
    """Where the role's final definition starts."""
    locations: Mapping[str, Location] = field(default_factory=dict)
    """Where each of `name`, `aliases` and the aspects was written (extended roles mix files)."""

    def get(self, key: str) -> tuple[str, ...]:
        """An aspect's values; summary comes back as a one-item tuple."""
        if key == "summary":
            return (self.summary,) if self.summary is not None else ()
        return self.attributes.get(key, ())

    def has(self, key: str) -> bool:
        return self.summary is not None if key == "summary" else key in self.attributes

    def aspects(self) -> tuple[Aspect, ...]:
        """The aspects this role has values for, in display order."""
        return tuple(aspect for aspect in ASPECTS if self.has(aspect.key))


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the articles say about two roles side by side."""

    id: str
    roles: tuple[str, str]
    summary: str | None = None
    similarities: tuple[str, ...] = ()
    differences: tuple[str, ...] = ()
    advantages: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Role id -> its advantages over the other."""
    excels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Role id -> situations where it stands out over the other."""
    split: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Area of responsibility -> role id -> that role's share."""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything pmroles knows, after every catalogue file is laid over the ones before."""

    roles: Mapping[str, Role]
    stakeholders: Mapping[str, Stakeholder] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    comparisons: Mapping[str, Comparison] = field(default_factory=dict)
    names: Mapping[str, str] | None = None
    """Normalised id, name or alias -> role id, where an index exists (the cache has one);
    without it, lookups scan the roles."""


def display_names(catalogue: Catalogue) -> dict[str, str]:
    """Stakeholder and responsibility-area ids to the names people read (terminal views and
    Markdown; the machine formats keep the ids)."""
    return {**dict(RESPONSIBILITY_AREAS), **{s.id: s.name for s in catalogue.stakeholders.values()}}


def shown_values(aspect: Aspect, values: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """An aspect's values as a person reads them: stakeholders and areas by name."""
    if aspect.kind is AspectKind.STAKEHOLDERS or aspect.key in ("owns", "supports"):
        return [names.get(v, v) for v in values]
    return list(values)
