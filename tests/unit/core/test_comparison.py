"""Two rounds compared: ``bbtool compare OLD NEW``, its figures, files, messages and exit codes.

The rounds, and the hand-worked figures every change below is checked against, are
described in ``tests/_rounds.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text as MplText
from openpyxl import load_workbook
from PIL import Image
from rich.console import Console
from typer.testing import Result

from _demo import ROOT
from _rounds import (
    FAMILIES_NEW,
    FAMILIES_OLD,
    IN_BOTH,
    INFO_NEW,
    INFO_OLD,
    LOCALITY_NEW,
    LOCALITY_OLD,
    STEM,
    WHY_NEW,
    WHY_OLD,
    make_rounds,
    set_once,
)
from bbtool.core.comparison import Comparison, NotComparable, compare, moved_most
from bbtool.core.models import Thresholds
from bbtool.core.results import Report
from bbtool.render.comparison_text import comparison_view, to_json, to_markdown
from bbtool.render.radar.comparison import COMPARE_FILE, build_comparison_radar
from bbtool.render.radar.report import figure_bytes
from bbtool.render.xlsx.comparison import build_comparison_workbook
from bbtool.render.xlsx.report import workbook_bytes
from bbtool.workspace.loader import Workspace

Run = Callable[..., Result]

# ------------------------------------------------------------------ the figures


def test_the_rounds_are_what_the_module_says(round_reports: tuple[Report, Report]) -> None:
    old, new = round_reports
    assert old.enabler("information-sharing").mean == INFO_OLD == 2.0
    assert new.enabler("information-sharing").mean == INFO_NEW
    assert (old.round, new.round) == ("2025 spring", "2026 spring")


def test_change_is_new_mean_minus_old_at_full_precision(comparison: Comparison) -> None:
    info = comparison.enabler("information-sharing")
    assert (info.old_mean, info.new_mean) == (2.0, INFO_NEW)
    assert info.change == INFO_NEW - INFO_OLD  # 5/9
    assert info.change == pytest.approx(5 / 9)
    assert (info.old_n, info.new_n) == (9, 9)
    families = comparison.enabler("families-as-partners")
    assert families.change == FAMILIES_NEW - FAMILIES_OLD == pytest.approx(0.4)
    why = comparison.enabler("communicating-why")
    assert why.change == WHY_NEW - WHY_OLD == pytest.approx(-0.3)
    locality = comparison.enabler("locality")
    assert locality.change == LOCALITY_NEW - LOCALITY_OLD == pytest.approx(0.3)
    # everyone else gave the same numbers as last year: no change at all
    changed = {"information-sharing", "families-as-partners", "communicating-why", "locality"}
    for e in comparison.enablers:
        if e.id not in changed:
            assert e.change == 0.0, e.id
            assert e.old_mean == e.new_mean


def test_consensus_change_is_the_difference_of_the_rounds_figures(
    comparison: Comparison, round_reports: tuple[Report, Report]
) -> None:
    old, new = round_reports
    for e in comparison.enablers:
        before, after = old.enabler(e.id).consensus, new.enabler(e.id).consensus
        assert (e.old_consensus, e.new_consensus) == (before, after)
        assert after is not None
        assert before is not None
        assert e.consensus_change == after - before
    # everyone agreeing more on locality: 4 4 4 4 4 4 4 4 4 5 is near full consensus
    locality = comparison.enabler("locality").consensus_change
    assert locality is not None
    assert locality > 0


def test_flags_say_what_changed(comparison: Comparison) -> None:
    info = comparison.enabler("information-sharing")
    assert (info.old_low, info.new_low) == (True, False)
    assert info.flag_changes == ["no longer low"]
    assert (info.old_flags, info.new_flags) == (["low"], [])
    families = comparison.enabler("families-as-partners")
    assert (families.old_polarised, families.new_polarised) == (True, False)
    assert families.flag_changes == ["no longer polarised"]
    why = comparison.enabler("communicating-why")
    assert (why.old_low, why.new_low) == (False, True)  # 2.4 is below 2.5
    assert why.flag_changes == ["newly low"]
    assert why.new_flags == ["low"]
    others = [e for e in comparison.enablers if e.id not in {info.id, families.id, why.id}]
    assert all(e.flag_changes == [] for e in others)


def test_change_among_the_same_people(comparison: Comparison) -> None:
    # information sharing: Priya +2, Tomasz +2, Ciarán +1, five others 0; Hannah skipped
    info = comparison.enabler("information-sharing")
    assert info.same_people_n == 8
    assert info.same_people_change == 5 / 8
    # families as partners: Tomasz +1, Lucia +2, Kwame +1 over the nine in both
    families = comparison.enabler("families-as-partners")
    assert (families.same_people_change, families.same_people_n) == (4 / 9, 9)
    # Fatima left continuous improvement blank: eight in both gave it a number
    ci = comparison.enabler("continuous-improvement")
    assert (ci.same_people_change, ci.same_people_n) == (0.0, 8)


def test_theme_means_change_by_a_quarter_of_their_enablers_changes(
    comparison: Comparison,
) -> None:
    themes = {t.id: t for t in comparison.themes}
    assert [t.id for t in comparison.themes] == [
        "purpose-and-priorities",
        "people-and-place",
        "partnership-and-process",
    ]
    # each theme has four enablers; its mean is the mean of their means
    assert themes["purpose-and-priorities"].change == pytest.approx((WHY_NEW - WHY_OLD) / 4)
    assert themes["people-and-place"].change == pytest.approx((LOCALITY_NEW - LOCALITY_OLD) / 4)
    both = (INFO_NEW - INFO_OLD) + (FAMILIES_NEW - FAMILIES_OLD)
    assert themes["partnership-and-process"].change == pytest.approx(both / 4)
    for t in comparison.themes:
        assert t.new_mean is not None
        assert t.old_mean is not None
        assert t.change == t.new_mean - t.old_mean


def test_participants_in_both_and_in_one_only(comparison: Comparison) -> None:
    assert comparison.in_both == IN_BOTH  # named as this year, matched whatever the case
    assert comparison.only_old == ["Oliver Bennett"]
    assert comparison.only_new == ["Zara Okafor"]
    assert (comparison.old.participants, comparison.new.participants) == (10, 10)


def test_moved_most_by_size_of_change_ties_in_framework_order(comparison: Comparison) -> None:
    # +5/9, then +0.4, then -0.3 and +0.3 tied: communicating the why comes first in
    # the framework; enablers that did not move are left out
    assert comparison.moved_most == [
        "information-sharing",
        "families-as-partners",
        "communicating-why",
        "locality",
    ]
    assert moved_most(comparison.enablers, limit=2) == [
        "information-sharing",
        "families-as-partners",
    ]
    # a cut inside a tie keeps both
    assert moved_most(comparison.enablers, limit=3) == comparison.moved_most
    assert moved_most(comparison.enablers, limit=1) == ["information-sharing"]


def test_labels_and_title_name_the_rounds(comparison: Comparison) -> None:
    assert comparison.old.label == "2025 spring"
    assert comparison.new.label == "2026 spring"
    assert comparison.title == "Northbridge · 2025 spring → 2026 spring"
    assert comparison.notes == []


def test_other_areas_and_same_round_names_are_told_apart(
    round_reports: tuple[Report, Report],
) -> None:
    old, new = round_reports
    other = compare(old, new.model_copy(update={"area": "Southmoor"}))
    assert (other.old.label, other.new.label) == (
        "Northbridge 2025 spring",
        "Southmoor 2026 spring",
    )
    assert other.title == "Northbridge 2025 spring → Southmoor 2026 spring"
    same = compare(old.model_copy(update={"round": "2026 spring"}), new)
    assert (same.old.label, same.new.label) == ("2026 spring (old)", "2026 spring (new)")


def test_different_thresholds_are_noted(round_reports: tuple[Report, Report]) -> None:
    old, new = round_reports
    stricter = new.model_copy(update={"thresholds": Thresholds(low=3.0)})
    assert compare(old, stricter).notes == [
        "The two rounds set different thresholds; each round's low and polarised flags use its own."
    ]


def test_rounds_on_other_frameworks_are_refused(round_reports: tuple[Report, Report]) -> None:
    old, new = round_reports
    fewer = new.model_copy(update={"enablers": new.enablers[:-1]})
    with pytest.raises(NotComparable) as caught:
        compare(old, fewer)
    assert str(caught.value) == (
        "the rounds use different frameworks (only the old round has continuous-improvement)"
    )
    other_scale = new.model_copy(update={"scale_max": 7})
    with pytest.raises(NotComparable, match=r"different scales \(1-5 and 1-7\)"):
        compare(old, other_scale)


def test_an_enabler_nobody_scored_last_time_has_no_change(
    round_reports: tuple[Report, Report],
) -> None:
    old, new = round_reports
    blank = old.enabler("leadership").model_copy(
        update={"mean": None, "n": 0, "low": None, "polarised": None, "consensus": None}
    )
    emptied = old.model_copy(update={"enablers": [blank, *old.enablers[1:]]})
    e = compare(emptied, new).enabler("leadership")
    assert (e.old_mean, e.change, e.consensus_change) == (None, None, None)
    assert e.flag_changes == []  # no flag last time: nothing newly flagged or cleared
    assert "leadership" not in compare(emptied, new).moved_most


# ------------------------------------------------------------------ the writers


def _terminal(comparison: Comparison, width: int = 120) -> list[str]:
    console = Console(width=width, record=True, highlight=False)
    console.print(comparison_view(comparison))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_terminal_shows_the_changes(comparison: Comparison) -> None:
    out = _terminal(comparison)
    assert out[0] == "Northbridge · 2025 spring → 2026 spring"
    assert (
        out[2] == "2025 spring: 10 participants; 2026 spring: 10 participants; 9 took part in both."
    )
    start = next(k for k, line in enumerate(out) if line.startswith("Enablers "))
    end = next(k for k, line in enumerate(out) if line.startswith("Moved most "))
    rows = {line.split("  ")[0]: line.split() for line in out[start:end] if "  " in line}
    info = rows["Information sharing"]
    assert info[2:6] == ["2.00", "2.56", "+0.56", "+0.62"]  # 5/8 = 0.625, to even
    assert info[-3:] == ["no", "longer", "low"]
    why = rows["Communicating the why"]
    assert why[3:6] == ["2.70", "2.40", "-0.30"]
    assert why[-3:] == ["LOW", "newly", "low"]
    assert rows["Senior leadership"][2:5] == ["3.80", "3.80", "0.00"]
    moved = out[out.index(next(line for line in out if line.startswith("Moved most"))) + 1 :]
    assert [line.split("  ")[0] for line in moved[:4]] == [
        "Information sharing",
        "Families as partners",
        "Communicating the why",
        "Locality organisation",
    ]
    assert moved[0].split()[2:] == ["+0.56", "2.00", "→", "2.56"]
    text = "\n".join(out)
    assert "In both rounds (9)" in text
    assert "Only in 2025 spring (1)  Oliver Bennett" in text
    assert "Only in 2026 spring (1)  Zara Okafor" in text


def test_terminal_fits_a_narrow_window(comparison: Comparison) -> None:
    for line in _terminal(comparison, width=80):
        assert len(line) <= 80


def test_json_keeps_full_precision(comparison: Comparison) -> None:
    data = json.loads(to_json(comparison))
    assert list(data) == [
        "framework",
        "scale",
        "old",
        "new",
        "participants",
        "themes",
        "enablers",
        "moved_most",
        "notes",
    ]
    assert data["old"] == {
        "area": "Northbridge",
        "round": "2025 spring",
        "participants": 10,
        "label": "2025 spring",
    }
    info = next(e for e in data["enablers"] if e["id"] == "information-sharing")
    assert info["old_mean"] == 2.0
    assert info["new_mean"] == INFO_NEW
    assert info["change"] == INFO_NEW - INFO_OLD
    assert info["same_people_change"] == 0.625
    assert info["flag_changes"] == ["no longer low"]
    assert (info["old_low"], info["new_low"]) == (True, False)
    assert data["participants"] == {
        "in_both": IN_BOTH,
        "only_old": ["Oliver Bennett"],
        "only_new": ["Zara Okafor"],
    }
    assert data["moved_most"] == comparison.moved_most
    assert data["scale"] == {"min": 1, "max": 5}


def test_markdown_tables_and_lists(comparison: Comparison) -> None:
    md = to_markdown(comparison, [COMPARE_FILE])
    lines = md.splitlines()
    assert lines[0] == "# Northbridge · 2025 spring → 2026 spring"
    assert f"![{COMPARE_FILE}]({COMPARE_FILE})" in lines
    assert "| Partnership and process: Information sharing | 2.00 | 2.56 | **▲ +0.56** | " in md
    why = next(line for line in lines if "Communicating the why" in line and line.startswith("|"))
    assert why.split(" | ")[1:4] == ["2.70", "2.40", "**▼ -0.30**"]
    assert why.endswith("| – | low | newly low |")
    assert "- **Information sharing**: +0.56 (2.00 → 2.56)" in lines
    assert "- **Locality organisation**: +0.30 (3.80 → 4.10)" in lines
    assert "- Only in 2025 spring (1): Oliver Bennett" in lines
    assert "- In both rounds (9): PRIYA SHAH, Tomasz Nowak" in md


def _sheet_rows(ws: Any) -> dict[str, dict[str, Any]]:
    """Rows under the Comparison sheet's table heading, by enabler: heading -> value."""
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Enabler")
    headings = [ws.cell(head, c).value for c in range(1, ws.max_column + 1)]
    rows: dict[str, dict[str, Any]] = {}
    for r in range(head + 1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if label == "Moved most":
            break
        if label:
            rows[label] = {
                h: ws.cell(r, c).value for c, h in enumerate(headings, start=1) if h is not None
            }
            rows[label]["_row"] = r
    return rows


@pytest.fixture(scope="module")
def book(comparison: Comparison) -> Any:
    return load_workbook(BytesIO(workbook_bytes(build_comparison_workbook(comparison))))


def test_workbook_comparison_sheet(book: Any) -> None:
    assert book.sheetnames == ["Comparison", "Participants", "About"]
    ws = book["Comparison"]
    assert ws["A1"].value == "Northbridge · 2025 spring → 2026 spring: how each enabler changed"
    rows = _sheet_rows(ws)
    info = rows["Information sharing"]
    assert info["Mean 2025 spring"] == 2.0
    # a workbook keeps 15 significant digits
    assert info["Mean 2026 spring"] == pytest.approx(INFO_NEW, abs=1e-12)
    assert info["Change"] == pytest.approx(INFO_NEW - INFO_OLD, abs=1e-12)
    assert info["Change, same people"] == 0.625
    assert info["Same people (n)"] == 8
    assert (info["n 2025 spring"], info["n 2026 spring"]) == (9, 9)
    assert (info["Flags 2025 spring"], info["Flags 2026 spring"]) == ("LOW", None)
    assert info["What changed"] == "no longer low"
    why = rows["Communicating the why"]
    assert (why["Flags 2025 spring"], why["Flags 2026 spring"]) == (None, "LOW")
    assert why["Change"] == pytest.approx(WHY_NEW - WHY_OLD, abs=1e-12)
    theme = rows["Partnership and process"]
    assert theme["Change"] == pytest.approx(((INFO_NEW - 2) + (FAMILIES_NEW - 3)) / 4)


def test_workbook_colours_and_arrows_show_the_direction(book: Any) -> None:
    ws = book["Comparison"]
    rows = _sheet_rows(ws)
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Enabler")
    assert head == 6  # the title, three notes, a blank row
    change = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == "Change")
    up = ws.cell(rows["Information sharing"]["_row"], change)
    down = ws.cell(rows["Communicating the why"]["_row"], change)
    flat = ws.cell(rows["Senior leadership"]["_row"], change)
    assert up.number_format == down.number_format == '"▲ "+0.00;"▼ "-0.00;0.00'
    assert flat.number_format == "0.00"
    assert up.fill.fgColor.rgb.endswith("D9EAD3")
    assert down.fill.fgColor.rgb.endswith("F4CCCC")
    assert flat.fill.fill_type is None
    # the enablers that moved most are in bold, and listed beneath
    assert ws.cell(rows["Locality organisation"]["_row"], 1).font.b
    assert not ws.cell(rows["Senior leadership"]["_row"], 1).font.b
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Moved most")
    listed = [ws.cell(r, 1).value for r in range(start + 2, ws.max_row + 1)]
    assert listed == [
        "Information sharing",
        "Families as partners",
        "Communicating the why",
        "Locality organisation",
    ]
    assert ws.cell(start + 2, 4).value == pytest.approx(INFO_NEW - INFO_OLD, abs=1e-12)


