"""Your own roles: files layered over the built-in catalogue, in a documented order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pmroles.catalogue.loader import check_file
from pmroles.catalogue.starter import STARTER

from .conftest import Invoke

FIXTURE = """\
stakeholders:
  sales: {name: Sales}
  legal: {name: Legal}
roles:
  a:
    name: Alpha
    skills: [market analysis, budgeting]
    tools: [CRM]
    interactions: [sales, legal]
  b:
    name: Beta
    skills: [analysis of markets, coding]
    tools: [CRM, Jira]
    interactions: [sales]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def as_json(invoke: Invoke, *args: str, env: dict[str, str | None] | None = None) -> dict:  # type: ignore[type-arg]
    result = invoke(*args, "--json", env=env)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_new_role_is_added(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(
        tmp_path,
        "ours.yaml",
        "roles:\n  growth-pm:\n    name: Growth PM\n    focus: [activation]\n",
    )
    ids = [r["id"] for r in as_json(invoke, "--catalogue", str(ours), "list")["roles"]]
    assert ids[-1] == "growth-pm"
    assert "tpm" in ids
    assert as_json(invoke, "--catalog", str(ours), "show", "growth pm")["role"]["focus"] == [
        "activation"
    ]


def test_a_role_with_an_existing_id_replaces_it_whole(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", "roles:\n  tpm:\n    name: Tech PM\n    tools: [Linear]\n")
    role = as_json(invoke, "--catalogue", str(ours), "show", "tpm")["role"]
    assert (role["name"], role["tools"], role["skills"], role["aliases"]) == (
        "Tech PM",
        ["Linear"],
        [],
        [],
    )
    ids = [r["id"] for r in as_json(invoke, "--catalogue", str(ours), "list")["roles"]]
    assert ids.index("tpm") == 6  # keeps its place in the order


def test_extends_changes_only_what_it_names_and_append_adds(invoke: Invoke, tmp_path: Path) -> None:
    builtin = as_json(invoke, "show", "tpm")["role"]
    ours = write(
        tmp_path,
        "ours.yaml",
        "roles:\n  tpm:\n    extends: tpm\n    goals: [ship weekly]\n    append:\n      tools: [Linear]\n",
    )
    role = as_json(invoke, "--catalogue", str(ours), "show", "tpm")["role"]
    assert role["goals"] == ["ship weekly"]  # lists replace
    assert role["tools"] == [*builtin["tools"], "Linear"]  # append adds
    assert role["skills"] == builtin["skills"]  # the rest is inherited
    assert (role["name"], role["aliases"]) == (builtin["name"], builtin["aliases"])
    assert role["sources"]["skills"] == ["bpm-vs-tpm"]


def test_extending_another_role_needs_a_name_and_drops_its_aliases(
    invoke: Invoke, tmp_path: Path
) -> None:
    ours = write(tmp_path, "ours.yaml", "roles:\n  data-pm:\n    extends: tpm\n    name: Data PM\n")
    role = as_json(invoke, "--catalogue", str(ours), "show", "data-pm")["role"]
    assert (role["name"], role["aliases"]) == ("Data PM", [])
    assert role["focus"] == as_json(invoke, "show", "tpm")["role"]["focus"]
    nameless = write(tmp_path, "nameless.yaml", "roles:\n  data-pm:\n    extends: tpm\n")
    result = invoke("--catalogue", str(nameless), "show", "tpm")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {nameless}:2:3: roles.data-pm: a role extending another one needs its own 'name'\n"
    )


def test_extending_a_role_from_an_earlier_user_file(invoke: Invoke, tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "first.yaml",
        "roles:\n  ops-pm:\n    name: Ops PM\n    tools: [Grafana]\n    skills: [on-call]\n",
    )
    second = write(
        tmp_path,
        "second.yaml",
        "roles:\n  sre-pm:\n    extends: ops-pm\n    name: SRE PM\n    tools: [PagerDuty]\n",
    )
    role = as_json(invoke, "--catalogue", str(first), "--catalogue", str(second), "show", "sre-pm")[
        "role"
    ]
    assert (role["tools"], role["skills"]) == (["PagerDuty"], ["on-call"])
    where = as_json(
        invoke, "--catalogue", str(first), "--catalogue", str(second), "which", "sre-pm"
    )
    assert where["attributes"]["skills"] == {"file": str(first), "line": 5, "column": 5}
    assert where["attributes"]["tools"] == {"file": str(second), "line": 5, "column": 5}
    assert where["defined"] == {"file": str(second), "line": 2, "column": 3}


def test_extends_cycle_is_an_error_with_position(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(
        tmp_path,
        "ours.yaml",
        "roles:\n  x:\n    extends: y\n    name: X\n  y:\n    extends: x\n    name: Y\n",
    )
    result = invoke("--catalogue", str(ours), "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        f"{ours}:3:5: roles.x.extends: 'extends' goes round in a circle: x -> y -> x"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_missing_parent_is_an_error_with_position_and_suggestion(
    invoke: Invoke, tmp_path: Path
) -> None:
    ours = write(tmp_path, "ours.yaml", "roles:\n  x:\n    extends: tmp\n    name: X\n")
    result = invoke("--catalogue", str(ours), "list")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {ours}:3:5: roles.x.extends: extends unknown role 'tmp'; did you mean 'tpm'?\n"
    )


def test_append_without_extends_is_an_error(tmp_path: Path) -> None:
    ours = write(
        tmp_path, "ours.yaml", "roles:\n  x:\n    name: X\n    append:\n      tools: [a]\n"
    )
    catalogue, problems = check_file(ours)
    assert catalogue is None
    assert str(problems[0]).endswith(
        "roles.x.append: 'append' adds to a parent's lists: add 'extends'"
    )


def test_no_builtin_uses_only_the_given_files(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", FIXTURE)
    ids = [
        r["id"] for r in as_json(invoke, "--no-builtin", "--catalogue", str(ours), "list")["roles"]
    ]
    assert ids == ["a", "b"]
    missing = invoke("--no-builtin", "--catalogue", str(ours), "show", "tpm")
    assert missing.exit_code == 1
    alone = invoke("--no-builtin", "list")
    assert alone.exit_code == 1
    assert (
        alone.stderr
        == "Error: --no-builtin leaves no catalogue: name one with --catalogue or PMROLES_CATALOGUE\n"
    )


def test_environment_variable_names_files_separated_like_path(
    invoke: Invoke, tmp_path: Path
) -> None:
    one = write(tmp_path, "one.yaml", "roles:\n  r1:\n    name: Role One\n")
    two = write(tmp_path, "two.yaml", "roles:\n  r2:\n    name: Role Two\n")
    env = {"PMROLES_CATALOGUE": f"{one}{os.pathsep}{two}"}
    ids = [r["id"] for r in as_json(invoke, "list", env=env)["roles"]]
    assert ids[-2:] == ["r1", "r2"]


def test_config_file_is_layered(invoke: Invoke, tmp_path: Path) -> None:
    config = tmp_path / "cfg" / "pmroles"
    config.mkdir(parents=True)
    write(config, "roles.yaml", "roles:\n  cfg-pm:\n    name: Config PM\n")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    assert [r["id"] for r in as_json(invoke, "list", env=env)["roles"]][-1] == "cfg-pm"
    ids = [
        r["id"]
        for r in as_json(
            invoke,
            "--no-builtin",
            "--catalogue",
            str(write(tmp_path, "x.yaml", FIXTURE)),
            "list",
            env=env,
        )["roles"]
    ]
    assert "cfg-pm" not in ids  # --no-builtin: only the files named


def test_precedence_builtin_config_environment_command_line(invoke: Invoke, tmp_path: Path) -> None:
    def layer(name: str) -> Path:
        return write(
            tmp_path,
            f"{name}.yaml",
            f"roles:\n  tpm:\n    extends: tpm\n    summary: from {name}.\n",
        )

    config = tmp_path / "cfg" / "pmroles"
    config.mkdir(parents=True)
    (config / "roles.yaml").write_text(
        "roles:\n  tpm:\n    extends: tpm\n    summary: from config.\n"
    )
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}

    def summary(*args: str, extra: dict[str, str] | None = None) -> str:
        return str(
            as_json(invoke, *args, "show", "tpm", env={**env, **(extra or {})})["role"]["summary"]
        )

    assert summary() == "from config."
    assert summary(extra={"PMROLES_CATALOGUE": str(layer("env"))}) == "from env."
    assert (
        summary("--catalogue", str(layer("cli")), extra={"PMROLES_CATALOGUE": str(layer("env"))})
        == "from cli."
    )
    assert as_json(invoke, "show", "tpm")["role"]["summary"].startswith("A product manager")


def test_stakeholders_sources_and_comparisons_layer_by_id(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(
        tmp_path,
        "ours.yaml",
        "sources:\n  wiki: {title: Our wiki}\n"
        "stakeholders:\n  hr: {name: People team, needs: [clear role ladders]}\n"
        "  sales: {name: Revenue}\n"
        "roles:\n  people-pm:\n    name: People PM\n    interactions: [hr]\n    focus: [hiring]\n"
        "    sources: {focus: [wiki]}\n"
        "comparisons:\n  people-vs-tpm:\n    roles: [people-pm, tpm]\n    differences: [one hires, one builds]\n",
    )
    base = ["--catalogue", str(ours)]
    assert [
        r["id"] for r in as_json(invoke, *base, "list", "--stakeholder", "people team")["roles"]
    ] == ["people-pm"]
    assert as_json(invoke, *base, "stakeholders", "sales")["stakeholder"]["name"] == "Revenue"
    curated = as_json(invoke, *base, "compare", "people-pm", "tpm")["curated"]
    assert [c["id"] for c in curated] == ["people-vs-tpm"]
    assert as_json(invoke, *base, "show", "people-pm")["cited"] == [
        {"id": "wiki", "title": "Our wiki", "author": None, "publisher": None}
    ]


def test_an_alias_may_not_name_a_role_of_another_layer(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", "roles:\n  x:\n    name: X\n    aliases: [technical pm]\n")
    result = invoke("--catalogue", str(ours), "list")
    assert result.exit_code == 1
    assert (
        f"{ours}:4:15: roles.x.aliases[0]: alias 'technical pm' also names role 'tpm'"
        in result.stderr
    )


def test_every_command_works_on_a_layered_catalogue(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", FIXTURE)
    base = ["--no-builtin", "--catalogue", str(ours)]
    for args in (
        ["show", "a"],
        ["compare", "a", "b"],
        ["list", "--skill", "coding"],
        ["search", "budgeting"],
        ["similar", "a"],
        ["stakeholders"],
        ["stakeholders", "legal"],
        ["which", "b"],
    ):
        result = invoke(*base, *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stderr == ""
    assert invoke(*base, "validate", str(ours)).exit_code == 0


def test_similarity_arithmetic_through_the_cli_on_a_fixture(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", FIXTURE)
    document = as_json(invoke, "--no-builtin", "--catalogue", str(ours), "compare", "a", "b")
    scores = {a["key"]: a["similarity"] for a in document["aspects"]}
    # Per aspect, each side's items count by whether the other side has them:
    # skills {market analysis, budgeting} vs {market analysis, coding}: 2 of 4;
    # tools {crm} vs {crm, jira}: 2 of 3; interactions {sales, legal} vs {sales}: 2 of 3.
    assert scores == {"skills": 0.5, "tools": 0.667, "interactions": 0.667}
    pair = document["pairs"][0]["similarity"]
    assert document["similarity"] == pair["score"]
    assert pair["confidence"] == "low"  # four items on the thinner side
    ranked = as_json(invoke, "--no-builtin", "--catalogue", str(ours), "similar", "a")["similar"]
    reasons = ranked[0]["similarity"]["reasons"]
    shared = {r["aspect"]: [c["met"] for c in r["concepts"]] for r in reasons if r["concepts"]}
    assert shared  # what met, as the other role words it
    assert set(shared) <= {"skills", "tools", "interactions"}
    assert shared.get("skills", ["analysis of markets"]) == ["analysis of markets"]


def test_completion_offers_roles_from_layered_files(tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", "roles:\n  growth-pm:\n    name: Growth PM\n")
    env = {
        **os.environ,
        "_PMROLES_COMPLETE": "complete_bash",
        "COMP_WORDS": f"pmroles --catalogue {ours} show gr",
        "COMP_CWORD": "4",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv[0] = 'pmroles'; from pmroles.cli import main; main()",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.stdout.split() == ["growth-pm"], result.stderr


# -- init ----------------------------------------------------------------------------------


def test_init_writes_a_starter_that_validates_and_works(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "ours.yaml"
    result = invoke("init", str(path))
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == STARTER
    assert STARTER.startswith("# yaml-language-server: $schema=catalogue.schema.json\n")
    assert json.loads((tmp_path / "catalogue.schema.json").read_text())["$schema"].endswith(
        "draft-07/schema#"
    )
    assert invoke("validate", "--strict", str(path)).exit_code == 0
    role = as_json(invoke, "--catalogue", str(path), "show", "growth-pm")["role"]
    assert role["name"] == "Growth Product Manager"
    assert (
        as_json(invoke, "--catalogue", str(path), "show", "tpm")["role"]["tools"][-1]
        == "our internal roadmap tracker"
    )


def test_init_never_overwrites_without_force(invoke: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "ours.yaml", "mine\n")
    before = path.stat().st_mtime_ns
    result = invoke("init", str(path))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {path} already exists; it was left untouched (use --force to replace it)\n"
    )
    assert path.read_text() == "mine\n"
    assert path.stat().st_mtime_ns == before
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    assert invoke("init", "--force", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == STARTER


def test_init_into_a_missing_directory_is_one_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "no" / "such" / "dir.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: cannot write {tmp_path / 'no' / 'such' / 'dir.yaml'}: "
    )


def test_warnings_print_once_on_stderr_like_errors(invoke: Invoke, tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", "roles:\n  x:\n    name: X\n    interactions: [hr]\n")
    result = invoke("--catalogue", str(ours), "show", "x")
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"{ours}:4:20: warning: roles.x.interactions[0]: unknown stakeholder 'hr'\n"
    )
    assert result.stdout.startswith("X (x)\n")
