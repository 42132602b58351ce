"""A participant's self-evaluation form as an Excel workbook, for people who do not use YAML.

One sheet of instructions and the participant's details, one sheet per theme (each
enabler with its maturity indicators in full, a score and an evidence cell per enabler,
optional indicator scores, a reflections box), a Challenges sheet, and a hidden marker
sheet naming the framework and the form version. Each answer's row names the answer in
a hidden, locked column D (see ``forms/layout.py``). Only the answer cells are unlocked;
scores and challenges are drop-down lists that refuse anything else. Every sheet prints
on A4, fitted to the width. Only ``bbtool form`` imports this module (it imports openpyxl).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from bbtool.core.models import SKIP, Framework
from bbtool.forms.layout import (
    CHALLENGE_FIRST_ROW,
    CHALLENGES,
    DETAILS,
    DETAILS_FIRST_ROW,
    EVIDENCE_COL,
    FORM_VERSION,
    ID_COL,
    INSTRUCTIONS,
    MARKER,
    MARKER_FORM,
    MARKER_KEYS,
    NO,
    SCORE_COL,
    TEXT_COL,
    THEME_FIRST_ROW,
    YES,
    Layout,
    ThemeSheet,
    column_letter,
    fingerprint,
    layout,
    score_choices,
)
from bbtool.render.templates import middle_advice
from bbtool.render.xlsx.cells import (
    LINE,
    Sheet,
    column_points,
    header_text,
    page_setup,
    put,
    put_text,
    set_widths,
)

__all__ = ["build_form"]


FACE = "Calibri"
TITLE = Font(name=FACE, bold=True, size=14)
BOLD = Font(name=FACE, bold=True, size=11)
_PLAIN = Font(name=FACE, size=11)
_STRONG = Font(name=FACE, bold=True, size=12, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ENABLER_FILL = PatternFill("solid", fgColor="E7E6E6")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: type here
THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
_INDENT_WRAP = Alignment(wrap_text=True, vertical="top", indent=2)
CENTRE = Alignment(horizontal="center", vertical="center")
_UNLOCKED = Protection(locked=False)
_ID_FONT = Font(name=FACE, size=8, color="808080")

_ENABLER_HEIGHT = 64.0  # room for a few lines of evidence beside a short enabler title
_REFLECTION_HEIGHT = 150.0
# A4 portrait, in points, less the margins (cells.page_setup): what a page holds at 100 %
_PORTRAIT_WIDTH = 595 - 2 * 36
_PORTRAIT_HEIGHT = (842 - 2 * 54) * 0.97
_DETAIL_HEIGHT = 21.0


def _input(ws: Sheet, row: int, column: int, *, text: bool, centre: bool = False) -> Any:
    """An answer cell: unlocked, boxed, pale yellow; text cells take what is typed as text."""
    cell = ws.cell(row=row, column=column)
    cell.protection = _UNLOCKED
    cell.fill = _INPUT_FILL
    cell.border = _BOX
    cell.font = _PLAIN
    cell.alignment = CENTRE if centre else WRAP
    if text:
        cell.number_format = "@"  # typed "=..." stays text, not a formula
    return cell


def _list(ws: Sheet, choices: list[str], what: str) -> DataValidation:
    allowed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
    dv = DataValidation(
        type="list",
        formula1=f'"{",".join(choices)}"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not on the list",
        error=f"Choose {allowed} from the list ({what}).",
        showInputMessage=True,
        promptTitle=what.capitalize()[:32],
        prompt=f"Choose {allowed}.",
    )
    ws.add_data_validation(dv)
    return dv


def _level_label(levels: Sequence[str]) -> str:
    """The Level box's label: the levels, when they fit its two lines; else a pointer
    to its drop-down list."""
    label = f"Level ({', '.join(levels)})"
    return label if len(label) <= 48 else "Level (choose from the list)"


def _across(ws: Sheet, row: int, last: int) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)


def _row_ids(ws: Sheet, plan: Layout) -> None:
    """Each answer row's name in the hidden, locked column D: it moves with its row."""
    ids = plan.row_ids(ws.title)
    if not ids:
        return
    for row_id, row in ids.items():
        put(ws, row, ID_COL, row_id, font=_ID_FONT)
    ws.column_dimensions[column_letter(ID_COL)].hidden = True


