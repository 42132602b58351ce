"""Names: which are the same person, which may be, and pairs confirmed alike
(issue 15, item 9)."""

from __future__ import annotations

import pytest

from bbtool.core.names import (
    alike_across_rounds,
    alike_in_one_round,
    confirmed_pairs,
    loose_key,
    may_be_same,
)


@pytest.mark.parametrize(
    "name",
    ["Zoë Ó Briain", "Zoe O Briain", "zoe o'briain", "ZOE  O-BRIAIN", "Zoe\u0308 O\u0301 Briain"],
)
def test_accents_capitals_spaces_and_punctuation_aside(name: str) -> None:
    assert loose_key(name) == "zoeobriain"


def test_may_be_same_is_never_the_same_person() -> None:
    assert may_be_same("Zoë Ó Briain", "Zoe O Briain")
    assert may_be_same("Shah, Priya", "Shah Priya")
    assert not may_be_same("Zoë Ó Briain", "ZOË Ó BRIAIN")  # the same person: not "may be"
    assert not may_be_same("Zoë Ó Briain", "Zoe Brien")
    assert not may_be_same("Priya Shah", "Shah, Priya")  # order matters: never guessed


def test_alike_in_one_round_names_the_later_of_each_pair() -> None:
    names = ["Zoë Ó Briain", "Priya Shah", "Siobhán", "Zoe O Briain", "siobhan"]
    assert alike_in_one_round(names) == [(0, 3), (2, 4)]


def test_alike_across_rounds_only_among_those_in_one_round() -> None:
    old = ["Zoë Ó Briain", "Priya Shah", "Siobhán Ní Bhriain"]
    new = ["PRIYA SHAH", "Siobhan Ni Bhriain", "Zoe O Briain", "Priya-Shah"]
    # Priya is in both rounds (person_key): her look-alike is not suggested for her
    assert alike_across_rounds(old, new) == [
        ("Siobhán Ní Bhriain", "Siobhan Ni Bhriain"),
        ("Zoë Ó Briain", "Zoe O Briain"),
    ]


def test_confirmed_pairs_either_way_round_and_why_a_pair_is_not_used() -> None:
    old = ["Zoë Ó Briain", "Shah, Priya", "Tomasz Nowak", "Ann Lee"]
    new = ["Zoe O Briain", "Priya Shah", "Tomasz Nowak", "Ann Lee", "Grace"]
    pairs = [
        ("Zoë Ó Briain", "Zoe O Briain"),  # last round's name first
        ("Priya Shah", "shah, priya"),  # this round's first, other capitals
        ("Tomasz Nowak", "TOMASZ NOWAK"),
        ("Nobody", "Grace"),
        ("Ann Lee", "Grace"),  # Ann took part in the new round too
        ("Zoë Ó Briain", "Grace"),  # Zoë is linked above
        ("Tomasz Nowak", "Ann Lee"),
    ]
    confirmed = confirmed_pairs(pairs, old, new)
    assert confirmed.renames == {"Zoë Ó Briain": "Zoe O Briain", "Shah, Priya": "Priya Shah"}
    assert confirmed.unused == [
        (2, "names the same person twice; nothing to confirm"),
        (3, "'Nobody' did not take part in the last round"),
        (4, "'Ann Lee' took part in the new round too; the pair is not used"),
        (5, "links a person already linked above; the pair is not used"),
        (6, "'Tomasz Nowak' took part in the new round too; the pair is not used"),
    ]
