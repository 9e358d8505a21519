"""Hostile input: what a careless editor, a wrong file, a terminal or an attacker can hand pmroles.

Every case says what a careful user needs: the exit status, a message with `file:line:col:`
and a hint, never a traceback, and nothing that a terminal would act on (escape sequences,
markup) reaching stdout or stderr raw. The catalogue corpus is data: tests/hostile/corpus.py.

Cases that could crash the interpreter (libyaml on deep nesting), hang (FIFOs, /dev/zero) or
need a real process (pipes, signals, /dev/full) run pmroles in a subprocess with a timeout.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmroles.catalogue.loader import ID_PATTERN, MAX_FILE_BYTES, check_text
from pmroles.errors import CatalogueError

from .conftest import Invoke
from .hostile.corpus import (
    BYTES,
    CODE,
    DUPLICATES,
    HOSTILE_CATALOGUE,
    MARKER,
    NORWAY_TOKENS,
    RESOURCES,
    STRUCTURE,
    SYNTAX,
    TYPES,
    Case,
)

PMROLES = [sys.executable, "-m", "pmroles"]
"""The real program, entered the way the console script enters it (pmroles.entry)."""

RESOURCE_TIMEOUT = 20
"""Seconds: generous for anything a catalogue should take, short enough to catch a hang."""

C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""C0 controls (ESC, BEL, BS, ...) but not the tab and line ends that plain text holds."""
OTHER_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
"""DEL, C1 controls (U+009B is CSI, like ESC [) and the bidi and zero-width marks."""
TRACEBACK = "Traceback (most recent call last)"


# -- helpers -----------------------------------------------------------------------------------


def _shown(text: str, limit: int = 1500) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _describe(code: int | None, out: str, err: str, why: str = "") -> str:
    lines = [f"exit {code}", f"stderr: {_shown(err)}", f"stdout: {_shown(out, 600)}"]
    if why:
        lines.insert(0, f"needed: {why}")
    return "\n".join(lines)


def _assert_clean_result(result: Result, why: str = "") -> None:
    """No traceback: the CLI ended through its own error handling."""
    context = _describe(result.exit_code, result.stdout, result.stderr, why)
    exception = result.exception
    assert exception is None or isinstance(exception, SystemExit), (
        f"{type(exception).__name__}: {exception}\n{context}"
    )
    assert TRACEBACK not in result.stderr, context


def _assert_inert(out: str, err: str, context: str = "") -> None:
    """Nothing a terminal would act on reaches it raw, on either stream."""
    for name, text in (("stdout", out), ("stderr", err)):
        c0 = sorted(set(C0_CONTROLS.findall(text)))
        other = sorted(set(OTHER_UNSAFE.findall(text)))
        found = [*c0, *other]
        assert not found, f"raw control characters {found!r} in {name}\n{context}"


def _env(**extra: str | None) -> dict[str, str]:
    """A plain, isolated environment for a subprocess (the autouse fixture's XDG dirs)."""
    env = dict(os.environ)
    env.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100"})
    for name in ("FORCE_COLOR", "PMROLES_CATALOGUE", "PYTHONIOENCODING"):
        env.pop(name, None)
    for name, value in extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


@dataclass
class Ran:
    code: int | None
    """None when the process did not finish in time (it was killed)."""
    out: str
    err: str
    seconds: float


