"""Returned forms changed the way a person changes them in Excel or LibreOffice: a sheet
unprotected and rows inserted or deleted, a column added, cells merged or cut and
pasted, sheets renamed, reordered or the whole form re-saved. ``import`` either reads
exactly the answers that were typed or refuses the form, naming the sheet and what
moved; nothing is written when it refuses. (openpyxl stands in for the person here:
it moves cells as Excel does, though not the merged ranges or drop-down lists.)

And forms made to exhaust memory (a merged range over a whole sheet, 1.8 million
cells in 3.8 MB): refused within seconds, in a child process with a time and memory
limit, so a regression fails the test instead of taking the machine down."""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import Result

from _forms import FILLED, fill, make_forms, rewrite_sheet, slot
from bbtool.core.models import Framework
from bbtool.forms.layout import INSTRUCTIONS

PURPOSE = "Purpose and priorities"
PEOPLE = "People and place"

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]
Change = Callable[[Any, Framework], None]

# the answers from the issue: a row inserted above common-agenda read its "2" as 5
TYPED: dict[tuple[str, str], Any] = {
    **FILLED,
    ("score", "common-agenda"): 2,
    ("indicator", "leadership.6"): 5,
    ("score", "joint-governance"): 3,
    ("score", "communicating-why"): 4,
}


def _unprotected(wb: Any, sheet: str) -> Any:
    ws = wb[sheet]
    ws.protection.sheet = False
    return ws


def _insert_row_above(kind: str, key: str) -> Change:
    def change(wb: Any, framework: Framework) -> None:
        where = slot(framework, kind, key)
        _unprotected(wb, where.sheet).insert_rows(where.row)

    return change


def _delete_row_of(kind: str, key: str) -> Change:
    def change(wb: Any, framework: Framework) -> None:
        where = slot(framework, kind, key)
        _unprotected(wb, where.sheet).delete_rows(where.row)

    return change


def _insert_column(sheet: str, column: int) -> Change:
    def change(wb: Any, framework: Framework) -> None:
        _unprotected(wb, sheet).insert_cols(column)

    return change


def _delete_column(sheet: str, column: int) -> Change:
    def change(wb: Any, framework: Framework) -> None:
        _unprotected(wb, sheet).delete_cols(column)

    return change


def _merge_over(kind: str, key: str) -> Change:
    def change(wb: Any, framework: Framework) -> None:
        where = slot(framework, kind, key)
        ws = _unprotected(wb, where.sheet)
        ws.merge_cells(start_row=where.row - 1, start_column=2, end_row=where.row, end_column=2)

    return change


def _cut_and_paste(kind: str, key: str, to: str) -> Change:
    def change(wb: Any, framework: Framework) -> None:
        where = slot(framework, kind, key)
        ws = _unprotected(wb, where.sheet)
        ws[to] = ws[where.ref].value
        ws[where.ref] = None

    return change


def _swap_sheet_names(wb: Any, framework: Framework) -> None:
    wb.security.lockStructure = False
    wb[PURPOSE].title = "swap"
    wb[PEOPLE].title = PURPOSE
    wb["swap"].title = PEOPLE


REFUSED: dict[str, tuple[Change, str]] = {
    "a row inserted above an enabler": (
        _insert_row_above("score", "common-agenda"),
        f"sheet '{PURPOSE}': rows were inserted, deleted or moved since the form was made: "
        "enabler 'common-agenda' is on row 12, not row 11; indicator 'common-agenda.1' is "
        "on row 13, not row 12; indicator 'common-agenda.2' is on row 14, not row 13; "
        "and 14 more; put them back as they were, or send the participant a new form "
        "(bbtool form)",
    ),
    "an indicator's row deleted": (
        _delete_row_of("indicator", "leadership.6"),
        f"sheet '{PURPOSE}': rows were inserted, deleted or moved since the form was made: "
        "the row of indicator 'leadership.6' (row 10) is gone; enabler 'common-agenda' is "
        "on row 10, not row 11;",
    ),
    "a row inserted above the name": (
        _insert_row_above("detail", "name"),
        f"sheet '{INSTRUCTIONS}': rows were inserted, deleted or moved since the form was "
        "made: detail 'name' is on row 6, not row 5;",
    ),
    "a column inserted before the scores": (
        _insert_column(PEOPLE, 2),
        f"sheet '{PEOPLE}': columns were inserted or deleted since the form was made (the "
        "hidden names of its answers are in column E, not D)",
    ),
    "the score column deleted": (
        _delete_column(PEOPLE, 2),
        f"sheet '{PEOPLE}': columns were inserted or deleted since the form was made (the "
        "hidden names of its answers are in column C, not D)",
    ),
    "cells merged over an answer": (
        _merge_over("indicator", "leadership.2"),
        f"sheet '{PURPOSE}': cells B5:B6 were merged over the answer box B6, which hides "
        "what it holds",
    ),
    "an answer cut and pasted below the form": (
        _cut_and_paste("score", "common-agenda", "B40"),
        f"sheet '{PURPOSE}': cell B40 holds something where the form has nothing (were "
        "cells moved?)",
    ),
    "an answer cut and pasted beside its box": (
        _cut_and_paste("score", "common-agenda", "C12"),
        f"sheet '{PURPOSE}': cell C12 holds something where the form has nothing",
    ),
    "two theme sheets' names swapped": (
        _swap_sheet_names,
        f"sheet '{PURPOSE}': its rows hold the answers of sheet '{PEOPLE}' (were sheets renamed?)",
    ),
}


