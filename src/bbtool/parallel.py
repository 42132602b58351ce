"""Many independent pieces of work on every core, results in order.

Reading thousands of score files and drawing several radar charts are each many
pieces of work that need nothing from one another. Here they are shared out among
worker processes *forked* from this one: a worker starts with everything bbtool has
already built (the framework, the figures), so only the items and the results cross
between processes, never the function or what it reads.

Where processes are not forked (Windows; macOS, where forking after some system
libraries have loaded is unsafe), while other threads run (only the forking thread
would go on in a worker), with one core, with too little work to share, or with
``BBTOOL_WORKERS=1`` in the environment, the work runs here as a plain loop. The
results are the same either way, in the same order.
"""

from __future__ import annotations

import math
import os
import sys
import threading
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from bbtool.errors import UsageError, WorkerLost

T = TypeVar("T")
R = TypeVar("R")

WORKERS_VARIABLE = "BBTOOL_WORKERS"

# More workers than this gain nothing: the results of each must be unpacked here, one
# process, at about a tenth of what producing them took.
MAX_WORKERS = 8
CHUNK = 250  # items sent to a worker at a time, at most

# The function the workers run. Set just before they are forked, so each inherits it
# with everything it refers to; nothing of it is pickled. One at a time: workers are
# only started while no other thread runs.
_job: Callable[[Any], Any] | None = None


class WorkerError(RuntimeError):
    """A job failed in a worker with an exception that cannot be sent back as it is."""


def workers_wanted(items: int, per_worker: int) -> int:
    """How many workers to start for ``items`` pieces of work, each worker being worth
    starting only for at least ``per_worker`` of them: 0 means work here, in turn."""
    limit = _limit()  # read first: a bad setting is an error wherever bbtool runs
    if not sys.platform.startswith("linux"):
        return 0
    if threading.active_count() > 1:
        # forking copies only this thread: a lock another one holds (a console's, say)
        # would stay held in the workers for ever
        return 0
    available = min(_cores(), MAX_WORKERS)
    if limit is not None:
        available = min(available, limit)
    count = min(available, items // max(1, per_worker))
    return count if count >= 2 else 0


def _limit() -> int | None:
    """``BBTOOL_WORKERS``: at most this many workers (0 or 1: none)."""
    text = os.environ.get(WORKERS_VARIABLE, "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise UsageError(
            f"{WORKERS_VARIABLE}={text[:20]!r} is not a whole number; set it to 1 to work "
            "in one process, or to the most worker processes bbtool may start"
        )
    return int(text)


def _cores() -> int:
    """The cores this process may use: its CPU affinity, and a container's CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    quota = _cgroup_quota()
    return min(cores, quota) if quota is not None else cores


def _cgroup_quota() -> int | None:
    """The CPUs a cgroup quota allows (a container's ``--cpus``), if there is one."""
    try:  # cgroup v2: "max 100000" or "200000 100000"
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        return None if quota == "max" else max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    try:  # cgroup v1: a quota of -1 is none
        v1 = Path("/sys/fs/cgroup/cpu")
        quota_us = int((v1 / "cpu.cfs_quota_us").read_text())
        period_us = int((v1 / "cpu.cfs_period_us").read_text())
        return None if quota_us <= 0 else max(1, math.ceil(quota_us / period_us))
    except (OSError, ValueError):
        return None


def ordered_map(
    func: Callable[[T], R], items: Sequence[T], *, per_worker: int
) -> Generator[R, None, None]:
    """``func(item)`` for each item, in the items' order, on worker processes when
    there is enough work (see :func:`workers_wanted`).

    An exception raised by ``func`` in a worker is raised here, as it would be in a
    loop (as a :class:`WorkerError` if it cannot be pickled); functions that meet bad
    input should return the problem instead, so that the rest of the work goes on.
    """
    count = workers_wanted(len(items), per_worker)
    if count == 0:
        for item in items:
            yield func(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _job
    # at least four chunks per worker, an even share of the work, and at most 250 items
    # in each, so that results (and a progress bar) arrive as it goes
    size = max(1, min(CHUNK, -(-len(items) // (count * 4))))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _job = func
    # an executor, not a Pool: a Pool replaces a worker that dies (killed for want of
    # memory, say) and waits for ever for the work it held; an executor says so at once
    executor = ProcessPoolExecutor(
        count, mp_context=multiprocessing.get_context("fork"), initializer=_quiet
    )
    finished = False
    try:
        try:
            for results in executor.map(_run, chunks):
                yield from results
        except BrokenProcessPool:
            raise WorkerLost(
                "a worker process stopped without finishing its work (killed, perhaps "
                f"for want of memory); run again, or with {WORKERS_VARIABLE}=1 to work "
                "in one process"
            ) from None
        finished = True
    finally:
        _job = None
        if not finished:  # stopped early (an error, Ctrl+C): stop the workers now
            _stop(executor)
        executor.shutdown(wait=True, cancel_futures=True)


def _stop(executor: Any) -> None:
    """End an executor's workers at once, rather than after the work they hold."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def _run(chunk: Sequence[Any]) -> list[Any]:
    """In a worker: the job on each item of one chunk. An exception that could not be
    rebuilt on the other side (it would stop the pool's result thread and leave bbtool
    waiting for ever) is sent as a :class:`WorkerError` with its traceback instead."""
    assert _job is not None, "workers are forked after the job is set"
    try:
        return [_job(item) for item in chunk]
    except Exception as exc:
        if _travels(exc):
            raise
        import traceback

        raise WorkerError(traceback.format_exc()) from None


def _travels(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


def _quiet() -> None:
    """In a worker: leave Ctrl+C to bbtool itself, which stops the workers; otherwise
    each of them would print its own traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