def _run(
    args: Sequence[str | bytes],
    *,
    timeout: float = RESOURCE_TIMEOUT,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Ran:
    start = time.monotonic()
    try:
        done = subprocess.run(
            [*PMROLES, *args],
            capture_output=True,
            env=env or _env(),
            cwd=cwd,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"").decode("utf-8", "backslashreplace")
        err = (expired.stderr or b"").decode("utf-8", "backslashreplace")
        return Ran(None, out, err, time.monotonic() - start)
    return Ran(
        done.returncode,
        done.stdout.decode("utf-8", "backslashreplace"),
        done.stderr.decode("utf-8", "backslashreplace"),
        time.monotonic() - start,
    )


def _assert_finished(ran: Ran, what: str, timeout: float = RESOURCE_TIMEOUT) -> None:
    assert ran.code is not None, f"{what}: did not finish within {timeout} s (killed)"
    assert ran.code >= 0, (
        f"{what}: killed by signal {-ran.code} ({signal.Signals(-ran.code).name})\n"
        + _describe(ran.code, ran.out, ran.err)
    )


def _check_case(case: Case, path: str, code: int | None, out: str, err: str) -> None:
    """The corpus contract: see tests/hostile/corpus.py."""
    context = _describe(code, out, err, case.why)
    assert TRACEBACK not in err, context
    assert code == case.exit, context
    assert not re.search(r"\bposition \d+", err), (
        f"a character offset instead of line:col\n{context}"
    )
    _assert_inert(out, err, context)
    lines = [line for line in err.splitlines() if line.strip()]
    if case.exit == 1 and case.positioned:
        assert lines, context
        prefix = re.compile(r"^(Error: )?" + re.escape(path) + r":\d+:\d+: ")
        unpositioned = [line for line in lines if not prefix.match(line)]
        assert not unpositioned, f"lines without {path}:LINE:COL:\n{context}"
        if case.where:
            at = re.compile(r"^(Error: )?" + re.escape(f"{path}:{case.where}: "))
            assert any(at.match(line) for line in lines), f"expected at {case.where}\n{context}"
    if case.err:
        assert re.search(case.err, err, re.IGNORECASE | re.DOTALL), (
            f"stderr should match {case.err!r}\n{context}"
        )
    if case.out:
        assert re.search(case.out, out), f"stdout should match {case.out!r}\n{context}"


def _run_case_in_process(invoke: Invoke, tmp_path: Path, case: Case, data: bytes) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_bytes(data)
    result = invoke("--no-builtin", "--catalogue", str(path), *case.args)
    _assert_clean_result(result, case.why)
    _check_case(case, str(path), result.exit_code, result.stdout, result.stderr)


def _ids(cases: Sequence[Case]) -> list[str]:
    return [case.id for case in cases]


# -- structure -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", STRUCTURE, ids=_ids(STRUCTURE))
def test_structure(invoke: Invoke, tmp_path: Path, case: Case) -> None:
    _run_case_in_process(invoke, tmp_path, case, case.data)


def test_several_problems_are_printed_in_file_order(invoke: Invoke, tmp_path: Path) -> None:
    """Every problem in one run, in the order of the file, as `validate` prints them."""
    path = tmp_path / "several.yaml"
    path.write_text(
        "roles:\n  x:\n    name: X\n    skils: [a]\n  y:\n    name: Y\n    tols: [b]\n"
        "  z:\n    name: Z\n    focuss: [c]\n",
        encoding="utf-8",
    )
    result = invoke("--no-builtin", "--catalogue", str(path), "list")
    _assert_clean_result(result)
    assert result.exit_code == 1, result.stderr
    positions = [
        tuple(int(n) for n in match.groups())
        for match in re.finditer(r"^Error: .*?:(\d+):(\d+): ", result.stderr, re.MULTILINE)
    ]
    assert positions == [(4, 5), (7, 5), (10, 5)], result.stderr


# -- bytes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BYTES, ids=_ids(BYTES))
def test_bytes(invoke: Invoke, tmp_path: Path, case: Case) -> None:
    _run_case_in_process(invoke, tmp_path, case, case.data)


# -- syntax ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", SYNTAX, ids=_ids(SYNTAX))
def test_syntax(invoke: Invoke, tmp_path: Path, case: Case) -> None:
    _run_case_in_process(invoke, tmp_path, case, case.data)


# -- duplicates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", DUPLICATES, ids=_ids(DUPLICATES))
def test_duplicates(invoke: Invoke, tmp_path: Path, case: Case) -> None:
    _run_case_in_process(invoke, tmp_path, case, case.data)


# -- types -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", TYPES, ids=_ids(TYPES))
def test_types(invoke: Invoke, tmp_path: Path, case: Case) -> None:
    _run_case_in_process(invoke, tmp_path, case, case.data)


@pytest.mark.parametrize("token", NORWAY_TOKENS)
def test_norway_tokens_stay_the_text_written(invoke: Invoke, tmp_path: Path, token: str) -> None:
    """As an id (where the id pattern allows it), name, summary, alias and list item."""
    ident = token if ID_PATTERN.fullmatch(token) else "r"
    path = tmp_path / "norway.yaml"
    path.write_text(
        f"roles:\n  {ident}:\n    name: {token}\n    summary: {token}\n"
        f"    aliases:\n      - {token}\n    skills:\n      - {token}\n      - other\n",
        encoding="utf-8",
    )
    result = invoke("--no-builtin", "--catalogue", str(path), "show", ident, "--format", "json")
    _assert_clean_result(result)
    assert result.exit_code == 0, result.stderr
    role = json.loads(result.stdout)["role"]
    assert (role["id"], role["name"], role["summary"]) == (ident, token, token)
    assert role["aliases"] == [token]
    assert role["skills"] == [token, "other"]


# -- resources (subprocesses, run concurrently: some take seconds) ----------------------------------


@pytest.fixture(scope="module")
def resource_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Ran]]:
    """Every RESOURCES case run once as a real process, in parallel, each with a timeout."""
    home = tmp_path_factory.mktemp("resources")
    env = _env(XDG_CACHE_HOME=str(home / "cache"), XDG_CONFIG_HOME=str(home / "config"))

    def run(case: Case) -> tuple[str, tuple[str, Ran]]:
        path = home / f"{case.id}.yaml"
        path.write_bytes(case.data)
        args = ["--no-builtin", "--catalogue", str(path), *case.args]
        return case.id, (str(path), _run(args, env=env, timeout=case.timeout))

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(run, RESOURCES))


@pytest.mark.parametrize("case", RESOURCES, ids=_ids(RESOURCES))
def test_resources(resource_runs: dict[str, tuple[str, Ran]], case: Case) -> None:
    path, ran = resource_runs[case.id]
    _assert_finished(ran, case.id, case.timeout)
    _check_case(case, path, ran.code, ran.out, ran.err)


PROMPT_SECONDS = 5
"""A 100 kB file is refused in well under a second once nesting depth is capped while the
events stream in (yamltree._build); libyaml alone rescans every open level per token."""


@pytest.mark.parametrize("name", ["flow-nesting-100000-unclosed", "flow-nesting-100000-closed"])
def test_deep_flow_nesting_is_refused_promptly(
    resource_runs: dict[str, tuple[str, Ran]], name: str
) -> None:
    _, ran = resource_runs[name]
    _assert_finished(ran, name, 60)
    assert ran.seconds < PROMPT_SECONDS, (
        f"{name}: {ran.seconds:.1f} s to refuse a {100_000:,}-deep flow collection"
    )


def test_file_just_over_the_size_cap_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, no time
    result = invoke("--no-builtin", "--catalogue", str(path), "list")
    _assert_clean_result(result)
    assert result.exit_code == 1, result.stderr
    assert result.stderr == f"Error: {path}:1:1: larger than 64 MiB; not a catalogue\n"


