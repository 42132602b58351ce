"""bbtool check: what it looks at, every output format, exit codes; the schema; CI files."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import Result

from _demo import DEMO, ROOT
from bbtool.app.check import check_paths
from bbtool.core.models import Framework
from bbtool.errors import Problem, UsageError
from bbtool.render.problems import as_github, as_gitlab, fingerprint
from bbtool.render.schema import score_file_schema

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]

GOOD = "participant:\n  name: Ann\nscores:\n  leadership: 4\n  common-agenda: 2\n"
# line 4: a boolean; line 5: off the scale; line 6: a typo
BAD = "participant:\n  name: Bob\nscores:\n  leadership: yes\n  common-agenda: 6\n  leadrship: 2\n"
BAD_LINES = [
    "participants/b.yaml:4:15: scores.leadership: yes/true/no/false is not a score; "
    "use a whole number from 1 to 5, or skip",
    "participants/b.yaml:5:18: scores.common-agenda: 6 is not on the scale; "
    "use a whole number from 1 to 5, or skip",
    "participants/b.yaml:6:3: scores: 'leadrship' is not an enabler; did you mean 'leadership'?",
]


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
        "thresholds",
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
    assert result.stdout.splitlines() == [unanswered, *BAD_LINES]
    assert result.stderr == "bbtool: 3 error(s), 1 warning(s) in 3 file(s) checked\n"
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
    assert (data["files"], data["errors"], data["warnings"]) == (2, 3, 0)
    assert data["problems"][1] == {
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
    assert result.stdout.splitlines()[1] == (
        "::error file=participants/b.yaml,line=5,col=18,title=bbtool::"
        "scores.common-agenda: 6 is not on the scale; use a whole number from 1 to 5, or skip"
    )
    # asked for explicitly, text wins
    assert run("check", "--format", "text").stdout.splitlines() == BAD_LINES


def test_github_escaping() -> None:
    problem = Problem("a,b:c%.yaml", 3, None, "50% of\nit\r", "warning")
    assert as_github([problem]) == (
        "::warning file=a%2Cb%3Ac%25.yaml,line=3,title=bbtool::50%25 of%0Ait%0D\n"
    )
    whole_file = Problem("x.yaml", None, None, "is empty")
    assert as_github([whole_file]) == "::error file=x.yaml,title=bbtool::is empty\n"


def test_cli_check_gitlab_report(make_workspace: MakeWorkspace, in_tmp: Path, run: Run) -> None:
    ws = make_workspace({"b.yaml": BAD})
    os.chdir(ws)
    result = run("check", "--format", "gitlab", "--output", "cq.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BAD_LINES  # the job log still reads plainly
    report = json.loads(Path("cq.json").read_text())
    assert len(report) == 3
    first = report[0]
    assert first["check_name"] == "bbtool"
    assert first["severity"] == "major"
    assert first["location"] == {"path": "participants/b.yaml", "lines": {"begin": 4}}
    assert first["description"].startswith("scores.leadership: yes/true/no/false")
    assert len({entry["fingerprint"] for entry in report}) == 3
    # stable across runs
    again = json.loads(as_gitlab(check_paths([Path(".")]).problems))
    assert [e["fingerprint"] for e in again] == [e["fingerprint"] for e in report]
    assert fingerprint(Problem("a", 1, 1, "m")) != fingerprint(Problem("a", 1, 2, "m"))


# ------------------------------------------------------------------- schema


def test_schema_accepts_the_demo_and_refuses_bad_files(framework: Framework) -> None:
    schema = score_file_schema(framework)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for file in sorted((DEMO / "participants").glob("*.yaml")):
        assert list(validator.iter_errors(yaml.safe_load(file.read_text()))) == [], file
    bad_answers: list[dict[str, object]] = [
        {"participant": {"name": "A"}, "scores": {"leadership": True}},
        {"participant": {"name": "A"}, "scores": {"leadership": 3.5}},
        {"participant": {"name": "A"}, "scores": {"leadership": 0}},
        {"participant": {"name": "A"}, "scores": {"leadership": 6}},
        {"participant": {"name": "A"}, "scores": {"leadership": "four"}},
        {"participant": {"name": "A"}, "scores": {"leadrship": 2}},
        {"participant": {"name": "A"}, "indicators": {"leadership.7": 2}},
        {"participant": {"name": "A"}, "challenges": ["no-such-challenge"]},
        {"participant": {"name": "A"}, "reflections": {"leadership": "x"}},
        {"participant": {"name": ""}},
        {"participant": {"organisation": "X"}},
        {"participant": {"name": "A"}, "extra": 1},
    ]
    for answers in bad_answers:
        assert not validator.is_valid(answers), answers


def test_schema_lists_ids_with_titles(framework: Framework) -> None:
    schema = score_file_schema(framework)
    scores = schema["properties"]["scores"]["properties"]
    assert list(scores) == [e.id for e in framework.enablers]
    first = framework.enablers[0]
    assert scores[first.id]["description"].startswith(first.title)
    assert len(schema["properties"]["indicators"]["properties"]) == 55


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


# --------------------------------------------------------------- CI files


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "bbtool-check"
    assert hook["entry"] == "bbtool check"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("areas/north/participants/01-ann.yaml")
    assert pattern.search("bbtool.yaml")
    assert not pattern.search("framework/enablers.yaml")
    assert not pattern.search("report/northbridge.json")
