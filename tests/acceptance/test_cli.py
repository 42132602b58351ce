"""The command line, end to end: init, score and report (with the workbook and radar
charts it writes), help, and their messages and exit codes. Other commands and
options have their own files beside this one: test_cli_<topic>.py.

Every test runs inside its own temporary folder, so paths in messages are relative.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup, TyperOption
from typer.testing import Result

from _demo import DEMO, ROOT
from _outputs import outputs
from _workbook import SHEETS, load
from bbtool import __version__
from bbtool.cli import app
from bbtool.core.models import Framework
from bbtool.core.results import Grouping, Report
from bbtool.core.scoring import score
from bbtool.render.radar.frame import figure_bytes
from bbtool.render.radar.report import build_radars
from bbtool.workspace.loader import Workspace, load_workspace

DEMO_JSON = "northbridge-2026-spring.json"

Run = Callable[..., Result]
MakeWorkspace = Callable[..., Path]

FILE = "participant:\n  name: Ann\n  sector: health\nscores:\n"  # scores start on line 5


pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.fixture
def demo_copy(in_tmp: Path) -> Path:
    """A copy of the demo workspace, ``demo`` in the current folder, safe to write
    reports into."""
    return Path(shutil.copytree(DEMO, "demo", ignore=shutil.ignore_patterns("report")))


def full_scores(framework: Framework, special: dict[str, int | str | None] | None = None) -> str:
    """A score file for Ann with every enabler 4, except as given (None: blank)."""
    lines = []
    for e in framework.enablers:
        value = (special or {}).get(e.id, 4)
        lines.append(f"  {e.id}:" + ("" if value is None else f" {value}"))
    return FILE + "\n".join(lines) + "\n"


def lines(text: str) -> list[str]:
    return text.splitlines()


# ------------------------------------------------------------------------ init


def test_init_writes_config_and_templates(run: Run) -> None:
    result = run("init", "ws", "--area", "Testham", "--round", "2026 spring", "--names", "A,B")
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [
        "wrote ws/bbtool.yaml",
        "wrote ws/bbtool.schema.json",
        "wrote ws/actions.schema.json",
        "wrote ws/.gitignore",
        "wrote ws/participants/01-a.yaml",
        "wrote ws/participants/02-b.yaml",
        "Next: each participant fills in their file in ws/participants; "
        "check them with: bbtool check ws; then: bbtool report ws",
    ]
    ws = load_workspace(Path("ws"))  # the config and the (blank) templates load
    assert (ws.config.area, ws.config.round) == ("Testham", "2026 spring")
    assert [r.name for r in ws.records] == ["A", "B"]


def test_init_numbered_blank_files(run: Run) -> None:
    result = run("init", "ws", "--participants", "3")
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in Path("ws/participants").iterdir())
    assert files == ["01-participant.yaml", "02-participant.yaml", "03-participant.yaml"]
    ws = load_workspace(Path("ws"))
    assert [r.name for r in ws.records] == ["Participant 1", "Participant 2", "Participant 3"]
    assert ws.config.area == "ws"  # the folder's name when --area is not given


def test_init_in_the_current_folder(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("here").mkdir()
    monkeypatch.chdir("here")
    result = run("init", "--area", "X")
    assert result.exit_code == 0, result.output
    assert Path("bbtool.yaml").is_file()
    assert Path("participants/01-participant.yaml").is_file()


def test_init_names_make_safe_file_names(run: Run) -> None:
    names = "Zoë O'Brien, ../../etc/passwd, CON, 李华, Ann  Lee"
    result = run("init", "ws", "--names", names)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("ws/participants").iterdir()) == [
        "01-zoë-o-brien.yaml",  # letters of every script are kept
        "02-etc-passwd.yaml",
        "03-con-file.yaml",  # a reserved device name on Windows
        "04-李华.yaml",
        "05-ann-lee.yaml",
    ]
    assert not Path("etc").exists()
    ws = load_workspace(Path("ws"))
    assert [r.name for r in ws.records] == [
        "Zoë O'Brien",
        "../../etc/passwd",
        "CON",
        "李华",
        "Ann  Lee",
    ]


def test_init_never_overwrites_and_says_so(run: Run) -> None:
    assert run("init", "ws", "--names", "A,B").exit_code == 0
    mine = Path("ws/participants/01-a.yaml")
    mine.write_text("participant:\n  name: A\nscores:\n  leadership: 5\n")
    config = Path("ws/bbtool.yaml").read_text()
    result = run("init", "ws", "--area", "Elsewhere", "--names", "C,B,A")
    assert result.exit_code == 0, result.output
    # named again in another order, A and B keep their files; only C is new
    assert lines(result.stdout)[:7] == [
        "wrote ws/participants/03-c.yaml",
        "kept ws/bbtool.yaml (exists already; not overwritten)",
        "kept ws/bbtool.schema.json (exists already; not overwritten)",
        "kept ws/actions.schema.json (exists already; not overwritten)",
        "kept ws/.gitignore (exists already; not overwritten)",
        "kept ws/participants/02-b.yaml (exists already; not overwritten)",
        "kept ws/participants/01-a.yaml (exists already; not overwritten)",
    ]
    assert mine.read_text() == "participant:\n  name: A\nscores:\n  leadership: 5\n"
    assert Path("ws/bbtool.yaml").read_text() == config


def test_init_gives_two_new_people_whose_names_read_alike_a_file_each(run: Run) -> None:
    result = run("init", "ws", "--names", "José,Jose")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("ws/participants").iterdir()) == [
        "01-josé.yaml",
        "02-jose.yaml",
    ]
    assert "kept" not in result.stdout
    files = ("01-josé.yaml", "02-jose.yaml")
    names = [Path(f"ws/participants/{f}").read_text() for f in files]
    assert 'name: "José"' in names[0]
    assert 'name: "Jose"' in names[1]


def test_init_participants_and_names_together(run: Run) -> None:
    result = run("init", "ws", "--participants", "2", "--names", "A,B")
    assert result.exit_code == 2
    assert result.stderr == "bbtool: give --participants or --names, not both\n"
    assert not Path("ws").exists()


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ("A,,B", "bbtool: --names: a name is empty; separate names with commas\n"),
        ("Ann,ann", "bbtool: --names: a name is given twice; each participant needs their own\n"),
        (
            "Ann," + "B" * 201,  # a score file's participant.name holds at most 200
            f"bbtool: --names: a name ('{'B' * 40}...') is 201 characters; the limit is 200\n",
        ),
        (
            "Ann\x1b[2J",
            "bbtool: --names: a name ('Ann\\x1b[2J') holds the control character U+001B; "
            "write plain text\n",
        ),
    ],
)
def test_init_bad_names(run: Run, names: str, message: str) -> None:
    result = run("init", "ws", "--names", names)
    assert result.exit_code == 2
    assert result.stderr == message
    assert not Path("ws").exists()


@pytest.mark.parametrize("option", ["--area", "--round"])
def test_init_area_and_round_within_bbtool_yaml_limits(run: Run, option: str) -> None:
    result = run("init", "ws", option, "x" * 201)
    assert result.exit_code == 2
    what = option.removeprefix("--")
    assert result.stderr == (
        f"bbtool: {option}: {what} ('{'x' * 40}...') is 201 characters; the limit is 200\n"
    )
    assert not Path("ws").exists()


@pytest.mark.parametrize("count", ["0", "501", "many"])
def test_init_bad_participant_count(run: Run, count: str) -> None:
    result = run("init", "ws", "--participants", count)
    assert result.exit_code == 2
    assert "--participants" in result.stderr
    assert not Path("ws").exists()


def test_init_where_a_file_stands_in_the_way(run: Run) -> None:
    Path("ws").write_text("not a folder")
    result = run("init", "ws")
    assert result.exit_code == 1
    assert result.stderr == "bbtool: ws: is a file, not a folder; nothing was written\n"


def _comments(text: str) -> str:
    """The comment text of a template, unwrapped: one line, single spaces."""
    words = " ".join(ln.strip().lstrip("#").strip() for ln in text.splitlines() if "#" in ln)
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", words))  # rejoin "day-to- day"


def test_template_lists_every_enabler_indicator_and_the_scale(
    run: Run, framework: Framework
) -> None:
    assert run("init", "ws", "--names", "Ann").exit_code == 0
    text = Path("ws/participants/01-ann.yaml").read_text(encoding="utf-8")
    comments = _comments(text)
    for e in framework.enablers:
        assert f"\n  {e.id}:\n" in text, e.id
        assert re.sub(r"-\s+", "-", e.title) in comments, e.id
    for _, ind in framework.indicators:
        assert f"  # {ind.id}:" in text, ind.id
    for point in framework.scale.points:
        assert f"{point.value} = {point.label}: {point.descriptor}" in comments
    assert "skip = No knowledge of this area" in comments  # the label as written
    for theme in framework.themes:
        assert f"\n  {theme.id}:\n" in text  # under reflections
    for challenge in framework.challenges:
        assert f"#   {challenge.id}  ({challenge.title})" in text
    assert 'name: "Ann"' in text


def test_filled_in_template_validates(run: Run, framework: Framework) -> None:
    assert run("init", "ws", "--names", "Ann,Bo").exit_code == 0
    for number, file in enumerate(sorted(Path("ws/participants").iterdir()), 1):
        text = file.read_text(encoding="utf-8")
        for i, e in enumerate(framework.enablers):
            value = "skip" if i == number - 1 else str((i + number) % 5 + 1)
            text = text.replace(f"\n  {e.id}:\n", f"\n  {e.id}: {value}\n", 1)
        text = text.replace("  # leadership.1:", "  leadership.1: 3 ", 1)
        text = text.replace("challenges: []", "challenges: [stretched-capacity]")
        text = text.replace("evidence:\n", 'evidence:\n  locality: "Hubs in every ward"\n')
        text = text.replace("  organisation:\n", "  organisation: NHS\n")
        text = text.replace("  people-and-place:\n", "  people-and-place: More GPs\n")
        file.write_text(text, encoding="utf-8")
    checked = run("score", "ws/participants/01-ann.yaml")
    assert checked.exit_code == 0, checked.output
    assert checked.stderr == ""  # no warnings: everything answered
    assert "11 scored, 1 skipped, 0 not answered; 1 indicator score\n" in checked.stdout
    result = run("report", "ws", "--json")
    assert result.exit_code == 0, result.output
    (written,) = outputs(Path("ws/report"))  # ws-<this year>.json
    leadership = json.loads(written.read_text())["enablers"][0]
    assert (leadership["n"], leadership["skipped"]) == (1, 1)  # Ann skipped it
    ws = load_workspace(Path("ws"))
    ann = ws.records[0].answers
    assert ann.participant.organisation == "NHS"
    assert ann.indicators == {"leadership.1": 3}
    assert ann.challenges == ["stretched-capacity"]
    assert ann.evidence == {"locality": "Hubs in every ward"}
    assert ann.reflections["people-and-place"] == "More GPs"


# ----------------------------------------------------------------------- score


def test_score_shows_answers_with_descriptors(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    content = full_scores(
        framework, {"leadership": 5, "common-agenda": "skip", "joint-governance": None}
    )
    make_workspace({"a.yaml": content})
    result = run("score", "ws/participants/a.yaml")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert lines(out)[0] == "Ann  health  (ws/participants/a.yaml)"
    row = {ln.split("  ")[0]: ln for ln in lines(out)}
    assert re.fullmatch(
        r"Senior leadership +5 +All descriptors in place and well embedded\. "
        r"Impact is evident\. *",
        row["Senior leadership"],
    )
    assert re.fullmatch(r"Common agenda +skip +No knowledge of this area *", row["Common agenda"])
    assert re.fullmatch(r"Joint governance +– +not answered *", row["Joint governance"])
    assert re.fullmatch(
        r"Locality organisation +4 +Most descriptors embedded, or a clear plan to get there "
        r"if not\. *",
        row["Locality organisation"],
    )
    for theme in framework.themes:
        assert theme.title in out
    assert "10 scored, 1 skipped, 1 not answered" in lines(out)
    assert result.stderr == (
        "ws/participants/a.yaml:4:1: warning: 1 of 12 enablers not answered yet: joint-governance\n"
    )


def test_score_shows_the_evidence_challenges_and_reflections_read(run: Run) -> None:
    """Issue 15, item 11: a participant confirms every word was read, not only scores."""
    shutil.copytree(DEMO, "demo")
    result = run("score", "demo/participants/05-fatima-begum.yaml")
    assert result.exit_code == 0, result.output
    out = [line.rstrip() for line in result.stdout.splitlines()]

    def after(heading: str) -> list[str]:
        return out[next(k for k, ln in enumerate(out) if ln.startswith(f"{heading} ─")) + 1 :]

    assert after("Evidence")[:4] == [
        "Common agenda          Nobody asked the PVI sector about the strategy until it was "
        "already written.",
        "Locality organisation  Our family hub is five minutes away and the outreach worker "
        "pops in most weeks.",
        "Information sharing    We only find out a child has an HV or social worker when the "
        "parent tells us.",
        "                       Transition forms come back half empty.",
    ]
    assert after("Challenges in play")[:2] == ["Stretched capacity", "Cultural barriers"]
    assert after("Reflections") == [
        "Partnership and process  Treat nurseries as partners, not just providers of funded hours."
    ]


def test_score_counts_one_indicator_score_in_the_singular(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    content = full_scores(framework, {}) + "indicators:\n  leadership.1: 4\n"
    make_workspace({"a.yaml": content})
    result = run("score", "ws/participants/a.yaml")
    assert result.exit_code == 0, result.output
    assert "12 scored, 0 skipped, 0 not answered; 1 indicator score" in lines(result.stdout)


def test_score_says_when_no_words_were_written(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    make_workspace({"a.yaml": full_scores(framework, {})})
    result = run("score", "ws/participants/a.yaml")
    out = [line.rstrip() for line in result.stdout.splitlines()]
    for heading in ("Evidence", "Challenges in play", "Reflections"):
        at = next(k for k, line in enumerate(out) if line.startswith(f"{heading} ─"))
        assert out[at + 1] == "none written"


def test_score_warns_when_most_answers_are_three(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    threes: dict[str, int | str | None] = {e.id: 3 for e in framework.enablers[:7]}
    make_workspace({"a.yaml": full_scores(framework, threes)})
    result = run("score", "ws/participants/a.yaml")
    assert result.exit_code == 0
    assert result.stderr == (
        "ws/participants/a.yaml:4:1: warning: 7 of 12 scores are 3; "
        "the tool's advice: do not be tempted to score everything an average 3\n"
    )


def test_score_invalid_file(run: Run, make_workspace: MakeWorkspace, framework: Framework) -> None:
    make_workspace({"a.yaml": full_scores(framework, {"locality": 6, "leadership": "yes"})})
    result = run("score", "ws/participants/a.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""  # no answers shown for a file that is wrong
    assert lines(result.stderr) == [
        "ws/participants/a.yaml:5:15: scores.leadership: yes/true/no/false is not a score; "
        "use a whole number from 1 to 5, or skip",
        "ws/participants/a.yaml:11:13: scores.locality: 6 is not on the scale; "
        "use a whole number from 1 to 5, or skip",
        "bbtool: 2 error(s) in 1 file(s)",  # score writes nothing, so says nothing of it
    ]


def test_score_missing_file(run: Run) -> None:
    result = run("score", "nowhere.yaml")
    assert result.exit_code == 2
    assert result.stderr == "bbtool: nowhere.yaml: no such file\n"


def test_score_file_outside_a_workspace(run: Run, framework: Framework) -> None:
    Path("loose.yaml").write_text(full_scores(framework))
    result = run("score", "loose.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "12 scored, 0 skipped, 0 not answered" in result.stdout


def test_score_reports_a_bad_workspace_config(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    make_workspace(
        {"a.yaml": full_scores(framework)}, config="area: X\nround: '1'\nframework: fw\n"
    )
    result = run("score", "ws/participants/a.yaml")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "ws/bbtool.yaml:3:12: framework: 'fw' is not a folder holding enablers.yaml",
        "bbtool: 1 error(s) in 1 file(s)",
    ]


# ---------------------------------------------------------------------- report


def test_report_summary(run: Run, demo_copy: Path) -> None:
    result = run("report", "demo")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert lines(out)[0] == "Northbridge · 2026 spring  (10 participants)"
    rows = [ln.rstrip() for ln in lines(out)]
    flagged = {
        ln.split("  ")[0]: ln.split()[-1] for ln in rows if ln.endswith(("LOW", "POLARISED"))
    }
    assert flagged["Information sharing"] == "LOW"
    assert flagged["Families as partners"] == "POLARISED"
    assert "Box G: Sharing birth data" in out
    assert not Path("demo/report").exists()  # nothing asked for, nothing written
    # warnings go to stderr and do not change the exit code
    assert (
        "demo/participants/09-aisha-rahman.yaml:6:1: warning: 7 of 12 scores are 3" in result.stderr
    )


def test_report_quiet(run: Run, demo_copy: Path) -> None:
    result = run("report", "demo", "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_report_json(run: Run, demo_copy: Path) -> None:
    result = run("report", "demo", "--json", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote demo/report/{DEMO_JSON}\n"
    data = json.loads(Path("demo/report", DEMO_JSON).read_text(encoding="utf-8"))
    for key in ("participants", "themes", "enablers", "indicators", "challenges", "case_studies"):
        assert key in data, key
    assert (data["area"], data["round"]) == ("Northbridge", "2026 spring")
    assert data["scale"] == {"min": 1, "max": 5}

    ws = load_workspace(Path("demo"))
    report = score(
        ws.framework, ws.records, area="Northbridge", round="2026 spring", agreed=ws.agreed
    )
    core = report.model_dump(mode="json")
    for key in ("participants", "themes", "enablers", "indicators", "challenges", "case_studies"):
        assert data[key] == core[key], key

    statistics = {
        "n",
        "mean",
        "median",
        "min",
        "max",
        "range",
        "sd",
        "consensus",
        "agreement",
        "polarised",
        "low",
        "distribution",
        "skipped",
        "unanswered",
        "scores",
    }
    info = next(e for e in data["enablers"] if e["id"] == "information-sharing")
    assert statistics | {"id", "title", "theme", "short_title"} <= set(info)
    assert info["mean"] == 2.0
    assert info["low"] is True
    # full precision: scores 1, 1, 2, 2, 2, 2, 2, 3, 3 -> sd = sqrt(9 * 40 - 18**2) / 9 = 6 / 9
    assert info["sd"] == 6 / 9
    assert info["distribution"] == {"1": 2, "2": 5, "3": 2, "4": 0, "5": 0}
    assert info["scores"]["Hannah Cohen"] == "skip"
    assert len(info["scores"]) == 10
    assert len(data["indicators"]) == 55
    indicator = data["indicators"][0]
    assert statistics | {"id", "enabler", "title"} <= set(indicator)
    assert data["participants"][0] == {
        "name": "Priya Shah",
        "organisation": "Northbridge Council – Early Help",
        "sector": "council",
        "level": "strategic",
        "file": "participants/01-priya-shah.yaml",
    }
    assert set(data["themes"][0]) == {"id", "title", "mean", "enablers", "flagged", "reflections"}
    assert set(data["challenges"][0]) == {"id", "title", "count", "participants"}
    assert [cs["id"] for cs in data["case_studies"]] == ["D", "G", "H", "I", "L"]
    assert set(data["case_studies"][0]) == {"id", "title", "place", "summary", "enablers"}


def test_report_json_into_out(run: Run, demo_copy: Path) -> None:
    result = run("report", "demo", "--json", "--out", "elsewhere/deeper", "-q")
    assert result.exit_code == 0, result.output
    assert Path("elsewhere/deeper", DEMO_JSON).is_file()
    assert not Path("demo/report").exists()


def test_report_any_number_of_participants(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    files = {
        f"p{i:03d}.yaml": full_scores(framework, {"leadership": i % 5 + 1}).replace("Ann", f"P{i}")
        for i in range(40)
    }
    make_workspace(files)
    result = run("report", "ws", "--json")
    assert result.exit_code == 0, result.output
    assert "(40 participants)" in result.stdout
    data = json.loads(Path("ws/report/testham-2026-spring.json").read_text())
    assert len(data["participants"]) == 40
    leadership = data["enablers"][0]
    assert leadership["n"] == 40
    assert leadership["distribution"] == {"1": 8, "2": 8, "3": 8, "4": 8, "5": 8}
    assert leadership["mean"] == 3


def test_report_bad_input_writes_nothing(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    make_workspace(
        {
            "a.yaml": full_scores(framework, {"locality": 6}),
            "b.yaml": full_scores(framework)
            .replace("Ann", "Bo")
            .replace("leadership", "leadrship"),
            "c.yaml": full_scores(framework).replace("Ann", "Cy"),
        }
    )
    result = run("report", "ws", "--json", "--xlsx", "--radar", "--markdown")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert lines(result.stderr) == [
        "ws/participants/a.yaml:11:13: scores.locality: 6 is not on the scale; "
        "use a whole number from 1 to 5, or skip",
        # its warning beside its error: leadership is indeed not answered (issue 15, 17)
        "ws/participants/b.yaml:4:1: warning: 1 of 12 enablers not answered yet: leadership",
        "ws/participants/b.yaml:5:3: scores: 'leadrship' is not an enabler; "
        "did you mean 'leadership'?",
        "bbtool: 2 error(s) in 2 file(s); nothing was written",
    ]
    assert not Path("ws/report").exists()


def test_report_duplicate_names(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    make_workspace({"a.yaml": full_scores(framework), "b.yaml": full_scores(framework)})
    result = run("report", "ws", "--json")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "ws/participants/b.yaml:2:9: participant.name: 'Ann' is already used in "
        "ws/participants/a.yaml; each participant needs their own name",
        "bbtool: 1 error(s) in 1 file(s); nothing was written",
    ]
    assert not Path("ws/report").exists()


def test_report_failure_leaves_previous_report_whole(run: Run, demo_copy: Path) -> None:
    assert run("report", "demo", "--json", "-q").exit_code == 0
    previous = Path("demo/report", DEMO_JSON).read_bytes()
    broken = Path("demo/participants/03-grace-adeyemi.yaml")
    broken.write_text(broken.read_text().replace("locality: 4", "locality: 3.5", 1))
    result = run("report", "demo", "--json", "-q")
    assert result.exit_code == 1
    assert lines(result.stderr)[-1] == "bbtool: 1 error(s) in 1 file(s); nothing was written"
    assert Path("demo/report", DEMO_JSON).read_bytes() == previous
    assert [p.name for p in outputs(Path("demo/report"))] == [DEMO_JSON]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root can write into a read-only folder",
)
def test_report_output_folder_not_writable(run: Run, demo_copy: Path) -> None:
    out = Path("locked")
    out.mkdir()
    out.chmod(0o500)
    try:
        result = run("report", "demo", "--json", "--out", "locked", "-q")
    finally:
        out.chmod(0o700)
    assert result.exit_code == 1
    assert result.stderr == (
        f"bbtool: locked/{DEMO_JSON}: cannot write: Permission denied; nothing was written\n"
    )
    assert list(out.iterdir()) == []


def test_report_output_folder_is_a_file(run: Run, demo_copy: Path) -> None:
    Path("taken").write_text("mine")
    result = run("report", "demo", "--json", "--out", "taken/report", "-q")
    assert result.exit_code == 1
    assert result.stderr == "bbtool: taken: is a file, not a folder; nothing was written\n"
    assert Path("taken").read_text() == "mine"


def test_report_empty_workspace(run: Run, make_workspace: MakeWorkspace) -> None:
    make_workspace({})
    result = run("report", "ws", "--json")
    assert result.exit_code == 1
    assert lines(result.stderr) == [
        "ws/participants: holds no score files (.yaml or .yml); add one per participant, "
        "or run 'bbtool init --participants N'",
        "bbtool: 1 error(s) in 1 file(s); nothing was written",
    ]
    assert not Path("ws/report").exists()


def test_report_missing_folder(run: Run) -> None:
    result = run("report", "nowhere", "--json")
    assert result.exit_code == 2
    assert result.stderr == "bbtool: nowhere: no such folder\n"
    assert not Path("nowhere").exists()


def test_report_bad_option(run: Run, demo_copy: Path) -> None:
    result = run("report", "demo", "--by", "colour")
    assert result.exit_code == 2
    assert "--by" in result.stderr


def test_report_after_init_in_one_go(run: Run) -> None:
    assert run("init", "ws", "--area", "Testham", "--participants", "2").exit_code == 0
    result = run("report", "ws")
    assert result.exit_code == 0, result.output  # blank templates: warnings, not errors
    assert result.stderr.count("warning: no answer yet (not returned)") == 2


# -------------------------------------------------- report --xlsx and --radar


def test_cli_writes_the_workbook(run: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "demo"
    shutil.copytree(DEMO, workspace, ignore=shutil.ignore_patterns("report"))
    out = tmp_path / "out"
    result = run("report", workspace, "--xlsx", "--by", "sector", "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    target = out / "northbridge-2026-spring.xlsx"
    assert f"wrote {target}" in result.stdout
    assert [p.name for p in outputs(out)] == ["northbridge-2026-spring.xlsx"]
    book = load(target.read_bytes())
    assert book.sheetnames == [*SHEETS[:4], "Groups", *SHEETS[4:]]
    assert book["About"]["B3"].value == "Northbridge"
    again = tmp_path / "again"
    assert run("report", workspace, "--xlsx", "--by", "sector", "--out", again, "-q").exit_code == 0
    assert (again / target.name).read_bytes() == target.read_bytes()


@pytest.mark.slow
def test_what_matplotlib_warns_of_comes_back_once_not_on_the_terminal(
    run: Run, tmp_path: Path
) -> None:
    """The chart font has no glyphs for Japanese: matplotlib warns, in each worker.
    Written straight to the terminal that broke the step line; it is a note instead,
    said once, after the work."""
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    config = root / "bbtool.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("area: Northbridge", "area: 東京"),
        encoding="utf-8",
    )
    done = run("report", root, "--radar", "-q")
    assert done.exit_code == 0, done.output
    notes = [line for line in done.stderr.splitlines() if line.startswith("radar charts: ")]
    assert notes, done.stderr
    assert any("Glyph 26481" in line and "missing from font" in line for line in notes)
    assert len(notes) == len(set(notes))  # each once, though both charts warned
    assert "UserWarning" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("by", [None, "sector"])
def test_cli_writes_the_radars(
    run: Run,
    tmp_path: Path,
    demo_workspace: Workspace,
    demo_report: Report,
    demo_groups: dict[str, dict[str, Report]],
    by: str | None,
) -> None:
    out = tmp_path / "out"
    args: list[str | Path] = ["report", DEMO, "--radar", "--out", out, "--quiet"]
    if by:
        args += ["--by", by]
    result = run(*args)
    assert result.exit_code == 0, result.output
    written = {p.name for p in outputs(out)}
    assert written == {"radar-enablers.png", "radar-partnership-and-process.png"}
    grouping = Grouping(by, demo_groups[by]) if by else None
    expected = build_radars(demo_report, demo_workspace.framework, grouping)
    for name, fig in expected.items():
        assert (out / name).read_bytes() == figure_bytes(fig), name
        assert f"wrote {out / name}" in result.stdout


# ------------------------------------------------------------- help and docs


def _commands() -> dict[str, Any]:
    """Every command the app registers, as typer builds it (its own click)."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return dict(group.commands)