def test_a_list_of_100000_items_works(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "long-list.yaml"
    items = "".join(f"      - skill {i}\n" for i in range(100_000))
    path.write_text(f"roles:\n  x:\n    name: X\n    skills:\n{items}", encoding="utf-8")
    shown = invoke("--no-builtin", "--catalogue", str(path), "show", "x", "--format", "json")
    _assert_clean_result(shown)
    assert shown.exit_code == 0, shown.stderr
    assert len(json.loads(shown.stdout)["role"]["skills"]) == 100_000
    listed = invoke("--no-builtin", "--catalogue", str(path), "list")
    _assert_clean_result(listed)
    assert listed.exit_code == 0, listed.stderr


# -- code ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CODE, ids=_ids(CODE))
@pytest.mark.parametrize("command", ["list", "validate"])
def test_code_is_never_run(invoke: Invoke, tmp_path: Path, case: Case, command: str) -> None:
    marker = tmp_path / "pwned"
    data = case.data.replace(MARKER, str(marker).encode())
    path = tmp_path / "catalogue.yaml"
    path.write_bytes(data)
    if command == "list":
        result = invoke("--no-builtin", "--catalogue", str(path), *case.args)
    else:
        result = invoke("validate", str(path))
    _assert_clean_result(result, case.why)
    assert not marker.exists(), "the payload ran"
    if command == "list":
        _check_case(case, str(path), result.exit_code, result.stdout, result.stderr)
    else:
        assert result.exit_code == case.exit, result.output
        if case.where:
            assert result.stdout.startswith(f"{path}:{case.where}: "), result.stdout


# -- terminal ----------------------------------------------------------------------------------------

# What each command must show, literally: markup as typed, escapes as visible text.
TABLE_COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "list": (("list",), ("[bold]Bold[/]", r"Ctl\x07\x1b[2J\u202eName")),
    "show-mk": (
        ("show", "mk"),
        (
            "[bold]Bold[/] [link=http://e.x]y[/link] :rocket: [/]",
            r"\x1b[31mred",
            r"\x9b2J",
            r"\u202eevil",
            "[red]s[/red]",
            r"bel\x07",
            r"al\x1b[1mias",
        ),
    ),
    "show-ctl": (
        ("show", "ctl"),
        (r"Ctl\x07\x1b[2J\u202eName", r"\x08back", r"\x7fdel", r"\x85nel", r"\u200bzw", "[/]"),
    ),
    "show-sources": (("show", "mk", "--sources"), ("[bold]Bold[/]",)),
    "compare": (("compare", "mk", "ctl"), ("[red]s[/red]",)),
    "search": (("search", "evil"), (r"\u202eevil",)),
    "similar": (("similar", "mk"), ()),
    "stakeholders": (("stakeholders",), ("[red]Sales[/red]",)),
    "stakeholder": (
        ("stakeholders", "st1"),
        ("[link=http://e.x]a[/link]", r"\x1b]8;;http://e.x\x07osc"),
    ),
    "list-by-stakeholder": (("list", "--stakeholder", "st1"), ("[bold]Bold[/]",)),
    "which": (("which", "mk"), ()),
    "sources": (("sources",), ("[bold]Bold[/]", r"Ctl\x07\x1b[2J\u202eName")),
}


@pytest.fixture
def hostile_catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_CATALOGUE, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(TABLE_COMMANDS))
def test_catalogue_text_prints_inert_in_tables(
    invoke: Invoke, hostile_catalogue: Path, name: str
) -> None:
    args, expected = TABLE_COMMANDS[name]
    result = invoke("--no-builtin", "--catalogue", str(hostile_catalogue), *args)
    _assert_clean_result(result)
    context = _describe(result.exit_code, result.stdout, result.stderr)
    assert result.exit_code == 0, context
    _assert_inert(result.stdout, result.stderr, context)
    assert "\N{ROCKET}" not in result.stdout, "':rocket:' became an emoji"
    squashed = re.sub(r"[\s│]+", " ", result.stdout)
    for fragment in expected:
        assert fragment in result.stdout or fragment in squashed, f"{fragment!r}\n{context}"


def test_validate_of_a_hostile_catalogue_is_inert(invoke: Invoke, hostile_catalogue: Path) -> None:
    result = invoke(
        "--no-builtin", "--catalogue", str(hostile_catalogue), "validate", str(hostile_catalogue)
    )
    _assert_clean_result(result)
    assert result.exit_code == 0, result.output
    _assert_inert(result.stdout, result.stderr)


MACHINE_FORMATS = ["json", "yaml", "csv", "markdown"]
MACHINE_COMMANDS = {"show": ("show", "mk"), "list": ("list",)}


def _parse(fmt: str, text: str) -> object:
    if fmt == "json":
        return json.loads(text)
    if fmt == "yaml":
        return yaml.safe_load(text)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    if text.startswith("# "):  # show and compare: a document, whose text makes no markup
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        assert [t.tag for t in tokens if t.type == "heading_open"][:1] == ["h1"], text
        assert sum(t.tag == "h1" for t in tokens if t.type == "heading_open") == 1, text
        assert not any(t.type in ("html_block", "html_inline", "image") for t in tokens), text
        assert not any(
            c.type in ("link_open", "html_inline", "image", "code_inline")
            for t in tokens
            for c in t.children or ()
        ), text
        return tokens
    lines = text.splitlines()
    assert all(line.startswith("|") and line.endswith("|") for line in lines), text
    return lines


@pytest.mark.parametrize("command", list(MACHINE_COMMANDS))
@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_carry_no_raw_c0_controls(
    invoke: Invoke, hostile_catalogue: Path, fmt: str, command: str
) -> None:
    """ESC, BEL and BS reach the terminal when CSV or Markdown is printed to it."""
    args = MACHINE_COMMANDS[command]
    result = invoke("--no-builtin", "--catalogue", str(hostile_catalogue), *args, "--format", fmt)
    _assert_clean_result(result)
    assert result.exit_code == 0, result.output
    out = result.stdout_bytes.decode("utf-8")
    _parse(fmt, out)
    found = sorted(set(C0_CONTROLS.findall(out)))
    assert not found, f"raw {found!r} in --format {fmt} output: {_shown(out, 800)}"


