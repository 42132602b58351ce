"""Work shared out among forked workers gives what a plain loop gives, in order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _demo import DEMO, TESTS
from bbtool import parallel
from bbtool.errors import InputError, UsageError
from bbtool.parallel import ordered_map, workers_wanted
from bbtool.workspace import loader
from bbtool.workspace.loader import load_workspace

HOSTILE = TESTS / "data" / "hostile"

Run = Callable[..., Result]  # the conftest fixture

forks = pytest.mark.skipif(
    workers_wanted(100, 1) == 0, reason="needs Linux and two cores to start workers"
)


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


class _Awkward(Exception):
    """An exception pickle cannot rebuild: its __init__ does not take its args."""

    def __init__(self, a: int, b: int) -> None:
        super().__init__(f"{a} and {b}")


def _fail_awkwardly(n: int) -> int:
    if n == 3:
        raise _Awkward(1, 2)
    return n


_AWKWARD = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
_fail_awkwardly = importlib.import_module(sys.argv[2])._fail_awkwardly
from bbtool.parallel import WorkerError, ordered_map
try:
    list(ordered_map(_fail_awkwardly, range(20), per_worker=1))
except WorkerError as exc:
    print("WorkerError", "_Awkward: 1 and 2" in str(exc))
"""


@forks
def test_results_come_back_in_order_from_other_processes() -> None:
    got = list(ordered_map(_square_and_pid, range(40), per_worker=1))
    assert [value for value, _ in got] == [n * n for n in range(40)]
    # done by workers (which of them took which chunk is the scheduler's business)
    assert os.getpid() not in {pid for _, pid in got}


def test_one_worker_means_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BBTOOL_WORKERS", "1")
    assert workers_wanted(1_000, 1) == 0
    got = list(ordered_map(_square_and_pid, range(5), per_worker=1))
    assert got == [(n * n, os.getpid()) for n in range(5)]


def test_too_little_work_stays_here() -> None:
    assert workers_wanted(499, 250) == 0  # one worker's worth: not worth a worker
    assert workers_wanted(0, 1) == 0


def test_no_workers_where_processes_are_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        assert workers_wanted(10_000, 1) == 0


@forks
def test_a_workers_exception_is_raised_here() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(ordered_map(_fail_on_seven, range(20), per_worker=1))
    assert parallel._job is None  # and nothing is left behind for the next run


@forks
def test_an_exception_that_cannot_travel_comes_back_as_a_worker_error() -> None:
    """Sent as it is, it would stop the pool's result thread and the run would wait for
    ever (run in a child process with a time limit, so that a regression fails, not
    hangs)."""
    done = subprocess.run(
        [sys.executable, "-c", _AWKWARD, str(TESTS), __name__],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.strip() == "WorkerError True", done.stderr[-2000:]


def test_workers_only_from_the_main_thread() -> None:
    got: list[tuple[int, int]] = []
    thread = threading.Thread(
        target=lambda: got.extend(ordered_map(_square_and_pid, range(40), per_worker=1))
    )
    thread.start()
    thread.join()
    assert got == [(n * n, os.getpid()) for n in range(40)]


def test_no_workers_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert workers_wanted(10_000, 1) == 0
        got = list(ordered_map(_square_and_pid, range(40), per_worker=1))
    finally:
        stop.set()
        other.join()
    assert got == [(n * n, os.getpid()) for n in range(40)]


@pytest.mark.parametrize("value", ["two", "²", "-1", "1.5"])
def test_a_workers_setting_that_is_not_a_number_is_a_usage_error(
    value: str, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.setenv("BBTOOL_WORKERS", value)
    with pytest.raises(UsageError, match="is not a whole number"):
        workers_wanted(1_000, 1)
    done = run("check", DEMO)
    assert done.exit_code == 2
    assert done.stderr.startswith(f"bbtool: BBTOOL_WORKERS={value!r} is not a whole number;")


def test_a_container_quota_caps_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_cgroup_quota", lambda: 1)
    assert workers_wanted(10_000, 1) == 0  # one CPU's worth: no workers
    monkeypatch.setattr(parallel, "_cgroup_quota", lambda: 64)
    assert workers_wanted(10_000, 1) <= parallel.MAX_WORKERS


@forks
def test_workspace_read_by_workers_equals_one_read_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo, three broken files and a second 'Ann Other': every problem, in the same
    order and words, and the same records and warnings when the broken ones are gone."""
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    people = root / "participants"
    for name in ("syntax-unclosed-quote.yaml", "types-scores.yaml", "alias-simple.yaml"):
        shutil.copy(HOSTILE / name, people / f"zz-{name}")
    demo_files = sorted(p for p in people.iterdir() if not p.name.startswith("zz-"))
    twin = demo_files[0].read_text(encoding="utf-8")
    (people / "zz-twin.yaml").write_text(twin, encoding="utf-8")
    monkeypatch.setattr(loader, "PER_WORKER", 1)

    def problems() -> list[str]:
        with pytest.raises(InputError) as caught:
            load_workspace(root)
        return [str(p) for p in caught.value.problems]

    in_workers = problems()
    monkeypatch.setenv("BBTOOL_WORKERS", "1")
    in_turn = problems()
    assert in_workers == in_turn
    assert any("zz-syntax-unclosed-quote.yaml:" in p for p in in_turn)
    assert any("is already used in" in p and "zz-twin.yaml" in p for p in in_turn)

    for extra in people.glob("zz-*"):
        extra.unlink()
    alone = load_workspace(root)
    monkeypatch.delenv("BBTOOL_WORKERS")
    shared = load_workspace(root)
    assert shared.records == alone.records
    assert [str(w) for w in shared.warnings] == [str(w) for w in alone.warnings]
    assert len(shared.records) == 10


_KILLED = """
import os, signal, sys
from bbtool.parallel import ordered_map
from bbtool.errors import WorkerLost

def job(n):
    if n == 5:  # as the out-of-memory killer would
        os.kill(os.getpid(), signal.SIGKILL)
    return n

try:
    print(list(ordered_map(job, range(40), per_worker=1)))
except WorkerLost as exc:
    print("WorkerLost", exc)
"""

# `check` and `report` on the demo, with one worker killed while it reads a score file;
# the report folder must be left as it was
_KILLED_CLI = """
import os, signal, sys
from bbtool.cli.main import main
from bbtool.workspace import loader

loader.PER_WORKER = 1
read = loader._read_score_file

def killed(item, framework):
    if item[0].name.startswith("03"):
        os.kill(os.getpid(), signal.SIGKILL)
    return read(item, framework)

loader._read_score_file = killed
sys.argv = ["bbtool", *sys.argv[1:]]
main()
"""


@forks
def test_a_worker_killed_ends_the_run_with_a_message() -> None:
    """A worker that dies (killed, as the out-of-memory killer would) stops the run at
    once rather than leaving it waiting for ever (in a child process with a time limit,
    so that a regression fails, not hangs)."""
    done = subprocess.run(
        [sys.executable, "-c", _KILLED],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.startswith("WorkerLost a worker process stopped"), done.stderr[-2000:]


@forks
@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "report"])
def test_a_worker_killed_fails_check_and_report_writing_nothing(
    tmp_path: Path, command: str
) -> None:
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    env = {k: v for k, v in os.environ.items() if k != "BBTOOL_WORKERS"}
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_CLI, command, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "bbtool: a worker process stopped without finishing its work" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (root / "report").exists()
