"""The Excel workbook: the scoring core's figures in every sheet, literal text, native
radar charts, print settings, reproducible bytes. (Written by ``report --xlsx``:
tests/acceptance/test_cli.py; rendered by LibreOffice: test_libreoffice.py there.)"""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from _agreed import agreed_report, agreed_workspace
from _answers import MakeRecord
from _demo import DEMO
from _workbook import SHEETS, Book, Sheet, load
from bbtool import __version__
from bbtool.core.models import (
    Framework,
    Participant,
    ParticipantRecord,
    ScoreFile,
)
from bbtool.core.results import Grouping, Report
from bbtool.core.scoring import score, score_groups
from bbtool.render.xlsx.cells import MIN_SCALE, workbook_bytes
from bbtool.render.xlsx.report import PER_SHEET, build_workbook
from bbtool.workspace.loader import Workspace, load_workspace

MakeWorkspace = Callable[..., Path]  # the conftest fixture

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
EMU_PER_POINT = 12_700


# ---------------------------------------------------------------------- helpers


class DemoBook:
    """The demo's workbook, built once and read back, beside what it was built from."""

    def __init__(self, workspace: Workspace, report: Report, groups: dict[str, Report]) -> None:
        self.framework = workspace.framework
        self.records = workspace.records
        self.report = report
        self.groups = groups  # by sector
        with pytest.MonkeyPatch.context() as env:  # the default dates, whatever CI sets
            env.delenv("SOURCE_DATE_EPOCH", raising=False)
            self.data = workbook_bytes(build_workbook(self.report, self.framework, self.records))
        self.book = load(self.data)


@pytest.fixture(scope="module")
def demo_book(
    demo_workspace: Workspace, demo_report: Report, demo_groups: dict[str, dict[str, Report]]
) -> DemoBook:
    return DemoBook(demo_workspace, demo_report, demo_groups["sector"])


def _build(
    framework: Framework,
    records: Sequence[ParticipantRecord],
    grouping: Grouping | None = None,
) -> tuple[Report, bytes]:
    report = score(framework, records, area="Testham", round="2026 spring")
    return report, workbook_bytes(build_workbook(report, framework, records, grouping))


def _column_a(ws: Sheet) -> dict[str, int]:
    """Row number of each text in column A (the first time it occurs)."""
    rows: dict[str, int] = {}
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row=row, column=1).value
        if isinstance(value, str):
            rows.setdefault(value, row)
    return rows


def _columns(ws: Sheet, row: int) -> dict[str, int]:
    """Column number of each header label in ``row``."""
    return {
        cell.value: cell.column for cell in ws[row] if isinstance(cell.value, str) and cell.value
    }


def _sheet_paths(data: bytes) -> dict[str, str]:
    """Sheet title -> its part in the zip, read from workbook.xml and its relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
    paths = {}
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        target = targets[sheet.get(f"{{{REL}}}id")]
        paths[sheet.get("name", "")] = target[1:] if target.startswith("/") else f"xl/{target}"
    return paths


def _raw_cells(data: bytes, title: str) -> dict[str, ET.Element]:
    """The <c> elements of one sheet, by cell reference, straight from the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ET.fromstring(archive.read(_sheet_paths(data)[title]))
    return {c.get("r", ""): c for c in root.iter(f"{{{MAIN}}}c")}


def _inline_text(cell: ET.Element) -> str:
    return "".join(t.text or "" for t in cell.iter(f"{{{MAIN}}}t"))


