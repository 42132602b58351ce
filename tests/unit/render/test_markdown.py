"""The Markdown summary: real figures, safe text, small enough for a CI job summary."""

from __future__ import annotations

import pytest

from bbtool.core.results import Report
from bbtool.render.markdown import to_markdown
from bbtool.render.text import text_bar


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


@pytest.mark.parametrize(
    ("value", "low", "high", "bar"),
    [
        (1.0, 1, 5, "░░░░░░░░░░"),
        (5.0, 1, 5, "██████████"),
        (3.0, 1, 5, "█████░░░░░"),
        (1.05, 1, 5, "▏░░░░░░░░░"),  # 0.0125 of 80 eighths rounds to 1
        (2.0, 0, 4, "█████░░░░░"),  # another scale: its own ends
        (None, 1, 5, ""),
        (9.0, 1, 5, "██████████"),  # held to the scale's ends
    ],
)
def test_text_bar(value: float | None, low: int, high: int, bar: str) -> None:
    assert text_bar(value, low, high) == bar


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
