"""Lay one catalogue file over the catalogue beneath it.

A role with a new id is added; a role with an existing id replaces it; `extends: ID` starts
from another role and changes only what the entry names (lists replace, `append:` adds).
`extends` names a role of the same file, or of the files beneath when it names the entry's
own id or an id the file does not define. Stakeholders, sources and comparisons are added or
replaced by id. Ids, names and aliases must each name one role across all layers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from pmroles.errors import Problem
from pmroles.matching import MAX_SUGGESTIONS, Suggester
from pmroles.model import (
    ASPECTS,
    Catalogue,
    Comparison,
    Concept,
    Location,
    Role,
    Source,
    Stakeholder,
    normalise,
)

# The two records below exist only while files are read, so they live here rather than in
# `model`, which every command imports.

AliasItem = Callable[[str, int, str], tuple[int, Location] | None]


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """A role as one file writes it: possibly partial, extending another role."""

    id: str
    name: str | None
    aliases: tuple[str, ...] | None
    """None when the file does not say (an extending entry then keeps the parent's)."""
    summary: str | None
    attributes: Mapping[str, tuple[str, ...]]
    sources: Mapping[str, tuple[str, ...]]
    location: Location
    locations: Mapping[str, Location]
    extends: str | None = None
    """The id of the role this entry starts from."""
    append: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Items added to the parent's lists instead of replacing them."""
    cites: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Per-item sources, as `Role.cites`."""
    disputes: Mapping[str, tuple[Mapping[str, str], ...]] = field(default_factory=dict)
    """Where the sources disagree, as `Role.disputes`."""
    tags: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Concepts stated per item, as `Role.tags`."""


@dataclass(frozen=True, slots=True)
class ConceptEntry:
    """A concept as one file writes it: a new one, or words added to one beneath."""

    id: str
    label: str | None
    words: tuple[str, ...]
    broader: str | None
    location: Location
    extends: bool = False
    """True when the entry adds to the concept of the same id in a file beneath."""


@dataclass(frozen=True, slots=True)
class Layer:
    """One catalogue file as written, before it is laid over the files beneath it."""

    file: str
    roles: Mapping[str, RoleEntry]
    stakeholders: Mapping[str, Stakeholder] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    comparisons: Mapping[str, Comparison] = field(default_factory=dict)
    concepts: Mapping[str, ConceptEntry] = field(default_factory=dict)
    alias_item: AliasItem = field(default=lambda path, number, alias: None)
    """Where the file wrote an alias (record path such as 'roles.x', the alias's number in
    the record's `aliases`, the alias): its index as written and its place, or None. A
    clash points at the alias item itself."""


def apply_layer(base: Catalogue, layer: Layer) -> tuple[Catalogue, list[Problem]]:
    resolver = _Resolver(base, layer)
    roles = dict(base.roles)
    for entry in layer.roles.values():
        role = resolver.resolve(entry)
        if role is not None:
            roles[entry.id] = role  # a replaced role keeps its place in the order
    stakeholders = {**base.stakeholders, **layer.stakeholders}
    problems = resolver.problems
    problems += _name_clashes(roles.values(), set(layer.roles), "role", layer.alias_item)
    problems += _name_clashes(
        stakeholders.values(), set(layer.stakeholders), "stakeholder", layer.alias_item
    )
    catalogue = Catalogue(
        roles=roles,
        stakeholders=stakeholders,
        sources={**base.sources, **layer.sources},
        comparisons={**base.comparisons, **layer.comparisons},
        concepts=_concepts(base.concepts, layer.concepts),
    )
    return catalogue, problems


def _concepts(
    base: Mapping[str, Concept], entries: Mapping[str, ConceptEntry]
) -> dict[str, Concept]:
    """The vocabulary with a file's concepts laid over it: new and replaced concepts as
    written, extended ones with the file's words added (and its label or broader concept,
    where it gives one). The loader has checked the references."""
    concepts = dict(base)
    for entry in entries.values():
        below = base.get(entry.id)
        if entry.extends and below is not None:
            # Once each, whatever its case or spacing: "SQL" added to "sql" is no new word.
            kept: dict[str, str] = {}
            for word in (*below.words, *entry.words):
                kept.setdefault(" ".join(word.casefold().split()), word)
            words = tuple(kept.values())
            concepts[entry.id] = replace(
                below,
                label=entry.label or below.label,
                words=words,
                broader=entry.broader or below.broader,
            )
        elif entry.label is not None:
            concepts[entry.id] = Concept(
                entry.id, entry.label, entry.words, entry.broader, entry.location
            )
    return concepts


class _Resolver:
    def __init__(self, base: Catalogue, layer: Layer) -> None:
        self.base = base
        self.layer = layer
        self.done: dict[str, Role | None] = {}
        self.problems: list[Problem] = []
        self.suggester: Suggester | None = None
        self.suggested = 0

    def error(self, entry: RoleEntry, message: str) -> None:
        where = entry.locations.get("extends", entry.location)
        self.problems.append(Problem(message, where, f"roles.{entry.id}.extends"))

    def resolve(self, entry: RoleEntry) -> Role | None:
        """The role `entry` describes, or None (with a problem recorded) if it has none.

        Iterative, so a chain of any length costs no stack: walk up the parents this file
        defines until one is resolved or starts from nothing of this file, then build back
        down. A parent met twice on the way up is a cycle."""
        done, roles = self.done, self.layer.roles
        if entry.id in done:
            return done[entry.id]
        if entry.extends is None:  # most roles: nothing to walk
            role = done[entry.id] = self._build(entry)
            return role
        chain = [entry]
        on_chain = {entry.id: 0}
        while True:
            target = chain[-1].extends
            if target is None or target == chain[-1].id or target not in roles or target in done:
                break
            if target in on_chain:
                cycle = [e.id for e in chain[on_chain[target] :]]
                self.error(roles[target], f"'extends' goes round in a circle{_circle(cycle)}")
                for link in chain:
                    done[link.id] = None
                return None
            on_chain[target] = len(chain)
            chain.append(roles[target])
        for link in reversed(chain):
            done[link.id] = self._build(link)
        return done[entry.id]

    def _parent(self, entry: RoleEntry) -> Role | None:
        assert entry.extends is not None
        target = entry.extends
        if target != entry.id and target in self.layer.roles:
            return self.done[target]  # resolve() builds parents first
        if target in self.base.roles:
            return self.base.roles[target]
        if target == entry.id:
            self.error(entry, f"extends {target!r}, but no catalogue beneath this file defines it")
        else:
            self.error(entry, f"extends unknown role {target!r}{self._did_you_mean(target)}")
        return None

    def _did_you_mean(self, target: str) -> str:
        if self.suggested >= MAX_SUGGESTIONS:
            return ""
        self.suggested += 1
        if self.suggester is None:
            self.suggester = Suggester([*self.layer.roles, *self.base.roles])
        hint = self.suggester(target)
        return f"; did you mean {' or '.join(map(repr, hint))}?" if hint else ""

    def _build(self, entry: RoleEntry) -> Role | None:
        if entry.extends is None:
            assert entry.name is not None
            return Role(
                entry.id,
                entry.name,
                entry.aliases or (),
                entry.summary,
                entry.attributes,
                entry.sources,
                entry.location,
                entry.locations,
                entry.cites,
                entry.disputes,
                entry.tags,
            )
        parent = self._parent(entry)
        if parent is None:
            return None
        same = entry.extends == entry.id
        if entry.name is None and not same:
            self.problems.append(
                Problem(
                    "a role extending another one needs its own 'name'",
                    entry.location,
                    f"roles.{entry.id}",
                )
            )
            return None
        # A different role keeps neither the parent's name nor its aliases: two roles may
        # not answer to the same words.
        aliases = entry.aliases if entry.aliases is not None else (parent.aliases if same else ())
        attributes = {**parent.attributes, **entry.attributes}
        sources = {**parent.sources, **entry.sources}
        locations: dict[str, Location] = {
            k: v for k, v in parent.locations.items() if k not in ("name", "aliases") or same
        }
        locations.update(entry.locations)
        appended_at = locations.pop("append", entry.location)
        for key, extra in entry.append.items():
            locations[key] = appended_at
            kept = {normalise(item) for item in attributes.get(key, ())}
            attributes[key] = attributes.get(key, ()) + tuple(
                item for item in extra if normalise(item) not in kept
            )
            cited = parent.sources.get(key, ()) + entry.sources.get(key, ())
            sources[key] = tuple(dict.fromkeys(cited))
        # What the parent cites or disputes about an aspect the entry writes anew no longer
        # applies; appended items keep the parent's and add the entry's.
        replaced = set(entry.attributes) | ({"summary"} if entry.summary is not None else set())
        cites = {k: v for k, v in parent.cites.items() if k not in replaced}
        for key, items in entry.cites.items():
            cites[key] = {**cites.get(key, {}), **items}
        disputes = {k: v for k, v in parent.disputes.items() if k not in replaced}
        disputes.update(entry.disputes)
        tags = {k: v for k, v in parent.tags.items() if k not in replaced}
        for key, items in entry.tags.items():
            tags[key] = {**tags.get(key, {}), **items}
        return replace(
            parent,
            id=entry.id,
            name=entry.name or parent.name,
            aliases=aliases,
            summary=entry.summary if entry.summary is not None else parent.summary,
            attributes={a.key: attributes[a.key] for a in ASPECTS if a.key in attributes},
            sources={a.key: sources[a.key] for a in ASPECTS if sources.get(a.key)},
            location=entry.location,
            locations=locations,
            cites={a.key: cites[a.key] for a in ASPECTS if cites.get(a.key)},
            disputes={a.key: disputes[a.key] for a in ASPECTS if disputes.get(a.key)},
            tags={a.key: tags[a.key] for a in ASPECTS if tags.get(a.key)},
            concepts={},
        )


def _circle(ids: list[str]) -> str:
    """': a -> b -> a', or for a long cycle its length and its ends."""
    if len(ids) <= 10:
        return ": " + " -> ".join([*ids, ids[0]])
    shown = [*ids[:5], f"... ({len(ids) - 8:,} more)", *ids[-3:], ids[0]]
    return f" of {len(ids):,} roles: " + " -> ".join(shown)


def _name_clashes(
    records: Iterable[Role | Stakeholder], fresh: set[str], kind: str, alias_item: AliasItem
) -> list[Problem]:
    """Ids, names and aliases that name two roles (or two stakeholders), where one of them is
    new in this layer: a name that named two would silently pick one.

    A clash that involves an alias is reported at that alias, where this file wrote it (the
    later one when both are aliases); otherwise at the record that comes later."""
    claimed: dict[str, tuple[Role | Stakeholder, str]] = {}
    problems: list[Problem] = []
    for record in records:
        names = [("id", record.id), ("name", record.name)]
        names += [("alias", alias) for alias in record.aliases]
        for label, name in names:
            key = normalise(name)
            owner = claimed.setdefault(key, (record, label))
            if owner[0] is not record and (record.id in fresh or owner[0].id in fresh):
                if label != "alias" and owner[1] == "alias" and owner[0].id in fresh:
                    clash = _clash(*owner, key, record, label, kind, alias_item)
                else:
                    clash = _clash(record, label, key, *owner, kind, alias_item)
                problems.append(clash)
    return problems


def _clash(
    record: Role | Stakeholder,
    label: str,
    key: str,
    other: Role | Stakeholder,
    other_label: str,
    kind: str,
    alias_item: AliasItem,
) -> Problem:
    """`record`'s id, name or alias (the one that normalises to `key`) also names `other`."""
    path = f"{kind}s.{record.id}"
    item = None
    if label == "alias":
        number = next(n for n, a in enumerate(record.aliases) if normalise(a) == key)
        name = record.aliases[number]
        item = alias_item(path, number, name)
    else:
        name = getattr(record, label)
    message = (
        f"{label} {name!r} also names {kind} {other.id!r} (its {other_label}); "
        f"ids, names and aliases must each name one {kind}"
    )
    if item is None:
        return Problem(message, record.location, path)
    return Problem(message, item[1], f"{path}.aliases[{item[0]}]")
