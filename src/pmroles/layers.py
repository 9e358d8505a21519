"""Lay one catalogue file over the catalogue beneath it.

A role with a new id is added; a role with an existing id replaces it; `extends: ID` starts
from another role and changes only what the entry names (lists replace, `append:` adds).
`extends` names a role of the same file, or of the files beneath when it names the entry's
own id or an id the file does not define. Stakeholders, sources and comparisons are added or
replaced by id. Ids, names and aliases must each name one role across all layers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from pmroles.errors import Problem
from pmroles.matching import suggest
from pmroles.model import (
    ASPECTS,
    Catalogue,
    Comparison,
    Location,
    Role,
    Source,
    Stakeholder,
    normalise,
)

# The two records below exist only while files are read, so they live here rather than in
# `model`, which every command imports.


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


@dataclass(frozen=True, slots=True)
class Layer:
    """One catalogue file as written, before it is laid over the files beneath it."""

    file: str
    roles: Mapping[str, RoleEntry]
    stakeholders: Mapping[str, Stakeholder] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    comparisons: Mapping[str, Comparison] = field(default_factory=dict)


def apply_layer(base: Catalogue, layer: Layer) -> tuple[Catalogue, list[Problem]]:
    resolver = _Resolver(base, layer)
    roles = dict(base.roles)
    for entry in layer.roles.values():
        role = resolver.resolve(entry)
        if role is not None:
            roles[entry.id] = role  # a replaced role keeps its place in the order
    stakeholders = {**base.stakeholders, **layer.stakeholders}
    problems = resolver.problems + _name_clashes(roles.values(), set(layer.roles), "role")
    problems += _name_clashes(stakeholders.values(), set(layer.stakeholders), "stakeholder")
    catalogue = Catalogue(
        roles=roles,
        stakeholders=stakeholders,
        sources={**base.sources, **layer.sources},
        comparisons={**base.comparisons, **layer.comparisons},
    )
    return catalogue, problems


class _Resolver:
    def __init__(self, base: Catalogue, layer: Layer) -> None:
        self.base = base
        self.layer = layer
        self.done: dict[str, Role | None] = {}
        self.chain: list[str] = []
        self.problems: list[Problem] = []

    def error(self, entry: RoleEntry, message: str) -> None:
        where = entry.locations.get("extends", entry.location)
        self.problems.append(Problem(message, where, f"roles.{entry.id}.extends"))

    def resolve(self, entry: RoleEntry) -> Role | None:
        if entry.id in self.done:
            return self.done[entry.id]
        if entry.id in self.chain:
            cycle = " -> ".join([*self.chain[self.chain.index(entry.id) :], entry.id])
            self.error(entry, f"'extends' goes round in a circle: {cycle}")
            return None
        self.chain.append(entry.id)
        try:
            role = self._build(entry)
        finally:
            self.chain.pop()
        self.done[entry.id] = role
        return role

    def _parent(self, entry: RoleEntry) -> Role | None:
        assert entry.extends is not None
        target = entry.extends
        if target != entry.id and target in self.layer.roles:
            return self.resolve(self.layer.roles[target])
        if target in self.base.roles:
            return self.base.roles[target]
        if target == entry.id:
            self.error(entry, f"extends {target!r}, but no catalogue beneath this file defines it")
        else:
            known = [*self.layer.roles, *self.base.roles]
            hint = suggest(target, known)
            tip = f"; did you mean {' or '.join(map(repr, hint))}?" if hint else ""
            self.error(entry, f"extends unknown role {target!r}{tip}")
        return None

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
        )


def _name_clashes(
    records: Iterable[Role | Stakeholder], fresh: set[str], kind: str
) -> list[Problem]:
    """Ids, names and aliases that name two roles (or two stakeholders), where one of them is
    new in this layer: a name that named two would silently pick one."""
    claimed: dict[str, tuple[str, str]] = {}
    problems: list[Problem] = []
    for record in records:
        names = [("id", record.id), ("name", record.name)]
        names += [("alias", alias) for alias in record.aliases]
        for label, name in names:
            owner = claimed.setdefault(normalise(name), (record.id, label))
            if owner[0] != record.id and (record.id in fresh or owner[0] in fresh):
                problems.append(
                    Problem(
                        f"{label} {name!r} also names {kind} {owner[0]!r} (its {owner[1]}); "
                        f"ids, names and aliases must each name one {kind}",
                        record.location,
                        f"{kind}s.{record.id}",
                    )
                )
    return problems
