"""The report as an Excel workbook (openpyxl), with reproducible bytes.

Every number is a value computed by the scoring core, never a formula. Every string
goes through :func:`put_text`, so participants' words are stored as literal text: a name
or note starting with ``=`` stays text, and characters a workbook cannot hold are
dropped rather than crashing the write.

Only commands that write workbooks import this module (it imports openpyxl).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from openpyxl import Workbook as _Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from bbtool.core.models import Framework, ParticipantRecord
from bbtool.core.results import SMALL_GROUP, EnablerResult, Grouping, Report

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["build_workbook"]

from bbtool.render.text import taking_part
from bbtool.render.xlsx.cells import (
    AMBER,
    BOLD,
    CENTRE,
    GREEN,
    INT,
    ITALIC,
    RED,
    THEME_FILL,
    TOP,
    TOTAL_BORDER,
    TWO_DP,
    WRAP,
    WRAP_CENTRE,
    Sheet,
    fit_titles,
    flag_fill,
    header_row,
    merge_across,
    print_columns,
    print_rows,
    put,
    put_answer,
    put_num,
    put_score,
    put_text,
    report_page,
    report_title,
    set_widths,
    style_row,
    upright_headers,
)
from bbtool.render.xlsx.charts import charts_sheet
from bbtool.render.xlsx.notes import (
    about_sheet,
    case_studies_sheet,
    challenges_sheet,
    evidence_sheet,
)


def _colour_scale(ws: Sheet, cells: str, report: Report) -> None:
    """Red at the bottom of the scale, amber in the middle, green at the top."""
    low, high = report.scale_min, report.scale_max
    ws.conditional_formatting.add(
        cells,
        ColorScaleRule(
            start_type="num",
            start_value=low,
            start_color=RED,
            mid_type="num",
            mid_value=(low + high) / 2,
            mid_color=AMBER,
            end_type="num",
            end_value=high,
            end_color=GREEN,
        ),
    )


def _flag(value: bool | None, word: str) -> str:
    if value is None:
        return "n/a"
    return word if value else ""


def _range(first_col: int, first_row: int, last_col: int, last_row: int) -> str:
    return f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"


# ---------------------------------------------------------------------- Summary

_SUMMARY_HEADER = (
    "Enabler",
    "Full title",
    "Mean",
    "Median",
    "Min",
    "Max",
    "Consensus",
    "Agreement",
    "n",
    "Skipped",
    "Unanswered",
    "Low",
    "Polarised",
)
_GAP = "+0.00;-0.00;0.00"  # a sign on every gap: above or below the mean


def _agreed_columns(report: Report) -> list[str]:
    """The columns from agreed.yaml the Summary adds, when it has any of them."""
    columns = ["Agreed", "Gap", "Target"] if report.agreed_given else []
    if any(e.agreed_note for e in report.enablers):
        columns.append("What was agreed")
    return columns


def _summary_agreed(ws: Sheet, row: int, e: EnablerResult, columns: Sequence[str]) -> None:
    for col, label in enumerate(columns, start=len(_SUMMARY_HEADER) + 1):
        cell = ws.cell(row=row, column=col)
        if label == "Agreed":
            put_score(cell, e.agreed)
        elif label == "Gap":
            put_num(cell, e.gap, _GAP).alignment = TOP
        elif label == "Target":
            put_score(cell, e.target)
        else:
            put_text(cell, e.agreed_note).alignment = WRAP


def _summary(ws: Sheet, report: Report) -> None:
    t = report.thresholds
    report_title(ws, report, f"{report.framework}, {taking_part(report)}")
    notes = [
        "How to read this: Mean is the average of the counted scores (skips and blanks are "
        f"left out), on the {report.scale_min}-{report.scale_max} scale.",
        "Consensus runs 0 to 1 (1 = everyone gave the same score). Agreement runs -1 to 1 "
        "(1 = everyone agrees, 0 = scores spread evenly, -1 = split at both ends).",
        f"LOW = mean below {t.low:g}. POLARISED = the group splits into two camps, "
        f"low ({t.low_camp} or less) and high ({t.high_camp} or more); neither with fewer "
        f"than {t.low_min_n} counted scores. See the About sheet.",
    ]
    agreed = _agreed_columns(report)
    if report.agreed_given:
        notes.append(
            "Agreed is the score the partnership agreed in its meeting (agreed.yaml); Gap is "
            "agreed minus mean; Target is the score to reach by the next round."
        )
    for row, note in enumerate(notes, start=2):
        put(ws, row, 1, note, font=ITALIC)
    head = len(notes) + 3
    header_row(ws, head, [*_SUMMARY_HEADER, *agreed])
    by_theme: dict[str, list[EnablerResult]] = {}
    for e in report.enablers:
        by_theme.setdefault(e.theme, []).append(e)
    row = head
    last = len(_SUMMARY_HEADER) + len(agreed)
    mean_rows: list[int] = []
    theme_rows: list[int] = []
    for theme in report.themes:
        row += 1
        theme_rows.append(row)
        put(ws, row, 1, theme.title, font=BOLD)
        put(ws, row, 2, "Theme: the average of its enablers' means", font=ITALIC, alignment=TOP)
        put(ws, row, 3, theme.mean, font=BOLD, alignment=TOP)
        style_row(ws, row, 1, last, fill=THEME_FILL)
        mean_rows.append(row)
        for e in by_theme.get(theme.id, []):
            row += 1
            mean_rows.append(row)
            put(ws, row, 1, e.short_title, alignment=TOP)
            put(ws, row, 2, e.title, alignment=WRAP)
            values: list[tuple[float | None, str]] = [
                (e.mean, TWO_DP),
                (e.median, TWO_DP),
                (e.min, INT),
                (e.max, INT),
                (e.consensus, TWO_DP),
                (e.agreement, TWO_DP),
                (e.n, INT),
                (e.skipped, INT),
                (e.unanswered, INT),
            ]
            for col, (value, fmt) in enumerate(values, start=3):
                put_num(ws.cell(row=row, column=col), value, fmt).alignment = TOP
            put(ws, row, 12, _flag(e.low, "LOW"), font=BOLD, alignment=CENTRE)
            put(ws, row, 13, _flag(e.polarised, "POLARISED"), font=BOLD, alignment=CENTRE)
            _summary_agreed(ws, row, e, agreed)
            fill = flag_fill(e)
            if fill is not None:
                style_row(ws, row, 1, last, fill=fill)
    if mean_rows:
        _colour_scale(ws, f"C{head + 1}:C{row}", report)
    extra = {"Agreed": 8, "Gap": 7, "Target": 8, "What was agreed": 40}
    set_widths(ws, [22, 52, 8, 8, 6, 6, 11, 11, 5, 9, 12.5, 8, 12, *(extra[c] for c in agreed)])
    fit_titles(ws, 1, head + 1)
    # the title and notes over the figures: what was agreed may print on a page of its own
    report_page(ws, report, f"{head}:{head}", f"C{head + 1}", span=len(_SUMMARY_HEADER))
    # the figures on one page, what was agreed on the next, the enablers on both
    print_columns(ws, 1, [len(_SUMMARY_HEADER) + 1])
    print_rows(ws, range(head, head + 1), theme_rows)  # a theme on one page


# ----------------------------------------------------------------------- Scores

_WHO = ("Name", "Organisation", "Sector", "Level", "File")


def _theme_headers(ws: Sheet, report: Report, row: int, first_col: int) -> None:
    """Theme titles merged over their enablers' columns."""
    col = first_col
    for theme in report.themes:
        width = len(theme.enablers)
        put(ws, row, col, theme.title, font=BOLD, fill=THEME_FILL, alignment=WRAP_CENTRE)
        if width > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + width - 1)
        col += width


