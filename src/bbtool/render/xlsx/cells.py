"""Cells, styles and pages shared by every workbook bbtool writes (the report, the
comparison, the participants' forms): one place for each style and helper.

Every string goes through :func:`put_text`, so participants' words are stored as
literal text: a name or note starting with ``=`` stays text, characters a workbook
cannot hold are dropped rather than crashing the write, and text that reads like an
OOXML escape (``_x0007_``, ``_x000D__x000A_``) is escaped itself, so a spreadsheet
shows it as typed instead of decoding it into a control character or a line break.
Lengths are counted as Excel counts them, in UTF-16 units (an emoji is two). :func:`workbook_bytes`
gives reproducible bytes.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import textwrap
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.writer.excel import ExcelWriter

from bbtool.core.models import SKIP, ScoreValue
from bbtool.core.results import ItemResult, Report

if TYPE_CHECKING:
    from openpyxl import Workbook

Cell = Any  # openpyxl is untyped
Sheet = Any

# ------------------------------------------------------------------------ style

# Fonts name their face: a font without one prints in a serif fallback in LibreOffice.
FACE = "Calibri"
TITLE = Font(name=FACE, bold=True, size=14)
BOLD = Font(name=FACE, bold=True, size=11)
ITALIC = Font(name=FACE, italic=True, size=11, color="595959")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THEME_FILL = PatternFill("solid", fgColor="E7E6E6")
LOW_FILL = PatternFill("solid", fgColor="F8D7DA")
POLARISED_FILL = PatternFill("solid", fgColor="E4D7F5")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(bottom=Side(style="medium", color="5B9BD5"))
TOTAL_BORDER = Border(top=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTRE = Alignment(wrap_text=True, horizontal="center", vertical="center")
CENTRE = Alignment(horizontal="center", vertical="top")
TOP = Alignment(vertical="top")
LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
UPRIGHT = Alignment(text_rotation=90, wrap_text=True, horizontal="center", vertical="bottom")

RED, AMBER, GREEN = "F8696B", "FFEB84", "63BE7B"
TWO_DP = "0.00"
INT = "0"

# Strings starting with these become formulas (or DDE, or hidden content) when a
# spreadsheet re-parses the cell: store them as text, with Excel's quote prefix.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # Excel's limit on the characters in one cell, in UTF-16 units
MAX_HEADER = 255  # Excel's limit on a page header or footer, codes included
# OOXML writes a character as _xHHHH_ (a line break is _x000A_), and spreadsheet programs
# decode it in any cell or header. Text that merely looks like one is kept literal by
# escaping its underscore as _x005F_ (the standard's own escape for it).
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED_UNDERSCORE = "_x005F_"

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


def utf16_length(text: str) -> int:
    """The length Excel counts: UTF-16 code units (a character outside the BMP is two)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut_utf16(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-16 units, never inside a character."""
    if len(text) * 2 <= limit or utf16_length(text) <= limit:
        return text
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text  # pragma: no cover - the length was over the limit


def clean_text(value: str) -> str:
    """Text a workbook can hold: characters it cannot hold dropped, and at most
    :data:`MAX_CELL` UTF-16 units long (not yet escaped: see :func:`escape_text`)."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", value)
    return _cut_utf16(cleaned, MAX_CELL)


def escape_text(text: str) -> str:
    """``_xHHHH_`` kept literal: its underscore written as ``_x005F_``."""
    return _OOXML_ESCAPE.sub(_ESCAPED_UNDERSCORE, text) if "_x" in text else text


def put_text(cell: Cell, value: str | None) -> Cell:
    """Write text as a literal string: never a formula, never an error value, never a crash."""
    if value is None:
        cell.value = None
        return cell
    text = clean_text(str(value))
    cell.value = escape_text(text)  # openpyxl guesses: "=..." a formula, "#N/A" an error
    cell.data_type = "s"  # so say what it is: a string
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and keep it text when someone edits the cell
    return cell


def put_num(cell: Cell, value: float | None, number_format: str = TWO_DP) -> Cell:
    cell.value = value
    cell.number_format = number_format
    return cell


def put_score(cell: Cell, value: ScoreValue | None) -> Cell:
    """A participant's answer: the number, the text skip, or blank when unanswered."""
    if value == SKIP:
        put_text(cell, SKIP)
        cell.font = ITALIC
    elif isinstance(value, int):
        put_num(cell, value, INT)
    cell.alignment = CENTRE
    return cell


