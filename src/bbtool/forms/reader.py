"""Reading a filled-in form back, treating the workbook as untrusted.

Before openpyxl sees a file: a size cap, a check that it is a zip, and caps on the
uncompressed size, the number of entries and the compression ratio (a zip bomb is
refused unopened); then every sheet's cells, rows and merged ranges are counted by
streaming its XML (``forms/bounds.py``), so a form that would make openpyxl build
millions of cells is refused unopened too. openpyxl then parses the XML through
defusedxml (a dependency), with ``data_only=False`` so a formula is seen as a formula
and never evaluated: in an answer cell it is an error. Each answer's row must carry the
answer's name in the hidden column D, on the row where the form put it: a form whose
rows or columns were inserted, deleted or moved, or whose cells were merged over an
answer, is refused, naming the sheet and what moved, so an answer is never read from
another's row. Every answer is checked against what the form allows; every problem names
the file, the sheet and the cell.

Only ``bbtool import`` imports this module (it imports openpyxl).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bbtool.core.models import MAX_NAME, MAX_TEXT, SKIP, Framework, Participant, ScoreFile
from bbtool.errors import Problem
from bbtool.forms.bounds import TooBig, measure, sheet_names
from bbtool.forms.layout import (
    FORM_VERSION,
    ID_COL,
    MARKER,
    MARKER_FORM,
    MARKER_KEYS,
    NO,
    YES,
    Layout,
    Slot,
    column_letter,
    describe_row,
    fingerprint,
    layout,
    score_choices,
)
from bbtool.render.xlsx.cells import held_cells
from bbtool.workspace.validation import level_message

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_RATIO = 200  # uncompressed / compressed, for any entry bigger than a few kilobytes
_RATIO_FLOOR = 64 * 1024

_FORMULA = "a formula is not an answer; type the value"
# bbtool writes text that reads like an OOXML escape (_x0007_) with its underscore
# escaped (_x005F_x0007_); openpyxl undoes that in shared strings (as Excel saves them)
# but not in inline strings (as bbtool writes them): undo it here too.
_ESCAPED_UNDERSCORE = re.compile(r"_x005F_(?=x[0-9A-Fa-f]{4}_)")


@dataclass(frozen=True)
class FormProblem(Problem):
    """A problem in a form, at a sheet and cell when known: prints as
    ``form.xlsx, sheet 'People and place', cell D7: message``; sorts in reading order."""

    sheet: str = ""
    cell: str = ""
    place: tuple[int, int, int] = (0, 0, 0)  # sheet's position, row, column

    def __str__(self) -> str:
        where = self.path
        if self.sheet:
            where += f", sheet '{self.sheet}'"
        if self.cell:
            where += f", cell {self.cell}"
        return f"{where}: {self.message}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        mine = (self.path, self.place, self.message)
        theirs = (other.path, getattr(other, "place", (0, 0, 0)), other.message)
        return mine < theirs


@dataclass
class _Reading:
    path: str
    order: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)
    # sheet -> the first cell holding a value under a merged range, and that range
    hidden: dict[str, tuple[str, str]] = field(default_factory=dict)

    def whole(self, message: str) -> None:
        self.problems.append(FormProblem(self.path, None, None, message))

    def sheet(self, sheet: str, message: str) -> None:
        place = (self.order.index(sheet) + 1, 0, 0) if sheet in self.order else (0, 0, 0)
        self.problems.append(FormProblem(self.path, None, None, message, sheet=sheet, place=place))

    def at(self, slot: Slot, message: str) -> None:
        place = (self.order.index(slot.sheet) + 1, slot.row, slot.column)
        self.problems.append(
            FormProblem(
                self.path, None, None, message, sheet=slot.sheet, cell=slot.ref, place=place
            )
        )


def _check_zip(data: bytes, reading: _Reading) -> bool:
    """Is this a zip that is safe to unpack? Reports why not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        reading.whole("is not an Excel workbook (.xlsx), or it is damaged; save it again as .xlsx")
        return False
    if len(entries) > MAX_ENTRIES:
        reading.whole(f"holds {len(entries):,} parts; a form has far fewer: refused unopened")
        return False
    total = sum(e.file_size for e in entries)
    if total > MAX_UNZIPPED_BYTES:
        reading.whole(
            f"would unpack to {total:,} bytes; the limit is {MAX_UNZIPPED_BYTES:,}: "
            "refused unopened"
        )
        return False
    for e in entries:
        if e.file_size > _RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            reading.whole(
                f"part {e.filename!r} is compressed {e.file_size // max(e.compress_size, 1):,} "
                f"to 1, more than {MAX_RATIO} to 1 (a zip bomb?): refused unopened"
            )
            return False
    return True


