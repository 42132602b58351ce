"""A comparison's workbook: the Comparison sheet's figures, colours and arrows, who took
part, print settings, names kept as text, reproducible bytes. The rounds:
tests/_rounds.py."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from _rounds import FAMILIES_NEW, INFO_NEW, INFO_OLD, WHY_NEW, WHY_OLD
from bbtool.core.comparison import Comparison, compare
from bbtool.core.results import Report
from bbtool.render.xlsx.cells import workbook_bytes
from bbtool.render.xlsx.comparison import build_comparison_workbook


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


def test_workbook_says_which_targets_were_reached(targets_comparison: Comparison) -> None:
    wb = load_workbook(BytesIO(workbook_bytes(build_comparison_workbook(targets_comparison))))
    ws = wb["Comparison"]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Targets")
    assert str(ws.cell(head, 2).value).startswith("1 of 5 targets reached.")
    assert [ws.cell(head + 1, c).value for c in range(1, 6)] == [
        "Enabler",
        "Target",
        "2026 spring",
        "Judged on",
        "Reached",
    ]
    rows = {
        ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(2, 6)]
        for r in range(head + 2, head + 7)
    }
    assert rows["Families as partners"] == [3, 3.4, "mean", "reached"]
    assert rows["Senior leadership"] == [4, 3.8, "mean", "not reached"]
    assert rows["Continuous improvement"][0] == 3
    assert rows["Continuous improvement"][1] == pytest.approx(25 / 9, abs=1e-12)
    assert len(rows) == 5
    assert ws.cell(head + 7, 1).value is None
    # reached in green, not reached in red: with the words, never colour alone
    families = next(r for r in range(head + 2, head + 7) if ws.cell(r, 1).value.startswith("Fam"))
    assert ws.cell(families, 5).fill.fgColor.rgb.endswith("D9EAD3")
    assert ws.cell(head + 2, 5).fill.fgColor.rgb.endswith("F4CCCC")


def test_workbook_without_targets_has_no_targets_table(book: Any) -> None:
    ws = book["Comparison"]
    assert "Targets" not in [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
