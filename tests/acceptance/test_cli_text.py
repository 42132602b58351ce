"""What participants wrote (evidence, reflections) reaches the JSON and Markdown, not
only the workbook; ``--no-text`` leaves it out of every output, and the notes of
``agreed.yaml`` with it; ``--anonymise`` shows it under P01, P02, ... only."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import Result

from _demo import DEMO, NAMES
from _outputs import outputs

Run = Callable[..., Result]
STEM = "northbridge-2026-spring"
PRIYA_LEADERSHIP = (
    "Lead Member and DCS both chair sessions of the Best Start Board; early years budget "
    "protected in the last two savings rounds."
)
FATHERS = "The Parents Forum does not yet reach fathers"
EVERY = ("--json", "--markdown", "--xlsx", "--html")


def _demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns("report")))


def _enabler(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(e for e in data["enablers"] if e["id"] == key)


def _reflections(data: dict[str, Any]) -> list[dict[str, str]]:
    return [r for t in data["themes"] for r in t["reflections"]]


def _all_text(out: Path) -> str:
    texts = []
    for file in outputs(out):
        if file.suffix == ".xlsx":
            wb = load_workbook(file)
            texts += [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
        else:
            texts.append(file.read_text(encoding="utf-8"))
    return "\n".join(texts)


def test_evidence_and_reflections_reach_json_and_markdown(tmp_path: Path, run: Run) -> None:
    root = _demo(tmp_path)
    done = run("report", root, "--json", "--markdown", "--by", "sector", "-q")
    assert done.exit_code == 0, done.output
    data = json.loads((root / "report" / f"{STEM}.json").read_text(encoding="utf-8"))
    said = _enabler(data, "leadership")["evidence"]
    assert said[0] == {"participant": "Priya Shah", "text": PRIYA_LEADERSHIP}
    assert _reflections(data)  # the demo's people wrote reflections
    assert all(set(r) == {"participant", "text"} for r in _reflections(data))
    # once, at the top level: not again in every group
    health = data["groups"]["sector"]["health"]
    assert "evidence" not in health["enablers"][0]
    assert "reflections" not in health["themes"][0]
    markdown = (root / "report" / f"{STEM}.md").read_text(encoding="utf-8")
    assert "## Evidence and reflections" in markdown
    assert f"- Priya Shah (5): {PRIYA_LEADERSHIP}" in markdown
    assert "(reflections)**" in markdown


def test_anonymised_text_names_no_one(tmp_path: Path, run: Run) -> None:
    root = _demo(tmp_path)
    out = tmp_path / "out"
    done = run("report", root, "--anonymise", *EVERY, "--out", out, "-q")
    assert done.exit_code == 0, done.output
    data = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    said = _enabler(data, "leadership")["evidence"]
    assert PRIYA_LEADERSHIP in [s["text"] for s in said]
    assert all(s["participant"].startswith("P") for s in said)
    text = _all_text(out)
    assert PRIYA_LEADERSHIP in text
    assert [name for name in NAMES if name in text] == []


def test_no_text_leaves_out_every_word_and_the_agreed_notes(tmp_path: Path, run: Run) -> None:
    root = _demo(tmp_path)
    out = tmp_path / "out"
    done = run("report", root, "--anonymise", "--no-text", *EVERY, "--out", out, "-q")
    assert done.exit_code == 0, done.output
    data = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    assert all(e["evidence"] == [] for e in data["enablers"])
    assert _reflections(data) == []
    assert all(e["agreed_note"] is None for e in data["enablers"])
    assert _enabler(data, "families-as-partners")["agreed"] == 2  # the figures stay
    text = _all_text(out)
    assert PRIYA_LEADERSHIP not in text
    assert FATHERS not in text
    assert "## Evidence and reflections" not in text
    # without --no-text the note is there
    kept = tmp_path / "kept"
    assert run("report", root, "--anonymise", *EVERY, "--out", kept, "-q").exit_code == 0
    assert FATHERS in _all_text(kept)