def put_answer(ws: Sheet, row: int, col: int, value: ScoreValue | None) -> None:
    """A participant's answer in its cell; nothing at all when unanswered. Most
    indicators go unanswered, and a cell that is never made costs no memory: at
    10,000 participants the Indicators sheet would otherwise hold half a million."""
    if value is not None:
        put_score(ws.cell(row=row, column=col), value)


def put(ws: Sheet, row: int, col: int, value: str | float | None, **style: Any) -> Cell:
    """Write a string (through :func:`put_text`) or a number, with optional style."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str) or value is None:
        put_text(cell, value)
    else:
        put_num(cell, value, style.pop("number_format", TWO_DP))
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def header_row(ws: Sheet, row: int, labels: Sequence[str], start: int = 1) -> None:
    for col, label in enumerate(labels, start=start):
        put(ws, row, col, label, font=BOLD, fill=HEADER_FILL, alignment=WRAP_CENTRE)
        ws.cell(row=row, column=col).border = HEADER_BORDER


def style_row(ws: Sheet, row: int, first: int, last: int, **style: Any) -> None:
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        for key, val in style.items():
            setattr(cell, key, val)


def set_widths(ws: Sheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


# Row heights are written out: LibreOffice does not grow a row to fit wrapped text when
# it opens a file, so without them wrapped lines print on top of the next row. The
# estimate allows for a wider fallback font where Calibri is not installed.
LINE = 15.0  # points per line of 11-point text
_CHARS_PER_UNIT = 1.1  # characters of 11-point text per unit of column width
_CHARS_PER_UNIT_BOLD = 0.9
_UPRIGHT_CHAR = 7.0  # points per character of upright (rotated) bold header text
DEFAULT_WIDTH = 8.43
POINTS_PER_UNIT = 5.25  # one unit of column width (a digit of 11-point Calibri, 7 pixels)


def column_width(ws: Sheet, col: int) -> float:
    letter = get_column_letter(col)
    if letter in ws.column_dimensions and ws.column_dimensions[letter].width:
        return float(ws.column_dimensions[letter].width)
    return DEFAULT_WIDTH


def line_count(text: str, width: float, bold: bool) -> int:
    per_line = max(1, int((width - 1) * (_CHARS_PER_UNIT_BOLD if bold else _CHARS_PER_UNIT)))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))


def held_cells(ws: Sheet) -> list[Cell]:
    """The cells the sheet holds, by row then column. Not ``ws.iter_rows()``: that makes
    a cell at every empty place of the used rectangle (half a million in the
    Indicators sheet at 10,000 participants, where most indicators go unanswered)."""
    held: dict[tuple[int, int], Cell] | None = getattr(ws, "_cells", None)
    if held is None:  # openpyxl has no public reader for this; should it go, be slow
        return [cell for row in ws.iter_rows() for cell in row]
    return [held[key] for key in sorted(held)]


def fit_titles(ws: Sheet, col: int, first_row: int, most: float = 40.0) -> None:
    """Titles in column ``col`` from ``first_row`` down are never cut off: the column
    widens to the longest (up to ``most`` units) and what is still longer wraps, its
    row growing to fit (:func:`fit_rows`). Cells merged across columns are left alone."""
    merged = {(m.min_row, m.min_col) for m in ws.merged_cells.ranges if m.max_col > m.min_col}
    cells = [
        cell
        for cell in held_cells(ws)
        if cell.column == col
        and cell.row >= first_row
        and isinstance(cell.value, str)
        and cell.value
        and (cell.row, cell.column) not in merged
    ]

    def units(cell: Cell) -> float:
        per_unit = _CHARS_PER_UNIT_BOLD if cell.font and cell.font.b else _CHARS_PER_UNIT
        return max(len(line) for line in str(cell.value).split("\n")) / per_unit + 1

    if not cells:
        return
    width = max(column_width(ws, col), min(most, max(units(cell) for cell in cells)))
    ws.column_dimensions[get_column_letter(col)].width = round(width, 1)
    for cell in cells:
        if units(cell) > width and not cell.alignment.wrap_text:
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal=cell.alignment.horizontal
            )


def fit_rows(ws: Sheet) -> None:
    """Give each row with wrapped or large text the height its text needs."""
    spans: dict[tuple[int, int], float] = {}
    for merged in ws.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = sum(
            column_width(ws, col) for col in range(merged.min_col, merged.max_col + 1)
        )
    needed: dict[int, float] = {}
    for cell in held_cells(ws):
        if not isinstance(cell.value, str) or not cell.value:
            continue
        size = float(cell.font.sz or 11) if cell.font else 11.0
        lines = 1
        if cell.alignment.wrap_text and not cell.alignment.textRotation:
            width = spans.get((cell.row, cell.column)) or column_width(ws, cell.column)
            lines = line_count(cell.value, width * 11 / size, bool(cell.font.b))
        height = lines * LINE * size / 11 + (2 if lines > 1 else 0)
        needed[cell.row] = max(needed.get(cell.row, 0.0), height)
    for row, height in sorted(needed.items()):
        if height <= LINE:
            continue
        current = ws.row_dimensions[row].height if row in ws.row_dimensions else None
        ws.row_dimensions[row].height = max(round(height, 1), current or 0)


def merge_across(ws: Sheet, row: int, first: int, last: int) -> None:
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def upright_headers(ws: Sheet, row: int, first: int, last: int, wrap_at: int = 14) -> float:
    """Turn header cells first..last upright, wrapped at about ``wrap_at`` characters;
    set the row's height. Returns the column width their wrapped lines need."""
    longest, most_lines = 8, 1
    for col in range(first, last + 1):
        cell = ws.cell(row=row, column=col)
        cell.alignment = UPRIGHT
        lines = textwrap.wrap(str(cell.value or ""), wrap_at) or [""]
        longest = max(longest, *(len(text) for text in lines))
        most_lines = max(most_lines, len(lines))
    ws.row_dimensions[row].height = round(longest * _UPRIGHT_CHAR + 12, 1)
    return max(7.0, round((most_lines * LINE + 8) / POINTS_PER_UNIT, 1))


