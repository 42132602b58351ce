"""Participants as P01, P02, ...: a pure transform over the records, before scoring.

Every writer works from the records (or the report scored from them), so anonymising
the records once gives every output anonymised data for free.

The numbering follows the SHA-256 of each name (case-folded, with a fixed salt), not
the order of the files or of the names: the same people get the same numbers in every
run, and in both rounds of a comparison, without the numbers giving away who is who to
a reader who does not know who took part. It is pseudonymisation, not secrecy: someone
who knows every participant's name can recompute the numbering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from bbtool.core.models import ParticipantRecord, person_key

_SALT = b"bbtool-anonymise-v1\x00"


def _digest(name: str) -> str:
    return hashlib.sha256(_SALT + person_key(name).encode("utf-8")).hexdigest()


def pseudonyms(names: Iterable[str]) -> dict[str, str]:
    """Each distinct person (names matched by :func:`person_key`) -> ``P01``, ``P02``,
    ...; width grows past 99."""
    keys = sorted({person_key(n) for n in names}, key=lambda k: (_digest(k), k))
    width = max(2, len(str(len(keys))))
    return {key: f"P{i:0{width}d}" for i, key in enumerate(keys, 1)}


def anonymise(
    records: Sequence[ParticipantRecord],
    mapping: dict[str, str] | None = None,
    *,
    keep_organisation: bool = False,
    keep_text: bool = True,
) -> list[ParticipantRecord]:
    """The records with names replaced, in pseudonym order.

    ``mapping`` (from :func:`pseudonyms`) lets two rounds share one numbering; by
    default it is made from these records. The ``file`` becomes the pseudonym (file
    names usually hold the person's name). The organisation is dropped unless
    ``keep_organisation``; evidence and reflections are kept unless ``keep_text`` is
    False. Sector, level, scores, indicators and challenges are kept.
    """
    mapping = mapping if mapping is not None else pseudonyms(r.name for r in records)
    out: list[ParticipantRecord] = []
    for record in records:
        alias = mapping[person_key(record.name)]
        answers = record.answers
        person = answers.participant.model_copy(
            update={
                "name": alias,
                "organisation": answers.participant.organisation if keep_organisation else None,
            }
        )
        update: dict[str, object] = {"participant": person}
        if not keep_text:
            update |= {"evidence": {}, "reflections": {}}
        out.append(
            record.model_copy(update={"file": alias, "answers": answers.model_copy(update=update)})
        )
    return sorted(out, key=lambda r: r.name)
