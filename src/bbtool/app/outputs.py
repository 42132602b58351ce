"""The files ``report`` and ``compare`` write, and the ones an earlier run wrote that
this run does not: a small manifest in the output folder (``.bbtool-outputs``) lists
every file bbtool wrote there, so that a chart or table left from an earlier run (a
theme's radar once the theme has no scores) is removed, and never any other file.

An output is known by the command, the files' shared name (``<area>-<round>``, or the
comparison's) and its format: a run removes only what an earlier run of the same
command, on the same name, wrote in a format it writes now and does not write now (a
plain ``report`` removes nothing; ``--json`` alone leaves the workbook). A file changed
since bbtool wrote it (its SHA-256 differs) is someone's work: it is left, and said.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from bbtool.app.report import Rendered
from bbtool.files import write_all

MANIFEST = ".bbtool-outputs"
_HEADER = (
    "# bbtool: the files it wrote in this folder (SHA-256, command, name, format, file),\n"
    "# so that a later run removes those it no longer writes, and no other. Do not edit.\n"
)


@dataclass(frozen=True)
class _Entry:
    digest: str
    command: str
    stem: str
    format: str
    name: str

    def line(self) -> str:
        return "\t".join((self.digest, self.command, self.stem, self.format, self.name))


@dataclass
class Written:
    files: list[Path]  # written now
    removed: list[Path] = field(default_factory=list)  # an earlier run's, not written now
    left: list[Path] = field(default_factory=list)  # ...but changed since: kept


def write_outputs(rendered: Rendered, out: Path, *, command: str, stem: str) -> Written:
    """Write every file (all or none, with the manifest), then remove the outputs an
    earlier run of ``command`` on ``stem`` wrote in the formats written now that this
    run did not write. Nothing at all when no file is written."""
    if not rendered.files:
        return Written([])
    names = {path.name for path in rendered.files}
    formats = set(rendered.made_by.values())
    kept: list[_Entry] = []
    stale: list[_Entry] = []
    for entry in _read(out / MANIFEST):
        if entry.name in names:
            continue  # written now: listed anew below
        ours = (entry.command, entry.stem) == (command, stem) and entry.format in formats
        (stale if ours else kept).append(entry)
    kept += [
        _Entry(_sha256(data), command, stem, rendered.made_by.get(path, ""), path.name)
        for path, data in rendered.files.items()
    ]
    removable, left = _unchanged(out, stale)
    # listed until a later run finds them gone: a removal cut short is done next time
    kept += removable
    manifest = _HEADER + "".join(f"{e.line()}\n" for e in kept)
    write_all({**rendered.files, out / MANIFEST: manifest.encode()})
    removed: list[Path] = []
    for entry in removable:  # only once the new outputs are all in place
        with contextlib.suppress(OSError):
            (out / entry.name).unlink()
            removed.append(out / entry.name)
    return Written(list(rendered.files), removed, left)


def _unchanged(out: Path, stale: list[_Entry]) -> tuple[list[_Entry], list[Path]]:
    """The stale outputs still as bbtool wrote them; and those changed since (kept).
    One that is gone is forgotten."""
    same: list[_Entry] = []
    left: list[Path] = []
    for entry in stale:
        file = out / entry.name
        try:
            if file.is_file() and _sha256(file.read_bytes()) == entry.digest:
                same.append(entry)
                continue
        except OSError:
            pass
        if file.exists():
            left.append(file)
    return same, left


def _read(manifest: Path) -> list[_Entry]:
    """The manifest's entries; a line that is not one (or a file that cannot be read)
    is passed over: then nothing it would name is removed."""
    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    entries = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) != 5:
            continue
        name = parts[4]
        # only a plain file name in this folder: never a path, a hidden file or itself
        if name and Path(name).name == name and not name.startswith(".") and "\\" not in name:
            entries.append(_Entry(*parts))
    return entries


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
