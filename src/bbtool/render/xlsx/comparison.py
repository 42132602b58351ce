"""Two rounds compared, as an Excel workbook (openpyxl): Comparison, Participants, About.

Built with the report workbook's cell helpers and print settings, so it reads and
prints the same way: values, never formulas; participants' names always literal text;
landscape A4 fitted to the width. Only commands that write workbooks import this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook as _Workbook
from openpyxl.styles import Font, PatternFill

from bbtool import __version__
from bbtool.core.comparison import Comparison, EnablerChange
from bbtool.render.text import (
    figure,
    moved_rule,
    none_moved,
    target_word,
    targets_note,
    with_targets,
)
from bbtool.render.xlsx.cells import (
    BOLD,
    CENTRE,
    FACE,
    INT,
    ITALIC,
    LEFT_WRAP,
    LOW_FILL,
    POLARISED_FILL,
    THEME_FILL,
    TITLE,
    TOP,
    TWO_DP,
    WRAP,
    Sheet,
    header_row,
    header_text,
    merge_across,
    page_setup,
    put,
    put_num,
    set_widths,
    style_row,
)

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["build_comparison_workbook"]


_UP_FILL = PatternFill("solid", fgColor="D9EAD3")
_DOWN_FILL = PatternFill("solid", fgColor="F4CCCC")
_UP_FONT = Font(name=FACE, bold=True, size=11, color="1E5E20")
_DOWN_FONT = Font(name=FACE, bold=True, size=11, color="9C0006")
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
    cell = put_num(ws.cell(row=row, column=col), change, _CHANGE if way else _FLAT)
    cell.alignment = TOP
    if way and fill:
        cell.fill = _UP_FILL if way > 0 else _DOWN_FILL
        cell.font = _UP_FONT if way > 0 else _DOWN_FONT


def _flags(values: list[str]) -> str:
    return " ".join(v.upper() for v in values)


def _flag_fill(values: list[str]) -> PatternFill | None:
    if "low" in values:
        return LOW_FILL
    if "polarised" in values:
        return POLARISED_FILL
    return None


def _header_line(c: Comparison) -> str:
    """The page header: area and both rounds, ampersands doubled."""
    return header_text(c.title, limit=120)


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
    cell = put(ws, row, 1, e.short_title, alignment=TOP)
    if moved:
        cell.font = BOLD
    put_num(ws.cell(row=row, column=2), e.old_mean).alignment = TOP
    put_num(ws.cell(row=row, column=3), e.new_mean).alignment = TOP
    _change(ws, row, 4, e.change)
    put_num(ws.cell(row=row, column=5), e.old_consensus).alignment = TOP
    put_num(ws.cell(row=row, column=6), e.new_consensus).alignment = TOP
    _change(ws, row, 7, e.consensus_change, fill=False)
    for col, values in ((8, e.old_flags), (9, e.new_flags)):
        cell = put(ws, row, col, _flags(values) or None, font=BOLD, alignment=CENTRE)
        fill = _flag_fill(values)
        if fill is not None:
            cell.fill = fill
    put(ws, row, 10, ", ".join(e.flag_changes) or None, alignment=WRAP)
    put_num(ws.cell(row=row, column=11), e.old_n, INT).alignment = TOP
    put_num(ws.cell(row=row, column=12), e.new_n, INT).alignment = TOP
    _change(ws, row, 13, e.same_people_change, fill=False)
    put_num(ws.cell(row=row, column=14), e.same_people_n, INT).alignment = TOP


def _comparison(ws: Sheet, c: Comparison) -> None:
    put(ws, 1, 1, f"{c.title}: how each enabler changed", font=TITLE)
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
        put(ws, row, 1, note, font=ITALIC)
    head = len(notes) + 3
    columns = _columns(c)
    last = len(columns)
    header_row(ws, head, [label for label, _ in columns])
    titles = {t.id: t for t in c.themes}
    row = head
    theme = None
    for e in c.enablers:
        if e.theme != theme:
            theme = e.theme
            t = titles.get(e.theme)
            row += 1
            put(ws, row, 1, t.title if t else e.theme, font=BOLD)
            style_row(ws, row, 1, last, fill=THEME_FILL)
            if t is not None:
                put_num(ws.cell(row=row, column=2), t.old_mean).font = BOLD
                put_num(ws.cell(row=row, column=3), t.new_mean).font = BOLD
                _change(ws, row, 4, t.change)
                put(ws, row, 5, "theme: the average of its enablers' means", font=ITALIC)
                merge_across(ws, row, 5, 8)
        row += 1
        _enabler_row(ws, row, e, e.id in c.moved_most)
    row = _moved_most(ws, c, row + 2)
    row = _targets(ws, c, row + 2)
    set_widths(ws, [width for _, width in columns])
    page_setup(ws, _header_line(c), f"{head}:{head}", f"B{head + 1}", span=last)


def _moved_most(ws: Sheet, c: Comparison, row: int) -> int:
    put(ws, row, 1, "Moved most", font=BOLD)
    put(
        ws,
        row,
        2,
        "the enablers whose mean changed most, up or down (more than five when tied), "
        f"by {figure(c.moved_at)} or more",
        font=ITALIC,
    )
    row += 1
    if not c.moved_most:
        put(ws, row, 1, none_moved(c), font=ITALIC)
        return row
    header_row(ws, row, ["Enabler", f"Mean {c.old.label}", f"Mean {c.new.label}", "Change"])
    for enabler_id in c.moved_most:
        e = c.enabler(enabler_id)
        row += 1
        put(ws, row, 1, e.short_title, alignment=TOP)
        put_num(ws.cell(row=row, column=2), e.old_mean).alignment = TOP
        put_num(ws.cell(row=row, column=3), e.new_mean).alignment = TOP
        _change(ws, row, 4, e.change)
    return row


def _targets(ws: Sheet, c: Comparison, row: int) -> int:
    """Each target the old round set, and whether the new round reached it."""
    if not c.targets_given:
        return row - 2
    put(ws, row, 1, "Targets", font=BOLD)
    put(ws, row, 2, targets_note(c), font=ITALIC)
    row += 1
    header_row(ws, row, ["Enabler", "Target", c.new.label, "Judged on", "Reached"])
    for e in with_targets(c):
        row += 1
        put(ws, row, 1, e.short_title, alignment=TOP)
        put_num(ws.cell(row=row, column=2), e.target, INT).alignment = TOP
        exact = INT if e.target_by == "agreed" else TWO_DP
        put_num(ws.cell(row=row, column=3), e.target_value, exact).alignment = TOP
        put(ws, row, 4, e.target_by, alignment=TOP)
        cell = put(ws, row, 5, target_word(e), font=BOLD, alignment=TOP)
        if e.target_reached is not None:
            cell.fill = _UP_FILL if e.target_reached else _DOWN_FILL
            cell.font = _UP_FONT if e.target_reached else _DOWN_FONT
    return row


# ------------------------------------------------------------------ Participants


def _participants(ws: Sheet, c: Comparison) -> None:
    put(ws, 1, 1, f"{c.title}: who took part", font=TITLE)
    put(
        ws,
        2,
        1,
        "Names are matched between the rounds without regard to capitals; "
        "names as in the newer round where both have them.",
        font=ITALIC,
    )
    header_row(ws, 4, ["Name", c.old.label, c.new.label])
    rows = [(n, True, True) for n in c.in_both]
    rows += [(n, True, False) for n in c.only_old]
    rows += [(n, False, True) for n in c.only_new]
    for row, (name, before, after) in enumerate(rows, start=5):
        put(ws, row, 1, name, alignment=TOP)
        put(ws, row, 2, "yes" if before else "–", alignment=CENTRE)
        put(ws, row, 3, "yes" if after else "–", alignment=CENTRE)
    total = 5 + len(rows)
    put(ws, total, 1, "Took part", font=BOLD)
    put_num(ws.cell(row=total, column=2), c.old.participants, INT).alignment = CENTRE
    put_num(ws.cell(row=total, column=3), c.new.participants, INT).alignment = CENTRE
    style_row(ws, total, 1, 3, font=BOLD)
    set_widths(ws, [32, 16, 16])
    page_setup(ws, _header_line(c), "4:4", "A5", span=3)


# ------------------------------------------------------------------------ About


def _about(ws: Sheet, c: Comparison) -> None:
    put(ws, 1, 1, "About this workbook", font=TITLE)
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
        ("Moved most", moved_rule(c)),
        (
            "Targets",
            "The targets the old round set in its agreed.yaml; reached when the new round's "
            "agreed score (or, without one, its mean) is at or above the target.",
        ),
    ]
    header_row(ws, 2, ["Item", "Value"])
    for row, (label, value) in enumerate(facts, start=3):
        put(ws, row, 1, label, font=BOLD, alignment=TOP)
        put(ws, row, 2, value, number_format=INT, alignment=LEFT_WRAP)
    set_widths(ws, [22, 90])
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
