"""Build the catalogue's JSON Schema (draft-07) from the tables the loader checks files by.

The package ships the result as `catalogue.schema.json`: `pmroles schema` prints that file
and `pmroles init` copies it, so nothing here runs for a user. The keys each record allows
and their order come from the loader (`TOP_LEVEL_KEYS`, `ROLE_KEYS`, `STAKEHOLDER_KEYS`,
`SOURCE_KEYS`, `COMPARISON_KEYS`); the attributes' titles, kinds and closed choices from
`model.ASPECTS`; ids from `loader.ID_PATTERN`. What this module adds is what no table says:
the help text editors show for each key, and the rules the loader spells out in code
(which keys are required, `append` needs `extends`, a role cites only attributes it has).
A key in a table without help text here, or help text for a key no table has, stops the
build with a message naming it.

After changing any of those tables, regenerate the shipped file (a test holds it equal to
what this module builds, byte for byte):

    python -m pmroles.catalogue.schema src/pmroles/catalogue/catalogue.schema.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from pmroles import model
from pmroles.catalogue import loader
from pmroles.concepts import LINKED_ASPECTS

JSON = dict[str, Any]


def _ref(definition: str) -> JSON:
    return {"$ref": f"#/definitions/{definition}"}


_TEXT = _ref("text")
_TEXTS = _ref("texts")
_ID = _ref("id")
_ID_REF = _ref("idRef")
_SOURCE_IDS = _ref("sourceIds")
_PER_ROLE = _ref("perRole")
_SCALAR = ["string", "number", "boolean"]
"""A generic YAML reader turns unquoted numbers and yes/no into these; the loader keeps them
as the text written."""

TITLE = "pmroles catalogue"
DESCRIPTION = (
    "A pmroles catalogue file: product roles, the stakeholders they work with, the sources "
    "behind each statement and comparisons of two roles. The loader (pmroles validate) also "
    "checks what this schema cannot: that referenced ids exist, that ids, names and aliases "
    "each name one role, and duplicates after case folding; it accepts choice values in any "
    "case, where this schema wants them in lower case."
)

SECTIONS: Mapping[str, tuple[str, str]] = {
    "roles": ("role", "Product roles by id."),
    "stakeholders": (
        "stakeholder",
        "Stakeholder groups by id; roles name them under 'interactions'.",
    ),
    "sources": ("source", "Source articles by id; records cite them under 'sources'."),
    "comparisons": ("comparison", "What the sources say about two roles side by side, by id."),
    "concepts": (
        "concept",
        "The vocabulary, by id: what people call each thing product work involves. Every "
        "item a role lists is linked to the concepts its words name.",
    ),
}
"""Top-level key -> (the definition of each record under it, help text)."""

ASPECT_HELP: Mapping[str, str] = {
    "summary": "One sentence saying what the role is.",
    "focus": "What the role concentrates on.",
    "skills": "The skills the role needs.",
    "interactions": "Ids of the stakeholder groups the role works with.",
    "goals": "What the role aims to achieve.",
    "challenges": "What makes the role hard.",
    "outcomes": "The outcomes the role answers for.",
    "tools": "The tools and techniques the role uses.",
    "background": "The training and experience people in the role usually have.",
    "advantages": "What an organisation gains from having the role.",
    "disadvantages": "The drawbacks and risks of the role.",
    "collaboration": "Who the role must work closely with, and on what.",
    "product_cycle_impact": "How the role shapes each stage of the product cycle.",
    "market_adaptability": "How the role responds when the market changes.",
    "strategic_influence": "How far the role shapes product vision and strategy.",
    "responsibilities": "What the role is accountable for.",
    "owns": "Areas of responsibility the role is primarily accountable for.",
    "supports": "Areas of responsibility the role contributes to without owning them.",
    "day_to_day": "What the role does in a typical day.",
    "career_path": "Where people come from and go to from this role.",
    "horizon": "The time horizons the role works on.",
    "method": "The delivery methods the role works in.",
    "market": "The markets the role serves.",
    "orientation": "Business or technical orientation of the role (both means balanced).",
}
"""Help text for each role attribute in `model.ASPECTS`; closed choices get their values
appended ("Any of: ...")."""


def _field(rule: JSON, description: str, title: str | None = None) -> JSON:
    """One key's rule, with the title and help text editors show for it."""
    field: JSON = {"title": title} if title else {}
    return {**field, "description": description, **rule}


def _ordered(
    record: str, keys: Sequence[str], fields: Mapping[str, JSON], table: str = "the loader"
) -> JSON:
    """`fields` in the order of `keys`, from `table`; both must name the same keys."""
    missing = [key for key in keys if key not in fields]
    extra = [key for key in fields if key not in keys]
    if missing:
        raise ValueError(
            f"{record}: {table} has {', '.join(map(repr, missing))}, which "
            "pmroles.catalogue.schema does not describe; give it help text and a rule there"
        )
    if extra:
        raise ValueError(
            f"{record}: pmroles.catalogue.schema describes {', '.join(map(repr, extra))}, which "
            f"{table} does not have"
        )
    return {key: fields[key] for key in keys}


