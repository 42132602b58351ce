"""Saving what the writers built: safe file names and atomic, all-or-nothing writes.

Writers build objects in memory; only the shell calls these to put bytes on disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from bbtool.errors import OutputError

_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
MAX_STEM = 60
_HELD = {signal.SIGINT, signal.SIGTERM}


def safe_name(text: str, fallback: str = "unnamed") -> str:
    """A file-name stem from free text: ascii letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_STEM].strip("-")
    if not stem:
        stem = fallback
    if stem in _RESERVED:
        stem = f"{stem}-file"
    return stem


def _file_mode() -> int:
    """What a plain ``open(..., "w")`` would give: 0o666 less the umask (mkstemp gives 0o600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _make_folder(folder: Path) -> None:
    """Create the output folder, saying plainly when a file stands in its way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (folder, *folder.parents) if p.is_file()), folder)
        raise OutputError(f"{blocker}: is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl+C (SIGINT) and SIGTERM held back until the block is done, then delivered:
    a step that must finish whole (renames, their rollback) is never cut half way.

    Python runs signal handlers in the main thread whichever thread the signal lands
    on (so a thread's signal mask is not enough): for the block, the handlers only
    note what came; after it, the handlers are put back and what came is raised again.
    Off the main thread nothing is needed: a Ctrl+C interrupts only the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {number: signal.getsignal(number) for number in _HELD}
    for number in _HELD:
        signal.signal(number, lambda number, _: caught.append(number))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for came in dict.fromkeys(caught):
            signal.raise_signal(came)


def _target_problem(target: Path) -> str | None:
    """Why ``target`` cannot be an output file's name, if it cannot."""
    if not target.name or target.name in (".", ".."):
        return "is not a file name"
    if target.is_dir():
        return "is a folder; give a file name"
    return None


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary name first, then all are
    renamed into place, so a failure leaves the previous outputs whole.

    Before the renames, each file about to be replaced is kept under a hidden name (a
    hard link, else a copy); if a rename fails half way, the files already replaced
    are put back and the new ones removed, so the folder holds the previous report.
    Ctrl+C and SIGTERM are held back until all is done or undone (they take effect
    then), and no temporary or hidden file is left behind.
    """
    for target in files:
        problem = _target_problem(target)
        if problem is not None:
            raise OutputError(f"{target}: {problem}")
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    mode = _file_mode()
    for folder in dict.fromkeys(path.parent for path in files):
        _make_folder(folder)
    with signals_held():
        try:
            for current, data in files.items():
                staged.append((_staged_copy(current, data, mode), current))
            current = None
            _swap_in(staged)
            for folder in dict.fromkeys(path.parent for path in files):
                _sync_folder(folder)
        except _SwapFailed as failed:
            cause = failed.__cause__
            reason = getattr(cause, "strerror", None) or cause
            raise OutputError(f"{failed.target}: cannot write: {reason}") from None
        except OSError as exc:
            where = current if current is not None else "the output folder"
            raise OutputError(f"{where}: cannot write: {exc.strerror or exc}") from None
        finally:
            for staged_file, _ in staged:
                with contextlib.suppress(OSError):
                    staged_file.unlink()


def _staged_copy(target: Path, data: bytes, mode: int) -> Path:
    """``data`` in a new hidden file beside ``target``, on disk (fsynced)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(name, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


class _SwapFailed(Exception):
    """A rename into ``target`` failed (the cause says why); everything was put back."""

    def __init__(self, target: Path) -> None:
        super().__init__(str(target))
        self.target = target


def _keep_previous(target: Path) -> Path | None:
    """A hidden second name for ``target``'s current content, or None if it is new."""
    if not target.exists():
        return None
    keep = target.with_name(f".{target.name}.previous")
    with contextlib.suppress(FileNotFoundError):
        keep.unlink()
    try:
        os.link(target, keep)
    except OSError:
        try:
            shutil.copy2(target, keep)
        except OSError:
            with contextlib.suppress(OSError):
                keep.unlink()
            raise
    return keep


def _swap_in(staged: list[tuple[Path, Path]]) -> None:
    """Rename staged files over their targets; on failure, put every target back and
    raise :class:`_SwapFailed` naming the file that failed."""
    kept: list[Path | None] = []
    done: list[tuple[Path, Path | None]] = []
    target: Path | None = None
    try:
        for target in (t for _, t in staged):
            kept.append(_keep_previous(target))
        for (staged_file, target), previous in zip(staged, kept, strict=True):
            os.replace(staged_file, target)
            done.append((target, previous))
    except OSError as exc:
        for done_target, previous in reversed(done):  # best effort: put the old files back
            with contextlib.suppress(OSError):
                if previous is None:
                    done_target.unlink()
                else:
                    os.rename(previous, done_target)
        assert target is not None
        raise _SwapFailed(target) from exc
    finally:
        for previous in kept:
            if previous is not None:
                with contextlib.suppress(OSError):
                    previous.unlink()


def write_new(target: Path, data: bytes) -> bool:
    """Create ``target`` only if it does not exist yet; never overwrite. True if written.

    The bytes go to a hidden temporary file first, on disk (fsynced), which then gets
    the real name as a hard link (refused if the name exists): a full disk or a kill
    never leaves a part of a file under the real name. Ctrl+C waits until it is done.
    """
    _make_folder(target.parent)
    if target.exists() or target.is_symlink():
        return False
    with signals_held():
        staged: Path | None = None
        try:
            staged = _staged_copy(target, data, _file_mode())
            if not _link_new(staged, target):
                return False
            _sync_folder(target.parent)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
        finally:
            if staged is not None:
                with contextlib.suppress(OSError):
                    staged.unlink()
    return True


def _link_new(staged: Path, target: Path) -> bool:
    """Give ``staged`` the name ``target`` unless that name exists: False if it does."""
    try:
        os.link(staged, target)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links (FAT, some network drives)
        if target.exists() or target.is_symlink():
            return False
        os.rename(staged, target)
    return True


def _sync_folder(folder: Path) -> None:
    """Put a folder's entries (a new or renamed file's name) on disk, where that can be
    done (POSIX); elsewhere, and on file systems that refuse, it is left to the system."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def keep_backup(target: Path) -> Path | None:
    """Copy ``target``'s bytes to the first free ``<name>.bak``, ``.bak2``, ``.bak3``...
    before it is changed; an older backup is never overwritten. The backup is on disk
    (fsynced, with its folder entry) before this returns, so before the file it keeps is
    replaced. None if there is no file to keep."""
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{target}: cannot read: {exc.strerror or exc}") from None
    number = 1
    while True:
        backup = target.with_name(f"{target.name}.bak{number if number > 1 else ''}")
        if write_new(backup, data):
            return backup
        number += 1


Check = Callable[[Path], str | None]


def create_each(
    files: Sequence[tuple[Path, Callable[[], bytes]]], check: Check | None = None
) -> tuple[list[Path], list[Path], list[tuple[Path, str]]]:
    """Create each file that does not exist yet (its bytes made only then), never
    overwriting one: (written, kept, faulty). A file that exists is kept; if ``check``
    says what is wrong with it (empty, cut short...), it is listed in faulty with
    that, not in kept. A failure names what was written before it."""
    written: list[Path] = []
    kept: list[Path] = []
    faulty: list[tuple[Path, str]] = []
    for target, make in files:
        if target.exists():
            fault = check(target) if check is not None else None
            if fault is None:
                kept.append(target)
            else:
                faulty.append((target, fault))
            continue
        try:
            try:
                data = make()  # a workbook is built through temporary files, too
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
            (written if write_new(target, data) else kept).append(target)
        except OutputError as exc:
            raise OutputError(str(exc), tuple(str(w) for w in written)) from None
    return written, kept, faulty


@contextlib.contextmanager
def session_lock(file: Path, what: str) -> Iterator[None]:
    """One session at a time on ``file``: an OS advisory lock on a hidden
    ``.<name>.lock`` beside it, removed at the end. The system lets go of the lock when
    its process ends, however it ends, so a session that crashed or was killed never
    leaves the file blocked. OutputError, naming ``what``, while another holds it.
    Where the folder does not exist yet there is nothing to lock."""
    if not file.parent.is_dir():
        yield
        return
    lock = file.with_name(f".{file.name}.lock")
    fd = _take_lock(lock, file, what)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()  # while still holding it, so no one locks a name being removed
        os.close(fd)


def _take_lock(lock: Path, file: Path, what: str) -> int:
    for _ in range(5):  # another session may remove the lock file as we open it
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{lock}: cannot lock {file}: {exc.strerror or exc}") from None
        if not _locked(fd):
            holder = _holder(fd)
            os.close(fd)
            raise OutputError(
                f"{file}: {what} in another session{holder}; finish or stop that one "
                "first (one at a time, so that neither loses the other's answers)"
            )
        try:
            same = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except OSError:
            same = False
        if same:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"process {os.getpid()} on {_host()}\n".encode())
            return fd
        os.close(fd)
    raise OutputError(f"{file}: cannot lock it (another session keeps taking it)")


def _locked(fd: int) -> bool:
    """Lock ``fd`` without waiting: False if another process holds it."""
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """Who holds a lock, as its file says (best effort)."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except (OSError, AttributeError):
        return ""
    return f" ({text})" if text.isprintable() and text else ""


def _host() -> str:
    import socket

    return socket.gethostname()