def _scores(ws: Sheet, report: Report, records: Sequence[ParticipantRecord]) -> None:
    report_title(ws, report, "scores by participant")
    enablers = report.enablers
    first = len(_WHO) + 1
    last = first + len(enablers) - 1
    header_row(ws, 3, [*_WHO, *(e.short_title for e in enablers)])
    score_width = upright_headers(ws, 3, first, last)
    set_widths(ws, [20, 26, 11, 11, 20, *([score_width] * len(enablers))])
    _theme_headers(ws, report, 2, first)
    row = 3
    for r in records:
        row += 1
        p = r.answers.participant
        # The file's name only: the path would change with the folder bbtool ran in.
        who = (p.name, p.organisation, p.sector, p.level, PurePath(r.file).name)
        for col, value in enumerate(who, 1):
            put(ws, row, col, value, alignment=WRAP)
        for col, e in enumerate(enablers, start=first):
            put_answer(ws, row, col, r.answers.scores.get(e.id))
    if records:
        _colour_scale(ws, _range(first, 4, last, row), report)
    for label, attr, fmt in (("Mean", "mean", TWO_DP), ("Min", "min", INT), ("Max", "max", INT)):
        row += 1
        put(ws, row, 1, label, font=BOLD)
        for col, e in enumerate(enablers, start=first):
            put_num(ws.cell(row=row, column=col), getattr(e, attr), fmt).font = BOLD
            ws.cell(row=row, column=col).alignment = CENTRE
        if label == "Mean":
            style_row(ws, row, 1, last, border=TOTAL_BORDER)
    report_page(ws, report, "2:3", "B4")
    print_columns(ws, 1, range(first, last + 1))  # names on every page


# ------------------------------------------------------------------- Indicators


