"""A filled form's XML changed underneath: cells and rows moved, columns shifted,
ranges merged (some over the whole sheet), sheets renamed or reordered. Whatever the
change, ``read_form`` either refuses the form with a message or reads exactly the
answers that were typed."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from _forms import FILLED, slot
from bbtool.core.models import Framework, ScoreFile
from bbtool.forms.layout import layout
from bbtool.forms.reader import read_form
from bbtool.forms.writer import build_form
from bbtool.render.xlsx.cells import workbook_bytes
from bbtool.workspace.loader import load_framework

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
ET.register_namespace("", MAIN)
ET.register_namespace("r", REL)

FRAMEWORK = load_framework()
SHEETS = layout(FRAMEWORK).sheet_order
ANSWER_SHEETS = [s for s in SHEETS if s != "bbtool"]


def _filled(framework: Framework) -> bytes:
    book = load_workbook(io.BytesIO(workbook_bytes(build_form(framework, "Priya Shah"))))
    for (kind, key), value in FILLED.items():
        where = slot(framework, kind, key)
        cell = book[where.sheet][where.ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # typed into a text cell: stays text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILLED_FORM = _filled(FRAMEWORK)


def _read(data: bytes, tmp: Path) -> tuple[ScoreFile | None, list[str]]:
    tmp.write_bytes(data)
    answers, problems = read_form(tmp, FRAMEWORK, "form.xlsx")
    return answers, [str(p) for p in problems]


# ------------------------------------------------------------------ the XML


class Form:
    """The form's zip parts, with its sheets' XML parsed and writable again."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.book = ET.fromstring(self.parts["xl/workbook.xml"])
        rels = ET.fromstring(self.parts["xl/_rels/workbook.xml.rels"])
        target = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
        self.sheets: dict[str, str] = {}  # name -> part
        self.trees: dict[str, ET.Element] = {}
        for sheet in self.book.iter(f"{{{MAIN}}}sheet"):
            part = target[sheet.get(f"{{{REL}}}id")].lstrip("/")
            part = part if part.startswith("xl/") else f"xl/{part}"
            self.sheets[str(sheet.get("name"))] = part
            self.trees[part] = ET.fromstring(self.parts[part])

    def sheet(self, name: str) -> ET.Element:
        return self.trees[self.sheets[name]]

    def bytes(self) -> bytes:
        self.parts["xl/workbook.xml"] = ET.tostring(self.book)
        for part, tree in self.trees.items():
            self.parts[part] = ET.tostring(tree)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return out.getvalue()