def _charts(data: bytes) -> list[ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        return [ET.fromstring(archive.read(n)) for n in names]


def _refs(chart: ET.Element, kind: str) -> list[str]:
    """The formulas behind each series' title (tx), categories (cat) or values (val)."""
    return [
        f.text or ""
        for ser in chart.iter(f"{{{CHART}}}ser")
        for f in ser.iterfind(f"{{{CHART}}}{kind}//{{{CHART}}}f")
    ]


def _cells(book: Book, ref: str) -> list[Any]:
    """The values a chart reference such as 'Charts'!$B$5:$B$16 points at."""
    match = re.fullmatch(r"'(?P<sheet>[^']+)'!(?P<range>[$A-Z0-9:]+)", ref)
    assert match, ref
    ws = book[match["sheet"]]
    cells = ws[match["range"].replace("$", "")]
    if not isinstance(cells, tuple):
        return [cells.value]
    return [c.value for row in cells for c in (row if isinstance(row, tuple) else (row,))]


# ---------------------------------------------------------------------- Summary


def test_sheets_in_order(demo_book: DemoBook) -> None:
    assert demo_book.book.sheetnames == SHEETS
    assert demo_book.book.active.title == "Summary"


def test_summary_rows_carry_the_core_figures(demo_book: DemoBook) -> None:
    ws = demo_book.book["Summary"]
    rows = _column_a(ws)
    head = rows["Enabler"]
    cols = _columns(ws, head)
    expected = ["Mean", "Median", "Min", "Max", "Consensus", "Agreement", "n", "Skipped"]
    assert list(cols) == ["Enabler", "Full title", *expected, "Unanswered", "Low", "Polarised"]
    for e in demo_book.report.enablers:
        row = rows[e.short_title]
        assert ws.cell(row=row, column=cols["Full title"]).value == e.title
        for label, attr in [*((x, x.lower()) for x in expected), ("Unanswered", "unanswered")]:
            got = ws.cell(row=row, column=cols[label]).value
            assert got == pytest.approx(getattr(e, attr)), (e.id, label)
        low = ws.cell(row=row, column=cols["Low"]).value
        polarised = ws.cell(row=row, column=cols["Polarised"]).value
        assert (low == "LOW") is bool(e.low)
        assert (polarised == "POLARISED") is bool(e.polarised)
        filled = ws.cell(row=row, column=1).fill.fgColor.rgb not in (None, "00000000")
        assert filled is e.flagged, e.id  # flagged rows are shaded across

    info = rows["Information sharing"]
    assert ws.cell(row=info, column=cols["Mean"]).value == 2.0
    assert ws.cell(row=info, column=cols["Low"]).value == "LOW"
    assert ws.cell(row=info, column=cols["Skipped"]).value == 1
    families = rows["Families as partners"]
    assert ws.cell(row=families, column=cols["Polarised"]).value == "POLARISED"
    assert ws.cell(row=families, column=cols["Mean"]).value == 3.0
    for theme in demo_book.report.themes:
        assert ws.cell(row=rows[theme.title], column=cols["Mean"]).value == pytest.approx(
            theme.mean
        )


def test_summary_explains_itself_and_colours_means(demo_book: DemoBook) -> None:
    ws = demo_book.book["Summary"]
    notes = " ".join(str(ws.cell(row=r, column=1).value) for r in range(2, 5))
    assert notes.startswith("How to read this")
    assert "LOW = mean below 2.5" in notes
    rules = [
        (str(rng.sqref), rule)
        for rng in ws.conditional_formatting
        for rule in rng.rules
        if rule.type == "colorScale"
    ]
    ((where, rule),) = rules
    assert where.startswith("C")
    scale = rule.colorScale
    assert [float(v.val) for v in scale.cfvo] == [1.0, 3.0, 5.0]
    assert [c.rgb[-6:] for c in scale.color] == ["F8696B", "FFEB84", "63BE7B"]


# ----------------------------------------------------------------------- Scores


def test_scores_sheet_shows_each_answer_as_given(demo_book: DemoBook) -> None:
    ws = demo_book.book["Scores"]
    rows = _column_a(ws)
    cols = _columns(ws, 3)
    for label in ("Name", "Organisation", "Sector", "Level", "File"):
        assert label in cols
    for r in demo_book.records:
        row = rows[r.name]
        p = r.answers.participant
        assert ws.cell(row=row, column=cols["Organisation"]).value == p.organisation
        assert ws.cell(row=row, column=cols["Sector"]).value == p.sector
        assert ws.cell(row=row, column=cols["Level"]).value == p.level
        assert ws.cell(row=row, column=cols["File"]).value == Path(r.file).name
        for e in demo_book.report.enablers:
            assert ws.cell(row=row, column=cols[e.short_title]).value == e.scores[r.name]

    lucia = ws.cell(row=rows["Lucia Fernandes"], column=cols["Joint governance"])
    assert lucia.value == "skip"
    assert lucia.data_type == "s"
    fatima = ws.cell(row=rows["Fatima Begum"], column=cols["Continuous improvement"])
    assert fatima.value is None

    for label in ("Mean", "Min", "Max"):
        row = rows[label]
        assert row > max(rows[r.name] for r in demo_book.records)
        for e in demo_book.report.enablers:
            got = ws.cell(row=row, column=cols[e.short_title]).value
            assert got == pytest.approx(getattr(e, label.lower())), (label, e.id)


def test_scores_enablers_grouped_under_their_themes(demo_book: DemoBook) -> None:
    ws = demo_book.book["Scores"]
    cols = _columns(ws, 3)
    merged = {str(r): r for r in ws.merged_cells.ranges}
    for theme in demo_book.report.themes:
        titles = [demo_book.report.enabler(e).short_title for e in theme.enablers]
        first, last = cols[titles[0]], cols[titles[-1]]
        assert ws.cell(row=2, column=first).value == theme.title
        span = merged[
            f"{ws.cell(row=2, column=first).coordinate}:{ws.cell(row=2, column=last).coordinate}"
        ]
        assert (span.min_col, span.max_col) == (first, last)


# ------------------------------------------------------------------- Indicators


def test_indicators_sheet_rows_match_the_report(demo_book: DemoBook) -> None:
    ws = demo_book.book["Indicators"]
    rows = _column_a(ws)
    cols = _columns(ws, 2)
    scored = [i for i in demo_book.report.indicators if i.n or i.skipped]
    assert {i.enabler for i in scored} == {"information-sharing", "families-as-partners"}
    for i in scored:
        row = rows[i.id]
        assert ws.cell(row=row, column=cols["Maturity indicator"]).value == i.title
        for label in ("Mean", "Min", "Max", "n", "Skipped", "Unanswered"):
            got = ws.cell(row=row, column=cols[label]).value
            assert got == pytest.approx(getattr(i, label.lower())), (i.id, label)
        for name, value in i.scores.items():
            assert ws.cell(row=row, column=cols[name]).value == value
    assert "leadership.1" not in rows  # only enablers with indicator answers are listed
    fatima = ws.cell(row=rows["information-sharing.1"], column=cols["Fatima Begum"])
    assert fatima.value == "skip"


def test_unanswered_places_hold_no_cell(make_record: MakeRecord, framework: Framework) -> None:
    """Most indicators go unanswered: a cell per participant and indicator would be half
    a million at 10,000 participants, and most of the workbook's memory. Only answers
    (and skips) become cells in the file; blanks stay absent, as in a hand-made sheet."""
    first = framework.enablers[0]
    records = [
        make_record(f"P{n:02d}", {first.id: 3}, indicators={first.indicators[0].id: 4})
        for n in range(1, 41)
    ]
    records[0] = make_record("P01", {first.id: 3}, indicators={first.indicators[1].id: "skip"})
    report, data = _build(framework, records)
    ws = load(data)["Indicators"]
    rows, cols = _column_a(ws), _columns(ws, 2)
    raw = _raw_cells(data, "Indicators")
    people = [cols[f"P{n:02d}"] for n in range(1, 41)]
    places = {f"{get_column_letter(c)}{rows[i.id]}" for c in people for i in first.indicators}
    held = places & raw.keys()
    # 39 fours on the first indicator and P01's skip on the second: 40 cells, where
    # there are 40 x 6 places (the first enabler, leadership, has six indicators)
    assert len(places) == 40 * len(first.indicators) == 240
    assert len(held) == 40
    assert f"{get_column_letter(cols['P01'])}{rows[first.indicators[1].id]}" in held
    assert report.indicators[0].n == 39


def test_no_indicators_sheet_without_indicator_answers(
    make_record: MakeRecord, framework: Framework
) -> None:
    _, data = _build(framework, [make_record("Solo", {"leadership": 3})])
    assert "Indicators" not in load(data).sheetnames


# ----------------------------------------------------------------- Distribution


def test_distribution_counts_match_the_report(demo_book: DemoBook) -> None:
    ws = demo_book.book["Distribution"]
    rows = _column_a(ws)
    cols = _columns(ws, 3)
    points = {str(p.value): f"{p.value} {p.label}" for p in demo_book.framework.scale.points}
    for e in demo_book.report.enablers:
        row = rows[e.short_title]
        counts = {v: ws.cell(row=row, column=cols[label]).value for v, label in points.items()}
        assert counts == e.distribution
        assert ws.cell(row=row, column=cols["n"]).value == e.n
        assert ws.cell(row=row, column=cols["Skipped"]).value == e.skipped
        assert ws.cell(row=row, column=cols["Unanswered"]).value == e.unanswered
        assert ws.cell(row=row, column=cols["Mean"]).value == pytest.approx(e.mean)
    info = rows["Information sharing"]
    assert [ws.cell(row=info, column=cols[points[v]]).value for v in "12345"] == [2, 5, 2, 0, 0]
    assert ws.cell(row=info, column=cols["Flags"]).value == "LOW"
    assert ws.cell(row=rows["Families as partners"], column=cols["Flags"]).value == "POLARISED"


# ------------------------------------------------------------------- Challenges


def test_challenges_count_and_name_who_raised_them(demo_book: DemoBook) -> None:
    ws = demo_book.book["Challenges"]
    cols = _columns(ws, 3)
    seen = []
    for row in range(4, ws.max_row + 1):
        title = ws.cell(row=row, column=cols["Challenge"]).value
        count = ws.cell(row=row, column=cols["Count"]).value
        names = ws.cell(row=row, column=cols["Named by"]).value
        seen.append((title, count, names.split(", ") if names else []))
    expected = sorted(
        ((c.title, c.count, c.participants) for c in demo_book.report.challenges),
        key=lambda c: -c[1],
    )
    assert seen == expected
    assert len(seen) == 6
    assert seen[0][:2] == ("Stretched capacity", 7)
    assert "Lucia Fernandes" in seen[0][2]
    summaries = {c.title: c.summary for c in demo_book.framework.challenges}
    assert ws.cell(row=4, column=cols["What it is"]).value == summaries["Stretched capacity"]


# ----------------------------------------------------------------- Case studies


def _case_studies(ws: Sheet) -> dict[str, list[str]]:
    """Flagged enabler heading -> the box ids listed under it."""
    found: dict[str, list[str]] = {}
    current = ""
    for row in range(4, ws.max_row + 1):
        value = ws.cell(row=row, column=1).value
        if isinstance(value, str) and len(value) > 1:
            current = value
            found[current] = []
        elif value:
            found[current].append(value)
    return found


def test_case_studies_for_each_flagged_enabler(demo_book: DemoBook) -> None:
    ws = demo_book.book["Case studies"]
    found = _case_studies(ws)
    flagged = [e for e in demo_book.report.enablers if e.flagged]
    assert [e.id for e in flagged] == ["information-sharing", "families-as-partners"]
    assert len(found) == len(flagged)
    by_title = {heading.split(" (")[0]: boxes for heading, boxes in found.items()}
    assert by_title == {"Information sharing": ["D", "G", "H"], "Families as partners": ["I", "L"]}
    for e in flagged:
        expected = [cs.id for cs in demo_book.report.case_studies if e.id in cs.enablers]
        assert by_title[e.short_title] == expected
    headings = list(found)
    assert headings[0].startswith("Information sharing (LOW, mean 2.00)")
    assert headings[1].startswith("Families as partners (POLARISED, mean 3.00)")
    studies = {cs.id: cs for cs in demo_book.framework.case_studies}
    rows = _column_a(ws)
    for box in ("D", "G", "H", "I", "L"):
        row = rows[box]
        assert ws.cell(row=row, column=2).value == studies[box].title
        assert ws.cell(row=row, column=3).value == studies[box].place
        assert ws.cell(row=row, column=5).value == studies[box].summary


def test_no_case_study_when_nothing_is_flagged(
    make_record: MakeRecord, framework: Framework
) -> None:
    records = [make_record(f"P{i}", {"leadership": 4}) for i in range(3)]
    _, data = _build(framework, records)
    ws = load(data)["Case studies"]
    assert ws.cell(row=4, column=1).value.startswith("No enabler is flagged")


# --------------------------------------------------------------------- Evidence


def test_evidence_and_reflections_are_listed(demo_book: DemoBook) -> None:
    ws = demo_book.book["Evidence & reflections"]
    rows = [
        tuple(ws.cell(row=r, column=c).value for c in range(1, 5)) for r in range(3, ws.max_row + 1)
    ]
    assert (
        "Information sharing",
        "Fatima Begum",
        1,
        "We only find out a child has an HV or social worker when the parent tells us. "
        "Transition forms come back half empty.",
    ) in rows
    assert (
        "Partnership and process",
        "Fatima Begum",
        None,
        "Treat nurseries as partners, not just providers of funded hours.",
    ) in rows
    given = sum(len(r.answers.evidence) for r in demo_book.records)
    reflected = sum(len(r.answers.reflections) for r in demo_book.records)
    assert len([r for r in rows if r[1]]) == given + reflected


# ----------------------------------------------------------------------- About


def test_about_sheet_says_what_made_it(demo_book: DemoBook) -> None:
    ws = demo_book.book["About"]
    assert ws["A1"].value == "About this workbook"
    facts = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value
        for r in range(1, ws.max_row + 1)
    }
    assert facts["Area"] == "Northbridge"
    assert facts["Round"] == "2026 spring"
    assert facts["Participants"] == 10
    assert facts["Framework"] == demo_book.framework.name
    assert facts["Credit"] == demo_book.framework.credit
    assert facts["Made with"] == f"bbtool {__version__}"
    for name, value in demo_book.report.thresholds.model_dump().items():
        assert facts[name] == value, name
    for statistic in ("Mean", "Median", "Consensus", "Agreement", "Low", "Polarised"):
        assert isinstance(facts[statistic], str), statistic
        assert len(facts[statistic]) > 10, statistic
    assert "below 2.5" in facts["Low"]