def _bounded(data: bytes, reading: _Reading) -> bool:
    """Is every sheet within the caps on cells, rows and merged ranges (streamed, before
    openpyxl builds an object per cell)? Reports the first cap passed."""
    names: dict[str, str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sheet_names(archive)
            hidden = measure(archive)
    except TooBig as exc:
        sheet = names.get(exc.part)
        if sheet:
            reading.sheet(sheet, f"{exc.message}: refused unopened")
        else:
            reading.whole(f"its part {exc.part!r} {exc.message}: refused unopened")
        return False
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        reading.whole("is not an Excel workbook (.xlsx), or it is damaged; save it again as .xlsx")
        return False
    reading.hidden = {names[part]: cells[0] for part, cells in hidden.items() if part in names}
    return True


def _open(file: Path, reading: _Reading) -> Any | None:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            reading.whole(f"is {size:,} bytes; the limit for a form is {MAX_FILE_BYTES:,}")
            return None
        with file.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reading.whole(f"cannot be read: {exc.strerror or exc}")
        return None
    if len(data) > MAX_FILE_BYTES:
        reading.whole(f"is larger than {MAX_FILE_BYTES:,} bytes")
        return None
    if not _check_zip(data, reading) or not _bounded(data, reading):
        return None
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or hostile file
        reading.whole(
            "cannot be read as an Excel workbook (.xlsx); save it again as .xlsx "
            f"({type(exc).__name__})"
        )
        return None


def _marker(wb: Any, framework: Framework, reading: _Reading) -> bool:
    """Was this form made by bbtool, for this framework, in this form version?"""
    if MARKER not in wb.sheetnames:
        reading.whole(
            "is not a bbtool form (its hidden 'bbtool' sheet is missing); "
            "make forms with: bbtool form"
        )
        return False
    ws = wb[MARKER]
    found = {}
    for row, key in enumerate(MARKER_KEYS, start=1):
        if ws.cell(row=row, column=1).value == key:
            value = ws.cell(row=row, column=2).value
            found[key] = "" if value is None else str(value)
    if found.get("form") != MARKER_FORM:
        reading.whole("is not a bbtool form (its hidden 'bbtool' sheet is not bbtool's)")
        return False
    version = found.get("form_version", "")
    if version == "1":
        reading.whole(
            "was made by an older bbtool (form version '1'), whose forms do not name the "
            "answer on each row, so rows moved in it could not be noticed: send the "
            "participant a new form (bbtool form) and import that"
        )
        return False
    if version != FORM_VERSION:
        reading.whole(
            f"was made as form version {version or '(none)'!r}; this bbtool reads version "
            f"{FORM_VERSION!r} only: send the participant a new form (bbtool form)"
        )
        return False
    if found.get("fingerprint") != fingerprint(framework):
        theirs = found.get("framework") or "another framework"
        same = " (another version of it)" if theirs == framework.name else ""
        reading.whole(
            f"was made for {theirs!r}{same}, not this workspace's {framework.name!r}: "
            "its questions do not match; import it into a workspace on its own framework, "
            "or send the participant a new form (bbtool form)"
        )
        return False
    return True


def _raw(wb: Any, slot: Slot, reading: _Reading) -> tuple[bool, Any]:
    """The cell's value, or (False, None) after reporting a formula or an error value."""
    cell = wb[slot.sheet][slot.ref]
    if cell.data_type == "f" or not isinstance(
        cell.value, (str, int, float, datetime, date, time, type(None))
    ):
        reading.at(slot, _FORMULA)
        return False, None
    if cell.data_type == "e":
        reading.at(slot, f"holds the error {cell.value}; type the value instead")
        return False, None
    return True, cell.value


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date, time)):
        value = value.isoformat()
    text = _ESCAPED_UNDERSCORE.sub("_", str(value)).strip()
    return text or None


