"""Results per group: ``report --by sector|level|organisation`` in the terminal and the
Markdown, and ``report FOLDER --by area`` over a folder of workspaces, one per area,
in every output. The scores are small enough to work out by hand.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import Result

from bbtool.workspace.areas import load_areas, score_areas
from bbtool.workspace.loader import builtin_framework_dir

Run = Callable[..., Result]
MakeWorkspace = Callable[..., Path]

NOTE = "Fewer than 3 participants: read with care; one person's view may be identifiable."


pytestmark = pytest.mark.usefixtures("in_tmp")


def person(name: str, scores: Mapping[str, int | str], sector: str | None = None) -> str:
    """A score file: the given enablers scored, the rest left blank."""
    text = f"participant:\n  name: {name}\n"
    if sector:
        text += f"  sector: {sector}\n"
    return text + "scores:\n" + "".join(f"  {k}: {v}\n" for k, v in scores.items())


def config(area: str, extra: str = "") -> str:
    return f'area: {area}\nround: "2026 spring"\n{extra}'


# North: leadership 4, 5, 3 -> 4.00; common agenda 2, 3, skip -> 2.50; theme 3.25
NORTH = {
    "a.yaml": person("Ann", {"leadership": 4, "common-agenda": 2}),
    "b.yaml": person("Sam Lee", {"leadership": 5, "common-agenda": 3}),
    "c.yaml": person("Cy", {"leadership": 3, "common-agenda": "skip"}),
}
# South: leadership 1, 1 -> 1.00; common agenda 5, 4 -> 4.50; theme 2.75.
# Sam Lee is a different person, in another area.
SOUTH = {
    "a.yaml": person("Sam Lee", {"leadership": 1, "common-agenda": 5}),
    "b.yaml": person("Dee", {"leadership": 1, "common-agenda": 4}),
}
# Everyone: leadership 14/5 = 2.80; common agenda 14/4 = 3.50; theme 3.15


@pytest.fixture
def areas(make_workspace: MakeWorkspace) -> Path:
    make_workspace(NORTH, config=config("Northbridge"), name="areas/north")
    make_workspace(SOUTH, config=config("Southmere"), name="areas/south")
    return Path("areas")


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def section(stdout: str, heading: str) -> list[str]:
    """The terminal lines from the rule titled ``heading`` on, trailing spaces removed."""
    lines = [line.rstrip() for line in stdout.splitlines()]
    start = next(k for k, line in enumerate(lines) if line.startswith(heading))
    return lines[start:]


def row(lines: list[str], label: str) -> list[str]:
    """The figures of the first line whose label is ``label``."""
    for line in lines:
        if line.strip().startswith(label):
            return line.strip()[len(label) :].split()
    raise AssertionError(f"no row {label!r}")


# ------------------------------------------------------------------- by area


def test_areas_json_keeps_each_area_apart_and_pools_everyone(run: Run, areas: Path) -> None:
    result = run("report", areas, "--by", "area", "--json", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/areas.json\n"
    data = json.loads(Path("out/areas.json").read_text(encoding="utf-8"))
    assert (data["area"], data["round"]) == ("areas", "2026 spring")
    # everyone together: names prefixed with their area, so the two Sam Lees stay apart
    assert [(p["name"], p["file"]) for p in data["participants"]] == [
        ("Northbridge: Ann", "north/participants/a.yaml"),
        ("Northbridge: Sam Lee", "north/participants/b.yaml"),
        ("Northbridge: Cy", "north/participants/c.yaml"),
        ("Southmere: Sam Lee", "south/participants/a.yaml"),
        ("Southmere: Dee", "south/participants/b.yaml"),
    ]
    everyone = by_id(data["enablers"])
    assert everyone["leadership"]["mean"] == pytest.approx(2.8)
    assert everyone["leadership"]["n"] == 5
    assert everyone["leadership"]["scores"] == {
        "Northbridge: Ann": 4,
        "Northbridge: Sam Lee": 5,
        "Northbridge: Cy": 3,
        "Southmere: Sam Lee": 1,
        "Southmere: Dee": 1,
    }
    assert everyone["common-agenda"]["mean"] == pytest.approx(3.5)
    assert (everyone["common-agenda"]["n"], everyone["common-agenda"]["skipped"]) == (4, 1)
    assert by_id(data["themes"])["purpose-and-priorities"]["mean"] == pytest.approx(3.15)

    assert list(data["groups"]) == ["area"]
    groups = data["groups"]["area"]
    assert list(groups) == ["Northbridge", "Southmere"]
    expected = {
        # area: participants, leadership, common agenda, theme
        "Northbridge": (3, 4.0, 2.5, 3.25),
        "Southmere": (2, 1.0, 4.5, 2.75),
    }
    for name, (people, leadership, agenda, theme) in expected.items():
        group = groups[name]
        assert set(group) == {"participants", "enablers", "themes"}
        assert group["participants"] == people
        enablers = by_id(group["enablers"])
        assert enablers["leadership"]["mean"] == pytest.approx(leadership)
        assert enablers["common-agenda"]["mean"] == pytest.approx(agenda)
        assert enablers["joint-governance"]["mean"] is None
        assert by_id(group["themes"])["purpose-and-priorities"]["mean"] == pytest.approx(theme)
        # the same objects as the top level
        assert set(enablers["leadership"]) == set(everyone["leadership"])
    # within an area, people keep their own names
    assert by_id(groups["Southmere"]["enablers"])["leadership"]["scores"] == {
        "Sam Lee": 1,
        "Dee": 1,
    }


def test_areas_markdown_table(run: Run, areas: Path) -> None:
    result = run("report", areas, "--by", "area", "--markdown", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    text = Path("out/areas.md").read_text(encoding="utf-8")
    assert text.startswith("# areas · 2026 spring\n")
    lines = text.splitlines()
    start = lines.index("## Mean score by area")
    assert lines[start + 2 : start + 8] == [
        "| Enabler | All (5) | Northbridge (3) | Southmere (2)\\* |",
        "| --- | --: | --: | --: |",
        "| **Purpose and priorities** | **3.15** | **3.25** | **2.75** |",
        "| Senior leadership | 2.80 | 4.00 | 1.00 |",
        "| Common agenda | 3.50 | 2.50 | 4.50 |",
        "| Joint governance | – | – | – |",
    ]
    assert "| **People and place** | **–** | **–** | **–** |" in lines
    assert f"\\* {NOTE}" in lines


def test_areas_workbook_groups_sheet(run: Run, areas: Path) -> None:
    result = run("report", areas, "--by", "area", "--xlsx", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    book = load_workbook("out/areas.xlsx")
    ws = book["Groups"]
    header = [c.value for c in ws[3]]
    leadership = header.index("Senior leadership") + 1
    agenda = header.index("Common agenda") + 1
    note = header.index("Note") + 1
    cells = [
        [ws.cell(row=r, column=c).value for c in (1, 2, 3, leadership, agenda, note)]
        for r in (4, 5, 6)
    ]
    assert cells[0][:5] == ["everyone", "All participants", 5, pytest.approx(2.8), 3.5]
    assert cells[1] == ["area", "Northbridge", 3, 4.0, 2.5, None]
    assert cells[2] == [
        "area",
        "Southmere",
        2,
        1.0,
        4.5,
        "Only 2 participants: read with care; scores may be identifiable.",
    ]
    assert ws.cell(row=7, column=1).value is None  # no other groups
    names = {c.value for r in book["Scores"].iter_rows() for c in r}
    assert {"Northbridge: Sam Lee", "Southmere: Sam Lee"} <= names


def test_areas_terminal(run: Run, areas: Path) -> None:
    result = run("report", areas, "--by", "area")
    assert result.exit_code == 0, result.output
    assert "areas · 2026 spring  (5 participants)" in result.stdout
    lines = section(result.stdout, "Mean score by area")
    assert lines[1].split() == ["All", "Northbridge", "Southmere"]
    assert lines[2].split() == ["Enabler", "(5)", "(3)", "(2)*"]
    assert row(lines, "Purpose and priorities") == ["3.15", "3.25", "2.75"]
    assert row(lines, "Senior leadership") == ["2.80", "4.00", "1.00"]
    assert row(lines, "Common agenda") == ["3.50", "2.50", "4.50"]
    assert row(lines, "Joint governance") == ["–", "–", "–"]
    assert lines[-1] == f"* {NOTE}"


def test_areas_radar_draws_one_line_per_area(run: Run, areas: Path) -> None:
    from matplotlib.legend import Legend

    from bbtool.render.radar.report import build_radars

    loaded = load_areas(areas)
    pooled, by_area = score_areas(loaded)
    fig = build_radars(pooled, loaded.framework, by_area)["radar-enablers.png"]
    (legend,) = fig.legends
    assert isinstance(legend, Legend)
    texts = [
        " ".join(t.get_text().replace("\N{NO-BREAK SPACE}", " ").split())
        for t in legend.get_texts()
    ]
    assert texts == ["Northbridge (3)", "Southmere (2)*", "All participants (5)"]
    result = run("report", areas, "--by", "area", "--radar", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    assert Path("out/radar-enablers.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_areas_default_output_folder(run: Run, areas: Path) -> None:
    result = run("report", areas, "--by", "area", "--json", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote areas/report/areas.json\n"
    # the report folder is not taken for an area next time
    assert run("report", areas, "--by", "area", "--json", "-q").exit_code == 0


def test_a_folder_not_named_areas_says_areas_in_its_files(
    run: Run, make_workspace: MakeWorkspace
) -> None:
    """Issue 15, item 17: ``areas/`` gives ``areas.json``; ``boroughs/`` gives
    ``boroughs-areas.json``."""
    make_workspace(NORTH, config=config("Northbridge"), name="boroughs/north")
    make_workspace(SOUTH, config=config("Southmere"), name="boroughs/south")
    result = run("report", "boroughs", "--by", "area", "--json", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/boroughs-areas.json\n"


def test_areas_each_scored_with_its_own_thresholds(run: Run, make_workspace: MakeWorkspace) -> None:
    # two people an area: flags need low_min_n counted scores (3 by default)
    two = "thresholds:\n  low_min_n: 2\n"
    make_workspace(NORTH, config=config("Northbridge", two), name="areas/north")
    make_workspace(SOUTH, config=config("Southmere", two + "  low: 4.6\n"), name="areas/south")
    result = run("report", "areas", "--by", "area", "--json", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    assert (
        "areas: the areas set different thresholds; each area is scored with its own, "
        "all areas together with the framework's\n"
    ) in result.stderr
    data = json.loads(Path("out/areas.json").read_text(encoding="utf-8"))
    assert data["thresholds"]["low"] == 2.5
    assert by_id(data["enablers"])["common-agenda"]["low"] is False  # 3.50, n = 4
    south = by_id(data["groups"]["area"]["Southmere"]["enablers"])
    assert south["common-agenda"]["low"] is True  # 4.50 < 4.6
    north = by_id(data["groups"]["area"]["Northbridge"]["enablers"])
    assert north["common-agenda"]["low"] is False  # 2.50, not below 2.5


# ------------------------------------------------------------ by area: errors


def test_folder_of_areas_needs_by_area(run: Run, areas: Path) -> None:
    message = (
        "bbtool: areas: is not a workspace but holds 2 (north, south); compare them side "
        "by side with --by area, or report on one of them\n"
    )
    for extra in ([], ["--by", "sector"]):
        result = run("report", areas, "--json", *extra)
        assert result.exit_code == 2
        assert result.stderr == message
    assert not Path("areas/report").exists()


def test_by_area_needs_a_folder_of_workspaces(
    run: Run, areas: Path, make_workspace: MakeWorkspace
) -> None:
    result = run("report", "areas/north", "--by", "area")
    assert result.exit_code == 2
    assert result.stderr == (
        "bbtool: areas/north: is a single workspace; --by area compares the workspaces in a "
        "folder that holds one per area: give that folder, or use --by sector, level or "
        "organisation\n"
    )
    Path("empty").mkdir()
    result = run("report", "empty", "--by", "area")
    assert result.exit_code == 2
    assert result.stderr.startswith("bbtool: empty: holds no workspaces; --by area compares")
    result = run("report", "nowhere", "--by", "area")
    assert result.exit_code == 2
    assert result.stderr == "bbtool: nowhere: no such folder\n"


def test_areas_every_problem_in_every_area_at_once(run: Run, make_workspace: MakeWorkspace) -> None:
    make_workspace(
        {**NORTH, "c.yaml": person("Cy", {"leadership": 6})},
        config=config("Northbridge"),
        name="areas/north",
    )
    make_workspace(
        {**SOUTH, "b.yaml": person("Dee", {"leadrship": 2})},
        config=config("Southmere"),
        name="areas/south",
    )
    result = run("report", "areas", "--by", "area", "--json", "--out", "out")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": warning:" not in line]
    assert errors == [
        "areas/north/participants/c.yaml:4:15: scores.leadership: 6 is not on the scale; "
        "use a whole number from 1 to 5, or skip",
        "areas/south/participants/b.yaml:4:3: scores: 'leadrship' is not an enabler; "
        "did you mean 'leadership'?",
        "bbtool: 2 error(s) in 2 file(s); nothing was written",
    ]
    assert not Path("out").exists()


def test_areas_need_their_own_names(run: Run, make_workspace: MakeWorkspace) -> None:
    make_workspace(NORTH, config=config("Northbridge"), name="areas/north")
    make_workspace(SOUTH, config=config("northbridge"), name="areas/south")
    result = run("report", "areas", "--by", "area", "-q")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": warning:" not in line]
    assert errors == [
        "areas/south/bbtool.yaml:1:7: area: 'northbridge' is also the area of "
        "areas/north/bbtool.yaml; each workspace in a folder of areas needs its own area",
        "bbtool: 1 error(s) in 1 file(s); nothing was written",
    ]


def test_areas_need_one_framework(run: Run, make_workspace: MakeWorkspace) -> None:
    shutil.copytree(builtin_framework_dir(), "fw")
    enablers = Path("fw/enablers.yaml")
    text = enablers.read_text(encoding="utf-8")
    enablers.write_text(text.replace('name: "Beyond Boundaries self', 'name: "Our self'))
    make_workspace(NORTH, config=config("Northbridge"), name="areas/north")
    make_workspace(SOUTH, config=config("Southmere", "framework: ../../fw\n"), name="areas/south")
    result = run("report", "areas", "--by", "area", "-q")
    assert result.exit_code == 2
    assert result.stderr == (
        "bbtool: areas/north and areas/south use different frameworks ('Beyond Boundaries "
        "self-evaluation of early years integration' and 'Our self-evaluation of early years "
        "integration'); areas are compared side by side only on the same framework (see "
        "'framework:' in their bbtool.yaml)\n"
    )


# ------------------------------------------------- by sector: terminal, Markdown


@pytest.fixture
def sectors(make_workspace: MakeWorkspace) -> Path:
    # health: 2, 4 -> 3.00; council: 5 -> 5.00; everyone: 11/3 -> 3.67
    return make_workspace(
        {
            "a.yaml": person("Ann", {"leadership": 2}, sector="health"),
            "b.yaml": person("Bo", {"leadership": 4}, sector="health"),
            "c.yaml": person("Cy", {"leadership": 5}, sector="council"),
        }
    )


def test_by_sector_terminal(run: Run, sectors: Path) -> None:
    result = run("report", sectors, "--by", "sector")
    assert result.exit_code == 0, result.output
    lines = section(result.stdout, "Mean score by sector")
    assert lines[1].split() == ["All", "council", "health"]
    assert lines[2].split() == ["Enabler", "(3)", "(1)*", "(2)*"]
    assert row(lines, "Senior leadership") == ["3.67", "5.00", "3.00"]
    assert lines[-1] == f"* {NOTE}"
    plain = run("report", sectors)
    assert "Mean score by" not in plain.stdout


def test_by_sector_markdown(run: Run, sectors: Path) -> None:
    result = run("report", sectors, "--by", "sector", "--markdown", "--out", "out", "-q")
    assert result.exit_code == 0, result.output
    lines = Path("out/testham-2026-spring.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("## Mean score by sector")
    assert lines[start + 2] == "| Enabler | All (3) | council (1)\\* | health (2)\\* |"
    assert "| Senior leadership | 3.67 | 5.00 | 3.00 |" in lines
    assert f"\\* {NOTE}" in lines
    run("report", sectors, "--markdown", "--out", "plain", "-q")
    assert "Mean score by" not in Path("plain/testham-2026-spring.md").read_text(encoding="utf-8")


def test_many_groups_get_letters_and_a_key(run: Run, make_workspace: MakeWorkspace) -> None:
    """Groups whose names do not fit side by side are lettered, with a key beneath."""
    names = [f"Northbridge Organisation Number {k}" for k in range(1, 9)]
    files = {
        f"{k}.yaml": person(f"P{k}", {"leadership": k % 5 + 1}).replace(
            "scores:", f"  organisation: {name}\nscores:"
        )
        for k, name in enumerate(names, 1)
    }
    make_workspace(files)
    result = run("report", "ws", "--by", "organisation")
    assert result.exit_code == 0, result.output
    lines = section(result.stdout, "Mean score by organisation")
    assert lines[1].split() == ["All", "A", "B", "C", "D", "E", "F", "G", "H"]
    # P1..P8 scored 2, 3, 4, 5, 1, 2, 3, 4: 24/8 = 3.00
    means = ["3.00", "2.00", "3.00", "4.00", "5.00", "1.00", "2.00", "3.00", "4.00"]
    assert row(lines, "Senior leadership") == means
    assert "A  Northbridge Organisation Number 1 (1)*" in lines
    assert "H  Northbridge Organisation Number 8 (1)*" in lines
    assert all(len(line) <= 110 for line in lines)
