"""The action plan's pure parts: owners under --anonymise (the rule the README states)."""

from __future__ import annotations

import pytest

from bbtool.core.actions import (
    LEFT_OUT,
    ActionsFile,
    anonymised_plan,
    looks_like_a_person,
    names_someone,
)


@pytest.mark.parametrize(
    "owner",
    [
        "Priya Shah",
        "Mary O'Neill",
        "Ciarán Murphy",
        "Dr Shah",
        "Cllr Jones",
        "Priya Shah, Head of Early Help",
        "Head of Early Help (Priya Shah)",
        "Parents Forum and Tomasz Nowak",
        "Grace Adeyemi / ICB",
    ],
)
def test_an_owner_that_reads_as_a_persons_name(owner: str) -> None:
    assert looks_like_a_person(owner)


@pytest.mark.parametrize(
    "owner",
    [
        "Head of Early Help",
        "Parents Forum",
        "Council",
        "ICB data lead",
        "Director of Children's Services",
        "NHS Trust",
        "Health Visiting",
        "Family Hubs Board",
        "Health and Wellbeing Board",
        "Early years team",
    ],
)
def test_an_owner_that_reads_as_a_role_or_organisation(owner: str) -> None:
    assert not looks_like_a_person(owner)


def test_an_owner_names_a_participant_however_typed() -> None:
    people = ["Priya Shah", "Tomasz Nowak"]
    assert names_someone("priya shah", people)
    assert names_someone("PRIYA\u200b SHAH (Head of Early Help)", people)
    assert names_someone("Head of Early Help: Tomasz Nowak", people)
    assert not names_someone("Priya Shahid", people)  # whole words only
    assert not names_someone("Head of Early Help", people)


PLAN = ActionsFile.model_validate(
    {
        "actions": [
            {"id": "a", "title": "A", "enablers": ["leadership"], "owner": "Priya Shah"},
            {"id": "b", "title": "B", "enablers": ["leadership"], "owner": "Jane Doe"},
            {"id": "c", "title": "C", "enablers": ["leadership"], "owner": "Parents Forum"},
            {"id": "d", "title": "D", "enablers": ["leadership"]},
        ]
    }
)


def test_anonymise_leaves_out_owners_who_take_part() -> None:
    owners = [a.owner for a in anonymised_plan(PLAN, ["Priya Shah"], no_text=False).actions]
    # Jane Doe takes no part in the round: kept, as --no-text is not given
    assert owners == [LEFT_OUT, "Jane Doe", "Parents Forum", None]


def test_no_text_also_leaves_out_any_owner_that_looks_like_a_person() -> None:
    owners = [a.owner for a in anonymised_plan(PLAN, ["Priya Shah"], no_text=True).actions]
    assert owners == [LEFT_OUT, LEFT_OUT, "Parents Forum", None]
