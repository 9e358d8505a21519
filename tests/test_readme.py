"""The README and the pages under docs/ tell the truth: their example output is what the commands
print, their links lead somewhere, and the README's quick start is two commands, the second of
which is what CI runs.

`PMROLES_UPDATE_GOLDEN=1` rewrites the output blocks after an intended change.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from .conftest import ROOT, Invoke

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
BLOCK = re.compile(
    r"<!-- output(?:\(head=(?P<head>\d+)\))?: (?P<args>[^>]*?) -->\n```\n(?P<body>.*?)```\n",
    re.DOTALL,
)
README_WIDTH = "80"
README_MAX_LINES = 160
"""About 150 lines: what it is, the quick start, three examples, who uses what, and links."""
CARD_COMMANDS = ["show tpm", "compare bpm tpm", "list --stakeholder sales"]
"""The three questions the README answers with output, one per audience it names first."""


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def test_there_are_docs_pages() -> None:
    assert len(PAGES) > 1, "docs/*.md not found"


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_output_blocks_match_the_commands(invoke: Invoke, page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    if page == README:
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
        page.write_text(text, encoding="utf-8")
        blocks = list(BLOCK.finditer(text))
    for match in blocks:
        assert match["body"] == actual(match), f"{_name(page)}: {match['args']}"


def test_readme_shows_the_three_card_commands_briefly() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = {match["args"]: match["head"] for match in BLOCK.finditer(text)}
    for args in CARD_COMMANDS:
        assert args in blocks, f"README has no output block for `pmroles {args}`"
        assert blocks[args], f"`pmroles {args}` in the README needs head=N to stay short"


def test_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, "move detail to docs/ and link to it"


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


# [text](target) outside code, the text perhaps over two lines; a target has no spaces.
LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```$", re.DOTALL | re.MULTILINE)
CODE = re.compile(r"``.+?``|`[^`]+`", re.DOTALL)
HEADING = re.compile(r"^#{1,6} (?P<title>.+?)\s*$", re.MULTILINE)


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to -."""
    anchors: set[str] = set()
    for match in HEADING.finditer(FENCE.sub("", text)):
        slug = re.sub(r"[^\w\- ]", "", match["title"].lower()).replace(" ", "-")
        candidate, n = slug, 0
        while candidate in anchors:
            n += 1
            candidate = f"{slug}-{n}"
        anchors.add(candidate)
    return anchors


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_links_within_the_project_lead_somewhere(page: Path) -> None:
    text = CODE.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))
    for match in LINK.finditer(text):
        target = match["target"]
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.is_relative_to(ROOT), f"{_name(page)}: {target} leaves the project"
        assert linked.exists(), f"{_name(page)}: {target} does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), (
                f"{_name(page)}: {target}: no heading with that anchor"
            )
