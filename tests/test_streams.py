"""How the real process ends when its output cannot be written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

COMMAND = [sys.executable, "-m", "pmroles", "compare", "bpm", "tpm"]


def test_closed_pipe_ends_quietly_with_sigpipe_status() -> None:
    with subprocess.Popen(
        COMMAND, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait() == 141
    assert stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            COMMAND, stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False
        )
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write the output: No space left on device\n"