def header_text(value: str, limit: int = 80) -> str:
    """Text for a page header: ampersands doubled (they start header codes), OOXML
    escapes kept literal (see :func:`escape_text`)."""
    value = " ".join(clean_text(value).split())
    if utf16_length(value) > limit:
        value = _cut_utf16(value, limit - 1) + "…"
    return escape_text(value).replace("&", "&&")


# a header's pieces that must not be cut apart: a doubled ampersand, an escaped underscore
_HEADER_TOKEN = re.compile(r"&&|_x005F_|.", re.S)


def fit_header(left: str, centre: str, right: str) -> str:
    """``centre`` cut so that the whole header (``&L``, ``&C`` and ``&R`` codes and all
    three parts) is at most :data:`MAX_HEADER` UTF-16 units, as Excel requires."""
    room = MAX_HEADER - utf16_length(f"&L{left}&C&R{right}")
    if utf16_length(centre) <= room:
        return centre
    kept: list[str] = []
    used = utf16_length("…")
    for token in _HEADER_TOKEN.findall(centre):
        used += utf16_length(token)
        if used > room:
            break
        kept.append(token)
    return "".join(kept) + "…"


def span_top(ws: Sheet, last: int) -> None:
    """The title and notes above a table, merged across it and wrapped: a long area name
    then wraps instead of widening the printed page (and shrinking everything on it)."""
    rows: dict[int, list[Cell]] = {}
    for cell in held_cells(ws):
        if cell.value not in (None, ""):
            rows.setdefault(cell.row, []).append(cell)
    for row in sorted(rows):
        filled = rows[row]
        if len(filled) > 1 or filled[0].column != 1 or last <= 1:
            return
        filled[0].alignment = WRAP
        merge_across(ws, row, 1, last)


def page_setup(
    ws: Sheet, header: str, title_rows: str | None, freeze: str | None, span: int = 0
) -> None:
    """As :func:`report_page`, with ``header`` (from :func:`header_text`) at the top of
    each page, cut if need be to keep the whole header within Excel's 255 characters."""
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
    ws.oddHeader.center.text = fit_header("&A", header, "bbtool")
    ws.oddHeader.right.text = "bbtool"
    ws.oddFooter.center.text = "Page &P of &N"
    span_top(ws, span or ws.max_column)
    fit_rows(ws)


