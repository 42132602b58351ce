"""Where everything sits in a participant's Excel form: one layout for writer and reader.

``bbtool form`` writes a form from this layout and ``bbtool import`` reads the same
cells back, so the two can never disagree. Pure: no openpyxl, no I/O.

The layout depends on the framework's ids (themes, enablers, indicators, challenges)
and its scale; :func:`fingerprint` condenses them, and the form records it in a hidden
sheet with :data:`FORM_VERSION`, so a form made for another framework, or by another
version of the form, is refused rather than misread.

Every row that holds an answer also names it, in a hidden, locked column
(:data:`ID_COL`): ``enabler:leadership``, ``indicator:leadership.2``, ... A row that is
inserted, deleted or moved (after someone unprotects a sheet) carries its name with it,
so the reader finds each answer by its name and refuses a form whose rows or columns
no longer sit where the form put them (:attr:`Slot.row_id`, :attr:`Layout.row_ids`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from bbtool.core.models import SKIP, Framework

FORM_VERSION = "2"  # 2: each answer row names its answer in the hidden column D
INSTRUCTIONS = "Instructions"
CHALLENGES = "Challenges"
MARKER = "bbtool"
MAX_SHEET_NAME = 31  # Excel's limit

YES, NO = "yes", "no"

# The marker sheet: one key per row in column A, its value in column B.
MARKER_KEYS = ("form", "framework", "short_name", "fingerprint", "form_version")
MARKER_FORM = "bbtool participant form"

# The participant's details on the Instructions sheet: label in A, answer in B.
DETAILS = ("name", "organisation", "sector", "level")
DETAILS_FIRST_ROW = 5

# A theme sheet: title, help, column headings, then each enabler and its indicators.
THEME_FIRST_ROW = 4
TEXT_COL, SCORE_COL, EVIDENCE_COL = 1, 2, 3
# The Challenges sheet: title, help, headings, then one challenge a row.
CHALLENGE_FIRST_ROW = 4
CHALLENGE_TITLE_COL, CHALLENGE_SUMMARY_COL, CHALLENGE_ANSWER_COL = 1, 2, 3
# Every sheet with answers: the answer's name on its row, in this hidden, locked column.
ID_COL = 4

Kind = Literal["detail", "score", "indicator", "evidence", "reflection", "challenge"]


@dataclass(frozen=True)
class Slot:
    """One input cell: what it holds (``kind`` and the id ``key``) and where it is."""

    sheet: str
    row: int
    column: int
    kind: Kind
    key: str

    @property
    def ref(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    @property
    def row_id(self) -> str:
        """The name its row carries in :data:`ID_COL`: an enabler's score and evidence
        share their row, and so its name (``enabler:leadership``)."""
        return f"{_ROW_KIND[self.kind]}:{self.key}"


_ROW_KIND: dict[Kind, str] = {
    "detail": "detail",
    "score": "enabler",
    "evidence": "enabler",
    "indicator": "indicator",
    "reflection": "reflection",
    "challenge": "challenge",
}


def describe_row(row_id: str) -> str:
    """A row's name as a person reads it: ``enabler 'leadership'``."""
    kind, _, key = row_id.partition(":")
    return f"{kind} {key!r}"


@dataclass(frozen=True)
class ThemeSheet:
    title: str  # the sheet's name
    theme_id: str
    enabler_rows: tuple[tuple[str, int], ...]  # enabler id -> its row
    indicator_rows: tuple[tuple[str, int], ...]  # indicator id -> its row
    reflection_label_row: int
    reflection_row: int


@dataclass(frozen=True)
class Layout:
    theme_sheets: tuple[ThemeSheet, ...]
    slots: tuple[Slot, ...]
    sheet_order: tuple[str, ...]  # every sheet, in the workbook's order

    def sheet_index(self, sheet: str) -> int:
        return self.sheet_order.index(sheet) if sheet in self.sheet_order else len(self.sheet_order)

    def row_ids(self, sheet: str) -> dict[str, int]:
        """The names the answer rows of ``sheet`` carry in :data:`ID_COL`, and their rows."""
        return {s.row_id: s.row for s in self.slots if s.sheet == sheet}


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def score_choices(framework: Framework) -> list[str]:
    """What a score cell's drop-down offers: the scale's values, then skip."""
    return [str(v) for v in framework.scale.values] + [SKIP]


def fingerprint(framework: Framework) -> str:
    """sha256 of everything the form's layout depends on: ids and the scale."""
    parts = [f"scale:{','.join(score_choices(framework))}"]
    for theme in framework.themes:
        parts.append(f"theme:{theme.id}")
        for e in theme.enablers:
            parts.append(f"enabler:{e.id}")
            parts += [f"indicator:{i.id}" for i in e.indicators]
    parts += [f"challenge:{c.id}" for c in framework.challenges]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _sheet_name(title: str, taken: set[str]) -> str:
    """A theme's title as a sheet name: no characters Excel forbids, at most 31, unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title)
    base = " ".join(base.split()).strip("'") or "Theme"
    name = base[:MAX_SHEET_NAME].rstrip()
    number = 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        number += 1
    taken.add(name.casefold())
    return name


def layout(framework: Framework) -> Layout:
    """Every sheet and input cell of the form for ``framework``."""
    taken = {INSTRUCTIONS.casefold(), CHALLENGES.casefold(), MARKER.casefold()}
    slots = [
        Slot(INSTRUCTIONS, DETAILS_FIRST_ROW + n, 2, "detail", key) for n, key in enumerate(DETAILS)
    ]
    sheets: list[ThemeSheet] = []
    for theme in framework.themes:
        title = _sheet_name(theme.title, taken)
        row = THEME_FIRST_ROW
        enabler_rows: list[tuple[str, int]] = []
        indicator_rows: list[tuple[str, int]] = []
        for e in theme.enablers:
            enabler_rows.append((e.id, row))
            slots.append(Slot(title, row, SCORE_COL, "score", e.id))
            slots.append(Slot(title, row, EVIDENCE_COL, "evidence", e.id))
            row += 1
            for ind in e.indicators:
                indicator_rows.append((ind.id, row))
                slots.append(Slot(title, row, SCORE_COL, "indicator", ind.id))
                row += 1
        label_row = row + 1
        slots.append(Slot(title, label_row + 1, TEXT_COL, "reflection", theme.id))
        sheets.append(
            ThemeSheet(
                title,
                theme.id,
                tuple(enabler_rows),
                tuple(indicator_rows),
                label_row,
                label_row + 1,
            )
        )
    order = [INSTRUCTIONS, *(s.title for s in sheets)]
    if framework.challenges:
        order.append(CHALLENGES)
        slots += [
            Slot(CHALLENGES, CHALLENGE_FIRST_ROW + n, CHALLENGE_ANSWER_COL, "challenge", c.id)
            for n, c in enumerate(framework.challenges)
        ]
    order.append(MARKER)
    return Layout(tuple(sheets), tuple(slots), tuple(order))