def _protect(ws: Sheet) -> None:
    """Protected without a password: only the answer cells can be changed, but rows and
    columns can still be resized to read long text."""
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False


def _print(ws: Sheet, header: str, title_rows: str | None, portrait: bool = True) -> None:
    page_setup(ws, header, title_rows, None, span=1)  # span=1: merge nothing; done here
    if portrait:
        ws.page_setup.orientation = "portrait"
    ws.print_options.horizontalCentered = False


def _intro(framework: Framework) -> str:
    """The form's opening: the framework's own words, else a neutral sentence."""
    if framework.form_intro:
        return framework.form_intro
    return f"This form is your own view of how things stand in this area, using “{framework.name}”."


def _instructions(ws: Sheet, framework: Framework, title: str, given: Mapping[str, str]) -> None:
    set_widths(ws, [30, 72])
    put(ws, 1, 1, title, font=TITLE)
    put(
        ws,
        2,
        1,
        f"{_intro(framework)} There are no right answers: score what you see from where you work. "
        "Your answers are brought together with everyone else's, to show where the partnership "
        "agrees, where it sees things differently, and where to dig deeper.",
        alignment=WRAP,
    )
    _across(ws, 1, 2)
    _across(ws, 2, 2)
    put(ws, DETAILS_FIRST_ROW - 1, 1, "Your details", font=BOLD, fill=HEADER_FILL)
    ws.cell(row=DETAILS_FIRST_ROW - 1, column=2).fill = HEADER_FILL
    labels = {
        "name": "Name (required)",
        "organisation": "Organisation",
        "sector": "Sector (e.g. council, health)",
        "level": _level_label(framework.levels),
    }
    for n, key in enumerate(DETAILS):
        row = DETAILS_FIRST_ROW + n
        put(ws, row, 1, labels[key], font=BOLD, alignment=WRAP)
        cell = _input(ws, row, 2, text=True)
        if given.get(key):
            put_text(cell, given[key])
        ws.row_dimensions[row].height = _DETAIL_HEIGHT
    level = _list(ws, list(framework.levels), "level")
    level.add(f"B{DETAILS_FIRST_ROW + DETAILS.index('level')}")
    row = DETAILS_FIRST_ROW + len(DETAILS) + 1
    put(ws, row, 1, "How to fill in this form", font=BOLD, fill=HEADER_FILL)
    ws.cell(row=row, column=2).fill = HEADER_FILL
    steps = [
        "Type only in the pale yellow boxes; the rest of the form is locked.",
        "Each theme has its own sheet (tabs at the bottom). Read each enabler's maturity "
        "indicators, then choose a score for the enabler from the drop-down list in its "
        "Score box: consider what is in place, how well it is embedded, and any evidence "
        "of impact.",
        f"If you know nothing of an area, choose {SKIP}: it is not counted. Leave a box "
        "empty if you have not decided yet.",
        "Optional ('dig deeper'): score any of the maturity indicators in the Score box beside it.",
        "Optional: in the Evidence box, write what works well and the evidence that shows "
        "it; at the bottom of each theme's sheet, the key areas where progress is needed.",
        *(
            [f"On the {CHALLENGES} sheet, choose {YES} for each challenge in play locally."]
            if framework.challenges
            else []
        ),
        "Save the file (keep it as .xlsx) and send it back to whoever sent it to you.",
    ]
    for n, step in enumerate(steps, start=1):
        row += 1
        put(ws, row, 1, f"Step {n}", font=BOLD, alignment=WRAP)
        put(ws, row, 2, step, alignment=WRAP)
    row += 2
    put(ws, row, 1, "The scale", font=BOLD, fill=HEADER_FILL)
    ws.cell(row=row, column=2).fill = HEADER_FILL
    for point in framework.scale.points:
        row += 1
        put(ws, row, 1, f"{point.value} = {point.label}", font=BOLD, alignment=WRAP)
        put(ws, row, 2, point.descriptor, alignment=WRAP)
    row += 1
    put(ws, row, 1, SKIP, font=BOLD, alignment=WRAP)
    put(ws, row, 2, f"{framework.skip_label} (not counted)", alignment=WRAP)
    advice = middle_advice(framework)  # none on a scale with no middle point
    if advice is not None:
        row += 2
        put(ws, row, 1, advice, font=_STRONG)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    row += 2
    put(ws, row, 1, framework.credit, font=Font(name=FACE, italic=True, size=9), alignment=WRAP)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)


