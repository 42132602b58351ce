"""A participant's form in the framework's own words: its opening from the framework
(or a neutral one), the skip label as written, and nothing of a Challenges sheet
when the framework has no challenges."""

from __future__ import annotations

from pathlib import Path

from _frameworks import Shape, write_framework
from bbtool.core.models import Framework
from bbtool.forms.writer import build_form
from bbtool.workspace.loader import load_framework


def _words(framework: Framework) -> tuple[list[str], str]:
    book = build_form(framework, "Ann Example")
    words = " ".join(
        str(cell.value) for ws in book.worksheets for row in ws.iter_rows() for cell in row
    )
    return book.sheetnames, words


def test_the_opening_is_the_frameworks_own(framework: Framework) -> None:
    _, words = _words(framework)
    assert framework.form_intro in words
    assert framework.form_intro.startswith("This form is your own view")


def test_another_framework_gets_a_neutral_opening_and_no_challenges(tmp_path: Path) -> None:
    shape = Shape(points=4, start=1, enablers=3, themes=1, indicators=1)
    framework = load_framework(write_framework(tmp_path / "fw", shape))
    sheets, words = _words(framework)
    assert "This form is your own view of how things stand in this area, using " in words
    assert "“The Zephyr grid”" in words
    assert "young children" not in words
    assert "Challenges" not in sheets
    assert "Challenges sheet" not in words
    assert "I cannot judge this (not counted)" in words  # the skip label as written


def test_a_framework_with_challenges_keeps_the_step(tmp_path: Path) -> None:
    shape = Shape(points=4, start=1, enablers=3, themes=1, indicators=1, challenges=2)
    sheets, words = _words(load_framework(write_framework(tmp_path / "fw", shape)))
    assert "Challenges" in sheets
    assert "On the Challenges sheet, choose yes for each challenge in play locally." in words


def test_a_theme_prints_on_its_pages_with_its_reflections(framework: Framework) -> None:
    """The reflections box never prints on a page of its own: a page break, where one is
    needed, falls between two enablers, and the box keeps at least the last enabler."""
    from bbtool.forms.layout import layout

    wb = build_form(framework, "Ann Lee", None)
    for sheet in layout(framework).theme_sheets:
        ws = wb[sheet.title]
        breaks = [b.id + 1 for b in ws.row_breaks.brk]  # the rows that start a page
        enablers = [row for _, row in sheet.enabler_rows]
        assert len(breaks) <= 1, sheet.title  # two pages a theme at most
        assert sheet.reflection_label_row not in breaks, sheet.title
        assert all(row in enablers[1:] for row in breaks), sheet.title  # an enabler whole
        assert ws.print_title_rows, sheet.title  # the column headings on each page


def test_a_short_theme_prints_on_one_page(tmp_path: Path) -> None:
    folder = write_framework(tmp_path / "fw", Shape(themes=2, enablers=2, indicators=2))
    framework = load_framework(folder)
    wb = build_form(framework, None, None)
    for sheet in wb.worksheets[1:3]:
        assert [b.id for b in sheet.row_breaks.brk] == [], sheet.title
