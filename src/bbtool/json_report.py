"""The report as JSON: every statistic at full precision, for other tools to read."""

from __future__ import annotations

import json
from typing import Any

from bbtool.results import Report


def _group(report: Report) -> dict[str, Any]:
    data = report.model_dump(mode="json", include={"enablers", "themes"})
    return {"participants": len(report.participants), **data}


def to_json(report: Report, groups: dict[str, Report] | None = None, by: str | None = None) -> str:
    """The whole report; with ``groups``, their results under ``groups[by][name]``."""
    data = report.model_dump(mode="json")
    ordered: dict[str, Any] = {
        "area": data["area"],
        "round": data["round"],
        "framework": data["framework"],
        "scale": {"min": data["scale_min"], "max": data["scale_max"]},
        "thresholds": data["thresholds"],
        "participants": data["participants"],
        "themes": data["themes"],
        "enablers": data["enablers"],
        "indicators": data["indicators"],
        "challenges": data["challenges"],
        "case_studies": data["case_studies"],
    }
    if groups is not None and by is not None:
        ordered["groups"] = {by: {name: _group(g) for name, g in groups.items()}}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
