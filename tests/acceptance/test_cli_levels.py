"""Levels and groups as a first round meets them (issue 15, item 2): "Operational" from
a form and "operational" from a file are one group; ``level`` takes only the levels
allowed, the built-in two or those ``bbtool.yaml`` sets, and every place a person
picks or reads a level (form drop-down, templates, ``score -i``, the JSON schema)
offers the workspace's own."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from _forms import fill, make_forms, slot
from bbtool.cli import app
from bbtool.core.models import Framework

Run = Callable[..., Result]

LEVELS = "levels: [strategic, operational, frontline]\n"


def _person(name: str, level: str, score: int) -> str:
    return f'participant:\n  name: "{name}"\n  level: {level}\nscores:\n  leadership: {score}\n'


def _new_workspace(run: Run, levels: str = "") -> Path:
    assert run("init", "ws", "--names", "Zoë Ó Briain").exit_code == 0
    if levels:
        with Path("ws/bbtool.yaml").open("a", encoding="utf-8") as config:
            config.write(levels)
    return Path("ws")


def test_a_form_level_in_capitals_joins_the_files_group(
    run: Run, framework: Framework, in_tmp: Path
) -> None:
    root = _new_workspace(run)
    (root / "participants" / "01-zoë-ó-briain.yaml").write_text(
        _person("Zoë Ó Briain", "operational", 2), encoding="utf-8"
    )
    (form,) = make_forms(run, root, "Siobhán Ní Bhriain")
    # Excel's list validation ignores case: "Operational" is what a person may type
    fill(form, framework, {("detail", "level"): "Operational", ("score", "leadership"): 4})
    assert run("import", form, "--into", root).exit_code == 0
    result = run("report", root, "--by", "level", "--json", "--quiet")
    assert result.exit_code == 0, result.output
    data = json.loads(next((root / "report").glob("*.json")).read_text(encoding="utf-8"))
    by_level = data["groups"]["level"]
    assert list(by_level) == ["operational"]  # one group, named as first written
    assert by_level["operational"]["enablers"][0]["mean"] == 3.0  # (2 + 4) / 2


def test_a_form_level_not_on_the_list_is_refused_at_its_cell(
    run: Run, framework: Framework, in_tmp: Path
) -> None:
    root = _new_workspace(run)
    (form,) = make_forms(run, root, "Siobhán Ní Bhriain")
    fill(form, framework, {("detail", "level"): "operatonal"})  # pasted past the list
    result = run("import", form, "--into", root)
    assert result.exit_code == 1
    where = slot(framework, "detail", "level")
    assert result.stderr.startswith(
        f"{form}, sheet '{where.sheet}', cell {where.ref}: 'operatonal' is not a level; "
        "did you mean 'operational'?\n"
    )


def test_the_workspaces_levels_everywhere_a_level_is_chosen(
    run: Run, framework: Framework, in_tmp: Path
) -> None:
    root = _new_workspace(run, LEVELS)
    # init again in the workspace: the new person's template names the levels
    assert run("init", root, "--names", "Siobhán Ní Bhriain").exit_code == 0
    template = (root / "participants" / "02-siobhán-ní-bhriain.yaml").read_text(encoding="utf-8")
    assert re.search(r"^  level: +# strategic, operational or frontline$", template, re.M)
    # the form: its label and its drop-down list
    (form,) = make_forms(run, root, "Priya Shah")
    wb = load_workbook(form)
    where = slot(framework, "detail", "level")
    sheet = wb[where.sheet]
    row = int(where.ref[1:])
    assert sheet.cell(row=row, column=1).value == "Level (strategic, operational, frontline)"
    lists = [dv for dv in sheet.data_validations.dataValidation if where.ref in str(dv.sqref)]
    assert [dv.formula1 for dv in lists] == ['"strategic,operational,frontline"']
    # a form with "Frontline" chosen comes back and checks
    fill(form, framework, {("detail", "level"): "Frontline"})
    assert run("import", form, "--into", root).exit_code == 0
    assert run("check", root).exit_code == 0


def test_schema_and_interactive_prompt_follow_the_levels(
    run: Run, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _new_workspace(run, LEVELS)
    monkeypatch.chdir(root)
    result = run("schema")
    assert result.exit_code == 0, result.output
    level = json.loads(result.stdout)["properties"]["participant"]["properties"]["level"]
    assert level["description"] == "One of: strategic, operational, frontline."
    pattern = re.compile(level["pattern"])
    assert pattern.match("Frontline")
    assert pattern.match(" operational ")
    assert not pattern.match("front line")
    monkeypatch.chdir(in_tmp)
    file = root / "participants" / "09-new.yaml"
    answers = ["Zoe O Briain", "", "health", "front line", "FRONTLINE", "q"]
    done = CliRunner().invoke(
        app, ["score", str(file), "-i"], input="".join(f"{a}\n" for a in answers)
    )
    assert done.exit_code == 0, done.output
    assert "Level: strategic, operational or frontline [Enter to leave it blank]:" in done.stdout
    assert (
        "'front line' is not one of the levels; type strategic, operational or frontline."
        in done.stdout
    )
    assert '  level: "frontline"' in file.read_text(encoding="utf-8")


def test_the_next_round_keeps_the_levels(run: Run, in_tmp: Path) -> None:
    root = _new_workspace(run, LEVELS)
    zoe = root / "participants" / "01-zoë-ó-briain.yaml"
    zoe.write_text(_person("Zoë Ó Briain", "Frontline", 3), encoding="utf-8")
    result = run("init", "next", "--from", root, "--round", "2027")
    assert result.exit_code == 0, result.output
    config = Path("next/bbtool.yaml").read_text(encoding="utf-8")
    assert 'levels: ["strategic", "operational", "frontline"]\n' in config
    template = Path("next/participants/01-zoë-ó-briain.yaml").read_text(encoding="utf-8")
    # her level as she gave it last round, the workspace's levels in the comment
    assert '  level: "Frontline" # strategic, operational or frontline\n' in template
