"""The JSON Schema for editors and the loader agree on what a malformed catalogue is.

The shipped schema is built by `pmroles.catalogue.schema` from the loader's and the model's tables, and
held here to that build byte for byte. The loader also checks what a schema cannot (ids that
must exist, names that must each name one role, duplicates after case folding); those cases
are the loader's alone and not here.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pmroles import model
from pmroles.catalogue import loader
from pmroles.catalogue.loader import (
    COMPARISON_KEYS,
    ID_PATTERN,
    ROLE_KEYS,
    SOURCE_KEYS,
    STAKEHOLDER_KEYS,
    TOP_LEVEL_KEYS,
    check_text,
    schema_text,
)
from pmroles.catalogue.schema import catalogue_schema, schema_json
from pmroles.catalogue.schema import main as make_schema
from pmroles.errors import CatalogueError, Problem, Severity
from pmroles.model import ASPECTS, Aspect, AspectKind, Catalogue

from .conftest import ROOT

SCHEMA_PATH = ROOT / "src" / "pmroles" / "catalogue" / "catalogue.schema.json"
LONG_ID = "p" * 64
"""The longest id the loader allows."""
MODELINE = "# yaml-language-server: $schema=../src/pmroles/catalogue/catalogue.schema.json"
REGENERATE = "python -m pmroles.catalogue.schema src/pmroles/catalogue/catalogue.schema.json"


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def schema_errors(text: str) -> list[str]:
    """What the schema says about the document, read the way a generic YAML tool reads it."""
    validator = jsonschema.Draft7Validator(schema())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]


def loader_verdict(text: str) -> tuple[Catalogue | None, list[Problem]]:
    """The catalogue (None when rejected) and the loader's ERROR problems."""
    try:
        catalogue, problems = check_text(text, "f.yaml")
    except CatalogueError as error:
        return None, list(error.problems)
    return catalogue, [p for p in problems if p.severity is Severity.ERROR]


def doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- the schema itself -------------------------------------------------------------------


