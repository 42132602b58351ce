"""Saving what the writers built: safe file names and atomic, all-or-nothing writes.

Writers build objects in memory; only the shell calls these to put bytes on disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from bbtool.errors import OutputError

_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{i}" for p in ("com", "lpt") for i in (*range(1, 10), "¹", "²", "³")
}
MAX_STEM = 60
MAX_STEM_BYTES = 180  # in UTF-8: with "NNNN-" and ".yaml" well inside 255 bytes


def safe_name(text: str, fallback: str = "unnamed") -> str:
    """A file-name stem from free text: ascii letters, digits and dashes only (for the
    outputs named after an area, round or id; people's files: :func:`person_stem`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_STEM].strip("-")
    if not stem:
        stem = fallback
    if stem in _RESERVED:
        stem = f"{stem}-file"
    return stem


def person_stem(name: str, fallback: str = "participant") -> str:
    """A file-name stem from a person's name that keeps the letters of every script:
    "Иван Петров" -> "иван-петров", "José Núñez" -> "josé-núñez", "李华" -> "李华".

    The name is normalised to NFC and lower-cased; letters, marks and digits of any
    script are kept and every run of anything else (spaces, punctuation, / \\ : * ? " <
    > |, control and format characters, dots) becomes one dash, so no file system is
    handed a character it cannot hold, a path, or a trailing dot or space. At most
    ``MAX_STEM`` characters and ``MAX_STEM_BYTES`` bytes; a Windows device name (CON,
    COM1...) gets "-file"; ``fallback`` only when nothing of the name is left (a name
    of emoji or punctuation). Two people's names can still give one stem ("Ann Lee",
    "Ann-Lee"): whoever hands out files numbers them apart (``layout.Roster``)."""
    text = unicodedata.normalize("NFC", name).lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else "-" for c in text)
    stem = re.sub(r"-+", "-", kept).strip("-")[:MAX_STEM].strip("-")
    while len(stem.encode()) > MAX_STEM_BYTES:
        stem = stem[:-1].rstrip("-")
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


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary name first, then all are
    renamed into place, so a failure leaves the previous outputs whole.

    Before the renames, each file about to be replaced is kept under a hidden name (a
    hard link, else a copy); if a rename fails half way, the files already replaced
    are put back and the new ones removed, so the folder holds the previous report.
    """
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    mode = _file_mode()
    for folder in dict.fromkeys(path.parent for path in files):
        _make_folder(folder)
    try:
        for current, data in files.items():
            fd, name = tempfile.mkstemp(
                prefix=f".{current.name}.", suffix=".tmp", dir=current.parent
            )
            staged.append((Path(name), current))
            os.chmod(name, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        _swap_in(staged)
    except OSError as exc:
        for staged_file, _ in staged:
            with contextlib.suppress(OSError):
                staged_file.unlink()
        where = current if current is not None else "the output folder"
        raise OutputError(f"{where}: cannot write: {exc.strerror or exc}") from None


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
        shutil.copy2(target, keep)
    return keep


def _swap_in(staged: list[tuple[Path, Path]]) -> None:
    """Rename staged files over their targets; on failure, put every target back."""
    kept = [(target, _keep_previous(target)) for _, target in staged]
    done: list[tuple[Path, Path | None]] = []
    try:
        for (staged_file, target), (_, previous) in zip(staged, kept, strict=True):
            os.replace(staged_file, target)
            done.append((target, previous))
    except OSError:
        for target, previous in reversed(done):  # best effort: put the old files back
            with contextlib.suppress(OSError):
                if previous is None:
                    target.unlink()
                else:
                    os.rename(previous, target)
        raise
    finally:
        for _, previous in kept:
            if previous is not None:
                with contextlib.suppress(OSError):
                    previous.unlink()


def write_new(target: Path, data: bytes) -> bool:
    """Create ``target`` only if it does not exist yet; never overwrite. True if written."""
    _make_folder(target.parent)
    try:
        with target.open("xb") as fh:
            fh.write(data)
    except FileExistsError:
        return False
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return True


def keep_backup(target: Path) -> Path | None:
    """Copy ``target``'s bytes to the first free ``<name>.bak``, ``.bak2``, ``.bak3``...
    before it is changed; an older backup is never overwritten. None if there is no
    file to keep."""
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


def create_each(files: Sequence[tuple[Path, Callable[[], bytes]]]) -> tuple[list[Path], list[Path]]:
    """Create each file that does not exist yet (its bytes made only then), never
    overwriting one: (written, kept). A failure names what was written before it."""
    written: list[Path] = []
    kept: list[Path] = []
    for target, make in files:
        if target.exists():
            kept.append(target)
            continue
        try:
            (written if write_new(target, make()) else kept).append(target)
        except OutputError as exc:
            raise OutputError(str(exc), tuple(str(w) for w in written)) from None
    return written, kept
