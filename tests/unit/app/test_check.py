"""``check_paths``: what ``bbtool check`` looks at, and every problem it finds, with its
place. (The command's output formats and exit codes: tests/acceptance/test_cli_check.py.)"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from _answers import BAD, BAD_LINES, GOOD
from _demo import DEMO
from bbtool.app.check import check_paths
from bbtool.errors import Problem, UsageError

MakeWorkspace = Callable[..., Path]


def _messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_check_reports_every_problem_with_its_place(
    make_workspace: MakeWorkspace, in_tmp: Path
) -> None:
    ws = make_workspace({"a.yaml": GOOD, "b.yaml": BAD})
    os.chdir(ws)
    result = check_paths([Path(".")])
    errors = [str(p) for p in result.errors]
    assert errors == BAD_LINES
    assert result.files == 3  # two score files and bbtool.yaml
    assert result.workspaces == 1


def test_check_demo_is_clean_with_its_two_warnings() -> None:
    result = check_paths([DEMO])
    assert result.errors == []
    assert [p.message for p in result.warnings] == [
        "1 of 12 enablers not answered yet: continuous-improvement",
        "7 of 12 scores are 3; the tool's advice: do not be tempted to score everything an "
        "average 3",
    ]
    assert result.files == 12  # ten score files, bbtool.yaml and agreed.yaml


def test_check_a_folder_of_workspaces(make_workspace: MakeWorkspace, in_tmp: Path) -> None:
    make_workspace({"a.yaml": GOOD}, name="areas/north")
    make_workspace({"a.yaml": GOOD.replace("Ann", "Bob"), "b.yaml": BAD}, name="areas/south")
    result = check_paths([Path("areas")])
    assert result.workspaces == 2
    assert {p.path for p in result.errors} == {"areas/south/participants/b.yaml"}
    # the same participant name in two areas is fine: their participants are not mixed
    make_workspace({"a.yaml": GOOD}, name="areas/east")
    assert check_paths([Path("areas")]).workspaces == 3


def test_check_single_files_and_settings(make_workspace: MakeWorkspace, in_tmp: Path) -> None:
    ws = make_workspace({"a.yaml": GOOD, "b.yaml": BAD}, config="area: X\nround: 1\nfoo: 2\n")
    result = check_paths([ws / "participants" / "a.yaml", ws / "bbtool.yaml"])
    assert _messages(result.problems) == [
        "ws/bbtool.yaml:3:1: 'foo' is not a setting; settings are: area, round, framework, "
        "thresholds, date, levels",
    ]


def test_check_usage_errors(in_tmp: Path) -> None:
    with pytest.raises(UsageError, match=r"^nowhere: no such file or folder$"):
        check_paths([Path("nowhere")])
    Path("empty").mkdir()
    with pytest.raises(UsageError, match=r"^empty: not a workspace \(no bbtool.yaml"):
        check_paths([Path("empty")])
    Path("notes.txt").write_text("hi")
    with pytest.raises(UsageError, match="not a score file"):
        check_paths([Path("notes.txt")])
