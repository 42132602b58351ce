"""The terminal tables at 80 and 120 columns (issue 15, item 1): n, the mean and the
flags always beside the title; other figures move to a second, named table on a
narrow terminal instead of being dropped; titles wrap or are shortened, theme names
never cut."""

from __future__ import annotations

import pytest
from rich.console import Console, RenderableType
from rich.text import Text

from bbtool.core.comparison import Comparison
from bbtool.core.results import Report
from bbtool.core.scoring import score
from bbtool.render.columns import Column, SplitTable
from bbtool.render.terminal import answers_view, comparison_view, groups_view, report_view
from bbtool.workspace.loader import Workspace

THEMES = ["Purpose and priorities", "People and place", "Partnership and process"]


def _lines(view: RenderableType, width: int) -> list[str]:
    console = Console(width=width, record=True, highlight=False, no_color=True)
    console.print(view)
    lines = console.export_text().splitlines()
    assert all(len(line) <= width for line in lines), [ln for ln in lines if len(ln) > width]
    return [line.rstrip() for line in lines]


def _words(line: str) -> list[str]:
    return line.split()


@pytest.fixture(scope="module")
def agreed_report(demo_workspace: Workspace) -> Report:
    """The demo with its agreed.yaml: the widest enabler table there is."""
    ws = demo_workspace
    return score(
        ws.framework,
        ws.records,
        area=ws.config.area,
        round=ws.config.round,
        thresholds=ws.thresholds,
        agreed=ws.agreed,
    )


def _section(lines: list[str], start: str, end: str) -> list[str]:
    first = next(k for k, line in enumerate(lines) if line.startswith(start))
    last = next(k for k, line in enumerate(lines) if k > first and line.startswith(end))
    return lines[first + 1 : last]


def test_report_at_80_columns_keeps_n_mean_and_flags_and_moves_the_rest(
    agreed_report: Report,
) -> None:
    lines = _lines(report_view(agreed_report), 80)
    enablers = _section(lines, "Enablers ─", "Indicators")
    assert _words(enablers[0]) == [
        *("Enabler", "Mean", "Agreed", "Gap", "Target", "Consensus", "n", "Flags"),
    ]
    # the columns left out are in a second table, named, with their figures
    more = enablers.index("Enablers, more figures: Range, Skip, Blank")
    rows = {line[:24].strip(): _words(line[24:]) for line in enablers[:more]}
    assert rows["Information sharing"] == ["2.00", "2", "0.00", "3", "0.82", "9", "LOW"]
    assert rows["Families as partners"] == ["3.00", "2", "-1.00", "3", "0.55", "10", "POLARISED"]
    assert _words(enablers[more + 1]) == ["Enabler", "Range", "Skip", "Blank"]
    after = {line[:24].strip(): _words(line[24:]) for line in enablers[more + 2 :]}
    assert after["Joint governance"] == ["2–5", "1", "0"]
    assert after["Continuous improvement"] == ["2–4", "0", "1"]
    # every theme's name whole, in both tables and in the themes table
    for theme in THEMES:
        assert sum(line == theme for line in enablers) == 2
        assert any(line.startswith(theme) for line in lines[:8])
    assert not any("…" in line for line in enablers)


def test_report_indicators_at_80_columns_shorten_words_but_keep_every_figure(
    agreed_report: Report,
) -> None:
    lines = _lines(report_view(agreed_report), 80)
    indicators = _section(lines, "Indicators (dig deeper)", "Challenges in play")
    assert _words(indicators[0])[1:] == [
        "Mean",
        "Range",
        "Consensus",
        "n",
        "Skip",
        "Blank",
        "Flags",
    ]
    assert "Information sharing" in indicators
    assert "Families as partners" in indicators
    second = next(line for line in indicators if line.startswith("2. Clear plans"))
    assert "…" in second
    assert _words(second.split("…")[1]) == ["1.57", "1–2", "0.81", "7", "1", "2", "LOW"]


