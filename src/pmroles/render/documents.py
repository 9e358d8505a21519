"""Every machine-readable shape: --format json|yaml (documents) and csv|markdown (flat tables).

The core modules return plain data; this module alone decides how it is written for scripts.
Each document's shape is a TypedDict below, and every top-level document carries the one
DOCUMENT_VERSION. Documents use ids, never display names, so scripts can join them. Every
role document has every aspect key: null or [] when the catalogue says nothing, so keys
never come and go. The README documents each shape and tests pin the keys.

The cache (`pmroles.catalogue.cache`) stores the catalogue in a format of its own; it never reuses
these shapes, so the public documents and the cache can change independently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, TypedDict, cast

from pmroles.answers.compare import Mark, RoleComparison, Similar
from pmroles.answers.search import Hit
from pmroles.errors import Problem
from pmroles.model import (
    ASPECT_BY_KEY,
    ASPECTS,
    AspectKind,
    Catalogue,
    Comparison,
    Location,
    Role,
    Source,
    Stakeholder,
    shown_values,
)
from pmroles.render.formats import Tabular
from pmroles.render.text import percent
from pmroles.render.wording import EDITORIAL_SUFFIX, aspect_label

if TYPE_CHECKING:  # the types only: `show --json` need not load the scoring or map modules
    from pmroles.answers.brief import Brief, Cited
    from pmroles.answers.fit import Matched, Ranking
    from pmroles.answers.matrix import Matrix
    from pmroles.answers.provenance import Counts, Provenance
    from pmroles.answers.query import Criteria
    from pmroles.answers.rolemap import RoleMap
    from pmroles.answers.similarity import Reason
    from pmroles.answers.similarity import Score as SimilarityScore
    from pmroles.answers.values import AspectValues

DOCUMENT_VERSION: Literal[2] = 2
"""The `version` of every document; bumped when any document's shape changes incompatibly."""


# -- shapes ----------------------------------------------------------------------------------
# One TypedDict per shape. A `...Document` with a `version` is what a command prints; the
# others are parts of one. Keys are in the order they are written.

Version = Literal[2]
Score = float | None
"""A similarity rounded to 3 places; null where there is nothing to compare."""


class Where(TypedDict):
    file: str
    line: int
    column: int


class RoleDocument(TypedDict):
    """A whole role (`show`)."""

    id: str
    name: str
    aliases: list[str]
    # One key per aspect, in pmroles.model.ASPECTS order (a test keeps them in step).
    summary: str | None
    focus: list[str]
    skills: list[str]
    interactions: list[str]
    goals: list[str]
    challenges: list[str]
    outcomes: list[str]
    tools: list[str]
    background: list[str]
    advantages: list[str]
    disadvantages: list[str]
    collaboration: list[str]
    product_cycle_impact: list[str]
    market_adaptability: list[str]
    strategic_influence: list[str]
    responsibilities: list[str]
    owns: list[str]
    supports: list[str]
    day_to_day: list[str]
    career_path: list[str]
    horizon: list[str]
    method: list[str]
    market: list[str]
    orientation: list[str]
    sources: dict[str, list[str]]
    """Aspect key -> the source ids behind it ("editorial": pmroles' own summary)."""
    cites: dict[str, dict[str, list[str]]]
    """Aspect key -> item -> source ids, for items not backed by all of the aspect's sources."""
    disputes: dict[str, list[dict[str, str]]]
    """Aspect key -> where the sources disagree: source id -> that source's view."""
    concepts: dict[str, dict[str, list[str]]]
    """Aspect key -> item -> the ids of the concepts it names, for items naming any."""


class SourceDocument(TypedDict):
    id: str
    title: str
    author: str | None
    publisher: str | None


class ShowDocument(TypedDict):
    version: Version
    role: RoleDocument
    cited: list[SourceDocument]


class ComparisonNoteDocument(TypedDict):
    """A curated comparison of two roles, as the catalogue states it."""

    id: str
    roles: list[str]
    summary: str | None
    similarities: list[str]
    differences: list[str]
    advantages: dict[str, list[str]]
    excels: dict[str, list[str]]
    split: dict[str, dict[str, str]]
    sources: list[str]
    relation: str | None
    """'comparable', 'complementary' or 'distinct', where the sources judge the pair."""


class AspectComparison(TypedDict):
    key: str
    label: str
    values: dict[str, str | list[str] | None]
    """Role id -> its value: text (or null) for summary, a list otherwise."""
    shared: list[str]
    unique: dict[str, list[str]]
    similarity: Score
    concepts: dict[str, dict[str, list[str]]]
    """Role id -> item -> the ids of the concepts it names, for items naming any."""


class LinkDocument(TypedDict):
    """A concept of one role met in the other."""

    concept: str | None
    """Null for an item that names no concept and met the same item."""
    label: str
    met: str
    """What it met in the other role: the same concept, or a broader or narrower one."""
    nearness: float


class ReasonDocument(TypedDict):
    kind: str
    """'articles', 'shared', 'dimension' or 'evidence'."""
    effect: float
    """How far it moves the score, signed."""
    aspect: str | None
    concepts: list[LinkDocument]
    values: list[list[str]]
    """For 'dimension': each role's values."""
    relation: str | None
    comparison: str | None
    evidence: float | None


