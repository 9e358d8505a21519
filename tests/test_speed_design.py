"""What keeps pmroles fast, tested as design rather than timed (the benchmark prints times):
the modules a warm command imports, the cache surviving anything done to it, and the fast
path printing exactly what the full CLI prints."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from pmroles import fastpath

from .conftest import ROOT, Invoke

PROBE = """
import gc, io, json, sys, contextlib
sys.argv = ["pmroles", *json.loads(sys.argv[1])]
from pmroles.entry import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "out": out.getvalue(),
                  "collector": {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()},
                  "modules": sorted(m for m in sys.modules if m.split(".")[0] in
                                    ("yaml", "pydantic", "rich", "typer", "click", "sqlite3",
                                     "pathlib", "difflib"))}))
"""


def run(args: list[str], cache: Path, **env: str) -> dict:  # type: ignore[type-arg]
    """Run pmroles in a fresh interpreter; its exit code, output and heavy modules loaded."""
    environ = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100", "NO_COLOR": "1", **env}
    environ.pop("PMROLES_CATALOGUE", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def databases(cache: Path) -> list[Path]:
    return sorted((cache / "pmroles").glob("catalogue-*.sqlite"))


@pytest.mark.parametrize(
    "args",
    [
        ["show", "tpm"],
        ["compare", "bpm", "tpm"],
        ["list", "--stakeholder", "sales"],
        ["show", "tpm", "--json"],
    ],
)
def test_a_warm_command_imports_neither_yaml_nor_pydantic(tmp_path: Path, args: list[str]) -> None:
    cold = run(args, tmp_path)
    assert "yaml" in cold["modules"]  # the first run parsed the catalogue...
    warm = run(args, tmp_path)
    assert warm["code"] == 0
    assert "yaml" not in warm["modules"]  # ...the next one read the cache
    assert "pydantic" not in warm["modules"]
    assert warm["out"] == cold["out"]


# Every ordinary form the fast path serves: each command that prints a view, with filters,
# options and each machine format.
SERVED = [
    ["show", "tpm"],
    ["show", "Technical Product Manager"],
    ["show", "tpm", "--sources"],
    ["show", "tpm", "--json"],
    ["compare", "bpm", "tpm"],
    ["compare", "po", "pm", "project manager"],
    ["compare", "bpm", "tpm", "-d", "--aspects", "focus,skills", "--aspects=tools"],
    ["list"],
    ["list", "--stakeholder", "sales"],
    ["list", "--stakeholder", "Legal"],
    ["list", "--skill", "market analysis", "--skill", "pricing", "--market", "b2b"],
    ["list", "--format=markdown"],
    ["search", "backlog"],
    ["search", "market analysis", "-f", "csv"],
    ["similar", "po"],
    ["match", "--skill", "market analysis", "--background", "economics"],
    ["match", "--stakeholder", "sales", "--market", "b2b", "--format", "yaml"],
    ["matrix"],
    ["matrix", "--by", "responsibility"],
    ["map"],
    ["map", "--width", "60", "--height", "12"],
    ["stakeholders"],
    ["stakeholders", "sales"],
    ["which", "tpm"],
    ["sources"],
    ["sources", "po"],
    ["sources", "-f", "csv"],
    ["--sourced-only", "sources"],
    ["--no-color", "show", "tpm"],
    ["--no-builtin", "--catalogue", "CATALOGUE", "which", "x"],
    ["--no-builtin", "--catalogue", "CATALOGUE", "sources"],
    ["--catalog=CATALOGUE", "show", "x"],
    ["show", "po", "--format=markdown"],
    ["compare", "pm", "po", "--format=markdown"],
    ["brief", "po"],
    ["brief", "po", "--json"],
    ["--no-builtin", "--catalogue", "CATALOGUE", "brief", "x"],
] + [
    [*args, *output]
    for args in (
        ["compare", "bpm", "tpm"],
        ["list"],
        ["search", "backlog"],
        ["similar", "po"],
        ["match", "--skill", "coding"],
        ["matrix"],
        ["map"],
        ["stakeholders"],
        ["stakeholders", "sales"],
        ["which", "tpm"],
        ["sources"],
        ["sources", "po"],
    )
    for output in (["--format", "json"], ["--json"])
]


def _served_id(args: list[str]) -> str:
    return " ".join(args)


@pytest.fixture
def own_catalogue(tmp_path: Path) -> Path:
    ours = tmp_path / "ours.yaml"
    ours.write_text("roles:\n  x:\n    name: Our role\n    focus: [Our own work]\n")
    return ours


def _with_catalogue(args: list[str], catalogue: Path) -> list[str]:
    return [arg.replace("CATALOGUE", str(catalogue)) for arg in args]


@pytest.mark.parametrize("args", SERVED, ids=_served_id)
def test_a_warm_served_command_loads_only_what_it_uses(
    tmp_path: Path, own_catalogue: Path, args: list[str]
) -> None:
    args = _with_catalogue(args, own_catalogue)
    run(args, tmp_path / "cache")
    warm = run(args, tmp_path / "cache")
    assert warm["code"] == 0
    loaded = {name.split(".")[0] for name in warm["modules"]}
    expected = {"rich", "sqlite3"}
    if "yaml" in args:
        expected = {"yaml", "sqlite3"}  # a YAML document, but no Rich
    elif "json" in args or "--json" in args or "csv" in args or "--format=markdown" in args:
        expected = {"sqlite3"}  # machine formats never pass through Rich
    elif "brief" in args:
        expected = {"sqlite3"}  # Markdown, written without Rich
    assert loaded == expected  # no typer, click, pathlib or difflib


@pytest.mark.parametrize("args", [["show", "tpm"], ["show", "tpm", "--json"], ["nonsense"]])
def test_a_run_leaves_its_objects_to_the_exit(tmp_path: Path, args: list[str]) -> None:
    """The cyclic collector stays off through a run and everything is frozen at its end, so
    neither the run nor the interpreter's exit walks the objects (see pmroles.entry)."""
    result = run(args, tmp_path)
    assert result["collector"]["enabled"] is False
    assert result["collector"]["frozen"] > 10_000


