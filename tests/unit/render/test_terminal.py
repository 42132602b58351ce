"""The terminal report of a framework without challenges or case studies: no empty
section, and no word that nothing is flagged while enablers are."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from _frameworks import Shape, scored
from bbtool.core.results import Report
from bbtool.render.terminal import report_view


def _text(report: Report) -> str:
    console = Console(width=100, record=True, highlight=False)
    console.print(report_view(report))
    return console.export_text()


def test_optional_sections_are_left_out(tmp_path: Path) -> None:
    _, report = scored(tmp_path / "ws", Shape(enablers=6, themes=2, indicators=0))
    assert report.flagged
    text = _text(report)
    assert "LOW" in text
    assert "POLARISED" in text
    assert "Challenges in play" not in text
    assert "Case studies" not in text
    assert "No enabler is flagged" not in text


def test_case_studies_are_named_without_a_label_unless_the_framework_gives_one(
    tmp_path: Path, demo_report: Report
) -> None:
    _, report = scored(tmp_path / "ws", Shape(enablers=6, themes=2, indicators=0, case_studies=2))
    text = _text(report)
    assert "Story 1 of the Zephyr grid (Elsewhere)" in text
    assert "Box" not in text
    study = demo_report.case_studies[0]
    assert f"Box {study.id}: {study.title}" in _text(demo_report)


def test_nothing_flagged_is_said_when_the_framework_has_case_studies(demo_report: Report) -> None:
    calm = [e.model_copy(update={"low": False, "polarised": False}) for e in demo_report.enablers]
    quiet = demo_report.model_copy(update={"enablers": calm, "case_studies": []})
    assert "No enabler is flagged low or polarised." in _text(quiet)