@pytest.mark.parametrize("command", list(MACHINE_COMMANDS))
@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_carry_no_raw_c1_del_or_bidi(
    invoke: Invoke, hostile_catalogue: Path, fmt: str, command: str
) -> None:
    """U+009B is a one-character CSI; U+202E reorders what the terminal shows.
    JSON and YAML can keep every string exactly and still escape these."""
    args = MACHINE_COMMANDS[command]
    result = invoke("--no-builtin", "--catalogue", str(hostile_catalogue), *args, "--format", fmt)
    _assert_clean_result(result)
    assert result.exit_code == 0, result.output
    out = result.stdout_bytes.decode("utf-8")
    found = sorted(set(OTHER_UNSAFE.findall(out)))
    assert not found, f"raw {found!r} in --format {fmt} output: {_shown(out, 800)}"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_machine_formats_keep_hostile_strings_exactly(
    invoke: Invoke, hostile_catalogue: Path, fmt: str
) -> None:
    result = invoke(
        "--no-builtin", "--catalogue", str(hostile_catalogue), "show", "ctl", "--format", fmt
    )
    _assert_clean_result(result)
    assert result.exit_code == 0, result.output
    role = _parse(fmt, result.stdout_bytes.decode("utf-8"))["role"]  # type: ignore[index]
    assert role["name"] == "Ctl\a\x1b[2J\u202eName"
    assert role["skills"] == ["[/]", "[bold]", ":rocket:"]


# Errors and warnings that quote catalogue text: ids, keys, values, suggestions.
HOSTILE_ERRORS: dict[str, tuple[str, int, str]] = {
    "id-with-escape": ('roles:\n  "x\\e[31m":\n    name: X\n', 1, r"role id 'x\x1b[31m' must be"),
    "id-with-markup": ('roles:\n  "[bold]x[/]":\n    name: X\n', 1, "role id '[bold]x[/]' must be"),
    "id-with-bidi": ('roles:\n  "\\u202ex":\n    name: X\n', 1, r"role id '\u202ex' must be"),
    "id-with-bel-and-c1": ('roles:\n  "a\\a\\x9b":\n    name: X\n', 1, r"'a\x07\x9b'"),
    "id-with-newline": ('roles:\n  "a\\nb":\n    name: X\n', 1, r"'a\nb' must be"),
    "key-with-escape": (
        'roles:\n  x:\n    name: X\n    "sk\\eills": [a]\n',
        1,
        r"unknown key 'sk\x1bills'; did you mean 'skills'",
    ),
    "stakeholder-warning-with-escape": (
        'roles:\n  x:\n    name: X\n    interactions: ["sal\\e[31mes"]\n',
        0,
        r"unknown stakeholder 'sal\x1b[31mes'",
    ),
    "choice-with-escape": (
        'roles:\n  x:\n    name: X\n    market: ["b2\\e[31mb"]\n',
        1,
        r"'b2\x1b[31mb' is not one of",
    ),
    "extends-with-escape-and-markup": (
        'roles:\n  x:\n    name: X\n    extends: "[b]tp\\e[31mm"\n',
        1,
        r"extends unknown role '[b]tp\x1b[31mm'",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE_ERRORS))
def test_messages_quote_catalogue_text_inertly(invoke: Invoke, tmp_path: Path, name: str) -> None:
    text, code, fragment = HOSTILE_ERRORS[name]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke("--catalogue", str(path), "list")  # over the built-in: 'extends' can suggest
    _assert_clean_result(result)
    context = _describe(result.exit_code, result.stdout, result.stderr)
    assert result.exit_code == code, context
    _assert_inert(result.stdout, result.stderr, context)
    assert fragment in result.stderr, context


# Arguments that name hostile things, and suggestions that are hostile catalogue text.
HOSTILE_ARGUMENTS: dict[str, tuple[tuple[str, ...], int, str]] = {
    "show-clear-screen": (("show", "\x1b[2J"), 1, r"unknown role '\x1b[2J'"),
    "show-markup": (("show", "[bold]x[/]"), 1, "unknown role '[bold]x[/]'"),
    "show-bidi": (("show", "\u202emk"), 1, r"\u202emk"),
    "show-osc-link": (("show", "\x1b]8;;http://e.x\x07y"), 1, r"\x1b]8;;http://e.x\x07y"),
    "show-c1": (("show", "\x9b2J"), 1, r"\x9b2J"),
    "show-suggests-hostile-name": (("show", "Ctl\x1b[2JName"), 1, "did you mean"),
    "compare-escape": (("compare", "mk", "\x1b[31mx"), 1, r"unknown role '\x1b[31mx'"),
    "list-stakeholder-escape": (("list", "--stakeholder", "\x1b[31mx"), 1, r"'\x1b[31mx'"),
    "list-stakeholder-suggests-hostile": (
        ("list", "--stakeholder", "[red]Sales[/red] \x1b[5mblin"),
        1,
        "did you mean",
    ),
    "list-skill-escape": (("list", "--skill", "\x1b[31mskill"), 1, r"'\x1b[31mskill'"),
    "search-escape": (("search", "\x1b[2Jnothing"), 1, r"nothing matches '\x1b[2Jnothing'"),
    "stakeholders-escape": (("stakeholders", "\x1b[2J"), 1, r"'\x1b[2J'"),
    "aspects-escape": (
        ("compare", "mk", "ctl", "--aspects", "skils\x1b[2J"),
        2,
        "did you mean 'skills'",
    ),
    "format-escape": (("show", "mk", "--format", "\x1b[31mjson"), 2, "is not one of"),
    "unknown-command-escape": (("\x1b[2J",), 2, "No such command"),
    "unknown-option-escape": (("show", "mk", "--form\x1b[31m"), 2, "No such option"),
}