def test_workbook_participants_and_about(book: Any) -> None:
    ws = book["Participants"]
    assert [ws.cell(4, c).value for c in (1, 2, 3)] == ["Name", "2025 spring", "2026 spring"]
    table = [tuple(ws.cell(r, c).value for c in (1, 2, 3)) for r in range(5, ws.max_row + 1)]
    assert table[0] == ("PRIYA SHAH", "yes", "yes")
    assert ("Oliver Bennett", "yes", "–") in table
    assert ("Zara Okafor", "–", "yes") in table
    assert table[-1] == ("Took part", 10, 10)
    about = {
        book["About"].cell(r, 1).value: book["About"].cell(r, 2).value
        for r in range(3, book["About"].max_row + 1)
    }
    assert about["Old round"] == "Northbridge, 2025 spring: 10 participants"
    assert about["In both rounds"] == 9


def test_workbook_prints_landscape_with_both_rounds_on_top(book: Any) -> None:
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddHeader.center.text == "Northbridge · 2025 spring → 2026 spring"
    assert book["Comparison"].freeze_panes == "B7"
    assert book["Comparison"].print_title_rows == "$6:$6"


def test_workbook_names_stay_text_and_bytes_are_reproducible(
    round_reports: tuple[Report, Report],
) -> None:
    old, new = round_reports
    people = [p.model_copy(update={"name": "=HYPERLINK(1)"}) for p in new.participants[:1]]
    odd = new.model_copy(update={"participants": people + new.participants[1:]})
    wb = build_comparison_workbook(compare(old, odd))
    first = workbook_bytes(wb)
    assert first == workbook_bytes(build_comparison_workbook(compare(old, odd)))
    ws = load_workbook(BytesIO(first))["Participants"]
    (cell,) = [c for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value == "=HYPERLINK(1)"]
    assert cell.data_type == "s"
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_libreoffice_renders_the_workbook(comparison: Comparison, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    book = tmp_path / f"{STEM}.xlsx"
    book.write_bytes(workbook_bytes(build_comparison_workbook(comparison)))
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pdf = tmp_path / f"{STEM}.pdf"
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert pdf.is_file()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, timeout=60, check=True
    ).stdout.decode()
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 3  # one page a sheet
    for needle in ("▲ +0.56", "▼ -0.30", "no longer polarised", "Zara Okafor", "About"):
        assert needle in text, needle


