"""Text bars: a mean drawn on its scale in eighths of a cell, for Markdown summaries."""

from __future__ import annotations

import pytest

from bbtool.render.text import (
    LABEL_WRAP,
    areas_stem,
    grouped_place,
    text_bar,
    wrap_label,
    wrapped,
)


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


@pytest.mark.parametrize(
    ("title", "number", "wrapped"),
    [
        ("Senior leadership", "", "Senior\nleadership"),
        ("Information sharing", "2", "Information\nsharing 2"),
        # too long: the title is cut, the number kept whole
        ("Mandat partagé (shared purpose of every partner)", "3", "Mandat partagé\n(shared… 3"),
        ("Short e01 with a long spoke name", "12", "Short e01 with\na long… 12"),
        ("Short e01 with a long spoke name", "", "Short e01 with\na long spoke…"),
    ],
)
def test_spoke_titles_wrap_to_two_lines_keeping_the_number(
    title: str, number: str, wrapped: str
) -> None:
    assert wrap_label(title, number) == wrapped
    lines = wrapped.split("\n")
    assert len(lines) <= 2
    assert all(len(line) <= LABEL_WRAP for line in lines)


def test_a_folder_of_areas_is_not_called_areas_twice() -> None:
    """Issue 15, item 17: no ``areas-areas.xlsx``, no "by area — areas"."""
    assert areas_stem("areas") == "areas"
    assert areas_stem("London Areas") == "London Areas"
    assert areas_stem("boroughs") == "boroughs-areas"
    assert grouped_place("area", "areas", "2026 spring") == "2026 spring"
    assert grouped_place("area", "boroughs", "2026 spring") == "boroughs, 2026 spring"
    assert grouped_place("sector", "Northbridge", "2026 spring") == "Northbridge, 2026 spring"


def test_a_line_of_the_conversation_wraps_at_words_under_its_own_marker() -> None:
    assert wrapped("Short", 20) == ["Short"]
    assert wrapped("", 20) == [""]
    assert wrapped("  - one two three four five six", 16) == [
        "  - one two",
        "    three four",
        "    five six",
    ]
    assert wrapped("  (2/6) alpha beta gamma delta", 19) == [
        "  (2/6) alpha beta",
        "        gamma delta",
    ]
    assert wrapped("Your score for a very long enabler", 14) == [
        "Your score for",
        "a very long",
        "enabler",
    ]
    # a word longer than the line is left whole
    assert wrapped("see https://example.org/a/very/long/address here", 20)[1] == (
        "https://example.org/a/very/long/address"
    )