@pytest.mark.parametrize("name", list(HOSTILE_ARGUMENTS))
def test_arguments_are_echoed_inertly(invoke: Invoke, hostile_catalogue: Path, name: str) -> None:
    args, code, fragment = HOSTILE_ARGUMENTS[name]
    prefix: tuple[str, ...] = ("--no-builtin", "--catalogue", str(hostile_catalogue))
    if args[0] == "\x1b[2J":
        prefix = ()
    result = invoke(*prefix, *args)
    _assert_clean_result(result)
    context = _describe(result.exit_code, result.stdout, result.stderr)
    assert result.exit_code == code, context
    _assert_inert(result.stdout, result.stderr, context)
    assert fragment in result.stderr, context


@pytest.mark.parametrize(
    "name", ["e\x1b[31mred.yaml", "[bold]b[red].yaml", "bidi\u202eyaml.txt", "bell\x07.yaml"]
)
def test_file_names_are_shown_inertly(invoke: Invoke, tmp_path: Path, name: str) -> None:
    good = tmp_path / name
    good.write_text("roles:\n  x:\n    name: X\n", encoding="utf-8")
    bad = tmp_path / ("bad-" + name)
    bad.write_text("roles:\n  x:\n    name: X\n    skils: [a]\n", encoding="utf-8")
    missing = tmp_path / ("missing-" + name)
    for args, code in (
        (("--catalogue", str(bad), "list"), 1),
        (("--catalogue", str(missing), "list"), 1),
        (("validate", str(bad)), 1),
        (("validate", str(good)), 0),
        (("--no-builtin", "--catalogue", str(good), "which", "x"), 0),
    ):
        result = invoke(*args)
        _assert_clean_result(result)
        context = f"{args!r}\n" + _describe(result.exit_code, result.stdout, result.stderr)
        assert result.exit_code == code, context
        _assert_inert(result.stdout, result.stderr, context)
    result = invoke("--catalogue", str(bad), "list")
    assert name.replace("\x1b", r"\x1b").replace("\x07", r"\x07").replace(
        "\u202e", r"\u202e"
    ) in result.stderr.replace("\n", " ")


def test_the_fast_path_prints_catalogue_text_inertly(tmp_path: Path) -> None:
    """`show`, `compare` and `list` answered before Typer loads, from a warm cache."""
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_CATALOGUE, encoding="utf-8")
    env = _env(PMROLES_CATALOGUE=str(path))
    for args in (
        ("show", "mk"),
        ("show", "mk"),
        ("compare", "mk", "ctl"),
        ("list",),
        ("show", "ctl"),
    ):
        ran = _run(args, env=env)
        _assert_finished(ran, " ".join(args))
        context = f"{args!r}\n" + _describe(ran.code, ran.out, ran.err)
        assert ran.code == 0, context
        assert TRACEBACK not in ran.err, context
        _assert_inert(ran.out, ran.err, context)
    ran = _run(("show", "mk"), env=env)
    assert "[bold]Bold[/] [link=http://e.x]y[/link] :rocket: [/]" in ran.out


def test_a_clear_screen_argument_is_echoed_inertly_by_the_real_program() -> None:
    ran = _run(("show", "\x1b[2J"))
    _assert_finished(ran, "show ESC[2J")
    assert ran.code == 1, ran.err
    assert ran.err == "Error: unknown role '\\x1b[2J'\n"
    _assert_inert(ran.out, ran.err)


# -- files and streams --------------------------------------------------------------------------------


def _fifo(tmp: Path) -> Path:
    path = tmp / "fifo.yaml"
    os.mkfifo(path)
    return path


def _symlink_loop(tmp: Path) -> Path:
    (tmp / "a.yaml").symlink_to(tmp / "b.yaml")
    (tmp / "b.yaml").symlink_to(tmp / "a.yaml")
    return tmp / "a.yaml"


def _dangling(tmp: Path) -> Path:
    (tmp / "link.yaml").symlink_to(tmp / "nowhere.yaml")
    return tmp / "link.yaml"


def _directory(tmp: Path) -> Path:
    (tmp / "dir.yaml").mkdir()
    return tmp / "dir.yaml"


def _unreadable(tmp: Path) -> Path:
    path = tmp / "secret.yaml"
    path.write_text("roles:\n  x:\n    name: X\n", encoding="utf-8")
    path.chmod(0)
    return path


def _newline_name(tmp: Path) -> Path:
    path = tmp / "two\nlines.yaml"
    path.write_text("roles:\n  x:\n    name: X\n    skils: [a]\n", encoding="utf-8")
    return path


FILE_CASES: dict[str, tuple[Callable[[Path], Path | str], str]] = {
    "missing": (lambda tmp: tmp / "absent.yaml", r":1:1: no such file"),
    "directory": (_directory, r":1:1: is a directory"),
    "symlink-loop": (_symlink_loop, r":1:1: cannot read: Too many levels of symbolic links"),
    "dangling-symlink": (_dangling, r":1:1: no such file"),
    "unreadable": (_unreadable, r":1:1: permission denied"),
    "dev-null": (lambda tmp: "/dev/null", r"/dev/null:1:1: the file is empty"),
    "empty-path": (lambda tmp: "", r"is a directory|no such file|empty"),
    "newline-in-name": (_newline_name, r"did you mean 'skills'"),
}


@pytest.mark.parametrize("name", list(FILE_CASES))
def test_files(invoke: Invoke, tmp_path: Path, name: str) -> None:
    if name == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 file")
    make, expected = FILE_CASES[name]
    path = str(make(tmp_path))
    result = invoke("--no-builtin", "--catalogue", path, "list")
    _assert_clean_result(result)
    context = _describe(result.exit_code, result.stdout, result.stderr)
    assert result.exit_code == 1, context
    lines = result.stderr.splitlines()
    assert lines, context
    assert all(line.startswith("Error: ") for line in lines), context
    assert re.search(expected, result.stderr), context
    _assert_inert(result.stdout, result.stderr, context)


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad\xffname.yaml"
    with open(raw, "wb") as handle:
        handle.write(b"roles:\n  x:\n    name: X\n    skils: [a]\n")
    for args in ((b"--catalogue", raw, b"list"), (b"validate", raw)):
        ran = _run(args)
        _assert_finished(ran, repr(args))
        assert ran.code == 1, _describe(ran.code, ran.out, ran.err)
        assert TRACEBACK not in ran.err, ran.err
        assert "did you mean 'skills'" in ran.out + ran.err


