"""Where things are in a workspace: its file and folder names, which files are score
files, which folders are workspaces, and how paths are shown. One place for all of it.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from bbtool.core.models import person_key
from bbtool.errors import InputError, printable
from bbtool.files import person_stem, safe_name
from bbtool.workspace import yaml_source

CONFIG = "bbtool.yaml"
AGREED = "agreed.yaml"
ACTIONS = "actions.yaml"
NAMES = "names.yaml"  # people confirmed alike across rounds (compare)
PARTICIPANTS = "participants"
SCORE_SUFFIXES = (".yaml", ".yml")

SCHEMA_FILE = "bbtool.schema.json"
# the first line of a score file inside a workspace: editors check it against the schema
SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
# the action plan's schema, beside it in the workspace
ACTIONS_SCHEMA_FILE = "actions.schema.json"
ACTIONS_SCHEMA_LINE = f"# yaml-language-server: $schema={ACTIONS_SCHEMA_FILE}"


def display_path(file: Path) -> str:
    """A path as people should see it: relative to the current folder where possible,
    with control and format characters escaped (errors.printable)."""
    try:
        return printable(str(file.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(str(file))


class Note(str):
    """A note to print that names files; ``unnamed`` says the same without naming any
    (a score file's name is usually its participant's), for ``--anonymise``."""

    unnamed: str

    def __new__(cls, text: str, unnamed: str) -> Note:
        note = super().__new__(cls, text)
        note.unnamed = unnamed
        return note


def unnamed(notes: list[str]) -> list[str]:
    """``notes`` as ``--anonymise`` prints them: no file name that can carry a name."""
    return [note.unnamed if isinstance(note, Note) else note for note in notes]


def is_workspace(folder: Path) -> bool:
    return (folder / CONFIG).is_file() or (folder / PARTICIPANTS).is_dir()


def workspaces_in(folder: Path) -> list[Path]:
    """The folder itself if it is a workspace, else the workspaces directly inside it."""
    if is_workspace(folder):
        return [folder]
    return sorted(p for p in folder.iterdir() if p.is_dir() and is_workspace(p))


def score_files(root: Path) -> tuple[list[Path], list[str]]:
    """The score files of a workspace, sorted; and notes on what was passed over."""
    found, notes = score_files_resolved(root)
    return [file for file, _ in found], notes


def score_files_resolved(root: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """:func:`score_files`, each with its resolved path."""
    folder = root / PARTICIPANTS
    if not folder.is_dir():
        return [], []
    files, skipped = [], []
    base = root.resolve()
    real_folder = folder.resolve()
    folder_inside = real_folder.is_relative_to(base)
    # os.scandir: the folder's listing says which entries are files and links, so ten
    # thousand score files need no stat each (Path.iterdir and is_file would)
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if os.path.splitext(name)[1].lower() not in SCORE_SUFFIXES or not _is_file(entry):
            skipped.append(name)
            continue
        # only a link needs resolving on its own: ten thousand files, one resolve
        if entry.is_symlink():
            real = Path(entry.path).resolve()
            inside = real.is_relative_to(base)
        else:
            real, inside = real_folder / name, folder_inside
        if not inside:
            skipped.append(f"{name} (a link to outside the workspace)")
            continue
        files.append((folder / name, real))
    notes: list[str] = []
    if skipped:
        said = (
            f"{display_path(folder)}: passed over {len(skipped)} item(s) that are not "
            "score files (.yaml or .yml)"
        )
        notes.append(Note(f"{said}: {printable(', '.join(skipped))}", said))
    return files, notes


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A file, or a link to one. A link that loops or runs through a file is not (as
    Path.is_file says); DirEntry.is_file would raise for those."""
    try:
        return entry.is_file()
    except OSError:
        return False


def workspace_of(file: Path) -> Path | None:
    """The workspace a file belongs to: its own folder for bbtool.yaml (and for
    agreed.yaml and actions.yaml beside one), the folder above ``participants/`` for
    a score file, or None for a file outside any workspace."""
    folder = file.resolve().parent
    beside = file.name in (AGREED, ACTIONS) and (folder / CONFIG).is_file()
    if file.name == CONFIG or beside:
        return folder
    if folder.name == PARTICIPANTS and (folder.parent / CONFIG).is_file():
        return folder.parent
    return None


