"""Spoke labels that fit whatever the framework: wrapped to two lines each (an
indicator's number kept whole, ``text.wrap_label``), then one size and placement
chosen for all of them so that no two labels touch and none leaves the figure, for
3 to 40 spokes.

The labels are measured with matplotlib's own text layout on a scratch figure, and
placed on paper (inches from the plot's centre) before the chart is drawn, so the
figure is made tall enough for them at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

MEASURE_DPI = 150  # the radar PNGs' resolution (frame.DPI)
OFFSET_PT = 9  # from the outer ring to the label, along the spoke
LINE_SPACING = 1.15
GAP_IN = 0.04  # the least room between two labels
EDGE_IN = 0.08  # and between a label and the figure's side
PUSH_PT = 90  # how far out a label may be pushed to keep clear of its neighbours
FAR_PT = 150  # and, for the most crowded charts (40 spokes, long titles), how far at last
# font sizes in points, and how far out along its spoke a label that would touch
# another may be pushed (0: not at all), in the order they are tried: the first that
# fits wins (text is measured a little differently from one matplotlib to the next, so
# the last choices leave room to spare)
CHOICES = (
    (10.0, 0),
    (9.0, 0),
    (10.0, PUSH_PT),
    (9.0, PUSH_PT),
    (8.0, 0),
    (8.0, PUSH_PT),
    (7.0, PUSH_PT),
    (6.0, PUSH_PT),
    (6.0, FAR_PT),
)


@dataclass(frozen=True)
class Placed:
    """Where one label goes: its anchor's offset from the outer ring, in points along
    the spoke, and its alignment."""

    offset: float
    ha: str
    va: str


@dataclass(frozen=True)
class LabelPlan:
    size: float
    placed: list[Placed]
    above: float  # inches the labels reach above the plot's square
    below: float  # and below it


def _align(theta: float) -> tuple[str, str]:
    dx, dy = math.sin(theta), math.cos(theta)
    ha = "center" if abs(dx) < 0.1 else ("left" if dx > 0 else "right")
    va = "center" if abs(dy) < 0.1 else ("bottom" if dy > 0 else "top")
    return ha, va


def _sizes(labels: Sequence[str], weights: Sequence[str], size: float) -> list[tuple[float, float]]:
    """Each label's width and height in inches at ``size`` points."""
    # measured at the charts' own resolution: glyphs are fitted to whole pixels, so a
    # label measured at another one can come out a pixel or two wider or narrower
    scratch = Figure(figsize=(4, 4), dpi=MEASURE_DPI)
    FigureCanvasAgg(scratch)
    out = []
    for label, weight in zip(labels, weights, strict=True):
        text = scratch.text(0, 0, label, fontsize=size, fontweight=weight, linespacing=LINE_SPACING)
        box = text.get_window_extent()
        out.append((box.width / MEASURE_DPI, box.height / MEASURE_DPI))
        text.remove()
    return out


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in inches from the centre


def _box(theta: float, radius: float, place: Placed, size: tuple[float, float]) -> Box:
    dx, dy = math.sin(theta), math.cos(theta)
    x = radius * dx + place.offset / 72 * dx
    y = radius * dy + place.offset / 72 * dy
    w, h = size
    x0 = {"center": x - w / 2, "left": x, "right": x - w}[place.ha]
    y0 = {"center": y - h / 2, "bottom": y, "top": y - h}[place.va]
    return x0, y0, x0 + w, y0 + h


def _apart(a: Box, b: Box) -> bool:
    side = a[2] + GAP_IN <= b[0] or b[2] + GAP_IN <= a[0]
    return side or a[3] + GAP_IN <= b[1] or b[3] + GAP_IN <= a[1]


def _placements(
    thetas: Sequence[float], sizes: Sequence[tuple[float, float]], radius: float, push: float
) -> tuple[list[Placed], list[Box]]:
    """Each label just outside the ring; one that would touch a label already placed
    (clockwise from the top) moves out along its spoke, up to ``push`` points, until it
    does not: near the top and bottom, neighbours then take turns, one row out."""
    placed: list[Placed] = []
    boxes: list[Box] = []
    for theta, size in zip(thetas, sizes, strict=True):
        ha, va = _align(theta)
        place = Placed(float(OFFSET_PT), ha, va)
        box = _box(theta, radius, place, size)
        while place.offset < push and not all(_apart(box, b) for b in boxes):
            place = Placed(place.offset + 2, ha, va)
            box = _box(theta, radius, place, size)
        placed.append(place)
        boxes.append(box)
    return placed, boxes


def plan_labels(
    labels: Sequence[str],
    weights: Sequence[str],
    thetas: Sequence[float],
    radius: float,
    half_width: float,
) -> LabelPlan:
    """The first of ``CHOICES`` whose labels neither touch one another nor reach past
    ``half_width`` inches from the centre (the figure's side); the last if none does.
    ``radius``: the outer ring's, in inches."""
    plan = None
    for size, push in CHOICES:
        placed, boxes = _placements(thetas, _sizes(labels, weights, size), radius, push)
        above = max([0.0] + [b[3] - radius for b in boxes])
        below = max([0.0] + [-radius - b[1] for b in boxes])
        plan = LabelPlan(size, placed, above, below)
        inside = all(-half_width + EDGE_IN <= b[0] and b[2] <= half_width - EDGE_IN for b in boxes)
        apart = all(
            _apart(boxes[i], boxes[j]) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
        )
        if inside and apart:
            break
    assert plan is not None
    return plan
