"""Measure pmroles against the Python interpreter's own start-up, on this machine, now.

    python bench/bench.py [--runs 21] [--output bench/results.json]

Run it after installing pmroles (it installs nothing). Every row is the median wall time of
whole processes, each run paired with a run of `python -c pass` of the same interpreter
taken just before it, so load on a shared machine hits both sides alike; the ratio is
median(command) / median(python -c pass). Warm-up runs come first and build pmroles' cache
in a temporary directory, so the rows measure the warm state people live in; the
first-load row clears that cache before each run. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOT = 7.0
"""show, compare and list, the commands people run most."""
ORDINARY = 8.0
"""Every other command's ordinary form, and every command with --format json."""
COMMANDS: list[tuple[list[str], float]] = [
    (["show", "tpm"], HOT),
    (["compare", "bpm", "tpm"], HOT),
    (["list"], HOT),
    (["list", "--stakeholder", "sales"], HOT),
    (["search", "backlog"], ORDINARY),
    (["similar", "po"], ORDINARY),
    (["match", "--skill", "market analysis", "--background", "economics"], ORDINARY),
    (["match", "--skill", "coding", "--stakeholder", "sales"], ORDINARY),
    (["list", "--skill", "coding", "--skill", "budgeting", "--market", "b2b"], HOT),
    (["values", "skills"], ORDINARY),
    (["matrix"], ORDINARY),
    (["map"], ORDINARY),
    (["stakeholders"], ORDINARY),
    (["stakeholders", "sales"], ORDINARY),
    (["which", "tpm"], ORDINARY),
]
"""Each command's ordinary form; each is measured again with --format json (at ORDINARY)."""
TARGETS = {
    **{" ".join(args): target for args, target in COMMANDS},
    **{" ".join([*args, "--format", "json"]): ORDINARY for args, _ in COMMANDS},
    "complete a role id": 2.0,
    "complete a skill": 2.0,
    "--help": 12.0,
    "show on 10,000 roles (warm)": 15.0,
}
FIRST_LOAD_LIMIT_S = 3.0
MEMORY_LIMIT_MIB = 20.0


def program() -> list[str]:
    """The installed `pmroles` beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name("pmroles")
    found = str(beside) if beside.exists() else shutil.which("pmroles")
    if not found:
        sys.exit("bench: no installed `pmroles` found; install pmroles first")
    return [found]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} exited {process.returncode}")
    return elapsed, usage.ru_maxrss


def paired(command: list[str], env: dict[str, str], runs: int, warmup: int = 3) -> dict[str, float]:
    baseline = [sys.executable, "-c", "pass"]
    for _ in range(warmup):
        timed(baseline, env)
        timed(command, env)
    base, measured, memory = [], [], []
    for _ in range(runs):
        base.append(timed(baseline, env)[0])
        seconds, kib = timed(command, env)
        measured.append(seconds)
        memory.append(kib)
    return {
        "median_ms": round(statistics.median(measured) * 1000, 1),
        "python_pass_ms": round(statistics.median(base) * 1000, 1),
        "ratio": round(statistics.median(measured) / statistics.median(base), 2),
        "peak_mib": round(max(memory) / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--roles", type=int, default=10_000, help="size of the synthetic catalogue")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    pmroles = program()
    work = Path(tempfile.mkdtemp(prefix="pmroles-bench-"))
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(work / "cache"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "COLUMNS": "100",
    }
    env.pop("PMROLES_CATALOGUE", None)
    # With this set, an editable install whose bytecode predates an edit recompiles pmroles
    # on every run and the rows measure the compiler. Users' installs have bytecode (pip
    # compiles wheels as it installs them), so the warm-up runs are let write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    big = work / "big.yaml"
    with big.open("w", encoding="utf-8") as handle:
        subprocess.run(
            [sys.executable, str(HERE / "make_catalogue.py"), str(args.roles)],
            stdout=handle,
            check=True,
        )
    complete_env = {
        **env,
        "_PMROLES_COMPLETE": "complete_bash",
        "COMP_WORDS": "pmroles show t",
        "COMP_CWORD": "2",
    }
    rows: dict[str, dict[str, float]] = {}
    try:
        for command, _ in COMMANDS:
            for form in (command, [*command, "--format", "json"]):
                rows[" ".join(form)] = paired([*pmroles, *form], env, args.runs)
        rows["complete a role id"] = paired(pmroles, complete_env, args.runs)
        skill_env = {**complete_env, "COMP_WORDS": "pmroles list --skill ", "COMP_CWORD": "3"}
        rows["complete a skill"] = paired(pmroles, skill_env, args.runs)
        rows["--help"] = paired([*pmroles, "--help"], env, args.runs)
        first = []
        for _ in range(3):
            shutil.rmtree(work / "cache", ignore_errors=True)
            first.append(timed([*pmroles, "--catalogue", str(big), "show", "r05000"], env)[0])
        big_show = [*pmroles, "--catalogue", str(big), "show", "r05000"]
        rows["show on 10,000 roles (warm)"] = paired(big_show, env, args.runs)
        first_load_s = round(statistics.median(first), 2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    memory = rows["show tpm"]["peak_mib"]
    machine = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
    }
    print(f"pmroles benchmark on {machine['platform']} ({machine['cpus']} CPUs)")
    print(f"Python {machine['python']}, median of {args.runs} paired runs\n")
    print(f"{'row':64} {'median':>10} {'python -c pass':>15} {'ratio':>7} {'target':>7}  ok")
    verdicts = []

    def report(name: str, value: str, base: str, ratio: str, target: str, ok: bool) -> None:
        verdicts.append(ok)
        print(f"{name:64} {value:>10} {base:>15} {ratio:>7} {target:>7}  {'yes' if ok else 'NO'}")

    for name, row in rows.items():
        report(
            name,
            f"{row['median_ms']:.1f}ms",
            f"{row['python_pass_ms']:.1f}ms",
            f"{row['ratio']:.2f}x",
            f"{TARGETS[name]:.0f}x",
            row["ratio"] <= TARGETS[name],
        )
    report(
        f"first load of {args.roles:,} roles",
        f"{first_load_s:.2f}s",
        "",
        "",
        f"{FIRST_LOAD_LIMIT_S:.0f}s",
        first_load_s <= FIRST_LOAD_LIMIT_S,
    )
    report(
        "peak memory of show tpm",
        f"{memory:.1f}MiB",
        "",
        "",
        f"{MEMORY_LIMIT_MIB:.0f}MiB",
        memory <= MEMORY_LIMIT_MIB,
    )
    args.output.write_text(
        json.dumps(
            {
                "machine": machine,
                "runs": args.runs,
                "rows": rows,
                "first_load_s": first_load_s,
                "all_within_targets": all(verdicts),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
