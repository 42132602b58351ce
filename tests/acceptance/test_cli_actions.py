"""The action plan end to end, on two hand-written rounds (tests/_plan.py): check's
warnings with their lines, the plan's figures in the JSON, the workbook's Actions
sheet cell by cell, compare's review, and ``init --from``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _plan import ACTIONS_NEW, OLD_WARNINGS, PEOPLE_OLD, make_plan_rounds, write_round
from _workbook import load
from bbtool.workspace.loader import Workspace, load_workspace

Run = Callable[..., Result]

pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.fixture
def plan_rounds(tmp_path: Path) -> tuple[Path, Path]:
    old, new = make_plan_rounds(tmp_path)
    return old.relative_to(tmp_path), new.relative_to(tmp_path)


def _plan_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "actions.yaml" in line]


# ------------------------------------------------------------------ check


def test_check_warns_of_each_gap_in_the_plan_at_its_line(
    plan_rounds: tuple[Path, Path], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = plan_rounds
    monkeypatch.chdir(old)
    result = run("check", ".")
    assert result.exit_code == 0  # warnings only
    assert _plan_lines(result.stdout) == OLD_WARNINGS
    strict = run("check", ".", "--strict")
    assert strict.exit_code == 1


def test_the_plan_file_alone_is_checked_without_the_figures(
    plan_rounds: tuple[Path, Path], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = plan_rounds
    monkeypatch.chdir(old)
    result = run("check", "actions.yaml")
    # the flagged enabler needs the scores, so it is left to checking the workspace
    assert _plan_lines(result.stdout) == OLD_WARNINGS[1:]


@pytest.mark.parametrize("text", ["", "# the plan, to come\n", "actions:\n"])
def test_an_empty_plan_warns_at_its_first_line(
    plan_rounds: tuple[Path, Path], run: Run, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    old, _ = plan_rounds
    (old / "actions.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(old)
    result = run("check", ".")
    assert result.exit_code == 0
    # at 1:1, where 'actions:' goes
    assert _plan_lines(result.stdout) == [
        f"actions.yaml:1:1: warning: {e} is flagged {flag} and no action names it; add an "
        "action that names it (status: proposed, until the meeting decides)"
        for e, flag in (("common-agenda", "polarised"), ("leadership", "low"))
    ]


def test_a_flagged_enabler_whose_actions_are_all_closed_needs_another(
    plan_rounds: tuple[Path, Path], run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = plan_rounds
    text = (old / "actions.yaml").read_text(encoding="utf-8")
    text = text.replace("    status: agreed\n", "    status: done\n    notes: Written.\n", 1)
    (old / "actions.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(old)
    result = run("check", ".")
    # leadership is still low (mean 2.00); board-charter, the one action naming it, is done
    assert (
        "actions.yaml:1:1: warning: leadership is flagged low and only actions done or dropped "
        "name it; add an action that names it (status: proposed, until the meeting decides)"
    ) in _plan_lines(result.stdout)
    assert run("report", ".", "--json", "--html", "--out", "out").exit_code == 0
    data = json.loads(Path("out/testham-2025.json").read_text(encoding="utf-8"))
    assert data["plan"]["unplanned"] == ["leadership", "common-agenda"]
    page = Path("out/testham-2025.html").read_text(encoding="utf-8")
    assert "with no open action: Senior leadership, Common agenda." in page


def test_a_round_without_a_plan_gets_no_plan_warnings(tmp_path: Path, run: Run) -> None:
    root = write_round(tmp_path / "plain", "2025", "2025-03-01", PEOPLE_OLD)
    result = run("check", root)
    assert _plan_lines(result.stdout) == []
    assert "flagged" not in result.stdout


def test_every_mistake_in_the_plan_is_named_with_its_place(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    (old / "actions.yaml").write_text(
        "actions:\n"
        "  - id: a\n    title: A\n    enablers: [leadrship]\n    status: finished\n"
        "  - id: a\n    title: B\n    enablers: [locality]\n    due: 2025-02-30\n"
        "    challenges: [stretched]\n    colour: red\n    owner: x\n    owner: y\n",
        encoding="utf-8",
    )
    result = run("check", old)
    assert result.exit_code == 1
    # a key given twice stops the reading of the file there (as in every file)
    assert _plan_lines(result.stdout) == [
        "old/actions.yaml:13:5: actions item 2: 'owner' is given twice (first on line 12); "
        "keep one, or the other answer would be lost",
    ]
    text = (old / "actions.yaml").read_text(encoding="utf-8").replace("    owner: y\n", "")
    (old / "actions.yaml").write_text(text, encoding="utf-8")
    assert _plan_lines(run("check", old).stdout) == [
        "old/actions.yaml:4:16: actions item 1.enablers: 'leadrship' is not an enabler; "
        "did you mean 'leadership'?",
        "old/actions.yaml:5:13: actions item 1.status is 'finished', not a status; use one "
        "of: proposed, agreed, in-progress, done, dropped",
        "old/actions.yaml:6:9: actions item 2.id: 'a' is already the id of action 1; each "
        "action needs its own id",
        "old/actions.yaml:9:10: actions item 2.due must be a date written YYYY-MM-DD, e.g. "
        "2026-12-31 (a real day)",
        "old/actions.yaml:10:18: actions item 2.challenges: 'stretched' is not a challenge; "
        "did you mean 'stretched-capacity'?",
        "old/actions.yaml:11:5: actions item 2: 'colour' is not a field of an action; "
        "an action's fields are: id, title, enablers, indicators, challenges, owner, due, "
        "status, completed, success, notes",
    ]


def test_an_id_given_twice_in_an_actions_list_is_an_error(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    (old / "actions.yaml").write_text(
        "actions:\n  - id: a\n    title: A\n    enablers: [leadership, locality, leadership]\n"
        "    challenges: stretched-capacity\n",
        encoding="utf-8",
    )
    result = run("check", old)
    assert result.exit_code == 1
    assert _plan_lines(result.stdout) == [
        "old/actions.yaml:4:38: actions item 1.enablers: 'leadership' is given twice; name it once",
    ]


def test_an_action_written_as_one_value_is_named_as_such(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    (old / "actions.yaml").write_text("actions:\n  - share-data\n  -\n", encoding="utf-8")
    result = run("check", old)
    assert result.exit_code == 1
    advice = (
        "not an action; write each action as its fields, the first after the dash: "
        "'- id: share-data', then 'title:' and 'enablers:' below it"
    )
    assert _plan_lines(result.stdout) == [
        f"old/actions.yaml:2:5: actions item 1 is 'share-data', {advice}",
        f"old/actions.yaml:3:4: actions item 2 is empty, {advice}",
    ]


def test_a_meeting_date_that_is_not_a_date_is_an_error(tmp_path: Path, run: Run) -> None:
    root = write_round(tmp_path / "r", "2025", "12/03/2025", PEOPLE_OLD)
    result = run("check", root)
    assert result.exit_code == 1
    assert "r/bbtool.yaml:3:7: date must be a date written YYYY-MM-DD" in result.stdout


# ------------------------------------------------------------------ report


def test_the_json_carries_each_actions_figures(plan_rounds: tuple[Path, Path], run: Run) -> None:
    old, _ = plan_rounds
    result = run("report", old, "--json", "--out", "out")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/testham-2025.json").read_text(encoding="utf-8"))
    assert data["plan"] == {
        "as_of": "2025-03-01",
        "as_of_from": "meeting date",
        "unplanned": ["common-agenda"],
    }
    charter, deal, late, gone = data["actions"]
    assert charter["id"] == "board-charter"
    assert charter["status"] == "agreed"
    assert charter["due"] == "2025-09-30"
    assert charter["overdue"] is False
    assert charter["owner"] == "Director of Children's Services"
    assert charter["enablers"] == [
        {
            "id": "leadership",
            "short_title": "Senior leadership",
            "mean": 2.0,
            "n": 4,
            "flags": ["low"],
            "agreed": 2,
            "target": 3,
        }
    ]
    assert deal["enablers"][0]["mean"] == 4.0
    assert deal["enablers"][0]["flags"] == []
    assert deal["enablers"][0]["target"] == 4
    assert deal["enablers"][0]["agreed"] is None
    assert late["overdue"] is True
    assert gone["status"] == "dropped"
    assert gone["overdue"] is False


def test_the_terminal_and_markdown_show_the_plan(plan_rounds: tuple[Path, Path], run: Run) -> None:
    old, _ = plan_rounds
    result = run("report", old, "--markdown", "--out", "out")
    assert "Action plan" in result.stdout
    assert "4 actions, 3 open, 1 overdue as of 2025-03-01 (the meeting date)." in result.stdout
    # each action with the id check's warnings name it by
    assert "Late thing (old-late) · Council · due 2025-01-31 · agreed, overdue" in result.stdout
    text = Path("out/testham-2025.md").read_text(encoding="utf-8")
    late = "| Late thing (old-late) | Locality organisation 4.00; target 4 | Council | 2025-01-31 |"
    assert late in text
    assert "agreed, overdue |" in text
    assert "Flagged low or polarised, with no open action: Common agenda." in text


def test_every_output_shows_the_indicators_and_challenges_an_action_names(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    text = (old / "actions.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    enablers: [leadership]\n",
        "    enablers: [leadership]\n    indicators: [leadership.1]\n"
        "    challenges: [stretched-capacity]\n",
        1,
    )
    (old / "actions.yaml").write_text(text, encoding="utf-8")
    result = run("report", old, "--markdown", "--xlsx", "--html", "--out", "out")
    assert result.exit_code == 0, result.output
    # nobody scored leadership.1 (no figure yet); nobody named stretched capacity
    named = "indicators: leadership.1 –; challenges: Stretched capacity (named by 0)"
    assert f"Senior leadership 2.00 low; agreed 2, target 3\n  {named}\n" in result.stdout
    md = Path("out/testham-2025.md").read_text(encoding="utf-8")
    assert f"| Senior leadership 2.00 low; agreed 2, target 3<br>{named} |" in md
    ws = load(Path("out/testham-2025.xlsx").read_bytes())["Actions"]
    assert ws["C5"].value == f"Senior leadership 2.00 low; agreed 2, target 3\n{named}"
    html = Path("out/testham-2025.html").read_text(encoding="utf-8")
    assert f'<br><span class="note">{named}</span>' in html


def test_the_actions_sheet_read_back_cell_by_cell(plan_rounds: tuple[Path, Path], run: Run) -> None:
    old, _ = plan_rounds
    assert run("report", old, "--xlsx", "--out", "out").exit_code == 0
    book = load(Path("out/testham-2025.xlsx").read_bytes())
    assert book.sheetnames[:2] == ["Summary", "Actions"]
    ws = book["Actions"]
    assert ws["A1"].value == "Testham · 2025: action plan"
    assert ws["A2"].value == "4 actions, 3 open, 1 overdue as of 2025-03-01 (the meeting date)."
    assert ws["A3"].value == "Flagged low or polarised, with no open action: Common agenda."
    assert [c.value for c in ws[4]] == [
        "Id",
        "Action",
        "Enablers now (mean, flags, agreed, target); indicators, challenges",
        "Owner",
        "Due",
        "Status",
        "Overdue",
        "Completed",
        "Success looks like",
        "Notes",
    ]
    assert [c.value for c in ws[5]] == [
        "board-charter",
        "Write a board charter",
        "Senior leadership 2.00 low; agreed 2, target 3",
        "Director of Children's Services",
        "2025-09-30",
        "agreed",
        None,
        None,
        "Leadership agreed at 3 next round",
        None,
    ]
    assert [ws.cell(row=r, column=6).value for r in range(6, 9)] == [
        "in-progress",
        "agreed",
        "dropped",
    ]
    assert ws["G7"].value == "overdue"
    assert ws.auto_filter.ref == "A4:J8"
    (rule,) = ws.data_validations.dataValidation
    assert rule.type == "list"
    assert rule.formula1 == '"proposed,agreed,in-progress,done,dropped"'
    assert str(rule.sqref) == "F5:F8"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$4:$4"


def test_no_text_leaves_out_notes_and_success_and_keeps_owners(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    _, new = plan_rounds
    result = run("report", new, "--json", "--out", "out", "--anonymise", "--no-text")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/testham-2026.json").read_text(encoding="utf-8"))
    charter = data["actions"][0]
    assert charter["owner"] == "Director of Children's Services"
    assert charter["notes"] is None
    assert charter["success"] is None
    kept = run("report", new, "--json", "--out", "out2", "--anonymise")
    assert kept.exit_code == 0
    again = json.loads(Path("out2/testham-2026.json").read_text(encoding="utf-8"))
    assert again["actions"][0]["notes"] == "Signed in October."


OWNERS = """\
actions:
  - id: by-a-person
    title: One
    enablers: [leadership]
    owner: Ann
    success: The board agrees
  - id: by-someone-else
    title: Two
    enablers: [leadership]
    owner: Jane Doe
  - id: by-a-role
    title: Three
    enablers: [leadership]
    owner: Head of Early Help
