"""The Markdown summary: real figures, safe text, small enough for a CI job summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from _agreed import agreed_report, agreed_workspace
from bbtool.core.results import Report
from bbtool.render.markdown import to_markdown

MakeWorkspace = Callable[..., Path]  # the conftest fixture


def _row(text: str, label: str) -> list[str]:
    (line,) = [ln for ln in text.splitlines() if ln.startswith(f"| {label} |")]
    return [c.strip() for c in line.strip("|").split("|")]


def test_enabler_rows_carry_the_core_figures(demo_report: Report) -> None:
    text = to_markdown(demo_report)
    e = demo_report.enabler("information-sharing")
    row = _row(text, "Partnership and process: Information sharing")
    assert row[2] == f"{e.mean:.2f}" == "2.00"
    assert row[7:10] == [str(e.n), str(e.skipped), str(e.unanswered)] == ["9", "1", "0"]
    assert "low" in row[10]
    assert "polarised" in _row(text, "Partnership and process: Families as partners")[10]


def test_enabler_means_are_drawn_as_text_bars_on_the_scale(demo_report: Report) -> None:
    """The chart a CI job summary can show: a linked PNG there would not load."""
    text = to_markdown(demo_report)
    header = _row(text, "Enabler")
    assert header[1] == "Mean on 1–5"
    # 2.00 on 1-5 is a quarter: 2.5 of 10 cells; 3.80 is 0.7: 7 cells
    assert _row(text, "Partnership and process: Information sharing")[1] == "`██▌░░░░░░░`"
    assert _row(text, "Purpose and priorities: Senior leadership")[1] == "`███████░░░`"
    # the bars need no picture: without radar images given, nothing is linked
    assert "](" not in text


def test_theme_and_challenge_tables(demo_report: Report) -> None:
    text = to_markdown(demo_report)
    theme = demo_report.themes[2]
    assert _row(text, theme.title)[1] == f"{theme.mean:.2f}"
    top = max(demo_report.challenges, key=lambda c: c.count)
    assert _row(text, top.title)[1] == str(top.count)


def test_images_are_linked_relatively(demo_report: Report) -> None:
    text = to_markdown(demo_report, ["radar-enablers.png"])
    assert "![radar-enablers.png](radar-enablers.png)" in text


def test_participant_text_cannot_break_tables_or_inject_html(demo_report: Report) -> None:
    hostile = demo_report.model_copy(update={"area": "A | B <script>alert(1)</script>\n# heading"})
    first = to_markdown(hostile).splitlines()[0]
    assert first == r"# A \| B \<script\>alert(1)\</script\> \# heading · 2026 spring"


def test_small_enough_for_a_job_summary(demo_report: Report) -> None:
    assert len(to_markdown(demo_report).encode()) < 64 * 1024


# -------------------------------------------------------------- agreed scores


@pytest.mark.usefixtures("in_tmp")
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


def test_a_framework_without_challenges_or_case_studies_has_no_section_for_them(
    tmp_path: Path,
) -> None:
    from _frameworks import Shape, scored

    _, report = scored(tmp_path / "ws", Shape(enablers=6, themes=2, indicators=0))
    assert report.flagged
    text = to_markdown(report)
    assert "## Challenges in play" not in text
    assert "## Case studies" not in text
    assert "No enabler is flagged" not in text


def test_case_studies_carry_the_frameworks_label_and_source(demo_report: Report) -> None:
    text = to_markdown(demo_report)
    study = demo_report.case_studies[0]
    assert f"- **Box {study.id}: {study.title}**" in text
    assert f"Read them in full in {demo_report.case_studies_source}." in text
    plain = demo_report.model_copy(update={"case_study_label": "", "case_studies_source": ""})
    text = to_markdown(plain)
    assert f"- **{study.title}**" in text
    assert "Box" not in text
    assert "Read them in full" not in text
