"""The file side of ``score FILE --interactive``: load, back up once, save after each answer.

The questionnaire (``core/questionnaire.py``) asks; this module reads the file as it is,
refuses an invalid one (nothing is overwritten), and saves every change atomically
in the template's layout. Before the first change in a session the original bytes
are copied to ``<file>.bak`` (or ``.bak2``, ``.bak3``... if older backups exist).
"""

from __future__ import annotations

from pathlib import Path

from bbtool.core.models import Framework, ScoreFile
from bbtool.core.questionnaire import Ask, Outcome, Say, run_questionnaire
from bbtool.errors import OutputError
from bbtool.files import keep_backup, write_all
from bbtool.render.templates import filled_score_file
from bbtool.workspace import yaml_source
from bbtool.workspace.layout import display_path
from bbtool.workspace.loader import load_score_file, parse_score_file

SCHEMA_PREFIX = "# yaml-language-server:"


def _given(answers: ScoreFile) -> dict[str, object]:
    """The answers given, without the blanks (an empty key reads back as None)."""
    data = answers.model_dump()
    return {
        k: {i: v for i, v in value.items() if v is not None} if isinstance(value, dict) else value
        for k, value in data.items()
    }


class ScoreFileWriter:
    """Saves answers to one score file: a backup before the first change, then
    atomic writes of the whole file, each checked by reading it back first."""

    def __init__(self, file: Path, framework: Framework, schema_line: str | None, say: Say) -> None:
        self.file = file
        self.say = say
        self.framework = framework
        self.schema_line = schema_line
        self.backup: Path | None = None
        self.saves = 0
        self._backed_up = False

    def text(self, answers: ScoreFile) -> str:
        return filled_score_file(self.framework, answers, self.schema_line)

    def __call__(self, answers: ScoreFile) -> None:
        text = self.text(answers)
        path = display_path(self.file)
        # what is written must read back as exactly these answers
        record = parse_score_file(yaml_source.parse(text, path), self.framework, path)
        if _given(record.answers) != _given(answers):  # pragma: no cover - a renderer bug
            raise OutputError(f"{path}: the answers would not read back as given")
        if not self._backed_up:
            self.backup = keep_backup(self.file)
            self._backed_up = True
            if self.backup is not None:
                self.say(
                    f"(The file as it was is kept in {display_path(self.backup)}; "
                    "it is saved in the template's layout from now on.)"
                )
        write_all({self.file: text.encode()})
        self.saves += 1


def interview(file: Path, framework: Framework, ask: Ask, say: Say) -> tuple[Outcome, Path | None]:
    """Run the questionnaire on ``file`` (created if it does not exist; an invalid
    file raises InputError and is left as it is). Returns how it ended and the
    backup made of the original, if any."""
    current: ScoreFile | None = None
    schema_line: str | None = None
    if file.exists():
        record, _ = load_score_file(file, framework)
        current = record.answers
        first = yaml_source.read_bytes(file, display_path(file)).decode("utf-8-sig").split("\n")[0]
        if first.startswith(SCHEMA_PREFIX):
            schema_line = first.rstrip("\r")
    writer = ScoreFileWriter(file, framework, schema_line, say)
    outcome = run_questionnaire(framework, current, ask, say, writer)
    return outcome, writer.backup