def test_schema_is_a_valid_draft_07_schema() -> None:
    assert schema()["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema())


def test_schema_is_what_the_package_ships() -> None:
    assert json.loads(schema_text()) == schema()


def test_shipped_schema_is_built_from_the_tables() -> None:
    shipped = SCHEMA_PATH.read_bytes().decode("utf-8")  # byte for byte: no newline translation
    assert shipped == schema_json(), (
        f"catalogue.schema.json is not what pmroles.catalogue.schema builds; regenerate it: {REGENERATE}"
    )


def test_the_schema_is_written_whole_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.schema.json"
    assert make_schema([str(target)]) == 0
    assert target.read_bytes() == SCHEMA_PATH.read_bytes()


@pytest.mark.parametrize(
    ("table", "change", "named"),
    [
        ("ROLE_KEYS", lambda keys: (*keys, "mood"), "role: the loader has 'mood'"),
        (
            "STAKEHOLDER_KEYS",
            lambda keys: keys[:-1],
            "stakeholder: pmroles.catalogue.schema describes 'cites'",
        ),
        ("SOURCE_KEYS", lambda keys: (*keys, "year"), "source: the loader has 'year'"),
        (
            "COMPARISON_KEYS",
            lambda keys: (*keys, "verdict"),
            "comparison: the loader has 'verdict'",
        ),
        ("TOP_LEVEL_KEYS", lambda keys: (*keys, "teams"), "top level: the loader has 'teams'"),
    ],
)
def test_a_key_the_loader_allows_must_be_described(
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    change: Callable[[tuple[str, ...]], tuple[str, ...]],
    named: str,
) -> None:
    monkeypatch.setattr(loader, table, change(getattr(loader, table)))
    with pytest.raises(ValueError, match=named):
        catalogue_schema()


def test_a_build_that_fails_leaves_the_file_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(loader, "SOURCE_KEYS", (*loader.SOURCE_KEYS, "year"))
    target = tmp_path / "catalogue.schema.json"
    assert make_schema([str(target)]) == 1
    assert not target.exists()
    assert capsys.readouterr().err == (
        "pmroles.catalogue.schema: source: the loader has 'year', which pmroles.catalogue.schema does not "
        "describe; give it help text and a rule there\n"
    )


def test_a_new_role_attribute_needs_help_text(monkeypatch: pytest.MonkeyPatch) -> None:
    mood = Aspect("mood", "Mood", AspectKind.LIST)
    monkeypatch.setattr(model, "ASPECTS", (*ASPECTS, mood))
    with pytest.raises(ValueError, match=r"role attributes: model\.ASPECTS has 'mood'"):
        catalogue_schema()


def test_schema_is_pretty_printed_with_two_spaces() -> None:
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    assert text == json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def test_schema_names_the_keys_the_loader_allows() -> None:
    definitions = schema()["definitions"]
    assert set(schema()["properties"]) == set(TOP_LEVEL_KEYS)
    assert schema()["required"] == ["roles"]
    assert set(definitions["role"]["properties"]) == set(ROLE_KEYS)
    assert set(definitions["stakeholder"]["properties"]) == set(STAKEHOLDER_KEYS)
    assert set(definitions["source"]["properties"]) == set(SOURCE_KEYS)
    assert set(definitions["comparison"]["properties"]) == set(COMPARISON_KEYS)
    cited = definitions["role"]["properties"]["sources"]["propertyNames"]["enum"]
    assert cited == [aspect.key for aspect in ASPECTS]


def test_schema_mirrors_the_id_pattern_and_the_closed_choices() -> None:
    definitions = schema()["definitions"]
    assert definitions["id"]["pattern"] == f"^{ID_PATTERN.pattern}$(?!\\n)"
    roles = definitions["role"]["properties"]
    for aspect in ASPECTS:
        if aspect.kind is AspectKind.CHOICES:
            assert roles[aspect.key]["items"]["enum"] == list(aspect.choices), aspect.key


def test_every_role_attribute_is_described_for_editors() -> None:
    for key, rule in schema()["definitions"]["role"]["properties"].items():
        assert rule.get("description"), key


# -- the built-in catalogue ----------------------------------------------------------------


def test_builtin_catalogue_matches_the_schema() -> None:
    text = (ROOT / "data" / "roles.yaml").read_text(encoding="utf-8")
    assert schema_errors(text) == []


def test_builtin_catalogue_points_editors_at_the_schema() -> None:
    data_dir = ROOT / "data"
    first_line = (data_dir / "roles.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == MODELINE
    relative = first_line.split("$schema=", 1)[1]
    target = (data_dir / relative).resolve()
    assert target == SCHEMA_PATH.resolve()
    assert target.is_file()


# -- agreement -----------------------------------------------------------------------------

INVALID = [
    pytest.param("", id="empty-file"),
    pytest.param("stakeholders: {}\n", id="missing-roles"),
    pytest.param("roles: {}\nteams: {}\n", id="unknown-top-level-key"),
    pytest.param("- roles\n", id="top-level-list"),
    pytest.param("just text\n", id="top-level-text"),
    pytest.param("roles:\n", id="roles-null"),
    pytest.param("roles:\n  - name: PM\n", id="roles-as-list"),
    pytest.param("roles:\n  pm: Product Manager\n", id="role-not-a-mapping"),
    pytest.param("roles:\n  pm:\n    summary: Owns the product.\n", id="role-missing-name"),
    pytest.param("roles:\n  pm:\n    name: PM\n    skils: [a]\n", id="unknown-role-attribute"),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    skills: prioritisation\n", id="skills-as-string"
    ),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    skills:\n      - [a, b]\n", id="nested-list-in-skills"
    ),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    skills:\n      - {a: b}\n", id="mapping-in-skills"
    ),
    pytest.param("roles:\n  pm:\n    name: ''\n", id="empty-string-name"),
    pytest.param('roles:\n  pm:\n    name: "   "\n', id="blank-name"),
    pytest.param("roles:\n  pm:\n    name: PM\n    summary:\n", id="empty-summary"),
    pytest.param("roles:\n  pm:\n    name: PM\n    summary: ~\n", id="null-summary"),
    pytest.param('roles:\n  pm:\n    name: PM\n    goals: ["ship", ""]\n', id="empty-list-item"),
    pytest.param("roles:\n  product manager:\n    name: PM\n", id="role-id-with-space"),
    pytest.param("roles:\n  -pm:\n    name: PM\n", id="role-id-starting-with-dash"),
    pytest.param("roles:\n  pm$:\n    name: PM\n", id="role-id-with-dollar"),
    pytest.param(f"roles:\n  {LONG_ID}p:\n    name: PM\n", id="role-id-too-long"),
    pytest.param('roles:\n  "pm\\n":\n    name: PM\n', id="role-id-with-trailing-newline"),
    pytest.param("roles:\n  pm:\n    name: PM\n    aliases: PdM\n", id="aliases-as-string"),
    pytest.param("roles:\n  pm:\n    name: PM\n    horizon: [soon]\n", id="horizon-not-in-set"),
    pytest.param("roles:\n  pm:\n    name: PM\n    method: agile\n", id="method-as-string"),
    pytest.param("roles:\n  pm:\n    name: PM\n    market: [b2x]\n", id="market-not-in-set"),
    pytest.param(
        doc(
            """
            sources:
              s: {title: T}
            roles:
              pm:
                name: PM
                summary: Owns the product.
                sources:
                  summry: [s]
            """
        ),
        id="role-sources-unknown-attribute",
    ),
    pytest.param(
        doc(
            """
            sources:
              s: {title: T}
            roles:
              pm:
                name: PM
                sources:
                  skills: [s]
            """
        ),
        id="role-sources-attribute-the-role-lacks",
    ),
    pytest.param(
        doc(
            """
            sources:
              s: {title: T}
            roles:
              pm:
                name: PM
                summary: Owns the product.
                sources:
                  summary: s
            """
        ),
        id="role-sources-value-as-string",
    ),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    sources: [summary]\n", id="role-sources-as-list"
    ),
    pytest.param("roles: {}\nsources:\n  s:\n    author: A\n", id="source-without-title"),
    pytest.param(
        "roles: {}\nsources:\n  s:\n    title: T\n    year: 2020\n", id="source-unknown-key"
    ),
    pytest.param(
        "roles: {}\nsources:\n  s:\n    title: T\n    author: ''\n", id="source-empty-author"
    ),
    pytest.param("roles: {}\nsources:\n  my source:\n    title: T\n", id="source-id-with-space"),
    pytest.param(
        "roles: {}\nstakeholders:\n  ux:\n    needs: [a]\n", id="stakeholder-without-name"
    ),
    pytest.param(
        "roles: {}\nstakeholders:\n  ux:\n    name: UX\n    wants: [a]\n",
        id="unknown-stakeholder-key",
    ),
    pytest.param(
        "roles: {}\nstakeholders:\n  ux:\n    name: UX\n    needs: research time\n",
        id="stakeholder-needs-as-string",
    ),
]