@pytest.mark.parametrize("command", ["list", "validate"])
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path, command: str) -> None:
    fifo = _fifo(tmp_path)
    args = ("--catalogue", str(fifo), "list") if command == "list" else ("validate", str(fifo))
    ran = _run(args, timeout=10)
    _assert_finished(ran, f"{command} on a FIFO that nobody writes to", timeout=10)
    assert ran.code == 1, ran.err
    assert re.search(r"not a (regular )?file|FIFO|pipe|special", ran.err, re.IGNORECASE), ran.err
    assert TRACEBACK not in ran.err


def test_dev_zero_is_refused_without_hanging() -> None:
    ran = _run(("--catalogue", "/dev/zero", "list"))
    _assert_finished(ran, "--catalogue /dev/zero")
    assert ran.code == 1, ran.err
    assert ran.err == "Error: /dev/zero:1:1: larger than 64 MiB; not a catalogue\n"


HEAD_COMMANDS = {
    "list": ("list",),
    "show": ("show", "tpm"),
    "compare": ("compare", "bpm", "tpm"),
    "search": ("search", "market"),
    "json": ("show", "tpm", "--format", "json"),
}


@pytest.fixture
def long_output_catalogue(tmp_path: Path) -> Path:
    """A role whose table is far longer than a pipe's buffer, so the writer meets EPIPE."""
    path = tmp_path / "long.yaml"
    items = "".join(f"      - skill number {i}\n" for i in range(20_000))
    path.write_text(f"roles:\n  x:\n    name: X\n    skills:\n{items}", encoding="utf-8")
    return path


