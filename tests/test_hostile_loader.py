"""Hostile catalogues that need more than a corpus row: long `extends` chains and cycles,
many misspelt references, brackets that are text, and the messages of YAML errors.

The corpus rows for the same defects are in tests/hostile/corpus.py (RESOURCES, SYNTAX and
DUPLICATES); these tests check what a row cannot: how many lines, how much work, what a
function returns.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pmroles.catalogue import yamlscan, yamltree
from pmroles.catalogue.loader import check_text
from pmroles.errors import CatalogueError, Severity
from pmroles.matching import MAX_SUGGESTIONS, Suggester, suggest

from .conftest import Invoke
from .hostile.corpus import (
    _extends_chain,
    _extends_cycle,
    _misspelt_extends,
    _misspelt_interactions,
)

PMROLES = [sys.executable, "-m", "pmroles"]
HANG_GUARD = 60
"""Seconds: only a guard against a hang; speed is measured in bench/, not here."""
TRACEBACK = "Traceback (most recent call last)"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PMROLES, *args],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        stdin=subprocess.DEVNULL,
        check=False,
        env={"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", **_kept_env()},
    )


def _kept_env() -> dict[str, str]:
    """The test's own user directories (conftest isolates them) and what finds Python."""
    keep = ("PATH", "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "PYTHONPATH", "VIRTUAL_ENV")
    return {name: os.environ[name] for name in keep if name in os.environ}


# -- F5: extends chains and cycles -------------------------------------------------------------


def test_a_2000_link_chain_written_child_first_shows_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "chain.yaml"
    path.write_bytes(_extends_chain(2000))
    shown = _run("--no-builtin", "--catalogue", str(path), "show", "r0", "--format", "json")
    assert TRACEBACK not in shown.stderr, shown.stderr[-2000:]
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert '"name": "Role 0"' in shown.stdout
    checked = _run("validate", str(path))
    assert TRACEBACK not in checked.stderr, checked.stderr[-2000:]
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]


def test_a_long_chain_resolves_in_process_with_a_small_stack() -> None:
    """No recursion proportional to the chain: 5,000 links with 250 frames to spare."""
    text = _extends_chain(5000).decode()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_stack_depth() + 250)
    try:
        catalogue, problems = check_text(text, "chain.yaml")
    finally:
        sys.setrecursionlimit(limit)
    assert problems == []
    assert catalogue is not None
    assert catalogue.roles["r0"].name == "Role 0"
    assert catalogue.roles["r4999"].name == "Role 4999"


def _stack_depth() -> int:
    depth, frame = 0, sys._getframe()
    while frame.f_back is not None:
        depth, frame = depth + 1, frame.f_back
    return depth


@pytest.mark.parametrize("command", ["list", "validate"])
def test_a_1000_role_cycle_is_one_clear_error_line(tmp_path: Path, command: str) -> None:
    path = tmp_path / "cycle.yaml"
    path.write_bytes(_extends_cycle(1000))
    if command == "list":
        ran = _run("--no-builtin", "--catalogue", str(path), "list")
        lines = ran.stderr.splitlines()
    else:
        ran = _run("validate", str(path))
        lines = ran.stdout.splitlines()
    assert TRACEBACK not in ran.stderr, ran.stderr[-2000:]
    assert ran.returncode == 1
    assert len(lines) == 1, lines[:5]
    (line,) = lines
    assert line.startswith(
        f"{'Error: ' if command == 'list' else ''}{path}:3:5: roles.r0.extends: "
    )
    assert "'extends' goes round in a circle of 1,000 roles: r0 -> r1 -> r2" in line
    assert line.endswith(" -> r999 -> r0")
    assert len(line) < 300 + len(str(path)), "a long cycle is cut short"


def test_a_chain_that_runs_into_a_cycle_is_one_error_at_the_cycle() -> None:
    text = (
        "roles:\n  a:\n    extends: b\n    name: A\n  b:\n    extends: c\n    name: B\n"
        "  c:\n    extends: d\n    name: C\n  d:\n    extends: b\n    name: D\n"
        "  e:\n    extends: a\n    name: E\n"
    )
    catalogue, problems = check_text(text, "f.yaml")
    assert catalogue is None
    assert [str(p) for p in problems] == [
        "f.yaml:6:5: roles.b.extends: 'extends' goes round in a circle: b -> c -> d -> b"
    ]