def _score(value: Any, slot: Slot, framework: Framework, reading: _Reading) -> int | str | None:
    choices = score_choices(framework)
    allowed = f"choose {', '.join(choices[:-1])} or {choices[-1]} from the list"
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.casefold() == SKIP:
            return SKIP
        if text.isdigit() and text.isascii():
            number = int(text)
    if number is not None and number in framework.scale.values:
        return number
    shown = value if isinstance(value, (int, float, str)) else _as_text(value)
    reading.at(slot, f"{shown!r} is not an answer here; {allowed}")
    return None


def _challenge(value: Any, slot: Slot, reading: _Reading) -> bool:
    text = _as_text(value)
    if text is None or text.casefold() == NO:
        return False
    if text.casefold() == YES:
        return True
    shown = value if isinstance(value, (int, float, str)) else text
    reading.at(slot, f"{shown!r} is not an answer here; choose {YES} or {NO} from the list")
    return False


@dataclass
class _Answers:
    """What a form's answer cells hold, sorted into a score file's sections."""

    details: dict[str, str | None] = field(default_factory=dict)
    scores: dict[str, int | str | None] = field(default_factory=dict)
    indicators: dict[str, int | str | None] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    challenges: list[str] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        """No answer anywhere (a name or other details alone are not an answer)."""
        return not (
            self.scores or self.indicators or self.evidence or self.reflections or self.challenges
        )

    def take(self, slot: Slot, value: Any, framework: Framework, reading: _Reading) -> None:
        """One answer cell's value, checked (a problem is noted in ``reading``)."""
        if slot.kind in ("score", "indicator"):
            answer = _score(value, slot, framework, reading)
            if answer is not None:
                (self.scores if slot.kind == "score" else self.indicators)[slot.key] = answer
        elif slot.kind == "challenge":
            if _challenge(value, slot, reading):
                self.challenges.append(slot.key)
        else:
            text = _as_text(value)
            limit = MAX_NAME if slot.kind == "detail" else MAX_TEXT
            if text is not None and len(text) > limit:
                reading.at(slot, f"is {len(text):,} characters long; the limit is {limit:,}")
            elif slot.kind == "detail":
                self.details[slot.key] = text
            elif text is not None:
                (self.evidence if slot.kind == "evidence" else self.reflections)[slot.key] = text


_PUT_BACK = "put them back as they were, or send the participant a new form (bbtool form)"


def _listed(items: list[str], most: int = 3) -> str:
    shown = "; ".join(items[:most])
    return shown + (f"; and {len(items) - most} more" if len(items) > most else "")


def _no_names(
    sheet: str, found: set[str], elsewhere: set[int], owner: dict[str, str], reading: _Reading
) -> None:
    """Column D names none of this sheet's answers: say what most likely happened."""
    letter = column_letter(ID_COL)
    others = sorted({owner[name] for name in found if name in owner})
    if others:
        message = f"its rows hold the answers of sheet {others[0]!r} (were sheets renamed?)"
    elif elsewhere:
        columns = ", ".join(column_letter(c) for c in sorted(elsewhere))
        message = (
            "columns were inserted or deleted since the form was made (the hidden names "
            f"of its answers are in column {columns}, not {letter})"
        )
    else:
        message = (
            f"its hidden column {letter}, which names the answer on each row, is empty or "
            "gone, so its answers cannot be told apart"
        )
    reading.sheet(sheet, f"{message}: {_PUT_BACK}")


