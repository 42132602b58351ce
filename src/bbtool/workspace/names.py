"""``names.yaml``: the people a facilitator confirmed are one person under two names,
in the last round and this one (read and checked like every other file), and the
warnings of names in one round that may be one person's (core/names.py decides).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bbtool.core.models import NamesFile, ParticipantRecord, person_key
from bbtool.core.names import alike_in_one_round
from bbtool.errors import InputError, Problem
from bbtool.workspace import yaml_source
from bbtool.workspace.layout import NAMES, display_path
from bbtool.workspace.validation import Nouns, translate
from bbtool.workspace.yaml_source import Document, Loc

SECTION = "same_person"


@dataclass
class LoadedNames:
    """A workspace's ``names.yaml``: its pairs (last round's name, this round's) in
    the order written, and where each was written."""

    pairs: list[tuple[str, str]]
    doc: Document

    def problem(self, index: int, message: str) -> Problem:
        """A warning at the pair ``index``."""
        key = self.pairs[index][0]
        return self.doc.problem(
            (SECTION, key), f"{SECTION}: {key!r}: {message}", key=True, warning=True
        )


def load_names(root: Path) -> LoadedNames | None:
    """The workspace's ``names.yaml``, checked; None when it has none. InputError with
    every problem in it, each at its line."""
    file = root / NAMES
    if not file.is_file():
        return None
    return parse_names(yaml_source.load(file, display_path(file)))


def parse_names(doc: Document) -> LoadedNames:
    """A parsed ``names.yaml``; InputError with every problem in it."""
    if doc.data is None:
        return LoadedNames([], doc)
    if not isinstance(doc.data, dict):
        message = (
            "must be a mapping: write 'same_person:' and under it one line a person, "
            '"last round\'s name": "this round\'s name"'
        )
        raise InputError([doc.problem((), message)])
    try:
        names = NamesFile.model_validate(doc.data)
    except ValidationError as exc:
        fields: dict[Loc, Sequence[str]] = {(): [SECTION]}
        nouns: Nouns = {(): ("a section", "sections")}
        findings = translate(exc, fields, nouns=nouns)
        raise InputError([doc.problem(f.loc, f.message, key=f.at_key) for f in findings]) from None
    return LoadedNames(list(names.same_person.items()), doc)


def names_warnings(names: LoadedNames, people: Sequence[str]) -> list[Problem]:
    """A warning at each pair of which neither name is a participant of this round."""
    here = {person_key(p) for p in people}
    return [
        names.problem(
            i,
            f"neither {a!r} nor {b!r} is a participant of this round; each pair is the "
            "last round's name and this round's",
        )
        for i, (a, b) in enumerate(names.pairs)
        if person_key(a) not in here and person_key(b) not in here
    ]


def alike_warnings(
    records: Sequence[ParticipantRecord], files: Sequence[tuple[Path, str]]
) -> list[Problem]:
    """A warning at each name that may be the same person's as an earlier file's
    (accents, spaces and punctuation aside): one person with two files? ``files``
    holds each record's file and how problems name it (read again only for these)."""
    out = []
    for first, later in alike_in_one_round([r.name for r in records]):
        message = (
            f"participant.name: {records[later].name!r} looks like {records[first].name!r} "
            f"in {files[first][1]} (accents, spaces or punctuation aside); if they are "
            "one person, keep one file"
        )
        doc = yaml_source.load(*files[later])
        out.append(doc.problem(("participant", "name"), message, warning=True))
    return out