def test_report_at_120_columns_is_one_table_with_every_column(agreed_report: Report) -> None:
    lines = _lines(report_view(agreed_report), 120)
    enablers = _section(lines, "Enablers ─", "Indicators")
    assert _words(enablers[0]) == [
        *("Enabler", "Mean", "Agreed", "Gap", "Target", "Range", "Consensus"),
        *("n", "Skip", "Blank", "Flags"),
    ]
    assert not any("more figures" in line for line in lines)
    info = next(line for line in enablers if line.startswith("Information sharing"))
    assert _words(info)[2:] == ["2.00", "2", "0.00", "3", "1–3", "0.82", "9", "1", "0", "LOW"]


def test_comparison_at_80_columns_is_readable(targets_comparison: Comparison) -> None:
    lines = _lines(comparison_view(targets_comparison), 80)
    enablers = _section(lines, "Enablers ─", "Moved most")
    assert _words(enablers[0]) == ["2025", "2026", "Flags", "What"]
    assert _words(enablers[1]) == ["Enabler", "spring", "spring", "Change", "now", "changed"]
    more = enablers.index("Enablers, more figures: Same people, Consensus old → new")
    rows = {line[:24].strip(): _words(line[24:]) for line in enablers[:more]}
    assert rows["Communicating the why"] == ["2.70", "2.40", "-0.30", "LOW", "newly", "low"]
    assert rows["Families as partners"][-3:] == ["no", "longer", "polarised"]
    after = {line[:24].strip(): _words(line[24:]) for line in enablers[more + 3 :]}
    assert after["Information sharing"] == ["+0.62", "(8)", "0.82", "→", "0.59"]
    for theme in THEMES:
        assert sum(line == theme for line in enablers) == 2
    assert not any("…" in line for line in lines)


def test_comparison_at_120_columns_is_one_table(targets_comparison: Comparison) -> None:
    lines = _lines(comparison_view(targets_comparison), 120)
    enablers = _section(lines, "Enablers ─", "Moved most")
    assert _words(enablers[1]) == [
        *("Enabler", "spring", "spring", "Change", "people", "old", "→", "new", "now", "changed"),
    ]
    assert not any("more figures" in line for line in lines)
    info = next(line for line in enablers if line.startswith("Information sharing"))
    assert _words(info)[2:] == [
        *("2.00", "2.56", "+0.56", "+0.62", "(8)", "0.82", "→", "0.59", "–", "no", "longer", "low"),
    ]


@pytest.mark.parametrize("width", [80, 120])
def test_groups_and_answers_keep_theme_names_whole(
    demo_workspace: Workspace,
    demo_report: Report,
    demo_groups: dict[str, dict[str, Report]],
    width: int,
) -> None:
    from bbtool.core.results import Grouping

    grouping = Grouping(by="sector", groups=demo_groups["sector"])
    lines = _lines(groups_view(demo_report, grouping), width)
    for theme in THEMES:
        assert any(line.startswith(f"{theme} ") for line in lines)
    record = demo_workspace.records[0]
    lines = _lines(answers_view(record, demo_workspace.framework), width)
    for theme in THEMES:
        assert theme in lines
    assert not any("…" in line for line in lines)


def test_a_very_narrow_table_goes_on_in_as_many_tables_as_it_needs() -> None:
    columns = [
        Column("Mean", keep=True),
        Column("Wide one", rank=1),
        Column("Wide two", rank=2),
        Column("Flags", keep=True, justify="left"),
    ]
    rows = [(Text("A theme with a long name", style="bold"),), ("An item", "3.00", "x", "y", "LOW")]
    table = SplitTable("Item", columns, rows, more="More", label_room=10)
    assert table.split(200) == [[0, 1, 2, 3]]
    assert table.split(35) == [[0, 1, 3], [2]]
    assert table.split(28) == [[0, 3], [1], [2]]
    lines = _lines(table, 28)
    assert "More: Wide one" in lines
    assert "More: Wide two" in lines
    assert _words(lines[0]) == ["Item", "Mean", "Flags"]
    assert lines[1:3] == ["A theme with a", "long name"]  # wrapped, not cut