def test_a_short_cycle_is_listed_whole() -> None:
    size = 10
    _, problems = check_text(_extends_cycle(size).decode(), "f.yaml")
    (problem,) = problems
    assert problem.message.endswith(": " + " -> ".join(f"r{i}" for i in [*range(size), 0])), (
        problem.message
    )


# -- F9: "did you mean" stays near-linear ------------------------------------------------------


class _Comparisons:
    """Counts difflib comparisons; fails at once past `limit` (the quadratic code would
    otherwise take an hour to fail)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> _Comparisons:
    counter = _Comparisons(limit=200_000)
    original = difflib.SequenceMatcher.set_seq1

    def counting(self: difflib.SequenceMatcher[str], a: str) -> None:
        counter.count += 1
        if counter.count > counter.limit:
            raise AssertionError(f"more than {counter.limit:,} difflib comparisons")
        original(self, a)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counting)
    return counter


def test_10000_misspelt_extends_make_a_bounded_number_of_comparisons(
    comparisons: _Comparisons,
) -> None:
    """10,000 references against 20,000 ids: quadratic was 2 x 10^8 comparisons."""
    text = _misspelt_extends(10_000).decode()
    catalogue, problems = check_text(text, "f.yaml")
    assert catalogue is None
    assert len(problems) == 10_000, "every error is still reported"
    assert all("extends unknown role 'role-numbr-" in p.message for p in problems)
    suggested = [p for p in problems if "did you mean" in p.message]
    assert 0 < len(suggested) <= MAX_SUGGESTIONS
    assert problems[0].message.startswith(
        "extends unknown role 'role-numbr-0'; did you mean 'role-number-0'"
    )
    assert comparisons.count <= 200_000


def test_2000_misspelt_interactions_make_a_bounded_number_of_comparisons(
    comparisons: _Comparisons,
) -> None:
    comparisons.limit = 100_000
    catalogue, problems = check_text(_misspelt_interactions(2000).decode(), "f.yaml")
    assert catalogue is not None, "unknown stakeholders are warnings"
    assert len(problems) == 2000
    assert all(p.severity is Severity.WARNING for p in problems)
    assert problems[0].message.startswith(
        "unknown stakeholder 's-numbr-0'; did you mean 's-number-0'"
    )
    assert sum("did you mean" in p.message for p in problems) <= MAX_SUGGESTIONS


def test_many_unknown_keys_make_a_bounded_number_of_comparisons(
    comparisons: _Comparisons,
) -> None:
    roles = "".join(f"  r{i}:\n    name: R {i}\n    skils: [a]\n" for i in range(10_000))
    _, problems = check_text(f"roles:\n{roles}", "f.yaml")
    assert len(problems) == 10_000
    assert problems[0].message == "unknown key 'skils'; did you mean 'skills'?"
    assert comparisons.count <= 100 * MAX_SUGGESTIONS


def test_10000_misspelt_references_are_all_reported_by_the_program(tmp_path: Path) -> None:
    """A hang guard only (bench/misspelt.py measures the time)."""
    path = tmp_path / "quad.yaml"
    path.write_bytes(_misspelt_extends(10_000))
    ran = _run("--no-builtin", "--catalogue", str(path), "list")
    assert TRACEBACK not in ran.stderr
    assert ran.returncode == 1
    lines = ran.stderr.splitlines()
    assert len(lines) == 10_000
    assert "extends unknown role 'role-numbr-0'; did you mean 'role-number-0'" in lines[0]
    assert lines[-1].endswith("extends unknown role 'role-numbr-9999'")


def test_the_index_finds_the_near_miss_among_20000_ids() -> None:
    ids = [f"role-number-{i}" for i in range(10_000)] + [f"child-{i}" for i in range(10_000)]
    find = Suggester(ids)
    assert find("role-numbr-1234")[0] == "role-number-1234"
    assert find("chidl-4321")[0] == "child-4321"
    assert find("Role Number 77")[0] == "role-number-77"
    assert find("zzzzzzzzzzzzzz") == ()


_WORDS = st.text(st.sampled_from("abcdeklmnoprst-_ "), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_WORDS, min_size=1, max_size=40), _WORDS)
def test_a_small_candidate_set_gets_exactly_the_old_suggestions(
    candidates: list[str], word: str
) -> None:
    """Below the index's threshold the answer is difflib's, as before."""
    assert Suggester(candidates)(word) == suggest(word, candidates)


# -- F12: brackets that are text are not nesting -----------------------------------------------

_LIMIT = 3
"""A small limit, so generated text can go past it."""


def _libyaml_flow_depth(text: str) -> int | None:
    """The deepest flow nesting libyaml reads in `text`; None when it is not valid YAML."""
    depth = deepest = 0
    flows: list[bool] = []
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                flows.append(bool(event.flow_style))
                depth += flows[-1]
                deepest = max(deepest, depth)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= flows.pop()
    except yaml.YAMLError:
        return None
    return deepest


_PIECES = [
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    '"',
    "'",
    "''",
    '\\"',
    "\\",
    "#",
    " #",
    "\n",
    "\n  ",
    "\n    ",
    "  ",
    " ",
    "a",
    "b c",
    "k: ",
    "- ",
    ": ",
    ":",
    "? ",
    "|\n",
    ">-\n",
    "!!str ",
    "&a ",
    "*a",
    "---\n",
    "% ",
    "\r\n",
    "|2\n",
    ">+\n",
    "\t",
    "   - ",
    "key:\n",
    "...\n",
    "\u2028",
    "!<x[>",
]


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_bracket_scan_never_counts_deeper_than_libyaml(text: str) -> None:
    """Whatever the text, a refusal means libyaml too reads more than the limit of nested
    flow collections (or cannot read the text at all)."""
    found = yamlscan.flow_depth_excess(text, _LIMIT)
    if found is None:
        return
    depth = _libyaml_flow_depth(text)
    assert depth is None or depth > _LIMIT, (found, depth)


_BRACKETY = st.text(st.sampled_from("[]{}#'\" :-,?|>!&*%\\\n\tab"), max_size=12)
_DOCUMENTS = st.recursive(
    _BRACKETY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_BRACKETY, inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    _DOCUMENTS,
    st.sampled_from([None, True, False]),
    st.sampled_from([None, '"', "'", "|", ">"]),
    st.sampled_from([5, 20, 80]),
)
def test_the_bracket_scan_reads_dumped_yaml_as_libyaml_does(
    document: object, flow: bool | None, style: str | None, width: int
) -> None:
    """Valid YAML in every style (quoted, folded, block, flow; lines wrapped): the scan finds
    exactly libyaml's flow nesting, whatever brackets the text holds."""
    text = yaml.safe_dump(document, default_flow_style=flow, default_style=style, width=width)
    depth = _libyaml_flow_depth(text)
    assert depth is not None
    assert yamlscan.flow_depth_excess(text, depth) is None
    if depth:
        assert yamlscan.flow_depth_excess(text, depth - 1) is not None