def test_there_are_commands() -> None:
    assert {"init", "score", "report"} <= set(_commands())


def test_main_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Beyond Boundaries" in result.stdout
    for name in _commands():
        assert re.search(rf"^\W*{re.escape(name)}\s+\w", result.stdout, re.M), name


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help(run: Run, name: str) -> None:
    command = _commands()[name]
    assert command.help, f"bbtool {name} has no help text"
    assert command.help.strip(), f"bbtool {name} has no help text"
    first = command.help.strip().splitlines()[0]
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: bbtool {name}" in " ".join(result.stdout.split())
    assert " ".join(first.split()) in " ".join(result.stdout.split())
    for param in command.params:
        if isinstance(param, TyperOption):
            assert param.help, f"bbtool {name} {param.opts[0]} has no help text"
    # typer 0.29 printed "<bool>" beside every flag (one reason pyproject caps it)
    assert "<bool>" not in result.stdout


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"bbtool {name}" in readme, f"README.md does not mention 'bbtool {name}'"


@pytest.mark.slow
def test_version_through_python_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bbtool", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"bbtool {__version__}\n"


# -------------------------------------------------- names with commas (issue 15, item 13)


def test_init_names_file_keeps_names_with_commas_and_accents(run: Run) -> None:
    Path("names.txt").write_text(
        "# this round's partners\n\nShah, Priya\n  Zoë Ó Briain  \n# left out\nNowak, Tomasz\n",
        encoding="utf-8",
    )
    result = run("init", "ws", "--names-file", "names.txt")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    ws = load_workspace(Path("ws"))
    assert [r.name for r in ws.records] == ["Shah, Priya", "Zoë Ó Briain", "Nowak, Tomasz"]