def _moved(expected: dict[str, int], in_column: dict[int, str]) -> list[str]:
    """Each answer row not where the form put it, and any name the form did not write."""
    rows_of: dict[str, list[int]] = {}
    for row, name in in_column.items():
        rows_of.setdefault(name, []).append(row)
    moved: list[str] = []
    for name, row in expected.items():
        now = rows_of.get(name, [])
        what = describe_row(name)
        if not now:
            moved.append(f"the row of {what} (row {row}) is gone")
        elif row in now and len(now) > 1:
            again = ", ".join(str(r) for r in now if r != row)
            moved.append(f"{what} is on row {row} and again on row {again}")
        elif row not in now:
            moved.append(f"{what} is on row {', '.join(map(str, now))}, not row {row}")
    strays = sorted(r for r, name in in_column.items() if name not in expected)
    return moved + [f"row {r} holds a name the form did not put there" for r in strays[:1]]


def _rows_of(
    ws: Any, sheet: str, expected: dict[str, int], owner: dict[str, str], reading: _Reading
) -> bool:
    """Does every answer row of ``ws`` carry its name in column D, where the form put
    it? Reports what moved, once for the sheet (``owner``: each name's sheet)."""
    in_column: dict[int, str] = {}
    elsewhere: set[int] = set()
    for cell in held_cells(ws):
        value = cell.value
        if cell.column == ID_COL and value is not None:
            in_column[cell.row] = str(value)
        elif isinstance(value, str) and value in expected:
            elsewhere.add(cell.column)
    if not set(in_column.values()) & set(expected):
        _no_names(sheet, set(in_column.values()), elsewhere, owner, reading)
        return False
    moved = _moved(expected, in_column)
    if moved:
        reading.sheet(
            sheet,
            f"rows were inserted, deleted or moved since the form was made: {_listed(moved)}; "
            f"{_PUT_BACK}",
        )
    return not moved


def _merges_of(ws: Any, sheet: str, slots: list[Slot], reading: _Reading) -> bool:
    """No merged range may hide an answer (openpyxl keeps only a merge's first cell) or
    a row's name; the form's own merged reflections box starts at its answer cell."""
    answers = {(s.row, s.column): s for s in slots}  # (an enabler's two share a row)
    ok = True
    for merged in ws.merged_cells.ranges:
        inside = [
            s
            for s in answers.values()
            if merged.min_row <= s.row <= merged.max_row
            and merged.min_col <= s.column <= merged.max_col
        ]
        covers_id = merged.min_col <= ID_COL <= merged.max_col
        first = (merged.min_row, merged.min_col)
        if covers_id or len(inside) > 1 or (inside and (inside[0].row, inside[0].column) != first):
            hidden = inside[-1].ref if inside else f"{column_letter(ID_COL)}{merged.min_row}"
            reading.sheet(
                sheet,
                f"cells {merged.coord} were merged over the answer box {hidden}, which hides "
                "what it holds: unmerge them, or send the participant a new form (bbtool form)",
            )
            ok = False
    return ok


_MADE: dict[str, dict[str, frozenset[tuple[int, int]]]] = {}


def _made_cells(framework: Framework) -> dict[str, frozenset[tuple[int, int]]]:
    """Every sheet's cells that the form fills in when made (once per framework)."""
    key = fingerprint(framework)
    if key not in _MADE:
        from bbtool.forms.writer import build_form

        wb = build_form(framework)
        _MADE[key] = {
            ws.title: frozenset(
                (c.row, c.column) for c in held_cells(ws) if c.value not in (None, "")
            )
            for ws in wb.worksheets
        }
    return _MADE[key]


