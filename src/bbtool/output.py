"""Saving what the writers built: safe file names and atomic, all-or-nothing writes.

Writers build objects in memory; only the shell calls these to put bytes on disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from bbtool.errors import OutputError

_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
MAX_STEM = 60


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


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes to a temporary name first, then all are
    renamed into place, so a failure leaves the previous outputs whole."""
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
        for staged_file, current in staged:
            os.replace(staged_file, current)
    except OSError as exc:
        for staged_file, _ in staged:
            with contextlib.suppress(OSError):
                staged_file.unlink()
        where = current if current is not None else "the output folder"
        raise OutputError(f"{where}: cannot write: {exc.strerror or exc}") from None


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
