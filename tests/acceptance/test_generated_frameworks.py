"""Frameworks of many shapes, generated: scales of 2 to 11 points starting at 0 or 1,
1 to 40 enablers in one to three themes, long titles. For each, a framework folder
is written, checked (``check --framework``), a workspace made with ``init
--framework`` and filled in, and ``report`` run; the default flags must follow the
rule the README documents, worked out here on its own (no LibreOffice, few examples)."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from bbtool.cli import app
from bbtool.render.terminal import report_view
from bbtool.workspace.loader import load_workspace

Answer = int | str | None


def expected_flags(scores: list[int], first: int, last: int) -> tuple[bool | None, bool | None]:
    """(low, polarised) by the README's rule, from first principles."""
    n = len(scores)
    if n < 3:
        return None, None
    points = last - first + 1
    camp = int(points / 3 + 0.5)  # the nearest whole number of points to a third
    low_camp, high_camp = first + camp - 1, last - camp + 1
    low = sum(scores) / n < first + 3 * (last - first) / 8
    lows = sum(s <= low_camp for s in scores)
    highs = sum(s >= high_camp for s in scores)
    k = max(2, math.ceil(n / 3))
    return low, lows >= k and highs >= k and n - lows - highs < min(lows, highs)


@st.composite
def rounds(draw: st.DrawFn) -> dict[str, Any]:
    first = draw(st.sampled_from([0, 1]))
    last = first + draw(st.integers(1, 10))
    enablers = draw(st.integers(1, 40))
    themes = draw(st.integers(1, min(3, enablers)))
    long_title = draw(st.booleans())
    people = draw(st.integers(1, 7))
    values = st.one_of(st.integers(first, last), st.just("skip"), st.none())
    answers = [draw(st.lists(values, min_size=enablers, max_size=enablers)) for _ in range(people)]
    return {
        "first": first,
        "last": last,
        "enablers": enablers,
        "themes": themes,
        "long": long_title,
        "answers": answers,
    }


def framework_files(case: dict[str, Any]) -> dict[str, Any]:
    first, last = case["first"], case["last"]
    ids = [f"e{i}" for i in range(1, case["enablers"] + 1)]
    themes: list[dict[str, Any]] = []
    per = -(-len(ids) // case["themes"])
    for t in range(case["themes"]):
        chunk = ids[t * per : (t + 1) * per]
        if not chunk:
            continue
        title = ("A very long theme title that keeps going " * 4) if case["long"] else "Theme"
        themes.append(
            {
                "id": f"t{t + 1}",
                "title": f"{title} {t + 1}",
                "enablers": [
                    {
                        "id": e,
                        "title": f"Enabler {e} "
                        + ("with a title of many words " * 7) * case["long"],
                        "short_title": f"Short {e}",
                        "indicators": [{"id": f"{e}.1", "text": f"First sign of {e}"}],
                    }
                    for e in chunk
                ],
            }
        )
    return {
        "name": "Generated framework",
        "credit": "hypothesis",
        "scale": {
            "points": [
                {"value": v, "label": f"Point {v}", "descriptor": f"What {v} means"}
                for v in range(first, last + 1)
            ]
        },
        "themes": themes,
    }


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_generated_frameworks_run_end_to_end_with_the_documented_flags(
    case: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        here = Path.cwd()
        os.chdir(tmp)
        try:
            _pipeline(case)
        finally:
            os.chdir(here)


def _pipeline(case: dict[str, Any]) -> None:
    first, last = case["first"], case["last"]
    Path("fw").mkdir()
    data = framework_files(case)
    Path("fw/enablers.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    checked = run("check", "--framework", "fw")
    assert checked.exit_code == 0, checked.output
    people = len(case["answers"])
    made = run("init", "ws", "--framework", "fw", "--participants", str(people))
    assert made.exit_code == 0, made.output
    ids = [e["id"] for t in data["themes"] for e in t["enablers"]]
    for p, answers in enumerate(case["answers"], 1):
        file = sorted(Path("ws/participants").iterdir())[p - 1]
        text = file.read_text(encoding="utf-8")
        for enabler, value in zip(ids, answers, strict=True):
            if value is not None:
                text = text.replace(f"  {enabler}:\n", f"  {enabler}: {value}\n", 1)
        file.write_text(text, encoding="utf-8")
    done = run("report", "ws", "--json", "--markdown", "--out", "out", "-q")
    assert done.exit_code == 0, done.output
    report = json.loads(next(Path("out").glob("*.json")).read_text(encoding="utf-8"))
    for column, enabler in enumerate(report["enablers"]):
        scores = [a[column] for a in case["answers"] if isinstance(a[column], int)]
        assert enabler["n"] == len(scores)
        assert (enabler["low"], enabler["polarised"]) == expected_flags(scores, first, last), (
            enabler["id"],
            scores,
        )
    assert report["thresholds"]["low"] == first + 0.375 * (last - first)
    _at_80_columns(report)


def _at_80_columns(report: dict[str, Any]) -> None:
    """The terminal's enabler table at 80 columns keeps the mean, n and the flags of
    every enabler, however long the titles (issue 13 item 5, issue 15 item 1)."""
    console = Console(width=80, record=True, highlight=False, no_color=True)
    console.print(report_view(load_workspace(Path("ws")).score()))
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert all(len(line) <= 80 for line in lines)
    start = next(k for k, line in enumerate(lines) if line.startswith("Enablers ─"))
    header = lines[start + 1].split()
    assert header[:2] == ["Enabler", "Mean"]
    assert "n" in header
    assert header[-1] == "Flags"
    table = "\n".join(lines[start + 2 :])
    enablers = report["enablers"]
    assert table.count("LOW") >= sum(1 for e in enablers if e["low"])
    assert table.count("POLARISED") >= sum(1 for e in enablers if e["polarised"])
    for enabler in enablers:
        if enabler["mean"] is not None:
            assert f"{enabler['mean']:.2f}" in table
