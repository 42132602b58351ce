"""The report as an Excel workbook (openpyxl), with reproducible bytes.

Every number is a value computed by the scoring core, never a formula. Every string
goes through :func:`_text`, so participants' words are stored as literal text: a name
or note starting with ``=`` stays text, and characters a workbook cannot hold are
dropped rather than crashing the write.

Only commands that write workbooks import this module (it imports openpyxl).
"""

from __future__ import annotations

import io
import math
import os
import textwrap
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook as _Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import RadarChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.chart.text import Text as ChartText
from openpyxl.chart.title import Title
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.units import cm_to_EMU
from openpyxl.worksheet.pagebreak import Break
from openpyxl.writer.excel import ExcelWriter

from bbtool import __version__
from bbtool.core.models import SKIP, Framework, ParticipantRecord, ScoreValue
from bbtool.core.results import SMALL_GROUP, EnablerResult, Grouping, ItemResult, Report

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["build_workbook", "workbook_bytes"]

Cell = Any  # openpyxl is untyped
Sheet = Any

# ------------------------------------------------------------------------ style

# Fonts name their face: a font without one prints in a serif fallback in LibreOffice.
_FACE = "Calibri"
_TITLE = Font(name=_FACE, bold=True, size=14)
_BOLD = Font(name=_FACE, bold=True, size=11)
_ITALIC = Font(name=_FACE, italic=True, size=11, color="595959")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THEME_FILL = PatternFill("solid", fgColor="E7E6E6")
_LOW_FILL = PatternFill("solid", fgColor="F8D7DA")
_POLARISED_FILL = PatternFill("solid", fgColor="E4D7F5")
_THIN = Side(style="thin", color="A6A6A6")
_HEADER_BORDER = Border(bottom=Side(style="medium", color="5B9BD5"))
_TOTAL_BORDER = Border(top=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
_CENTRE = Alignment(horizontal="center", vertical="top")
_TOP = Alignment(vertical="top")
_LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
_UPRIGHT = Alignment(text_rotation=90, wrap_text=True, horizontal="center", vertical="bottom")

_RED, _AMBER, _GREEN = "F8696B", "FFEB84", "63BE7B"
_TWO_DP = "0.00"
_INT = "0"

# Strings starting with these become formulas (or DDE, or hidden content) when a
# spreadsheet re-parses the cell: store them as text, with Excel's quote prefix.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_CELL = 32_767  # Excel's limit on the characters in one cell

# ---------------------------------------------------------------- reproducible

_DEFAULT_CREATED = datetime(2000, 1, 1)
_DEFAULT_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a naive UTC datetime, or None when unset or unusable."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), tz=timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError):
        return None


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes: the same workbook gives the same bytes, any day.

    Document dates are fixed (2000-01-01, or SOURCE_DATE_EPOCH as UTC), and every zip
    entry gets a fixed date (1980-01-01, or SOURCE_DATE_EPOCH) and fixed attributes.
    """
    stamp = _source_date()
    wb.properties.created = stamp or _DEFAULT_CREATED
    wb.properties.modified = stamp or _DEFAULT_CREATED
    wb.properties.creator = "bbtool"
    wb.properties.lastModifiedBy = None
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save() would stamp "modified" with the clock.
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # closes the archive
    if stamp is None:
        date_time = _DEFAULT_ZIP_TIME
    else:
        year = min(max(stamp.year, 1980), 2107)
        date_time = (year, *stamp.timetuple()[1:6]) if year == stamp.year else _DEFAULT_ZIP_TIME
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o100644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------- cells


def _clean(value: str) -> str:
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", value)
    return cleaned[:_MAX_CELL]


def _text(cell: Cell, value: str | None) -> Cell:
    """Write text as a literal string: never a formula, never an error value, never a crash."""
    if value is None:
        cell.value = None
        return cell
    text = _clean(str(value))
    cell.value = text  # openpyxl guesses: "=..." becomes a formula, "#N/A" an error
    cell.data_type = "s"  # so say what it is: a string
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and keep it text when someone edits the cell
    return cell


def _num(cell: Cell, value: float | None, number_format: str = _TWO_DP) -> Cell:
    cell.value = value
    cell.number_format = number_format
    return cell


def _score(cell: Cell, value: ScoreValue | None) -> Cell:
    """A participant's answer: the number, the text skip, or blank when unanswered."""
    if value == SKIP:
        _text(cell, SKIP)
        cell.font = _ITALIC
    elif isinstance(value, int):
        _num(cell, value, _INT)
    cell.alignment = _CENTRE
    return cell


def _answer(ws: Sheet, row: int, col: int, value: ScoreValue | None) -> None:
    """A participant's answer in its cell; nothing at all when unanswered. Most
    indicators go unanswered, and a cell that is never made costs no memory: at
    10,000 participants the Indicators sheet would otherwise hold half a million."""
    if value is not None:
        _score(ws.cell(row=row, column=col), value)


def _put(ws: Sheet, row: int, col: int, value: str | float | None, **style: Any) -> Cell:
    """Write a string (through :func:`_text`) or a number, with optional style."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) or value is None:
        _text(cell, value)
    else:
        _num(cell, value, style.pop("number_format", _TWO_DP))
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _header(ws: Sheet, row: int, labels: Sequence[str], start: int = 1) -> None:
    for col, label in enumerate(labels, start=start):
        _put(ws, row, col, label, font=_BOLD, fill=_HEADER_FILL, alignment=_WRAP_CENTRE)
        ws.cell(row=row, column=col).border = _HEADER_BORDER


def _style_row(ws: Sheet, row: int, first: int, last: int, **style: Any) -> None:
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        for key, val in style.items():
            setattr(cell, key, val)


def _widths(ws: Sheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


# Row heights are written out: LibreOffice does not grow a row to fit wrapped text when
# it opens a file, so without them wrapped lines print on top of the next row. The
# estimate allows for a wider fallback font where Calibri is not installed.
_LINE = 15.0  # points per line of 11-point text
_CHARS_PER_UNIT = 1.1  # characters of 11-point text per unit of column width
_CHARS_PER_UNIT_BOLD = 0.9
_UPRIGHT_CHAR = 7.0  # points per character of upright (rotated) bold header text
_DEFAULT_WIDTH = 8.43
_POINTS_PER_UNIT = 5.25  # one unit of column width (a digit of 11-point Calibri, 7 pixels)


def _column_width(ws: Sheet, col: int) -> float:
    letter = get_column_letter(col)
    if letter in ws.column_dimensions and ws.column_dimensions[letter].width:
        return float(ws.column_dimensions[letter].width)
    return _DEFAULT_WIDTH


def _line_count(text: str, width: float, bold: bool) -> int:
    per_line = max(1, int((width - 1) * (_CHARS_PER_UNIT_BOLD if bold else _CHARS_PER_UNIT)))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def _cells(ws: Sheet) -> list[Cell]:
    """The cells the sheet holds, by row then column. Not ``ws.iter_rows()``: that makes
    a cell at every empty place of the used rectangle (half a million in the
    Indicators sheet at 10,000 participants, where most indicators go unanswered)."""
    held: dict[tuple[int, int], Cell] | None = getattr(ws, "_cells", None)
    if held is None:  # openpyxl has no public reader for this; should it go, be slow
        return [cell for row in ws.iter_rows() for cell in row]
    return [held[key] for key in sorted(held)]


def _fit_rows(ws: Sheet) -> None:
    """Give each row with wrapped or large text the height its text needs."""
    spans: dict[tuple[int, int], float] = {}
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = sum(
            _column_width(ws, col) for col in range(merged.min_col, merged.max_col + 1)
        )
    needed: dict[int, float] = {}
    for cell in _cells(ws):
        if not isinstance(cell.value, str) or not cell.value:
            continue
        size = float(cell.font.sz or 11) if cell.font else 11.0
        lines = 1
        if cell.alignment.wrap_text and not cell.alignment.textRotation:
            width = spans.get((cell.row, cell.column)) or _column_width(ws, cell.column)
            lines = _line_count(cell.value, width * 11 / size, bool(cell.font.b))
        height = lines * _LINE * size / 11 + (2 if lines > 1 else 0)
        needed[cell.row] = max(needed.get(cell.row, 0.0), height)
    for row, height in sorted(needed.items()):
        if height <= _LINE:
            continue
        current = ws.row_dimensions[row].height if row in ws.row_dimensions else None
        ws.row_dimensions[row].height = max(round(height, 1), current or 0)


def _merge_across(ws: Sheet, row: int, first: int, last: int) -> None:
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _upright_headers(ws: Sheet, row: int, first: int, last: int, wrap_at: int = 14) -> float:
    """Turn header cells first..last upright, wrapped at about ``wrap_at`` characters;
    set the row's height. Returns the column width their wrapped lines need."""
    longest, most_lines = 8, 1
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        cell.alignment = _UPRIGHT
        lines = textwrap.wrap(str(cell.value or ""), wrap_at) or [""]
        longest = max(longest, *(len(text) for text in lines))
        most_lines = max(most_lines, len(lines))
    ws.row_dimensions[row].height = round(longest * _UPRIGHT_CHAR + 12, 1)
    return max(7.0, round((most_lines * _LINE + 8) / _POINTS_PER_UNIT, 1))


def _header_text(value: str, limit: int = 80) -> str:
    """Text for a page header: ampersands doubled (they start header codes)."""
    value = " ".join(_clean(value).split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return value.replace("&", "&&")


def _span_top(ws: Sheet, last: int) -> None:
    """The title and notes above a table, merged across it and wrapped: a long area name
    then wraps instead of widening the printed page (and shrinking everything on it)."""
    rows: dict[int, list[Cell]] = {}
    for cell in _cells(ws):
        if cell.value not in (None, ""):
            rows.setdefault(cell.row, []).append(cell)
    for row in sorted(rows):
        filled = rows[row]
        if len(filled) > 1 or filled[0].column != 1 or last <= 1:
            return
        filled[0].alignment = _WRAP
        _merge_across(ws, row, 1, last)


def _page(
    ws: Sheet, report: Report, title_rows: str | None, freeze: str | None, span: int = 0
) -> None:
    """Frozen panes and print settings: landscape A4, fit to width, area and round on top.

    Call it last: it also spans the title over ``span`` columns (default: all in use)
    and sets the row heights."""
    header = f"{_header_text(report.area)} · {_header_text(report.round)}"
    page_setup(ws, header, title_rows, freeze, span)


def page_setup(
    ws: Sheet, header: str, title_rows: str | None, freeze: str | None, span: int = 0
) -> None:
    """As :func:`_page`, with ``header`` (ampersands doubled) at the top of each page."""
    if freeze:
        ws.freeze_panes = freeze
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.oddHeader.left.text = "&A"
    ws.oddHeader.center.text = header
    ws.oddHeader.right.text = "bbtool"
    ws.oddFooter.center.text = "Page &P of &N"
    _span_top(ws, span or ws.max_column)
    _fit_rows(ws)


def _title(ws: Sheet, report: Report, what: str) -> None:
    _put(ws, 1, 1, f"{report.area} · {report.round}: {what}", font=_TITLE)


def _colour_scale(ws: Sheet, cells: str, report: Report) -> None:
    """Red at the bottom of the scale, amber in the middle, green at the top."""
    low, high = report.scale_min, report.scale_max
    ws.conditional_formatting.add(
        cells,
        ColorScaleRule(
            start_type="num",
            start_value=low,
            start_color=_RED,
            mid_type="num",
            mid_value=(low + high) / 2,
            mid_color=_AMBER,
            end_type="num",
            end_value=high,
            end_color=_GREEN,
        ),
    )


def _flag(value: bool | None, word: str) -> str:
    if value is None:
        return "n/a"
    return word if value else ""


def _range(first_col: int, first_row: int, last_col: int, last_row: int) -> str:
    return f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"


def _flag_fill(item: ItemResult) -> PatternFill | None:
    if item.low:
        return _LOW_FILL
    if item.polarised:
        return _POLARISED_FILL
    return None


def _camp_rule(report: Report) -> str:
    t = report.thresholds
    return (
        f"two camps: at least k people scored {t.low_camp} or less and at least k scored "
        f"{t.high_camp} or more, with fewer in between than in either camp; "
        f"k = max({t.camp_min}, ceil(n/{t.camp_divisor})); needs n ≥ {t.polarised_min_n}"
    )


# ---------------------------------------------------------------------- Summary

_SUMMARY_HEADER = (
    "Enabler",
    "Published title",
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
            _score(cell, e.agreed)
        elif label == "Gap":
            _num(cell, e.gap, _GAP).alignment = _TOP
        elif label == "Target":
            _score(cell, e.target)
        else:
            _text(cell, e.agreed_note).alignment = _WRAP


def _summary(ws: Sheet, report: Report) -> None:
    t = report.thresholds
    n = len(report.participants)
    _title(ws, report, f"{report.framework}, {n} participant{'s' if n != 1 else ''}")
    notes = [
        "How to read this: Mean is the average of the counted scores (skips and blanks are "
        f"left out), on the {report.scale_min}-{report.scale_max} scale.",
        "Consensus runs 0 to 1 (1 = everyone gave the same score). Agreement runs -1 to 1 "
        "(1 = everyone agrees, 0 = scores spread evenly, -1 = split at both ends).",
        f"LOW = mean below {t.low:g}. POLARISED = the group splits into two camps, "
        f"low ({t.low_camp} or less) and high ({t.high_camp} or more). See the About sheet.",
    ]
    agreed = _agreed_columns(report)
    if report.agreed_given:
        notes.append(
            "Agreed is the score the partnership agreed in its meeting (agreed.yaml); Gap is "
            "agreed minus mean; Target is the score to reach by the next round."
        )
    for row, note in enumerate(notes, start=2):
        _put(ws, row, 1, note, font=_ITALIC)
    head = len(notes) + 3
    _header(ws, head, [*_SUMMARY_HEADER, *agreed])
    by_theme: dict[str, list[EnablerResult]] = {}
    for e in report.enablers:
        by_theme.setdefault(e.theme, []).append(e)
    row = head
    last = len(_SUMMARY_HEADER) + len(agreed)
    mean_rows: list[int] = []
    for theme in report.themes:
        row += 1
        _put(ws, row, 1, theme.title, font=_BOLD)
        _put(ws, row, 2, "Theme: the average of its enablers' means", font=_ITALIC)
        _put(ws, row, 3, theme.mean, font=_BOLD)
        _style_row(ws, row, 1, last, fill=_THEME_FILL)
        mean_rows.append(row)
        for e in by_theme.get(theme.id, []):
            row += 1
            mean_rows.append(row)
            _put(ws, row, 1, e.short_title, alignment=_TOP)
            _put(ws, row, 2, e.title, alignment=_WRAP)
            values: list[tuple[float | None, str]] = [
                (e.mean, _TWO_DP),
                (e.median, _TWO_DP),
                (e.min, _INT),
                (e.max, _INT),
                (e.consensus, _TWO_DP),
                (e.agreement, _TWO_DP),
                (e.n, _INT),
                (e.skipped, _INT),
                (e.unanswered, _INT),
            ]
            for col, (value, fmt) in enumerate(values, start=3):
                _num(ws.cell(row=row, column=col), value, fmt).alignment = _TOP
            _put(ws, row, 12, _flag(e.low, "LOW"), font=_BOLD, alignment=_CENTRE)
            _put(ws, row, 13, _flag(e.polarised, "POLARISED"), font=_BOLD, alignment=_CENTRE)
            _summary_agreed(ws, row, e, agreed)
            fill = _flag_fill(e)
            if fill is not None:
                _style_row(ws, row, 1, last, fill=fill)
    if mean_rows:
        _colour_scale(ws, f"C{head + 1}:C{row}", report)
    extra = {"Agreed": 8, "Gap": 7, "Target": 8, "What was agreed": 40}
    _widths(ws, [22, 52, 8, 8, 6, 6, 11, 11, 5, 9, 12.5, 8, 12, *(extra[c] for c in agreed)])
    _page(ws, report, f"{head}:{head}", f"C{head + 1}")


# ----------------------------------------------------------------------- Scores

_WHO = ("Name", "Organisation", "Sector", "Level", "File")


def _theme_headers(ws: Sheet, report: Report, row: int, first_col: int) -> None:
    """Theme titles merged over their enablers' columns."""
    col = first_col
    for theme in report.themes:
        width = len(theme.enablers)
        _put(ws, row, col, theme.title, font=_BOLD, fill=_THEME_FILL, alignment=_WRAP_CENTRE)
        if width > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + width - 1)
        col += width


def _scores(ws: Sheet, report: Report, records: Sequence[ParticipantRecord]) -> None:
    _title(ws, report, "scores by participant")
    enablers = report.enablers
    first = len(_WHO) + 1
    last = first + len(enablers) - 1
    _header(ws, 3, [*_WHO, *(e.short_title for e in enablers)])
    score_width = _upright_headers(ws, 3, first, last)
    _widths(ws, [20, 26, 11, 11, 20, *([score_width] * len(enablers))])
    _theme_headers(ws, report, 2, first)
    row = 3
    for r in records:
        row += 1
        p = r.answers.participant
        # The file's name only: the path would change with the folder bbtool ran in.
        who = (p.name, p.organisation, p.sector, p.level, PurePath(r.file).name)
        for col, value in enumerate(who, 1):
            _put(ws, row, col, value, alignment=_WRAP)
        for col, e in enumerate(enablers, start=first):
            _answer(ws, row, col, r.answers.scores.get(e.id))
    if records:
        _colour_scale(ws, _range(first, 4, last, row), report)
    for label, attr, fmt in (("Mean", "mean", _TWO_DP), ("Min", "min", _INT), ("Max", "max", _INT)):
        row += 1
        _put(ws, row, 1, label, font=_BOLD)
        for col, e in enumerate(enablers, start=first):
            _num(ws.cell(row=row, column=col), getattr(e, attr), fmt).font = _BOLD
            ws.cell(row=row, column=col).alignment = _CENTRE
        if label == "Mean":
            _style_row(ws, row, 1, last, border=_TOTAL_BORDER)
    _page(ws, report, "2:3", "B4")


# ------------------------------------------------------------------- Indicators


def _indicators(
    ws: Sheet, report: Report, framework: Framework, records: Sequence[ParticipantRecord]
) -> None:
    """Indicators as rows (their text is long), participants as columns."""
    _title(ws, report, "indicator scores (digging deeper)")
    stats = ["Mean", "Min", "Max", "n", "Skipped", "Unanswered"]
    head = ["Indicator", "Maturity indicator", *stats, *(r.name for r in records)]
    _header(ws, 2, head)
    first_score = 3 + len(stats)
    last_col = len(head)
    name_width = _upright_headers(ws, 2, first_score, last_col, wrap_at=20) if records else 7.0
    answered = {i.enabler for i in report.indicators if i.n or i.skipped}
    results = {i.id: i for i in report.indicators}
    row = 2
    first_row = 3
    for enabler in framework.enablers:
        if enabler.id not in answered:
            continue
        row += 1
        _put(ws, row, 1, f"{enabler.short_title}: {enabler.title}", font=_BOLD)
        _style_row(ws, row, 1, last_col, fill=_THEME_FILL)
        for indicator in enabler.indicators:
            result = results[indicator.id]
            row += 1
            _put(ws, row, 1, indicator.id, alignment=_TOP)
            _put(ws, row, 2, indicator.text, alignment=_WRAP)
            values: list[tuple[float | None, str]] = [
                (result.mean, _TWO_DP),
                (result.min, _INT),
                (result.max, _INT),
                (result.n, _INT),
                (result.skipped, _INT),
                (result.unanswered, _INT),
            ]
            for col, (value, fmt) in enumerate(values, start=3):
                _num(ws.cell(row=row, column=col), value, fmt).alignment = _CENTRE
            for col, r in enumerate(records, start=first_score):
                _answer(ws, row, col, r.answers.indicators.get(indicator.id))
    if row >= first_row:
        _colour_scale(ws, f"C{first_row}:C{row}", report)
        if records:
            _colour_scale(ws, _range(first_score, first_row, last_col, row), report)
    _widths(ws, [22, 60, 7, 6, 6, 5, 9, 12.5, *([name_width] * len(records))])
    _page(ws, report, "2:2", "C3")


# ----------------------------------------------------------------- Distribution


def _distribution(ws: Sheet, report: Report, framework: Framework) -> None:
    _title(ws, report, "how the scores are spread")
    _put(
        ws,
        2,
        1,
        "How many people gave each score. Darker = more people; a polarised enabler "
        "has dark cells at both ends and a light middle.",
        font=_ITALIC,
    )
    points = [str(v) for v in framework.scale.values]
    labels = []
    for v in framework.scale.values:
        scale_point = framework.scale.point(v)
        labels.append(f"{v} {scale_point.label}" if scale_point else str(v))
    head = ["Enabler", *labels, "Skipped", "Unanswered", "n", "Mean", "Flags"]
    _header(ws, 3, head)
    by_theme: dict[str, list[EnablerResult]] = {}
    for e in report.enablers:
        by_theme.setdefault(e.theme, []).append(e)
    row = 3
    first_count = 2
    last_count = first_count + len(points) - 1
    count_rows: list[int] = []
    for theme in report.themes:
        row += 1
        _put(ws, row, 1, theme.title, font=_BOLD)
        _style_row(ws, row, 1, len(head), fill=_THEME_FILL)
        for e in by_theme.get(theme.id, []):
            row += 1
            count_rows.append(row)
            _put(ws, row, 1, e.short_title)
            for col, point in enumerate(points, start=first_count):
                _num(ws.cell(row=row, column=col), e.distribution.get(point, 0), _INT)
                ws.cell(row=row, column=col).alignment = _CENTRE
            col = last_count + 1
            for value, fmt in ((e.skipped, _INT), (e.unanswered, _INT), (e.n, _INT)):
                _num(ws.cell(row=row, column=col), value, fmt).alignment = _CENTRE
                col += 1
            _num(ws.cell(row=row, column=col), e.mean, _TWO_DP).alignment = _CENTRE
            flags = " ".join(w for w, on in (("LOW", e.low), ("POLARISED", e.polarised)) if on)
            _put(ws, row, col + 1, flags, font=_BOLD)
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
    _widths(ws, [24, *([12.5] * len(points)), 9, 12.5, 6, 7, 22])
    _page(ws, report, "3:3", "B4")


# --------------------------------------------------------------------- Groups


def _groups(ws: Sheet, report: Report, grouping: Grouping) -> None:
    _title(ws, report, "enabler means by group")
    enablers = report.enablers
    first = 4
    last = first + len(enablers) - 1
    note_col = last + 1
    _header(
        ws, 3, ["Grouped by", "Group", "Participants", *(e.short_title for e in enablers), "Note"]
    )
    mean_width = _upright_headers(ws, 3, first, last)
    _widths(ws, [14, 22, 13, *([mean_width] * len(enablers)), 36])
    _theme_headers(ws, report, 2, first)
    row = 4
    _put(ws, row, 1, "everyone", font=_BOLD)
    _put(ws, row, 2, "All participants", font=_BOLD)
    _num(ws.cell(row=row, column=3), len(report.participants), _INT).font = _BOLD
    for col, e in enumerate(enablers, start=first):
        _num(ws.cell(row=row, column=col), e.mean).font = _BOLD
    first_row = row
    for key, members in {grouping.by: grouping.groups}.items():
        for name, group in members.items():
            row += 1
            _put(ws, row, 1, key, alignment=_TOP)
            _put(ws, row, 2, name, alignment=_WRAP)
            count = len(group.participants)
            _num(ws.cell(row=row, column=3), count, _INT)
            means = {e.id: e.mean for e in group.enablers}
            for col, e in enumerate(enablers, start=first):
                _num(ws.cell(row=row, column=col), means.get(e.id))
            if count < SMALL_GROUP:
                _put(
                    ws,
                    row,
                    note_col,
                    f"Only {count} participant{'s' if count != 1 else ''}: read with care; "
                    "scores may be identifiable.",
                    alignment=_WRAP,
                    font=_ITALIC,
                )
    for r in range(first_row, row + 1):
        for col in range(3, last + 1):
            ws.cell(row=r, column=col).alignment = _CENTRE
    _colour_scale(ws, _range(first, first_row, last, row), report)
    _page(ws, report, "2:3", "D4")


# ------------------------------------------------------------------- Challenges


def _challenges(ws: Sheet, report: Report, framework: Framework) -> None:
    _title(ws, report, "challenges in play")
    _put(
        ws,
        2,
        1,
        "The six common challenges to integration, most often named first.",
        font=_ITALIC,
    )
    _header(ws, 3, ["Challenge", "Count", "Named by", "What it is"])
    summaries = {c.id: c.summary for c in framework.challenges}
    row = 3
    for c in sorted(report.challenges, key=lambda c: -c.count):
        row += 1
        _put(ws, row, 1, c.title, font=_BOLD, alignment=_TOP)
        _put(ws, row, 2, c.count, number_format=_INT, alignment=_CENTRE)
        _put(ws, row, 3, ", ".join(c.participants), alignment=_WRAP)
        _put(ws, row, 4, summaries.get(c.id, ""), alignment=_WRAP)
    _widths(ws, [24, 8, 40, 90])
    _page(ws, report, "3:3", "B4")


# ----------------------------------------------------------------- Case studies


def _case_studies(ws: Sheet, report: Report, framework: Framework) -> None:
    _title(ws, report, "case studies for flagged enablers")
    _put(
        ws,
        2,
        1,
        "For each enabler flagged LOW or POLARISED: the Beyond Boundaries case studies "
        "(Annex A, Boxes A to L) that show how other areas worked on it.",
        font=_ITALIC,
    )
    head = ["Box", "Case study", "Place", "Issues", "Summary"]
    _header(ws, 3, head)
    issues = {cs.id: cs.issues for cs in framework.case_studies}
    row = 3
    flagged = [e for e in report.enablers if e.flagged]
    if not flagged:
        _put(
            ws, row + 1, 1, "No enabler is flagged low or polarised, so no case study is suggested."
        )
    for e in flagged:
        row += 1
        marks = ", ".join(w for w, on in (("LOW", e.low), ("POLARISED", e.polarised)) if on)
        mean = "" if e.mean is None else f", mean {e.mean:.2f}"
        _put(ws, row, 1, f"{e.short_title} ({marks}{mean}): {e.title}", font=_BOLD)
        _style_row(ws, row, 1, len(head), fill=_flag_fill(e) or _THEME_FILL)
        studies = [cs for cs in report.case_studies if e.id in cs.enablers]
        if not studies:
            row += 1
            _put(ws, row, 2, "No case study in the framework speaks to this enabler.", font=_ITALIC)
        for cs in studies:
            row += 1
            _put(ws, row, 1, cs.id, font=_BOLD, alignment=_CENTRE)
            _put(ws, row, 2, cs.title, alignment=_WRAP)
            _put(ws, row, 3, cs.place, alignment=_WRAP)
            _put(ws, row, 4, "; ".join(issues.get(cs.id, [])), alignment=_WRAP)
            _put(ws, row, 5, cs.summary, alignment=_WRAP)
    _widths(ws, [6, 30, 22, 30, 80])
    _page(ws, report, "3:3", "A4")


# ------------------------------------------------------------------ Evidence


def _evidence(
    ws: Sheet, report: Report, framework: Framework, records: Sequence[ParticipantRecord]
) -> None:
    _title(ws, report, "evidence and reflections")
    _header(ws, 2, ["Enabler or theme", "Participant", "Score", "What they wrote"])
    row = 2
    row += 1
    _put(ws, row, 1, "Evidence, by enabler", font=_BOLD)
    _style_row(ws, row, 1, 4, fill=_THEME_FILL)
    any_evidence = False
    for e in framework.enablers:
        for r in records:
            text = r.answers.evidence.get(e.id)
            if not text:
                continue
            any_evidence = True
            row += 1
            _put(ws, row, 1, e.short_title, alignment=_TOP)
            _put(ws, row, 2, r.name, alignment=_WRAP)
            _answer(ws, row, 3, r.answers.scores.get(e.id))
            _put(ws, row, 4, text, alignment=_WRAP)
    if not any_evidence:
        row += 1
        _put(ws, row, 1, "No participant gave evidence.", font=_ITALIC)
    row += 1
    _put(ws, row, 1, "Reflections, by theme", font=_BOLD)
    _style_row(ws, row, 1, 4, fill=_THEME_FILL)
    any_reflection = False
    for theme in framework.themes:
        for r in records:
            text = r.answers.reflections.get(theme.id)
            if not text:
                continue
            any_reflection = True
            row += 1
            _put(ws, row, 1, theme.title, alignment=_TOP)
            _put(ws, row, 2, r.name, alignment=_WRAP)
            _put(ws, row, 4, text, alignment=_WRAP)
    if not any_reflection:
        row += 1
        _put(ws, row, 1, "No participant wrote a reflection.", font=_ITALIC)
    _widths(ws, [24, 20, 7, 100])
    _page(ws, report, "2:2", "A3")


# ---------------------------------------------------------------------- Charts

_CHART_COL = 6  # F: right of the tables in A to D
_CHART_DROP = cm_to_EMU(0.2)  # below the row's top: a frame on a page break shows on both pages
_CHART_SIZE = (17.0, 11.5)  # width and height in centimetres
_BIG_CHART_SIZE = (20.0, 14.0)  # for more than _SPOKES categories, so labels keep apart
_SPOKES = 12


def _anchor(chart: RadarChart, row: int, col: int) -> OneCellAnchor:
    """The chart's top-left corner a little below the top of cell (row, col)."""
    start = AnchorMarker(col=col - 1, colOff=0, row=row - 1, rowOff=_CHART_DROP)
    size = XDRPositiveSize2D(cm_to_EMU(chart.width), cm_to_EMU(chart.height))
    return OneCellAnchor(_from=start, ext=size)


def _chart_rows(chart: RadarChart) -> int:
    """Rows a chart covers at the default 15-point row height."""
    return math.ceil(float(chart.height) / 2.54 * 72 / _LINE)


def _chart_title(text: str) -> Title:
    """A chart title at 13 points (the default is large enough to wrap on a page)."""
    props = CharacterProperties(sz=1300, b=True)
    run = RegularTextRun(rPr=props, t=_clean(text))
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=props), r=[run])
    return Title(tx=ChartText(rich=RichText(p=[paragraph])), overlay=False)


