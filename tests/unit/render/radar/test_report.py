"""Radar charts: which files, what the pictures show and say, and that they are reproducible."""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import PathPatch
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Annotation, Text
from PIL import Image

from _demo import ROOT
from bbtool.core.models import Framework
from bbtool.core.results import Grouping, Report
from bbtool.core.scoring import GROUP_KEYS, score, score_groups
from bbtool.parallel import workers_wanted
from bbtool.render.radar.frame import figure_bytes
from bbtool.render.radar.frame import pngs as draw_all
from bbtool.render.radar.report import ENABLERS_FILE, build_radars
from bbtool.workspace.loader import Workspace, load_workspace

MakeWorkspace = Callable[..., Path]  # the conftest fixture

DOCS_PICTURE = ROOT / "docs" / "radar-enablers.png"

BLUE = (0x00, 0x72, 0xB2)  # the mean polygon
VERMILLION = (0xD5, 0x5E, 0x00)  # the low marker


# ------------------------------------------------------------------ fixtures


def _score(workspace: Workspace) -> Report:
    return score(
        workspace.framework,
        workspace.records,
        area=workspace.config.area,
        round=workspace.config.round,
        thresholds=workspace.thresholds,
    )


def _groups(workspace: Workspace, by: str) -> dict[str, Report]:
    return score_groups(
        workspace.framework,
        workspace.records,
        by=by,
        area=workspace.config.area,
        round=workspace.config.round,
        thresholds=workspace.thresholds,
    )


@pytest.fixture(scope="module")
def figures(demo_workspace: Workspace, demo_report: Report) -> dict[str, Figure]:
    return build_radars(demo_report, demo_workspace.framework)


@pytest.fixture(scope="module")
def pngs(figures: dict[str, Figure]) -> dict[str, bytes]:
    return {name: figure_bytes(fig) for name, fig in figures.items()}


# ------------------------------------------------------------------- helpers


def _flat(text: str) -> str:
    """Wrapped text on one line, as a reader takes it in."""
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


def _texts(fig: Figure) -> list[str]:
    return [_flat(t.get_text()) for t in fig.findobj(Text) if isinstance(t, Text)]


def _title(fig: Figure) -> str:
    return _flat(max(fig.texts, key=lambda t: t.get_fontsize()).get_text())


def _axes(fig: Figure) -> PolarAxes:
    (ax,) = fig.axes
    assert isinstance(ax, PolarAxes)
    return ax


def _spoke_labels(fig: Figure) -> list[str]:
    """The spoke labels, clockwise from the top: the words at the rim (the scale is digits)."""
    ax = _axes(fig)
    rim = ax.get_ylim()[1]
    labels = [
        a
        for a in ax.texts
        if isinstance(a, Annotation) and a.xy[1] == rim and not a.get_text().isdigit()
    ]
    return [_flat(a.get_text()) for a in sorted(labels, key=lambda a: float(a.xy[0]))]


def _legend_texts(fig: Figure) -> list[str]:
    (legend,) = fig.legends
    assert isinstance(legend, Legend)
    return [_flat(t.get_text()) for t in legend.get_texts()]


def _assert_inside(fig: Figure, name: str) -> None:
    """Every text and the legend lie within the picture: nothing cut off at an edge."""
    fig.draw_without_rendering()
    width, height = fig.bbox.width, fig.bbox.height
    boxes = [t.get_window_extent() for t in fig.findobj(Text) if t.get_text()]
    boxes += [legend.get_window_extent() for legend in fig.legends]
    for box in boxes:
        assert box.x0 >= 0, name
        assert box.x1 <= width, name
        assert box.y0 >= 0, name
        assert box.y1 <= height, name


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        yield png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        at += 12 + length


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    with Image.open(BytesIO(png)) as image:
        found = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert found is not None
    return {colour for _, colour in found}


def _themes_with_indicator_scores(report: Report, framework: Framework) -> set[str]:
    return {
        theme.id
        for theme in framework.themes
        if any(i.n > 0 for i in report.indicators if i.enabler in {e.id for e in theme.enablers})
    }


def _score_file(
    name: str,
    scores: dict[str, int | str],
    sector: str = "health",
    organisation: str | None = None,
) -> str:
    lines = [
        "participant:",
        f"  name: {name}",
        f"  organisation: {organisation or name.split()[-1] + ' Ltd'}",
        f"  sector: {sector}",
        "  level: operational",
        "scores:",
        *(f"  {enabler}: {value}" for enabler, value in scores.items()),
    ]
    return "\n".join(lines) + "\n"


def _all(framework: Framework, value: int | str) -> dict[str, int | str]:
    return {e.id: value for e in framework.enablers}


# -------------------------------------------------------------------- the demo


