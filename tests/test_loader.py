"""The loader: every scalar is the text written, every failure a positioned one-line problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pmroles.catalogue.loader import builtin_catalogue_path, check_text, load_builtin, load_file
from pmroles.errors import CatalogueError, Severity
from pmroles.model import normalise

from .conftest import ROOT


def load(text: str) -> tuple[object, list[str]]:
    catalogue, problems = check_text(text, "f.yaml")
    return catalogue, [str(p) for p in problems]


def errors_of(text: str) -> list[str]:
    try:
        _, problems = check_text(text, "f.yaml")
    except CatalogueError as error:
        return [str(p) for p in error.problems]
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def test_builtin_catalogue_loads_without_problems() -> None:
    catalogue, problems = check_text(builtin_catalogue_path().read_text("utf-8"), "roles.yaml")
    assert problems == []
    assert catalogue is not None
    assert {"bpm", "tpm"} <= set(catalogue.roles)


def test_builtin_path_is_the_design_cards_data_file_in_a_source_tree() -> None:
    # Tests run against an editable install (or src on the path): the top-level data/ file.
    assert builtin_catalogue_path() == ROOT / "data" / "roles.yaml"


def test_norway_problem_values_stay_the_text_written() -> None:
    text = """
roles:
  "1.10":
    name: no
    skills: [no, yes, on, off, 1.10, 010, 2024-01-01, 0x1F, .inf]