class ScoreDocument(TypedDict):
    score: float
    confidence: str
    evidence: float
    """How many items the score rests on (editorial ones count half)."""
    content: Score
    dimensions: Score
    relation: str | None
    reasons: list[ReasonDocument]


class PairDocument(TypedDict):
    roles: list[str]
    similarity: ScoreDocument


class CompareDocument(TypedDict):
    version: Version
    roles: list[str]
    similarity: Score
    pairs: list[PairDocument]
    aspects: list[AspectComparison]
    curated: list[ComparisonNoteDocument]


class RoleSummary(TypedDict):
    id: str
    name: str
    focus: list[str]


class ListDocument(TypedDict):
    version: Version
    filters: dict[str, list[str]]
    """Only the filters given, in the order of `list`'s options."""
    concepts: dict[str, dict[str, list[str]]]
    """Skill, tool and background filters: typed value -> the concept ids it was read as."""
    roles: list[RoleSummary]


class StakeholderDocument(TypedDict):
    id: str
    name: str
    aliases: list[str]
    needs: list[str]
    sources: list[str]
    roles: list[str]
    """Ids of the roles that work with this stakeholder."""


class OneStakeholderDocument(TypedDict):
    version: Version
    stakeholder: StakeholderDocument


class StakeholdersDocument(TypedDict):
    version: Version
    stakeholders: list[StakeholderDocument]


class SimilarRole(TypedDict):
    id: str
    name: str
    similarity: ScoreDocument


class SimilarDocument(TypedDict):
    version: Version
    role: str
    similar: list[SimilarRole]


class ValueDocument(TypedDict):
    id: str
    """A concept id, a fixed value or stakeholder id, or the item's text (kind 'item')."""
    label: str
    kind: str
    """'concept', 'value' or 'item' (an item naming no concept)."""
    roles: list[str]
    words: list[str]
    broader: str | None


class AspectValuesDocument(TypedDict):
    aspect: str
    """An aspect key, or 'concepts' for the whole vocabulary."""
    values: list[ValueDocument]


class ValuesDocument(TypedDict):
    version: Version
    aspects: list[AspectValuesDocument]


class ProblemDocument(TypedDict):
    file: str | None
    line: int | None
    column: int | None
    path: str
    severity: str
    message: str


class ValidateDocument(TypedDict):
    version: Version
    file: str
    valid: bool
    problems: list[ProblemDocument]


class HitDocument(TypedDict):
    kind: str
    id: str
    field: str
    text: str
    score: float
    spans: list[list[int]]
    concepts: list[str]
    """The query's concepts the text names (itself or a narrower one), if it was found so."""


class SearchDocument(TypedDict):
    version: Version
    query: str
    hits: list[HitDocument]


class WhichDocument(TypedDict):
    version: Version
    role: str
    defined: Where | None
    attributes: dict[str, Where | None]


class AnswersDocument(TypedDict):
    """Every category, answered or not, so the keys never come and go."""

    skill: list[str]
    background: list[str]
    stakeholder: list[str]
    tool: list[str]
    horizon: list[str]
    method: list[str]
    market: list[str]


class MatchedDocument(TypedDict):
    category: str
    answer: str
    concepts: list[str]
    """The ids of the item's concepts the answer met; [] when read by its words."""
    aspect: str
    item: str
    credit: float
    words: list[str]
    """The words of the item that named each concept."""


class MissingDocument(TypedDict):
    aspect: str
    item: str


class FitDocument(TypedDict):
    id: str
    name: str
    score: float
    evidence: float
    matched: list[MatchedDocument]
    missing: list[MissingDocument]


class KnownDocument(TypedDict):
    category: str
    value: str
    concepts: list[str]
    """What the answer was read as; [] when read by its words, or a stakeholder or choice."""


class UnknownDocument(TypedDict):
    category: str
    value: str
    suggestions: list[str]


class MatchDocument(TypedDict):
    version: Version
    answers: AnswersDocument
    known: list[KnownDocument]
    unknown: list[UnknownDocument]
    """Skills, tools and backgrounds that name nothing known: left out of the scores."""
    fitting: int
    """How many roles fit at least one answer."""
    total: int
    """How many roles the catalogue has."""
    roles: list[FitDocument]
    """The roles shown (as --top and --all say), best first."""


class MatrixDocument(TypedDict):
    version: Version
    by: str
    """stakeholder or responsibility."""
    rows: list[str]
    columns: list[str]
    cells: dict[str, dict[str, str]]
    """Row id -> column id -> primary or secondary; every row is a key, with only its marks."""


class PointDocument(TypedDict):
    id: str
    name: str
    x: float
    y: float
    editorial: bool
    """Placed from an editorial orientation or horizon, not from an article."""


class MapDocument(TypedDict):
    version: Version
    points: list[PointDocument]
    unplaced: list[str]


