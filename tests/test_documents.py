"""Every machine-readable document: one module builds them, each has a TypedDict that names
its keys in order, and all carry the one DOCUMENT_VERSION."""

from __future__ import annotations

import json
import re
import types
import typing
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from pmroles.answers.fit import CATEGORY_ASPECT
from pmroles.answers.matrix import MatrixKind
from pmroles.answers.query import FILTER_ORDER, Criteria
from pmroles.model import ASPECTS
from pmroles.render import documents
from pmroles.render.documents import DOCUMENT_VERSION

from .conftest import ROOT, Invoke

SRC = ROOT / "src" / "pmroles"

DOCUMENTS: dict[str, tuple[tuple[str, ...], Any]] = {
    "show": (("show", "tpm"), documents.ShowDocument),
    "compare": (("compare", "po", "pm", "project manager"), documents.CompareDocument),
    "list": (("list", "--stakeholder", "sales", "--skill", "pricing"), documents.ListDocument),
    "search": (("search", "market analysis"), documents.SearchDocument),
    "similar": (("similar", "tpm"), documents.SimilarDocument),
    "match": (
        ("match", "--skill", "market analysis", "--stakeholder", "sales", "--market", "b2b"),
        documents.MatchDocument,
    ),
    "matrix": (("matrix",), documents.MatrixDocument),
    "matrix-responsibility": (("matrix", "--by", "responsibility"), documents.MatrixDocument),
    "map": (("map",), documents.MapDocument),
    "stakeholders": (("stakeholders",), documents.StakeholdersDocument),
    "stakeholder": (("stakeholders", "sales"), documents.OneStakeholderDocument),
    "validate": (("validate",), documents.ValidateDocument),
    "which": (("which", "tpm"), documents.WhichDocument),
    "sources": (("sources",), documents.SourcesDocument),
    "values": (("values",), documents.ValuesDocument),
    "values-skills": (("values", "skills"), documents.ValuesDocument),
    "compare-two": (("compare", "pm", "po"), documents.CompareDocument),
    "list-concepts": (("list", "--skill", "coding"), documents.ListDocument),
    "search-concepts": (("search", "coding"), documents.SearchDocument),
    "brief": (("brief", "po"), documents.BriefDocument),
    "brief-pm": (("brief", "pm"), documents.BriefDocument),
}
"""Every command with a JSON form, and the TypedDict of what it prints."""


def _conforms(value: Any, shape: Any, where: str) -> None:
    """`value` has exactly the keys, in order, and the kinds of values `shape` says."""
    if is_typeddict(shape):
        hints = get_type_hints(shape)
        assert isinstance(value, dict), where
        assert list(value) == list(hints), where
        for key, hint in hints.items():
            _conforms(value[key], hint, f"{where}.{key}")
        return
    origin, args = get_origin(shape), get_args(shape)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            assert type(None) in args, where
            return
        options = [a for a in args if a is not type(None)]
        errors = []
        for option in options:
            try:
                _conforms(value, option, where)
            except AssertionError as error:
                errors.append(error)
            else:
                return
        raise AssertionError(f"{where}: {value!r} fits none of {options}: {errors}")
    if origin is typing.Literal:
        assert value in args, where
    elif origin is list:
        assert isinstance(value, list), where
        for index, item in enumerate(value):
            _conforms(item, args[0], f"{where}[{index}]")
    elif origin is dict:
        assert isinstance(value, dict), where
        for key, item in value.items():
            assert isinstance(key, str), where
            _conforms(item, args[1], f"{where}.{key}")
    elif shape is float:
        assert isinstance(value, int | float), where
        assert not isinstance(value, bool), where
    else:
        assert isinstance(value, shape), f"{where}: {value!r} is not {shape}"


@pytest.mark.parametrize(("args", "shape"), list(DOCUMENTS.values()), ids=list(DOCUMENTS))
def test_every_document_has_its_typed_shape_and_the_one_version(
    invoke: Invoke, args: tuple[str, ...], shape: Any
) -> None:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == DOCUMENT_VERSION
    _conforms(document, shape, args[0])


def test_every_command_with_a_document_is_checked() -> None:
    from pmroles import surface

    printed = {args[0] for args, _ in DOCUMENTS.values()}
    with_format = {
        name for name, (_, _, options) in surface.COMMANDS.items() if "--format" in options
    }
    assert printed == with_format


def test_the_role_document_names_every_aspect_in_order() -> None:
    keys = list(get_type_hints(documents.RoleDocument))
    assert keys == [
        "id",
        "name",
        "aliases",
        *(a.key for a in ASPECTS),
        "sources",
        "cites",
        "disputes",
        "concepts",
    ]


def test_every_version_key_is_document_version() -> None:
    """No other module under src/ writes a `"version":` key or defines a *VERSION constant
    (`__version__` is the package's, `catalogue.paths.CACHE_FORMAT` the cache's own)."""
    version_key = re.compile(r"""["']version["']\s*:\s*(\S+?)[,}\n]""")
    constant = re.compile(r"^\s*(\w*VERSION\w*)\s*(?::[^=]+)?=", re.MULTILINE)
    keys: list[tuple[str, str]] = []
    constants: list[tuple[str, str]] = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(SRC))
        keys += [(name, value) for value in version_key.findall(text)]
        constants += [(name, found) for found in constant.findall(text)]
    assert constants == [("render/documents.py", "DOCUMENT_VERSION")]
    assert keys
    assert {name for name, _ in keys} == {"render/documents.py"}
    assert {value for _, value in keys} == {"DOCUMENT_VERSION"}


def test_documents_are_built_only_in_render_documents() -> None:
    """The core modules return plain data; the CLI and the cache never build a public shape."""
    builder = re.compile(r"def \w+_(document|tabular)\(")
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "documents.py":
            continue
        assert not builder.search(path.read_text(encoding="utf-8")), path


def test_the_cache_keeps_its_own_format() -> None:
    text = (SRC / "catalogue" / "cache.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) [\w.]*documents?\b", text, re.MULTILINE)
    assert not re.search(r"^\s*from pmroles\.render import", text, re.MULTILINE)


def test_criteria_fields_are_the_answer_categories_in_order() -> None:
    assert Criteria._fields == tuple(CATEGORY_ASPECT)
    assert sorted(FILTER_ORDER) == sorted(Criteria._fields)


def test_criteria_given_keeps_list_option_order() -> None:
    criteria = Criteria(skill=["a"], market=["b2b"], stakeholder=["sales"])
    assert list(criteria.given()) == ["stakeholder", "skill", "market"]
    assert list(criteria.items()) == [("skill", "a"), ("stakeholder", "sales"), ("market", "b2b")]
    assert Criteria(skill=["  "]).is_empty()


def test_matrix_kind_is_the_by_option_choices() -> None:
    from pmroles import commands, surface

    by = surface.COMMANDS["matrix"][2]["--by"]
    assert by[3] == MatrixKind.STAKEHOLDER
    # --by is checked (in any case, singular or plural) by commands.matrix_kind.
    assert by[5] == "matrix_kind"
    assert [commands.matrix_kind(kind.value) for kind in MatrixKind] == list(MatrixKind)


def test_matrix_document_writes_by_as_plain_text(invoke: Invoke) -> None:
    result = invoke("matrix", "--by", "responsibility", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    assert "by: responsibility\n" in result.stdout