def _texts(fig: Figure) -> list[str]:
    return [" ".join(t.get_text().split()) for t in fig.findobj(MplText) if t.get_text()]


def test_radar_overlays_both_rounds(
    comparison: Comparison, rounds: tuple[Workspace, Workspace]
) -> None:
    fig = build_comparison_radar(comparison, rounds[1].framework)
    (legend,) = fig.legends
    assert isinstance(legend, Legend)
    assert [t.get_text() for t in legend.get_texts()] == ["2025 spring (10)", "2026 spring (10)"]
    texts = _texts(fig)
    assert "Information sharing 2.00 → 2.56" in texts
    assert "Communicating the why 2.70 → 2.40" in texts
    drawn = " ".join(texts).casefold()
    for name in [*IN_BOTH, "Oliver Bennett", "Zara Okafor"]:
        assert name.casefold() not in drawn
    fig.draw_without_rendering()
    for t in fig.findobj(MplText):
        if t.get_text():
            box = t.get_window_extent()
            assert box.x0 >= 0
            assert box.y0 >= 0
            assert box.x1 <= fig.bbox.width
            assert box.y1 <= fig.bbox.height
    png = figure_bytes(fig)
    assert png == figure_bytes(build_comparison_radar(comparison, rounds[1].framework))
    with Image.open(BytesIO(png)) as image:
        assert image.size[0] == 1275


