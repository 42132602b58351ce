"""The Markdown summary: real figures, safe text, small enough for a CI job summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from bbtool.loader import load_workspace
from bbtool.markdown_report import to_markdown
from bbtool.results import Report
from bbtool.scoring import score

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


@pytest.fixture(scope="module")
def demo_report() -> Report:
    ws = load_workspace(DEMO)
    return score(
        ws.framework,
        ws.records,
        area=ws.config.area,
        round=ws.config.round,
        thresholds=ws.thresholds,
    )


def _row(text: str, label: str) -> list[str]:
    (line,) = [ln for ln in text.splitlines() if ln.startswith(f"| {label} |")]
    return [c.strip() for c in line.strip("|").split("|")]


def test_enabler_rows_carry_the_core_figures(demo_report: Report) -> None:
    text = to_markdown(demo_report)
    e = demo_report.enabler("information-sharing")
    row = _row(text, "Partnership and process: Information sharing")
    assert row[1] == f"{e.mean:.2f}" == "2.00"
    assert row[6:9] == [str(e.n), str(e.skipped), str(e.unanswered)] == ["9", "1", "0"]
    assert "low" in row[9]
    assert "polarised" in _row(text, "Partnership and process: Families as partners")[9]


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