def _aspect(aspect: model.Aspect) -> JSON:
    description = ASPECT_HELP[aspect.key]
    if aspect.kind is model.AspectKind.CHOICES:
        description += f" Any of: {', '.join(aspect.choices)}."
        rule: JSON = {"type": "array", "items": {"enum": list(aspect.choices)}}
    elif aspect.kind is model.AspectKind.TEXT:
        rule = _TEXT
    else:
        rule = _TEXTS
    return _field(rule, description, aspect.label)


def _aspects() -> dict[str, JSON]:
    """Every attribute's rule, in `model.ASPECTS` order."""
    keys = [aspect.key for aspect in model.ASPECTS]
    _ordered("role attributes", keys, {key: {} for key in ASPECT_HELP}, "model.ASPECTS")
    return {aspect.key: _aspect(aspect) for aspect in model.ASPECTS}


def _role(aspects: Mapping[str, JSON]) -> JSON:
    keys = list(aspects)
    appendable = {
        a.key: aspects[a.key] for a in model.ASPECTS if a.kind is not model.AspectKind.TEXT
    }
    fields = {
        "name": _field(_TEXT, "The role's full name, e.g. 'Technical Product Manager'."),
        "aliases": _field(
            _TEXTS, "Other names for the role; ids, names and aliases must each name one role."
        ),
        "extends": _field(
            _ID,
            "The id of a role to start from: this entry changes only what it names. "
            "Without it, 'name' is required.",
            "Extends",
        ),
        **aspects,
        "append": _field(
            {"type": "object", "additionalProperties": False, "properties": appendable},
            "With 'extends': items added to the parent's lists instead of replacing them.",
            "Append",
        ),
        "sources": _field(
            {
                "type": "object",
                "propertyNames": {"enum": keys},
                "additionalProperties": _SOURCE_IDS,
            },
            "Source ids backing each attribute, by attribute key; cite only attributes the "
            "role has. 'editorial' marks pmroles' own summary of common practice, written "
            "only where the articles are silent.",
        ),
        "cites": _field(
            {
                "type": "object",
                "propertyNames": {"enum": keys},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": _SOURCE_IDS,
                },
            },
            "Per-item sources, by attribute key then item text, where an attribute's items "
            "come from different sources (some editorial); an item not listed has the "
            "attribute's 'sources'.",
            "Cites",
        ),
        "disputes": _field(
            {
                "type": "object",
                "propertyNames": {"enum": keys},
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "minProperties": 2,
                        "additionalProperties": _TEXT,
                    },
                },
            },
            "Where the sources disagree about an attribute: a list of disputes, each mapping "
            "two or more source ids to what that source says.",
            "Disputes",
        ),
        "concepts": _field(
            {
                "type": "object",
                "propertyNames": {"enum": list(LINKED_ASPECTS)},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": _ID_REF},
                },
            },
            "Concept ids per item, by attribute key then item text, for items whose words "
            "alone would link the wrong concepts or none; other items are linked by their words.",
            "Concepts",
        ),
    }
    # A role of its own (no 'extends') needs a name and cites only attributes it has; one
    # that extends another may cite what it inherits.
    cites_what_it_has = [
        {
            "if": {
                "required": ["sources"],
                "properties": {"sources": {"type": "object", "required": [key]}},
            },
            "then": {"required": [key]},
        }
        for key in keys
    ]
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": _ordered("role", loader.ROLE_KEYS, fields),
        "dependencies": {"append": ["extends"]},
        "if": {"required": ["extends"]},
        "then": {},
        "else": {"required": ["name"], "allOf": cites_what_it_has},
    }


def _record(name: str, keys: Sequence[str], required: str, fields: Mapping[str, JSON]) -> JSON:
    return {
        "type": "object",
        "required": [required],
        "additionalProperties": False,
        "properties": _ordered(name, keys, fields),
    }


def _stakeholder() -> JSON:
    return _record(
        "stakeholder",
        loader.STAKEHOLDER_KEYS,
        "name",
        {
            "name": _field(_TEXT, "The group's name, e.g. 'Marketing'."),
            "aliases": _field(_TEXTS, "Other names for the group."),
            "needs": _field(_TEXTS, "What the group needs from product roles."),
            "sources": _field(_SOURCE_IDS, "Ids of the sources that name the group."),
            "cites": _field(
                {"type": "object", "additionalProperties": _SOURCE_IDS},
                "Per-need sources, by need text, for needs not backed by all of 'sources'.",
            ),
        },
    )