# -- builders --------------------------------------------------------------------------------


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def role_document(role: Role) -> RoleDocument:
    # Built key by key from ASPECTS; RoleDocument names the same keys.
    document: dict[str, object] = {"id": role.id, "name": role.name, "aliases": list(role.aliases)}
    for aspect in ASPECTS:
        if aspect.kind is AspectKind.TEXT:
            document[aspect.key] = role.summary
        else:
            document[aspect.key] = list(role.get(aspect.key))
    document["sources"] = {key: list(ids) for key, ids in role.sources.items()}
    document["cites"] = {
        key: {item: list(ids) for item, ids in items.items()} for key, items in role.cites.items()
    }
    document["disputes"] = {key: [dict(d) for d in v] for key, v in role.disputes.items()}
    document["concepts"] = {
        key: {item: list(ids) for item, ids in items.items()}
        for key, items in role.concepts.items()
    }
    return document  # type: ignore[return-value]


def source_document(source: Source) -> SourceDocument:
    return {
        "id": source.id,
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
    }


def show_document(
    role: Role, catalogue: Catalogue, *, aspects: Sequence[str] | None = None
) -> ShowDocument:
    """The whole role; with `aspects` (keys, in the order asked), only those aspect keys, the
    sources behind them and the articles those cite (`show --aspects`)."""
    document = role_document(role)
    sources = role.sources
    if aspects is not None:
        # Keys come and go here only because the person named the ones they want.
        whole: dict[str, object] = dict(document)
        kept = {key: whole[key] for key in ("id", "name", "aliases", *aspects)}
        sources = {key: role.sources[key] for key in aspects if key in role.sources}
        kept["sources"] = {key: list(ids) for key, ids in sources.items()}
        for part in ("cites", "disputes", "concepts"):
            by_key = cast("dict[str, object]", whole[part])
            kept[part] = {key: by_key[key] for key in aspects if key in by_key}
        document = cast("RoleDocument", kept)
    keys = aspects if aspects is not None else [aspect.key for aspect in ASPECTS]
    # The attributes' own sources first, then those only single items or disputes name.
    cited = dict.fromkeys(
        [s for ids in sources.values() for s in ids]
        + [s for k in keys for s in role.all_sources(k)]
    )
    return {
        "version": DOCUMENT_VERSION,
        "role": document,
        "cited": [source_document(catalogue.sources[s]) for s in cited if s in catalogue.sources],
    }


def show_tabular(
    role: Role, *, aspects: Sequence[str] | None = None, names: Mapping[str, str] | None = None
) -> Tabular:
    """A row per aspect the role has; with `aspects`, a row for each of those keys in that
    order, empty where the role has nothing (the person asked for it). With `names` (for
    Markdown, which people read), labels and names instead of keys and ids."""
    keys = [aspect.key for aspect in role.aspects()] if aspects is None else aspects
    if names is None:
        rows = [[key, list(role.get(key)), list(role.all_sources(key))] for key in keys]
        return Tabular(["aspect", "value", "sources"], rows)
    rows = [
        [
            ASPECT_BY_KEY[key].label,
            [
                text + (EDITORIAL_SUFFIX if role.is_editorial(key, item) else "")
                for item, text in zip(
                    role.get(key),
                    shown_values(ASPECT_BY_KEY[key], role.get(key), names),
                    strict=True,
                )
            ],
            list(role.all_sources(key)),
        ]
        for key in keys
    ]
    return Tabular(["Aspect", "Details", "Sources"], rows)


def comparison_note_document(note: Comparison) -> ComparisonNoteDocument:
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
        "relation": None if note.relation is None else note.relation.value,
    }


def score_document(score: SimilarityScore) -> ScoreDocument:
    """A score with its parts and every reason (the terminal shows the strongest few)."""
    return {
        "score": round(score.value, 3),
        "confidence": score.confidence,
        "evidence": round(score.evidence, 2),
        "content": _score(score.content),
        "dimensions": _score(score.dimensions),
        "relation": None if score.relation is None else score.relation.value,
        "reasons": [_reason_document(reason) for reason in score.reasons],
    }


def _reason_document(reason: Reason) -> ReasonDocument:
    return {
        "kind": reason.kind,
        "effect": round(reason.effect, 3),
        "aspect": reason.aspect,
        "concepts": [
            {
                "concept": None if link.concept.startswith("~") else link.concept,
                "label": link.label,
                "met": link.other,
                "nearness": link.nearness,
            }
            for link in reason.links
        ],
        "values": [list(v) for v in reason.values] if reason.kind == "dimension" else [],
        "relation": None if reason.relation is None else reason.relation.value,
        "comparison": reason.comparison,
        "evidence": round(reason.evidence, 2) if reason.kind == "evidence" else None,
    }


def compare_document(result: RoleComparison) -> CompareDocument:
    ids = [role.id for role in result.roles]
    aspects: list[AspectComparison] = []
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
                "concepts": {
                    role.id: {k: list(v) for k, v in role.concepts.get(row.aspect.key, {}).items()}
                    for role in result.roles
                    if role.concepts.get(row.aspect.key)
                },
            }
        )
    return {
        "version": DOCUMENT_VERSION,
        "roles": ids,
        "similarity": _score(result.similarity),
        "pairs": [
            {"roles": [pair.one.id, pair.other.id], "similarity": score_document(pair.score)}
            for pair in result.pairs
        ],
        "aspects": aspects,
        "curated": [comparison_note_document(note) for note in result.notes],
    }


def _aspect_value(kind: AspectKind, values: tuple[str, ...]) -> str | list[str] | None:
    if kind is AspectKind.TEXT:
        return values[0] if values else None
    return list(values)


