"""Thresholds that follow the scale (``Thresholds.for_scale``), the middle point, and
a framework's own faults (``core/frameworks.py``), each at its place."""

from __future__ import annotations

from typing import Any

import pytest

from bbtool.core.frameworks import framework_faults
from bbtool.core.models import Framework, Scale, Thresholds
from bbtool.core.statistics import describe


def scale(first: int, last: int) -> dict[str, Any]:
    return {
        "points": [
            {"value": v, "label": f"L{v}", "descriptor": f"D{v}"} for v in range(first, last + 1)
        ]
    }


def framework_data(first: int = 1, last: int = 5, **more: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Test frame",
        "credit": "us",
        "scale": scale(first, last),
        "themes": [
            {
                "id": "t",
                "title": "T",
                "enablers": [
                    {
                        "id": "a",
                        "title": "A",
                        "short_title": "A",
                        "indicators": [{"id": "a.1", "text": "x"}],
                    },
                    {"id": "b", "title": "B", "short_title": "B"},
                ],
            }
        ],
    }
    return {**data, **more}


def located(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    framework = Framework.model_validate(data, context={"faults": "mine"})
    return [(f.loc, f.message) for f in framework_faults(framework)]


# ------------------------------------------------------------ thresholds follow the scale


@pytest.mark.parametrize(
    ("first", "last", "low", "low_camp", "high_camp"),
    [
        (1, 5, 2.5, 2, 4),  # today's values, exactly
        (1, 4, 2.125, 1, 4),  # even: one point at each end, 2 and 3 in between
        (0, 4, 1.5, 1, 3),
        (1, 10, 4.375, 3, 8),  # three points at each end
        (0, 10, 3.75, 3, 7),  # 11 points: round(11 / 3) = 4 at each end
        (1, 6, 2.875, 2, 5),
        (0, 1, 0.375, 0, 1),  # two points: one each
        (1, 3, 1.75, 1, 3),
    ],
)
def test_default_thresholds_follow_the_scale(
    first: int, last: int, low: float, low_camp: int, high_camp: int
) -> None:
    t = Thresholds.for_scale(first, last)
    assert (t.low, t.low_camp, t.high_camp) == (low, low_camp, high_camp)
    # symmetric camps: as many points at the bottom as at the top
    assert t.low_camp - first == last - t.high_camp
    assert Thresholds.for_scale(1, 5) == Thresholds()
    framework = Framework.model_validate(framework_data(first, last))
    assert framework.thresholds == t


def test_zero_to_four_unanimous_middle_is_not_low() -> None:
    t = Thresholds.for_scale(0, 4)
    assert describe([2, 2, 2], 0, 4, t).low is False
    assert describe([1, 1, 2], 0, 4, t).low is True  # 1.33 < 1.5


def test_one_to_ten_fives_are_no_high_camp_and_three_is_low() -> None:
    t = Thresholds.for_scale(1, 10)
    assert describe([1, 1, 1, 5, 5, 5, 5], 1, 10, t).polarised is False
    assert describe([1, 1, 1, 9, 9, 10, 10], 1, 10, t).polarised is True
    assert describe([3, 3, 3], 1, 10, t).low is True  # 3 < 4.375
    assert describe([5, 5, 5], 1, 10, t).low is False


def test_one_to_four_camps_are_the_ends() -> None:
    t = Thresholds.for_scale(1, 4)
    assert describe([2, 2, 3, 3], 1, 4, t).polarised is False  # neighbours, not camps
    assert describe([1, 1, 4, 4], 1, 4, t).polarised is True


def test_a_framework_may_set_some_thresholds_and_the_rest_follow_its_scale() -> None:
    framework = Framework.model_validate(framework_data(1, 10, thresholds={"low": 5.0}))
    assert framework.thresholds == Thresholds(low=5.0, low_camp=3, high_camp=8)


@pytest.mark.parametrize(("first", "last", "middle"), [(1, 5, 3), (0, 4, 2), (1, 4, None)])
def test_middle_point(first: int, last: int, middle: int | None) -> None:
    assert Scale.model_validate(scale(first, last)).middle == middle


# ------------------------------------------------------------ faults, each at its place


def test_a_sound_framework_has_no_faults() -> None:
    assert located(framework_data()) == []


def test_ids_used_twice_are_found_at_the_second() -> None:
    data = framework_data()
    data["themes"][0]["enablers"][1]["id"] = "a"
    data["themes"][0]["enablers"][1]["indicators"] = [{"id": "a.1", "text": "y"}]
    data["challenges"] = [
        {"id": "c", "title": "C", "summary": "s"},
        {"id": "c", "title": "D", "summary": "s"},
    ]
    data["case_studies"] = [
        {"id": "K", "title": "K", "place": "p", "summary": "s"},
        {"id": "K", "title": "L", "place": "p", "summary": "s"},
    ]
    framework = Framework.model_validate(data, context={"faults": "mine"})
    faults = {(f.loc, f.message, f.first) for f in framework_faults(framework)}
    second = ("themes", 0, "enablers", 1)
    assert faults == {
        (
            (*second, "id"),
            "enabler id 'a' is used twice; each needs its own",
            ("themes", 0, "enablers", 0, "id"),
        ),
        (
            (*second, "indicators", 0, "id"),
            "indicator id 'a.1' is used twice; each needs its own",
            ("themes", 0, "enablers", 0, "indicators", 0, "id"),
        ),
        (
            ("challenges", 1, "id"),
            "challenge id 'c' is used twice; each needs its own",
            ("challenges", 0, "id"),
        ),
        (
            ("case_studies", 1, "id"),
            "case study id 'K' is used twice; each needs its own",
            ("case_studies", 0, "id"),
        ),
    }


def test_dotted_and_misprefixed_ids() -> None:
    data = framework_data()
    enablers = data["themes"][0]["enablers"]
    enablers[1]["id"] = "b.x"
    enablers[0]["indicators"] = [{"id": "b.1", "text": "x"}, {"id": "a.1.2", "text": "y"}]
    assert located(data) == [
        (
            ("themes", 0, "enablers", 0, "indicators", 0, "id"),
            "indicator id 'b.1' must be its enabler's id, a dot and a number or word: "
            "a.1, a.2, ...",
        ),
        (
            ("themes", 0, "enablers", 0, "indicators", 1, "id"),
            "indicator id 'a.1.2' holds a second dot; write a. and a number or word without dots",
        ),
        (
            ("themes", 0, "enablers", 1, "id"),
            "enabler id 'b.x' holds a dot; dots join an enabler's id to its indicators' "
            "numbers, so write it with - or _ instead",
        ),
    ]


def test_case_study_naming_an_unknown_enabler() -> None:
    data = framework_data(
        case_studies=[
            {"id": "K", "title": "K", "place": "p", "summary": "s", "enablers": ["a", "zz"]}
        ]
    )
    assert located(data) == [
        (
            ("case_studies", 0, "enablers", 1),
            "case study 'K' names 'zz', which is not an enabler; the enablers are: a, b",
        )
    ]


def test_scale_out_of_order_and_thresholds_off_it() -> None:
    data = framework_data()
    data["scale"]["points"][2]["value"] = 7
    assert located(data) == [
        (
            ("scale", "points", 2, "value"),
            "7 does not follow 2; the scale's values run up one at a time, lowest first "
            "(1, 2, ...)",
        )
    ]
    data = framework_data(thresholds={"low": 6.0, "high_camp": 9})
    assert located(data) == [
        (("thresholds", "low"), "thresholds.low: 6 is off the scale; give a number from 1 to 5"),
        (
            ("thresholds", "high_camp"),
            "thresholds.high_camp: 9 is off the scale; give a whole number from 1 to 5",
        ),
    ]


def test_from_python_the_first_fault_is_an_error() -> None:
    data = framework_data()
    data["themes"][0]["enablers"][1]["id"] = "a"
    with pytest.raises(ValueError, match="enabler id 'a' is used twice"):
        Framework.model_validate(data)
