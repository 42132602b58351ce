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
from bbtool.errors import OutputError, UsageError
from bbtool.files import keep_backup, session_lock, write_all
from bbtool.render.templates import filled_score_file
from bbtool.workspace import yaml_source
from bbtool.workspace.layout import display_path, names_beside, schema_line_for
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

    def __init__(
        self,
        file: Path,
        framework: Framework,
        schema_line: str | None,
        say: Say,
        read: bytes | None = None,
    ) -> None:
        self.file = file
        self.say = say
        self.framework = framework
        self.schema_line = schema_line
        self.backup: Path | None = None
        self.saves = 0
        self._backed_up = False
        # the file's bytes as this session last read or wrote them (None: no file)
        self._expected = read

    def text(self, answers: ScoreFile) -> str:
        return filled_score_file(self.framework, answers, self.schema_line)

    def __call__(self, answers: ScoreFile) -> None:
        text = self.text(answers)
        path = display_path(self.file)
        # what is written must read back as exactly these answers
        record = parse_score_file(yaml_source.parse(text, path), self.framework, path)
        if _given(record.answers) != _given(answers):  # pragma: no cover - a renderer bug
            raise OutputError(f"{path}: the answers would not read back as given")
        self._refuse_if_changed(path)
        if not self._backed_up:
            self.backup = keep_backup(self.file)
            self._backed_up = True
            if self.backup is not None:
                self.say(
                    f"(The file as it was is kept in {display_path(self.backup)}; "
                    "it is saved in the template's layout from now on.)"
                )
        data = text.encode()
        write_all({self.file: data})
        self._expected = data
        self.saves += 1

    def _refuse_if_changed(self, path: str) -> None:
        """OutputError if the file is no longer what this session last read or wrote
        (edited by hand, a git pull): saving would overwrite that change."""
        if not _unchanged(self.file, self._expected):
            raise OutputError(
                f"{path}: changed since this session read it (edited, or by git?); "
                "this answer is not saved, so as not to overwrite that change: run "
                "score -i again to carry on from the file as it is now"
            )


def _unchanged(file: Path, expected: bytes | None) -> bool:
    """Whether ``file`` holds exactly ``expected`` (None: whether it is still absent);
    its size is looked at first, so a file grown huge is never read."""
    try:
        if file.stat().st_size != len(expected or b""):
            return False
        return expected is not None and file.read_bytes() == expected
    except FileNotFoundError:
        return expected is None
    except OSError as exc:
        raise OutputError(f"{display_path(file)}: cannot read: {exc.strerror or exc}") from None


def interview(file: Path, framework: Framework, ask: Ask, say: Say) -> tuple[Outcome, Path | None]:
    """Run the questionnaire on ``file`` (created if it does not exist, with the
    schema line templates have when it goes into a workspace that has the schema, and
    not under a name another file of the workspace holds; an invalid file raises
    InputError and is left as it is). Returns how it ended and the backup made of
    the original, if any."""
    if not file.exists() and not file.parent.is_dir():
        raise UsageError(
            f"{display_path(file.parent)}: no such folder; give a score file in a round's "
            "participants/ folder (e.g. northbridge-2026/participants/01-priya-shah.yaml)"
        )
    with session_lock(file, "is being answered"):
        current: ScoreFile | None = None
        schema_line: str | None = None
        read: bytes | None = None
        taken: dict[str, str] = {}
        if not file.exists():
            schema_line = schema_line_for(file)
            taken = names_beside(file)
        else:
            # the bytes saves compare with: read first (within the size limit), so that
            # a change made while the file is loaded is noticed too
            read = yaml_source.read_bytes(file, display_path(file))
            record, _ = load_score_file(file, framework)
            current = record.answers
            first = read.decode("utf-8-sig", "replace").split("\n")[0]
            if first.startswith(SCHEMA_PREFIX):
                schema_line = first.rstrip("\r")
        writer = ScoreFileWriter(file, framework, schema_line, say, read)
        outcome = run_questionnaire(framework, current, ask, say, writer, taken.get)
    return outcome, writer.backup
