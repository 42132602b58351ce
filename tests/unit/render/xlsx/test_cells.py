"""What the workbook's XML holds, below what openpyxl reads back: no empty rows."""

from __future__ import annotations

import io
import re
import zipfile

from _demo import DEMO
from bbtool.app.report import prepare
from bbtool.render.xlsx.cells import workbook_bytes
from bbtool.render.xlsx.report import build_workbook


def test_no_sheet_holds_an_empty_row_element() -> None:
    """Reading the sheet's held cells must not make a cell at every empty place (the
    Indicators sheet at 10,000 participants is half a million of them)."""
    prepared = prepare(DEMO)
    book = build_workbook(prepared.report, prepared.framework, prepared.records)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(book))) as xlsx:
        sheets = [n for n in xlsx.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) >= 8
        for name in sheets:
            xml = xlsx.read(name).decode()
            empty = re.findall(r'<row r="\d+"[^>]*?(?:/>|></row>)', xml)
            assert not empty, f"{name}: {len(empty)} empty rows, e.g. {empty[0]}"
