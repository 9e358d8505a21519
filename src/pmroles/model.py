"""The catalogue as Python sees it: frozen records, no I/O and no terminal."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
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


class Relation(enum.StrEnum):
    """What the articles say two roles are to each other, in a curated comparison."""

    COMPARABLE = "comparable"
    """Much the same job under different names or settings."""
    COMPLEMENTARY = "complementary"
    """Different jobs that work hand in hand on the same product."""
    DISTINCT = "distinct"
    """Different jobs, whatever their names suggest."""


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


EDITORIAL = "editorial"
"""The source id of items that are this project's own summary of common practice, written
where the articles are silent: never an article, and hidden by `--sourced-only`."""


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
    cites: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Need -> the source ids behind it, for needs whose sources are not all of `sources`."""

    def need_sources(self, need: str) -> tuple[str, ...]:
        return self.cites.get(need) or self.sources

    def is_editorial(self, need: str) -> bool:
        return self.need_sources(need) == (EDITORIAL,)


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
    cites: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Aspect key -> item -> its source ids, for items whose sources are not all of the
    aspect's `sources` (an attribute drawn from several articles, or partly editorial)."""
    disputes: Mapping[str, tuple[Mapping[str, str], ...]] = field(default_factory=dict)
    """Aspect key -> where the sources disagree on it: each dispute maps a source id to what
    that source says."""
    tags: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Aspect key -> item -> concept ids, as the file states them for items whose words
    alone would link the wrong concepts (or none)."""
    concepts: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Aspect key -> item -> the ids of the concepts it mentions, for items that mention
    any: `tags` where given, otherwise found in the words (see `pmroles.concepts`)."""

    def item_concepts(self, key: str, item: str) -> tuple[str, ...]:
        return self.concepts.get(key, {}).get(item, ())

    def item_sources(self, key: str, item: str) -> tuple[str, ...]:
        """The source ids behind one item of an aspect (the summary is the item itself)."""
        return self.cites.get(key, {}).get(item) or self.sources.get(key, ())

    def is_editorial(self, key: str, item: str) -> bool:
        return self.item_sources(key, item) == (EDITORIAL,)

    def all_sources(self, key: str) -> tuple[str, ...]:
        """Every source behind an aspect, once each: its own, its items', its disputes'."""
        found = [*self.sources.get(key, ())]
        found += [s for ids in self.cites.get(key, {}).values() for s in ids]
        found += [s for sides in self.disputes.get(key, ()) for s in sides]
        return tuple(dict.fromkeys(found))

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
    relation: Relation | None = None
    """What the articles make of the pair as a whole, where they say."""


@dataclass(frozen=True, slots=True)
class Concept:
    """Something product people talk about under several names: 'coding', 'programming'
    and 'software engineering' are one concept."""

    id: str
    label: str
    words: tuple[str, ...] = ()
    """The words and phrases people use for it, besides its id and label."""
    broader: str | None = None
    """The id of the more general concept it is a kind of: SQL is a kind of data analysis."""
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything pmroles knows, after every catalogue file is laid over the ones before."""

    roles: Mapping[str, Role]
    stakeholders: Mapping[str, Stakeholder] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    comparisons: Mapping[str, Comparison] = field(default_factory=dict)
    concepts: Mapping[str, Concept] = field(default_factory=dict)
    """The vocabulary items are linked to, by id."""
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


# -- what the articles alone say ---------------------------------------------------------------


def sourced_only(catalogue: Catalogue) -> Catalogue:
    """`catalogue` without its editorial items (`--sourced-only`): each role and
    stakeholder keeps only what an article backs. Roles are converted as they are read, so
    a command that shows one role pays for one."""
    stakeholders = {key: _sourced_stakeholder(s) for key, s in catalogue.stakeholders.items()}
    sources = {key: s for key, s in catalogue.sources.items() if key != EDITORIAL}
    return replace(
        catalogue,
        roles=_SourcedRoles(catalogue.roles),
        stakeholders=stakeholders,
        sources=sources,
    )


def _without_editorial(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(source for source in ids if source != EDITORIAL)


def _sourced_role(role: Role) -> Role:
    if EDITORIAL not in {s for ids in role.sources.values() for s in ids} and not any(
        EDITORIAL in ids for items in role.cites.values() for ids in items.values()
    ):
        return role  # nothing editorial: the common case for a company's own roles
    attributes = {}
    for key, items in role.attributes.items():
        kept = tuple(item for item in items if not role.is_editorial(key, item))
        if kept:
            attributes[key] = kept
    summary = role.summary
    if summary is not None and role.is_editorial("summary", summary):
        summary = None
    has = set(attributes) | ({"summary"} if summary is not None else set())
    sources = {k: _without_editorial(v) for k, v in role.sources.items() if k in has}
    cites = {
        key: {item: ids for item, ids in items.items() if ids != (EDITORIAL,)}
        for key, items in role.cites.items()
        if key in has
    }
    concepts = {
        key: {item: ids for item, ids in items.items() if item in attributes.get(key, ())}
        for key, items in role.concepts.items()
    }
    return replace(
        role,
        summary=summary,
        attributes=attributes,
        sources={k: v for k, v in sources.items() if v},
        cites={k: v for k, v in cites.items() if v},
        concepts={k: v for k, v in concepts.items() if v},
        locations={k: v for k, v in role.locations.items() if k in has or k not in ASPECT_BY_KEY},
    )


def _sourced_stakeholder(stakeholder: Stakeholder) -> Stakeholder:
    needs = tuple(need for need in stakeholder.needs if not stakeholder.is_editorial(need))
    return replace(
        stakeholder,
        needs=needs,
        sources=_without_editorial(stakeholder.sources),
        cites={k: v for k, v in stakeholder.cites.items() if k in needs},
    )


class _SourcedRoles(Mapping[str, Role]):
    """The roles of a catalogue without their editorial items, converted when first read."""

    def __init__(self, roles: Mapping[str, Role]) -> None:
        self._roles = roles
        self._done: dict[str, Role] = {}

    def __getitem__(self, key: str) -> Role:
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = _sourced_role(self._roles[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._roles)

    def __len__(self) -> int:
        return len(self._roles)