def test_completion_imports_neither_rich_nor_typer(tmp_path: Path) -> None:
    run(["show", "tpm"], tmp_path)  # builds the cache and its completion index
    env = {"_PMROLES_COMPLETE": "complete_bash", "COMP_WORDS": "pmroles show t", "COMP_CWORD": "2"}
    result = run([], tmp_path, **env)
    assert result["out"] == "tpm\n"
    assert result["modules"] == []


def test_completion_without_an_index_falls_back_and_builds_one(tmp_path: Path) -> None:
    env = {"_PMROLES_COMPLETE": "complete_bash", "COMP_WORDS": "pmroles show t", "COMP_CWORD": "2"}
    first = run([], tmp_path, **env)
    assert first["out"] == "tpm\n"
    assert "typer" in first["modules"]
    assert run([], tmp_path, **env)["modules"] == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "empty", "stale"])
def test_a_damaged_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    expected = run(["show", "tpm"], tmp_path)["out"]
    (database,) = databases(tmp_path)
    if damage == "garbage":
        database.write_bytes(b"\x00not a database at all" * 100)
    elif damage == "truncated":
        database.write_bytes(database.read_bytes()[: database.stat().st_size // 3])
    elif damage == "empty":
        database.write_bytes(b"")
    else:
        database.unlink()
        connection = sqlite3.connect(database)
        with connection:
            connection.execute("CREATE TABLE meta (name TEXT, value TEXT)")
            stack = "someone else's" if damage == "foreign" else '["0.0.0", 1]'
            connection.execute("INSERT INTO meta VALUES ('format', '1'), ('stack', ?)", (stack,))
        connection.close()
    again = run(["show", "tpm"], tmp_path)
    assert again["out"] == expected
    assert "yaml" in again["modules"]  # it really was rebuilt, not half-read
    rebuilt = sqlite3.connect(databases(tmp_path)[0])
    assert rebuilt.execute("SELECT count(*) FROM roles").fetchone()[0] == 10
    rebuilt.close()
    assert "yaml" not in run(["show", "tpm"], tmp_path)["modules"]


def test_a_damaged_completion_index_falls_back(tmp_path: Path) -> None:
    run(["show", "tpm"], tmp_path)
    (index,) = (tmp_path / "pmroles").glob("index-*.json")
    index.write_text("{not json")
    env = {"_PMROLES_COMPLETE": "complete_bash", "COMP_WORDS": "pmroles show t", "COMP_CWORD": "2"}
    assert run([], tmp_path, **env)["out"] == "tpm\n"


def test_an_unwritable_cache_directory_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory would go")
    result = run(["show", "tpm"], blocker)
    assert result["code"] == 0
    assert result["out"].startswith("Technical Product Manager (tpm)")
    assert blocker.read_text() == "a file where the cache directory would go"


@contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """`directory` made read-only for this process. Root writes through permission bits, so
    as root the directory is made immutable instead (ext4 and most Linux filesystems)."""
    if os.geteuid() != 0:
        directory.chmod(0o500)
        try:
            yield
        finally:
            directory.chmod(0o700)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(directory)], check=False).returncode:
        pytest.skip("running as root, and this filesystem cannot make a directory immutable")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True)


