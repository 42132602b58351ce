"""A form's size measured by streaming its XML, before openpyxl builds a cell: each cap
refuses at its limit and not below, naming the part and what is allowed."""

from __future__ import annotations

import io
import zipfile

import pytest

from bbtool.forms.bounds import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_COVERED,
    MAX_ROWS,
    TooBig,
    measure,
    sheet_names,
)
from bbtool.forms.writer import build_form
from bbtool.render.xlsx.cells import workbook_bytes
from bbtool.workspace.loader import load_framework

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET = "xl/worksheets/sheet1.xml"


def _zip(parts: dict[str, str]) -> zipfile.ZipFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def _sheet(body: str, after: str = "") -> str:
    return f"<worksheet {NS}><sheetData>{body}</sheetData>{after}</worksheet>"


def _rows(count: int, cells: int = 1) -> str:
    return "".join(
        f'<row r="{r}">' + "<c><v>1</v></c>" * cells + "</row>" for r in range(1, count + 1)
    )


def _merges(*refs: str) -> str:
    return "<mergeCells>" + "".join(f'<mergeCell ref="{r}"/>' for r in refs) + "</mergeCells>"


def _links(*refs: str) -> str:
    return "<hyperlinks>" + "".join(f'<hyperlink ref="{r}"/>' for r in refs) + "</hyperlinks>"


def _refused(parts: dict[str, str]) -> TooBig:
    with pytest.raises(TooBig) as caught:
        measure(_zip(parts))
    return caught.value


def test_a_form_as_made_is_within_every_cap() -> None:
    data = workbook_bytes(build_form(load_framework(), "Priya Shah"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        measure(archive)
        names = sheet_names(archive)
    assert names["xl/worksheets/sheet3.xml"] == "People and place"


@pytest.mark.parametrize(
    ("parts", "part", "message"),
    [
        (
            {SHEET: _sheet("", _merges("E10:XFD1048576"))},
            SHEET,
            "a merged range E10:XFD1048576 reaches row 1,048,576, column 16,384; a form stays "
            f"within {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns",
        ),
        (
            {SHEET: _sheet("", _merges("A1:ALL200"))},  # 1,000 columns x 200 rows
            SHEET,
            f"its merged and hyperlink ranges cover more than {MAX_COVERED:,} cells",
        ),
        (
            {SHEET: _sheet("", _merges("A1:J5000") + _links("A1:J5001"))},
            SHEET,
            f"its merged and hyperlink ranges cover more than {MAX_COVERED:,} cells",
        ),
        (
            {SHEET: _sheet("", _links("A1:XFD1"))},
            SHEET,
            "a hyperlink range A1:XFD1 reaches row 1, column 16,384",
        ),
        (
            {SHEET: f'<worksheet {NS}><dimension ref="A1:D1048576"/><sheetData/></worksheet>'},
            SHEET,
            "its used range A1:D1048576 reaches row 1,048,576, column 4",
        ),
        (
            {SHEET: _sheet('<row r="1"><c r="A20000"><v>1</v></c></row>')},
            SHEET,
            "cell A20000 reaches row 20,000, column 1",
        ),
        (
            {SHEET: _sheet("<row/>" * (MAX_ROWS + 1))},  # rows need not be numbered
            SHEET,
            f"lists more than {MAX_ROWS:,} rows",
        ),
        (
            {SHEET: _sheet(_rows(1_001, cells=100))},
            SHEET,
            f"holds more than {MAX_CELLS:,} cells (or texts, or comments)",
        ),
        (
            {
                SHEET: _sheet(_rows(600, cells=100)),
                "xl/worksheets/sheet2.xml": _sheet(_rows(500, cells=100)),
            },
            "xl/worksheets/sheet2.xml",
            f"holds more than {MAX_CELLS:,} cells",  # counted over the whole workbook
        ),
        (
            {"xl/sharedStrings.xml": f"<sst {NS}>" + "<si><t>x</t></si>" * 100_001 + "</sst>"},
            "xl/sharedStrings.xml",
            f"holds more than {MAX_CELLS:,} cells (or texts, or comments)",
        ),
        (
            {"xl/worksheets/odd-name.bin": _sheet("", _merges("A1:XFD1"))},
            "xl/worksheets/odd-name.bin",
            "a merged range A1:XFD1 reaches",  # any part holding XML is measured
        ),
        (
            {SHEET: '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + _sheet("")},
            SHEET,
            "declares a DTD, which a form never does",
        ),
        ({SHEET: _sheet("<row>")}, SHEET, "is not well-formed XML: the file is damaged"),
        ({SHEET: _sheet("", _merges("A1:B"))}, SHEET, "a merged range 'A1:B' is not a cell range"),
    ],
)
def test_each_cap_refuses(parts: dict[str, str], part: str, message: str) -> None:
    refused = _refused(parts)
    assert refused.part == part
    assert refused.message.startswith(message), refused.message


def test_within_the_caps_is_measured_without_complaint() -> None:
    measure(
        _zip(
            {
                SHEET: _sheet(_rows(999, cells=100) + "<row/>" * (MAX_ROWS - 999))
                .replace("<sheetData>", '<dimension ref="A1:ALL10000"/><sheetData>')
                .replace("</sheetData>", "</sheetData>" + _merges("A1:J10000")),
                "xl/media/image1.png": "\x89PNG not XML",
            }
        )
    )
