"""Printed pages people can read: no sheet's text shrinks below 8 points (11-point text
at a scale of at least 75 %), a wide sheet goes over pages with its labels repeated,
and a theme is never cut from its enablers. Read back as a printer reads them."""

from __future__ import annotations

from typing import Any

from _demo import DEMO
from _workbook import load
from bbtool.render.xlsx.cells import MIN_SCALE, column_points, workbook_bytes
from bbtool.render.xlsx.report import build_workbook
from bbtool.workspace.loader import load_workspace

_PRINTABLE = 842 - 72  # A4 landscape less the side margins, in points


def _demo_book() -> Any:
    """The demo's workbook with its agreed.yaml: Agreed, Gap, Target, What was agreed."""
    ws = load_workspace(DEMO)
    report = ws.score()
    assert report.agreed_given
    return load(workbook_bytes(build_workbook(report, ws.framework, ws.records)))


def _scale(ws: Any) -> float:
    """The scale a sheet prints at: its own, or what fitting it to the width gives."""
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        total = sum(column_points(ws, c) for c in range(1, ws.max_column + 1))
        return min(100.0, _PRINTABLE * 100 / total)
    return float(ws.page_setup.scale)


def test_the_summary_with_agreed_columns_prints_at_8_points_or_more() -> None:
    ws = _demo_book()["Summary"]
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # not shrunk to any size
    assert MIN_SCALE <= int(ws.page_setup.scale) <= 100
    assert 11 * int(ws.page_setup.scale) / 100 >= 8  # 11-point text, printed
    assert ws.page_setup.orientation == "landscape"
    # the figures on one page, what was agreed on the next, the enablers on both
    assert [b.id for b in ws.col_breaks.brk] == [13]  # a page from column N, "Agreed"
    assert ws.cell(row=7, column=14).value == "Agreed"
    assert ws.print_title_cols == "$A:$A"
    assert ws.print_title_rows == "$7:$7"
    # each column page fits at that scale
    room = _PRINTABLE * 100 / int(ws.page_setup.scale)
    first = sum(column_points(ws, c) for c in range(1, 14))
    second = column_points(ws, 1) + sum(column_points(ws, c) for c in range(14, 18))
    assert max(first, second) <= room


def test_the_summary_breaks_pages_between_themes() -> None:
    ws = _demo_book()["Summary"]
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks  # the demo's twelve enablers and four notes take more than a page
    themes = {"Purpose and priorities", "People and place", "Partnership and process"}
    for row in breaks:  # each new page starts at a theme's row
        assert ws.cell(row=row + 1, column=1).value in themes


def test_no_sheet_prints_below_the_smallest_scale() -> None:
    for ws in _demo_book().worksheets:
        if ws.title == "Charts":  # pictures, sized to the page
            continue
        assert _scale(ws) >= MIN_SCALE, ws.title


def test_the_case_studies_heading_repeats_only_as_a_print_title() -> None:
    ws = _demo_book()["Case studies"]
    assert ws.print_title_rows == "$3:$3"
    headings = [c.coordinate for row in ws.iter_rows() for c in row if c.value == "Case study"]
    assert headings == ["B3"]  # written once; a second page repeats it only in print
