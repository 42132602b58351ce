"""Pseudonyms (P01, P02, ...) that do not depend on the order or case of the names, and
``anonymise``: a pure transform of the records. (That no name is left in any output:
tests/acceptance/test_cli_anonymise.py.)"""

from __future__ import annotations

import unicodedata

from _answers import MakeRecord
from _demo import NAMES, ORGANISATIONS
from bbtool.core.anonymise import anonymise, pseudonyms
from bbtool.core.models import person_key
from bbtool.workspace.loader import Workspace


def test_pseudonyms_are_stable_and_ignore_order_and_case() -> None:
    forward = pseudonyms(NAMES)
    backward = pseudonyms(reversed([n.upper() for n in NAMES]))
    assert forward == backward
    assert sorted(forward.values()) == [f"P{i:02d}" for i in range(1, 11)]
    # the numbering is not the files' (alphabetical) order
    assert [forward[n.casefold()] for n in NAMES] != sorted(forward.values())


def test_pseudonyms_widen_past_99() -> None:
    assert sorted(pseudonyms(f"person {i}" for i in range(120)).values())[0] == "P001"


def test_anonymise_is_a_pure_transform(demo_workspace: Workspace) -> None:
    records = demo_workspace.records
    out = anonymise(records)
    assert [r.name for r in out] == [f"P{i:02d}" for i in range(1, 11)]
    assert all(r.file == r.name for r in out)
    assert all(r.answers.participant.organisation is None for r in out)
    # scores and sectors are kept; the originals are untouched (models are frozen)
    by_alias = {r.name: r for r in out}
    mapping = pseudonyms(r.name for r in records)
    for r in records:
        twin = by_alias[mapping[r.name.casefold()]]
        assert twin.answers.scores == r.answers.scores
        assert twin.answers.evidence == r.answers.evidence
        assert twin.answers.participant.sector == r.answers.participant.sector
    assert records[0].name == "Priya Shah"
    kept = anonymise(records, keep_organisation=True, keep_text=False)
    assert {r.answers.participant.organisation for r in kept} == set(ORGANISATIONS)
    assert all(not r.answers.evidence and not r.answers.reflections for r in kept)


def test_look_alike_names_share_a_pseudonym(make_record: MakeRecord) -> None:
    composed = unicodedata.normalize("NFC", "José Núñez")
    decomposed = unicodedata.normalize("NFD", composed)
    mapping = pseudonyms([composed, decomposed, "\uff21\uff4e\uff4e", "A\u200bnn"])
    assert len(set(mapping.values())) == 2
    out = anonymise([make_record(decomposed)], mapping)
    assert out[0].name == mapping[person_key(composed)]