# -------------------------------------------------------------------------- CLI


@pytest.fixture
def here(in_tmp: Path) -> tuple[Path, Path]:
    """The two rounds in the current folder, as ``old`` and ``new``."""
    old, new = make_rounds(Path("."))
    return old, new


def test_cli_prints_and_writes_every_file(run: Run, here: tuple[Path, Path]) -> None:
    done = run("compare", "old", "new", "--json", "--xlsx", "--radar", "--markdown")
    assert done.exit_code == 0, done.output
    out = Path("new/report")
    names = [f"{STEM}.json", f"{STEM}.xlsx", f"{STEM}.md", COMPARE_FILE]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    for name in names:
        assert f"wrote new/report/{name}" in done.stdout
    assert "Northbridge · 2025 spring → 2026 spring" in done.stdout
    info = next(line for line in done.stdout.splitlines() if line.startswith("Information"))
    assert info.split()[2:5] == ["2.00", "2.56", "+0.56"]
    data = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    assert next(e for e in data["enablers"] if e["id"] == "locality")["change"] == (
        LOCALITY_NEW - LOCALITY_OLD
    )
    assert f"![{COMPARE_FILE}]({COMPARE_FILE})" in (out / f"{STEM}.md").read_text("utf-8")
    with Image.open(out / COMPARE_FILE) as image:
        assert image.format == "PNG"
        assert image.size[0] == 1275
    # warnings in either round are shown, naming their round's file
    assert "old/participants/05-fatima-begum.yaml:6:1: warning:" in done.stderr
    assert "new/participants/05-fatima-begum.yaml:6:1: warning:" in done.stderr


