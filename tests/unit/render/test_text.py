"""Text bars: a mean drawn on its scale in eighths of a cell, for Markdown summaries."""

from __future__ import annotations

import pytest

from bbtool.render.text import text_bar


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
