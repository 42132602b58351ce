"""Participants' forms as the tests make, fill and change them: :func:`make_forms`
(``bbtool form``), :func:`fill` (typing answers as a person would), :func:`slot` (where
an answer sits), ``FILLED``, a form's worth of answers of every kind, and
:func:`rewrite_sheet` (changing a sheet's XML directly)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import Result

from bbtool.core.models import Framework
from bbtool.forms.bounds import sheet_names
from bbtool.forms.layout import Slot, layout

Run = Callable[..., Result]


def slot(framework: Framework, kind: str, key: str) -> Slot:
    return next(s for s in layout(framework).slots if s.kind == kind and s.key == key)


def make_forms(run: Run, root: Path, names: str = "Priya Shah") -> list[Path]:
    done = run("form", root, "--names", names)
    assert done.exit_code == 0, done.output
    return sorted((root / "forms").glob("*.xlsx"))


def fill(form: Path, framework: Framework, answers: dict[tuple[str, str], Any]) -> None:
    """Type answers into a form as a person would: (kind, id) -> value."""
    wb = load_workbook(form)
    for (kind, key), value in answers.items():
        where = slot(framework, kind, key)
        cell = wb[where.sheet][where.ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # typed into a text cell: stays text, as Excel keeps it
    wb.save(form)


FILLED: dict[tuple[str, str], Any] = {
    ("detail", "organisation"): "Health visiting",
    ("detail", "sector"): "health",
    ("detail", "level"): "operational",
    ("score", "leadership"): 4,
    ("score", "common-agenda"): "skip",
    ("score", "mutual-understanding"): 2,
    ("score", "locality"): "5",  # typed into a cell formatted as text
    ("indicator", "leadership.2"): 3,
    ("indicator", "locality.1"): "skip",
    ("evidence", "leadership"): "=The early years board meets monthly",
    ("evidence", "locality"): "Family hubs in 3 of 4 localities\nand a shared rota",
    ("challenge", "stretched-capacity"): "yes",
    ("challenge", "cultural-barriers"): "no",
    ("challenge", "shifting-landscapes"): "Yes",
    ("reflection", "people-and-place"): "Locality meetings rarely include GPs",
}


def rewrite_sheet(form: Path, sheet: str, change: Callable[[str], str]) -> None:
    """Change one sheet's XML inside the form's zip, as an attacker with a text editor
    would; every other part is kept as it is."""
    with zipfile.ZipFile(form) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
        part = next(p for p, name in sheet_names(archive).items() if name == sheet)
    parts[part] = change(parts[part].decode()).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    form.write_bytes(out.getvalue())