def test_demo_gives_the_enabler_radar_and_one_per_theme_with_indicator_scores(
    figures: dict[str, Figure], demo_report: Report, demo_workspace: Workspace
) -> None:
    themes = _themes_with_indicator_scores(demo_report, demo_workspace.framework)
    expected = {ENABLERS_FILE} | {f"radar-{theme}.png" for theme in themes}
    assert set(figures) == expected
    assert set(figures) == {"radar-enablers.png", "radar-partnership-and-process.png"}
    assert next(iter(figures)) == ENABLERS_FILE


def test_pngs_decode_and_are_at_least_1000_px_across(
    pngs: dict[str, bytes], figures: dict[str, Figure]
) -> None:
    for name, png in pngs.items():
        with Image.open(BytesIO(png)) as image:
            image.load()
            assert image.format == "PNG"
            width, height = image.size
        assert width >= 1000, name
        assert width == round(figures[name].get_figwidth() * 150)
        assert height > 0.9 * width, name  # roughly square: room for the labels


def test_pictures_are_drawn_in_the_palette(pngs: dict[str, bytes], demo_report: Report) -> None:
    assert demo_report.enabler("information-sharing").low  # so its marker is vermillion
    for name, png in pngs.items():
        colours = _colours(png)
        assert len(colours) > 100, name  # not blank: fills, lines, anti-aliased text
        assert BLUE in colours, name
    assert VERMILLION in _colours(pngs[ENABLERS_FILE])


@pytest.mark.slow
def test_same_report_gives_byte_identical_pngs(
    demo_workspace: Workspace, pngs: dict[str, bytes]
) -> None:
    again = build_radars(_score(demo_workspace), demo_workspace.framework)
    assert {name: figure_bytes(fig) for name, fig in again.items()} == pngs
    fig = again[ENABLERS_FILE]
    assert figure_bytes(fig) == figure_bytes(fig)  # drawing twice changes nothing


