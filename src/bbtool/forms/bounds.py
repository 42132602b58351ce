"""How big a returned form's sheets are, measured by streaming their XML before openpyxl
builds anything.

openpyxl builds an object for every cell a sheet names, and for every place a merged
range or a hyperlink range covers: one ``<mergeCell ref="E10:XFD1048576"/>`` in a 19 KB
file is 17 billion places (gigabytes, then the out-of-memory killer), and 1.8 million
small cells fit in a 3.8 MB file. The zip caps in ``forms/reader.py`` cannot see either,
so every XML part of the zip is read here as a stream by expat, building nothing and
accepting no DTD, entity or external reference (as defusedxml, which openpyxl uses
later), counting as it goes; the form is refused at the first cap passed, long before
the part is read to its end. A form as bbtool makes it holds a few
hundred cells on sheets of about 30 rows by 4 columns; the caps leave ample room for
what Excel or LibreOffice add when they save it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from bbtool.forms.layout import column_letter

MAX_CELLS = 100_000  # cells (and shared strings, and comments) in the whole workbook
MAX_ROWS = 10_000  # rows a sheet lists, and the last row any reference may name
MAX_COLUMNS = 1_000  # the last column any reference may name (a form uses 4)
MAX_COVERED = 100_000  # places a sheet's merged ranges and hyperlink ranges cover

_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_SHEET_REL = "/worksheet"
_SMALL = 1024 * 1024  # workbook.xml and its relationships are read whole when this small
_CHUNK = 64 * 1024


class TooBig(Exception):
    """A cap passed: ``message`` says which and what is allowed; ``part`` is the zip part."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(message)
        self.part = part
        self.message = message


