"""Find roles and stakeholders by what people type, and filter the catalogue. Plain data only."""

from __future__ import annotations

from pmroles.errors import UnknownNameError
from pmroles.loader import suggest
from pmroles.model import Catalogue, Role, Stakeholder, normalise


def find_role(catalogue: Catalogue, name: str) -> Role:
    """The role an id, alias or full name names, ignoring case, spaces, hyphens and underscores."""
    key = normalise(name)
    for role in catalogue.roles.values():
        if key in {normalise(n) for n in (role.id, role.name, *role.aliases)}:
            return role
    raise UnknownNameError("role", name, suggest(name, _role_names(catalogue)))


def find_stakeholder(catalogue: Catalogue, name: str) -> Stakeholder:
    key = normalise(name)
    for stakeholder in catalogue.stakeholders.values():
        if key in {normalise(n) for n in (stakeholder.id, stakeholder.name, *stakeholder.aliases)}:
            return stakeholder
    names = [n for s in catalogue.stakeholders.values() for n in (s.id, s.name, *s.aliases)]
    raise UnknownNameError("stakeholder", name, _ids_first(suggest(name, names), catalogue))


def roles_working_with(catalogue: Catalogue, stakeholder: Stakeholder) -> list[Role]:
    """Roles whose interactions name the stakeholder, in catalogue order."""
    return [role for role in catalogue.roles.values() if stakeholder.id in role.get("interactions")]


def _role_names(catalogue: Catalogue) -> list[str]:
    # Ids first so a near-miss suggests the short form people type.
    ids = [role.id for role in catalogue.roles.values()]
    others = [n for role in catalogue.roles.values() for n in (role.name, *role.aliases)]
    return ids + others


def _ids_first(found: tuple[str, ...], catalogue: Catalogue) -> tuple[str, ...]:
    """Turn suggested names and aliases into the stakeholder ids they belong to."""
    ids: list[str] = []
    for name in found:
        key = normalise(name)
        for stakeholder in catalogue.stakeholders.values():
            names = (stakeholder.id, stakeholder.name, *stakeholder.aliases)
            if key in {normalise(n) for n in names} and stakeholder.id not in ids:
                ids.append(stakeholder.id)
    return tuple(ids)
