"""The report as JSON: every statistic at full precision, for other tools to read."""

from __future__ import annotations

import json
from typing import Any

from bbtool.core.actions import Plan
from bbtool.core.comparison import Comparison
from bbtool.core.results import Grouping, Report
from bbtool.core.review import PlanReview

_text = json.encoder.encode_basestring  # as ensure_ascii=False writes text; C where built
_INF = float("inf")
_PLAIN = frozenset({str, int, float, bool, type(None)})
_flat: dict[str, json.JSONEncoder] = {}


def _number(value: float) -> str:
    """A finite number as JSON; NaN and infinity are refused (as ``allow_nan=False``
    does): standard JSON has no way to write them and its readers refuse them."""
    if value != value or value in (_INF, -_INF):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _text(key)
    if isinstance(key, float):
        return _text(_number(key))
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return _text(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _encode(value: Any, indent: str) -> str:
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _number(value)
    is_list = isinstance(value, (list, tuple))
    if not is_list and not isinstance(value, dict):
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")
    if not value:
        return "[]" if is_list else "{}"
    inner = indent + "  "
    if _PLAIN.issuperset(map(type, value if is_list else value.values())):
        # nothing nested (every participant's score of an item): the C encoder writes
        # it, its item separator doing the indenting
        encoder = _flat.get(inner)
        if encoder is None:
            separators = ("," + inner, ": ")
            encoder = _flat[inner] = json.JSONEncoder(
                ensure_ascii=False, separators=separators, allow_nan=False
            )
        text = encoder.encode(value)
        return text[0] + inner + text[1:-1] + indent + text[-1]
    if is_list:
        items = [_encode(v, inner) for v in value]
        return "[" + inner + ("," + inner).join(items) + indent + "]"
    items = [_key(k) + ": " + _encode(v, inner) for k, v in value.items()]
    return "{" + inner + ("," + inner).join(items) + indent + "}"


def dumps(value: Any) -> str:
    """Exactly ``json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)``, a
    few times faster (NaN and infinity raise ValueError):
    Python's own encoder writes indented JSON in pure Python, value by value, and a
    report on thousands of participants holds every one's score of every item."""
    return _encode(value, "\n")


def _group(report: Report) -> dict[str, Any]:
    """A group's figures (what its members wrote is in the top level's, once)."""
    data = report.model_dump(
        mode="json",
        include={"enablers", "themes"},
        exclude={"enablers": {"__all__": {"evidence"}}, "themes": {"__all__": {"reflections"}}},
    )
    return {"participants": len(report.participants), **data}


def to_json(report: Report, grouping: Grouping | None = None, plan: Plan | None = None) -> str:
    """The whole report; with ``grouping``, each group's results under
    ``groups[by][name]``; with ``plan``, the action plan (see :func:`plan_json`)."""
    data = report.model_dump(mode="json")
    ordered: dict[str, Any] = {
        "area": data["area"],
        "round": data["round"],
        "framework": data["framework"],
        "scale": {"min": data["scale_min"], "max": data["scale_max"]},
        "thresholds": data["thresholds"],
        "participants": data["participants"],
        "not_returned": data["not_returned"],
        "themes": data["themes"],
        "enablers": data["enablers"],
        "indicators": data["indicators"],
        "challenges": data["challenges"],
        "case_studies": data["case_studies"],
    }
    if grouping is not None:
        groups = grouping.groups.items()
        ordered["groups"] = {grouping.by: {name: _group(g) for name, g in groups}}
    ordered |= plan_json(plan)
    return dumps(ordered) + "\n"


def plan_json(plan: Plan | None) -> dict[str, Any]:
    """``actions`` (each with its enablers' mean, flags, agreed score and target this
    round) and ``plan`` (the day overdue is judged on, flagged enablers with no
    action); nothing without a plan."""
    if plan is None:
        return {}
    data = plan.model_dump(mode="json")
    return {
        "plan": {
            "as_of": data["as_of"],
            "as_of_from": data["as_of_from"],
            "unplanned": data["unplanned"],
        },
        "actions": data["actions"],
    }


def comparison_json(comparison: Comparison, review: PlanReview | None = None) -> str:
    """The comparison as JSON: every figure and change at full precision; with
    ``review``, the old round's action plan reviewed, under ``action_review``."""
    data = comparison.model_dump(mode="json")
    ordered: dict[str, Any] = {
        "framework": data["framework"],
        "scale": {"min": data["scale_min"], "max": data["scale_max"]},
        "old": data["old"],
        "new": data["new"],
        "participants": {
            "in_both": data["in_both"],
            "only_old": data["only_old"],
            "only_new": data["only_new"],
            # confirmed in names.yaml, and names that may be one person's
            "same_person": [{"old": o, "new": n} for o, n in comparison.same_person],
            "maybe_same": [{"old": o, "new": n} for o, n in comparison.maybe_same],
        },
        "themes": data["themes"],
        "enablers": data["enablers"],
        "moved_most": data["moved_most"],
        "notes": data["notes"],
    }
    if review is not None:
        ordered["action_review"] = review.model_dump(mode="json")
    return json.dumps(ordered, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
