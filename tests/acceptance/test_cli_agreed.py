"""agreed.yaml end to end: the scores the partnership agreed in its meeting, and
targets, through ``report`` and ``check`` (exact ``path:line:col: message`` lines and
exit codes), and the gap to the mean in the JSON and the terminal.

Loading it is tested in tests/unit/workspace/test_loader.py; the gap against
hand-computed values in the scoring core, the Markdown and the workbook in
tests/unit/core/test_scoring.py, tests/unit/render/test_markdown.py and
tests/unit/render/xlsx/test_report.py. The workspace: tests/_agreed.py.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _agreed import USE, agreed_workspace
from _demo import DEMO
from bbtool.app.check import check_paths

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]

pytestmark = pytest.mark.usefixtures("in_tmp")


# ------------------------------------------------------------ report and check


def test_report_lists_every_problem_in_every_file(make_workspace: MakeWorkspace, run: Run) -> None:
    root = agreed_workspace(make_workspace, agreed="agreed:\n  leadership: 9\n")
    (root / "participants" / "b.yaml").write_text(
        "participant:\n  name: Bob\nscores:\n  leadership: 7\n"
    )
    result = run("report", root, "--json")
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ": warning: " not in ln]
    assert errors == [
        f"ws/agreed.yaml:2:15: agreed.leadership: 9 is not on the scale; {USE}",
        f"ws/participants/b.yaml:4:15: scores.leadership: 7 is not on the scale; {USE}",
        "bbtool: 2 error(s) in 2 file(s); nothing was written",
    ]
    assert not (root / "report").exists()


def test_check_looks_at_agreed_yaml(make_workspace: MakeWorkspace, run: Run) -> None:
    root = agreed_workspace(make_workspace)
    result = check_paths([root])
    assert result.errors == []
    assert result.files == 5  # three score files, bbtool.yaml and agreed.yaml
    (root / "agreed.yaml").write_text("agreed:\n  leadrship: 4\ntargets:\n  leadership: 3\n")
    lines = [
        "ws/agreed.yaml:2:3: agreed: 'leadrship' is not an enabler; did you mean 'leadership'?"
    ]
    workspace = run("check", root)
    assert workspace.exit_code == 1
    assert [ln for ln in workspace.stdout.splitlines() if "agreed.yaml" in ln] == lines
    alone = run("check", root / "agreed.yaml")
    assert alone.exit_code == 1
    assert alone.stdout.splitlines() == lines
    assert alone.stderr == "bbtool: 1 error(s), 0 warning(s) in 1 file(s) checked\n"
    # a target below the agreed score warns; only --strict fails on it
    (root / "agreed.yaml").write_text("agreed:\n  leadership: 4\ntargets:\n  leadership: 3\n")
    warned = run("check", root / "agreed.yaml")
    assert warned.exit_code == 0
    assert warned.stdout.startswith("ws/agreed.yaml:4:15: warning: targets.leadership: 3 is below")
    assert run("check", "--strict", root / "agreed.yaml").exit_code == 1


def test_an_agreed_yaml_outside_a_workspace_is_checked_against_the_built_in_framework(
    run: Run,
) -> None:
    Path("agreed.yaml").write_text("agreed:\n  leadership: 6\n")
    result = run("check", "agreed.yaml")
    assert result.exit_code == 1
    assert result.stdout == f"agreed.yaml:2:15: agreed.leadership: 6 is not on the scale; {USE}\n"


# ---------------------------------------------------------------------- writers


def test_json_holds_agreed_gap_and_target(make_workspace: MakeWorkspace, run: Run) -> None:
    root = agreed_workspace(make_workspace)
    result = run("report", root, "--json", "--quiet")
    assert result.exit_code == 0, result.output
    data = json.loads((root / "report" / "testham-2026-spring.json").read_text())
    by_id = {e["id"]: e for e in data["enablers"]}
    lead = by_id["leadership"]
    assert (lead["mean"], lead["agreed"], lead["target"]) == (10 / 3, 4, 5)
    assert lead["gap"] == 4 - 10 / 3
    assert lead["to_target"] == 1
    assert lead["agreed_note"] == "Board agreed 4: the strategy is signed off, not yet funded"
    assert by_id["common-agenda"]["gap"] == 3 - 13 / 3
    assert (by_id["joint-governance"]["agreed"], by_id["joint-governance"]["gap"]) == ("skip", None)
    assert by_id["mutual-understanding"]["agreed"] is None
    # the keys every enabler had before are all still there
    assert {"n", "mean", "sd", "scores", "theme", "short_title"} <= set(lead)


def test_terminal_shows_agreed_gap_and_target(make_workspace: MakeWorkspace, run: Run) -> None:
    root = agreed_workspace(make_workspace)
    result = run("report", root)
    assert result.exit_code == 0, result.output
    rows = {ln.split("  ")[0]: ln.split() for ln in result.stdout.splitlines()}
    header = rows["Enabler"]
    assert header[:5] == ["Enabler", "Mean", "Agreed", "Gap", "Target"]
    assert rows["Senior leadership"][2:7] == ["3.33", "4", "+0.67", "5", "2–5"]
    assert rows["Common agenda"][2:7] == ["4.33", "3", "-1.33", "–", "4–5"]
    assert rows["Joint governance"][2:6] == ["–", "skip", "–", "3"]
    assert rows["Locality organisation"][2:6] == ["–", "2", "–", "–"]
    assert rows["Single service"][2:6] == ["–", "–", "–", "4"]
    # without agreed.yaml, no such columns
    (root / "agreed.yaml").unlink()
    plain = run("report", root)
    assert "Agreed" not in plain.stdout
    assert "Target" not in plain.stdout


# ---------------------------------------------------------------------- the demo


def test_the_demo_meeting_agreed_scores(run: Run, tmp_path: Path) -> None:
    demo = Path(shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns("report")))
    assert check_paths([demo]).errors == []
    result = run("report", demo, "--json", "-q")
    assert result.exit_code == 0, result.output
    data = json.loads((demo / "report" / "northbridge-2026-spring.json").read_text())
    families = next(e for e in data["enablers"] if e["id"] == "families-as-partners")
    # the polarised enabler: mean 3.0, agreed 2 in the meeting
    assert (families["mean"], families["agreed"], families["gap"]) == (3.0, 2, -1.0)
    assert (families["target"], families["to_target"]) == (3, 1)