MAX_COLUMNS = 16_384  # a worksheet's last column, XFD: Excel's limit, and LibreOffice's
_STATS = ["Mean", "Min", "Max", "n", "Skipped", "Unanswered"]
# participants on one Indicators sheet: a column each, after the indicator and its figures
PER_SHEET = MAX_COLUMNS - 2 - len(_STATS)


def _indicator_sheets(
    report: Report, framework: Framework, records: Sequence[ParticipantRecord]
) -> list[tuple[str, Callable[[Sheet], None]]]:
    """The Indicators sheet, and when there are more participants than columns, more
    of them ("Indicators 2", ...): each with every indicator and its figures, and the
    next ``PER_SHEET`` participants' answers."""
    parts = [records[at : at + PER_SHEET] for at in range(0, len(records), PER_SHEET)] or [[]]

    def sheet(number: int, part: Sequence[ParticipantRecord]) -> Callable[[Sheet], None]:
        what = "indicator scores (digging deeper)"
        if len(parts) > 1:
            first = (number - 1) * PER_SHEET + 1
            last = first + len(part) - 1
            what += f", participants {first:,} to {last:,} of {len(records):,}"
        return lambda ws: _indicators(ws, report, framework, part, what)

    return [
        ("Indicators" if n == 1 else f"Indicators {n}", sheet(n, part))
        for n, part in enumerate(parts, 1)
    ]


def _indicators(
    ws: Sheet,
    report: Report,
    framework: Framework,
    records: Sequence[ParticipantRecord],
    what: str,
) -> None:
    """Indicators as rows (their text is long), participants as columns (at most
    ``PER_SHEET`` of them: see :func:`_indicator_sheets`)."""
    report_title(ws, report, what)
    stats = _STATS
    head = ["Indicator", "Maturity indicator", *stats, *(r.name for r in records)]
    header_row(ws, 2, head)
    first_score = 3 + len(stats)
    last_col = len(head)
    name_width = upright_headers(ws, 2, first_score, last_col, wrap_at=20) if records else 7.0
    answered = {i.enabler for i in report.indicators if i.n or i.skipped}
    results = {i.id: i for i in report.indicators}
    row = 2
    first_row = 3
    for enabler in framework.enablers:
        if enabler.id not in answered:
            continue
        row += 1
        put(ws, row, 1, f"{enabler.short_title}: {enabler.title}", font=BOLD, alignment=WRAP)
        style_row(ws, row, 1, last_col, fill=THEME_FILL)
        merge_across(ws, row, 1, first_score - 1)  # a long title wraps over the figures
        for indicator in enabler.indicators:
            result = results[indicator.id]
            row += 1
            put(ws, row, 1, indicator.id, alignment=TOP)
            put(ws, row, 2, indicator.text, alignment=WRAP)
            values: list[tuple[float | None, str]] = [
                (result.mean, TWO_DP),
                (result.min, INT),
                (result.max, INT),
                (result.n, INT),
                (result.skipped, INT),
                (result.unanswered, INT),
            ]
            for col, (value, fmt) in enumerate(values, start=3):
                put_num(ws.cell(row=row, column=col), value, fmt).alignment = CENTRE
            for col, r in enumerate(records, start=first_score):
                put_answer(ws, row, col, r.answers.indicators.get(indicator.id))
    if row >= first_row:
        _colour_scale(ws, f"C{first_row}:C{row}", report)
        if records:
            _colour_scale(ws, _range(first_score, first_row, last_col, row), report)
    set_widths(ws, [22, 60, 7, 6, 6, 5, 9, 12.5, *([name_width] * len(records))])
    report_page(ws, report, "2:2", "C3")
    print_columns(ws, 2, range(first_score, last_col + 1))  # the indicators on every page


# ----------------------------------------------------------------- Distribution