def compare_tabular(result: RoleComparison, names: Mapping[str, str] | None = None) -> Tabular:
    """A row per aspect, a column per role; with `names` (Markdown), in people's words."""
    if names is None:
        header = ["aspect", *(role.id for role in result.roles), "similarity"]
        rows = [
            [row.aspect.key, *(list(v) for v in row.values), _percent_cell(row.similarity)]
            for row in result.rows
        ]
        return Tabular(header, rows)
    header = ["Aspect", *(role.name for role in result.roles), "Alike"]
    rows = [
        [
            row.aspect.label,
            *(shown_values(row.aspect, v, names) for v in row.values),
            percent(row.similarity),
        ]
        for row in result.rows
    ]
    return Tabular(header, rows)


def _percent_cell(score: float | None) -> str:
    return "" if score is None else f"{score:.3f}"


def role_summary(role: Role) -> RoleSummary:
    return {"id": role.id, "name": role.name, "focus": list(role.get("focus"))}


def list_document(
    roles: Iterable[Role],
    filters: Mapping[str, Sequence[str]],
    read_as: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
) -> ListDocument:
    return {
        "version": DOCUMENT_VERSION,
        "filters": {key: list(values) for key, values in filters.items() if values},
        "concepts": {
            key: {value: list(ids) for value, ids in values.items()}
            for key, values in (read_as or {}).items()
        },
        "roles": [role_summary(role) for role in roles],
    }


def list_tabular(roles: Iterable[Role], *, human: bool = False) -> Tabular:
    """id, name and focus per role; `human` (Markdown, HTML): the role by name and its focus,
    editorial items marked, as the terminal view shows them."""
    if not human:
        rows = [[r.id, r.name, list(r.get("focus"))] for r in roles]
        return Tabular(["id", "name", "focus"], rows)
    rows = [[r.name, _marked(r, "focus", r.get("focus"))] for r in roles]
    return Tabular(["Role", aspect_label("focus")], rows)


def _marked(
    role: Role, key: str, items: Iterable[str], shown: Iterable[str] | None = None
) -> list[str]:
    """`items` of aspect `key` as shown (`shown`, or the items), each editorial one marked."""
    items = list(items)
    texts = list(shown) if shown is not None else items
    return [
        text + (EDITORIAL_SUFFIX if role.is_editorial(key, item) else "")
        for item, text in zip(items, texts, strict=True)
    ]


def stakeholder_document(stakeholder: Stakeholder, roles: Iterable[Role]) -> StakeholderDocument:
    return {
        "id": stakeholder.id,
        "name": stakeholder.name,
        "aliases": list(stakeholder.aliases),
        "needs": list(stakeholder.needs),
        "sources": list(stakeholder.sources),
        "roles": [role.id for role in roles],
    }


def one_stakeholder_document(
    stakeholder: Stakeholder, roles: Iterable[Role]
) -> OneStakeholderDocument:
    """`stakeholders NAME`: one stakeholder and the roles that work with it."""
    return {"version": DOCUMENT_VERSION, "stakeholder": stakeholder_document(stakeholder, roles)}


def stakeholders_document(
    catalogue: Catalogue, working: Mapping[str, Sequence[Role]]
) -> StakeholdersDocument:
    return {
        "version": DOCUMENT_VERSION,
        "stakeholders": [
            stakeholder_document(s, working.get(s.id, ())) for s in catalogue.stakeholders.values()
        ],
    }


def stakeholders_tabular(
    stakeholders: Iterable[Stakeholder],
    working: Mapping[str, Sequence[Role]],
    *,
    human: bool = False,
) -> Tabular:
    """A row per stakeholder; `human` (Markdown): the roles by name."""
    header = ["id", "name", "aliases", "needs", "roles"]
    rows = [
        [
            s.id,
            s.name,
            list(s.aliases),
            list(s.needs),
            [r.name if human else r.id for r in working.get(s.id, ())],
        ]
        for s in stakeholders
    ]
    return Tabular(header, rows)


def similar_document(role: Role, ranked: Sequence[Similar]) -> SimilarDocument:
    return {
        "version": DOCUMENT_VERSION,
        "role": role.id,
        "similar": [
            {
                "id": item.role.id,
                "name": item.role.name,
                "similarity": score_document(item.score),
            }
            for item in ranked
        ],
    }


SIGNS = {"+": "+\u00a0", "-": "\u2212\u00a0"}
"""A reason's mark in a document: a minus sign, and a space a line never breaks at."""


def similar_tabular(
    ranked: Sequence[Similar], catalogue: Catalogue, *, human: bool = False
) -> Tabular:
    """A row per role, most alike first; `human` (Markdown, HTML): the role by name, the
    similarity as a percentage and the reasons in words ('Same market: B2C and B2B')."""
    from pmroles.model import display_names
    from pmroles.render.reasons import reason_mark, reason_words, signed_text

    names = display_names(catalogue)
    if human:
        people: list[list[str | Sequence[str] | None]] = [
            [
                item.role.name,
                percent(item.score.value),
                item.score.confidence,
                [
                    f"{SIGNS[reason_mark(reason)]}{reason_words(reason, catalogue, names)}"
                    for reason in item.score.reasons
                ]
                or "nothing in common",
            ]
            for item in ranked
        ]
        return Tabular(["Role", "Similarity", "Confidence", "Why"], people)
    rows = [
        [
            item.role.id,
            item.role.name,
            _percent_cell(item.score.value),
            item.score.confidence,
            [signed_text(reason, catalogue, names) for reason in item.score.reasons],
        ]
        for item in ranked
    ]
    return Tabular(["id", "name", "similarity", "confidence", "reasons"], rows)