# ------------------------------------------------------------------------ Groups


def test_groups_sheet_only_when_groups_are_given(demo_book: DemoBook) -> None:
    assert "Groups" not in demo_book.book.sheetnames
    data = workbook_bytes(
        build_workbook(
            demo_book.report,
            demo_book.framework,
            demo_book.records,
            Grouping("sector", demo_book.groups),
        )
    )
    book = load(data)
    assert book.sheetnames == [*SHEETS[:4], "Groups", *SHEETS[4:]]
    ws = book["Groups"]
    cols = _columns(ws, 3)
    rows = {ws.cell(row=r, column=2).value: r for r in range(4, ws.max_row + 1)}
    assert list(rows) == ["All participants", "childcare", "council", "health", "voluntary"]
    for name, group in [("All participants", demo_book.report), *demo_book.groups.items()]:
        row = rows[name]
        assert ws.cell(row=row, column=cols["Participants"]).value == len(group.participants)
        for e in group.enablers:
            assert ws.cell(row=row, column=cols[e.short_title]).value == pytest.approx(e.mean)
        note = ws.cell(row=row, column=cols["Note"]).value
        assert (note is not None) is (len(group.participants) < 3), name
    assert ws.cell(row=rows["childcare"], column=1).value == "sector"


# --------------------------------------------------------------- literal text


