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