TWO_ROLES = doc(
    """
    roles:
      a: {name: Role A}
      b: {name: Role B}
      c: {name: Role C}
    comparisons:
      ab:
    """
)


def comparison(body: str) -> str:
    return TWO_ROLES + textwrap.indent(doc(body), "    ")


INVALID += [
    pytest.param(comparison("roles: [a]\n"), id="comparison-one-role"),
    pytest.param(comparison("roles: [a, b, c]\n"), id="comparison-three-roles"),
    pytest.param(comparison("roles: [a, a]\n"), id="comparison-same-role-twice"),
    pytest.param(comparison("roles: a\n"), id="comparison-roles-as-string"),
    pytest.param(comparison("summary: A and B\n"), id="comparison-without-roles"),
    pytest.param(comparison("roles: [a, b]\nverdict: tie\n"), id="comparison-unknown-key"),
    pytest.param(
        comparison("roles: [a, b]\nadvantages:\n  - a is faster\n"),
        id="advantages-as-list",
    ),
    pytest.param(comparison("roles: [a, b]\nexcels:\n  a: speed\n"), id="excels-value-as-string"),
    pytest.param(
        comparison("roles: [a, b]\nsplit:\n  delivery:\n    a: [most, of, it]\n"),
        id="split-value-not-a-string",
    ),
    pytest.param(
        comparison("roles: [a, b]\nsplit:\n  delivery:\n    a: ''\n"), id="split-value-empty"
    ),
    pytest.param(comparison("roles: [a, b]\nsplit:\n  delivery: a\n"), id="split-area-as-string"),
    pytest.param(comparison("roles: [a, b]\nsimilarities: a lot\n"), id="similarities-as-string"),
]

PARENT = "roles:\n  pm: {name: PM, summary: One.}\n  pm2:\n"


def child(body: str) -> str:
    """A role `pm2` with `body`, beside the role `pm` it may extend."""
    return PARENT + textwrap.indent(doc(body), "    ")


INVALID += [
    pytest.param(child("name: PM 2\nappend:\n  skills: [b]\n"), id="append-without-extends"),
    pytest.param(child("name: PM 2\nextends: pm\nappend:\n  summary: Two.\n"), id="append-summary"),
    pytest.param(
        child("name: PM 2\nextends: pm\nappend:\n  skils: [b]\n"), id="append-unknown-attribute"
    ),
    pytest.param(
        child("name: PM 2\nextends: pm\nappend:\n  horizon: [soon]\n"),
        id="append-horizon-not-in-set",
    ),
    pytest.param(child("name: PM 2\nextends: p m\n"), id="extends-not-an-id"),
    pytest.param("roles:\n  pm:\n    name: PM\n    owns: [everything]\n", id="owns-not-in-set"),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    orientation: [both]\n", id="orientation-not-in-set"
    ),
]