def _theme(ws: Sheet, framework: Framework, sheet: ThemeSheet, choices: list[str]) -> None:
    theme = next(t for t in framework.themes if t.id == sheet.theme_id)
    set_widths(ws, [62, 9, 40])
    put(ws, 1, 1, theme.title, font=TITLE)
    put(
        ws,
        2,
        1,
        f"Score each enabler (grey rows) from {framework.scale.min} to {framework.scale.max}, "
        f"or {SKIP}, using the scale on the Instructions sheet. Scoring the maturity "
        "indicators under it is optional. Type only in the pale yellow boxes.",
        alignment=WRAP,
    )
    _across(ws, 1, EVIDENCE_COL)
    _across(ws, 2, EVIDENCE_COL)
    head = THEME_FIRST_ROW - 1
    for col, label in (
        (TEXT_COL, "Enabler, and its maturity indicators"),
        (SCORE_COL, "Score"),
        (EVIDENCE_COL, "Evidence: what works well, and what shows it (optional)"),
    ):
        put(ws, head, col, label, font=BOLD, fill=HEADER_FILL, alignment=WRAP)
    scores = _list(ws, choices, "score")
    rows = dict(sheet.enabler_rows)
    for e in theme.enablers:
        row = rows[e.id]
        put(ws, row, TEXT_COL, e.title, font=BOLD, fill=_ENABLER_FILL, alignment=WRAP)
        scores.add(_input(ws, row, SCORE_COL, text=False, centre=True).coordinate)
        _input(ws, row, EVIDENCE_COL, text=True)
        ws.row_dimensions[row].height = _ENABLER_HEIGHT
        for n, ind in enumerate(e.indicators, start=1):
            put(ws, row + n, TEXT_COL, f"{n}. {ind.text}", font=_PLAIN, alignment=_INDENT_WRAP)
            scores.add(_input(ws, row + n, SCORE_COL, text=False, centre=True).coordinate)
    put(
        ws,
        sheet.reflection_label_row,
        TEXT_COL,
        f"Reflections on {theme.title}: what are the key areas where progress is "
        "needed? (optional)",
        font=BOLD,
        fill=HEADER_FILL,
        alignment=WRAP,
    )
    ws.merge_cells(
        start_row=sheet.reflection_label_row,
        start_column=TEXT_COL,
        end_row=sheet.reflection_label_row,
        end_column=EVIDENCE_COL,
    )
    _input(ws, sheet.reflection_row, TEXT_COL, text=True)
    ws.merge_cells(
        start_row=sheet.reflection_row,
        start_column=TEXT_COL,
        end_row=sheet.reflection_row,
        end_column=EVIDENCE_COL,
    )
    ws.row_dimensions[sheet.reflection_row].height = _REFLECTION_HEIGHT


