"""The README's Python example runs as written and says what the CLI says."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_action_plan_section_works_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bbtool.cli import app

    section = _section("After the meeting: the action plan")
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", section, re.DOTALL | re.MULTILINE)
    plan, date = [body for kind, body in blocks if kind == "yaml"]
    commands = [body.strip() for kind, body in blocks if not kind]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copytree(ROOT / "examples" / "demo", "northbridge-2026")
    Path("northbridge-2026/actions.yaml").write_text(plan, encoding="utf-8")
    with Path("northbridge-2026/bbtool.yaml").open("a", encoding="utf-8") as config:
        config.write(date)

    def run(command: str) -> Any:
        words = shlex.split(command)
        assert words[0] == "bbtool"
        return CliRunner().invoke(app, words[1:])

    check, report, init, compare = commands
    checked = run(check)
    # the demo's score files have warnings of their own, so --strict fails; the plan has
    # none: both flagged enablers have an action, nothing is overdue on 2026-03-12
    assert checked.exit_code == 1
    assert [ln for ln in checked.stdout.splitlines() if "actions.yaml" in ln] == []
    reported = run(report)
    assert reported.exit_code == 0, reported.output
    assert "2 actions, 2 open, 0 overdue as of 2026-03-12 (the meeting date)." in reported.stdout
    out = Path("northbridge-2026/report")
    data = json.loads((out / "northbridge-2026-spring.json").read_text(encoding="utf-8"))
    first = data["actions"][0]["enablers"][0]
    assert (first["id"], first["mean"], first["flags"]) == ("information-sharing", 2.0, ["low"])
    assert (first["agreed"], first["target"]) == (2, 3)
    assert {"northbridge-2026-spring.xlsx", "northbridge-2026-spring.html"} <= {
        p.name for p in out.iterdir()
    }
    started = run(init)
    assert started.exit_code == 0, started.output
    carried = Path("northbridge-2027/actions.yaml").read_text(encoding="utf-8")
    assert "share-birth-data" in carried
    assert "fathers-in-the-forum" in carried
    # a year on: everyone answers again (as last year), and one action is done
    for blank in Path("northbridge-2027/participants").iterdir():
        blank.unlink()
    for file in Path("northbridge-2026/participants").iterdir():
        shutil.copy(file, Path("northbridge-2027/participants") / file.name)
    Path("northbridge-2027/actions.yaml").write_text(
        carried.replace("status: agreed", "status: done\n    completed: 2026-11-30"),
        encoding="utf-8",
    )
    compared = run(compare)
    assert compared.exit_code == 0, compared.output
    md = Path("northbridge-2027/report") / "compare-northbridge-2026-spring-to-2027-spring.md"
    text = md.read_text(encoding="utf-8")
    assert "## The action plan reviewed" in text
    assert "| agreed → done | on time |" in text
    assert "- Carried over (open in both rounds): fathers-in-the-forum" in text
