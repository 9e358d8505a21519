"""The stable shapes behind --format json|yaml (documents) and csv|markdown (flat tables).

Documents use ids, never display names, so scripts can join them. Every role document has
every aspect key: null or [] when the catalogue says nothing, so keys never come and go.
The README documents each shape and tests pin the keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pmroles.compare import Mark, RoleComparison, Similar
from pmroles.errors import Problem
from pmroles.model import (
    ASPECTS,
    AspectKind,
    Catalogue,
    Comparison,
    Location,
    Role,
    Source,
    Stakeholder,
)
from pmroles.render.formats import Tabular
from pmroles.search import Hit

SCHEMA_VERSION = 1
"""Bumped when a document's shape changes incompatibly."""


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def role_document(role: Role) -> dict[str, Any]:
    document: dict[str, Any] = {"id": role.id, "name": role.name, "aliases": list(role.aliases)}
    for aspect in ASPECTS:
        if aspect.kind is AspectKind.TEXT:
            document[aspect.key] = role.summary
        else:
            document[aspect.key] = list(role.get(aspect.key))
    document["sources"] = {key: list(ids) for key, ids in role.sources.items()}
    return document


def source_document(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
    }


def show_document(role: Role, catalogue: Catalogue) -> dict[str, Any]:
    cited = dict.fromkeys(s for ids in role.sources.values() for s in ids)
    return {
        "version": SCHEMA_VERSION,
        "role": role_document(role),
        "cited": [source_document(catalogue.sources[s]) for s in cited if s in catalogue.sources],
    }


def show_tabular(role: Role) -> Tabular:
    rows = [
        [aspect.key, list(role.get(aspect.key)), list(role.sources.get(aspect.key, ()))]
        for aspect in role.aspects()
    ]
    return Tabular(["aspect", "value", "sources"], rows)


def comparison_note_document(note: Comparison) -> dict[str, Any]:
    return {
        "id": note.id,
        "roles": list(note.roles),
        "summary": note.summary,
        "similarities": list(note.similarities),
        "differences": list(note.differences),
        "advantages": {k: list(v) for k, v in note.advantages.items()},
        "excels": {k: list(v) for k, v in note.excels.items()},
        "split": {area: dict(shares) for area, shares in note.split.items()},
        "sources": list(note.sources),
    }


def compare_document(result: RoleComparison) -> dict[str, Any]:
    ids = [role.id for role in result.roles]
    aspects = []
    for row in result.rows:
        unique = {
            role_id: [v for v in values if row.mark(i, v) is Mark.UNIQUE]
            for i, (role_id, values) in enumerate(zip(ids, row.values, strict=True))
        }
        shared = [v for v in row.values[0] if row.mark(0, v) is Mark.SHARED]
        aspects.append(
            {
                "key": row.aspect.key,
                "label": row.aspect.label,
                "values": {
                    role_id: _aspect_value(row.aspect.kind, values)
                    for role_id, values in zip(ids, row.values, strict=True)
                },
                "shared": shared if row.aspect.kind is not AspectKind.TEXT else [],
                "unique": unique if row.aspect.kind is not AspectKind.TEXT else {},
                "similarity": _score(row.similarity),
            }
        )
    return {
        "version": SCHEMA_VERSION,
        "roles": ids,
        "similarity": _score(result.similarity),
        "aspects": aspects,
        "curated": [comparison_note_document(note) for note in result.notes],
    }


def _aspect_value(kind: AspectKind, values: tuple[str, ...]) -> str | list[str] | None:
    if kind is AspectKind.TEXT:
        return values[0] if values else None
    return list(values)


def compare_tabular(result: RoleComparison) -> Tabular:
    header = ["aspect", *(role.id for role in result.roles), "similarity"]
    rows = [
        [row.aspect.key, *(list(v) for v in row.values), _percent_cell(row.similarity)]
        for row in result.rows
    ]
    return Tabular(header, rows)


def _percent_cell(score: float | None) -> str:
    return "" if score is None else f"{score:.3f}"


def role_summary(role: Role) -> dict[str, Any]:
    return {"id": role.id, "name": role.name, "focus": list(role.get("focus"))}