def _source() -> JSON:
    return _record(
        "source",
        loader.SOURCE_KEYS,
        "title",
        {
            "title": _field(_TEXT, "The article's title."),
            "author": _field(_TEXT, "Who wrote it, where the article says."),
            "publisher": _field(_TEXT, "Who published it, where the article says."),
        },
    )


def _comparison() -> JSON:
    two_roles: JSON = {
        "type": "array",
        "minItems": 2,
        "maxItems": 2,
        "uniqueItems": True,
        "items": _ID_REF,
    }
    shares: JSON = {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "propertyNames": _ID,
            "additionalProperties": _TEXT,
        },
    }
    return _record(
        "comparison",
        loader.COMPARISON_KEYS,
        "roles",
        {
            "roles": _field(two_roles, "The ids of the two roles compared."),
            "summary": _field(_TEXT, "One sentence on how the two roles relate."),
            "similarities": _field(_TEXTS, "What the two roles share."),
            "differences": _field(_TEXTS, "Where the two roles differ."),
            "advantages": _field(_PER_ROLE, "By role id: that role's advantages over the other."),
            "excels": _field(
                _PER_ROLE, "By role id: situations where that role stands out over the other."
            ),
            "split": _field(shares, "By area of responsibility: each role's share, by role id."),
            "sources": _field(_SOURCE_IDS, "Ids of the sources that draw the comparison."),
            "relation": _field(
                {"enum": [r.value for r in model.Relation]},
                "What the sources make of the pair: comparable (much the same job), "
                "complementary (different jobs working hand in hand) or distinct.",
            ),
        },
    )


def _concept() -> JSON:
    fields = {
        "label": _field(_TEXT, "How people read the concept, e.g. 'Software development'."),
        "words": _field(
            _TEXTS,
            "Other words and phrases for it ('coding', 'programming'); case, plurals, small "
            "words and word order do not matter. A word may name one concept only.",
        ),
        "broader": _field(_ID_REF, "The id of the more general concept this is a kind of."),
        "extends": _field(
            _ID_REF,
            "This concept's own id, to add words to a concept of a catalogue beneath. "
            "Without it, 'label' is required.",
        ),
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": _ordered("concept", loader.CONCEPT_KEYS, fields),
        "if": {"required": ["extends"]},
        "then": {},
        "else": {"required": ["label"]},
    }


def catalogue_schema() -> JSON:
    """The catalogue's JSON Schema, as a JSON document."""
    id_pattern = f"^{loader.ID_PATTERN.pattern}$(?!\\n)"
    sections = {
        key: _field(
            {"type": "object", "propertyNames": _ID, "additionalProperties": _ref(record)},
            description,
        )
        for key, (record, description) in SECTIONS.items()
    }
    definitions: JSON = {
        "id": {
            "description": "1-64 letters, digits, '.', '_', '+' or '-', starting with a letter "
            "or digit. (The '(?!\\n)' keeps Python's '$' from allowing a trailing newline.)",
            "pattern": id_pattern,
        },
        "text": {
            "description": "Non-blank text. The loader keeps every scalar as written, so "
            "unquoted numbers and yes/no count as text.",
            "type": _SCALAR,
            "minLength": 1,
            "pattern": "\\S",
        },
        "texts": {
            "description": "A list of non-blank texts, one '- item' per line.",
            "type": "array",
            "items": _TEXT,
        },
        "idRef": {
            "description": "The id of a record defined in this catalogue or the one it extends.",
            "type": _SCALAR,
            "pattern": id_pattern,
        },
        "sourceIds": {"description": "Ids of sources.", "type": "array", "items": _ID_REF},
        "perRole": {
            "description": "Lists of text by the id of one of the comparison's two roles.",
            "type": "object",
            "propertyNames": _ID,
            "additionalProperties": _TEXTS,
        },
        "role": _role(_aspects()),
        "stakeholder": _stakeholder(),
        "source": _source(),
        "comparison": _comparison(),
        "concept": _concept(),
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": TITLE,
        "description": DESCRIPTION,
        "type": "object",
        "required": ["roles"],
        "additionalProperties": False,
        "properties": _ordered("the file's top level", loader.TOP_LEVEL_KEYS, sections),
        "definitions": definitions,
    }


def schema_json() -> str:
    """The schema as the package ships it: two-space indents, UTF-8, a final newline."""
    return json.dumps(catalogue_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str]) -> int:
    """`python -m pmroles.catalogue.schema [FILE]`: write the schema to FILE, else to stdout."""
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        sys.stderr.write("usage: python -m pmroles.catalogue.schema [FILE]\n")
        return 2
    try:
        data = schema_json().encode("utf-8")  # built whole before FILE is touched
    except ValueError as error:  # the tables and this module disagree
        sys.stderr.write(f"pmroles.catalogue.schema: {error}\n")
        return 1
    if argv:
        with open(argv[0], "wb") as handle:
            handle.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