VALID = [
    pytest.param("roles: {}\n", id="no-roles-yet"),
    pytest.param("roles:\n  pm:\n    name: Product Manager\n", id="name-only"),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    aliases: []\n    skills: []\n", id="empty-lists"
    ),
    pytest.param(
        doc(
            """
            roles:
              pm:
                name: PM
                summary: yes
                aliases: [no, 'null']
                skills: [1, 2.5, on, SQL]
            """
        ),
        id="unquoted-numbers-and-booleans-are-text",
    ),
    pytest.param(
        doc(
            f"""
            roles:
              c++.dev_1-x:
                name: C++ developer
              {LONG_ID}:
                name: Long id
              9:
                name: Nine
            """
        ),
        id="unusual-but-valid-ids",
    ),
    pytest.param(
        "roles:\n  pm:\n    name: PM\n    interactions: [nobody-defines-this]\n",
        id="unknown-stakeholder-is-only-a-warning",
    ),
    pytest.param(
        doc(
            """
            sources:
              perrin:
                title: The product manager in technology
                author: Michel Perrin
                publisher: Somewhere
              guide: {title: A Guide}
            stakeholders:
              sales:
                name: Sales
                aliases: [sales team]
                needs: [clear value messages]
                sources: [perrin]
            roles:
              pm:
                name: Product Manager
                aliases: [PdM]
                summary: Owns the product end to end.
                focus: [the customer]
                skills: [prioritisation]
                interactions: [sales]
                goals: [a product people want]
                challenges: [saying no]
                outcomes: [adoption]
                tools: [roadmaps]
                background: [engineering]
                advantages: [one owner]
                disadvantages: [a bottleneck]
                collaboration: [with engineering]
                product_cycle_impact: [every stage]
                market_adaptability: [high]
                strategic_influence: [strong]
                responsibilities: [the roadmap]
                day_to_day: [customer calls]
                career_path: [head of product]
                horizon: [short, medium, long]
                method: [agile, sequential, any]
                market: [b2c, b2b, b2g]
                sources:
                  summary: [perrin]
                  skills: [perrin, guide]
                  horizon: [guide]
                  market: []
            """
        ),
        id="every-attribute",
    ),
    pytest.param(
        doc(
            """
            sources:
              s: {title: T}
            roles:
              a: {name: Role A}
              b: {name: Role B}
            comparisons:
              a-vs-b:
                roles: [a, b]
                summary: Two sides of one coin.
                similarities: [both own outcomes]
                differences: [one faces the market]
                advantages:
                  a: [closer to customers]
                  b: [closer to engineers]
                excels:
                  b: [platform work]
                split:
                  delivery:
                    a: the what
                    b: the how
                  pricing: {}
                sources: [s]
            """
        ),
        id="full-comparison",
    ),
    pytest.param(
        doc(
            """
            sources:
              s: {title: T}
            roles:
              pm:
                name: PM
                summary: Owns the product.
                skills: [a]
              pm2:
                name: PM 2
                extends: pm
                append:
                  skills: [b]
                  horizon: [short]
                  owns: [roadmap]
                sources:
                  summary: [s]
                  skills: [s]
            """
        ),
        id="extends-appends-and-cites-what-it-inherits",
    ),
    pytest.param(
        doc(
            """
            roles:
              pm:
                name: PM
                owns: [strategy, p-and-l]
                supports: [delivery-schedule, go-to-market, quality]
                orientation: [business, technical]
            """
        ),
        id="areas-and-orientation",
    ),
]


@pytest.mark.parametrize("text", INVALID)
def test_loader_and_schema_both_reject(text: str) -> None:
    catalogue, errors = loader_verdict(text)
    assert catalogue is None
    assert errors, "the loader accepted it"
    assert schema_errors(text), "the schema accepted it"


@pytest.mark.parametrize("text", VALID)
def test_loader_and_schema_both_accept(text: str) -> None:
    catalogue, errors = loader_verdict(text)
    assert errors == []
    assert catalogue is not None
    assert schema_errors(text) == []


def test_choice_case_is_the_one_divergence() -> None:
    """The loader folds case in choice values; the schema lists the lower-case spelling only."""
    text = "roles:\n  pm:\n    name: PM\n    horizon: [Short]\n    market: [B2B]\n"
    catalogue, errors = loader_verdict(text)
    assert errors == []
    assert catalogue is not None
    assert catalogue.roles["pm"].get("horizon") == ("short",)
    assert len(schema_errors(text)) == 2