def _read_one_line(args: Sequence[str]) -> tuple[int, bytes]:
    with subprocess.Popen(
        [*PMROLES, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        return process.wait(timeout=RESOURCE_TIMEOUT), err


@pytest.mark.parametrize("name", [*HEAD_COMMANDS, "long-output"])
def test_head_1_ends_quietly(name: str, long_output_catalogue: Path) -> None:
    args = HEAD_COMMANDS.get(name) or ("--catalogue", str(long_output_catalogue), "show", "x")
    code, err = _read_one_line(args)
    assert code in (0, 141), (code, err)
    assert err == b"", err


CLOSED_COMMANDS = {
    **HEAD_COMMANDS,
    "schema": ("schema",),
    "help": ("--help",),
    "version": ("--version",),
    "command-help": ("show", "--help"),
    "validate-bad": ("validate", "@BAD@"),
}


@pytest.fixture
def bad_catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("roles:\n  x:\n    name: X\n    skils: [a]\n", encoding="utf-8")
    return path


def _args(name: str, bad: Path) -> list[str]:
    return [str(bad) if arg == "@BAD@" else arg for arg in CLOSED_COMMANDS[name]]


@pytest.mark.parametrize("name", list(CLOSED_COMMANDS))
def test_closed_stdout_ends_quietly_with_141(name: str, bad_catalogue: Path) -> None:
    with subprocess.Popen(
        [*PMROLES, *_args(name, bad_catalogue)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        code = process.wait(timeout=RESOURCE_TIMEOUT)
    assert (code, err) == (141, b""), (code, err.decode(errors="replace")[-600:])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("name", list(CLOSED_COMMANDS))
def test_full_disk_is_one_line_and_exit_1(name: str, bad_catalogue: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*PMROLES, *_args(name, bad_catalogue)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=RESOURCE_TIMEOUT,
            check=False,
        )
    err = done.stderr.decode(errors="replace")
    assert done.returncode == 1, err[-600:]
    assert err.endswith("Error: cannot write the output: No space left on device\n"), err[-600:]
    assert TRACEBACK not in err, err[-600:]


ASCII_COMMANDS = {
    "table": (("show", "cafe"), 0),
    "list": (("list",), 0),
    "json": (("show", "cafe", "--format", "json"), 0),
    "csv": (("list", "--format", "csv"), 0),
    "error": (("show", "Café ☕ x"), 1),
}


@pytest.mark.parametrize("name", list(ASCII_COMMANDS))
def test_an_ascii_only_stdout_gets_escapes_or_replacements(tmp_path: Path, name: str) -> None:
    path = tmp_path / "cafe.yaml"
    path.write_text(
        'roles:\n  cafe:\n    name: "Café ☕"\n    skills: [crème brûlée]\n', encoding="utf-8"
    )
    args, code = ASCII_COMMANDS[name]
    done = subprocess.run(
        [*PMROLES, "--no-builtin", "--catalogue", str(path), *args],
        capture_output=True,
        env=_env(PYTHONIOENCODING="ascii"),
        timeout=RESOURCE_TIMEOUT,
        check=False,
    )
    out, err = done.stdout, done.stderr
    context = f"exit {done.returncode}\nstdout {out[:400]!r}\nstderr {err[-400:]!r}"
    assert done.returncode == code, context
    assert TRACEBACK.encode() not in err, context
    assert b"Caf" in out + err, context
    assert out.isascii(), f"UTF-8 written to an ASCII stdout\n{context}"
    assert err.isascii(), f"UTF-8 written to an ASCII stderr\n{context}"


COLUMN_COMMANDS = {
    "list": ("list",),
    "show": ("show", "tpm"),
    "compare": ("compare", "bpm", "tpm", "po"),
    "search": ("search", "market"),
    "stakeholders": ("stakeholders",),
    "help": ("--help",),
}


@pytest.mark.parametrize("columns", ["0", "1", "5"])
@pytest.mark.parametrize("name", list(COLUMN_COMMANDS))
def test_tiny_terminal_widths(invoke: Invoke, columns: str, name: str) -> None:
    result = invoke(*COLUMN_COMMANDS[name], env={"COLUMNS": columns})
    _assert_clean_result(result)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip(), f"COLUMNS={columns}: exit 0 with no output at all"


_BLOCKING_RUN = """
import pathlib, sys, time
import pmroles.catalogue.stack

FLAG = pathlib.Path(sys.argv[1])

def blocking(*args, **kwargs):
    FLAG.write_text("loading")
    time.sleep(60)

pmroles.catalogue.stack.load_cached = blocking
sys.argv = ["pmroles", *sys.argv[2:]]
from pmroles.entry import main
main()
"""

INTERRUPTED_COMMANDS = {
    "show": ("show", "tpm"),
    "list": ("list",),
    "compare": ("compare", "bpm", "tpm"),
    "search": ("search", "market"),
    "show-json": ("show", "tpm", "--json"),
    "list-skill": ("list", "--skill", "coding"),
}


def _default_sigint() -> None:
    """A child of a non-interactive shell inherits SIGINT ignored, and Python then installs no
    KeyboardInterrupt handler: give the child the default, as a terminal's foreground job has."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("Ctrl-C did not end pmroles within 10 s")
    return process.returncode, err.decode(errors="replace")


@pytest.mark.parametrize("name", list(INTERRUPTED_COMMANDS))
def test_ctrl_c_while_loading_the_catalogue(tmp_path: Path, name: str) -> None:
    """The real entry point (fast path included), interrupted while the catalogue loads."""
    flag = tmp_path / "loading"
    with subprocess.Popen(
        [sys.executable, "-c", _BLOCKING_RUN, str(flag), *INTERRUPTED_COMMANDS[name]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=tmp_path,
        preexec_fn=_default_sigint,
    ) as process:
        deadline = time.monotonic() + RESOURCE_TIMEOUT
        while not flag.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if not flag.exists():
            process.kill()
            process.communicate()
            pytest.fail("pmroles never started loading the catalogue")
        code, err = _interrupt(process)
    assert code == 130, (code, err[-800:])
    assert err == "Interrupted.\n", err[-800:]


# -- arguments ---------------------------------------------------------------------------------------

HUGE = 100_000
ARGUMENT_CASES: dict[str, tuple[tuple[str, ...], int, str]] = {
    "show-empty": (("show", ""), 1, "unknown role ''"),
    "show-blank": (("show", "   "), 1, "unknown role '   '"),
    "compare-empty": (("compare", "", "tpm"), 1, "unknown role ''"),
    "list-stakeholder-empty": (("list", "--stakeholder", ""), 1, "unknown stakeholder ''"),
    "list-skill-empty": (("list", "--skill", ""), 1, "unknown skill ''"),
    "list-market-empty": (("list", "--market", ""), 2, "unknown market ''"),
    "search-empty": (("search", ""), 2, "give some words to search for"),
    "search-blank": (("search", "  \t "), 2, "give some words to search for"),
    "similar-empty": (("similar", ""), 1, "unknown role ''"),
    "stakeholders-empty": (("stakeholders", ""), 1, "unknown stakeholder ''"),
    "which-empty": (("which", ""), 1, "unknown role ''"),
    "show-option-like-after-dashdash": (("show", "--", "-x"), 1, "unknown role '-x'"),
    "show-option-like": (("show", "-x"), 2, "No such option"),
    "show-help-after-dashdash": (("show", "--", "--help"), 1, "unknown role '--help'"),
    "compare-option-like-after-dashdash": (("compare", "--", "-x", "tpm"), 1, "unknown role '-x'"),
    "search-option-like-after-dashdash": (("search", "--", "-x"), 1, "nothing matches '-x'"),
    "show-huge": (("show", "a" * HUGE), 1, "unknown role 'aaaa"),
    "compare-huge": (("compare", "tpm", "b" * HUGE), 1, "unknown role 'bbbb"),
    "search-huge": (("search", "c" * HUGE), 1, "nothing matches 'cccc"),
    "search-huge-many-words": (("search", "market " * (HUGE // 7)), 0, ""),
    "list-stakeholder-huge": (
        ("list", "--stakeholder", "s" * HUGE),
        1,
        "unknown stakeholder 'ssss",
    ),
    "list-skill-huge": (("list", "--skill", "k" * HUGE), 1, "unknown skill 'kkkk"),
    "stakeholders-huge": (("stakeholders", "d" * HUGE), 1, "unknown stakeholder 'dddd"),
    "show-markup": (("show", "[bold]tpm[/]"), 1, "unknown role '[bold]tpm[/]'"),
    "stakeholder-markup": (
        ("list", "--stakeholder", "[bold]sales[/bold]"),
        1,
        "unknown stakeholder '[bold]sales[/bold]'",
    ),
    "show-emoji-code": (("show", ":rocket:"), 1, "unknown role ':rocket:'"),
}


@pytest.mark.parametrize("name", list(ARGUMENT_CASES))
def test_arguments(invoke: Invoke, name: str) -> None:
    args, code, fragment = ARGUMENT_CASES[name]
    start = time.monotonic()
    result = invoke(*args)
    _assert_clean_result(result)
    context = _describe(result.exit_code, result.stdout, result.stderr)
    assert result.exit_code == code, context
    assert fragment in result.stderr, context
    _assert_inert(result.stdout, result.stderr, context)
    assert time.monotonic() - start < RESOURCE_TIMEOUT


def test_a_misspelt_full_name_gets_the_same_suggestion_from_a_warm_cache(invoke: Invoke) -> None:
    """A cold run suggests 'Technical Product Manager'; once the cache exists (every later
    run) suggestions come from ids only and say 'project-manager'."""
    cold = invoke("show", "Technical Product Managr")
    warm = invoke("show", "Technical Product Managr")
    assert cold.exit_code == warm.exit_code == 1
    assert re.search(r"did you mean '(tpm|Technical Product Manager)'", cold.stderr), cold.stderr
    assert warm.stderr == cold.stderr


@pytest.mark.parametrize("args", [(b"show", b"tp\xffm"), (b"compare", b"bpm", b"t\xffpm")])
def test_an_argument_that_is_not_utf8(args: tuple[bytes, ...]) -> None:
    """Bytes that are not UTF-8 (a Latin-1 terminal) become lone surrogates in sys.argv; the
    fast path's SQLite name index cannot encode them. The first run builds the cache."""
    for _ in range(2):
        ran = _run(args)
        _assert_finished(ran, repr(args))
        context = _describe(ran.code, ran.out, ran.err)
        assert TRACEBACK not in ran.err, context
        assert ran.code == 1, context
        assert "unknown role" in ran.err, context


# -- properties --------------------------------------------------------------------------------------

_FRAGMENTS = [
    "roles",
    "name",
    "skills",
    "aliases",
    "extends",
    "append",
    "interactions",
    "market",
    "x",
    "tpm",
    "- ",
    ": ",
    ":",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ", ",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object/apply:os.system ",
    "!x ",
    "? ",
    "---\n",
    "...\n",
    "# ",
    "%YAML 1.1\n",
    "|\n",
    ">\n",
    "\\",
    "no",
    "~",
    "null",
    "<<: ",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "\r\n",
    "é",
    "\x00",
]
_yamlish = st.recursive(
    st.sampled_from(_FRAGMENTS),
    lambda inner: st.lists(inner, min_size=1, max_size=8).map("".join),
    max_leaves=60,
)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.one_of(st.text(max_size=400), _yamlish))
def test_generated_text_raises_only_catalogue_errors(text: str) -> None:
    raised: CatalogueError | None = None
    try:
        catalogue, problems = check_text(text, "f.yaml")
    except CatalogueError as error:
        raised = error
    if raised is not None:
        assert raised.problems, "a CatalogueError says what is wrong"
        assert all(str(problem) for problem in raised.problems)
        return
    assert (catalogue is None) == any(p.severity.value == "error" for p in problems)


_HOSTILE_BITS = [
    "[bold]",
    "[/]",
    "[link=http://e.x]",
    ":rocket:",
    "\x1b[31m",
    "\x1b]8;;http://e.x\x07",
    "\u202e",
    "\x9b",
    "\x07",
    "\x00",
    "\t",
    "\n",
    "\r\n",
    "|",
    ",",
    '"',
    "'",
    "; ",
    "\\",
    "*",
    "#",
    "- ",
    ": ",
    "é",
    "☕",
    "日本",
    "\u200b",
]
_hostile_text = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=6), st.sampled_from(_HOSTILE_BITS)),
    min_size=1,
    max_size=5,
).map("".join)
_role_ids = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,8}", fullmatch=True)
_roles = st.dictionaries(
    _role_ids,
    st.fixed_dictionaries(
        {"name": _hostile_text},
        optional={
            "summary": _hostile_text,
            "skills": st.lists(_hostile_text, max_size=4),
            "focus": st.lists(_hostile_text, max_size=3),
            "aliases": st.lists(_hostile_text, max_size=2),
        },
    ),
    min_size=1,
    max_size=4,
)
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_roles)
def test_generated_catalogues_never_traceback_and_render_in_every_format(
    invoke: Invoke, roles: dict[str, dict[str, object]]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "generated.yaml"
        path.write_text(yaml.safe_dump({"roles": roles}, allow_unicode=True), encoding="utf-8")
        base = ("--no-builtin", "--catalogue", str(path))
        listed = invoke(*base, "list")
        _assert_clean_result(listed)
        if listed.exit_code != 0:
            assert listed.exit_code == 1, listed.output
            assert listed.stderr.startswith("Error: "), listed.stderr
            return
        first = next(iter(roles))
        documents: dict[str, object] = {}
        for fmt in ("table", *MACHINE_FORMATS):
            for args in (("list",), ("show", first)):
                result = invoke(*base, *args, "--format", fmt)
                _assert_clean_result(result)
                assert result.exit_code == 0, (args, fmt, result.output)
                out = result.stdout_bytes.decode("utf-8")
                if fmt != "table":
                    documents[f"{args[0]}-{fmt}"] = parsed = _parse(fmt, out)
                if fmt == "csv" and args == ("list",):
                    assert len(parsed) == len(roles) + 1, out  # type: ignore[arg-type]
                if fmt == "markdown" and args == ("list",):
                    assert len(parsed) == len(roles) + 2, out  # type: ignore[arg-type]
        assert documents["show-yaml"] == documents["show-json"]
        assert documents["list-yaml"] == documents["list-json"]
        shown = documents["show-json"]["role"]  # type: ignore[index]
        assert shown["id"] == first
        name = roles[first]["name"]
        if not _LINE_BREAKS.search(str(name)):  # YAML itself folds line breaks in scalars
            assert shown["name"] == name


def test_a_huge_unknown_name_is_cut_short_in_the_message(invoke: Invoke) -> None:
    result = invoke("show", "x" * 100_000)
    assert result.exit_code == 1
    assert len(result.stderr) < 300
    assert "'xxxxxxxx" in result.stderr
    assert "...'" in result.stderr


def test_an_escape_in_an_aspect_name_is_shown_once_escaped(invoke: Invoke) -> None:
    result = invoke("compare", "bpm", "tpm", "--aspects", "skils\x1b[2J")
    assert result.exit_code == 2
    assert "unknown aspect 'skils\\x1b[2J'" in result.stderr
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("target", ["", "."])
def test_init_needs_a_file_name(invoke: Invoke, target: str) -> None:
    result = invoke("init", target)
    assert result.exit_code == 2
    assert "name a file to write" in result.stderr