HOSTILE = {
    "name": "=1+1",
    "organisation": "@SUM(A1)",
    "sector": "+cmd|' /C calc'!A0",
    "level": "-2",
}


def test_participant_text_is_stored_as_literal_text(framework: Framework) -> None:
    hostile = ParticipantRecord(
        file="participants/01-hostile.yaml",
        answers=ScoreFile(
            participant=Participant(**HOSTILE),
            scores={"leadership": 2, "information-sharing": 1},
            indicators={"leadership.1": 2},
            evidence={"leadership": "-2", "information-sharing": '=HYPERLINK("x")'},
            reflections={"purpose-and-priorities": "@SUM(A1)"},
        ),
    )
    # The loader strips whitespace, so a leading tab can only arrive past it: check the
    # workbook's own defence too.
    tabbed = ParticipantRecord.model_construct(
        file="participants/02-tab.yaml",
        answers=ScoreFile.model_construct(
            participant=Participant.model_construct(
                name="\tx", organisation=None, sector=None, level=None
            ),
            scores={"leadership": 4},
            indicators={},
            evidence={"leadership": "\tTAB"},
            challenges=[],
            reflections={},
        ),
    )
    records = [hostile, tabbed]
    groups = score_groups(framework, records, by="sector", area="Testham", round="2026 spring")
    _, data = _build(framework, records, Grouping("sector", groups))
    book = load(data)

    literals = {"=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2", '=HYPERLINK("x")', "\tx", "\tTAB"}
    found: set[str] = set()
    for title in book.sheetnames:
        ws = book[title]
        raw = _raw_cells(data, title)
        for cells in ws.iter_rows():
            for cell in cells:
                if cell.value in literals:
                    found.add(cell.value)
                    assert cell.data_type == "s", (title, cell.coordinate)
                    element = raw[cell.coordinate]
                    assert element.find(f"{{{MAIN}}}f") is None
                    assert element.get("t") in ("inlineStr", "s"), (title, cell.coordinate)
                    if element.get("t") == "inlineStr":
                        assert _inline_text(element) == cell.value
                    assert cell.quotePrefix, (title, cell.coordinate)
    assert found == literals
    scores = book["Scores"]
    assert scores["A4"].value == "=1+1"
    assert (scores["B4"].value, scores["C4"].value, scores["D4"].value) == (
        "@SUM(A1)",
        "+cmd|' /C calc'!A0",
        "-2",
    )


