"""The workbooks' action plan: the report's Actions sheet (a row per action, its status
chosen from a list, filterable, printable) and the comparison's Action review sheet."""

from __future__ import annotations

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from bbtool.core.actions import CLOSED, STATUSES, Plan
from bbtool.core.results import Report
from bbtool.core.review import PlanReview
from bbtool.render.plan import (
    NOT_CAUSE,
    also_named,
    due_text,
    enabler_now,
    move_text,
    plan_summary,
    review_lists,
    unplanned_text,
)
from bbtool.render.xlsx.cells import (
    BOLD,
    ITALIC,
    LOW_FILL,
    TOP,
    WRAP,
    header_row,
    header_text,
    page_setup,
    put,
    report_page,
    report_title,
    set_widths,
)

ACTIONS_SHEET = "Actions"
REVIEW_SHEET = "Action review"
ACTION_HEADERS = [
    "Id",
    "Action",
    "Enablers now (mean, flags, agreed, target); indicators, challenges",
    "Owner",
    "Due",
    "Status",
    "Overdue",
    "Completed",
    "Success looks like",
    "Notes",
]
_FIRST = 4  # the header row; actions below it


def add_actions_sheet(book: Workbook, report: Report, plan: Plan | None) -> None:
    """The Actions sheet, second in the workbook (after Summary); none without a plan."""
    if plan is None:
        return
    ws = book.create_sheet(ACTIONS_SHEET, 1)
    report_title(ws, report, "action plan")
    put(ws, 2, 1, plan_summary(plan), font=ITALIC)
    titles = {e.id: e.short_title for e in report.enablers}
    unplanned = unplanned_text(plan, titles)
    if unplanned:
        put(ws, 3, 1, unplanned, font=ITALIC)
    header_row(ws, _FIRST, ACTION_HEADERS)
    row = _FIRST
    for a in plan.actions:
        row += 1
        put(ws, row, 1, a.id, alignment=TOP)
        put(ws, row, 2, a.title, font=BOLD, alignment=WRAP)
        lines = [*(enabler_now(e) for e in a.enablers), also_named(a, report)]
        put(ws, row, 3, "\n".join(line for line in lines if line), alignment=WRAP)
        put(ws, row, 4, a.owner, alignment=WRAP)
        put(ws, row, 5, a.due.isoformat() if a.due else None, alignment=TOP)
        put(ws, row, 6, a.status, alignment=TOP)
        put(ws, row, 7, "overdue" if a.overdue else None, alignment=TOP)
        if a.overdue:
            ws.cell(row=row, column=7).fill = LOW_FILL
        put(ws, row, 8, a.completed.isoformat() if a.completed else None, alignment=TOP)
        put(ws, row, 9, a.success, alignment=WRAP)
        put(ws, row, 10, a.notes, alignment=WRAP)
    last = max(row, _FIRST + 1)
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose one of: " + ", ".join(STATUSES),
    )
    statuses.add(f"F{_FIRST + 1}:F{last}")
    ws.add_data_validation(statuses)
    ws.auto_filter.ref = f"A{_FIRST}:J{last}"
    set_widths(ws, [18, 40, 40, 20, 11, 12, 9, 11, 30, 30])
    report_page(ws, report, f"{_FIRST}:{_FIRST}", f"C{_FIRST + 1}")


REVIEW_HEADERS = ["Id", "Action", "Owner", "Due", "Status then", "Status now", "On time?"]


def add_review_sheet(book: Workbook, review: PlanReview | None, title: str) -> None:
    """The comparison's Action review sheet, after its Comparison sheet; none without."""
    if review is None:
        return
    ws = book.create_sheet(REVIEW_SHEET, 1)
    put(ws, 1, 1, f"{title}: the action plan reviewed", font=BOLD)
    day = f"As of {review.as_of.isoformat()} (the {review.as_of_from}). {NOT_CAUSE}"
    put(ws, 2, 1, day, font=ITALIC)
    header_row(
        ws,
        _FIRST,
        [
            *REVIEW_HEADERS,
            "Its enablers: change, same people, target",
            "Success looks like",
            "Notes",
        ],
    )
    row = _FIRST
    for a in review.actions:
        row += 1
        put(ws, row, 1, a.id, alignment=TOP)
        put(ws, row, 2, a.title, font=BOLD, alignment=WRAP)
        put(ws, row, 3, a.owner, alignment=WRAP)
        put(ws, row, 4, due_text(a) if a.due else None, alignment=WRAP)
        put(ws, row, 5, a.old_status, alignment=TOP)
        put(
            ws, row, 6, a.status or ("–" if a.old_status in CLOSED else "not listed"), alignment=TOP
        )
        put(ws, row, 7, a.timing, alignment=WRAP)
        put(ws, row, 8, "\n".join(move_text(m) for m in a.enablers), alignment=WRAP)
        put(ws, row, 9, a.success, alignment=WRAP)
        put(ws, row, 10, a.notes, alignment=WRAP)
    ws.auto_filter.ref = f"A{_FIRST}:J{max(row, _FIRST + 1)}"
    row += 1
    for label, ids in review_lists(review):
        row += 1
        # the label across Id and Action, the ids across the columns after them
        put(ws, row, 1, label, font=BOLD, alignment=WRAP)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        put(ws, row, 3, ", ".join(ids) or "–", alignment=WRAP)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=10)
    set_widths(ws, [18, 40, 20, 11, 12, 12, 12, 60, 30, 30])
    page_setup(ws, header_text(title), f"{_FIRST}:{_FIRST}", f"C{_FIRST + 1}")
