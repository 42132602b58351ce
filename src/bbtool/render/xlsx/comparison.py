"""Two rounds compared, as an Excel workbook (openpyxl): Comparison, Participants, About.

Built with the report workbook's cell helpers and print settings, so it reads and
prints the same way: values, never formulas; participants' names always literal text;
landscape A4 fitted to the width. Only commands that write workbooks import this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from openpyxl import Workbook as _Workbook
from openpyxl.styles import Font, PatternFill

from bbtool import __version__
from bbtool.core.comparison import Comparison, EnablerChange
from bbtool.render.xlsx.report import (
    _BOLD,
    _CENTRE,
    _FACE,
    _INT,
    _ITALIC,
    _LEFT_WRAP,
    _LOW_FILL,
    _POLARISED_FILL,
    _THEME_FILL,
    _TITLE,
    _TOP,
    _WRAP,
    _header,
    _header_text,
    _merge_across,
    _num,
    _put,
    _style_row,
    _widths,
    page_setup,
)

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["build_comparison_workbook"]

Sheet = Any  # openpyxl is untyped

_UP_FILL = PatternFill("solid", fgColor="D9EAD3")
_DOWN_FILL = PatternFill("solid", fgColor="F4CCCC")
_UP_FONT = Font(name=_FACE, bold=True, size=11, color="1E5E20")
_DOWN_FONT = Font(name=_FACE, bold=True, size=11, color="9C0006")
# an arrow as well as a colour, so the direction reads in black and white too
_CHANGE = '"▲ "+0.00;"▼ "-0.00;0.00'
_FLAT = "0.00"  # a change that rounds to nothing: no arrow, no sign


def _way(change: float | None) -> int:
    """1 up, -1 down, 0 when it rounds to 0.00 (or there is nothing to compare)."""
    if change is None or round(change, 2) == 0:
        return 0
    return 1 if change > 0 else -1


def _change(ws: Sheet, row: int, col: int, change: float | None, fill: bool = True) -> None:
    way = _way(change)
    cell = _num(ws.cell(row=row, column=col), change, _CHANGE if way else _FLAT)
    cell.alignment = _TOP
    if way and fill:
        cell.fill = _UP_FILL if way > 0 else _DOWN_FILL
        cell.font = _UP_FONT if way > 0 else _DOWN_FONT


def _flags(values: list[str]) -> str:
    return " ".join(v.upper() for v in values)


def _flag_fill(values: list[str]) -> PatternFill | None:
    if "low" in values:
        return _LOW_FILL
    if "polarised" in values:
        return _POLARISED_FILL
    return None


def _header_line(c: Comparison) -> str:
    """The page header: area and both rounds, ampersands doubled."""
    return _header_text(c.title, limit=120)


# -------------------------------------------------------------------- Comparison


def _columns(c: Comparison) -> list[tuple[str, float]]:
    old, new = c.old.label, c.new.label
    return [
        ("Enabler", 24),
        (f"Mean {old}", 11),
        (f"Mean {new}", 11),
        ("Change", 10),
        (f"Consensus {old}", 11),
        (f"Consensus {new}", 11),
        ("Consensus change", 11),
        (f"Flags {old}", 13),
        (f"Flags {new}", 13),
        ("What changed", 22),
        (f"n {old}", 8),
        (f"n {new}", 8),
        ("Change, same people", 11),
        ("Same people (n)", 9),
    ]


def _enabler_row(ws: Sheet, row: int, e: EnablerChange, moved: bool) -> None:
    cell = _put(ws, row, 1, e.short_title, alignment=_TOP)
    if moved:
        cell.font = _BOLD
    _num(ws.cell(row=row, column=2), e.old_mean).alignment = _TOP
    _num(ws.cell(row=row, column=3), e.new_mean).alignment = _TOP
    _change(ws, row, 4, e.change)
    _num(ws.cell(row=row, column=5), e.old_consensus).alignment = _TOP
    _num(ws.cell(row=row, column=6), e.new_consensus).alignment = _TOP
    _change(ws, row, 7, e.consensus_change, fill=False)
    for col, values in ((8, e.old_flags), (9, e.new_flags)):
        cell = _put(ws, row, col, _flags(values) or None, font=_BOLD, alignment=_CENTRE)
        fill = _flag_fill(values)
        if fill is not None:
            cell.fill = fill
    _put(ws, row, 10, ", ".join(e.flag_changes) or None, alignment=_WRAP)
    _num(ws.cell(row=row, column=11), e.old_n, _INT).alignment = _TOP
    _num(ws.cell(row=row, column=12), e.new_n, _INT).alignment = _TOP
    _change(ws, row, 13, e.same_people_change, fill=False)
    _num(ws.cell(row=row, column=14), e.same_people_n, _INT).alignment = _TOP


def _comparison(ws: Sheet, c: Comparison) -> None:
    _put(ws, 1, 1, f"{c.title}: how each enabler changed", font=_TITLE)
    old, new = c.old, c.new
    notes = [
        f"{old.label}: {old.participants} participants; {new.label}: {new.participants} "
        f"participants; {len(c.in_both)} took part in both (see the Participants sheet).",
        "Change is the new round's figure minus the old one's: ▲ green, the enabler scored "
        "higher this time; ▼ red, lower. Change, same people: the average change among those "
        "who scored the enabler in both rounds, so a change in who took part does not hide "
        "or fake one.",
        "Flags are each round's own: LOW (mean below the threshold) and POLARISED (two camps "
        "of low and high scores). The enablers that moved most are in bold, and listed "
        "beneath the table.",
        *c.notes,
    ]
    for row, note in enumerate(notes, start=2):
        _put(ws, row, 1, note, font=_ITALIC)
    head = len(notes) + 3
    columns = _columns(c)
    last = len(columns)
    _header(ws, head, [label for label, _ in columns])
    titles = {t.id: t for t in c.themes}
    row = head
    theme = None
    for e in c.enablers:
        if e.theme != theme:
            theme = e.theme
            t = titles.get(e.theme)
            row += 1
            _put(ws, row, 1, t.title if t else e.theme, font=_BOLD)
            _style_row(ws, row, 1, last, fill=_THEME_FILL)
            if t is not None:
                _num(ws.cell(row=row, column=2), t.old_mean).font = _BOLD
                _num(ws.cell(row=row, column=3), t.new_mean).font = _BOLD
                _change(ws, row, 4, t.change)
                _put(ws, row, 5, "theme: the average of its enablers' means", font=_ITALIC)
                _merge_across(ws, row, 5, 8)
        row += 1
        _enabler_row(ws, row, e, e.id in c.moved_most)
    row = _moved_most(ws, c, row + 2)
    _widths(ws, [width for _, width in columns])
    page_setup(ws, _header_line(c), f"{head}:{head}", f"B{head + 1}", span=last)


def _moved_most(ws: Sheet, c: Comparison, row: int) -> int:
    _put(ws, row, 1, "Moved most", font=_BOLD)
    _put(
        ws,
        row,
        2,
        "the enablers whose mean changed most, up or down (more than five when tied)",
        font=_ITALIC,
    )
    row += 1
    if not c.moved_most:
        _put(ws, row, 1, "No enabler's mean changed.", font=_ITALIC)
        return row
    _header(ws, row, ["Enabler", f"Mean {c.old.label}", f"Mean {c.new.label}", "Change"])
    for enabler_id in c.moved_most:
        e = c.enabler(enabler_id)
        row += 1
        _put(ws, row, 1, e.short_title, alignment=_TOP)
        _num(ws.cell(row=row, column=2), e.old_mean).alignment = _TOP
        _num(ws.cell(row=row, column=3), e.new_mean).alignment = _TOP
        _change(ws, row, 4, e.change)
    return row


# ------------------------------------------------------------------ Participants


def _participants(ws: Sheet, c: Comparison) -> None:
    _put(ws, 1, 1, f"{c.title}: who took part", font=_TITLE)
    _put(
        ws,
        2,
        1,
        "Names are matched between the rounds without regard to capitals; "
        "names as in the newer round where both have them.",
        font=_ITALIC,
    )
    _header(ws, 4, ["Name", c.old.label, c.new.label])
    rows = [(n, True, True) for n in c.in_both]
    rows += [(n, True, False) for n in c.only_old]
    rows += [(n, False, True) for n in c.only_new]
    for row, (name, before, after) in enumerate(rows, start=5):
        _put(ws, row, 1, name, alignment=_TOP)
        _put(ws, row, 2, "yes" if before else "–", alignment=_CENTRE)
        _put(ws, row, 3, "yes" if after else "–", alignment=_CENTRE)
    total = 5 + len(rows)
    _put(ws, total, 1, "Took part", font=_BOLD)
    _num(ws.cell(row=total, column=2), c.old.participants, _INT).alignment = _CENTRE
    _num(ws.cell(row=total, column=3), c.new.participants, _INT).alignment = _CENTRE
    _style_row(ws, total, 1, 3, font=_BOLD)
    _widths(ws, [32, 16, 16])
    page_setup(ws, _header_line(c), "4:4", "A5", span=3)


# ------------------------------------------------------------------------ About


def _about(ws: Sheet, c: Comparison) -> None:
    _put(ws, 1, 1, "About this workbook", font=_TITLE)
    facts: list[tuple[str, str | float]] = [
        ("Framework", c.framework),
        ("Scale", f"{c.scale_min} to {c.scale_max}"),
        ("Old round", f"{c.old.area}, {c.old.round}: {c.old.participants} participants"),
        ("New round", f"{c.new.area}, {c.new.round}: {c.new.participants} participants"),
        ("In both rounds", len(c.in_both)),
        ("Made with", f"bbtool {__version__} (bbtool compare)"),
        ("Change", "The new round's figure minus the old one's; empty when a round has none."),
        (
            "Change, same people",
            "The average of each person's new score minus their old one, over the people "
            "who gave the enabler a score in both rounds (Same people, n).",
        ),
        (
            "What changed",
            "Flags gained or lost: newly low, no longer low, newly polarised, no longer "
            "polarised (only where both rounds have the flag).",
        ),
        ("Moved most", "The five enablers whose mean changed most, up or down (more if tied)."),
    ]
    _header(ws, 2, ["Item", "Value"])
    for row, (label, value) in enumerate(facts, start=3):
        _put(ws, row, 1, label, font=_BOLD, alignment=_TOP)
        _put(ws, row, 2, value, number_format=_INT, alignment=_LEFT_WRAP)
    _widths(ws, [22, 90])
    page_setup(ws, _header_line(c), None, None, span=2)


# ------------------------------------------------------------------------ build


def build_comparison_workbook(comparison: Comparison) -> Workbook:
    """The comparison as a workbook: Comparison, Participants and About sheets."""
    wb = _Workbook()
    ws = wb.active
    ws.title = "Comparison"
    _comparison(ws, comparison)
    _participants(wb.create_sheet("Participants"), comparison)
    _about(wb.create_sheet("About"), comparison)
    wb.active = 0
    return wb
