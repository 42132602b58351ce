"""The progress bar for long reads and the step line for long work: shown only on a
terminal, and leaving no thread behind. (The loader's progress calls:
tests/unit/workspace/test_loader.py.)"""

from __future__ import annotations

import io
import sys

import pytest

from bbtool.cli import console as cli


def test_no_progress_bar_when_quiet_or_not_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal
    assert cli.progress_bar(quiet=False) is None
    assert cli.progress_bar(quiet=True) is None


def test_a_step_line_is_shown_then_cleared_and_starts_no_thread() -> None:
    """No thread: the radar charts are drawn by forked workers, which need this process
    to run one thread only."""
    import threading

    from rich.console import Console

    buffer = io.StringIO()
    steps = cli.Steps(Console(file=buffer, force_terminal=True, width=80))
    with steps("Building the workbook (1,000 participants)"):
        assert threading.active_count() == 1
        shown = buffer.getvalue()
    assert "Building the workbook (1,000 participants)…" in shown
    assert buffer.getvalue()[len(shown) :].count("\x1b[2K") >= 1  # erased at the end


def test_no_step_line_when_quiet_or_not_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    for quiet in (False, True):
        steps = cli.steps(quiet)
        with steps("Drawing the radar charts"):
            pass
    assert stderr.getvalue() == ""


def test_the_progress_bars_thread_is_gone_when_it_closes() -> None:
    """rich stops its refresh thread without waiting for it; work shared out among
    forked workers right after would find two threads and stay in one process."""
    import threading

    bar = cli.ProgressBar()
    bar._start -= 5  # as if reading had gone on for seconds: the bar shows
    bar(1, 10)
    refresher = bar._bar.live._refresh_thread
    assert isinstance(refresher, threading.Thread)
    assert refresher.is_alive()
    waited: list[float | None] = []

    def join(timeout: float | None = None) -> None:
        waited.append(timeout)
        threading.Thread.join(refresher, timeout)

    refresher.join = join  # type: ignore[method-assign]
    bar.close()
    assert waited  # closing waited for it, not only asked it to stop
    assert not refresher.is_alive()
    assert threading.active_count() == 1