@pytest.mark.parametrize(
    "text",
    [
        'summary: "' + "[" * 150 + '"\n',
        "summary: '" + "{" * 150 + "'\n",
        "# " + "{" * 150 + "\n",
        "summary: see " + "[" * 150 + "\n",
        "summary: |\n  " + "[" * 150 + "\n",
        'tools: ["a \\" ' + "[" * 150 + '"]\n',
    ],
)
def test_brackets_that_are_text_are_not_counted(text: str) -> None:
    assert yamlscan.flow_depth_excess(text, 100) is None


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("x: " + "[" * 150, 3 + 100),
        ("x: " + "{a: " * 150, 3 + 4 * 100),
        ('summary: "' + "[" * 150 + '"\nx: ' + "[" * 150, 165 + 100),
        ("x: [" + "a[" * 150, 3 + 2 * 100),
        ("x:\n- " + "[\n  " * 150, 5 + 4 * 100),
    ],
)
def test_real_flow_nesting_is_found_at_the_bracket_past_the_limit(
    text: str, offset: int | None
) -> None:
    assert yamlscan.flow_depth_excess(text, 100) == offset


def test_libyamls_own_nesting_limit_is_reported_as_nesting() -> None:
    text = "roles: " + "[" * 1100
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        list(yaml.parse(text, Loader=yaml.CSafeLoader))
    problem = yamltree._syntax_problem(raised.value, text, "f.yaml")
    assert problem.message == "nested more than 100 levels deep; not a catalogue"