def test_a_read_only_empty_cache_directory_still_works(tmp_path: Path) -> None:
    (tmp_path / "pmroles").mkdir()
    with read_only(tmp_path / "pmroles"):
        result = run(["show", "tpm"], tmp_path)
    assert result["code"] == 0
    assert result["out"].startswith("Technical Product Manager (tpm)")
    assert list((tmp_path / "pmroles").iterdir()) == []  # nothing could be written


def test_a_read_only_cache_directory_is_still_read(tmp_path: Path) -> None:
    cold = run(["compare", "bpm", "tpm"], tmp_path)
    with read_only(tmp_path / "pmroles"):
        warm = run(["compare", "bpm", "tpm"], tmp_path)
    assert warm["code"] == 0
    assert warm["out"] == cold["out"]
    assert "yaml" not in warm["modules"]  # served from the cache it could not have written


def test_processes_building_the_cache_at_once_all_succeed(tmp_path: Path) -> None:
    environ = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "100", "NO_COLOR": "1"}
    environ.pop("PMROLES_CATALOGUE", None)
    command = [sys.executable, "-m", "pmroles", "compare", "bpm", "tpm"]
    processes = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ, cwd=ROOT
        )
        for _ in range(4)
    ]
    outputs = [process.communicate() for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0]
    assert len({out for out, _ in outputs}) == 1
    assert all(err == b"" for _, err in outputs)
    assert len(databases(tmp_path)) == 1
    assert not list((tmp_path / "pmroles").glob(".*.tmp"))  # no temporary file left behind


def test_a_cache_directory_named_with_uri_characters_is_read(tmp_path: Path) -> None:
    cache = tmp_path / "odd #1 ?x=%20"
    cold = run(["show", "tpm"], cache)
    warm = run(["show", "tpm"], cache)
    assert "yaml" not in warm["modules"]  # read from the cache, not parsed again
    assert warm["out"] == cold["out"]


def test_only_the_newest_caches_are_kept(tmp_path: Path) -> None:
    from pmroles.catalogue.cache import KEEP
    from pmroles.catalogue.stack import load_cached, stack_for

    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache [1]")}  # glob characters in the path
    for number in range(KEEP + 2):
        ours = tmp_path / f"ours{number}.yaml"
        ours.write_text(f"roles:\n  x{number}:\n    name: Role {number}\n")
        load_cached(stack_for([ours], no_builtin=True, environ=environ), environ)
    directory = tmp_path / "cache [1]" / "pmroles"
    kept = sorted(p.name for p in directory.iterdir())
    assert len([name for name in kept if name.startswith("catalogue-")]) == KEEP
    assert len([name for name in kept if name.startswith("index-")]) == KEEP
    # The stack written last is among those kept, and reads back whole.
    last = stack_for([tmp_path / f"ours{KEEP + 1}.yaml"], no_builtin=True, environ=environ)
    assert load_cached(last, environ)[0].roles.keys() == {f"x{KEEP + 1}"}