# Printing: text of 11 pt prints at 8 pt or more at 73 %; a sheet too wide for that on
# one A4 landscape page is printed at no less than MIN_SCALE, over more pages.
MIN_SCALE = 75
_PRINTABLE = 842 - 2 * 36  # A4 landscape, in points, less the 0.5-inch margins
_SPARE = 0.92  # room for the printer's rounding and for LibreOffice, whose columns print wider


def column_points(ws: Sheet, col: int) -> float:
    """A column's printed width in points at 100 %, as Excel prints it: a width unit
    is Calibri 11's widest digit, 7 pixels at 96 dpi (8.43 units when none is set)."""
    width = ws.column_dimensions[get_column_letter(col)].width or 8.43
    return width * 7 * 0.75


def print_columns(ws: Sheet, titles: int, breaks: Sequence[int]) -> None:
    """Printed at a scale of its own, never below :data:`MIN_SCALE` (not "fit to
    width", which shrinks a wide sheet's text to any size): one page wide where that
    fits; else the columns go over pages, each starting at one of ``breaks`` (a column
    number) and each repeating the first ``titles`` columns, at the largest scale at
    which every page fits (at least MIN_SCALE, at most 100). After :func:`report_page`."""
    widths = {col: column_points(ws, col) for col in range(1, ws.max_column + 1)}
    room = _PRINTABLE * _SPARE * 100 / MIN_SCALE
    fixed = sum(widths[c] for c in range(1, titles + 1))
    starts = [c for c in sorted(set(breaks)) if titles < c <= ws.max_column]
    bounds = [titles + 1, *starts, ws.max_column + 1]
    groups = [range(a, b) for a, b in itertools.pairwise(bounds)]
    pages: list[float] = []
    used = fixed
    for group in (g for g in groups if g):
        wide = sum(widths[c] for c in group)
        if used + wide > room and used > fixed:
            ws.col_breaks.append(Break(id=group[0] - 1))  # a new page from this column
            pages.append(used)
            used = fixed
        used += wide
    pages.append(used)
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    scale = int(_PRINTABLE * _SPARE * 100 / max(pages))
    ws.page_setup.scale = max(MIN_SCALE, min(100, scale))
    if len(pages) > 1 and titles:
        ws.print_title_cols = f"A:{get_column_letter(titles)}"


_PRINTABLE_HEIGHT = 595 - 2 * 54  # A4 landscape, in points, less the 0.75-inch margins


def print_rows(ws: Sheet, repeated: range, starts: Sequence[int]) -> None:
    """Page breaks so that no block of rows (from each of ``starts`` to the next) is
    cut across pages where it fits on one: a theme with its enablers. ``repeated``:
    the title rows printed on every page. After :func:`print_columns`."""
    scale = (ws.page_setup.scale or 100) / 100
    room = _PRINTABLE_HEIGHT * _SPARE / scale

    def height(row: int) -> float:
        held = ws.row_dimensions[row].height if row in ws.row_dimensions else None
        return float(held or LINE)

    titles = sum(height(r) for r in repeated)
    bounds = [*sorted(set(starts)), ws.max_row + 1]
    used = sum(height(r) for r in range(1, bounds[0]))
    for start, end in itertools.pairwise(bounds):
        block = sum(height(r) for r in range(start, end))
        if used + block > room and used > titles:
            ws.row_breaks.append(Break(id=start - 1))  # a new page from this row
            used = titles
        used += block


def report_page(
    ws: Sheet, report: Report, title_rows: str | None, freeze: str | None, span: int = 0
) -> None:
    """Frozen panes and print settings: landscape A4, fit to width, area and round on top.

    Call it last: it also spans the title over ``span`` columns (default: all in use)
    and sets the row heights."""
    header = f"{header_text(report.area)} · {header_text(report.round)}"
    page_setup(ws, header, title_rows, freeze, span)


def report_title(ws: Sheet, report: Report, what: str) -> None:
    put(ws, 1, 1, f"{report.area} · {report.round}: {what}", font=TITLE)


def flag_fill(item: ItemResult) -> PatternFill | None:
    if item.low:
        return LOW_FILL
    if item.polarised:
        return POLARISED_FILL
    return None


def camp_rule(report: Report) -> str:
    t = report.thresholds
    return (
        f"two camps: at least k people scored {t.low_camp} or less and at least k scored "
        f"{t.high_camp} or more, with fewer in between than in either camp; "
        f"k = max({t.camp_min}, ceil(n/{t.camp_divisor})); needs n ≥ {t.polarised_min_n}"
    )