def _radar(ws: Sheet, report: Report, title: str, head_row: int, last_row: int) -> RadarChart:
    chart = RadarChart()
    chart.type = "marker"
    chart.title = _chart_title(title)
    chart.style = 2
    data = Reference(ws, min_col=2, max_col=4, min_row=head_row, max_row=last_row)
    cats = Reference(ws, min_col=1, min_row=head_row + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    for series, colour, width, dash in zip(
        chart.series,
        ("1F4E79", "C00000", "548235"),
        (28575, 15875, 15875),
        (None, "dash", "dash"),
        strict=True,
    ):
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = width
        if dash:
            series.graphicalProperties.line.dashStyle = dash
        series.marker.symbol = "circle"
        series.marker.size = 5
        series.marker.graphicalProperties.solidFill = colour
        series.marker.graphicalProperties.line.solidFill = colour
        series.smooth = False
    axis_min = 0 if report.scale_min > 0 else report.scale_min
    chart.y_axis.scaling.min = axis_min
    chart.y_axis.scaling.max = report.scale_max
    chart.y_axis.majorUnit = 1
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.y_axis.number_format = "0"
    chart.legend.position = "b"
    chart.width, chart.height = _BIG_CHART_SIZE if last_row - head_row > _SPOKES else _CHART_SIZE
    return chart


def _chart_table(ws: Sheet, row: int, heading: str, rows: Iterable[tuple[str, ItemResult]]) -> int:
    """A small data table (label, mean, min, max) from ``row``; returns its last row."""
    _header(ws, row, [heading, "Mean", "Min", "Max"])
    for label, item in rows:
        row += 1
        _put(ws, row, 1, label)
        _num(ws.cell(row=row, column=2), item.mean)
        _num(ws.cell(row=row, column=3), item.min, _INT)
        _num(ws.cell(row=row, column=4), item.max, _INT)
    return row


def _charts(ws: Sheet, report: Report, framework: Framework) -> None:
    """One block per chart: its data table in columns A to D, the chart beside it, and
    a page break before each block after the first, so each prints on a page of its own."""
    _title(ws, report, "radar charts")
    _put(
        ws,
        2,
        1,
        "Each chart is drawn from the table beside it; the axis runs from "
        f"{0 if report.scale_min > 0 else report.scale_min} to {report.scale_max}.",
        font=_ITALIC,
    )
    tables: list[tuple[str, str, list[tuple[str, ItemResult]]]] = [
        (
            "Enabler",
            "Enablers: mean, lowest and highest score",
            [(e.short_title, e) for e in report.enablers],
        )
    ]
    results = {i.id: i for i in report.indicators}
    for theme in framework.themes:
        rows: list[tuple[str, ItemResult]] = []
        for e in theme.enablers:
            for ind in e.indicators:
                result = results.get(ind.id)
                if result is not None and result.n > 0:
                    number = ind.id[len(e.id) + 1 :] if ind.id.startswith(e.id + ".") else ind.id
                    rows.append((f"{e.short_title} {number}", result))
        if rows:
            tables.append((f"Indicator ({theme.title})", f"{theme.title}: indicators", rows))
    head = 4
    widest = 0.0
    for index, (heading, title, rows) in enumerate(tables):
        if index:
            ws.row_breaks.append(Break(id=head - 1))
        last = _chart_table(ws, head, heading, rows)
        chart = _radar(ws, report, title, head, last)
        ws.add_chart(chart, _anchor(chart, head, _CHART_COL))
        widest = max(widest, chart.width)
        head = max(last, head + _chart_rows(chart)) + 2
    widths = [30, 8, 6, 6, 3]
    _widths(ws, widths)
    # The title spans the tables and about the width of the widest chart beside them.
    chart_columns = int(widest / 2.54 * 72 / _POINTS_PER_UNIT / _DEFAULT_WIDTH)
    _page(ws, report, None, "A5", span=len(widths) + chart_columns)


# ----------------------------------------------------------------------- About

_STATISTICS = (
    ("n", "How many people gave a score on the scale. Skips and blanks are not counted."),
    ("Skipped", "How many people chose 'skip' (no knowledge of this area)."),
    ("Unanswered", "How many people left the item blank."),
    ("Mean", "The average of the counted scores."),
    ("Median", "The middle counted score (the average of the two middle ones when n is even)."),
    ("Min / Max / Range", "The lowest and highest counted scores, and the gap between them."),
    ("SD", "Standard deviation (population): how far scores typically sit from the mean."),
    (
        "Consensus",
        "0 to 1: 1 = everyone gave the same score, 0 = half at each end of the scale "
        "(Tastle & Wierman 2007).",
    ),
    (
        "Agreement",
        "-1 to 1: 1 = everyone agrees, 0 = scores spread evenly, -1 = split at both ends "
        "(van der Eijk 2001).",
    ),
)


def _about(ws: Sheet, report: Report, framework: Framework) -> None:
    _put(ws, 1, 1, "About this workbook", font=_TITLE)
    t = report.thresholds
    facts: list[tuple[str, str | float]] = [
        ("Area", report.area),
        ("Round", report.round),
        ("Participants", len(report.participants)),
        ("Framework", report.framework),
        ("Credit", framework.credit),
        (
            "Scale",
            "; ".join(f"{p.value} {p.label}" for p in framework.scale.points)
            + f"; skip = {framework.skip_label}",
        ),
        ("Made with", f"bbtool {__version__}"),
    ]
    row = 2
    _header(ws, row, ["Item", "Value", ""])
    _merge_across(ws, row, 2, 3)
    for label, value in facts:
        row += 1
        _put(ws, row, 1, label, font=_BOLD, alignment=_TOP)
        _put(ws, row, 2, value, number_format=_INT, alignment=_LEFT_WRAP)
        _merge_across(ws, row, 2, 3)
    row += 2
    _header(ws, row, ["Threshold", "Value", "What it does"])
    for name, value in t.model_dump().items():
        row += 1
        field = type(t).model_fields.get(name)
        _put(ws, row, 1, name, font=_BOLD, alignment=_TOP)
        _put(ws, row, 2, value, number_format="General", alignment=_LEFT_WRAP)
        _put(ws, row, 3, (field.description if field else None) or "", alignment=_WRAP)
    row += 2
    _header(ws, row, ["Statistic", "What it means", ""])
    _merge_across(ws, row, 2, 3)
    rules = [
        *_STATISTICS,
        ("Low", f"The mean is below {t.low:g}."),
        ("Polarised", f"The group splits into {_camp_rule(report)}."),
    ]
    for label, text in rules:
        row += 1
        _put(ws, row, 1, label, font=_BOLD, alignment=_TOP)
        _put(ws, row, 2, text, alignment=_WRAP)
        _merge_across(ws, row, 2, 3)
    _widths(ws, [20, 12, 88])
    _page(ws, report, None, None)


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
        sheets.append(("Indicators", lambda ws: _indicators(ws, report, framework, records)))
    sheets.append(("Distribution", lambda ws: _distribution(ws, report, framework)))
    if grouping is not None:
        sheets.append(("Groups", lambda ws: _groups(ws, report, grouping)))
    sheets += [
        ("Challenges", lambda ws: _challenges(ws, report, framework)),
        ("Case studies", lambda ws: _case_studies(ws, report, framework)),
        ("Evidence & reflections", lambda ws: _evidence(ws, report, framework, records)),
        ("Charts", lambda ws: _charts(ws, report, framework)),
        ("About", lambda ws: _about(ws, report, framework)),
    ]
    first = wb.active
    for index, (name, fill) in enumerate(sheets):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = name
        fill(ws)
    wb.active = 0
    return wb
