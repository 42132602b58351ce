"""Many independent pieces of work on every core, results in order.

Reading thousands of score files and drawing several radar charts are each many
pieces of work that need nothing from one another. Here they are shared out among
worker processes *forked* from this one: a worker starts with everything bbtool has
already built (the framework, the figures), so only the items and the results cross
between processes, never the function or what it reads.

Where processes are not forked (Windows; macOS, where forking after some system
libraries have loaded is unsafe), with one core, with too little work to share, or
with ``BBTOOL_WORKERS=1`` in the environment, the work runs here as a plain loop. The
results are the same either way, in the same order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS_VARIABLE = "BBTOOL_WORKERS"

# The function the workers run. Set just before they are forked, so each inherits it
# with everything it refers to; nothing of it is pickled.
_job: Callable[[Any], Any] | None = None


def workers_wanted(items: int, per_worker: int) -> int:
    """How many workers to start for ``items`` pieces of work, each worker being worth
    starting only for at least ``per_worker`` of them: 0 means work here, in turn."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        available = len(os.sched_getaffinity(0))  # the cores this process may use
    except AttributeError:  # pragma: no cover - not on Linux
        available = os.cpu_count() or 1
    limit = os.environ.get(WORKERS_VARIABLE, "").strip()
    if limit.isdigit():
        available = min(available, int(limit))
    count = min(available, items // max(1, per_worker))
    return count if count >= 2 else 0


def ordered_map(func: Callable[[T], R], items: Sequence[T], *, per_worker: int) -> Iterator[R]:
    """``func(item)`` for each item, in the items' order, on worker processes when
    there is enough work (see :func:`workers_wanted`).

    An exception raised by ``func`` in a worker is raised here, as it would be in a
    loop; functions that meet bad input should return the problem instead, so that the
    rest of the work goes on.
    """
    count = workers_wanted(len(items), per_worker)
    if count == 0:
        for item in items:
            yield func(item)
        return
    import multiprocessing

    global _job
    # a few chunks per worker: an even share of the work, and results (and a progress
    # bar) arriving as it goes, not all at the end
    size = max(1, -(-len(items) // (count * 4)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _job = func
    try:
        with multiprocessing.get_context("fork").Pool(count, initializer=_quiet) as pool:
            for results in pool.imap(_run, chunks):
                yield from results
    finally:
        _job = None


def _run(chunk: Sequence[Any]) -> list[Any]:
    """In a worker: the job on each item of one chunk."""
    assert _job is not None, "workers are forked after the job is set"
    return [_job(item) for item in chunk]


def _quiet() -> None:
    """In a worker: leave Ctrl+C to bbtool itself, which stops the workers; otherwise
    each of them would print its own traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
