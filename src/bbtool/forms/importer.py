"""``bbtool import``: filled-in forms to score files, as they come in.

Every form is read and checked first (see ``forms/reader.py``); each becomes the score
file its participant would have typed (``render/templates.filled_score_file``), checked again
as a score file before anything is written. A form with a problem writes nothing at
all. Otherwise each form is sorted by what it would do: a new person's file is
written; a form holding the same answers as its existing file is passed over
(``unchanged``), as is a form with no answer at all (``blank``); a form that would
change an existing file is refused unless ``force``, and then that file alone is kept
as a backup before it is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bbtool.core.models import Framework, ScoreFile, person_key
from bbtool.errors import InputError, Problems
from bbtool.files import keep_backup, signals_held, write_all
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
    filled: bool = False  # replaces a score file that held no answer yet (no backup)


# stands for a score file there already that cannot be read: never the same answers
_UNREADABLE = ScoreFile.model_validate(
    {"participant": {"name": "(unreadable)"}, "challenges": ["(unreadable)"]}
)


@dataclass
class ImportPlan:
    """What each form does: ``write`` (new files, and with --force the changed ones),
    ``unchanged`` (form, its existing file, which holds the same answers), ``blank``
    (forms with no answer) and ``refused`` (form, the existing file it would change)."""

    write: list[Planned] = field(default_factory=list)
    unchanged: list[tuple[Path, Path]] = field(default_factory=list)
    blank: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Path]] = field(default_factory=list)
    # each refused form's file: what the form would change in it, in words
    changes: dict[Path, str] = field(default_factory=dict)

    def decide(self, new: Planned, answers: ScoreFile, framework: Framework, force: bool) -> None:
        """Where a checked form's score file goes, given the file there already."""
        held = _held(new.target, framework)
        if held is None or not held.answered:  # new, or a template not filled in yet
            self.write.append(replace(new, filled=held is not None))
        elif _answers(held) == _answers(answers):
            self.unchanged.append((new.form, new.target))
        elif force:
            self.write.append(replace(new, replaces=True))
        else:
            self.refused.append((new.form, new.target))
            if held is not _UNREADABLE:
                self.changes[new.target] = what_changes(_answers(held), _answers(answers))


def plan_import(forms: list[Path], root: Path, framework: Framework, *, force: bool) -> ImportPlan:
    """Read every form and decide what each does; InputError with every problem in
    every form if any has one (so nothing is written)."""
    roster = Roster(root)
    first_line = schema_line(root)
    problems = Problems()
    plan = ImportPlan()
    taken: dict[str, str] = {}  # person (models.person_key) -> the form that claimed it
    for form in forms:
        path = display_path(form)
        if not form.is_file():
            problems.add(FormProblem(path, None, None, "no such file"))
            continue
        answers, found = read_form(form, framework, path)
        problems.add(*found)
        if answers is None or not answers.answered:
            if not found:
                plan.blank.append(form)
            continue
        name = answers.participant.name
        who = person_key(name)
        if who in taken:
            problems.add(
                FormProblem(
                    path,
                    None,
                    None,
                    f"is for {name!r}, as is {taken[who]}; import one form per participant",
                )
            )
            continue
        taken[who] = path
        target = roster.file_for(name)
        shown = display_path(target)
        text = filled_score_file(framework, answers, first_line)
        try:  # what would load, once written
            answers = loader.parse_score_file(
                yaml_source.parse(text, shown), framework, shown
            ).answers
        except InputError as exc:
            problems.add(
                *(
                    FormProblem(path, None, None, f"gives a score file that is not valid: {p}")
                    for p in exc.problems
                )
            )
            continue
        plan.decide(Planned(form, target, text, replaces=False), answers, framework, force)
    problems.raise_any()
    return plan


def _held(target: Path, framework: Framework) -> ScoreFile | None:
    """The answers in the score file there already (None: there is none). A file that
    cannot be read is never replaced unasked: it counts as answered, and as different."""
    if not target.exists():
        return None
    try:
        return loader.load_score_file(target, framework)[0].answers
    except (InputError, OSError):
        return _UNREADABLE


def _answers(score_file: ScoreFile) -> dict[str, Any]:
    """A score file's answers, with what is not answered left out."""
    data = score_file.model_dump()
    for section in ("scores", "indicators", "evidence", "reflections"):
        data[section] = {k: v for k, v in data[section].items() if v is not None}
    data["participant"] = {k: v for k, v in data["participant"].items() if v is not None}
    data["challenges"] = sorted(data["challenges"])
    return data


_SECTIONS = ("participant", "scores", "indicators", "evidence", "challenges", "reflections")
_LABELS = {
    "participant": "details",
    "scores": "scores of",
    "indicators": "indicator scores of",
    "evidence": "evidence for",
    "reflections": "reflections on",
}


def what_changes(held: dict[str, Any], form: dict[str, Any], most: int = 3) -> str:
    """What a form would change in a score file (both as :func:`_answers` gives them),
    in words: each section that differs, with the first ``most`` items in it ("scores
    of leadership (4 to 3), locality (none to 2); evidence for leadership")."""
    said = []
    for section in _SECTIONS:
        before, after = held[section], form[section]
        if before == after:
            continue
        if section == "challenges":
            gone = [c for c in before if c not in after]
            new = [c for c in after if c not in before]
            parts = [f"-{c}" for c in gone] + [f"+{c}" for c in new]
        else:
            keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
            if section in ("scores", "indicators", "participant"):
                parts = [f"{k} ({_shown(before.get(k))} to {_shown(after.get(k))})" for k in keys]
            else:
                parts = list(keys)
        more = f" and {len(parts) - most} more" if len(parts) > most else ""
        label = _LABELS.get(section, section)
        said.append(f"{label} {', '.join(parts[:most])}{more}")
    return "; ".join(said)


def _shown(value: Any) -> str:
    return "none" if value is None else str(value)


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
        if planned:
            write_all({item.target: item.text.encode() for item in planned})
    return backups
