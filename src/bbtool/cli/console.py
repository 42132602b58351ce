"""What the CLI shows on a terminal besides its output: the console (markup off), a
progress bar while thousands of score files are read, and a line naming a slow step.
Nothing here is shown under --quiet or when the stream is not a terminal.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def console() -> Console:
    from rich.console import Console

    # markup off: a name like "Ann [/] Other" or a round "2027 [HV]" is text, not a
    # style tag
    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 110)


class ProgressBar:
    """A progress bar on the terminal's stderr while score files are read, shown only
    once reading has taken a second (thousands of files) and cleared when done."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total or self._clock() - self._start < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("Reading score files", total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            # rich asks its refresh thread to stop but does not wait for it; wait, so
            # that work shared out among forked workers next finds this thread gone
            refresher = getattr(self._bar.live, "_refresh_thread", None)
            self._bar.stop()
            if refresher is not None:
                refresher.join(timeout=2)
            self._bar = None


def progress_bar(quiet: bool) -> ProgressBar | None:
    """A progress bar for a long read, unless --quiet or stderr is not a terminal."""
    return None if quiet or not sys.stderr.isatty() else ProgressBar()


class Steps:
    """One line on the terminal's stderr naming the step under way (drawing the charts,
    building the workbook: seconds each for thousands of participants), cleared when
    it is done. Drawn once, not animated: an animation needs a thread, and no other
    thread may run while workers are forked to draw the charts."""

    def __init__(self, console: Console | None) -> None:
        self._console = console

    @contextlib.contextmanager
    def __call__(self, what: str) -> Iterator[None]:
        if self._console is None:
            yield
            return
        from rich.live import Live
        from rich.text import Text

        line = Text(f"{what}…", style="dim")
        with Live(
            line,
            console=self._console,
            transient=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        ) as live:
            live.refresh()
            yield


def steps(quiet: bool) -> Steps:
    """What :class:`Steps` shows: nothing under --quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return Steps(None)
    from rich.console import Console

    return Steps(Console(stderr=True, highlight=False, markup=False))