def numbered_stem(file: Path) -> tuple[int | None, str]:
    """``03-ann-lee.yaml`` -> (3, "ann-lee"); a name without a number -> (None, stem)."""
    head, _, rest = file.stem.partition("-")
    return (int(head), rest) if head.isdigit() and rest else (None, file.stem)


class Roster:
    """A workspace's score files by person, and where a new person's file goes:
    numbered after everyone already there.

    A person's file is found again by its name part (``NN-<stem>.yaml``, the stem as
    :func:`~bbtool.files.person_stem` makes it, or as earlier versions did, in ASCII)
    *and* the name written in it: two people whose names give one stem ("Ann Lee",
    "Ann-Lee"; before, every Cyrillic name gave "participant") never share a file.
    Only files there already are found again: two new people each get a file."""

    def __init__(self, root: Path, width: int = 2) -> None:
        self.folder = root / PARTICIPANTS
        files = score_files(root)[0] if self.folder.is_dir() else []
        self._files: dict[str, list[Path]] = {}
        numbers = []
        for file in files:
            number, stem = numbered_stem(file)
            if number is not None:
                numbers.append(number)
            # NFC: a folder on macOS may list names decomposed
            self._files.setdefault(unicodedata.normalize("NFC", stem), []).append(file)
        self._next = max(numbers, default=0) + 1
        self._width = width

    def file_for(self, name: str) -> Path:
        """The file there already for the person called ``name``, else the next
        number's (taken, so the next new person gets another)."""
        stem = person_stem(name)
        key = person_key(name)
        for candidate in dict.fromkeys((stem, safe_name(name, fallback="participant"))):
            for file in self._files.get(candidate, []):
                held = _name_in(file)
                # a file that cannot be read is this person's only under their own stem
                if person_key(held) == key if held is not None else candidate == stem:
                    return file
        target = self.folder / f"{self._next:0{self._width}d}-{stem}.yaml"
        self._next += 1
        return target


def participant_names(root: Path) -> list[str]:
    """The names written in a workspace's score files, in file order (a file that
    cannot be read, or holds no name, is left out)."""
    return [name for name, _ in participants_on_file(root)]


def participants_on_file(root: Path) -> list[tuple[str, dict[str, str]]]:
    """Each score file's name with the organisation, sector and level it holds (those
    written), in file order, each file read once: ``bbtool form`` names its forms after
    them and shows the details, so that a form does not lose what the file says
    (``init --from`` writes them from the last round)."""
    found = []
    for file in score_files(root)[0]:
        who = _participant_in(file)
        name = who.get("name")
        if isinstance(name, str) and name.strip():
            details = {
                key: value.strip()
                for key in ("organisation", "sector", "level")
                if isinstance(value := who.get(key), str) and value.strip()
            }
            found.append((name, details))
    return found


def _participant_in(file: Path) -> dict[str, object]:
    """The ``participant:`` mapping of a score file ({} if it cannot be read)."""
    try:
        data = yaml_source.load(file, str(file)).data
    except InputError:
        return {}
    who = data.get("participant") if isinstance(data, dict) else None
    return who if isinstance(who, dict) else {}


def _name_in(file: Path) -> str | None:
    """The participant's name written in a score file, or None if it cannot be read."""
    name = _participant_in(file).get("name")
    return name if isinstance(name, str) else None


def names_beside(file: Path) -> dict[str, str]:
    """The names written in the other score files of ``file``'s workspace, by
    person_key, each with the file (as shown) that holds it: for ``score -i``, which
    refuses a new file a name someone else's file has."""
    root = file.parent.parent if file.parent.name == PARTICIPANTS else None
    if root is None:
        return {}
    taken: dict[str, str] = {}
    for other in score_files(root)[0]:
        if other.resolve() == file.resolve():
            continue
        name = _name_in(other)
        if name is not None:
            taken.setdefault(person_key(name), display_path(other))
    return taken


def schema_line_for(file: Path) -> str | None:
    """The schema line for a new score file ``file``: when it goes into a workspace's
    participants/ folder and the workspace has the schema."""
    return schema_line(file.parent.parent) if file.parent.name == PARTICIPANTS else None


def schema_line(root: Path) -> str | None:
    """The schema line for a score file in ``root``, when the workspace has the schema."""
    return SCHEMA_LINE if (root / SCHEMA_FILE).is_file() else None
