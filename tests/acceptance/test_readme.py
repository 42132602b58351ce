"""The README's Python example runs as written and says what the CLI says."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from _demo import ROOT


def _python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


@pytest.mark.slow
def test_the_python_example_runs_and_matches_the_cli(tmp_path: Path) -> None:
    (example,) = _python_blocks()
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    done = subprocess.run(
        [sys.executable, "-c", example],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "BBTOOL_WORKERS": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 12
    assert lines[8].split() == ["Information", "sharing", "2.00", "LOW"]
    assert lines[10].split() == ["Families", "as", "partners", "3.00", "POLARISED"]
    made = json.loads((tmp_path / "out" / "northbridge-2026-spring.json").read_text("utf-8"))
    assert list(made["groups"]) == ["sector"]
    assert (tmp_path / "out" / "northbridge-2026-spring.md").is_file()
