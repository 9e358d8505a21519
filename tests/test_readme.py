"""The README tells the truth: its example output is what the commands print, and its quick
start is two commands, the second of which is what CI runs.

`PMROLES_UPDATE_GOLDEN=1` rewrites the output blocks after an intended change.
"""

from __future__ import annotations

import os
import re
import shlex

from .conftest import ROOT, Invoke

README = ROOT / "README.md"
BLOCK = re.compile(
    r"<!-- output(?:\(head=(?P<head>\d+)\))?: (?P<args>[^>]*?) -->\n```\n(?P<body>.*?)```\n",
    re.DOTALL,
)
README_WIDTH = "80"


def test_readme_output_blocks_match_the_commands(invoke: Invoke) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 3

    def actual(match: re.Match[str]) -> str:
        result = invoke(*shlex.split(match["args"]), env={"COLUMNS": README_WIDTH})
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines(keepends=True)
        return "".join(lines[: int(match["head"])] if match["head"] else lines)

    if os.environ.get("PMROLES_UPDATE_GOLDEN"):
        # Splice by position: a body may be empty or repeat elsewhere in the file.
        for match in reversed(blocks):
            start, end = match.span("body")
            text = text[:start] + actual(match) + text[end:]
        README.write_text(text, encoding="utf-8")
        blocks = list(BLOCK.finditer(text))
    for match in blocks:
        assert match["body"] == actual(match), match["args"]


def test_quick_start_is_two_commands_and_ci_runs_them() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- quickstart:begin -->", 1)[1].split("<!-- quickstart:end -->", 1)[0]
    commands = [line for line in section.splitlines() if line.startswith("python")]
    assert len(commands) == 2
    install_and_run, install_and_test = commands
    assert install_and_run.endswith("pmroles compare bpm tpm")
    assert '".[test]"' in install_and_test
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "quickstart:begin" in ci
    assert 'eval "$test_cmd"' in ci
