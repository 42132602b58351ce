"""The one error root, and the problem record every loader reports.

Domain code raises these; only the CLI (``cli/handled.py``) turns them into messages and exit codes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, at a place in it where known.

    ``line`` and ``column`` are 1-based; ``None`` when the problem is about the
    whole file (it cannot be read, or is not YAML at all).
    """

    path: str
    line: int | None
    column: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class BbtoolError(Exception):
    """Root of every error bbtool raises on purpose."""


class InputError(BbtoolError):
    """One or more input files are wrong; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(BbtoolError):
    """The command was asked for something it cannot do (exit code 2)."""


class OutputError(BbtoolError):
    """An output file could not be written; nothing was left half-written.

    ``written`` lists files a command had already created, in full, before the failure
    (``init`` writes one file after another); it is empty for all-or-nothing writes.
    """

    def __init__(self, message: str, written: tuple[str, ...] = ()) -> None:
        self.written = written
        super().__init__(message)


class WorkerLost(BbtoolError):
    """A worker process died (killed from outside, say for want of memory) before it
    sent back its work: the run stops (exit 1) with nothing written."""


class Problems:
    """Every problem found while reading many files, so that one run reports them all:
    ``add`` problems, catch an :class:`InputError`'s with ``collecting()``, then
    ``raise_any()`` raises them together (with the warnings given), or does nothing."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.found)

    def add(self, *problems: Problem) -> None:
        self.found.extend(problems)

    @contextlib.contextmanager
    def collecting(self) -> Iterator[None]:
        """Keep an InputError's problems (and carry on after the ``with`` block)."""
        try:
            yield
        except InputError as exc:
            self.found.extend(exc.problems)

    def raise_any(self, warnings: Sequence[Problem] = ()) -> None:
        if self.found:
            raise InputError([*self.found, *warnings])