def _theme_pages(ws: Sheet, sheet: ThemeSheet) -> None:
    """Page breaks that keep a theme on its pages: each enabler whole with its
    indicators, and the reflections box with its question and at least the theme's
    last enabler (never on a page of its own). After :func:`_print` (row heights)."""
    widths = sum(column_points(ws, c) for c in range(1, EVIDENCE_COL + 1))
    room = _PORTRAIT_HEIGHT / min(1.0, _PORTRAIT_WIDTH / widths)  # fit to width: scaled

    def height(rows: range) -> float:
        return sum(float(ws.row_dimensions[r].height or LINE) for r in rows)

    starts = [row for _, row in sheet.enabler_rows]
    blocks = [range(a, b) for a, b in itertools.pairwise([*starts, sheet.reflection_label_row])]
    reflections = range(sheet.reflection_label_row, sheet.reflection_row + 1)
    titles = height(range(THEME_FIRST_ROW - 1, THEME_FIRST_ROW))  # printed on every page
    used = height(range(1, THEME_FIRST_ROW))
    page_first = 0  # the first block on this page
    for n, block in enumerate(blocks):
        if used + height(block) > room and n > page_first:
            ws.row_breaks.append(Break(id=block[0] - 1))
            used, page_first = titles, n
        used += height(block)
    if used + height(reflections) > room:
        # with the last enabler, on a new page, unless that enabler starts its page
        last = blocks[-1] if blocks and len(blocks) - 1 > page_first else None
        first = last[0] if last is not None else sheet.reflection_label_row
        ws.row_breaks.append(Break(id=first - 1))


def _challenges(ws: Sheet, framework: Framework) -> None:
    set_widths(ws, [22, 70, 12])
    put(ws, 1, 1, "Common challenges", font=TITLE)
    put(
        ws,
        2,
        1,
        f"Which of these common challenges are in play locally? Choose {YES} or {NO} "
        "in the pale yellow box beside each (leave it empty if you are not sure).",
        alignment=WRAP,
    )
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    for col, label in enumerate(("Challenge", "What it looks like", "In play here?"), start=1):
        put(ws, CHALLENGE_FIRST_ROW - 1, col, label, font=BOLD, fill=HEADER_FILL, alignment=WRAP)
    answers = _list(ws, [YES, NO], "challenge")
    for n, c in enumerate(framework.challenges):
        row = CHALLENGE_FIRST_ROW + n
        put(ws, row, 1, c.title, font=BOLD, alignment=WRAP)
        put(ws, row, 2, c.summary, font=_PLAIN, alignment=WRAP)
        answers.add(_input(ws, row, 3, text=True, centre=True).coordinate)


def _marker(ws: Sheet, framework: Framework) -> None:
    values = {
        "form": MARKER_FORM,
        "framework": framework.name,
        "short_name": framework.short_name,
        "fingerprint": fingerprint(framework),
        "form_version": FORM_VERSION,
    }
    for row, key in enumerate(MARKER_KEYS, start=1):
        put(ws, row, 1, key)
        put(ws, row, 2, values[key])
    ws.sheet_state = "hidden"


def build_form(
    framework: Framework,
    name: str | None = None,
    title: str | None = None,
    details: Mapping[str, str] | None = None,
) -> Workbook:
    """One participant's form; ``name`` is filled in when given, and ``details``
    (organisation, sector, level: what the workspace's score file holds already);
    ``title`` heads the instructions and every printed page (e.g. the area and round)."""
    plan: Layout = layout(framework)
    title = title or framework.name
    header = header_text(title)
    wb = Workbook()
    ws = wb.active
    ws.title = INSTRUCTIONS
    _instructions(ws, framework, title, {**(details or {}), **({"name": name} if name else {})})
    _print(ws, header, None)
    choices = score_choices(framework)
    for sheet in plan.theme_sheets:
        ws = wb.create_sheet(sheet.title)
        _theme(ws, framework, sheet, choices)
        ws.freeze_panes = f"A{THEME_FIRST_ROW}"
        _print(ws, header, f"{THEME_FIRST_ROW - 1}:{THEME_FIRST_ROW - 1}")
        _theme_pages(ws, sheet)
    if framework.challenges:
        ws = wb.create_sheet(CHALLENGES)
        _challenges(ws, framework)
        _print(ws, header, None)
    _marker(wb.create_sheet(MARKER), framework)
    for ws in wb.worksheets:
        _row_ids(ws, plan)
        _protect(ws)
    wb.security = WorkbookProtection(lockStructure=True)  # sheets cannot be renamed or removed
    wb.active = 0
    return wb
