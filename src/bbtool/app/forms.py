"""``bbtool form`` and ``bbtool import``: Excel forms out to participants, and their
answers back in as score files. Nothing here prints or exits.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from bbtool.app.init import fault_in, people_from
from bbtool.core.models import Framework
from bbtool.errors import UsageError
from bbtool.files import create_each, safe_name
from bbtool.forms.importer import Planned, plan_import, write_import
from bbtool.workspace.layout import CONFIG, display_path
from bbtool.workspace.loader import load_framework, load_settings


def form_framework(directory: Path) -> tuple[Framework, str | None]:
    """The workspace's framework and its area and round, or the built-in framework."""
    if (directory / CONFIG).is_file():
        config, framework, _ = load_settings(directory)
        return framework, f"{config.area} · {config.round}"
    return load_framework(), None


@dataclass
class FormsDone:
    written: list[Path]
    kept: list[Path]
    faulty: list[tuple[Path, str]]  # forms there already, left alone, and what is wrong
    folder: Path


def write_forms(
    directory: Path, *, participants: int | None, names: str | None, out: Path | None
) -> FormsDone:
    """A form per named participant (or ``participants`` blank ones) in ``out``
    (default DIR/forms); a form that exists already is kept."""
    if participants is not None and names is not None:
        raise UsageError("give --participants or --names, not both")
    framework, title = form_framework(directory)
    out = out or directory / "forms"
    planned: list[tuple[Path, str | None]]
    if names is not None:
        people = people_from(names)
        stems = [safe_name(p, fallback="participant") for p in people]
        if len(set(stems)) != len(stems):
            raise UsageError("--names: a name is given twice; each participant needs their own")
        planned = [(out / f"{stem}.xlsx", p) for stem, p in zip(stems, people, strict=True)]
    else:
        count = participants or 1
        width = max(2, len(str(count)))
        planned = [(out / f"participant-{i:0{width}d}.xlsx", None) for i in range(1, count + 1)]
    made = [
        (target, functools.partial(_form_bytes, framework, person, title))
        for target, person in planned
    ]
    written, kept, faulty = create_each(made, check=fault_in)
    return FormsDone(written, kept, faulty, out)


def _form_bytes(framework: Framework, person: str | None, title: str | None) -> bytes:
    from bbtool.forms.writer import build_form
    from bbtool.render.xlsx.cells import workbook_bytes

    return workbook_bytes(build_form(framework, person, title))


@dataclass
class Imported:
    planned: list[Planned]
    backups: dict[Path, Path]  # a replaced score file -> its backup


def import_forms(forms: list[Path], into: Path, *, force: bool) -> Imported:
    """Every form read and checked, then every score file written (or none)."""
    if not into.is_dir():
        raise UsageError(f"{display_path(into)}: no such folder")
    framework, _ = form_framework(into)
    planned = plan_import(forms, into, framework, force=force)
    return Imported(planned, write_import(planned))