def test_cli_out_folder_and_quiet(run: Run, here: tuple[Path, Path]) -> None:
    done = run("compare", "old", "new", "--json", "--out", "elsewhere", "-q")
    assert done.exit_code == 0, done.output
    assert done.stdout == f"wrote elsewhere/{STEM}.json\n"
    assert not Path("new/report").exists()


def test_cli_missing_folder_is_a_usage_error(run: Run, here: tuple[Path, Path]) -> None:
    done = run("compare", "old", "nowhere")
    assert done.exit_code == 2
    assert done.stderr == "bbtool: nowhere: no such folder\n"
    done = run("compare", "old", "old/")
    assert done.exit_code == 2
    assert done.stderr == (
        "bbtool: old: is given twice; compare a round with another round's workspace\n"
    )


def test_cli_reports_bad_files_in_both_rounds_and_writes_nothing(
    run: Run, here: tuple[Path, Path]
) -> None:
    set_once(
        Path("old/participants/02-tomasz-nowak.yaml"), "  leadership: 4\n", "  leadership: 6\n"
    )
    set_once(Path("new/participants/03-grace-adeyemi.yaml"), "  locality: 4\n", "  locality: yes\n")
    done = run("compare", "old", "new", "--json")
    assert done.exit_code == 1
    errors = [line for line in done.stderr.splitlines() if "warning" not in line]
    assert errors == [
        "new/participants/03-grace-adeyemi.yaml:13:13: scores.locality: yes/true/no/false "
        "is not a score; use a whole number from 1 to 5, or skip",
        "old/participants/02-tomasz-nowak.yaml:7:15: scores.leadership: 6 is not on the "
        "scale; use a whole number from 1 to 5, or skip",
        "bbtool: 2 error(s) in 2 file(s); nothing was written",
    ]
    assert not Path("new/report").exists()


