"""Excel forms: ``bbtool form`` writes them, a person fills them in, ``bbtool import`` reads
them back as score files, refusing anything a person could not have meant."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from typer.testing import Result

from _forms import FILLED
from _forms import fill as _fill
from _forms import make_forms as _make_forms
from _forms import slot as _slot
from bbtool.core.models import Framework
from bbtool.forms.layout import (
    CHALLENGES,
    DETAILS_FIRST_ROW,
    INSTRUCTIONS,
    MARKER,
    layout,
)
from bbtool.workspace.loader import load_score_file

PEOPLE = "People and place"

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]


def _given(section: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in section.items() if v is not None}


def _participants(root: Path) -> dict[str, bytes]:
    folder = root / "participants"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def test_round_trip(run: Run, make_workspace: MakeWorkspace, framework: Framework) -> None:
    root = make_workspace()
    (form,) = _make_forms(run, root)
    _fill(form, framework, FILLED)
    done = run("import", form, "--into", root)
    assert done.exit_code == 0, done.output
    target = root / "participants" / "01-priya-shah.yaml"
    assert f"wrote {target}" in done.stdout
    record, _ = load_score_file(target, framework)
    a = record.answers
    assert a.participant.name == "Priya Shah"
    assert (a.participant.organisation, a.participant.sector, a.participant.level) == (
        "Health visiting",
        "health",
        "operational",
    )
    assert _given(a.scores) == {
        "leadership": 4,
        "common-agenda": "skip",
        "mutual-understanding": 2,
        "locality": 5,
    }
    assert _given(a.indicators) == {"leadership.2": 3, "locality.1": "skip"}
    assert _given(a.evidence) == {
        "leadership": "=The early years board meets monthly",
        "locality": "Family hubs in 3 of 4 localities\nand a shared rota",
    }
    assert a.challenges == ["stretched-capacity", "shifting-landscapes"]
    assert _given(a.reflections) == {"people-and-place": "Locality meetings rarely include GPs"}
    # the workspace as a whole is valid
    assert run("check", root).exit_code == 0


def test_import_twice_is_identical_and_force_backs_up_only_a_change(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    (form,) = _make_forms(run, root)
    _fill(form, framework, FILLED)
    assert run("import", form, "--into", root).exit_code == 0
    target = root / "participants" / "01-priya-shah.yaml"
    first = target.read_bytes()
    # the same form again: passed over, said so, exit 0; so too with --force (no backup)
    for extra in ((), ("--force",)):
        again = run("import", form, "--into", root, *extra)
        assert again.exit_code == 0, again.output
        assert f"unchanged {target} (from {form}: the same answers; passed over)" in again.stdout
        assert _participants(root) == {"01-priya-shah.yaml": first}
    # a changed form is refused without --force...
    _fill(form, framework, {("score", "leadership"): 2})
    refused = run("import", form, "--into", root)
    assert refused.exit_code == 1
    assert (
        f"bbtool: {form}: would change {target}, which exists already (scores of "
        "leadership (4 to 2)); not imported"
    ) in refused.stderr
    assert "run again with --force" in refused.stderr
    assert _participants(root) == {"01-priya-shah.yaml": first}
    # ...and with it replaces the file, keeping the old one once
    forced = run("import", form, "--into", root, "--force")
    assert forced.exit_code == 0, forced.output
    backup = root / "participants" / "01-priya-shah.yaml.bak"
    assert f"replaced {target} (from {form}); the old file is kept as {backup}" in forced.stdout
    assert backup.read_bytes() == first
    assert "leadership: 2" in target.read_text()
    # forcing the same form again changes nothing and piles up no .bak2
    assert run("import", form, "--into", root, "--force").exit_code == 0
    assert sorted(_participants(root)) == ["01-priya-shah.yaml", "01-priya-shah.yaml.bak"]


def test_forms_are_imported_as_they_come_in(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    """Three forms imported, then a fourth beside them: the fourth is written, the
    three are passed over as unchanged; a form changed since is refused alone (the new
    one is still written), and --force backs up only that one."""
    root = make_workspace()
    forms = _make_forms(run, root, "Ann Lee,Ben Ode,Cat Roy,Dev Sen")
    for i, form in enumerate(forms):
        _fill(form, framework, {("score", "leadership"): i + 1})
    assert run("import", *forms[:3], "--into", root).exit_code == 0
    before = _participants(root)
    done = run("import", *forms, "--into", root)
    assert done.exit_code == 0, done.output
    assert done.stdout.count("unchanged ") == 3
    assert f"wrote {root / 'participants' / '04-dev-sen.yaml'}" in done.stdout
    assert {k: v for k, v in _participants(root).items() if k in before} == before
    # Ben sends a new version, and a fifth person's form comes in
    _fill(forms[1], framework, {("score", "leadership"): 5})
    fifth = _make_forms(run, root, "Eve Fox")
    eve = next(f for f in fifth if f.name == "eve-fox.xlsx")
    _fill(eve, framework, {("score", "leadership"): 3})
    mixed = run("import", *forms, eve, "--into", root)
    assert mixed.exit_code == 1
    assert "bbtool: 1 form was not imported" in mixed.stderr
    assert "05-eve-fox.yaml" in _participants(root)
    assert _participants(root)["02-ben-ode.yaml"] == before["02-ben-ode.yaml"]
    forced = run("import", *forms, eve, "--into", root, "--force")
    assert forced.exit_code == 0, forced.output
    backups = [n for n in _participants(root) if ".bak" in n]
    assert backups == ["02-ben-ode.yaml.bak"]
    assert forced.stdout.count("unchanged ") == 4


def test_a_blank_form_is_passed_over_with_a_note(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    """A form sent back as it went out (named or not) writes nothing, says so, and never
    replaces a file with answers; a form filled in replaces its person's blank template
    without --force (nothing is lost) and without a backup."""
    root = make_workspace()
    assert run("init", root, "--names", "Ann Lee").exit_code == 0
    assert run("form", root, "--participants", "1").exit_code == 0
    named = _make_forms(run, root, "Ann Lee,Ben Ode")
    unnamed = root / "forms" / "participant-01.xlsx"
    ann = root / "forms" / "ann-lee.xlsx"
    ben = root / "forms" / "ben-ode.xlsx"
    assert {ann, ben, unnamed} <= set(named)
    template = root / "participants" / "01-ann-lee.yaml"
    blank = run("import", ben, unnamed, "--into", root)
    assert blank.exit_code == 0, blank.output
    assert f"passed over {ben}: no answer in it yet (not filled in)" in blank.stdout
    assert f"passed over {unnamed}: no answer in it yet (not filled in)" in blank.stdout
    assert sorted(_participants(root)) == ["01-ann-lee.yaml"]
    _fill(ann, framework, {("score", "leadership"): 4})
    filled = run("import", ann, "--into", root)
    assert filled.exit_code == 0, filled.output
    assert f"wrote {template} (from {ann}; it held no answer yet)" in filled.stdout
    assert sorted(_participants(root)) == ["01-ann-lee.yaml"]
    assert "leadership: 4" in template.read_text()
    # Ann's form sent again blank does not wipe her answers
    assert run("form", root, "--names", "Ann Lee", "--out", root / "again").exit_code == 0
    again = run("import", root / "again" / "ann-lee.xlsx", "--into", root)
    assert again.exit_code == 0, again.output
    assert "passed over" in again.stdout
    assert "leadership: 4" in template.read_text()


def test_import_keeps_a_persons_existing_file_name(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    assert run("init", root, "--names", "Ann Lee,Priya Shah").exit_code == 0
    forms = _make_forms(run, root, "Priya Shah,Zoe Ng")
    for form in forms:
        _fill(form, framework, {("score", "leadership"): 3})
    done = run("import", *forms, "--into", root, "--force")
    assert done.exit_code == 0, done.output
    names = set(_participants(root))
    # Priya's file held no answer yet: filled in, nothing to back up
    assert {"02-priya-shah.yaml", "03-zoe-ng.yaml"} == names - {"01-ann-lee.yaml"}
    assert run("check", root).exit_code == 0


def _set_marker(form: Path, row: int, value: str) -> None:
    wb = load_workbook(form)
    wb[MARKER].cell(row=row, column=2).value = value
    wb.save(form)


def _formula(form: Path, framework: Framework) -> None:
    slot = _slot(framework, "score", "locality")
    wb = load_workbook(form)
    wb[slot.sheet][slot.ref] = "=2+2"
    wb.save(form)


def _corrupt(form: Path, framework: Framework) -> None:
    form.write_bytes(form.read_bytes()[:3000])


def _not_zip(form: Path, framework: Framework) -> None:
    form.write_bytes(b"name,score\nPriya,4\n")


def _zip_bomb(form: Path, framework: Framework) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(60):
                entry.write(chunk)
    form.write_bytes(buffer.getvalue())


def _ratio_bomb(form: Path, framework: Framework) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (8 * 1024 * 1024))
    form.write_bytes(buffer.getvalue())


BAD_FORMS: dict[str, tuple[Any, str]] = {
    "seven": (
        lambda f, fw: _fill(f, fw, {("score", "locality"): 7}),
        f"sheet '{PEOPLE}', cell B{{locality}}: 7 is not an answer here; "
        "choose 1, 2, 3, 4, 5 or skip",
    ),
    "a word": (
        lambda f, fw: _fill(f, fw, {("score", "locality"): "high"}),
        f"sheet '{PEOPLE}', cell B{{locality}}: 'high' is not an answer here",
    ),
    "a fraction": (
        lambda f, fw: _fill(f, fw, {("indicator", "locality.1"): 3.5}),
        f"sheet '{PEOPLE}', cell B{{indicator}}: 3.5 is not an answer here",
    ),
    "a challenge maybe": (
        lambda f, fw: _fill(f, fw, {("challenge", "stretched-capacity"): "maybe"}),
        f"sheet '{CHALLENGES}', cell C5: 'maybe' is not an answer here; choose yes or no",
    ),
    "a formula": (
        _formula,
        f"sheet '{PEOPLE}', cell B{{locality}}: a formula is not an answer; type the value",
    ),
    "no name": (
        # (an answer: a form with no name and no answer is blank, passed over)
        lambda f, fw: _fill(f, fw, {("detail", "name"): None, ("score", "leadership"): 3}),
        f"sheet '{INSTRUCTIONS}', cell B5: the participant's name is empty",
    ),
    "another framework": (
        lambda f, fw: _set_marker(f, 4, "0" * 64),
        "was made for 'Beyond Boundaries self-evaluation of early years integration' "
        "(another version of it)",
    ),
    "another form version": (
        lambda f, fw: _set_marker(f, 5, "3"),
        "was made as form version '3'; this bbtool reads version '2' only",
    ),
    "a form from before rows were named": (
        lambda f, fw: _set_marker(f, 5, "1"),
        "was made by an older bbtool (form version '1'), whose forms do not name the "
        "answer on each row, so rows moved in it could not be noticed: send the "
        "participant a new form (bbtool form)",
    ),
    "a corrupt file": (_corrupt, "is not an Excel workbook (.xlsx), or it is damaged"),
    "not a zip": (_not_zip, "is not an Excel workbook (.xlsx), or it is damaged"),
    "a zip bomb": (_zip_bomb, "would unpack to 62,914,568 bytes; the limit is 52,428,800"),
    "a ratio bomb": (
        _ratio_bomb,
        "part 'xl/worksheets/sheet1.xml' is compressed 1,028 to 1, more than 200 to 1 "
        "(a zip bomb?): refused unopened",
    ),
}


@pytest.mark.parametrize(
    "case",
    # the zip bomb writes and reads 60 MB
    [
        pytest.param(c, marks=pytest.mark.slow) if c == "a zip bomb" else c
        for c in sorted(BAD_FORMS)
    ],
)
def test_a_bad_form_is_refused_and_nothing_is_written(
    case: str, run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    good, bad = _make_forms(run, root, "Priya Shah,Tomasz Nowak")
    _fill(good, framework, {("score", "leadership"): 4})
    spoil, expected = BAD_FORMS[case]
    spoil(bad, framework)
    done = run("import", good, bad, "--into", root)
    assert done.exit_code == 1, done.output
    locality = _slot(framework, "score", "locality").row
    indicator = _slot(framework, "indicator", "locality.1").row
    expected = expected.format(locality=locality, indicator=indicator)
    where = f"{bad}, " if expected.startswith("sheet") else f"{bad}: "
    assert where + expected in done.stderr, done.stderr
    assert "error(s) in 1 file(s); nothing was written" in done.stderr
    assert _participants(root) == {}


def test_every_problem_in_a_form_is_reported_in_reading_order(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    (form,) = _make_forms(run, root)
    _fill(
        form,
        framework,
        {("score", "locality"): 6, ("score", "leadership"): "x", ("detail", "name"): " "},
    )
    done = run("import", form, "--into", root)
    assert done.exit_code == 1
    lines = [line for line in done.stderr.splitlines() if "sheet" in line]
    assert len(lines) == 3
    assert "Instructions" in lines[0]
    assert "Purpose and priorities" in lines[1]
    assert PEOPLE in lines[2]
    assert "bbtool: 3 error(s) in 1 file(s); nothing was written" in done.stderr


def test_form_structure(run: Run, make_workspace: MakeWorkspace, framework: Framework) -> None:
    root = make_workspace()
    (form,) = _make_forms(run, root)
    wb = load_workbook(form)
    plan = layout(framework)
    assert wb.sheetnames == list(plan.sheet_order)
    assert wb[MARKER].sheet_state == "hidden"
    assert all(len(name) <= 31 for name in wb.sheetnames)
    assert wb[INSTRUCTIONS]["B5"].value == "Priya Shah"
    for ws in wb.worksheets:
        assert ws.protection.sheet
        assert not ws.protection.password
    inputs = {(s.sheet, s.ref) for s in plan.slots}
    for slot in plan.slots:
        assert wb[slot.sheet][slot.ref].protection.locked is False, slot
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell) or (ws.title, cell.coordinate) in inputs:
                    continue
                if cell.protection.locked is False:
                    pytest.fail(f"{ws.title}!{cell.coordinate} is unlocked")
    for slot in plan.slots:
        if slot.kind not in ("score", "indicator", "challenge"):
            continue
        ws = wb[slot.sheet]
        rules = [dv for dv in ws.data_validations.dataValidation if slot.ref in dv.sqref]
        assert len(rules) == 1, slot
        (dv,) = rules
        assert dv.type == "list"
        assert dv.showErrorMessage
        assert dv.errorStyle == "stop"
        wanted = '"yes,no"' if slot.kind == "challenge" else '"1,2,3,4,5,skip"'
        assert dv.formula1 == wanted
    # every enabler's indicators are there in full
    ws = wb[PEOPLE]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for e in framework.theme_of("locality").enablers:
        assert e.title in texts
        for ind in e.indicators:
            assert any(t.endswith(ind.text) for t in texts)
    # print settings: A4, fitted to the width, row heights set
    for ws in wb.worksheets[:-1]:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_forms_are_reproducible_and_never_overwritten(
    run: Run, make_workspace: MakeWorkspace
) -> None:
    root = make_workspace()
    (form,) = _make_forms(run, root)
    first = form.read_bytes()
    form.write_bytes(b"filled in already")
    done = run("form", root, "--names", "Priya Shah", "--out", root / "other")
    assert done.exit_code == 0
    assert (root / "other" / "priya-shah.xlsx").read_bytes() == first
    again = run("form", root, "--names", "Priya Shah")
    # not a workbook any more: left as it is, and said so (not "kept" in silence)
    assert again.exit_code == 1
    assert f"{form}: exists already but is cut short or damaged" in again.stderr
    assert form.read_bytes() == b"filled in already"
    form.write_bytes(first)
    kept = run("form", root, "--names", "Priya Shah")
    assert kept.exit_code == 0
    assert "kept" in kept.stdout
    assert form.read_bytes() == first
    blank = run("form", root, "--participants", "3")
    assert blank.exit_code == 0
    assert sorted(p.name for p in (root / "forms").glob("participant-*.xlsx")) == [
        "participant-01.xlsx",
        "participant-02.xlsx",
        "participant-03.xlsx",
    ]
    assert run("form", root, "--names", "A", "--participants", "2").exit_code == 2


def test_form_without_names_makes_the_workspaces_participants_forms(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    assert run("init", root, "--names", "Ann Lee,Zoë Ó Briain").exit_code == 0
    done = run("form", root)
    assert done.exit_code == 0, done.output
    assert f"Forms for the 2 participants named in the score files in {root / 'participants'}" in (
        done.stdout
    )
    forms = sorted(p.name for p in (root / "forms").iterdir())
    assert forms == ["ann-lee.xlsx", "zoë-ó-briain.xlsx"]
    name = _slot(framework, "detail", "name")
    wb = load_workbook(root / "forms" / "zoë-ó-briain.xlsx")
    assert wb[name.sheet][name.ref].value == "Zoë Ó Briain"
    # a workspace with no score files yet: one blank form, as before
    empty = make_workspace(name="empty")
    assert run("form", empty).exit_code == 0
    assert [p.name for p in (empty / "forms").iterdir()] == ["participant-01.xlsx"]


def test_a_form_shows_the_details_its_score_file_holds_and_import_keeps_them(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    # init --from writes last round's organisation, sector and level into each blank
    # score file; the form made from it shows them, so importing it does not wipe them
    root = make_workspace()
    assert run("init", root, "--names", "Zoë Ó Briain,Ann Lee").exit_code == 0
    zoe = root / "participants" / "01-zoë-ó-briain.yaml"
    text = zoe.read_text(encoding="utf-8")
    text = text.replace("  organisation:\n", '  organisation: "Family Hubs, North"\n')
    text = text.replace("  sector:        #", "  sector: Council  #")
    text = text.replace("  level:         #", "  level: operational  #")
    zoe.write_text(text, encoding="utf-8")
    assert run("form", root).exit_code == 0
    form = root / "forms" / "zoë-ó-briain.xlsx"
    wb = load_workbook(form)
    shown = {
        key: wb[_slot(framework, "detail", key).sheet][_slot(framework, "detail", key).ref].value
        for key in ("name", "organisation", "sector", "level")
    }
    assert shown == {
        "name": "Zoë Ó Briain",
        "organisation": "Family Hubs, North",
        "sector": "Council",
        "level": "operational",
    }
    blank = load_workbook(root / "forms" / "ann-lee.xlsx")
    sector = _slot(framework, "detail", "sector")
    assert blank[sector.sheet][sector.ref].value is None
    _fill(form, framework, {("score", "leadership"): 3})
    done = run("import", form, "--into", root)
    assert done.exit_code == 0, done.output
    person = load_score_file(zoe, framework)[0].answers.participant
    assert (person.organisation, person.sector, person.level) == (
        "Family Hubs, North",
        "Council",
        "operational",
    )


def test_a_form_from_a_blank_form_needs_a_name(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    root = make_workspace()
    assert run("form", root, "--participants", "1").exit_code == 0
    form = root / "forms" / "participant-01.xlsx"
    assert load_workbook(form)[INSTRUCTIONS]["B5"].value is None
    _fill(form, framework, {("detail", "name"): "Grace Adeyemi", ("score", "leadership"): 1})
    done = run("import", form, "--into", root)
    assert done.exit_code == 0, done.output
    assert (root / "participants" / "01-grace-adeyemi.yaml").is_file()


def test_text_that_reads_like_an_escape_comes_back_as_typed(
    run: Run, make_workspace: MakeWorkspace, framework: Framework
) -> None:
    """A name bbtool writes into the form, and evidence typed, that read like OOXML
    escapes (``_x0007_``) come back literally: not a control character, not ``_x005F_``."""
    root = make_workspace()
    name = "Ann _x0007_ Lee"
    (form,) = _make_forms(run, root, name)
    _fill(form, framework, {("evidence", "leadership"): "line_x000D__x000A_break"})
    done = run("import", form, "--into", root)
    assert done.exit_code == 0, done.output
    (target,) = (root / "participants").glob("*.yaml")
    record, _ = load_score_file(target, framework)
    assert record.answers.participant.name == name
    assert record.answers.evidence["leadership"] == "line_x000D__x000A_break"


def test_form_names_file_and_the_surname_comma_warning(run: Run, tmp_path: Path) -> None:
    """Issue 15, item 13: --names-file for form too; "Shah, Priya" warned of."""
    names = tmp_path / "names.txt"
    names.write_text("Shah, Priya\n# Tomasz is away\nZoë Ó Briain\n", encoding="utf-8")
    result = run("form", tmp_path / "ws", "--names-file", names)
    assert result.exit_code == 0, result.output
    forms = sorted(p.name for p in (tmp_path / "ws" / "forms").iterdir())
    assert len(forms) == 2
    names_in_forms = set()
    for form in forms:
        wb = load_workbook(tmp_path / "ws" / "forms" / form)
        names_in_forms.add(wb.worksheets[0][f"B{DETAILS_FIRST_ROW}"].value)
    assert names_in_forms == {"Shah, Priya", "Zoë Ó Briain"}
    result = run("form", tmp_path / "ws2", "--names", "Shah,Priya")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: --names gave 2 people, each one word (Shah, Priya)")


def test_import_into_a_folder_that_is_not_a_workspace_writes_nothing(
    run: Run, make_workspace: MakeWorkspace, framework: Framework, tmp_path: Path
) -> None:
    # run from the wrong folder without --into: refused, not a stray participants/
    root = make_workspace()
    (form,) = _make_forms(run, root)
    _fill(form, framework, {("score", "leadership"): 4})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run("import", form, "--into", elsewhere)
    assert done.exit_code == 2
    assert f"{elsewhere}: has no bbtool.yaml, so it is not a round's workspace" in done.stderr
    assert list(elsewhere.iterdir()) == []
