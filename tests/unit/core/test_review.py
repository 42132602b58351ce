"""What became of each action, judged without the figures (``core/review.py``'s timing
rules; the figures beside them: tests/acceptance/test_cli_actions.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from bbtool.core.actions import Action
from bbtool.core.review import action_timing

DAY = dt.date(2026, 3, 1)  # the new round's meeting


def _action(**fields: object) -> Action:
    return Action.model_validate({"id": "a", "title": "A", "enablers": ["leadership"], **fields})


@pytest.mark.parametrize(
    ("old", "now", "timing"),
    [
        # done: by its completed day against the due date agreed last round
        ({"due": "2025-12-31"}, {"status": "done", "completed": "2025-12-31"}, "on time"),
        ({"due": "2025-12-31"}, {"status": "done", "completed": "2026-01-02"}, "late"),
        # a due date moved later in the new plan does not make a late one on time
        (
            {"due": "2025-12-31"},
            {"status": "done", "completed": "2026-01-02", "due": "2026-06-30"},
            "late",
        ),
        # the old one had none: the new plan's is used
        ({}, {"status": "done", "completed": "2026-01-02", "due": "2026-06-30"}, "on time"),
        ({"due": "2026-06-30"}, {"status": "done"}, "on time"),  # met before it was due
        ({"due": "2025-12-31"}, {"status": "done"}, "done, day not known"),
        ({}, {"status": "done"}, "no due date"),  # nothing to be on time for
        ({"due": "2025-12-31"}, {"status": "in-progress"}, "overdue"),
        ({"due": "2026-03-01"}, {"status": "agreed"}, "not yet due"),  # due on the day
        ({}, {"status": "agreed"}, "no due date"),
        ({"due": "2025-12-31"}, {"status": "dropped"}, "dropped"),
    ],
)
def test_timing(old: dict[str, object], now: dict[str, object], timing: str) -> None:
    assert action_timing(_action(status="agreed", **old), _action(**now), DAY) == timing


@pytest.mark.parametrize(
    ("status", "timing"),
    [
        ("done", "done last round"),
        ("dropped", "dropped last round"),
        ("agreed", "not in the new plan"),
        ("in-progress", "not in the new plan"),
    ],
)
def test_an_action_the_new_plan_does_not_list(status: str, timing: str) -> None:
    assert action_timing(_action(status=status), None, DAY) == timing
