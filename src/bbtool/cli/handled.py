"""bbtool's own errors as one clear message each and an exit code; problems printed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

import typer

from bbtool.errors import (
    BbtoolError,
    InputError,
    OutputError,
    Problem,
    UsageError,
    WorkerLost,
)

P = ParamSpec("P")
R = TypeVar("R")


def err(line: str) -> None:
    typer.echo(line, err=True)


def print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        err(str(problem))


def print_warnings(warnings: Sequence[Problem], anonymised: bool) -> None:
    """Warnings name score files, whose names are usually people's: count them instead."""
    if anonymised and warnings:
        err(
            f"bbtool: {len(warnings)} warning(s) in the score files, not shown with "
            "--anonymise; 'bbtool check' shows them"
        )
    elif not anonymised:
        print_problems(warnings)


_WHOLE = "; every file it writes is either as it was or written whole"


def handled(func: Callable[P, R]) -> Callable[P, R]:
    """Turn bbtool's own errors into one clear message each and an exit code."""
    return _handled(func, writes=True)


def handled_read_only(func: Callable[P, R]) -> Callable[P, R]:
    """As :func:`handled`, for commands that never write (no 'nothing was written')."""
    return _handled(func, writes=False)


def _handled(func: Callable[P, R], *, writes: bool) -> Callable[P, R]:
    unwritten = "; nothing was written" if writes else ""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            print_problems(exc.problems)
            errors = sum(p.severity == "error" for p in exc.problems)
            files = len({p.path for p in exc.problems if p.severity == "error"})
            err(f"bbtool: {errors} error(s) in {files} file(s){unwritten}")
            raise typer.Exit(1) from None
        except UsageError as exc:
            err(f"bbtool: {exc}")
            raise typer.Exit(2) from None
        except OutputError as exc:
            if exc.written:
                err(f"bbtool: {exc}; written before this: {', '.join(exc.written)}")
            else:
                err(f"bbtool: {exc}; nothing was written")
            raise typer.Exit(1) from None
        except WorkerLost as exc:
            err(f"bbtool: {exc}{unwritten}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:  # Ctrl+C: writes hold it back until they are whole
            err(f"bbtool: interrupted{_WHOLE if writes else ''}")
            raise typer.Exit(130) from None
        except BbtoolError as exc:  # pragma: no cover - every subclass is handled above
            err(f"bbtool: {exc}")
            raise typer.Exit(1) from None

    return wrapper


def print_created(
    written: Sequence[object], kept: Sequence[object], faulty: Sequence[tuple[object, str]] = ()
) -> None:
    """What a never-overwrite command wrote, and what it kept as it was; and each file
    there already that is not whole (empty, cut short), left alone, with what is wrong."""
    for path in written:
        typer.echo(f"wrote {path}")
    for path in kept:
        typer.echo(f"kept {path} (exists already; not overwritten)")
    for path, fault in faulty:
        err(
            f"bbtool: {path}: exists already but {fault}; it is left as it is: mend it, or "
            "delete it and run this again to have it written afresh"
        )