@dataclass
class _Count:
    """What the workbook holds so far (``cells``, shared ``strings``, ``comments``) and
    what the part being read holds (``rows``, places ``covered`` by ranges)."""

    cells: int = 0
    strings: int = 0
    comments: int = 0
    rows: int = 0
    covered: int = 0
    # in the part being read: the cell being read, the places holding a value, merges
    cell: tuple[int, int] | None = None
    valued: set[tuple[int, int]] = field(default_factory=set)
    merges: list[tuple[str, tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def check(self, part: str) -> None:
        if self.rows > MAX_ROWS:
            raise TooBig(part, f"lists more than {MAX_ROWS:,} rows; a form's sheets list about 30")
        if max(self.cells, self.strings, self.comments) > MAX_CELLS:
            raise TooBig(
                part,
                f"holds more than {MAX_CELLS:,} cells (or texts, or comments); "
                "a form holds a few hundred",
            )
        if self.covered > MAX_COVERED:
            raise TooBig(
                part,
                f"its merged and hyperlink ranges cover more than {MAX_COVERED:,} cells; "
                "a form's cover a few dozen",
            )


def _place(ref: str) -> tuple[int, int] | None:
    """(row, column) of ``B7`` or ``$B$7``; None when it is no cell reference."""
    match = _REFERENCE.fullmatch(ref.strip())
    if match is None:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _area(ref: str, part: str, what: str) -> int:
    """How many places ``A1:C3`` covers, after checking both corners are within reach."""
    first, _, last = ref.partition(":")
    start, end = _place(first), _place(last or first)
    if start is None or end is None:
        raise TooBig(part, f"{what} {ref[:40]!r} is not a cell range")
    _within(start, part, f"{what} {ref[:40]}")
    _within(end, part, f"{what} {ref[:40]}")
    return (abs(end[0] - start[0]) + 1) * (abs(end[1] - start[1]) + 1)


def _within(place: tuple[int, int], part: str, what: str) -> None:
    row, column = place
    if row > MAX_ROWS or column > MAX_COLUMNS:
        raise TooBig(
            part,
            f"{what} reaches row {row:,}, column {column:,}; a form stays within "
            f"{MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns",
        )


def _local(tag: str) -> tuple[str, str]:
    namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return namespace, name


class _Forbidden(Exception):
    """A DTD, an entity or an external reference: refused, as defusedxml refuses them."""


def _refuse(what: str) -> Callable[..., None]:
    def handler(*_: object) -> None:
        raise _Forbidden(what)

    return handler


def _external(*_: object) -> int:
    raise _Forbidden("an external reference")


def _stream(stream: IO[bytes], start: Callable[[str, dict[str, str]], None]) -> None:
    """Parse ``stream`` with expat, calling ``start(name, attributes)`` at each element
    (``name`` as ``namespace}local``). Nothing is built, so a long part costs no memory
    and little time; no DTD, entity or external reference is accepted."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse("a DTD")
    parser.EntityDeclHandler = _refuse("an entity")
    parser.UnparsedEntityDeclHandler = _refuse("an entity")
    parser.ExternalEntityRefHandler = _external
    parser.StartElementHandler = start
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _take(name: str, element: Any, part: str, count: _Count) -> None:
    """One spreadsheet element counted (and its references checked)."""
    if name == "c":
        count.cells += 1
        place = _place(element.get("r") or "A1")
        if place is not None:
            _within(place, part, f"cell {element.get('r')}")
        count.cell = place
    elif name in ("v", "is", "f") and count.cell is not None:
        count.valued.add(count.cell)
    elif name == "row":
        count.rows += 1
        number = element.get("r") or ""
        if number.isdigit():
            _within((int(number), 1), part, f"row {number}")
    elif name == "mergeCell":
        ref = element.get("ref") or ""
        count.covered += _area(ref, part, "a merged range")
        first, _, last = ref.partition(":")
        start, end = _place(first), _place(last or first)
        if start is not None and end is not None:
            count.merges.append((ref, start, end))
    elif name == "hyperlink":
        count.covered += _area(element.get("ref") or "", part, "a hyperlink range")
    elif name == "dimension":
        _area(element.get("ref") or "A1", part, "its used range")
    elif name == "si":
        count.strings += 1
    elif name == "comment":
        count.comments += 1


def _hidden(count: _Count) -> list[tuple[str, str]]:
    """Cells of the part just read that hold a value under a merged range, not at its
    first cell (Excel shows nothing there and openpyxl drops it), as (cell, range)."""
    found = []
    for place in sorted(count.valued):
        for ref, (top, left), (bottom, right) in count.merges:
            lo_row, hi_row = sorted((top, bottom))
            lo_col, hi_col = sorted((left, right))
            inside = lo_row <= place[0] <= hi_row and lo_col <= place[1] <= hi_col
            if inside and place != (lo_row, lo_col):
                found.append((f"{column_letter(place[1])}{place[0]}", ref))
                break
    return found


def _measure(stream: IO[bytes], part: str, count: _Count) -> list[tuple[str, str]]:
    """Count one part's cells, rows and covered places; TooBig at the first cap passed.
    Returns the cells holding a value hidden under a merged range (:func:`_hidden`)."""
    count.rows = count.covered = 0
    count.cell = None
    count.valued, count.merges = set(), []

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition("}")
        if namespace in _MAIN:
            _take(local, attributes, part, count)
            count.check(part)

    _stream(stream, start)
    return _hidden(count)


def _is_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as stream:
        head = stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's sheet name, as far as workbook.xml says (best effort, for
    messages only: a part not named here is still measured)."""
    try:
        book = archive.getinfo("xl/workbook.xml")
        rels = archive.getinfo("xl/_rels/workbook.xml.rels")
        if book.file_size > _SMALL or rels.file_size > _SMALL:
            return {}
        targets: dict[str, str] = {}
        with archive.open(rels) as stream:
            for _, element in iterparse(stream, forbid_dtd=True):
                if _local(element.tag)[1] == "Relationship" and _SHEET_REL in (
                    element.get("Type") or ""
                ):
                    target = (element.get("Target") or "").lstrip("/")
                    targets[element.get("Id") or ""] = (
                        target if target.startswith("xl/") else f"xl/{target}"
                    )
        names: dict[str, str] = {}
        with archive.open(book) as stream:
            for _, element in iterparse(stream, forbid_dtd=True):
                if _local(element.tag)[1] == "sheet":
                    rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
                    if rid in targets:
                        names[targets[rid]] = element.get("name") or ""
        return names
    except (KeyError, ValueError, SyntaxError, DefusedXmlException):
        return {}


def measure(archive: zipfile.ZipFile) -> dict[str, list[tuple[str, str]]]:
    """Every XML part of the form, streamed and counted against the caps; TooBig at the
    first passed, or for XML that is not well formed or declares a DTD or entities.
    Returns, by part, the cells holding a value hidden under a merged range."""
    count = _Count()
    hidden: dict[str, list[tuple[str, str]]] = {}
    for info in archive.infolist():
        if info.is_dir() or not _is_xml(archive, info):
            continue
        try:
            with archive.open(info) as stream:
                found = _measure(stream, info.filename, count)
            if found:
                hidden[info.filename] = found
        except _Forbidden as exc:
            raise TooBig(info.filename, f"declares {exc}, which a form never does") from exc
        except expat.ExpatError as exc:
            raise TooBig(info.filename, "is not well-formed XML: the file is damaged") from exc
    return hidden