"""
    catalogue, problems = check_text(text, "f.yaml")
    assert problems == []
    assert catalogue is not None
    role = catalogue.roles["1.10"]
    assert role.name == "no"
    assert role.get("skills") == (
        "no",
        "yes",
        "on",
        "off",
        "1.10",
        "010",
        "2024-01-01",
        "0x1F",
        ".inf",
    )


def test_plain_role_id_that_yaml_would_make_a_number_stays_text() -> None:
    catalogue, _ = check_text("roles:\n  1.10:\n    name: x\n", "f.yaml")
    assert catalogue is not None
    assert list(catalogue.roles) == ["1.10"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "f.yaml:1:1: the file is empty"),
        ("# just a comment\n", "f.yaml:1:1: the file is empty"),
        ("- a\n- b\n", "f.yaml:1:1: expected a mapping, got a list"),
        (
            "roles:\n  x:\n    name: a\n    skils: [b]\n",
            "f.yaml:4:5: roles.x.skils: unknown key 'skils'; did you mean 'skills'?",
        ),
        (
            "roles:\n  x:\n    name: a\n  x:\n    name: b\n",
            "f.yaml:4:3: duplicate key 'x' (first written at line 2)",
        ),
        (
            "roles:\n  x:\n    name: a\n    skills: market analysis\n",
            "f.yaml:4:13: roles.x.skills: expected a list of text, got the text 'market analysis'",
        ),
        (
            "roles:\n  x:\n    name: a\n    skills: [a, [b]]\n",
            "f.yaml:4:17: roles.x.skills[1]: expected text, got a list",
        ),
        (
            "roles:\n  x:\n    name: ~\n",
            "f.yaml:3:11: roles.x.name: is null; quote it if you meant the text '~'",
        ),
        ("roles:\n  x:\n    skills: [a]\n", "f.yaml:3:5: roles.x: missing the required key 'name'"),
        (
            "roles:\n  x:\n    name: a\n    horizon: [shrot]\n",
            "f.yaml:4:15: roles.x.horizon[0]: 'shrot' is not one of short, medium, long; did you mean 'short'?",
        ),
        (
            "roles:\n  x: &a\n    name: a\n",
            "f.yaml:2:6: '&a' is a YAML anchor, which catalogues do not use",
        ),
        (
            "roles:\n  x: !!python/object:os.system\n    name: a\n",
            "f.yaml:2:6: the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        ("roles: {}\n---\nroles: {}\n", "f.yaml:2:1: several YAML documents in one file"),
        ("roles:\n  x:\n    name: 'open\n", "f.yaml:3:11: this quote is never closed"),
        (
            "roles:\n  x:\n    name: a\n  y:\n    name: b\n    aliases: [X]\n",
            "f.yaml:6:15: roles.y.aliases[0]: alias 'X' also names role 'x' (its id)",
        ),
        ("stakeholders:\n  s:\n    name: S\n", "f.yaml:1:1: missing the required key 'roles'"),
        ("roles:\n  bad id:\n    name: a\n", "f.yaml:2:3: roles.bad id: role id 'bad id' must be"),
        (
            "roles:\n  x:\n    name: a\n    skills: [a]\n    sources:\n      skills: [nope]\n",
            "f.yaml:6:16: roles.x.sources.skills[0]: unknown source 'nope'",
        ),
        (
            "roles:\n  x:\n    name: a\n    sources:\n      tools: []\n",
            "f.yaml:5:7: roles.x.sources.tools: cites 'tools', which this role does not have",
        ),
    ],
)
def test_bad_files_get_a_positioned_message(text: str, expected: str) -> None:
    found = errors_of(text)
    assert any(message.startswith(expected) or expected in message for message in found), found


def test_unknown_stakeholder_is_a_warning_with_a_suggestion() -> None:
    text = "stakeholders:\n  sales:\n    name: Sales\nroles:\n  x:\n    name: a\n    interactions: [sale]\n"
    catalogue, problems = load(text)
    assert catalogue is not None
    assert problems == [
        "f.yaml:7:20: warning: roles.x.interactions[0]: unknown stakeholder 'sale'; did you mean 'sales'?"
    ]


def test_invalid_utf8_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"roles:\n  x:\n    name: caf\xe9\n")
    with pytest.raises(CatalogueError) as info:
        load_file(path, "bad.yaml")
    assert str(info.value) == "bad.yaml:3:14: not valid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffroles:\n  x:\n    name: a\n".encode())
    assert list(load_file(path).roles) == ["x"]


def test_missing_file_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        load_file(tmp_path / "absent.yaml")


# -- properties ------------------------------------------------------------------------

# YAML itself folds line breaks (including NEL and the Unicode separators) inside scalars,
# so a round trip can only promise to keep text that has none.
_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00\r\n\x85\u2028\u2029"
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
_ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_either_loads_or_raises_the_projects_own_error(text: str) -> None:
    problems: tuple[object, ...] = ()
    try:
        check_text(text, "f.yaml")
    except CatalogueError as error:
        problems = error.problems
        assert problems, "a CatalogueError always says what is wrong"
    assert all(str(p) for p in problems)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        _ids,
        st.fixed_dictionaries(
            {"name": _text}, optional={"skills": st.lists(_text, max_size=5), "summary": _text}
        ),
        min_size=1,
        max_size=5,
    )
)
def test_generated_catalogues_round_trip_every_string(roles: dict[str, dict[str, object]]) -> None:
    """Whatever text is written (quoted by the dumper), the loader gives back exactly it."""
    text = yaml.safe_dump({"roles": roles}, allow_unicode=True)
    # Valid YAML from the dumper never raises: problems come back as data. Names that meet
    # after normalisation are the one thing generated here that must be refused.
    catalogue, problems = check_text(text, "f.yaml")
    per_role = [{normalise(role_id), normalise(str(f["name"]))} for role_id, f in roles.items()]
    claimed = [name for names in per_role for name in names]
    if catalogue is None:
        assert len(set(claimed)) < len(claimed) or "" in claimed, problems
        assert all("also names role" in str(p) or "is blank" in str(p) for p in problems), problems
        return
    for role_id, fields in roles.items():
        role = catalogue.roles[role_id]
        assert role.name == fields["name"]
        assert role.summary == fields.get("summary")
        skills = fields.get("skills")
        if skills is not None:
            assert set(role.get("skills")) <= set(skills)  # type: ignore[arg-type]


def test_load_builtin_matches_the_source_file() -> None:
    assert load_builtin().roles.keys() == load_file(ROOT / "data" / "roles.yaml").roles.keys()


def test_the_c_loader_is_used_where_libyaml_is_available() -> None:
    from pmroles.catalogue import yamltree

    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert yamltree._Loader is expected