def values_document(found: Sequence[AspectValues]) -> ValuesDocument:
    return {
        "version": DOCUMENT_VERSION,
        "aspects": [
            {
                "aspect": entry.aspect.key if entry.aspect else "concepts",
                "values": [
                    {
                        "id": v.id,
                        "label": v.label,
                        "kind": v.kind,
                        "roles": list(v.roles),
                        "words": list(v.words),
                        "broader": v.broader,
                    }
                    for v in entry.values
                ],
            }
            for entry in found
        ],
    }


USED_BY_SHOWN = 3
"""The roles a value's row names in Markdown and HTML; the count says how many in all."""


def values_tabular(found: Sequence[AspectValues], catalogue: Catalogue | None = None) -> Tabular:
    """A row per value of each aspect; with `catalogue` (Markdown, HTML), as the terminal view
    words it: the value by label (and what it is a kind of), its id only where the view shows
    it (what completion offers and people type), how many roles use it and which."""
    if catalogue is not None:
        return _values_for_people(found, catalogue)
    rows = [
        [
            entry.aspect.key if entry.aspect else "concepts",
            v.id,
            v.label,
            v.kind,
            str(len(v.roles)),
            list(v.roles),
            list(v.words),
            v.broader or "",
        ]
        for entry in found
        for v in entry.values
    ]
    header = ["aspect", "id", "label", "kind", "count", "roles", "words", "broader"]
    return Tabular(header, rows)


def _values_for_people(found: Sequence[AspectValues], catalogue: Catalogue) -> Tabular:
    from pmroles.render.wording import joined

    concepts = {c.id: c.label for c in catalogue.concepts.values()}
    role_names = {role.id: role.name for role in catalogue.roles.values()}
    every = [(entry, value) for entry in found for value in entry.values]
    rows: list[list[str | Sequence[str] | None]] = []
    for entry, value in every:
        label = value.label
        if value.broader:
            label += f" (a kind of {concepts.get(value.broader, value.broader)})"
        users = [role_names.get(r, r) for r in value.roles]
        if len(users) > USED_BY_SHOWN:
            users = [*users[: USED_BY_SHOWN - 1], f"{len(users) - USED_BY_SHOWN + 1} more"]
        also = ", ".join(value.words) if value.kind == "concept" else ""
        if value.kind == "item":
            also = "(names no concept: matched by its words)"
        rows.append(
            [
                entry.aspect.label if entry.aspect else "Concepts",
                label,
                value.id if value.kind != "item" else "",
                str(len(value.roles)),
                joined(users),
                also,
            ]
        )
    header = ["Aspect", "Value", "Id", "Roles", "Used by", "Also typed as"]
    # As in the terminal view, a column that would say nothing is left out: the aspect when
    # there is one, ids equal to the labels (methods, markets), no other words.
    keep = [
        len(found) > 1,
        True,
        any(v.kind != "item" and v.id != v.label for _, v in every),
        True,
        True,
        any(row[5] for row in rows),
    ]
    return Tabular(
        [h for h, k in zip(header, keep, strict=True) if k],
        [[cell for cell, k in zip(row, keep, strict=True) if k] for row in rows],
    )


def problem_document(problem: Problem) -> ProblemDocument:
    where = problem.location
    return {
        "file": where.file if where else None,
        "line": where.line if where else None,
        "column": where.column if where else None,
        "path": problem.path,
        "severity": problem.severity.value,
        "message": problem.message,
    }


def validate_document(file: str, valid: bool, problems: Sequence[Problem]) -> ValidateDocument:
    return {
        "version": DOCUMENT_VERSION,
        "file": file,
        "valid": valid,
        "problems": [problem_document(p) for p in problems],
    }


def validate_tabular(problems: Sequence[Problem]) -> Tabular:
    header = ["file", "line", "column", "path", "severity", "message"]
    rows = []
    for p in problems:
        doc: Mapping[str, object] = problem_document(p)
        rows.append([None if doc[k] is None else str(doc[k]) for k in header])
    return Tabular(header, rows)


def search_document(query: str, hits: Sequence[Hit]) -> SearchDocument:
    return {
        "version": DOCUMENT_VERSION,
        "query": query,
        "hits": [
            {
                "kind": hit.kind,
                "id": hit.id,
                "field": hit.field,
                "text": hit.text,
                "score": hit.score,
                "spans": [list(span) for span in hit.spans],
                "concepts": list(hit.concepts),
            }
            for hit in hits
        ],
    }


