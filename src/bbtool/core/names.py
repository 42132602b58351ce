"""People's names: which are the same person, which may be, and names confirmed alike.

Two names are **the same person** when :func:`bbtool.core.models.person_key` agrees
(capitals, look-alike letters, runs of spaces aside): ``check`` refuses two files with
one person's name, ``compare`` matches them across rounds. Two names **may be** the
same person when only accents, spaces and punctuation tell them apart (:func:`loose_key`):
"Zoë Ó Briain" and "Zoe O'Briain". bbtool never decides that alone: ``check`` warns of
such names in one round, ``compare`` suggests them across rounds, and the facilitator
confirms a pair in the new round's ``names.yaml`` (:func:`confirmed_pairs`).

Pure: names in, matches out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bbtool.core.models import ParticipantRecord, person_key


def loose_key(name: str) -> str:
    """``name`` without what a person may type one way in one round and another way in
    the next: capitals, accents, spaces, hyphens, apostrophes and other punctuation.
    "Zoë Ó Briain", "zoe o'briain" and "Zoe  OBriain" all give "zoeobriain". A name of
    nothing but punctuation keeps its :func:`person_key`."""
    decomposed = unicodedata.normalize("NFKD", person_key(name))
    kept = "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept) or person_key(name)


def may_be_same(a: str, b: str) -> bool:
    """Whether two names that are not the same person's may be: they differ only in
    accents, spaces or punctuation. The one rule ``check`` and ``compare`` share."""
    return person_key(a) != person_key(b) and loose_key(a) == loose_key(b)


def alike_in_one_round(names: Sequence[str]) -> list[tuple[int, int]]:
    """Each later name (its index) that :func:`may_be_same` as an earlier one (its
    index): (earlier, later), in the order of the later."""
    first: dict[str, int] = {}
    found: list[tuple[int, int]] = []
    for i, name in enumerate(names):
        key = loose_key(name)
        if key in first and may_be_same(names[first[key]], name):
            found.append((first[key], i))
        first.setdefault(key, i)
    return found


def alike_across_rounds(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str]]:
    """(old name, new name) for each name found in only one round that may be the
    same person as one found only in the other, in the new round's order."""
    old_keys = {person_key(n) for n in old}
    new_keys = {person_key(n) for n in new}
    only_old = [n for n in old if person_key(n) not in new_keys]
    by_loose: dict[str, list[str]] = {}
    for name in only_old:
        by_loose.setdefault(loose_key(name), []).append(name)
    return [
        (before, name)
        for name in new
        if person_key(name) not in old_keys
        for before in by_loose.get(loose_key(name), [])
    ]


@dataclass(frozen=True)
class Confirmed:
    """What a names.yaml's pairs come to for two rounds: ``renames`` maps each old
    round's name (as written there) to the new round's (as written there); ``unused``
    holds each pair given (its index) that links no one, and why."""

    renames: dict[str, str]
    unused: list[tuple[int, str]]


def confirmed_pairs(
    pairs: Sequence[tuple[str, str]], old: Sequence[str], new: Sequence[str]
) -> Confirmed:
    """The pairs a facilitator confirmed (each the last round's name and this round's,
    in either order) matched to the names of the two rounds."""
    old_by = {person_key(n): n for n in old}
    new_by = {person_key(n): n for n in new}
    renames: dict[str, str] = {}
    unused: list[tuple[int, str]] = []
    for i, (a, b) in enumerate(pairs):
        link = _link(a, b, old_by, new_by)
        if isinstance(link, str):
            unused.append((i, link))
        elif link[0] in renames or link[1] in renames.values():
            unused.append((i, "links a person already linked above; the pair is not used"))
        else:
            renames[link[0]] = link[1]
    return Confirmed({old_by[k]: new_by[v] for k, v in renames.items()}, unused)


def _link(a: str, b: str, old_by: dict[str, str], new_by: dict[str, str]) -> tuple[str, str] | str:
    """The keys (old, new) a pair links, or why it links no one."""
    ka, kb = person_key(a), person_key(b)
    if ka == kb:
        return "names the same person twice; nothing to confirm"
    link = next(((o, n) for o, n in ((ka, kb), (kb, ka)) if o in old_by and n in new_by), None)
    if link is None:
        known = [n for n in (a, b) if person_key(n) in old_by or person_key(n) in new_by]
        if not known:
            return f"neither {a!r} nor {b!r} took part in either round"
        if len(known) == 2:
            return f"{a!r} and {b!r} took part in the same round; a pair is one name from each"
        missing = b if known == [a] else a
        if person_key(known[0]) in new_by:
            return f"{missing!r} did not take part in the last round"
        return f"{missing!r} did not take part in this round"
    if link[0] in new_by:
        return f"{old_by[link[0]]!r} took part in the new round too; the pair is not used"
    if link[1] in old_by:
        return f"{new_by[link[1]]!r} took part in the old round too; the pair is not used"
    return link


def renamed(
    records: Sequence[ParticipantRecord], renames: dict[str, str]
) -> list[ParticipantRecord]:
    """``records`` with each name in ``renames`` (matched by person_key) given its new
    name, so both rounds call a confirmed person one name."""
    by_key = {person_key(k): v for k, v in renames.items()}
    out = []
    for r in records:
        new_name = by_key.get(person_key(r.name))
        if new_name is None:
            out.append(r)
            continue
        participant = r.answers.participant.model_copy(update={"name": new_name})
        out.append(
            r.model_copy(
                update={"answers": r.answers.model_copy(update={"participant": participant})}
            )
        )
    return out
