"""Score files that hold no answer yet (a template ``init`` wrote, not filled in): their
people are "not returned yet" in every output, and are not counted as taking part."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import Result

from bbtool.app.report import prepare
from bbtool.render.radar.report import build_radars

Run = Callable[..., Result]


def _answer(file: Path, score: int) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("  leadership:\n", f"  leadership: {score}\n", 1), "utf-8")


def _subtitles(root: Path) -> list[str]:
    prepared = prepare(root)
    figure = build_radars(prepared.report, prepared.framework)["radar-enablers.png"]
    return [t.get_text() for t in figure.texts]


def test_right_after_init_no_one_has_taken_part(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "ws"
    assert run("init", root, "--names", "Ann Lee,Ben Ode,Cat Roy").exit_code == 0
    done = run("report", root, "--json")
    assert done.exit_code == 0, done.output
    assert "(0 participants; 3 not returned yet)" in done.stdout
    assert "Not returned yet (no answer in their score file): Ann Lee, Ben Ode, Cat Roy" in (
        done.stdout
    )
    assert any("0 participants; 3 not returned yet" in t for t in _subtitles(root))
    assert not any("3 participants" in t for t in _subtitles(root))


def test_counts_are_of_respondents_in_every_output(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "ws"
    assert run("init", root, "--names", "Ann Lee,Ben Ode,Cat Roy").exit_code == 0
    _answer(root / "participants" / "02-ben-ode.yaml", 4)
    out = tmp_path / "out"
    done = run("report", root, "--json", "--markdown", "--xlsx", "--html", "--out", out)
    assert done.exit_code == 0, done.output
    assert "(1 participant; 2 not returned yet)" in done.stdout
    data = json.loads((out / "ws-2026.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in data["participants"]] == ["Ben Ode"]
    assert [p["name"] for p in data["not_returned"]] == ["Ann Lee", "Cat Roy"]
    leadership = next(e for e in data["enablers"] if e["id"] == "leadership")
    assert (leadership["n"], leadership["unanswered"]) == (1, 0)
    markdown = (out / "ws-2026.md").read_text(encoding="utf-8")
    assert ": 1 participant; 2 not returned yet." in markdown
    assert "Not returned yet (no answer in their score file): Ann Lee, Cat Roy." in markdown
    wb = load_workbook(out / "ws-2026.xlsx")
    titles = [c.value for c in wb["Summary"]["A"][:3] if isinstance(c.value, str)]
    assert any(t.endswith(", 1 participant; 2 not returned yet") for t in titles), titles
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True) if r[0]}
    assert (about["Participants"], about["Not returned yet"]) == (1, "Ann Lee, Cat Roy")
    scores = [v for row in wb["Scores"].iter_rows(values_only=True) for v in row]
    assert "Ben Ode" in scores
    assert "Ann Lee" not in scores  # a row for those who answered only
    html = (out / "ws-2026.html").read_text(encoding="utf-8")
    assert "<strong>1</strong> took part. 2 not returned yet." in html
    assert "Ann Lee" not in html  # the meeting view names no one
    assert any("1 participant; 2 not returned yet" in t for t in _subtitles(root))
    # grouped, the blank files make no group of their own
    grouped = run("report", root, "--by", "sector", "--json", "--out", out)
    assert grouped.exit_code == 0, grouped.output
    groups = json.loads((out / "ws-2026.json").read_text(encoding="utf-8"))["groups"]
    assert [g["participants"] for g in groups["sector"].values()] == [1]