def test_cli_refuses_rounds_on_different_frameworks(run: Run, here: tuple[Path, Path]) -> None:
    framework = Path(shutil.copytree(ROOT / "framework", "framework"))
    for path in [*framework.glob("*.yaml"), *Path("new/participants").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("continuous-improvement", "continuous-learning"), "utf-8")
    with Path("new/bbtool.yaml").open("a", encoding="utf-8") as fh:
        fh.write("framework: ../framework\n")
    (Path("new") / "agreed.yaml").unlink()
    done = run("compare", "old", "new")
    assert done.exit_code == 2, done.output
    assert done.stderr.splitlines()[-1] == (
        "bbtool: old and new: the rounds use different frameworks (only the old round has "
        "continuous-improvement; only the new round has continuous-learning); rounds are "
        "compared only on the same framework and scale (see 'framework:' in their bbtool.yaml)"
    )


def test_plain_compare_loads_no_heavy_library(here: tuple[Path, Path]) -> None:
    code = (
        "import sys\n"
        "from bbtool.cli import app\n"
        "try:\n"
        "    app(['compare', 'old', 'new'], prog_name='bbtool')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'matplotlib', 'openpyxl', 'PIL'}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "HEAVY []" in done.stdout, done.stdout[-500:] + done.stderr[-500:]
    assert "Information sharing" in done.stdout


def test_help_describes_compare(run: Run) -> None:
    done = run("compare", "--help")
    assert done.exit_code == 0
    text = " ".join(done.stdout.split())
    for option in ("--json", "--xlsx", "--radar", "--markdown", "--out", "--quiet"):
        assert option in text
    assert "who took part in both" in text


def test_same_people_matched_without_regard_to_case(
    round_reports: tuple[Report, Report], comparison: Comparison
) -> None:
    old, new = round_reports
    # Priya's leadership score counts in "same people" though her name changed case
    assert new.enabler("leadership").scores["PRIYA SHAH"] == 5
    assert old.enabler("leadership").scores["Priya Shah"] == 5
    assert comparison.enabler("leadership").same_people_n == 9
    assert re.fullmatch(r"[a-z0-9-]+", STEM)