def test_no_sheet_holds_a_formula(demo_book: DemoBook) -> None:
    with zipfile.ZipFile(io.BytesIO(demo_book.data)) as archive:
        for title, part in _sheet_paths(demo_book.data).items():
            root = ET.fromstring(archive.read(part))
            assert root.find(f".//{{{MAIN}}}f") is None, title
            types = {c.get("t") for c in root.iter(f"{{{MAIN}}}c")}
            assert types <= {None, "n", "inlineStr", "s"}, title


def test_control_characters_are_dropped_not_a_crash(framework: Framework) -> None:
    record = ParticipantRecord.model_construct(
        file="participants/bell.yaml",
        answers=ScoreFile.model_construct(
            participant=Participant.model_construct(
                name="Bell\x07 Ringer", organisation="Org\x00", sector="s\x1b", level=None
            ),
            scores={"leadership": 3},
            indicators={},
            evidence={"leadership": "ding\x07 dong\x0b done\x1f."},
            challenges=[],
            reflections={"purpose-and-priorities": "ok\x08"},
        ),
    )
    _, data = _build(framework, [record])
    book = load(data)
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert "Bell Ringer" in values
    assert "Org" in values
    assert "ding dong done." in values
    assert "ok" in values
    assert not any(
        isinstance(v, str) and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", v) for v in values
    )


def test_ampersands_in_the_page_header_are_literal(
    make_record: MakeRecord, framework: Framework
) -> None:
    records = [make_record("P", {"leadership": 3})]
    report = score(framework, records, area="Hammer & Tongs", round="2026")
    data = workbook_bytes(build_workbook(report, framework, records))
    assert load(data)["Summary"].oddHeader.center.text == "Hammer && Tongs · 2026"


# --------------------------------------------------------------- reproducible


def _zip_dates(data: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.date_time for info in archive.infolist()}