def list_document(roles: Iterable[Role], filters: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "filters": {key: list(values) for key, values in filters.items() if values},
        "roles": [role_summary(role) for role in roles],
    }


def list_tabular(roles: Iterable[Role]) -> Tabular:
    return Tabular(["id", "name", "focus"], [[r.id, r.name, list(r.get("focus"))] for r in roles])


def stakeholder_document(stakeholder: Stakeholder, roles: Iterable[Role]) -> dict[str, Any]:
    return {
        "id": stakeholder.id,
        "name": stakeholder.name,
        "aliases": list(stakeholder.aliases),
        "needs": list(stakeholder.needs),
        "sources": list(stakeholder.sources),
        "roles": [role.id for role in roles],
    }


def one_stakeholder_document(stakeholder: Stakeholder, roles: Iterable[Role]) -> dict[str, Any]:
    """`stakeholders NAME`: one stakeholder and the roles that work with it."""
    return {"version": SCHEMA_VERSION, "stakeholder": stakeholder_document(stakeholder, roles)}


def stakeholders_document(
    catalogue: Catalogue, working: Mapping[str, Sequence[Role]]
) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "stakeholders": [
            stakeholder_document(s, working.get(s.id, ())) for s in catalogue.stakeholders.values()
        ],
    }


def stakeholders_tabular(
    stakeholders: Iterable[Stakeholder], working: Mapping[str, Sequence[Role]]
) -> Tabular:
    header = ["id", "name", "aliases", "needs", "roles"]
    rows = [
        [s.id, s.name, list(s.aliases), list(s.needs), [r.id for r in working.get(s.id, ())]]
        for s in stakeholders
    ]
    return Tabular(header, rows)


def similar_document(role: Role, ranked: Sequence[Similar]) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "role": role.id,
        "similar": [
            {
                "id": item.role.id,
                "name": item.role.name,
                "similarity": _score(item.score),
                "drivers": {aspect.key: list(items) for aspect, items in item.drivers},
            }
            for item in ranked
        ],
    }


def similar_tabular(ranked: Sequence[Similar]) -> Tabular:
    rows = [
        [
            item.role.id,
            item.role.name,
            _percent_cell(item.score),
            [f"{aspect.key}: {', '.join(items)}" for aspect, items in item.drivers],
        ]
        for item in ranked
    ]
    return Tabular(["id", "name", "similarity", "drivers"], rows)


def problem_document(problem: Problem) -> dict[str, Any]:
    where = problem.location
    return {
        "file": where.file if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "path": problem.path,
        "severity": problem.severity.value,
        "message": problem.message,
    }


def validate_document(file: str, valid: bool, problems: Sequence[Problem]) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "file": file,
        "valid": valid,
        "problems": [problem_document(p) for p in problems],
    }


def validate_tabular(problems: Sequence[Problem]) -> Tabular:
    header = ["file", "line", "column", "path", "severity", "message"]
    rows = []
    for p in problems:
        doc = problem_document(p)
        rows.append([None if doc[k] is None else str(doc[k]) for k in header])
    return Tabular(header, rows)


def search_document(query: str, hits: Sequence[Hit]) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "query": query,
        "hits": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "field": hit.field,
                "text": hit.text,
                "score": hit.score,
                "spans": [list(span) for span in hit.spans],
            }
            for hit in hits
        ],
    }


def search_tabular(hits: Sequence[Hit]) -> Tabular:
    rows = [[hit.kind, hit.id, hit.field, hit.text, f"{hit.score:.3f}"] for hit in hits]
    return Tabular(["kind", "id", "field", "text", "score"], rows)


def _where(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"file": location.file, "line": location.line, "column": location.column}


def which_document(role: Role) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "role": role.id,
        "defined": _where(role.location),
        "attributes": {key: _where(where) for key, where in role.locations.items()},
    }


def which_tabular(role: Role) -> Tabular:
    rows = [["(role)", str(role.location) if role.location else None]]
    rows += [[key, str(where)] for key, where in role.locations.items()]
    return Tabular(["attribute", "where"], rows)