def search_tabular(hits: Sequence[Hit], catalogue: Catalogue | None = None) -> Tabular:
    """A row per hit, best first; with `catalogue` (Markdown, HTML), as the terminal view
    words it: where by name, the field by label, areas by name, editorial text marked."""
    if catalogue is None:
        rows = [[hit.kind, hit.id, hit.field, hit.text, f"{hit.score:.3f}"] for hit in hits]
        return Tabular(["kind", "id", "field", "text", "score"], rows)
    from pmroles.model import display_names
    from pmroles.render.wording import editorial_hit, hit_place

    names = display_names(catalogue)
    people: list[list[str | Sequence[str] | None]] = []
    for hit in hits:
        where, field = hit_place(hit, catalogue, names)
        text = names.get(hit.text, hit.text) if hit.field in ("owns", "supports") else hit.text
        if editorial_hit(hit, catalogue):
            text += EDITORIAL_SUFFIX
        people.append([where, field, text])
    return Tabular(["Where", "Field", "Text"], people)


def _where(location: Location | None) -> Where | None:
    if location is None:
        return None
    return {"file": location.file, "line": location.line, "column": location.column}


def which_document(role: Role) -> WhichDocument:
    return {
        "version": DOCUMENT_VERSION,
        "role": role.id,
        "defined": _where(role.location),
        "attributes": {key: _where(where) for key, where in role.locations.items()},
    }


def which_tabular(role: Role, *, human: bool = False) -> Tabular:
    """Where the role and each of its parts were written; `human` (Markdown, HTML): each
    part by label, each place as `file:line:column`, the file relative to the current
    directory when it is inside it."""
    if not human:
        rows = [["(role)", str(role.location) if role.location else None]]
        rows += [[key, str(where)] for key, where in role.locations.items()]
        return Tabular(["attribute", "where"], rows)
    places = [
        ("The role", role.location),
        *((aspect_label(k), w) for k, w in role.locations.items()),
    ]
    return Tabular(
        ["Part", "Where"],
        [[part, _place(where) if where else "unknown"] for part, where in places],
    )


def _place(where: Location) -> str:
    return f"{_shown_path(where.file)}:{where.line}:{where.column}"


def _shown_path(file: str) -> str:
    """`file` relative to the current directory when it is inside it; else as it is."""
    import os

    try:
        here = os.getcwd()
        full = os.path.abspath(file)
        if os.path.commonpath([here, full]) == here:
            return os.path.relpath(full, here)
    except (OSError, ValueError):  # no current directory; another drive
        pass
    return file


def match_document(answers: Criteria, ranking: Ranking) -> MatchDocument:
    """`match`: the answers as given and as read, then the roles shown, best first."""
    return {
        "version": DOCUMENT_VERSION,
        "answers": {
            "skill": list(answers.skill),
            "background": list(answers.background),
            "stakeholder": list(answers.stakeholder),
            "tool": list(answers.tool),
            "horizon": list(answers.horizon),
            "method": list(answers.method),
            "market": list(answers.market),
        },
        "known": [
            {"category": k.category, "value": k.answer, "concepts": list(k.concepts)}
            for k in ranking.known
        ],
        "unknown": [
            {"category": u.category, "value": u.answer, "suggestions": list(u.suggestions)}
            for u in ranking.unknown
        ],
        "fitting": ranking.fitting,
        "total": len(ranking.roles),
        "roles": [
            {
                "id": fit.role.id,
                "name": fit.role.name,
                "score": _round(fit.score),
                "evidence": _round(fit.evidence),
                "matched": [
                    {
                        "category": m.category,
                        "answer": m.answer,
                        "concepts": list(m.concepts),
                        "aspect": m.aspect,
                        "item": m.item,
                        "credit": _round(m.credit),
                        "words": list(m.words),
                    }
                    for m in fit.matched
                ],
                "missing": [{"aspect": m.aspect, "item": m.item} for m in fit.missing],
            }
            for fit in ranking.shown
        ],
    }


def _round(value: float) -> float:
    return round(value, 3)


def _matched_text(m: Matched) -> str:
    """E.g. `skill: coding = software development (skills: software-development, 50%)`."""
    where = ", ".join(
        part
        for part in (
            f"{m.aspect}: {' '.join(m.concepts)}" if m.concepts else m.aspect,
            f"{round(m.credit * 100)}%" if m.credit < 1 else "",
        )
        if part
    )
    return f"{m.category}: {m.answer} = {m.item} ({where})"


def match_tabular(ranking: Ranking, catalogue: Catalogue | None = None) -> Tabular:
    """One row per role shown; the matched answers and the missing items joined with '; '.
    With `catalogue` (Markdown, HTML), as the terminal view words them: the role by name,
    the fit as a percentage, what matched with concepts by label, what else it needs."""
    if catalogue is not None:
        return _fits_for_people(ranking, catalogue)
    header = ["id", "name", "score", "evidence", "matched", "missing"]
    rows = [
        [
            fit.role.id,
            fit.role.name,
            f"{fit.score:.3f}",
            f"{fit.evidence:.3f}",
            "; ".join(_matched_text(m) for m in fit.matched),
            "; ".join(f"{m.aspect}: {m.item}" for m in fit.missing),
        ]
        for fit in ranking.shown
    ]
    return Tabular(header, rows)


