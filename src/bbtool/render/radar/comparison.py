"""Two rounds on one radar: the old round's mean as a dashed grey line, the new round's
as a filled blue shape, on the same spokes, scale and frame as the report's radar.

Drawn with :mod:`bbtool.render.radar.report`'s frame and outlines, so it looks like the report's
charts and is as reproducible (render it with :func:`bbtool.render.radar.report.figure_bytes`).
Participants' names are never drawn.
"""

from __future__ import annotations

from typing import Any

import matplotlib.style
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bbtool.core.comparison import Comparison, RoundInfo
from bbtool.core.models import Framework
from bbtool.render.radar.frame import (
    BLUE,
    INK,
    MUTED,
    STYLE,
    WHOLE_GROUP,
    blend,
    draw_dots,
    draw_frame,
    draw_mean_area,
    draw_mean_outline,
    draw_no_scores,
    people_label,
    scale_caption,
    wrap_label,
)
from bbtool.render.text import figure

COMPARE_FILE = "radar-compare.png"
_OLD_DASHES = (0, (5, 3))
# the old round's target on each spoke that has one: a black cross, not a colour alone
_TARGET: dict[str, Any] = {
    "marker": "X",
    "color": INK,
    "mfc": INK,
    "mec": "white",
    "mew": 0.8,
    "ms": 9,
}


def legend_label(info: RoundInfo) -> str:
    return f"{info.label} ({info.participants})"


def build_comparison_radar(comparison: Comparison, framework: Framework) -> Figure:
    """One radar of the enablers: the old round's mean line under the new round's shape.

    Each spoke's label gives both means (old → new); the enablers that moved most are
    in bold."""
    c = comparison
    name = framework.short_name or framework.name
    with matplotlib.style.context(STYLE):
        labels = []
        for e in c.enablers:
            if e.old_mean is None and e.new_mean is None:
                labels.append(f"{wrap_label(e.short_title)}\nno scores")
            else:
                labels.append(
                    f"{wrap_label(e.short_title)}\n{figure(e.old_mean)} → {figure(e.new_mean)}"
                )
        handles: list[Patch | Line2D] = [
            Line2D(
                [],
                [],
                color=WHOLE_GROUP,
                lw=2.2,
                ls=_OLD_DASHES,
                marker="o",
                mfc="white",
                mec=WHOLE_GROUP,
                ms=6,
                label=legend_label(c.old),
            ),
            Patch(facecolor=blend(BLUE, 0.25), edgecolor=BLUE, lw=2, label=legend_label(c.new)),
        ]
        targets = [None if e.target is None else float(e.target) for e in c.enablers]
        if c.targets_given:
            handles.append(
                Line2D([], [], ls="none", **_TARGET, label=f"target set in {c.old.label}")
            )
        caption = (
            "Each spoke: the mean then and now (old → new); bold: moved most.\n"
            f"{scale_caption(framework)}"
        )
        fig, ax = draw_frame(
            title=f"{name}: how the enablers changed — {c.title}",
            subtitle=(
                f"mean score per round · {len(c.in_both)} of {people_label(c.new.participants)}"
                " took part in both"
            ),
            caption=caption,
            labels=labels,
            label_colours=[
                MUTED if e.old_mean is None and e.new_mean is None else INK for e in c.enablers
            ],
            label_weights=["bold" if e.id in c.moved_most else "normal" for e in c.enablers],
            legend=handles,
            scale_min=c.scale_min,
            scale_max=c.scale_max,
        )
        old = [e.old_mean for e in c.enablers]
        new = [e.new_mean for e in c.enablers]
        if all(m is None for m in old + new):
            draw_no_scores(ax)
        draw_mean_area(ax, new, BLUE, 0.25)
        draw_mean_outline(ax, new, color=BLUE, lw=2.2, zorder=4)
        draw_mean_outline(ax, old, color=WHOLE_GROUP, lw=2.2, ls=_OLD_DASHES, zorder=5)
        draw_dots(ax, new, "o", color=BLUE, ms=5, zorder=6)
        draw_dots(ax, old, "o", mfc="white", mec=WHOLE_GROUP, mew=1.4, ms=6, zorder=7)
        if c.targets_given:
            draw_dots(ax, targets, "", ls="none", zorder=8, **_TARGET)
    return fig
