"""``bbtool check`` end to end: every output format and exit code; ``bbtool schema``, and
the schema ``init`` writes. (What ``check`` finds: tests/unit/app/test_check.py.)"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _answers import BAD, BAD_LINES, BAD_WARNING, GOOD
from _demo import DEMO
from bbtool.app.check import check_paths
from bbtool.core.models import Framework
from bbtool.errors import Problem
from bbtool.render.problems import as_gitlab, fingerprint
from bbtool.render.schema import score_file_schema

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]


# ----------------------------------------------------------------- the CLI


def test_cli_check_text_and_exit_codes(
    make_workspace: MakeWorkspace, in_tmp: Path, run: Run
) -> None:
    ws = make_workspace({"a.yaml": GOOD, "b.yaml": BAD})
    os.chdir(ws)
    unanswered = (
        "participants/a.yaml:3:1: warning: 10 of 12 enablers not answered yet: "
        "joint-governance, communicating-why, mutual-understanding, working-practices, "
        "locality, single-service, information-sharing, delivery-partners, "
        "families-as-partners, continuous-improvement"
    )
    result = run("check")
    assert result.exit_code == 1
    # a file with errors shows its warnings in the same run (issue 15, item 17)
    assert result.stdout.splitlines() == [unanswered, BAD_WARNING, *BAD_LINES]
    assert result.stderr == "bbtool: 3 error(s), 2 warning(s) in 3 file(s) checked\n"
    Path("participants/b.yaml").unlink()
    clean = run("check")
    assert clean.exit_code == 0, clean.output  # a warning alone does not fail
    assert clean.stdout.splitlines() == [unanswered]
    assert clean.stderr == "bbtool: 0 error(s), 1 warning(s) in 2 file(s) checked\n"
    missing = run("check", "missing")
    assert missing.exit_code == 2
    assert missing.stderr == "bbtool: missing: no such file or folder\n"
    assert run("check", "--format", "xml").exit_code == 2


def test_cli_check_warnings_fail_only_when_strict(in_tmp: Path, run: Run) -> None:
    relaxed = run("check", DEMO)
    assert relaxed.exit_code == 0
    assert relaxed.stdout.count(": warning: ") == 2
    assert run("check", DEMO, "--strict").exit_code == 1


def test_cli_check_json(make_workspace: MakeWorkspace, in_tmp: Path, run: Run) -> None:
    ws = make_workspace({"b.yaml": BAD})
    os.chdir(ws)
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert (data["files"], data["errors"], data["warnings"]) == (2, 3, 1)
    assert data["problems"][0]["severity"] == "warning"
    assert data["problems"][2] == {
        "path": "participants/b.yaml",
        "line": 5,
        "column": 18,
        "severity": "error",
        "message": "scores.common-agenda: 6 is not on the scale; use a whole number from 1 "
        "to 5, or skip",
    }


def test_cli_check_github_chosen_automatically(
    make_workspace: MakeWorkspace, in_tmp: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace({"b.yaml": BAD})
    os.chdir(ws)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2] == (
        "::error file=participants/b.yaml,line=5,col=18,title=bbtool::"
        "scores.common-agenda: 6 is not on the scale; use a whole number from 1 to 5, or skip"
    )
    # asked for explicitly, text wins
    assert run("check", "--format", "text").stdout.splitlines() == [BAD_WARNING, *BAD_LINES]


def test_cli_check_gitlab_report(make_workspace: MakeWorkspace, in_tmp: Path, run: Run) -> None:
    ws = make_workspace({"b.yaml": BAD})
    os.chdir(ws)
    result = run("check", "--format", "gitlab", "--output", "cq.json")
    assert result.exit_code == 1
    # the job log still reads plainly
    assert result.stdout.splitlines() == [BAD_WARNING, *BAD_LINES]
    report = json.loads(Path("cq.json").read_text())
    assert len(report) == 4
    assert report[0]["severity"] == "minor"
    first = report[1]
    assert first["check_name"] == "bbtool"
    assert first["severity"] == "major"
    assert first["location"] == {"path": "participants/b.yaml", "lines": {"begin": 4}}
    assert first["description"].startswith("scores.leadership: yes/true/no/false")
    assert len({entry["fingerprint"] for entry in report}) == 4
    # stable across runs
    again = json.loads(as_gitlab(check_paths([Path(".")]).problems))
    assert [e["fingerprint"] for e in again] == [e["fingerprint"] for e in report]
    assert fingerprint(Problem("a", 1, 1, "m")) != fingerprint(Problem("a", 1, 2, "m"))


# ------------------------------------------------------------------- schema


def test_cli_schema_prints_json(run: Run, framework: Framework) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == score_file_schema(framework)


def test_init_writes_schema_and_points_templates_at_it(tmp_path: Path, run: Run) -> None:
    result = run("init", tmp_path / "ws", "--area", "Testham", "--participants", "2")
    assert result.exit_code == 0, result.output
    schema = json.loads((tmp_path / "ws" / "bbtool.schema.json").read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    template = (tmp_path / "ws" / "participants" / "01-participant.yaml").read_text()
    assert template.splitlines()[0] == "# yaml-language-server: $schema=../bbtool.schema.json"
