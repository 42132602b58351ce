"""``bbtool import``: filled-in forms to score files, all of them or none.

Every form is read and checked first (see ``forms/reader.py``); each becomes the score
file its participant would have typed (``render/templates.filled_score_file``), checked again
as a score file before anything is written. An existing file is replaced only when
asked, and then kept as a backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bbtool.core.models import Framework
from bbtool.errors import InputError, Problems
from bbtool.files import keep_backup, safe_name, signals_held, write_all
from bbtool.forms.reader import FormProblem, read_form
from bbtool.render.templates import filled_score_file
from bbtool.workspace import loader, yaml_source
from bbtool.workspace.layout import Roster, display_path, schema_line


@dataclass(frozen=True)
class Planned:
    """One form's score file: where it goes and its text; ``replaces`` an existing file."""

    form: Path
    target: Path
    text: str
    replaces: bool


def plan_import(
    forms: list[Path], root: Path, framework: Framework, *, force: bool
) -> list[Planned]:
    """Read every form and decide each score file; InputError with every problem in
    every form if any has one (so nothing is written)."""
    roster = Roster(root)
    first_line = schema_line(root)
    problems = Problems()
    planned: list[Planned] = []
    taken: dict[str, str] = {}  # safe name -> the form that claimed it
    for form in forms:
        path = display_path(form)
        if not form.is_file():
            problems.add(FormProblem(path, None, None, "no such file"))
            continue
        answers, found = read_form(form, framework, path)
        problems.add(*found)
        if answers is None:
            continue
        name = answers.participant.name
        stem = safe_name(name, fallback="participant")
        if stem in taken:
            problems.add(
                FormProblem(
                    path,
                    None,
                    None,
                    f"is for {name!r}, as is {taken[stem]}; import one form per participant",
                )
            )
            continue
        taken[stem] = path
        target = roster.file_for(stem)
        shown = display_path(target)
        text = filled_score_file(framework, answers, first_line)
        try:  # what would load, once written
            loader.parse_score_file(yaml_source.parse(text, shown), framework, shown)
        except InputError as exc:
            problems.add(
                *(
                    FormProblem(path, None, None, f"gives a score file that is not valid: {p}")
                    for p in exc.problems
                )
            )
            continue
        replaces = target.exists()
        if replaces and not force:
            problems.add(
                FormProblem(
                    path,
                    None,
                    None,
                    f"{shown} exists already and is not overwritten; to replace it, run "
                    "again with --force (the old file is kept as a backup)",
                )
            )
            continue
        planned.append(Planned(form, target, text, replaces))
    problems.raise_any()
    return planned


def write_import(planned: list[Planned]) -> dict[Path, Path]:
    """Keep a backup of every file to be replaced, then write all the score files at
    once. Returns each replaced file's backup. Ctrl+C waits until all is written."""
    backups: dict[Path, Path] = {}
    with signals_held():
        for item in planned:
            if item.replaces:
                backup = keep_backup(item.target)
                if backup is not None:
                    backups[item.target] = backup
        write_all({item.target: item.text.encode() for item in planned})
    return backups