def test_editing_a_catalogue_file_is_seen_at_once(tmp_path: Path) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text("roles:\n  x:\n    name: First name\n")
    cache = tmp_path / "cache"
    assert "First name" in run(["--catalogue", str(ours), "show", "x"], cache)["out"]
    ours.write_text("roles:\n  x:\n    name: Second, longer name\n")
    assert "Second, longer name" in run(["--catalogue", str(ours), "show", "x"], cache)["out"]


# -- the fast path prints exactly what the full CLI prints ------------------------------------


def _fast_and_full(
    invoke: Invoke, args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path serves `args` and prints exactly what the full CLI prints for them."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for key in {"NO_COLOR", "FORCE_COLOR"} - env.keys():
        monkeypatch.delenv(key, raising=False)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = fastpath.run(args, os.environ)
    full = invoke(*args, env={"NO_COLOR": None, "FORCE_COLOR": None, **env})
    # The bytes, not Result.stdout, which turns CSV's CRLF line ends into LF.
    printed = (full.stdout_bytes.decode(), (full.stderr_bytes or b"").decode())
    assert (status, out.getvalue(), err.getvalue()) == (full.exit_code, *printed)
    assert status == 0


@pytest.mark.parametrize("args", SERVED, ids=_served_id)
@pytest.mark.parametrize("columns", ["40", "100", "200"])
def test_fast_path_output_equals_the_full_cli(
    invoke: Invoke,
    own_catalogue: Path,
    args: list[str],
    columns: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {"COLUMNS": columns, "NO_COLOR": "1", "TERM": "dumb"}
    _fast_and_full(invoke, _with_catalogue(args, own_catalogue), env, monkeypatch)


@pytest.mark.parametrize("args", SERVED, ids=_served_id)
def test_fast_path_colours_equal_the_full_clis(
    invoke: Invoke, own_catalogue: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"COLUMNS": "100", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    _fast_and_full(invoke, _with_catalogue(args, own_catalogue), env, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "tmp"],  # unknown: the full CLI owns the message
        ["compare", "tpm", "technical-pm"],
        ["compare", "tpm"],  # a usage problem, found by the command itself
        ["compare", "bpm", "tpm", "--aspects", "nonsense"],
        ["list", "--stakeholder", "nobody"],
        ["list", "--method", "waterfall"],
        ["show"],
        [],
        ["search", "x"],
        ["search", " "],
        ["match"],
        ["list", "-s", "sales"],  # not an option of list: the full CLI says so
        ["show", "tpm", "extra"],
        ["show", "--", "tpm"],
        ["show", "-", "tpm"],
        ["show", "tpm", "--help"],
        ["show", "-h"],
        ["--help"],
        ["--version"],
        ["--show-completion", "bash"],
        ["show", "tpm", "--export", "tpm.pdf"],  # an unknown suffix: Typer says so
        ["show", "tpm", "--format", "json", "--export", "tpm.md"],  # formats that disagree
        ["show", "tpm", "--theme", "dark"],  # a theme without an SVG
        ["show", "tpm", "--json", "--format", "csv"],
        ["show", "tpm", "--format", "JSON"],  # Click accepts it; only exact choices are taken
        ["show", "tpm", "--format"],
        ["show", "tpm", "--format="],
        ["show", "tpm", "--sources=yes"],
        ["show", "tpm", "-fjson"],
        ["matrix", "--by", "nonsense"],  # an unknown kind: Typer says so
        ["map", "--width", "10"],
        ["map", "--width", "+40"],
        ["map", "--height", "x"],
        ["list", "--stakeholder", "-x"],
        ["--catalogue", "./ours.yaml", "show", "tpm"],  # Typer's Path would print it otherwise
        ["--catalogue", "", "show", "tpm"],
        ["--no-builtin", "show", "tpm"],  # no catalogue left: the full CLI says so
        ["validate"],
        ["schema"],
        ["init", "ours.yaml"],
        ["site", "roles-site"],  # writes files, and its modules load only when asked
        ["nonsense"],
    ],
)
def test_fast_path_declines_what_it_does_not_fully_handle(args: list[str]) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert fastpath.run(args, os.environ) is None
    assert out.getvalue() == ""