def test_init_names_file_with_a_byte_order_mark_and_windows_line_ends(run: Run) -> None:
    Path("names.txt").write_bytes("\ufeffShah, Priya\r\nSiobhán Ní Bhriain\r\n".encode())
    result = run("init", "ws", "--names-file", "names.txt")
    assert result.exit_code == 0, result.output
    assert [r.name for r in load_workspace(Path("ws")).records] == [
        "Shah, Priya",
        "Siobhán Ní Bhriain",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Zoë Ó Briain\nAnn\nZOË Ó BRIAIN\n",
            "names.txt:3:1: 'ZOË Ó BRIAIN' is given twice (first on line 1); each "
            "participant needs their own name\n",
        ),
        ("# nobody yet\n\n", "names.txt: holds no names; write one name a line\n"),
        (
            "Ann\n" + "B" * 201 + "\n",
            "names.txt:2:1: the name is 201 characters; the limit is 200\n",
        ),
    ],
)
def test_init_bad_names_file(run: Run, text: str, message: str) -> None:
    Path("names.txt").write_text(text, encoding="utf-8")
    result = run("init", "ws", "--names-file", "names.txt")
    assert result.exit_code == 1, result.output
    assert result.stderr == message + "bbtool: 1 error(s) in 1 file(s); nothing was written\n"
    assert not Path("ws").exists()


