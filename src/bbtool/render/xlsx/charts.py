"""The workbook's Charts sheet: native Excel radar charts of the enabler and indicator
means, drawn by the spreadsheet program from tables on the same sheet."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

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
from openpyxl.utils.units import cm_to_EMU
from openpyxl.worksheet.pagebreak import Break

from bbtool.core.models import Framework
from bbtool.core.results import ItemResult, Report

if TYPE_CHECKING:
    pass

from bbtool.render.xlsx.cells import (
    DEFAULT_WIDTH,
    INT,
    ITALIC,
    LINE,
    POINTS_PER_UNIT,
    Sheet,
    clean_text,
    fit_titles,
    header_row,
    put,
    put_num,
    report_page,
    report_title,
    set_widths,
)

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
    return math.ceil(float(chart.height) / 2.54 * 72 / LINE)


def _chart_title(text: str) -> Title:
    """A chart title at 13 points (the default is large enough to wrap on a page)."""
    props = CharacterProperties(sz=1300, b=True)
    run = RegularTextRun(rPr=props, t=clean_text(text))
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
    chart.y_axis.scaling.min = report.scale_min  # the centre: the scale's first point
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
    header_row(ws, row, [heading, "Mean", "Min", "Max"])
    for label, item in rows:
        row += 1
        put(ws, row, 1, label)
        put_num(ws.cell(row=row, column=2), item.mean)
        put_num(ws.cell(row=row, column=3), item.min, INT)
        put_num(ws.cell(row=row, column=4), item.max, INT)
    return row


def charts_sheet(ws: Sheet, report: Report, framework: Framework) -> None:
    """One block per chart: its data table in columns A to D, the chart beside it, and
    a page break before each block after the first, so each prints on a page of its own."""
    report_title(ws, report, "radar charts")
    put(
        ws,
        2,
        1,
        "Each chart is drawn from the table beside it; the axis runs from "
        f"{report.scale_min} to {report.scale_max}.",
        font=ITALIC,
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
    set_widths(ws, widths)
    fit_titles(ws, 1, 5)
    # The title spans the tables and about the width of the widest chart beside them.
    chart_columns = int(widest / 2.54 * 72 / POINTS_PER_UNIT / DEFAULT_WIDTH)
    report_page(ws, report, None, "A5", span=len(widths) + chart_columns)
