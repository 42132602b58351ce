"""``interview``: the file side of ``score --interactive``. A change made to the file
while a session runs (by hand, by git) is never overwritten, and one session at a
time answers a file; a session that crashed does not block the next."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from _answers import whole_run
from bbtool.app.interview import interview
from bbtool.core.models import Framework
from bbtool.errors import OutputError
from bbtool.files import session_lock
from bbtool.workspace.loader import load_score_file


def _script(lines: list[str], before: Callable[[int], None] = lambda n: None) -> Callable[..., str]:
    """An ``ask`` that gives ``lines`` in turn, calling ``before(n)`` ahead of the nth."""
    given: Iterator[str] = iter(lines)
    count = 0

    def ask(prompt: str) -> str:
        nonlocal count
        count += 1
        before(count)
        return next(given, "q")

    return ask


def _new_file(tmp_path: Path, framework: Framework) -> Path:
    file = tmp_path / "ann.yaml"
    outcome, _ = interview(
        file,
        framework,
        _script(["Ann", "Home-Start", "voluntary", "operational", "q"]),
        lambda line: None,
    )
    assert outcome == "quit"
    return file


def test_a_change_made_while_a_session_runs_is_not_overwritten(
    tmp_path: Path, framework: Framework
) -> None:
    file = _new_file(tmp_path, framework)
    edited = ""

    def edit_by_hand(n: int) -> None:
        nonlocal edited
        if n == 4:  # the first enabler answered and saved; then a git pull, say
            edited = file.read_text(encoding="utf-8").replace('"Ann"', '"Ann Lee"')
            file.write_text(edited, encoding="utf-8")

    said: list[str] = []
    with pytest.raises(OutputError, match="changed since this session read it"):
        interview(file, framework, _script(whole_run(framework), edit_by_hand), said.append)
    assert file.read_text(encoding="utf-8") == edited  # the change is there, whole
    record, _ = load_score_file(file, framework)
    assert record.name == "Ann Lee"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.yaml", "ann.yaml.bak"]


def test_a_file_made_by_someone_else_meanwhile_is_not_overwritten(
    tmp_path: Path, framework: Framework
) -> None:
    file = tmp_path / "new.yaml"

    def other_session(n: int) -> None:
        if n == 1:  # while this one asks for the name, another creates the file
            file.write_text("participant:\n  name: Bo\n", encoding="utf-8")

    ask = _script(["Ann", "", "", "", "q"], other_session)
    with pytest.raises(OutputError, match="changed since this session read it"):
        interview(file, framework, ask, lambda line: None)
    assert file.read_text(encoding="utf-8") == "participant:\n  name: Bo\n"


def test_a_second_session_on_the_same_file_is_refused(tmp_path: Path, framework: Framework) -> None:
    file = _new_file(tmp_path, framework)
    before = file.read_bytes()
    with (
        session_lock(file, "is being answered"),
        pytest.raises(OutputError, match="is being answered in another session"),
    ):
        interview(file, framework, _script(["4", "", "n", "q"]), lambda line: None)
    assert file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.yaml"]  # no lock left


_CRASH = """
import os, signal, sys
from pathlib import Path
from bbtool.files import session_lock

with session_lock(Path(sys.argv[1]), "is being answered"):
    os.kill(os.getpid(), signal.SIGKILL)  # a session that dies: no clean-up runs
"""


def test_a_session_that_crashed_does_not_block_the_next(
    tmp_path: Path, framework: Framework
) -> None:
    file = _new_file(tmp_path, framework)
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, str(file)], capture_output=True, timeout=60, check=False
    )
    assert done.returncode != 0
    assert (tmp_path / ".ann.yaml.lock").exists()  # left behind, but no longer held
    outcome, _ = interview(file, framework, _script(["4", "", "n", "q"]), lambda line: None)
    assert outcome == "quit"
    assert load_score_file(file, framework)[0].answers.scores["leadership"] == 4
    assert not (tmp_path / ".ann.yaml.lock").exists()
