"""agreed.yaml: the scores the partnership agreed in its meeting, and targets.

Loading is checked as strictly as score files (exact ``path:line:col: message`` lines
and exit codes); the gap to the mean is checked against hand-computed values in the
scoring core, the JSON, the workbook, the terminal and the Markdown.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import Result

from _agreed import USE, agreed_report, agreed_workspace
from _demo import DEMO, ROOT
from _records import MakeRecord
from bbtool.app.check import check_paths
from bbtool.core.models import AgreedFile, Framework
from bbtool.core.results import Report
from bbtool.core.scoring import score
from bbtool.errors import InputError
from bbtool.render.markdown import to_markdown
from bbtool.render.xlsx.report import build_workbook, workbook_bytes
from bbtool.workspace.loader import load_agreed_file, load_workspace

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]

pytestmark = pytest.mark.usefixtures("in_tmp")


def _errors(content: str, framework: Framework) -> list[str]:
    file = Path("agreed.yaml")
    file.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_agreed_file(file, framework)
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------------- loading


def test_a_good_file_loads(make_workspace: MakeWorkspace) -> None:
    ws = load_workspace(agreed_workspace(make_workspace))
    assert ws.agreed == AgreedFile(
        agreed={"leadership": 4, "common-agenda": 3, "joint-governance": "skip", "locality": 2},
        targets={"leadership": 5, "joint-governance": 3, "single-service": 4},
        notes={"leadership": "Board agreed 4: the strategy is signed off, not yet funded"},
    )
    assert not [p for p in ws.warnings if p.path.endswith("agreed.yaml")]


def test_no_file_and_an_empty_file_agree_nothing(make_workspace: MakeWorkspace) -> None:
    root = agreed_workspace(make_workspace, agreed=None)
    assert load_workspace(root).agreed is None
    assert not agreed_report(root).agreed_given
    (root / "agreed.yaml").write_text("# to fill in after the meeting\n")
    assert load_workspace(root).agreed == AgreedFile()
    (root / "agreed.yaml").write_text("agreed:\ntargets:\nnotes:\n")
    assert load_workspace(root).agreed == AgreedFile()


def test_scores_are_held_to_the_score_file_rules(framework: Framework) -> None:
    content = (
        "agreed:\n"
        "  leadership: yes\n"  # line 2
        "  common-agenda: 3.5\n"
        '  joint-governance: "4"\n'
        "  locality: 6\n"
        "  leadrship: 2\n"  # line 6
        "  single-service: maybe\n"
        "targets:\n"
        "  leadership: 0\n"  # line 9
        "  common-agenda: [4]\n"
        "notes:\n"
        "  leadership: 5\n"  # line 12
        "  famlies-as-partners: x\n"
    )
    assert _errors(content, framework) == [
        f"agreed.yaml:2:15: agreed.leadership: yes/true/no/false is not a score; {USE}",
        f"agreed.yaml:3:18: agreed.common-agenda: 3.5 is not a whole number; {USE}",
        "agreed.yaml:4:21: agreed.joint-governance: '4' is text in quotes; "
        "write the number without quotes",
        f"agreed.yaml:5:13: agreed.locality: 6 is not on the scale; {USE}",
        "agreed.yaml:6:3: agreed: 'leadrship' is not an enabler; did you mean 'leadership'?",
        f"agreed.yaml:7:19: agreed.single-service: 'maybe' is not a score; {USE}",
        f"agreed.yaml:9:15: targets.leadership: 0 is not on the scale; {USE}",
        f"agreed.yaml:10:18: targets.common-agenda: a list or mapping is not a score; {USE}",
        "agreed.yaml:12:15: notes.leadership must be text; "
        "put it in quotes if it starts with a number or symbol",
        "agreed.yaml:13:3: notes: 'famlies-as-partners' is not an enabler; "
        "did you mean 'families-as-partners'?",
    ]


def test_sections_keys_and_shape(framework: Framework) -> None:
    assert _errors("agreed:\n  leadership: 4\ntarget:\n  leadership: 5\n", framework) == [
        "agreed.yaml:3:1: 'target' is not a section; did you mean 'targets'?"
    ]
    assert _errors("agreed:\n  leadership: 4\nscores:\n  leadership: 5\n", framework) == [
        "agreed.yaml:3:1: 'scores' is not a section; sections are: agreed, targets, notes"
    ]
    assert _errors("agreed:\n  leadership: 4\n  leadership: 3\n", framework) == [
        "agreed.yaml:3:3: agreed: 'leadership' is given twice (first on line 2); "
        "keep one, or the other answer would be lost"
    ]
    assert _errors("agreed: 4\n", framework) == [
        "agreed.yaml:1:9: agreed must be a mapping of names to values (name: value)"
    ]
    assert _errors("- leadership\n", framework) == [
        "agreed.yaml:1:1: is a list, not a mapping of names to values (name: value); "
        "write the sections agreed:, targets: and notes:"
    ]
    assert _errors("agreed:\n  xyz: 4\n", framework) == [
        "agreed.yaml:2:3: agreed: 'xyz' is not an enabler; enabler ids are: leadership, "
        "common-agenda, joint-governance, communicating-why, mutual-understanding, "
        "working-practices, locality, single-service, information-sharing, "
        "delivery-partners, families-as-partners, continuous-improvement"
    ]


def test_a_target_below_the_agreed_score_is_a_warning(framework: Framework) -> None:
    file = Path("agreed.yaml")
    file.write_text(
        "agreed:\n  leadership: 4\n  locality: 2\ntargets:\n  leadership: 3\n  locality: 2\n"
    )
    agreed, warnings = load_agreed_file(file, framework)
    assert agreed.targets == {"leadership": 3, "locality": 2}
    assert [str(p) for p in warnings] == [
        "agreed.yaml:5:15: warning: targets.leadership: 3 is below the agreed score, 4; "
        "a target is usually at least where the partnership stands"
    ]


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


def test_pre_commit_hook_checks_agreed_yaml() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hook["files"])
    assert pattern.search("agreed.yaml")
    assert pattern.search("areas/north/agreed.yaml")
    assert not pattern.search("areas/north/disagreed.yaml")


# ---------------------------------------------------------------------- scoring


def test_gap_is_agreed_minus_mean_at_full_precision(
    make_record: MakeRecord, framework: Framework
) -> None:
    records = [
        make_record("A", {"leadership": 2, "common-agenda": 4, "joint-governance": "skip"}),
        make_record("B", {"leadership": 3, "common-agenda": 4}),
        make_record("C", {"leadership": 5, "common-agenda": 5}),
    ]
    agreed = AgreedFile(
        agreed={"leadership": 4, "common-agenda": 3, "joint-governance": "skip", "locality": 2},
        targets={"leadership": 5, "joint-governance": 3, "single-service": 4},
        notes={"leadership": "signed off"},
    )
    report = score(framework, records, area="X", round="1", agreed=agreed)
    lead = report.enabler("leadership")
    assert lead.mean == 10 / 3
    assert (lead.agreed, lead.target, lead.to_target) == (4, 5, 1)
    assert lead.gap == 4 - 10 / 3  # the agreed score is 2/3 above the mean
    assert lead.gap == pytest.approx(2 / 3)
    assert lead.agreed_note == "signed off"
    agenda = report.enabler("common-agenda")
    assert agenda.gap == 3 - 13 / 3 == pytest.approx(-4 / 3)
    assert (agenda.target, agenda.to_target) == (None, None)
    governance = report.enabler("joint-governance")  # agreed skip: no gap, no distance
    assert (governance.agreed, governance.gap, governance.target) == ("skip", None, 3)
    assert governance.to_target is None
    locality = report.enabler("locality")  # nobody scored it: no mean, so no gap
    assert (locality.mean, locality.agreed, locality.gap) == (None, 2, None)
    single = report.enabler("single-service")  # a target alone
    assert (single.agreed, single.gap, single.target, single.to_target) == (None, None, 4, None)
    assert report.agreed_given
    # without agreed.yaml nothing changes
    plain = score(framework, records, area="X", round="1")
    assert not plain.agreed_given
    assert all(
        (e.agreed, e.target, e.gap, e.to_target, e.agreed_note) == (None,) * 5
        for e in plain.enablers
    )
    assert [e.mean for e in plain.enablers] == [e.mean for e in report.enablers]


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


def test_markdown_shows_agreed_gap_target_and_notes(make_workspace: MakeWorkspace) -> None:
    root = agreed_workspace(make_workspace)
    text = to_markdown(agreed_report(root))
    (header,) = [ln for ln in text.splitlines() if ln.startswith("| Enabler |")]
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells[:7] == ["Enabler", "Mean on 1–5", "Mean", "Agreed", "Gap", "Target", "Median"]
    (row,) = [ln for ln in text.splitlines() if ln.startswith("| Purpose and priorities: Senior")]
    assert [c.strip() for c in row.strip("|").split("|")][1:7] == [
        "`█████▉░░░░`",  # 3.33 on 1-5: 47 of 80 eighths
        "3.33",
        "4",
        "+0.67",
        "5",
        "3.00",
    ]
    assert "Gap: agreed minus mean" in text
    assert (
        "- **Senior leadership**: Board agreed 4: the strategy is signed off, not yet funded"
        in text
    )
    plain = to_markdown(agreed_report(agreed_workspace(make_workspace, agreed=None, name="plain")))
    assert "| Agreed |" not in plain
    assert "Gap: agreed" not in plain


def _summary(report: Report, root: Path) -> Any:
    ws = load_workspace(root)
    book = load_workbook(
        io.BytesIO(workbook_bytes(build_workbook(report, ws.framework, ws.records)))
    )
    return book["Summary"]


def test_workbook_summary_appends_agreed_gap_target(make_workspace: MakeWorkspace) -> None:
    root = agreed_workspace(make_workspace)
    sheet = _summary(agreed_report(root), root)
    rows = {
        sheet.cell(row=r, column=1).value: r
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value
    }
    head = rows["Enabler"]
    cols = {c.value: c.column for c in sheet[head] if c.value}
    assert list(cols)[-5:] == ["Polarised", "Agreed", "Gap", "Target", "What was agreed"]
    assert (cols["Agreed"], cols["Gap"], cols["Target"]) == (14, 15, 16)

    def at(label: str, column: str) -> Any:
        return sheet.cell(row=rows[label], column=cols[column]).value

    # values, not formulas (a workbook keeps 15-16 significant digits)
    assert at("Senior leadership", "Mean") == pytest.approx(10 / 3, rel=1e-15)
    assert at("Senior leadership", "Agreed") == 4
    assert at("Senior leadership", "Gap") == pytest.approx(2 / 3, rel=1e-14)
    assert at("Senior leadership", "Target") == 5
    assert at("Senior leadership", "What was agreed").startswith("Board agreed 4")
    assert at("Common agenda", "Gap") == pytest.approx(-4 / 3, rel=1e-14)
    assert at("Joint governance", "Agreed") == "skip"
    assert at("Joint governance", "Gap") is None
    assert at("Joint governance", "Target") == 3
    assert at("Mutual understanding", "Agreed") is None
    gap = sheet.cell(row=rows["Senior leadership"], column=cols["Gap"])
    assert gap.number_format == "+0.00;-0.00;0.00"
    notes = " ".join(str(sheet.cell(row=r, column=1).value) for r in range(2, head))
    assert "Gap is agreed minus mean" in notes
    assert sheet.print_title_rows == f"${head}:${head}"
    # without agreed.yaml the sheet ends at Polarised, as before
    plain_root = agreed_workspace(make_workspace, agreed=None, name="plain")
    plain = _summary(agreed_report(plain_root), plain_root)
    assert plain.max_column == 13


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
