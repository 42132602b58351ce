"""The action plan's pure parts: owners under --anonymise (the rule the README states),
statuses, and the warnings on the day the plan is judged on."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bbtool.core.actions import (
    LEFT_OUT,
    ActionsFile,
    anonymised_plan,
    looks_like_a_person,
    names_someone,
    plan_warnings,
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


def _one(**fields: object) -> ActionsFile:
    return ActionsFile.model_validate(
        {"actions": [{"id": "a", "title": "A", "enablers": ["leadership"], **fields}]}
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Done", "done"), ("In progress", "in-progress"), ("in_progress", "in-progress")],
)
def test_a_status_written_another_way_is_refused_with_the_one_meant(
    written: str, meant: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _one(status=written)
    assert f"is {written!r}, not a status; did you mean {meant!r}? use one of:" in str(caught.value)


def test_overdue_says_which_day_it_is_judged_on() -> None:
    plan = _one(status="agreed", owner="Council", due="2026-01-31")
    ((_, meeting),) = plan_warnings(plan, dt.date(2026, 3, 12), "meeting date")
    assert meeting.endswith("not done or dropped, as of 2026-03-12 (the meeting date)")
    ((_, today),) = plan_warnings(plan, dt.date(2026, 3, 12), "today")
    assert today.endswith("as of 2026-03-12 (today; bbtool.yaml has no date:)")


def test_a_completed_day_that_cannot_be_right_is_a_warning_at_it() -> None:
    day = dt.date(2026, 3, 12)
    not_done = _one(status="agreed", owner="Council", due="2026-12-31", completed="2026-02-01")
    assert plan_warnings(not_done, day) == [
        (
            ("actions", 0, "completed"),
            "action 'a' has completed: 2026-02-01 but is agreed; write status: done, or take "
            "out completed:",
        )
    ]
    later = _one(status="done", notes="Done.", completed="2026-03-13")
    assert plan_warnings(later, day) == [
        (
            ("actions", 0, "completed"),
            "action 'a' was completed 2026-03-13, after the day the plan is judged on, "
            "2026-03-12 (the meeting date); check the day",
        )
    ]
    assert plan_warnings(_one(status="done", notes="Done.", completed="2026-03-12"), day) == []
