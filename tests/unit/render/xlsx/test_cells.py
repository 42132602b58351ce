"""What the workbook's XML holds, below what openpyxl reads back: no empty rows; text
that reads like an OOXML escape kept literal; lengths within Excel's limits."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl import Workbook

from _answers import MakeRecord
from _demo import DEMO
from bbtool.app.report import prepare
from bbtool.core.scoring import score
from bbtool.render.xlsx.cells import MAX_CELL, MAX_HEADER, put_text, utf16_length, workbook_bytes
from bbtool.render.xlsx.report import build_workbook
from bbtool.workspace.loader import load_framework


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


# ------------------------------------------------ text a spreadsheet would decode

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _as_a_spreadsheet_reads(xml_text: str) -> str:
    """What Excel and LibreOffice show for a cell's stored text: each ``_xHHHH_`` is
    the character HHHH, read left to right (so ``_x005F_`` is a literal underscore)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), xml_text)


def _sheet_xml(book: Workbook) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(book))) as xlsx:
        return ET.fromstring(xlsx.read("xl/worksheets/sheet1.xml"))


def _stored_text(book: Workbook) -> dict[str, str]:
    """Each cell's text as stored in the XML (openpyxl writes inline strings)."""
    root = _sheet_xml(book)
    return {
        c.attrib["r"]: "".join(t.text or "" for t in c.iter(f"{_MAIN}t"))
        for c in root.iter(f"{_MAIN}c")
    }


LOOKS_LIKE_ESCAPES = [
    "_x0007_",  # BEL
    "_x000D__x000A_",  # a line break
    "before_x001B_[2Jafter",  # an escape sequence
    "_x005F_",  # the escape itself
    "_x_ and _xZZZZ_ and x0041_ stay as they are",
]


@pytest.mark.parametrize("typed", LOOKS_LIKE_ESCAPES)
def test_text_that_reads_like_an_ooxml_escape_stays_literal(typed: str) -> None:
    book = Workbook()
    put_text(book.active.cell(row=1, column=1), typed)
    stored = _stored_text(book)["A1"]
    assert _as_a_spreadsheet_reads(stored) == typed


def test_cell_length_is_counted_in_utf16_units() -> None:
    """Excel's 32,767 characters are UTF-16 units: an emoji counts two."""
    book = Workbook()
    ws = book.active
    put_text(ws.cell(row=1, column=1), "a" + "😀" * 20_000)  # 40,001 units
    put_text(ws.cell(row=2, column=1), "😀" * 16_383 + "abc")  # 32,769 units
    put_text(ws.cell(row=3, column=1), "é" * 32_767)  # exactly the limit
    stored = _stored_text(book)
    for ref in ("A1", "A2", "A3"):
        assert utf16_length(stored[ref]) <= MAX_CELL, ref
    assert stored["A1"] == "a" + "😀" * 16_383  # no half of an emoji is left
    assert stored["A2"] == "😀" * 16_383 + "a"
    assert stored["A3"] == "é" * 32_767


def test_page_headers_stay_within_255_characters(make_record: MakeRecord) -> None:
    """An area and round at the 200-character limit, full of ampersands (doubled in a
    header) and text that reads like escapes: every sheet's header is at most 255."""
    long = "A & B _x0007_ " * 15
    report = score(
        load_framework(),
        [make_record("Ann", {"leadership": 3})],
        area=long[:200],
        round=long[:200],
    )
    book = build_workbook(report, load_framework(), [make_record("Ann", {"leadership": 3})])
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(book))) as xlsx:
        sheets = [n for n in xlsx.namelist() if n.startswith("xl/worksheets/sheet")]
        for name in sheets:
            root = ET.fromstring(xlsx.read(name))
            for header in root.iter(f"{_MAIN}oddHeader"):
                text = header.text or ""
                assert utf16_length(text) <= MAX_HEADER, (name, len(text))
                assert not re.search(r"(?<!&)&$|_x005F_x\d{0,3}$", text), text
                assert "\x07" not in _as_a_spreadsheet_reads(text)
