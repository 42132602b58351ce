"""Names across rounds (issue 15, item 9): "Zoë Ó Briain" last year and "Zoe O Briain"
this year are suggested as likely one person in every output ``compare`` writes; the
facilitator confirms them in the new round's ``names.yaml``, and the same people's
change then counts them. ``check`` warns of such names within one round."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from bbtool.render.ci import pre_commit_config

Run = Callable[..., Result]

pytestmark = pytest.mark.usefixtures("in_tmp")

OLD = {"Zoë Ó Briain": 2, "Siobhán Ní Bhriain": 3, "Shah, Priya": 4}
NEW = {"Zoe O Briain": 4, "Siobhan Ni Bhriain": 3, "Shah, Priya": 5}


def _round(folder: str, year: str, people: dict[str, int]) -> Path:
    root = Path(folder)
    (root / "participants").mkdir(parents=True)
    (root / "bbtool.yaml").write_text(f'area: Northbridge\nround: "{year}"\n', encoding="utf-8")
    for i, (name, score) in enumerate(people.items(), 1):
        (root / "participants" / f"{i:02d}.yaml").write_text(
            f'participant:\n  name: "{name}"\nscores:\n  leadership: {score}\n', encoding="utf-8"
        )
    return root


def _compare(run: Run, *extra: str) -> tuple[Result, dict[str, Any], str]:
    result = run("compare", "old", "new", "--json", "--markdown", "--out", "out", *extra)
    assert result.exit_code == 0, result.output
    data = json.loads(next(Path("out").glob("*.json")).read_text(encoding="utf-8"))
    markdown = next(Path("out").glob("*.md")).read_text(encoding="utf-8")
    return result, data, markdown


def _leadership(data: dict[str, Any]) -> tuple[float, int]:
    e = next(e for e in data["enablers"] if e["id"] == "leadership")
    return e["same_people_change"], e["same_people_n"]


def test_names_alike_across_rounds_are_suggested_everywhere(run: Run) -> None:
    _round("old", "2025", OLD)
    _round("new", "2026", NEW)
    result, data, markdown = _compare(run)
    assert data["participants"]["in_both"] == ["Shah, Priya"]
    assert data["participants"]["maybe_same"] == [
        {"old": "Zoë Ó Briain", "new": "Zoe O Briain"},
        {"old": "Siobhán Ní Bhriain", "new": "Siobhan Ni Bhriain"},
    ]
    assert data["participants"]["same_person"] == []
    assert _leadership(data) == (1.0, 1)  # Priya alone: 4 -> 5
    line = (
        "'Zoë Ó Briain' (2025) and 'Zoe O Briain' (2026) may be the same person; if so, "
        'add "Zoë Ó Briain": "Zoe O Briain" under same_person: in names.yaml in the new '
        "round's folder"
    )
    assert " ".join(result.stdout.split()).count(line) == 1
    assert f"- {line.replace('same_person', 'same' + chr(92) + '_person')}" in markdown


def test_names_confirmed_in_names_yaml_are_one_person(run: Run) -> None:
    _round("old", "2025", OLD)
    new = _round("new", "2026", NEW)
    (new / "names.yaml").write_text(
        '# the last round\'s name: this round\'s\nsame_person:\n  "Zoë Ó Briain": "Zoe O Briain"\n',
        encoding="utf-8",
    )
    result, data, markdown = _compare(run)
    assert data["participants"]["in_both"] == ["Zoe O Briain", "Shah, Priya"]
    assert data["participants"]["only_old"] == ["Siobhán Ní Bhriain"]
    assert data["participants"]["same_person"] == [{"old": "Zoë Ó Briain", "new": "Zoe O Briain"}]
    assert data["participants"]["maybe_same"] == [
        {"old": "Siobhán Ní Bhriain", "new": "Siobhan Ni Bhriain"}
    ]
    assert _leadership(data) == ((4 - 2 + 5 - 4) / 2, 2)
    assert "Zoe O Briain was named 'Zoë Ó Briain' in 2025 (names.yaml)." in result.stdout
    assert "- Zoe O Briain was named 'Zoë Ó Briain' in 2025 (names.yaml)." in markdown
    # anonymised: the same person keeps one number; no name is shown, and the likely
    # match is only counted
    shutil_out = Path("out")
    for file in shutil_out.iterdir():
        file.unlink()
    result, data, _ = _compare(run, "--anonymise")
    assert _leadership(data) == (1.5, 2)
    assert len(data["participants"]["in_both"]) == 2
    assert data["participants"]["same_person"] == []
    assert "Zo" not in json.dumps(data, ensure_ascii=False)
    assert (
        "bbtool: 1 name(s) in only one round may be the same person's as one in the other; "
        "run compare without --anonymise to see them" in result.stderr
    )


def test_names_yaml_checked_at_its_lines(run: Run) -> None:
    _round("old", "2025", OLD)
    new = _round("new", "2026", NEW)
    names = new / "names.yaml"
    names.write_text(
        'same_person:\n  "Zoë Ó Briain": "Zoe O Briain"\n  "Ann": "Bob"\n'
        '  "Nobody": "Siobhan Ni Bhriain"\n',
        encoding="utf-8",
    )
    result = run("compare", "old", "new")
    assert result.exit_code == 0, result.output
    assert (
        "new/names.yaml:3:3: warning: same_person: 'Ann': neither 'Ann' nor 'Bob' is a "
        "participant of this round; each pair is the last round's name and this round's"
    ) in result.stderr
    assert (
        "new/names.yaml:4:3: warning: same_person: 'Nobody': 'Nobody' did not take part "
        "in the last round"
    ) in result.stderr
    names.write_text('same_person:\n  "Zoë Ó Briain":\nsame_persons: {}\n', encoding="utf-8")
    result = run("check", "new")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "new/names.yaml:2:18: same_person.Zoë Ó Briain is empty; write it as text",
        "new/names.yaml:3:1: 'same_persons' is not a section; did you mean 'same_person'?",
    ]
    # given alone (as the pre-commit hook gives it), it is checked as names.yaml
    alone = run("check", names)
    assert alone.exit_code == 1
    assert alone.stdout.startswith(
        "new/names.yaml:2:18: same_person.Zoë Ó Briain is empty; write it as text\n"
    )
    hook = re.search(r"files: (.*)$", pre_commit_config(), re.M)
    assert hook is not None
    assert re.search(hook.group(1), "2026/names.yaml")


def test_check_warns_of_names_alike_in_one_round(run: Run) -> None:
    root = _round("ws", "2026", {"Zoë Ó Briain": 2, "Priya Shah": 3, "Zoe O'Briain": 4})
    result = run("check", root)
    assert result.exit_code == 0, result.output
    assert (
        'ws/participants/03.yaml:2:9: warning: participant.name: "Zoe O\'Briain" looks '
        "like 'Zoë Ó Briain' in ws/participants/01.yaml (accents, spaces or punctuation "
        "aside); if they are one person, keep one file"
    ) in result.stdout