def _stray(ws: Any, sheet: str, allowed: frozenset[tuple[int, int]], reading: _Reading) -> bool:
    """Nothing outside the answer boxes where the form has nothing: else cells moved
    (an answer cut from its box and pasted elsewhere would be silently lost)."""
    for cell in held_cells(ws):
        if cell.value not in (None, "") and (cell.row, cell.column) not in allowed:
            reading.sheet(
                sheet,
                f"cell {cell.coordinate} holds something where the form has nothing (were "
                f"cells moved?): {_PUT_BACK}",
            )
            return False
    return True


def _unhidden(sheet: str, reading: _Reading) -> bool:
    """No value under a merged range (Excel shows only its first cell, openpyxl keeps
    only that): an answer pasted there would be lost. Checked last, so that rows or
    columns moved are named first."""
    if sheet not in reading.hidden:
        return True
    cell, merged = reading.hidden[sheet]
    reading.sheet(
        sheet,
        f"cell {cell} holds something hidden under the merged cells {merged} (were cells "
        f"moved or merged?): {_PUT_BACK}",
    )
    return False


def _structure(wb: Any, plan: Layout, framework: Framework, reading: _Reading) -> bool:
    """Is every answer where the form put it, named by its row, not hidden by a merge,
    and nothing where the form has nothing? (One problem a sheet: what moved first.)"""
    ok = True
    made = _made_cells(framework)
    owner = {s.row_id: s.sheet for s in plan.slots}
    for sheet in plan.sheet_order:
        slots = [s for s in plan.slots if s.sheet == sheet]
        if not slots:
            continue
        ws = wb[sheet]
        allowed = made[sheet] | {(s.row, s.column) for s in slots}
        ok = (
            _rows_of(ws, sheet, plan.row_ids(sheet), owner, reading)
            and _merges_of(ws, sheet, slots, reading)
            and _stray(ws, sheet, allowed, reading)
            and _unhidden(sheet, reading)
            and ok
        )
    return ok


def read_form(
    file: Path, framework: Framework, path: str
) -> tuple[ScoreFile | None, list[Problem]]:
    """The answers in one form, or None and every problem found (``path`` names the file).
    None and no problem: the form holds no name and no answer at all; a form with a name
    and no answer gives a ScoreFile that is not ``answered``."""
    plan = layout(framework)
    reading = _Reading(path, plan.sheet_order)
    wb = _open(file, reading)
    if wb is None or not _marker(wb, framework, reading):
        return None, reading.problems
    missing = [s for s in plan.sheet_order if s not in wb.sheetnames]
    for sheet in missing:
        reading.whole(f"its sheet {sheet!r} is missing; send the participant a new form")
    if missing or not _structure(wb, plan, framework, reading):
        return None, reading.problems
    answers = _Answers()
    for slot in plan.slots:
        ok, value = _raw(wb, slot, reading)
        if ok:
            answers.take(slot, value, framework, reading)
    details = answers.details
    if not reading.problems and answers.blank and not details.get("name"):
        return None, []  # a blank form sent back blank: nothing to read (see the docstring)
    name_slot = next(s for s in plan.slots if s.kind == "detail" and s.key == "name")
    if "name" in details and not details["name"]:  # (a formula there is reported already)
        reading.at(name_slot, "the participant's name is empty; type your name")
    level = details.get("level")
    wrong_level = level_message(level, framework.levels) if level else None
    if wrong_level is not None:  # typed or pasted past the drop-down list
        level_slot = next(s for s in plan.slots if s.kind == "detail" and s.key == "level")
        reading.at(level_slot, wrong_level)
    if reading.problems:
        return None, reading.problems
    try:
        score_file = ScoreFile(
            participant=Participant(**details),
            scores=answers.scores,
            indicators=answers.indicators,
            evidence=answers.evidence,
            challenges=answers.challenges,
            reflections=answers.reflections,
        )
    except ValidationError as exc:  # pragma: no cover - every cell was checked above
        reading.whole(f"cannot be read: {exc.errors()[0]['msg']}")
        return None, reading.problems
    return score_file, []
