"""The JSON writer: the same text as ``json.dumps(indent=2, ensure_ascii=False)``, and
never a NaN or an infinity, which standard JSON readers refuse."""

from __future__ import annotations

import json
import math

import pytest

from bbtool.core.results import Report
from bbtool.render.json import dumps, to_json


def test_dumps_writes_what_json_dumps_writes() -> None:
    value = {"a": [1, 2.5, None, True, "é"], "b": {"c": [], "d": {}, "e": [{"f": 0.1}]}}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("where", ["flat", "nested", "key"])
def test_nan_and_infinity_are_refused(bad: float, where: str) -> None:
    value = {"flat": [1.0, bad], "nested": {"x": [{"y": bad}]}, "key": {bad: 1}}[where]
    with pytest.raises(ValueError, match="not JSON compliant"):
        dumps(value)


def test_the_report_json_is_strict_json(demo_report: Report) -> None:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    json.loads(to_json(demo_report), parse_constant=refuse)