def _split(ref: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()  # type: ignore[union-attr]
    return int(digits), column_index_from_string(letters)


def _ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _cells(ws: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    return [(row, c) for row in ws.iter(f"{{{MAIN}}}row") for c in row.findall(f"{{{MAIN}}}c")]


def _row_element(ws: ET.Element, number: int) -> ET.Element:
    data = ws.find(f"{{{MAIN}}}sheetData")
    assert data is not None
    for row in data.findall(f"{{{MAIN}}}row"):
        if row.get("r") == str(number):
            return row
    return ET.SubElement(data, f"{{{MAIN}}}row", {"r": str(number)})


@dataclass(frozen=True)
class Shift:
    """Rows (or columns) from ``at`` on moved by ``by`` (a negative ``by`` deletes the
    ones it moves over), as a person inserting or deleting them does; merged ranges
    follow when ``merges`` (Excel's way) and stay put otherwise."""

    sheet: str
    axis: int  # 0 rows, 1 columns
    at: int
    by: int
    merges: bool

    def _moved(self, place: tuple[int, int]) -> tuple[int, int] | None:
        value = place[self.axis]
        if value < self.at:
            return place
        if self.by < 0 and value < self.at - self.by:
            return None  # deleted
        moved = list(place)
        moved[self.axis] = value + self.by
        return moved[0], moved[1]

    def apply(self, form: Form) -> None:
        ws = form.sheet(self.sheet)
        for row, c in _cells(ws):
            place = self._moved(_split(c.get("r", "")))
            row.remove(c)
            if place is not None:
                c.set("r", _ref(*place))
                _row_element(ws, place[0]).append(c)
        for row in list(ws.iter(f"{{{MAIN}}}row")):
            if self.axis == 0 and not len(row):
                row.set("r", str(10_000 + int(row.get("r", "0"))))  # emptied: out of the way
        if self.merges:
            for merged in ws.iter(f"{{{MAIN}}}mergeCell"):
                first, _, last = merged.get("ref", "").partition(":")
                ends = [self._moved(_split(first)), self._moved(_split(last or first))]
                if None in ends:
                    merged.set("ref", "A1:A1")
                else:
                    merged.set("ref", ":".join(_ref(*e) for e in ends if e))


@dataclass(frozen=True)
class MoveCell:
    """One cell cut and pasted into an empty place."""

    sheet: str
    index: int
    to: tuple[int, int]

    def apply(self, form: Form) -> None:
        ws = form.sheet(self.sheet)
        cells = _cells(ws)
        taken = {c.get("r") for _, c in cells}
        if _ref(*self.to) in taken:
            return
        row, c = cells[self.index % len(cells)]
        row.remove(c)
        c.set("r", _ref(*self.to))
        _row_element(ws, self.to[0]).append(c)


@dataclass(frozen=True)
class Merge:
    sheet: str
    first: tuple[int, int]
    size: tuple[int, int]

    def apply(self, form: Form) -> None:
        ws = form.sheet(self.sheet)
        merges = ws.find(f"{{{MAIN}}}mergeCells")
        if merges is None:
            merges = ET.SubElement(ws, f"{{{MAIN}}}mergeCells")
        last = (self.first[0] + self.size[0], self.first[1] + self.size[1])
        ET.SubElement(merges, f"{{{MAIN}}}mergeCell", {"ref": f"{_ref(*self.first)}:{_ref(*last)}"})


@dataclass(frozen=True)
class Rename:
    index: int
    name: str  # a new name, or another sheet's (the two swap)

    def apply(self, form: Form) -> None:
        sheets = list(form.book.iter(f"{{{MAIN}}}sheet"))
        one = sheets[self.index % len(sheets)]
        old = one.get("name")
        for other in sheets:
            if other.get("name") == self.name:
                other.set("name", str(old))
        one.set("name", self.name)


@dataclass(frozen=True)
class Reorder:
    order: tuple[int, ...]  # a permutation of the sheets

    def apply(self, form: Form) -> None:
        holder = form.book.find(f"{{{MAIN}}}sheets")
        assert holder is not None
        sheets = list(holder)
        for sheet in sheets:
            holder.remove(sheet)
        for index in self.order:
            holder.append(sheets[index])
        new_place = {old: new for new, old in enumerate(self.order)}
        for name in form.book.iter(f"{{{MAIN}}}definedName"):  # Excel keeps these in step
            if name.get("localSheetId") is not None:
                name.set("localSheetId", str(new_place[int(name.get("localSheetId", "0"))]))


places = st.tuples(st.integers(1, 45), st.integers(1, 7))
changes = st.one_of(
    st.builds(
        Shift,
        st.sampled_from(ANSWER_SHEETS),
        st.integers(0, 1),
        st.integers(1, 40),
        st.integers(-3, 3).filter(bool),
        st.booleans(),
    ),
    st.builds(MoveCell, st.sampled_from(ANSWER_SHEETS), st.integers(0, 500), places),
    st.builds(
        Merge,
        st.sampled_from(ANSWER_SHEETS),
        places,
        st.one_of(
            st.tuples(st.integers(0, 3), st.integers(0, 3)),
            st.just((1_048_500, 16_300)),  # over the whole sheet: refused unopened
            st.just((9_000, 400)),  # within reach, but millions of places
        ),
    ),
    st.builds(
        Rename, st.integers(0, len(SHEETS) - 1), st.sampled_from([*SHEETS, "Sheet1", "Notes"])
    ),
    st.builds(Reorder, st.permutations(range(len(SHEETS))).map(tuple)),
)


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(changes, min_size=1, max_size=3))
def test_a_changed_form_is_refused_or_read_exactly(
    tmp_path: Path, steps: list[Shift | MoveCell | Merge | Rename | Reorder]
) -> None:
    expected, problems = _read(FILLED_FORM, tmp_path / "filled.xlsx")
    assert expected is not None, problems
    form = Form(FILLED_FORM)
    for step in steps:
        step.apply(form)
    answers, problems = _read(form.bytes(), tmp_path / "changed.xlsx")
    event("refused" if answers is None else "read")
    if answers is None:
        assert problems
        assert all(p.startswith("form.xlsx") and len(p) > len("form.xlsx: ") for p in problems)
    else:
        assert not problems
        assert answers == expected


def test_an_answer_moved_under_merged_cells_is_refused_not_lost(tmp_path: Path) -> None:
    # Found by the property above: the Challenges sheet's "Yes" pasted into B2, which the
    # merged title A2:C2 hides. Excel shows nothing there, so reading on would lose it.
    form = Form(FILLED_FORM)
    MoveCell("Challenges", 400, (2, 2)).apply(form)
    answers, problems = _read(form.bytes(), tmp_path / "moved.xlsx")
    assert answers is None
    assert len(problems) == 1
    assert problems[0].startswith("form.xlsx")
    assert "B2" in problems[0]
    assert "A2:C2" in problems[0]
    assert "hidden under the merged cells" in problems[0]


def test_a_value_under_merged_cells_in_the_written_form_is_absent() -> None:
    # The form bbtool writes never hides a value under a merge: every merge's other
    # cells are empty, so the refusal above can only come from an edit.
    form = Form(FILLED_FORM)
    for name in form.sheets:
        ws = form.sheet(name)
        merged = [m.get("ref", "") for m in ws.iter(f"{{{MAIN}}}mergeCell")]
        valued = {
            c.get("r")
            for _, c in _cells(ws)
            if any(child.tag.rsplit("}", 1)[-1] in {"v", "is", "f"} for child in c)
        }
        for ref in merged:
            first, _, last = ref.partition(":")
            (r1, c1), (r2, c2) = _split(first), _split(last or first)
            hidden = {_ref(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {first}
            assert not hidden & valued, (name, ref, hidden & valued)