def _distribution(ws: Sheet, report: Report, framework: Framework) -> None:
    report_title(ws, report, "how the scores are spread")
    put(
        ws,
        2,
        1,
        "How many people gave each score. Darker = more people; a polarised enabler "
        "has dark cells at both ends and a light middle.",
        font=ITALIC,
    )
    points = [str(v) for v in framework.scale.values]
    labels = []
    for v in framework.scale.values:
        scale_point = framework.scale.point(v)
        labels.append(f"{v} {scale_point.label}" if scale_point else str(v))
    head = ["Enabler", *labels, "Skipped", "Unanswered", "n", "Mean", "Flags"]
    header_row(ws, 3, head)
    by_theme: dict[str, list[EnablerResult]] = {}
    for e in report.enablers:
        by_theme.setdefault(e.theme, []).append(e)
    row = 3
    first_count = 2
    last_count = first_count + len(points) - 1
    count_rows: list[int] = []
    for theme in report.themes:
        row += 1
        put(ws, row, 1, theme.title, font=BOLD, alignment=WRAP)
        style_row(ws, row, 1, len(head), fill=THEME_FILL)
        merge_across(ws, row, 1, len(head))  # a long title wraps across the table
        for e in by_theme.get(theme.id, []):
            row += 1
            count_rows.append(row)
            put(ws, row, 1, e.short_title)
            for col, point in enumerate(points, start=first_count):
                put_num(ws.cell(row=row, column=col), e.distribution.get(point, 0), INT)
                ws.cell(row=row, column=col).alignment = CENTRE
            col = last_count + 1
            for value, fmt in ((e.skipped, INT), (e.unanswered, INT), (e.n, INT)):
                put_num(ws.cell(row=row, column=col), value, fmt).alignment = CENTRE
                col += 1
            put_num(ws.cell(row=row, column=col), e.mean, TWO_DP).alignment = CENTRE
            flags = " ".join(w for w, on in (("LOW", e.low), ("POLARISED", e.polarised)) if on)
            put(ws, row, col + 1, flags, font=BOLD)
    if count_rows:
        ws.conditional_formatting.add(
            _range(first_count, count_rows[0], last_count, count_rows[-1]),
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="FFFFFF",
                end_type="max",
                end_color="2F75B5",
            ),
        )
    set_widths(ws, [24, *([12.5] * len(points)), 9, 12.5, 6, 7, 22])
    fit_titles(ws, 1, 4)
    report_page(ws, report, "3:3", "B4")


# --------------------------------------------------------------------- Groups


def _groups(ws: Sheet, report: Report, grouping: Grouping) -> None:
    report_title(ws, report, "enabler means by group")
    enablers = report.enablers
    first = 4
    last = first + len(enablers) - 1
    note_col = last + 1
    header_row(
        ws, 3, ["Grouped by", "Group", "Participants", *(e.short_title for e in enablers), "Note"]
    )
    mean_width = upright_headers(ws, 3, first, last)
    set_widths(ws, [14, 22, 13, *([mean_width] * len(enablers)), 36])
    _theme_headers(ws, report, 2, first)
    row = 4
    put(ws, row, 1, "everyone", font=BOLD)
    put(ws, row, 2, "All participants", font=BOLD)
    put_num(ws.cell(row=row, column=3), len(report.participants), INT).font = BOLD
    for col, e in enumerate(enablers, start=first):
        put_num(ws.cell(row=row, column=col), e.mean).font = BOLD
    first_row = row
    for key, members in {grouping.by: grouping.groups}.items():
        for name, group in members.items():
            row += 1
            put(ws, row, 1, key, alignment=TOP)
            put(ws, row, 2, name, alignment=WRAP)
            count = len(group.participants)
            put_num(ws.cell(row=row, column=3), count, INT)
            means = {e.id: e.mean for e in group.enablers}
            for col, e in enumerate(enablers, start=first):
                put_num(ws.cell(row=row, column=col), means.get(e.id))
            if count < SMALL_GROUP:
                put(
                    ws,
                    row,
                    note_col,
                    f"Only {count} participant{'s' if count != 1 else ''}: read with care; "
                    "scores may be identifiable.",
                    alignment=WRAP,
                    font=ITALIC,
                )
    for r in range(first_row, row + 1):
        for col in range(3, last + 1):
            ws.cell(row=r, column=col).alignment = CENTRE
    _colour_scale(ws, _range(first, first_row, last, row), report)
    report_page(ws, report, "2:3", "D4")


# ----------------------------------------------------------------------- build


def build_workbook(
    report: Report,
    framework: Framework,
    records: Sequence[ParticipantRecord],
    grouping: Grouping | None = None,
) -> Workbook:
    """The report as a workbook: Summary, Scores, ... About (see the module docstring)."""
    wb = _Workbook()
    sheets: list[tuple[str, Callable[[Sheet], None]]] = [
        ("Summary", lambda ws: _summary(ws, report)),
        ("Scores", lambda ws: _scores(ws, report, records)),
    ]
    if report.indicators_scored:
        sheets += _indicator_sheets(report, framework, records)
    sheets.append(("Distribution", lambda ws: _distribution(ws, report, framework)))
    if grouping is not None:
        sheets.append(("Groups", lambda ws: _groups(ws, report, grouping)))
    # a framework without challenges or case studies gets no sheet for them
    if report.challenges:
        sheets.append(("Challenges", lambda ws: challenges_sheet(ws, report, framework)))
    if report.has_case_studies:
        sheets.append(("Case studies", lambda ws: case_studies_sheet(ws, report, framework)))
    sheets += [
        ("Evidence & reflections", lambda ws: evidence_sheet(ws, report, framework, records)),
        ("Charts", lambda ws: charts_sheet(ws, report, framework)),
        ("About", lambda ws: about_sheet(ws, report, framework)),
    ]
    first = wb.active
    for index, (name, fill) in enumerate(sheets):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = name
        fill(ws)
    wb.active = 0
    return wb
