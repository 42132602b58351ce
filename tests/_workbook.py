"""Reading bbtool's workbooks back: the sheets a report's workbook has, in order, and
:func:`load` (openpyxl is untyped: its books and sheets are ``Any``)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

Book = Any
Sheet = Any

SHEETS = [
    "Summary",
    "Scores",
    "Indicators",
    "Distribution",
    "Challenges",
    "Case studies",
    "Evidence & reflections",
    "Charts",
    "About",
]  # and "Groups" after "Distribution" when the report is grouped


def load(data: bytes) -> Book:
    """A workbook from its bytes."""
    return load_workbook(io.BytesIO(data))