"""


def _owners_everywhere(out: Path, stdout: str) -> str:
    """Every output's text, the workbook's cells included, to search for a name."""
    texts = [stdout]
    for file in sorted(out.iterdir()):
        if file.suffix == ".xlsx":
            book = load(file.read_bytes())
            texts += [str(c.value) for ws in book for row in ws.iter_rows() for c in row]
        else:
            texts.append(file.read_text(encoding="utf-8"))
    return "\n".join(texts)


def test_anonymise_leaves_out_an_owner_who_takes_part(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    (old / "actions.yaml").write_text(OWNERS, encoding="utf-8")
    formats = ["--json", "--markdown", "--xlsx", "--html"]
    result = run("report", old, *formats, "--out", "out", "--anonymise")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/testham-2025.json").read_text(encoding="utf-8"))
    # Ann scored in this round: her name would undo the pseudonyms (P01 ... P04)
    assert [a["owner"] for a in data["actions"]] == [
        "(name left out)",
        "Jane Doe",
        "Head of Early Help",
    ]
    assert not re.search(r"\bAnn\b", _owners_everywhere(Path("out"), result.stdout))
    # --no-text: any owner that looks like a person's name is left out too
    result = run("report", old, *formats, "--out", "out2", "--anonymise", "--no-text")
    data = json.loads(Path("out2/testham-2025.json").read_text(encoding="utf-8"))
    assert [a["owner"] for a in data["actions"]] == [
        "(name left out)",
        "(name left out)",
        "Head of Early Help",
    ]
    text = _owners_everywhere(Path("out2"), result.stdout)
    assert not re.search(r"\bAnn\b", text)
    assert "Jane Doe" not in text
    assert "Head of Early Help" in text


def test_compare_anonymised_leaves_out_owners_who_take_part(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, new = plan_rounds
    (old / "actions.yaml").write_text(OWNERS, encoding="utf-8")
    (new / "actions.yaml").write_text(OWNERS.replace("owner: Ann", "owner: Eve"), encoding="utf-8")
    formats = ["--json", "--markdown", "--xlsx", "--html"]
    result = run("compare", old, new, *formats, "--out", "out", "--anonymise", "--no-text")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/compare-testham-2025-to-2026.json").read_text(encoding="utf-8"))
    owners = [a["owner"] for a in data["action_review"]["actions"]]
    # Eve took part in the new round only; still a participant
    assert owners == ["(name left out)", "(name left out)", "Head of Early Help"]
    assert data["action_review"]["actions"][0]["success"] is None  # --no-text
    text = _owners_everywhere(Path("out"), result.stdout)
    assert "The board agrees" not in text
    assert not re.search(r"\bEve\b", text)
    assert "Jane Doe" not in text


# ------------------------------------------------------------------ compare


def test_compare_reviews_the_old_plan(plan_rounds: tuple[Path, Path], run: Run) -> None:
    old, new = plan_rounds
    result = run("compare", old, new, "--json", "--markdown", "--xlsx", "--html", "--out", "out")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/compare-testham-2025-to-2026.json").read_text(encoding="utf-8"))
    review = data["action_review"]
    assert review["as_of"] == "2026-03-01"
    assert review["carried_over"] == ["data-deal"]
    assert review["done"] == ["board-charter"]
    assert review["dropped"] == ["gone"]
    assert review["new"] == ["agenda-day"]
    assert review["missing"] == ["old-late"]
    charter, deal, late, gone = review["actions"]
    assert (charter["old_status"], charter["status"], charter["timing"]) == (
        "agreed",
        "done",
        "late",  # completed 2025-10-15, due 2025-09-30
    )
    (leadership,) = charter["enablers"]
    assert leadership["old_mean"] == 2.0
    assert leadership["new_mean"] == 2.75
    assert leadership["same_people_change"] == 1.0  # Ann +1, Bob +2, Cy 0
    assert leadership["same_people_n"] == 3
    assert (leadership["target"], leadership["judged_on"], leadership["reached"]) == (
        3,
        "agreed score",
        True,
    )
    assert (deal["status"], deal["timing"]) == ("in-progress", "overdue")
    (locality,) = deal["enablers"]
    assert locality["same_people_change"] == pytest.approx(1 / 3)
    assert (locality["judged_on"], locality["reached"]) == ("mean", True)
    assert (late["status"], late["timing"]) == (None, "not in the new plan")
    assert (gone["status"], gone["timing"], gone["notes"]) == (
        "dropped",
        "dropped",
        "Merged into data-deal.",
    )
    # the same review in every output
    assert "The action plan reviewed" in result.stdout
    md = Path("out/compare-testham-2025-to-2026.md").read_text(encoding="utf-8")
    assert (
        "| Write a board charter (board-charter) | Director of Children's Services | "
        "2025-09-30 | agreed → done | late | Senior leadership 2.00 → 2.75 (+0.75; same 3 people "
        "+1.00); target 3 reached (agreed score) |"
    ) in md
    assert "- Open last round, not in the new plan: old-late" in md
    html = Path("out/compare-testham-2025-to-2026.html").read_text(encoding="utf-8")
    assert 'id="action-review"' in html
    assert '<tr data-action="old-late">' in html
    book = load(Path("out/compare-testham-2025-to-2026.xlsx").read_bytes())
    ws = book["Action review"]
    assert [c.value for c in ws[5]][:7] == [
        "board-charter",
        "Write a board charter",
        "Director of Children's Services",
        "2025-09-30",
        "agreed",
        "done",
        "late",
    ]
    assert ws["F7"].value == "not listed"
    # what success looks like (set last round) and what happened (said this round)
    assert (ws["I4"].value, ws["J4"].value) == ("Success looks like", "Notes")
    assert (ws["I5"].value, ws["J5"].value) == (
        "Leadership agreed at 3 next round",
        "Signed in October.",
    )
    words = "success: Leadership agreed at 3 next round; notes: Signed in October."
    assert (charter["success"], charter["notes"]) == (
        "Leadership agreed at 3 next round",
        "Signed in October.",
    )
    assert f"- **board-charter**: {words}" in md
    assert f"  {words}\n" in result.stdout
    assert f"<td>{words}</td></tr>" in html


def test_compare_review_of_a_round_begun_with_init_from(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    """As init --from leaves it: the action dropped last round is not in the new plan,
    and the new plan moved a due date that was missed."""
    old, new = plan_rounds
    text = ACTIONS_NEW.replace(
        "  - id: gone\n    title: Dropped thing\n    enablers: [locality]\n"
        "    status: dropped\n    notes: Merged into data-deal.\n",
        "",
    ).replace("    due: 2025-09-30\n    status: done", "    due: 2025-12-31\n    status: done")
    assert "gone" not in text
    assert "2025-12-31\n    status: done" in text
    (new / "actions.yaml").write_text(text, encoding="utf-8")
    result = run("compare", old, new, "--json", "--markdown", "--xlsx", "--html", "--out", "out")
    assert result.exit_code == 0, result.output
    data = json.loads(Path("out/compare-testham-2025-to-2026.json").read_text(encoding="utf-8"))
    review = data["action_review"]
    assert review["closed_before"] == ["gone"]  # dropped last round: not "missing"
    assert review["missing"] == ["old-late"]  # open last round, and gone from the plan
    assert review["dropped"] == []
    charter, _, late, gone = review["actions"]
    # completed 2025-10-15: late for the 2025-09-30 agreed, whatever the new plan says
    assert (charter["due"], charter["due_now"], charter["timing"]) == (
        "2025-09-30",
        "2025-12-31",
        "late",
    )
    assert (late["status"], late["timing"]) == (None, "not in the new plan")
    assert (gone["old_status"], gone["status"], gone["timing"]) == (
        "dropped",
        None,
        "dropped last round",
    )
    md = Path("out/compare-testham-2025-to-2026.md").read_text(encoding="utf-8")
    assert "| 2025-09-30, moved to 2025-12-31 | agreed → done | late |" in md
    assert "| Dropped thing (gone) | – | – | dropped last round | dropped last round |" in md
    assert "- Done or dropped last round (not carried over): gone" in md
    assert "Dropped thing (gone) · dropped last round\n" in result.stdout
    html = Path("out/compare-testham-2025-to-2026.html").read_text(encoding="utf-8")
    assert (
        '<td><span class="date">2025-09-30</span>, moved to <span class="date">2025-12-31</span>'
        "</td><td>agreed → done</td>"
    ) in html
    ws = load(Path("out/compare-testham-2025-to-2026.xlsx").read_bytes())["Action review"]
    assert [ws[f"{c}8"].value for c in "ABCDEFG"] == [
        "gone",
        "Dropped thing",
        None,
        None,
        "dropped",
        "–",
        "dropped last round",
    ]
    assert ws["D5"].value == "2025-09-30, moved to 2025-12-31"
    # the lists below: each label across Id and Action, the ids across the rest
    labels = {ws[f"A{r}"].value: ws[f"C{r}"].value for r in range(10, 16)}
    assert labels == {
        "Carried over (open in both rounds)": "data-deal",
        "Done": "board-charter",
        "Dropped": "–",
        "New this round": "agenda-day",
        "Done or dropped last round (not carried over)": "gone",
        "Open last round, not in the new plan": "old-late",
    }
    assert {"A10:B10", "C10:J10", "A15:B15"} <= {str(r) for r in ws.merged_cells.ranges}


def test_compare_without_an_old_plan_has_no_review(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, new = plan_rounds
    (old / "actions.yaml").unlink()
    result = run("compare", old, new, "--json", "--out", "out")
    data = json.loads(Path("out/compare-testham-2025-to-2026.json").read_text(encoding="utf-8"))
    assert "action_review" not in data
    assert "The action plan reviewed" not in result.stdout


# ------------------------------------------------------------------ init --from


def test_init_from_carries_open_actions_and_targets_and_no_answers(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    result = run("init", "next", "--from", old, "--round", "2026")
    assert result.exit_code == 0, result.output
    assert (
        "carried 3 open action(s) (1 done or dropped left behind) and 2 target(s) from old"
        in result.stdout
    )
    workspace_files = sorted(p.name for p in Path("next").iterdir())
    assert workspace_files == [
        ".gitignore",
        "actions.schema.json",
        "actions.yaml",
        "agreed.yaml",
        "bbtool.schema.json",
        "bbtool.yaml",
        "participants",
    ]
    plan_text = Path("next/actions.yaml").read_text(encoding="utf-8")
    assert plan_text.startswith("# yaml-language-server: $schema=actions.schema.json\n")
    ws = load_workspace_filled(Path("next"))
    assert ws.actions is not None
    assert [a.id for a in ws.actions.plan.actions] == ["board-charter", "data-deal", "old-late"]
    old_plan = load_workspace(old).actions
    assert old_plan is not None
    assert ws.actions.plan.actions == [a for a in old_plan.plan.actions if a.open]
    assert ws.agreed is not None
    assert ws.agreed.targets == {"leadership": 3, "locality": 4}
    assert ws.agreed.agreed == {}
    assert ws.config.area == "Testham"
    assert ws.config.round == "2026"
    assert ws.config.date is None


def test_init_from_again_says_what_it_did_not_carry(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    assert run("init", "next", "--from", old, "--round", "2026").exit_code == 0
    mine = "actions:\n  - id: mine\n    title: Mine\n    enablers: [locality]\n"
    Path("next/actions.yaml").write_text(mine, encoding="utf-8")
    Path("next/agreed.yaml").unlink()
    result = run("init", "next", "--from", old, "--round", "2026")
    assert result.exit_code == 0, result.output
    assert "carried 2 target(s) from old" in result.stdout
    assert (
        "note: next/actions.yaml was there already and is kept as it is: the 3 open "
        "action(s) of old were not carried into it (move it away and run init --from "
        "again to carry them)"
    ) in result.stdout
    assert "open action(s) (1 done" not in result.stdout  # nothing says it carried them
    assert Path("next/actions.yaml").read_text(encoding="utf-8") == mine


def load_workspace_filled(root: Path) -> Workspace:
    """The new round loaded, checking that its templates hold no answers."""
    files = sorted((root / "participants").iterdir())
    assert [f.name for f in files] == ["01-ann.yaml", "02-bob.yaml", "03-cy.yaml", "04-dee.yaml"]
    ws = load_workspace(root)
    for record in ws.records:
        assert set(record.answers.scores.values()) == {None}
        assert set(record.answers.evidence.values()) <= {None}
        assert record.answers.challenges == []
        assert record.answers.participant.organisation is None
    return ws


def test_init_from_with_names_and_refusals(plan_rounds: tuple[Path, Path], run: Run) -> None:
    old, _ = plan_rounds
    named = run("init", "next", "--from", old, "--names", "Zoe,Ann")
    assert named.exit_code == 0, named.output
    assert sorted(p.name for p in Path("next/participants").iterdir()) == [
        "01-zoe.yaml",
        "02-ann.yaml",
    ]
    same = run("init", "again", "--from", old, "--round", "2025")
    assert same.exit_code == 2
    assert "is the last round's name" in same.output
    both = run("init", "more", "--from", old, "--participants", "3")
    assert both.exit_code == 2
    assert not Path("again").exists()
    assert not Path("more").exists()


def test_schema_for_actions_lists_the_frameworks_ids(run: Run) -> None:
    result = run("schema", "--actions")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    action = data["properties"]["actions"]["items"]
    assert action["required"] == ["id", "title", "enablers"]
    assert action["properties"]["status"]["enum"] == [
        "proposed",
        "agreed",
        "in-progress",
        "done",
        "dropped",
    ]
    enablers = action["properties"]["enablers"]["oneOf"][0]["items"]["enum"]
    assert enablers[0] == "leadership"
    assert len(enablers) == 12


def test_the_meeting_view_opens_with_the_open_actions(
    plan_rounds: tuple[Path, Path], run: Run
) -> None:
    old, _ = plan_rounds
    assert run("report", old, "--html", "--out", "out").exit_code == 0
    page = Path("out/testham-2025.html").read_text(encoding="utf-8")
    screens = ['id="cover"', 'id="open-actions"', 'id="overview"']
    assert [page.index(s) for s in screens] == sorted(page.index(s) for s in screens)
    opened = page[page.index('id="open-actions"') : page.index('id="overview"')]
    # the open ones only: the dropped action is not on this screen
    assert opened.count("<tr data-action=") == 3
    assert 'data-action="gone"' not in opened
    # each enabler's screen lists its actions: locality's three, leadership's one
    assert page.count('<li data-action="board-charter">') == 1
    assert page.count('<li data-action="gone">') == 1


def test_init_from_keeps_each_persons_organisation_sector_and_level(
    run: Run, tmp_path: Path
) -> None:
    # the next round's templates hold last round's details (so --by sector still works
    # without everyone typing them again), and none of anyone's answers
    import shutil

    demo = Path(__file__).parents[2] / "examples" / "demo"
    old = tmp_path / "old"
    shutil.copytree(demo, old)
    new = tmp_path / "new"
    result = run("init", new, "--from", old, "--round", "2027")
    assert result.exit_code == 0, result.output
    last = load_workspace(old)
    ws = load_workspace(new)
    before = {r.name: r.answers.participant for r in last.records}
    after = {r.name: r.answers.participant for r in ws.records}
    assert after == before
    assert after["Priya Shah"].organisation == "Northbridge Council – Early Help"
    assert after["Priya Shah"].sector == "council"
    assert after["Priya Shah"].level == "strategic"
    assert all(not r.answers.answered for r in ws.records)
    assert ws.score().participants == []  # none counted until they answer
