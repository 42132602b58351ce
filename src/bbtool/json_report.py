"""The report as JSON: every statistic at full precision, for other tools to read."""

from __future__ import annotations

import json

from bbtool.results import Report


def to_json(report: Report) -> str:
    data = report.model_dump(mode="json")
    ordered = {
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
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
