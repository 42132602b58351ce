"""What a returned form would change in a score file, said when import refuses it."""

from __future__ import annotations

from typing import Any

from bbtool.forms.importer import what_changes


def _answers(**sections: Any) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "participant": {"name": "Priya Shah"},
        "scores": {},
        "indicators": {},
        "evidence": {},
        "challenges": [],
        "reflections": {},
    }
    return {**empty, **sections}


def test_the_same_answers_change_nothing() -> None:
    same = _answers(scores={"leadership": 4})
    assert what_changes(same, same) == ""


def test_each_section_that_differs_is_named_with_its_items() -> None:
    held = _answers(
        participant={"name": "Priya Shah", "sector": "council"},
        scores={"leadership": 4, "locality": 2},
        evidence={"leadership": "Board meets monthly"},
        challenges=["cultural-barriers"],
    )
    form = _answers(
        participant={"name": "Priya Shah"},
        scores={"leadership": 3, "locality": 2, "families-as-partners": "skip"},
        evidence={"leadership": "Board meets monthly", "locality": "Hubs in 3 of 4"},
        challenges=["stretched-capacity"],
        reflections={"people-and-place": "GPs rarely come"},
    )
    assert what_changes(held, form) == (
        "details sector (council to none); "
        "scores of leadership (4 to 3), families-as-partners (none to skip); "
        "evidence for locality; "
        "challenges -cultural-barriers, +stretched-capacity; "
        "reflections on people-and-place"
    )


def test_a_long_list_is_cut_after_three() -> None:
    held = _answers(scores={f"e{i}": 1 for i in range(6)})
    form = _answers(scores={f"e{i}": 2 for i in range(6)})
    assert what_changes(held, form) == (
        "scores of e0 (1 to 2), e1 (1 to 2), e2 (1 to 2) and 3 more"
    )
