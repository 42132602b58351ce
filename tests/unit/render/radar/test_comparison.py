"""A comparison's radar chart: both rounds overlaid, labelled with the change, no
participant's name drawn, nothing outside the picture, reproducible bytes."""

from __future__ import annotations

from io import BytesIO

import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text as MplText
from PIL import Image

from _rounds import IN_BOTH
from bbtool.core.comparison import Comparison
from bbtool.render.radar.comparison import build_comparison_radar
from bbtool.render.radar.frame import figure_bytes
from bbtool.workspace.loader import Workspace


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


def test_radar_marks_the_old_rounds_targets(
    targets_comparison: Comparison, comparison: Comparison, rounds: tuple[Workspace, Workspace]
) -> None:
    from matplotlib.lines import Line2D

    fig = build_comparison_radar(targets_comparison, rounds[1].framework)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()][-1] == "target set in 2025 spring"
    crosses = [
        line
        for ax in fig.axes
        for line in ax.get_lines()
        if isinstance(line, Line2D) and line.get_marker() == "X"
    ]
    (marks,) = crosses
    # one cross a target, at the target's value: 4, 4, 3, 3, 3 in framework order
    assert np.asarray(marks.get_ydata(), dtype=float).tolist() == [4.0, 4.0, 3.0, 3.0, 3.0]
    plain = build_comparison_radar(comparison, rounds[1].framework)
    assert len(plain.legends[0].get_texts()) == 2