# -- F13 and unclosed quotes: where the problem starts -----------------------------------------


@pytest.mark.parametrize(
    ("value", "column", "message"),
    [
        ('"a\\qb"', 13, r'"\q" is not a valid escape'),
        ('"\\x4"', 12, r'"\x4" is not a valid escape: \x needs 2 hex digits'),
        ('"\\x4g"', 12, r'"\x4" is not a valid escape: \x needs 2 hex digits'),
        ('"\\u12"', 12, r'"\u12" is not a valid escape: \u needs 4 hex digits'),
        ('"\\ud800"', 12, r'"\ud800" is not a valid escape: U+D800 is a surrogate'),
        ('"\\U00110000"', 12, r'"\U00110000" is not a valid escape: U+110000 is beyond'),
        ('"C:\\Users"', 14, r'"\U" is not a valid escape: \U needs 8 hex digits'),
        ('"ok \\\\ \\" \\\n  then \\y"', 8, r'"\y" is not a valid escape'),
    ],
)
def test_a_bad_escape_is_named_at_its_backslash(value: str, column: int, message: str) -> None:
    text = f"roles:\n  x:\n    name: {value}\n"
    with pytest.raises(CatalogueError) as raised:
        check_text(text, "f.yaml")
    (problem,) = raised.value.problems
    assert problem.message.startswith(message), problem.message
    assert "never closed" not in problem.message
    assert problem.message.endswith(
        "in double quotes a backslash starts an escape: write a backslash as \\\\, "
        "or put the value in single quotes"
    ), problem.message
    line = 4 if "then" in value else 3
    assert (problem.location.line, problem.location.column) == (line, column)  # type: ignore[union-attr]


def test_a_bad_escape_is_shown_inertly(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text('roles:\n  x:\n    name: "a\\\u202e"\n', encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert "\u202e" not in result.stdout
    assert "3:13: a backslash followed by U+202E is not a valid escape" in result.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'roles:\n  x:\n    name: "X\n    summary: s\n',
            "f.yaml:3:11: this quote is never closed: the text runs on to the end of the file "
            "(line 5); close it (inside single quotes write an apostrophe as '')",
        ),
        (
            'roles:\n  x:\n    name: "X\n    summary: "s"\n',
            "f.yaml:3:11: this quote is not closed on line 3: the text runs on to the quote at "
            "line 4, column 14, and the file cannot be read after it; close it on line 3 "
            "(inside single quotes write an apostrophe as '')",
        ),
        (
            'roles:\n  x:\n    name: "X\n---\n',
            "f.yaml:3:11: this quote is never closed: the text runs on to the '---' on line 4; "
            "close it (inside single quotes write an apostrophe as '')",
        ),
        (
            "roles:\n  x:\n    name: X\n    summary this has no colon\n  y:\n    name: Y\n",
            "f.yaml:4:5: this line has no ':' after its key; write 'key: value', or if the line "
            "continues the text above, indent it further",
        ),
    ],
)
def test_a_yaml_error_names_where_the_problem_starts(text: str, expected: str) -> None:
    with pytest.raises(CatalogueError) as raised:
        check_text(text, "f.yaml")
    assert [str(p) for p in raised.value.problems] == [expected]


def test_a_multi_line_quote_that_is_valid_stays_valid() -> None:
    catalogue, problems = check_text(
        'roles:\n  x:\n    name: "X\n      Y"\n    summary: s\n', "f.yaml"
    )
    assert problems == []
    assert catalogue is not None
    assert catalogue.roles["x"].name == "X Y"


# -- hidden corpus (b): alias collisions point at the alias item --------------------------------


def test_an_alias_of_a_fresh_role_that_names_a_built_in_role_points_at_the_item(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "ours.yaml"
    path.write_text(
        "roles:\n  x:\n    name: X\n    aliases:\n      - chief\n      - technical pm\n",
        encoding="utf-8",
    )
    result = invoke("--catalogue", str(path), "list")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}:6:9: roles.x.aliases[1]: alias 'technical pm' also names role 'tpm' "
        "(its alias); ids, names and aliases must each name one role\n"
    )
