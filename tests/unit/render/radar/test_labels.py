"""Radar charts of frameworks of any size within the limits: spoke labels that neither
touch nor leave the picture (measured on the drawn figure), the axis from the scale's
first point, indicator numbers kept, big indicator radars in parts, names that never
collide, and titles from the framework's own name."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Annotation, Text

from _frameworks import Shape, scored
from bbtool.core.models import MAX_ENABLERS
from bbtool.render.radar.report import ENABLERS_FILE, MAX_SPOKES, build_radars


def _axes(fig: Figure) -> PolarAxes:
    (ax,) = fig.axes
    assert isinstance(ax, PolarAxes)
    return ax


def _labels(fig: Figure) -> list[Annotation]:
    return [
        t for t in _axes(fig).texts if isinstance(t, Annotation) and t.get_gid() == "spoke-label"
    ]


def assert_labels_fit(fig: Figure, name: str) -> None:
    """No two spoke labels overlap, and no text leaves the picture."""
    fig.draw_without_rendering()
    boxes = [label.get_window_extent() for label in _labels(fig)]
    assert boxes, name
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (name, a, b)
    for text in fig.findobj(Text):
        if text.get_text():
            box = text.get_window_extent()
            said = (name, text.get_text())
            assert min(box.x0, box.y0) >= 0, said
            assert box.x1 <= fig.bbox.width, said
            assert box.y1 <= fig.bbox.height, said


SIZES = {
    "12 spokes, long titles": Shape(enablers=12, themes=3, indicators=0, long=True),
    "25 spokes, long titles": Shape(enablers=25, themes=1, indicators=0, long=True),
    "25 spokes": Shape(enablers=25, themes=1, indicators=0),
    "38 spokes, long titles": Shape(enablers=38, themes=2, indicators=0, long=True),
    "40 spokes, long titles": Shape(enablers=MAX_ENABLERS, themes=4, indicators=0, long=True),
}


@pytest.mark.parametrize("shape", SIZES.values(), ids=SIZES)
def test_spoke_labels_neither_overlap_nor_leave_the_picture(tmp_path: Path, shape: Shape) -> None:
    workspace, report = scored(tmp_path / "ws", shape)
    figures = build_radars(report, workspace.framework)
    fig = figures[ENABLERS_FILE]
    assert len(_labels(fig)) == shape.enablers
    assert_labels_fit(fig, ENABLERS_FILE)
    # by group, each label also carries the whole group's flags
    grouped = build_radars(report, workspace.framework, workspace.score_groups("sector"))
    assert_labels_fit(grouped[ENABLERS_FILE], "by sector")


@pytest.mark.parametrize(("start", "points"), [(0, 5), (1, 5), (1, 11), (0, 2)])
def test_the_axis_runs_from_the_scales_first_point(tmp_path: Path, start: int, points: int) -> None:
    shape = Shape(points=points, start=start, enablers=5, themes=1, indicators=0)
    workspace, report = scored(tmp_path / "ws", shape)
    ax = _axes(build_radars(report, workspace.framework)[ENABLERS_FILE])
    last = start + points - 1
    assert ax.get_ylim() == (start, last)
    scale = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert scale == [str(v) for v in range(start, last + 1)]  # no "0" under a 1-based scale


def test_indicator_spokes_keep_their_number_when_the_title_is_cut(tmp_path: Path) -> None:
    shape = Shape(enablers=2, themes=1, indicators=3, long=True)
    workspace, report = scored(tmp_path / "ws", shape)
    fig = build_radars(report, workspace.framework)["radar-t1.png"]
    titles = [label.get_text().rsplit("\n", 1)[0] for label in _labels(fig)]
    # "Short e01 with a long spoke name 2" is cut in its title, never in its number
    assert [t.replace("\n", " ") for t in titles] == [
        f"Short e0{e} with a long… {i}" for e in (1, 2) for i in (1, 2, 3)
    ]


def test_a_big_indicator_radar_is_drawn_in_parts_of_whole_enablers(tmp_path: Path) -> None:
    # one theme, 13 enablers of 3 indicators: 39 spokes, in parts of at most 24
    shape = Shape(enablers=13, themes=1, indicators=3)
    workspace, report = scored(tmp_path / "ws", shape)
    figures = build_radars(report, workspace.framework)
    parts = [name for name in figures if name != ENABLERS_FILE]
    assert parts == ["radar-t1-1.png", "radar-t1-2.png"]
    spokes = [len(_labels(figures[name])) for name in parts]
    assert spokes == [24, 15]
    assert all(n <= MAX_SPOKES for n in spokes)
    titles = [figures[name].texts[0].get_text() for name in parts]
    assert "(1\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}2)" in titles[0]
    assert "(2\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}2)" in titles[1]
    for name in parts:
        assert_labels_fit(figures[name], name)


def test_radar_names_never_collide_whatever_the_theme_ids(tmp_path: Path) -> None:
    # "enablers" and "compare" are the radars' own names; "T 1" and "t-1" give one
    # safe name; "radar-t-1-2" is what a clash would be numbered to
    ids = ("enablers", "compare", "T 1", "t-1", "t-1-2")
    shape = Shape(enablers=5, themes=5, indicators=2, theme_ids=ids)
    workspace, report = scored(tmp_path / "ws", shape)
    names = list(build_radars(report, workspace.framework))
    assert names == [
        ENABLERS_FILE,
        "radar-enablers-2.png",
        "radar-compare-2.png",
        "radar-t-1.png",
        "radar-t-1-2.png",
        "radar-t-1-2-2.png",
    ]


@pytest.mark.parametrize("short_name", ["", "Zephyr"])
def test_the_title_names_the_framework(tmp_path: Path, short_name: str) -> None:
    shape = Shape(enablers=4, themes=1, indicators=0, short_name=short_name)
    workspace, report = scored(tmp_path / "ws", shape)
    fig = build_radars(report, workspace.framework)[ENABLERS_FILE]
    title = fig.texts[0].get_text()
    assert title.startswith(f"{short_name or 'The Zephyr grid'}: enablers")
    assert "Beyond Boundaries" not in title


def test_long_names_are_cut_to_two_title_lines(tmp_path: Path) -> None:
    shape = Shape(enablers=4, themes=1, indicators=1, long=True)
    workspace, report = scored(tmp_path / "ws", shape)
    for name, fig in build_radars(report, workspace.framework).items():
        lines = fig.texts[0].get_text().split("\n")
        assert len(lines) == 3, name  # the name on two lines, then the place and round
        assert lines[1].endswith("…")
        assert lines[2] == "Zedtown, 2031 autumn"
        assert_labels_fit(fig, name)


def test_labels_are_spread_round_the_whole_circle(tmp_path: Path) -> None:
    """Staggered labels stay by their spoke: each label's anchor is on its spoke's line."""
    shape = Shape(enablers=30, themes=1, indicators=0)
    workspace, report = scored(tmp_path / "ws", shape)
    fig = build_radars(report, workspace.framework)[ENABLERS_FILE]
    for k, label in enumerate(_labels(fig)):
        theta = 2 * math.pi * k / 30
        dx, dy = label.xyann
        assert math.isclose(math.atan2(dx, dy) % (2 * math.pi), theta, abs_tol=1e-9)