def _changed(form: Path, framework: Framework, change: Change) -> None:
    wb = load_workbook(form)
    change(wb, framework)
    wb.save(form)


def _participants(root: Path) -> dict[str, bytes]:
    folder = root / "participants"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_form_whose_answers_moved_is_refused(
    case: str, run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    (form,) = make_forms(run, root)
    fill(form, framework, TYPED)
    change, expected = REFUSED[case]
    _changed(form, framework, change)
    done = run("import", form, "--into", root)
    assert done.exit_code == 1, done.output
    assert f"{form}, {expected}" in done.stderr, done.stderr
    assert "nothing was written" in done.stderr
    assert _participants(root) == {}


def _imported(run: Run, root: Path, form: Path) -> bytes:
    done = run("import", form, "--into", root, "--force")
    assert done.exit_code == 0, done.output
    (target,) = (root / "participants").glob("*.yaml")
    return target.read_bytes()


def _reorder_and_resize(wb: Any, framework: Framework) -> None:
    wb.security.lockStructure = False
    wb.move_sheet(PEOPLE, offset=-1)
    wb.move_sheet(INSTRUCTIONS, offset=2)
    ws = _unprotected(wb, PURPOSE)
    ws.column_dimensions["C"].width = 80
    ws.row_dimensions[11].height = 120


def _row_added_below_everything(wb: Any, framework: Framework) -> None:
    ws = _unprotected(wb, PURPOSE)
    ws.insert_rows(ws.max_row + 3)


@pytest.mark.parametrize("change", [_reorder_and_resize, _row_added_below_everything])
def test_a_change_that_moves_no_answer_reads_exactly_what_was_typed(
    change: Change, run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    (form,) = make_forms(run, root)
    fill(form, framework, TYPED)
    expected = _imported(run, root, form)
    _changed(form, framework, change)
    assert _imported(run, root, form) == expected


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_form_re_saved_by_libreoffice_reads_exactly_what_was_typed(
    run: Run, make_workspace: MakeWorkspace, framework: Framework, tmp_path: Path
) -> None:
    root = make_workspace()
    (form,) = make_forms(run, root)
    fill(form, framework, TYPED)
    expected = _imported(run, root, form)
    out = tmp_path / "resaved"
    subprocess.run(
        [
            str(shutil.which("soffice")),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(form),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = out / form.name
    assert resaved.read_bytes() != form.read_bytes()
    assert _imported(run, root, resaved) == expected


# ------------------------------------------------------------ forms made to exhaust memory


def _limited() -> None:  # pragma: no cover - runs in the child
    two_gb = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gb, two_gb))


def _import_in_a_child(form: Path, root: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """``bbtool import`` in a real process, with 2 GB of memory and 60 seconds at most."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bbtool", "import", str(form), "--into", str(root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=_limited,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return done, time.monotonic() - started


def _merge_everything(xml: str) -> str:
    merge = '<mergeCell ref="E10:XFD1048576" />'
    changed = re.sub(r"(<mergeCells\b[^>]*>)", rf"\1{merge}", xml, count=1)
    assert changed != xml
    return changed


def _million_cells(xml: str) -> str:
    rnd = random.Random(14)
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f"<c><v>{rnd.randrange(1000)}</v></c>" for _ in range(180))
        + "</row>"
        for r in range(1, 10_001)
    )
    start, end = xml.index("<sheetData>"), xml.index("</sheetData>")
    return xml[:start] + f"<sheetData>{rows}" + xml[end:]


BOMBS = {
    "one merged range over the whole sheet": (
        _merge_everything,
        f"sheet '{PEOPLE}': a merged range E10:XFD1048576 reaches row 1,048,576, column "
        "16,384; a form stays within 10,000 rows and 1,000 columns: refused unopened",
    ),
    "1.8 million cells": (
        _million_cells,
        f"sheet '{PEOPLE}': holds more than 100,000 cells (or texts, or comments); a form "
        "holds a few hundred: refused unopened",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BOMBS))
def test_a_form_made_to_exhaust_memory_is_refused_within_seconds(
    case: str, run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    (form,) = make_forms(run, root)
    fill(form, framework, TYPED)
    change, expected = BOMBS[case]
    rewrite_sheet(form, PEOPLE, change)
    done, seconds = _import_in_a_child(form, root)
    assert done.returncode == 1, done.stderr
    assert f"{form}, {expected}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert seconds < 15, f"refused after {seconds:.1f} s"  # about one, with Python's start
    assert _participants(root) == {}