def test_init_names_file_not_utf8(run: Run) -> None:
    Path("names.txt").write_bytes("Ann\nZoë\n".encode("latin-1"))
    result = run("init", "ws", "--names-file", "names.txt")
    assert result.exit_code == 1
    assert "names.txt:2:3: is not UTF-8 text; save the file as UTF-8" in result.stderr
    assert not Path("ws").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--names", "A", "--names-file", "n.txt"), "give --names or --names-file, not both"),
        (
            ("--participants", "2", "--names-file", "n.txt"),
            "give --participants or --names-file, not both",
        ),
        (("--names-file", "missing.txt"), "--names-file missing.txt: no such file"),
    ],
)
def test_init_names_file_usage(run: Run, args: tuple[str, ...], message: str) -> None:
    Path("n.txt").write_text("Ann\n")
    result = run("init", "ws", *args)
    assert result.exit_code == 2
    assert result.stderr == f"bbtool: {message}\n"
    assert not Path("ws").exists()


def test_init_warns_of_names_that_look_like_surname_comma_forename(run: Run) -> None:
    result = run("init", "ws", "--names", "Shah, Priya")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        'warning: --names gave 2 people, each one word (Shah, Priya); if "Shah, Priya" '
        'is one person, write "Priya Shah", or give the names with --names-file (one '
        "name a line)\n"
    )
    # full names, or an odd number of single words, are not warned of
    for names in ("Priya Shah, Tomasz Nowak", "Ann, Bob, Cy", "Zoë Ó Briain"):
        result = run("init", f"ws-{len(names)}", "--names", names)
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