def _fits_for_people(ranking: Ranking, catalogue: Catalogue) -> Tabular:
    from pmroles.model import display_names
    from pmroles.render.wording import matched_line, needs_lines

    names = display_names(catalogue)
    rows: list[list[str | Sequence[str] | None]] = []
    for fit in ranking.shown:
        matched = [
            matched_line(m, fit.role, catalogue, names, note="editorial")[0] for m in fit.matched
        ]
        needs, _ = needs_lines(fit, names, EDITORIAL_SUFFIX)
        also = ". ".join(f"{label}: {'; '.join(items)}" for label, items in needs)
        rows.append([fit.role.name, percent(fit.score), matched, also])
    return Tabular(["Role", "Fit", "Matches", "Also needs"], rows)


def matrix_document(matrix: Matrix) -> MatrixDocument:
    """Every role is a key of `cells`, with only its marks."""
    return {
        "version": DOCUMENT_VERSION,
        "by": str(matrix.by),  # a plain str for YAML, not the enum
        "rows": [h.id for h in matrix.rows],
        "columns": [h.id for h in matrix.columns],
        "cells": {
            row.id: {
                column.id: value
                for column, value in zip(matrix.columns, values, strict=True)
                if value is not None
            }
            for row, values in zip(matrix.rows, matrix.cells, strict=True)
        },
    }


MARK_WORDS = {
    "stakeholder": {"primary": "works with"},
    "responsibility": {"primary": "owns", "secondary": "supports"},
}
"""How a Markdown matrix, which people read, words a mark (`primary`, `secondary`)."""


def matrix_tabular(matrix: Matrix, *, human: bool = False) -> Tabular:
    """id, name, then one column per column id; '' for no mark. `human` (Markdown): the
    columns by label and the marks in words."""
    if not human:
        header = ["id", "name", *(h.id for h in matrix.columns)]
        rows = [
            [row.id, row.label, *(value or "" for value in values)]
            for row, values in zip(matrix.rows, matrix.cells, strict=True)
        ]
        return Tabular(header, rows)
    words = MARK_WORDS[matrix.by]
    header = ["Role", *(h.label for h in matrix.columns)]
    rows = [
        [row.label, *(words.get(value, "") if value else "" for value in values)]
        for row, values in zip(matrix.rows, matrix.cells, strict=True)
    ]
    return Tabular(header, rows)


def map_document(result: RoleMap) -> MapDocument:
    return {
        "version": DOCUMENT_VERSION,
        "points": [
            {"id": p.role_id, "name": p.name, "x": p.x, "y": p.y, "editorial": p.editorial}
            for p in result.points
        ],
        "unplaced": list(result.unplaced),
    }


def map_tabular(
    result: RoleMap,
    names: Mapping[str, str] | None = None,
    catalogue: Catalogue | None = None,
    *,
    labelled: bool = False,
) -> Tabular:
    """id, name, x, y per role; roles not placed come last with empty coordinates (and the
    name from `names`, role id -> name, when given). With `catalogue` (Markdown, HTML), in
    words: where each role stands across and up, editorial placings marked, "not stated"
    where the catalogue is silent; `labelled`, each placed role's name followed by the id
    that labels it in the picture above the table."""
    if catalogue is not None:
        return _map_for_people(result, catalogue, labelled)
    rows = [[p.role_id, p.name, _number(p.x), _number(p.y)] for p in result.points]
    rows += [[role_id, (names or {}).get(role_id, ""), "", ""] for role_id in result.unplaced]
    return Tabular(["id", "name", "x", "y"], rows)


def _number(value: float) -> str:
    return f"{value:g}"


ACROSS = "Business\u2013technical"
UP = "Tactical\u2013strategic"
"""The map's axes, as the headings of its table."""


def _map_for_people(result: RoleMap, catalogue: Catalogue, labelled: bool) -> Tabular:
    from pmroles.answers.rolemap import coordinates, height_words, side_words

    placed = {point.role_id for point in result.points}
    rows: list[list[str | Sequence[str] | None]] = []
    for role_id in [point.role_id for point in result.points] + list(result.unplaced):
        role = catalogue.roles[role_id]
        x, y = coordinates(role)
        rows.append(
            [
                f"{role.name} ({role.id})" if labelled and role_id in placed else role.name,
                _placed(role, "orientation", None if x is None else side_words(x)),
                _placed(role, "horizon", None if y is None else height_words(y)),
            ]
        )
    return Tabular(["Role", ACROSS, UP], rows)


def _placed(role: Role, key: str, words: str | None) -> str:
    if words is None:
        return "not stated"
    editorial = any(role.is_editorial(key, value) for value in role.get(key))
    return words + (EDITORIAL_SUFFIX if editorial else "")


# -- sources ----------------------------------------------------------------------------------
# `pmroles sources`: how many items each article backs. Its shapes and builders sit together
# here, after the others.


class RoleSourcesDocument(TypedDict):
    name: str
    items: int
    """Every item of every aspect (a summary is one)."""
    sources: dict[str, int]
    """Article source id -> the items it backs, only those backing some, in catalogue order.
    An item two articles back counts under each."""
    editorial: int
    """Items whose only source is editorial (pmroles' own summary of common practice)."""
    unsourced: int
    """Items that cite no source."""


class StakeholderSourcesDocument(TypedDict):
    name: str
    needs: int
    sources: dict[str, int]
    """Article source id -> the needs it backs, as for a role."""
    editorial: int
    unsourced: int


