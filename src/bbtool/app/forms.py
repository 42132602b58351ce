"""``bbtool form`` and ``bbtool import``: Excel forms out to participants, and their
answers back in as score files. Nothing here prints or exits.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from bbtool.app.init import fault_in, people_given
from bbtool.core.models import Framework, person_key
from bbtool.errors import UsageError
from bbtool.files import create_each, person_stem
from bbtool.forms.importer import ImportPlan, plan_import, write_import
from bbtool.workspace.layout import (
    CONFIG,
    display_path,
    participants_on_file,
)
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
    from_files: int = 0  # named after this many score files (no --names or --participants)
    warnings: list[str] = field(default_factory=list)  # to say on standard error


def write_forms(
    directory: Path,
    *,
    participants: int | None,
    names: str | None,
    out: Path | None,
    names_file: Path | None = None,
) -> FormsDone:
    """A form per named participant (``names``, or one a line in ``names_file``; or
    ``participants`` blank ones) in ``out`` (default DIR/forms); given none of them, one
    per score file in the workspace, in its person's name (one blank form if there are
    none). A form that exists already is kept."""
    if participants is not None and names is not None:
        raise UsageError("give --participants or --names, not both")
    if participants is not None and names_file is not None:
        raise UsageError("give --participants or --names-file, not both")
    people, warnings = people_given(names, names_file)  # each person once (person_key)
    framework, title = form_framework(directory)
    out = out or directory / "forms"
    planned: list[tuple[Path, str | None]]
    on_file = participants_on_file(directory)  # a form shows the details a file holds
    details: dict[str, dict[str, str]] = {}
    for name, given in on_file:
        details.setdefault(person_key(name), given)
    in_files = [name for name, _ in on_file] if participants is None and people is None else []
    if people is None and in_files:
        people = _once(in_files)  # each person once (models.person_key)
    if people is not None:
        targets = _targets(out, people, framework)
        planned = list(zip(targets, people, strict=True))
    else:
        count = participants or 1
        width = max(2, len(str(count)))
        planned = [(out / f"participant-{i:0{width}d}.xlsx", None) for i in range(1, count + 1)]
    made = [
        (
            target,
            functools.partial(
                _form_bytes, framework, person, title, details.get(person_key(person or ""))
            ),
        )
        for target, person in planned
    ]
    written, kept, faulty = create_each(made, check=fault_in)
    return FormsDone(written, kept, faulty, out, from_files=len(in_files), warnings=warnings)


def _once(names: list[str]) -> list[str]:
    """Each person once, as first written (two files for one person: one form)."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(person_key(name), name)
    return list(first.values())


def _targets(out: Path, people: list[str], framework: Framework) -> list[Path]:
    """Each person's form: ``<stem>.xlsx`` (files.person_stem), numbered apart
    (``ann-lee-2.xlsx``) when that name is another person's: given in this run, or a
    form there already whose name box holds someone else's name ("Ann Lee" then
    "Ann-Lee"). A form there already that cannot be read is kept as theirs."""
    taken: set[Path] = set()
    targets: list[Path] = []
    for person in people:
        stem, number = person_stem(person), 1
        while True:
            target = out / (f"{stem}-{number}.xlsx" if number > 1 else f"{stem}.xlsx")
            if target not in taken and _may_be(target, person, framework):
                break
            number += 1
        taken.add(target)
        targets.append(target)
    return targets


def _may_be(form: Path, person: str, framework: Framework) -> bool:
    """Whether ``form`` is free, or is already ``person``'s (or cannot be read)."""
    if not form.exists():
        return True
    from bbtool.forms.reader import read_form

    answers, _ = read_form(form, framework, display_path(form))
    return answers is None or person_key(answers.participant.name) == person_key(person)


def _form_bytes(
    framework: Framework,
    person: str | None,
    title: str | None,
    details: dict[str, str] | None = None,
) -> bytes:
    from bbtool.forms.writer import build_form
    from bbtool.render.xlsx.cells import workbook_bytes

    return workbook_bytes(build_form(framework, person, title, details))


@dataclass
class Imported:
    plan: ImportPlan
    backups: dict[Path, Path]  # a replaced score file -> its backup


def import_forms(forms: list[Path], into: Path, *, force: bool) -> Imported:
    """Every form read and checked, then every new or (with ``force``) changed score
    file written; none if any form has a problem. A form that would change a file there
    already is left out without ``force`` (``plan.refused``), the others are written."""
    if not into.is_dir():
        raise UsageError(f"{display_path(into)}: no such folder")
    if not (into / CONFIG).is_file():
        raise UsageError(
            f"{display_path(into)}: has no {CONFIG}, so it is not a round's workspace; "
            "give the workspace with --into (bbtool import FORMS... --into DIR)"
        )
    framework, _ = form_framework(into)
    plan = plan_import(forms, into, framework, force=force)
    return Imported(plan, write_import(plan.write))