def _core(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("docProps/core.xml").decode()


def test_same_inputs_same_bytes(demo_book: DemoBook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = workbook_bytes(build_workbook(demo_book.report, demo_book.framework, demo_book.records))
    assert again == demo_book.data
    assert _zip_dates(again) == {(1980, 1, 1, 0, 0, 0)}
    core = _core(again)
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z' in core
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert {i.external_attr >> 16 for i in archive.infolist()} == {0o100644}


def test_source_date_epoch_sets_the_dates(
    demo_book: DemoBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first = workbook_bytes(build_workbook(demo_book.report, demo_book.framework, demo_book.records))
    second = workbook_bytes(
        build_workbook(demo_book.report, demo_book.framework, demo_book.records)
    )
    assert first == second != demo_book.data
    assert _zip_dates(first) == {(2023, 11, 14, 22, 13, 20)}
    core = _core(first)
    assert core.count("2023-11-14T22:13:20Z") == 2
    assert "2000-01-01" not in core


@pytest.mark.parametrize("value", ["", "soon", "-99999999999999999999"])
def test_unusable_source_date_epoch_falls_back(
    demo_book: DemoBook, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert (
        workbook_bytes(build_workbook(demo_book.report, demo_book.framework, demo_book.records))
        == demo_book.data
    )


def test_source_date_epoch_before_1980_keeps_zip_dates_valid(
    demo_book: DemoBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    data = workbook_bytes(build_workbook(demo_book.report, demo_book.framework, demo_book.records))
    assert _zip_dates(data) == {(1980, 1, 1, 0, 0, 0)}
    assert "1970-01-01T00:00:00Z" in _core(data)


# ----------------------------------------------------------------------- Charts


def test_radar_charts_are_drawn_from_the_charts_sheet(demo_book: DemoBook) -> None:
    charts = _charts(demo_book.data)
    # the enablers, and one theme at indicator level (both scored enablers sit in it)
    assert len(charts) == 2
    ws = demo_book.book["Charts"]
    rows = _column_a(ws)
    for chart in charts:
        assert chart.find(f".//{{{CHART}}}radarChart") is not None
        assert len(list(chart.iter(f"{{{CHART}}}ser"))) == 3
        scaling = chart.find(f".//{{{CHART}}}valAx/{{{CHART}}}scaling")
        assert scaling is not None
        # the centre is the scale's first point
        assert scaling.find(f"{{{CHART}}}min").get("val") == "1"  # type: ignore[union-attr]
        assert scaling.find(f"{{{CHART}}}max").get("val") == "5"  # type: ignore[union-attr]
        for ref in _refs(chart, "tx") + _refs(chart, "cat") + _refs(chart, "val"):
            assert ref.startswith("'Charts'!"), ref

    enablers, indicators = charts
    head = rows["Enabler"]
    last = head + len(demo_book.report.enablers)
    assert [r.replace("$", "") for r in _refs(enablers, "tx")] == [
        f"'Charts'!{col}{head}" for col in "BCD"
    ]
    assert set(_refs(enablers, "cat")) == {f"'Charts'!$A${head + 1}:$A${last}"}
    assert _refs(enablers, "val") == [f"'Charts'!${c}${head + 1}:${c}${last}" for c in "BCD"]
    book = demo_book.book
    assert _cells(book, _refs(enablers, "cat")[0]) == [
        e.short_title for e in demo_book.report.enablers
    ]
    means, lows, highs = (_cells(book, ref) for ref in _refs(enablers, "val"))
    assert means == pytest.approx([e.mean for e in demo_book.report.enablers])
    assert lows == [e.min for e in demo_book.report.enablers]
    assert highs == [e.max for e in demo_book.report.enablers]
    assert [_cells(book, ref)[0] for ref in _refs(enablers, "tx")] == ["Mean", "Min", "Max"]

    scored = [i for i in demo_book.report.indicators if i.n]
    means = _cells(book, _refs(indicators, "val")[0])
    assert means == pytest.approx([i.mean for i in scored])
    labels = _cells(book, _refs(indicators, "cat")[0])
    assert labels[0] == "Information sharing 1"
    assert labels[-1] == "Families as partners 5"


def _anchors(data: bytes) -> list[tuple[int, int, float]]:
    """(first column, first row, height in points) of each chart on the Charts sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (drawing,) = [
            n
            for n in archive.namelist()
            if n.startswith("xl/drawings/drawing") and n.endswith(".xml")
        ]
        root = ET.fromstring(archive.read(drawing))
    found = []
    for anchor in root.iter(f"{{{DRAWING}}}oneCellAnchor"):
        start = anchor.find(f"{{{DRAWING}}}from")
        ext = anchor.find(f"{{{DRAWING}}}ext")
        assert start is not None
        assert ext is not None
        col = int(start.findtext(f"{{{DRAWING}}}col", "0"))
        row = int(start.findtext(f"{{{DRAWING}}}row", "0"))
        found.append((col, row, int(ext.get("cy", "0")) / EMU_PER_POINT))
    return found


def test_charts_sit_beside_their_tables_and_apart(demo_book: DemoBook) -> None:
    ws = demo_book.book["Charts"]
    anchors = _anchors(demo_book.data)
    assert len(anchors) == 2
    table_width = 4  # columns A to D
    for col, _, _ in anchors:
        assert col >= table_width  # zero-based: right of column D, never over a table
    (_, first_row, first_height), (_, second_row, _) = anchors
    # rows are at least the default 15 points, so this many rows hold the first chart
    assert second_row >= first_row + math.ceil(first_height / 15)
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks == [second_row]  # zero-based anchor row = the row before the table
    # each table starts on the anchor row of its chart
    assert ws.cell(row=first_row + 1, column=1).value == "Enabler"
    assert str(ws.cell(row=second_row + 1, column=1).value).startswith("Indicator (")


def test_one_radar_per_theme_with_indicator_scores(
    make_record: MakeRecord, framework: Framework
) -> None:
    records = [
        make_record("A", {"leadership": 2}, indicators={"leadership.1": 2, "locality.1": 4}),
        make_record("B", {"leadership": 4}, indicators={"leadership.1": 3, "locality.1": 5}),
    ]
    _, data = _build(framework, records)
    assert len(_charts(data)) == 3
    _, data = _build(framework, [make_record("A", {"leadership": 2})])
    assert len(_charts(data)) == 1


# --------------------------------------------------------------------- printing


def _all_sheets(framework: Framework) -> Iterator[tuple[str, Sheet]]:
    ws = load_workspace(DEMO)
    records = ws.records
    report = score(framework, records, area="Northbridge", round="2026 spring")
    groups = score_groups(framework, records, by="sector", area="Northbridge", round="2026 spring")
    book = load(
        workbook_bytes(build_workbook(report, framework, records, Grouping("sector", groups)))
    )
    for sheet in book.worksheets:
        yield sheet.title, sheet


def test_every_sheet_prints_landscape_at_a_readable_size(framework: Framework) -> None:
    titles = []
    for title, ws in _all_sheets(framework):
        titles.append(title)
        setup = ws.page_setup
        assert setup.orientation == "landscape", title
        assert int(setup.paperSize) == 9, title  # A4
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert int(setup.fitToWidth) == 1, title
            assert int(setup.fitToHeight) == 0, title
        else:  # too wide to fit at a readable size: a scale of its own (test_printing)
            assert title in ("Summary", "Scores", "Indicators"), title
            assert int(setup.scale) >= MIN_SCALE, title
        header = ws.oddHeader.center.text
        assert header == "Northbridge · 2026 spring", title
        assert ws.oddHeader.left.text == "&A"
        assert ws.oddFooter.center.text == "Page &P of &N"
        if title != "About":
            assert ws.freeze_panes, title
    assert titles == [*SHEETS[:4], "Groups", *SHEETS[4:]]


def test_tables_repeat_their_headings_on_each_page(demo_book: DemoBook) -> None:
    expected = {
        "Summary": "$6:$6",
        "Scores": "$2:$3",
        "Distribution": "$3:$3",
        "Evidence & reflections": "$2:$2",
    }
    for title, rows in expected.items():
        assert demo_book.book[title].print_title_rows == rows, title


def test_wrapped_text_rows_are_tall_enough(demo_book: DemoBook) -> None:
    """LibreOffice does not grow rows for wrapped text: the workbook must say how tall."""
    checked = 0
    for ws in demo_book.book.worksheets:
        merged = {r.start_cell.coordinate for r in ws.merged_cells.ranges}
        for cells in ws.iter_rows():
            for cell in cells:
                text = cell.value
                if not isinstance(text, str) or cell.coordinate in merged:
                    continue
                if not cell.alignment.wrap_text or cell.alignment.textRotation:
                    continue
                width = ws.column_dimensions[cell.column_letter].width or 8.43
                if len(text) <= width * 1.3:  # fits on one line even in a narrow font
                    continue
                checked += 1
                height = ws.row_dimensions[cell.row].height
                lines = len(text) / (width * 1.3)
                assert height is not None, (ws.title, cell.coordinate)
                assert height >= 14 * lines, (ws.title, cell.coordinate)
    assert checked > 30


def test_long_titles_wrap_within_the_table(make_record: MakeRecord, framework: Framework) -> None:
    """A long area name wraps in the title instead of widening (and shrinking) the page."""
    records = [make_record("A", {"leadership": 2}, indicators={"leadership.1": 3})]
    area = "Royal Borough of Kensington and Chelsea and Westminster City Council, tri-borough"
    report = score(framework, records, area=area, round="2026 spring, second sitting")
    book = load(workbook_bytes(build_workbook(report, framework, records)))
    for ws in book.worksheets:
        merged = {str(r) for r in ws.merged_cells.ranges}
        (title,) = [r for r in merged if r.startswith("A1:")]
        assert ws["A1"].alignment.wrap_text, ws.title
        if ws.title != "Charts":  # there it spans the chart beside the tables too
            assert title == f"A1:{get_column_letter(ws.max_column)}1", ws.title
        assert (ws.row_dimensions[1].height or 15) >= 19, ws.title  # 14-point text
    summary = book["Summary"]
    assert summary.row_dimensions[1].height >= 2 * 19  # two lines of it
    for title, row in (("Scores", 3), ("Indicators", 2)):
        ws = book[title]
        upright = [c for c in ws[row] if c.alignment.textRotation == 90]
        assert upright, title  # enabler (Scores) and participant (Indicators) columns
        assert ws.row_dimensions[row].height > 60, title


def test_one_participant_and_an_enabler_nobody_scored(
    make_record: MakeRecord, framework: Framework
) -> None:
    records = [make_record("Only One", {"leadership": 4, "common-agenda": "skip"})]
    report, data = _build(framework, records)
    assert report.enabler("common-agenda").n == 0
    book = load(data)
    summary = book["Summary"]
    rows = _column_a(summary)
    cols = _columns(summary, rows["Enabler"])
    lead, agenda = rows["Senior leadership"], rows["Common agenda"]
    assert summary.cell(row=lead, column=cols["Mean"]).value == 4
    assert summary.cell(row=lead, column=cols["n"]).value == 1
    assert summary.cell(row=lead, column=cols["Polarised"]).value == "n/a"  # n below 3
    for label in ("Mean", "Median", "Min", "Max", "Consensus", "Agreement"):
        assert summary.cell(row=agenda, column=cols[label]).value is None, label
    assert summary.cell(row=agenda, column=cols["n"]).value == 0
    assert summary.cell(row=agenda, column=cols["Skipped"]).value == 1
    assert summary.cell(row=agenda, column=cols["Low"]).value == "n/a"

    scores = book["Scores"]
    rows = _column_a(scores)
    cols = _columns(scores, 3)
    assert scores.cell(row=rows["Only One"], column=cols["Common agenda"]).value == "skip"
    assert scores.cell(row=rows["Mean"], column=cols["Common agenda"]).value is None
    assert scores.cell(row=rows["Mean"], column=cols["Senior leadership"]).value == 4

    charts = book["Charts"]
    rows = _column_a(charts)
    assert charts.cell(row=rows["Common agenda"], column=2).value is None
    assert len(_charts(data)) == 1


def test_no_participants_still_builds(framework: Framework) -> None:
    _, data = _build(framework, [])
    book = load(data)
    assert book["Summary"]["A1"].value.endswith("0 participants")
    assert "No participant gave evidence." in [
        c.value for row in book["Evidence & reflections"].iter_rows() for c in row
    ]


# -------------------------------------------------------------- agreed scores


def _summary(report: Report, root: Path) -> Any:
    ws = load_workspace(root)
    book = load_workbook(
        io.BytesIO(workbook_bytes(build_workbook(report, ws.framework, ws.records)))
    )
    return book["Summary"]


@pytest.mark.usefixtures("in_tmp")
def test_workbook_summary_appends_agreed_gap_target(make_workspace: MakeWorkspace) -> None:
    root = agreed_workspace(make_workspace)
    sheet = _summary(agreed_report(root), root)
    rows = {
        sheet.cell(row=r, column=1).value: r
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value
    }
    head = rows["Enabler"]
    cols = {c.value: c.column for c in sheet[head] if c.value}
    assert list(cols)[-5:] == ["Polarised", "Agreed", "Gap", "Target", "What was agreed"]
    assert (cols["Agreed"], cols["Gap"], cols["Target"]) == (14, 15, 16)

    def at(label: str, column: str) -> Any:
        return sheet.cell(row=rows[label], column=cols[column]).value

    # values, not formulas (a workbook keeps 15-16 significant digits)
    assert at("Senior leadership", "Mean") == pytest.approx(10 / 3, rel=1e-15)
    assert at("Senior leadership", "Agreed") == 4
    assert at("Senior leadership", "Gap") == pytest.approx(2 / 3, rel=1e-14)
    assert at("Senior leadership", "Target") == 5
    assert at("Senior leadership", "What was agreed").startswith("Board agreed 4")
    assert at("Common agenda", "Gap") == pytest.approx(-4 / 3, rel=1e-14)
    assert at("Joint governance", "Agreed") == "skip"
    assert at("Joint governance", "Gap") is None
    assert at("Joint governance", "Target") == 3
    assert at("Mutual understanding", "Agreed") is None
    gap = sheet.cell(row=rows["Senior leadership"], column=cols["Gap"])
    assert gap.number_format == "+0.00;-0.00;0.00"
    notes = " ".join(str(sheet.cell(row=r, column=1).value) for r in range(2, head))
    assert "Gap is agreed minus mean" in notes
    assert sheet.print_title_rows == f"${head}:${head}"
    # without agreed.yaml the sheet ends at Polarised, as before
    plain_root = agreed_workspace(make_workspace, agreed=None, name="plain")
    plain = _summary(agreed_report(plain_root), plain_root)
    assert plain.max_column == 13


@pytest.mark.slow
def test_indicators_hold_any_number_of_participants(framework: Framework) -> None:
    """A column per participant: 20,000 of them are more than a sheet's 16,384 columns,
    so the participants go on across a second sheet, no column past XFD."""
    count = 20_000
    records = [
        ParticipantRecord(
            file=f"participants/{n:05d}.yaml",
            answers=ScoreFile(
                participant=Participant(name=f"P{n:05d}"),
                indicators={"leadership.1": 1 + n % 5},
            ),
        )
        for n in range(1, count + 1)
    ]
    report = score(framework, records, area="Testham", round="2026")
    data = workbook_bytes(build_workbook(report, framework, records))
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = [
            s.get("name")
            for s in ET.fromstring(book.read("xl/workbook.xml")).iter(f"{{{MAIN}}}sheet")
        ]
        parts = {n: f"xl/worksheets/sheet{i}.xml" for i, n in enumerate(names, 1)}
        assert names[2:4] == ["Indicators", "Indicators 2"]
        first = ET.fromstring(book.read(parts["Indicators"]))
        second = ET.fromstring(book.read(parts["Indicators 2"]))
    dims = {
        n: next(sheet.iter(f"{{{MAIN}}}dimension")).get("ref")
        for n, sheet in (("Indicators", first), ("Indicators 2", second))
    }
    last = get_column_letter(8 + count - PER_SHEET)
    assert dims == {"Indicators": "A1:XFD9", "Indicators 2": f"A1:{last}9"}
    # every participant's answer is on one sheet or the other, each once
    assert _answers_of(first) + _answers_of(second) == [1 + n % 5 for n in range(1, count + 1)]


def _answers_of(sheet: ET.Element) -> list[int]:
    """The numbers in row 4 (leadership.1: title, heading and enabler rows above it)
    right of the indicator's figures (columns A to H), left to right."""
    row = next(r for r in sheet.iter(f"{{{MAIN}}}row") if r.get("r") == "4")
    cells = [c for c in row if column_index_from_string(re.sub(r"\d", "", c.get("r", ""))) > 8]
    return [int(c.findtext(f"{{{MAIN}}}v") or "0") for c in cells]


# ------------------------------------------------------ frameworks of other shapes


def test_a_framework_without_challenges_or_case_studies_has_no_sheet_for_them(
    tmp_path: Path,
) -> None:
    from _frameworks import Shape, scored

    workspace, report = scored(tmp_path / "ws", Shape(enablers=6, themes=2, indicators=0))
    book = load(workbook_bytes(build_workbook(report, workspace.framework, workspace.records)))
    assert "Challenges" not in book.sheetnames
    assert "Case studies" not in book.sheetnames
    assert book.sheetnames[-3:] == ["Evidence & reflections", "Charts", "About"]


def test_case_studies_sheet_uses_the_frameworks_words(tmp_path: Path) -> None:
    from _frameworks import Shape, scored

    shape = Shape(enablers=6, themes=2, indicators=0, case_studies=2)
    workspace, report = scored(tmp_path / "ws", shape)
    book = load(workbook_bytes(build_workbook(report, workspace.framework, workspace.records)))
    ws = book["Case studies"]
    note = str(ws["A2"].value)
    assert note == (
        "For each enabler flagged LOW or POLARISED: the framework's case studies that "
        "show how other areas worked on it."
    )
    assert [c.value for c in ws[3]][:2] == ["Id", "Case study"]  # no label: "Id", not "Box"
    about = book["About"]
    skipped = [row[1].value for row in about.iter_rows() if row[0].value == "Skipped"]
    assert skipped == ["How many people chose 'skip' (“I cannot judge this”)."]


def test_long_titles_in_the_first_column_are_never_cut(tmp_path: Path) -> None:
    from _frameworks import Shape, scored

    workspace, report = scored(tmp_path / "ws", Shape(enablers=4, themes=2, long=True))
    book = load(workbook_bytes(build_workbook(report, workspace.framework, workspace.records)))
    summary = book["Summary"]
    assert summary.column_dimensions["A"].width == 40  # widened to the most it may
    theme_rows = [
        row[0] for row in summary.iter_rows() if str(row[0].value).startswith("Theme 1: ")
    ]
    (cell,) = theme_rows
    assert cell.alignment.wrap_text  # and the rest wraps, its row tall enough
    assert summary.row_dimensions[cell.row].height >= 5 * 15
    distribution = book["Distribution"]
    merged = [str(m) for m in distribution.merged_cells.ranges]
    (row,) = [c.row for c in distribution["A"] if str(c.value).startswith("Theme 1: ")]
    assert any(m.startswith(f"A{row}:") for m in merged)