class SourcesDocument(TypedDict):
    version: Version
    roles: dict[str, RoleSourcesDocument]
    """Role id -> its counts: every role in catalogue order, or the one asked about."""
    stakeholders: dict[str, StakeholderSourcesDocument]
    """Stakeholder id -> its needs' counts; empty when one role was asked about."""
    sources: list[SourceDocument]
    """Every source the counts name (editorial too, when any item is editorial)."""


def _role_sources(counts: Counts) -> RoleSourcesDocument:
    return {
        "name": counts.name,
        "items": counts.items,
        "sources": dict(counts.by_source),
        "editorial": counts.editorial,
        "unsourced": counts.unsourced,
    }


def _stakeholder_sources(counts: Counts) -> StakeholderSourcesDocument:
    return {
        "name": counts.name,
        "needs": counts.items,
        "sources": dict(counts.by_source),
        "editorial": counts.editorial,
        "unsourced": counts.unsourced,
    }


def sources_document(result: Provenance, catalogue: Catalogue) -> SourcesDocument:
    return {
        "version": DOCUMENT_VERSION,
        "roles": {counts.id: _role_sources(counts) for counts in result.roles},
        "stakeholders": {c.id: _stakeholder_sources(c) for c in result.stakeholders},
        "sources": [
            source_document(catalogue.sources[s]) for s in result.cited if s in catalogue.sources
        ],
    }


def sources_tabular(result: Provenance, *, human: bool = False) -> Tabular:
    """A row per role: its items, a column per article (the counts), editorial and unsourced
    last; `human` (Markdown): the role by name and headings people read."""
    if human:
        header = ["Role", "Items", *result.sources, "Editorial", "No source"]
    else:
        header = ["id", "name", "items", *result.sources, "editorial", "unsourced"]
    rows: list[list[str | Sequence[str] | None]] = []
    for counts in result.roles:
        numbers = [
            str(counts.items),
            *(str(counts.by_source.get(source, 0)) for source in result.sources),
            str(counts.editorial),
            str(counts.unsourced),
        ]
        who = [f"{counts.name} ({counts.id})"] if human else [counts.id, counts.name]
        rows.append([*who, *numbers])
    return Tabular(header, rows)


# -- brief ------------------------------------------------------------------------------------
# `pmroles brief ROLE`: a job description starter. Items keep the catalogue's text (areas and
# stakeholders by id) with their sources, as the Markdown footnotes them.


class BriefItemDocument(TypedDict):
    text: str
    sources: list[str]
    editorial: bool
    """Only pmroles' editorial summary backs it, not an article."""


class BriefGroupDocument(TypedDict):
    """A stakeholder the role works with, and what it needs from product roles."""

    id: str
    name: str
    sources: list[str]
    """The sources that say the role works with it."""
    editorial: bool
    needs: list[BriefItemDocument]


class NearRoleDocument(TypedDict):
    """A role a curated comparison sets beside this one."""

    id: str
    name: str
    similarity: ScoreDocument
    curated: ComparisonNoteDocument


class BriefDocument(TypedDict):
    version: Version
    role: str
    name: str
    summary: BriefItemDocument | None
    sections: dict[str, list[BriefItemDocument]]
    """Aspect key -> its items: focus, responsibilities, owns, supports, day_to_day,
    outcomes, goals, skills, background, tools, horizon, method, market, orientation
    (every key, [] when the catalogue says nothing)."""
    stakeholders: list[BriefGroupDocument]
    nearest: list[NearRoleDocument]
    """Most alike first."""
    disputes: dict[str, list[dict[str, str]]]
    """Aspect key -> where the sources disagree on it: source id -> that source's view."""
    cited: list[SourceDocument]
    """Every source the brief names, in the order it first names them."""


def _brief_item(item: Cited) -> BriefItemDocument:
    return {"text": item.text, "sources": list(item.sources), "editorial": item.editorial}


def brief_document(found: Brief, catalogue: Catalogue) -> BriefDocument:
    cited: list[str] = []
    items = [found.summary] if found.summary is not None else []
    items += [item for key_items in found.sections.values() for item in key_items]
    cited += [s for item in items for s in item.sources]
    for group in found.groups:
        cited += [*group.sources, *(s for need in group.needs for s in need.sources)]
    cited += [s for near in found.nearest for s in near.comparison.sources]
    cited += [s for sides in found.disputes.values() for dispute in sides for s in dispute]
    return {
        "version": DOCUMENT_VERSION,
        "role": found.role.id,
        "name": found.role.name,
        "summary": None if found.summary is None else _brief_item(found.summary),
        "sections": {
            key: [_brief_item(item) for item in key_items]
            for key, key_items in found.sections.items()
        },
        "stakeholders": [
            {
                "id": group.id,
                "name": group.name,
                "sources": list(group.sources),
                "editorial": group.editorial,
                "needs": [_brief_item(need) for need in group.needs],
            }
            for group in found.groups
        ],
        "nearest": [
            {
                "id": near.other.id,
                "name": near.other.name,
                "similarity": score_document(near.score),
                "curated": comparison_note_document(near.comparison),
            }
            for near in found.nearest
        ],
        "disputes": {key: [dict(d) for d in sides] for key, sides in found.disputes.items()},
        "cited": [
            source_document(catalogue.sources[s])
            for s in dict.fromkeys(cited)
            if s in catalogue.sources
        ],
    }