@pytest.mark.slow
def test_charts_drawn_side_by_side_are_the_charts_drawn_in_turn(
    figures: dict[str, Figure], pngs: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    if workers_wanted(len(figures), 1) == 0:
        pytest.skip("needs Linux and two cores to start workers")
    drawn, _ = draw_all(figures)  # two charts: one worker each
    assert list(drawn) == list(figures)
    assert drawn == pngs
    monkeypatch.setenv("BBTOOL_WORKERS", "1")
    assert draw_all(figures)[0] == pngs


def test_pngs_carry_no_software_or_time_stamp(pngs: dict[str, bytes]) -> None:
    for name, png in pngs.items():
        kinds = [kind for kind, _ in _chunks(png)]
        assert kinds[0] == b"IHDR", name
        assert kinds[-1] == b"IEND", name
        texts = [data for kind, data in _chunks(png) if kind in {b"tEXt", b"iTXt", b"zTXt"}]
        assert not any(data.startswith(b"Software\0") for data in texts), name
        assert b"Software" not in png, name
        assert b"tIME" not in kinds, name


def test_titles_carry_the_area_and_round(figures: dict[str, Figure], demo_report: Report) -> None:
    assert demo_report.area == "Northbridge"
    assert demo_report.round == "2026 spring"
    for name, fig in figures.items():
        title = _title(fig)
        assert "Northbridge" in title, name
        assert "2026 spring" in title, name


def test_enabler_radar_has_twelve_spokes_in_published_order_with_short_titles(
    figures: dict[str, Figure], demo_workspace: Workspace, demo_report: Report
) -> None:
    fig = figures[ENABLERS_FILE]
    ax = _axes(fig)
    enablers = demo_workspace.framework.enablers
    assert len(enablers) == 12
    spokes = [
        line
        for line in ax.get_lines()
        if np.asarray(line.get_ydata()).tolist() == [demo_report.scale_min, demo_report.scale_max]
    ]
    assert len(spokes) == 12
    labels = _spoke_labels(fig)
    assert len(labels) == 12
    for label, enabler, result in zip(labels, enablers, demo_report.enablers, strict=True):
        assert label.startswith(enabler.short_title), (label, enabler.short_title)
        assert result.mean is not None
        assert f"{result.mean:.1f}" in label
    flagged = {e.short_title for e in demo_report.enablers if e.low}
    assert flagged == {"Information sharing"}
    assert [label for label in labels if "low" in label] == ["Information sharing 2.0 · low"]
    polarised = [e.short_title for e in demo_report.enablers if e.polarised]
    assert all(any(p in label and "polarised" in label for label in labels) for p in polarised)


def test_radial_scale_runs_from_the_scales_first_point(
    figures: dict[str, Figure], demo_report: Report
) -> None:
    # the centre is 1, the scale's first point: no "0" ring under a 1-5 scale
    assert (demo_report.scale_min, demo_report.scale_max) == (1, 5)
    for fig in figures.values():
        ax = _axes(fig)
        assert ax.get_ylim() == (1, 5)
        scale = [a.get_text() for a in ax.texts if a.get_text().isdigit()]
        assert scale == ["1", "2", "3", "4", "5"]


def test_mean_band_and_flags_are_in_the_legend(
    figures: dict[str, Figure], demo_report: Report
) -> None:
    fig = figures[ENABLERS_FILE]
    assert _legend_texts(fig) == [
        "Mean",
        "Range (min–max)",
        f"Low (mean below {demo_report.thresholds.low:g})",
        "Polarised (split views)",
    ]
    # the filled mean polygon and the min-max band
    assert len([p for p in _axes(fig).patches if isinstance(p, PathPatch)]) == 2


def test_participants_names_are_never_drawn(demo_workspace: Workspace, demo_report: Report) -> None:
    names = [r.name for r in demo_workspace.records]
    assert names
    charts = [build_radars(demo_report, demo_workspace.framework)]
    charts += [
        build_radars(
            demo_report, demo_workspace.framework, Grouping(by, _groups(demo_workspace, by))
        )
        for by in GROUP_KEYS
    ]
    for figures in charts:
        for fig in figures.values():
            drawn = " ".join(_texts(fig)).casefold()
            for name in names:
                assert name.casefold() not in drawn


@pytest.mark.slow
def test_nothing_drawn_runs_off_the_picture(demo_workspace: Workspace, demo_report: Report) -> None:
    """Titles, spoke labels and legends stay inside, even with long organisation names."""
    charts = [build_radars(demo_report, demo_workspace.framework)]
    charts += [
        build_radars(
            demo_report, demo_workspace.framework, Grouping(by, _groups(demo_workspace, by))
        )
        for by in GROUP_KEYS
    ]
    for figures in charts:
        for name, fig in figures.items():
            _assert_inside(fig, name)


# ---------------------------------------------------------------------- groups


@pytest.mark.slow
@pytest.mark.parametrize("by", GROUP_KEYS)
def test_groups_overlay_one_series_each_with_a_legend(
    demo_workspace: Workspace, demo_report: Report, by: str
) -> None:
    groups = _groups(demo_workspace, by)
    figures = build_radars(demo_report, demo_workspace.framework, Grouping(by, groups))
    assert set(figures) == {"radar-enablers.png", "radar-partnership-and-process.png"}
    fig = figures[ENABLERS_FILE]
    legend = _legend_texts(fig)
    assert len(legend) == len(groups) + 1
    small = False
    for text, (key, group) in zip(legend, groups.items(), strict=False):
        people = len(group.participants)
        small |= people < 3
        assert text == f"{key} ({people})" + ("*" if people < 3 else "")  # small groups starred
    assert legend[-1] == f"All participants ({len(demo_report.participants)})"
    assert small == any("* Fewer than 3 participants" in text for text in _texts(fig))
    title = _title(fig)
    assert f"by {by}" in title
    assert "Northbridge" in title
    assert "2026 spring" in title
    labels = _spoke_labels(fig)
    assert len(labels) == 12
    assert "Information sharing low overall" in labels
    png = figure_bytes(fig)
    assert len(_colours(png)) > 100
    assert (
        figure_bytes(
            build_radars(demo_report, demo_workspace.framework, Grouping(by, groups))[ENABLERS_FILE]
        )
        == png
    )


# ------------------------------------------------------------------ edge cases


def _build(folder: Path, by: str | None = None) -> tuple[Report, dict[str, Figure]]:
    workspace = load_workspace(folder)
    result = _score(workspace)
    grouping = Grouping(by, _groups(workspace, by)) if by else None
    return result, build_radars(result, workspace.framework, grouping)


def test_one_participant(make_workspace: MakeWorkspace, framework: Framework) -> None:
    scores = _all(framework, 4)
    scores["information-sharing"] = 2
    folder = make_workspace({"ada.yaml": _score_file("Ada Okafor", scores)})
    result, figures = _build(folder)
    assert set(figures) == {ENABLERS_FILE}  # no indicator scores, no theme radars
    fig = figures[ENABLERS_FILE]
    assert "1 participant ·" in " ".join(_texts(fig))
    labels = _spoke_labels(fig)
    assert labels[0] == f"{framework.enablers[0].short_title} 4.0"
    # one person's 2 is not the group's: too few scores to flag (n < 3)
    assert "Information sharing 2.0" in labels
    assert "Testham" in _title(fig)
    assert not any("Ada" in text or "Okafor" in text for text in _texts(fig))
    assert result.enabler("information-sharing").low is None


@pytest.mark.slow
def test_an_enabler_nobody_scored_says_so(
    make_workspace: MakeWorkspace, framework: Framework
) -> None:
    first, second = _all(framework, 3), _all(framework, 4)
    first["locality"] = "skip"
    del second["locality"]
    folder = make_workspace(
        {
            "a.yaml": _score_file("Ada Okafor", first),
            "b.yaml": _score_file("Ben Lund", second, sector="council"),
        }
    )
    result, figures = _build(folder)
    assert result.enabler("locality").n == 0
    labels = _spoke_labels(figures[ENABLERS_FILE])
    assert "Locality organisation no scores" in labels
    assert sum("no scores" in label for label in labels) == 1
    assert len(_colours(figure_bytes(figures[ENABLERS_FILE]))) > 100

    # by sector: each group's line has a gap there, and nothing breaks
    _, grouped = _build(folder, by="sector")
    fig = grouped[ENABLERS_FILE]
    assert _legend_texts(fig) == ["council (1)*", "health (1)*", "All participants (2)"]
    assert len(_colours(figure_bytes(fig))) > 100


@pytest.mark.parametrize("by", [None, "sector"])
def test_all_enablers_skipped(
    make_workspace: MakeWorkspace, framework: Framework, by: str | None
) -> None:
    folder = make_workspace({"a.yaml": _score_file("Ada Okafor", _all(framework, "skip"))})
    result, figures = _build(folder, by)
    assert all(e.n == 0 for e in result.enablers)
    assert set(figures) == {ENABLERS_FILE}
    fig = figures[ENABLERS_FILE]
    assert "No scores yet" in _texts(fig)
    if by is None:
        assert all(label.endswith("no scores") for label in _spoke_labels(fig))
    with Image.open(BytesIO(figure_bytes(fig))) as image:
        assert image.size[0] >= 1000


@pytest.mark.parametrize("count", [1, 2, 3])
def test_theme_radar_with_few_indicator_scores(
    make_workspace: MakeWorkspace, framework: Framework, count: int
) -> None:
    """One or two scored indicators make no polygon: a bar per spoke instead, no crash."""
    indicators = [f"information-sharing.{k}: 2" for k in range(1, count + 1)]
    text = _score_file("Ada Okafor", _all(framework, 3)) + "indicators:\n"
    text += "".join(f"  {line}\n" for line in indicators)
    result, figures = _build(make_workspace({"a.yaml": text}))
    assert set(figures) == {ENABLERS_FILE, "radar-partnership-and-process.png"}
    fig = figures["radar-partnership-and-process.png"]
    labels = _spoke_labels(fig)
    assert labels == [f"Information sharing {k} 2.0" for k in range(1, count + 1)]  # n = 1
    assert "Partnership and process" in _title(fig)
    assert "1 of 1 participant scored these indicators" in " ".join(_texts(fig))
    assert VERMILLION in _colours(figure_bytes(fig))
    assert sum(i.n for i in result.indicators) == count


def test_long_names_stay_inside_the_picture(
    make_workspace: MakeWorkspace, framework: Framework
) -> None:
    """Organisations may be named at length (up to 200 characters), and areas too."""
    long_org = "The Northbridge and Riverside Integrated Early Years Family Support Partnership"
    unbroken = "Northbridge" * 12
    files = {
        f"{k}.yaml": _score_file(f"Person {k}", _all(framework, 1 + k), organisation=org)
        for k, org in enumerate([long_org, unbroken, long_org + " (East)", "Short"])
    }
    area = "The Royal Borough of Northbridge upon Riverside and the Eastern Villages"
    folder = make_workspace(files, config=f'area: {area}\nround: "2026 spring, second sitting"\n')
    for by in [None, "organisation"]:
        _, figures = _build(folder, by)
        fig = figures[ENABLERS_FILE]
        _assert_inside(fig, f"by {by}")
        assert area in _title(fig)
        if by:
            legend = _legend_texts(fig)
            assert len(legend) == 5
            assert all(len(text) <= 110 for text in legend)  # very long names are cut short
            assert sum(text.endswith(" (1)*") for text in legend) == 4


# ----------------------------------------------------------------------- docs


def test_readme_picture_is_small_and_current(
    demo_report: Report, demo_workspace: Workspace
) -> None:
    """docs/radar-enablers.png: the demo's enabler radar at 100 dpi in 256 colours."""
    assert DOCS_PICTURE.stat().st_size < 150_000
    remade = figure_bytes(
        build_radars(demo_report, demo_workspace.framework)[ENABLERS_FILE], dpi=100, colours=256
    )
    with Image.open(DOCS_PICTURE) as committed, Image.open(BytesIO(remade)) as fresh:
        # matplotlib releases measure text a little differently (3.10 makes this chart
        # 10 px shorter than 3.11, its labels taking less height): within 2 %
        assert all(abs(a - b) <= 0.02 * a for a, b in zip(committed.size, fresh.size, strict=True))
        assert committed.size[0] >= 800
        assert committed.mode == "P"
    assert math.isclose(len(remade), DOCS_PICTURE.stat().st_size, rel_tol=0.2)
