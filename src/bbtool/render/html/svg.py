"""Charts for the meeting view as inline SVG, drawn from the same figures as the radar
PNGs: the enabler radar (mean, lowest to highest band, flags) and a distribution bar
per item. Numbers are rounded for drawing only; every chart has its figures in a table
or a title beside it, so nothing is only a picture."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bbtool.render.text import figure, wrap_label

# the radar PNGs' colours (render/radar/frame.py): blue mean, pale range, vermillion low,
# purple polarised; shapes beside colour, so colour is never the only signal
BLUE, RANGE, LOW, POLARISED, INK, GRID = "#0072B2", "#CFE3F2", "#D55E00", "#CC79A7", "#222", "#BBB"


@dataclass(frozen=True)
class Spoke:
    label: str
    mean: float | None
    low_end: int | None
    high_end: int | None
    low: bool
    polarised: bool
    target: int | None = None  # an earlier round's target: a cross on the spoke
    said: str = ""  # what its point says on hover and focus; built from the figures if empty

    def words(self) -> str:
        """The point's figures in words: its accessible name and its tooltip."""
        if self.said:
            return self.said
        text = f"{self.label}: mean {figure(self.mean)}"
        if self.low_end is not None and self.high_end is not None:
            text += f", scores {self.low_end} to {self.high_end}"
        flags = [w for w, on in (("low", self.low), ("polarised", self.polarised)) if on]
        return text + (f" ({', '.join(flags)})" if flags else "")


def _dot(x: float, y: float, s: Spoke, cx: float) -> list[str]:
    """A mean's point: focusable, named by its figures (shown on hover and on focus),
    with a square for low and a diamond for polarised."""
    said = escape(s.words())
    parts = [
        f'<g class="dot" tabindex="0" role="img" aria-label="{said}"><title>{said}</title>',
        # an invisible target to point at, larger than the dot
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="transparent"/>',
        f'<circle class="focus" cx="{x:.1f}" cy="{y:.1f}" r="14" fill="none"/>',
    ]
    if s.low:  # a square for low
        parts.append(f'<rect x="{x - 8:.1f}" y="{y - 8:.1f}" width="16" height="16" fill="{LOW}"/>')
    if s.polarised:  # a diamond for polarised
        diamond = _path([(x, y - 10), (x + 10, y), (x, y + 10), (x - 10, y)])
        parts.append(f'<path d="{diamond}" fill="{POLARISED}"/>')
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{BLUE}"/>')
    anchor, dx = ("start", 14) if x >= cx else ("end", -14)
    parts.append(
        f'<text class="value" x="{x + dx:.1f}" y="{y - 12:.1f}" text-anchor="{anchor}">'
        f"{figure(s.mean)}</text></g>"
    )
    return parts


def _cross(x: float, y: float, title: str) -> str:
    """An earlier round's target on a spoke: a black cross, edged in white."""
    a, b, c, d = x - 7, x + 7, y - 7, y + 7
    arms = f"M{a:.1f},{c:.1f} L{b:.1f},{d:.1f} M{a:.1f},{d:.1f} L{b:.1f},{c:.1f}"
    return (
        f'<g class="target"><title>{escape(title)}</title>'
        f'<path d="{arms}" stroke="#fff" stroke-width="7"/>'
        f'<path d="{arms}" stroke="{INK}" stroke-width="3.5"/></g>'
    )


def _point(cx: float, cy: float, radius: float, k: int, count: int) -> tuple[float, float]:
    angle = math.pi / 2 - 2 * math.pi * k / count  # clockwise from the top
    return cx + radius * math.cos(angle), cy - radius * math.sin(angle)


def _path(points: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"


_LINE_PX = 22  # a line of a spoke label (19 px, meeting.css), in the viewBox's units
_CHAR_PX = 11.5  # a wide character's advance at that size: labels are measured by it
_GAP_PX = 6


@dataclass(frozen=True)
class _Label:
    lines: list[str]
    x: float  # the anchor, from the centre
    y: float  # (down the page)
    anchor: str
    top: float  # the block's top, from the centre

    @property
    def box(self) -> tuple[float, float, float, float]:
        w = _CHAR_PX * max(len(line) for line in self.lines)
        x0 = {"middle": self.x - w / 2, "start": self.x, "end": self.x - w}[self.anchor]
        return x0, self.top, x0 + w, self.top + _LINE_PX * len(self.lines)


def _place(lines: list[str], k: int, count: int, radius: float) -> _Label:
    """A label ``radius`` out along spoke ``k``; its block grows away from the plot:
    upward above it, downward below, centred beside it."""
    up = math.cos(2 * math.pi * k / count)
    x, y = _point(0, 0, radius, k, count)
    block = _LINE_PX * len(lines)
    top = y - block if up > 0.3 else (y if up < -0.3 else y - block / 2)
    anchor = "middle" if abs(x) < 20 else ("start" if x > 0 else "end")
    return _Label(lines, x, y, anchor, top)


def _apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (
        a[2] + _GAP_PX <= b[0]
        or b[2] + _GAP_PX <= a[0]
        or a[3] + _GAP_PX <= b[1]
        or b[3] + _GAP_PX <= a[1]
    )


def _labels(texts: Sequence[str]) -> tuple[float, list[_Label]]:
    """The outer ring's radius and every spoke label, placed so that no two touch:
    clockwise from the top, a label that would touch one already placed moves out
    along its spoke (near the top and bottom, neighbours take turns a row apart); if
    that is not enough, the ring grows."""
    wrapped = [wrap_label(t).split("\n") for t in texts]
    count = len(texts)
    outer, labels = 200.0, list[_Label]()
    for outer in [200.0 + 40 * step for step in range(12)]:
        labels = []
        for k, lines in enumerate(wrapped):
            label = _place(lines, k, count, outer + 30)
            out = 0.0
            while out < 160 and not all(_apart(label.box, other.box) for other in labels):
                out += 4
                label = _place(lines, k, count, outer + 30 + out)
            labels.append(label)
        boxes = [label.box for label in labels]
        if all(_apart(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :]):
            break
    return outer, labels


def _spoke_label(label: _Label, cx: float, cy: float) -> str:
    spans = "".join(
        f'<tspan x="{cx + label.x:.1f}" y="{cy + label.top + _LINE_PX * (n + 0.8):.1f}">'
        f"{escape(line)}</tspan>"
        for n, line in enumerate(label.lines)
    )
    return f'<text text-anchor="{label.anchor}" class="spoke">{spans}</text>'


def radar(
    spokes: Sequence[Spoke],
    scale_min: int,
    scale_max: int,
    title: str,
    before: Sequence[float | None] | None = None,
    target_title: str = "target",
) -> str:
    """The enabler radar: rings at each scale point, the band from each enabler's
    lowest to highest score, the mean's outline, a marker per flag, each mean a point
    to hover or focus for its figures; with ``before`` (an earlier round's means), that
    round's outline dashed in grey beneath; a cross at each spoke's ``target``."""
    count = len(spokes)
    if count < 3:
        return ""
    outer, labels = _labels([s.label for s in spokes])
    # wide and tall enough for every label, the plot in the middle
    boxes = [label.box for label in labels]
    half_w = max(outer, *(max(-b[0], b[2]) for b in boxes)) + 10
    half_h = max(outer, *(max(-b[1], b[3]) for b in boxes)) + 10
    width, height, cx, cy = 2 * half_w, 2 * half_h, half_w, half_h

    def radius(value: float) -> float:
        return outer * (value - scale_min) / (scale_max - scale_min) if scale_max > scale_min else 0

    parts = [
        f'<svg class="radar" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-labelledby="radar-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="radar-title">{escape(title)}</title>',
    ]
    ring_labels = []  # drawn over the band, so the band does not pale them
    for value in range(scale_min, scale_max + 1):
        ring = [_point(cx, cy, radius(value), k, count) for k in range(count)]
        parts.append(f'<path d="{_path(ring)}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        x, y = _point(cx, cy, radius(value), 0, count)
        ring_labels.append(f'<text x="{x + 4:.1f}" y="{y - 2:.1f}" class="ring">{value}</text>')
    band_outer, band_inner = [], []
    for k, s in enumerate(spokes):
        x, y = _point(cx, cy, outer, k, count)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_spoke_label(labels[k], cx, cy))
        if s.low_end is not None and s.high_end is not None:
            band_outer.append(_point(cx, cy, radius(s.high_end), k, count))
            band_inner.append(_point(cx, cy, radius(s.low_end), k, count))
    if len(band_outer) == count:
        band = _path(band_outer) + " " + _path(list(reversed(band_inner)))
        parts.append(f'<path d="{band}" fill="{RANGE}" fill-rule="evenodd" opacity="0.8"/>')
    parts += ring_labels
    if before is not None and all(m is not None for m in before) and len(before) == count:
        earlier = [_point(cx, cy, radius(m or 0), k, count) for k, m in enumerate(before)]
        parts.append(
            f'<path d="{_path(earlier)}" fill="none" stroke="#666" stroke-width="2.5" '
            'stroke-dasharray="8 5"/>'
        )
    means = [(k, s) for k, s in enumerate(spokes) if s.mean is not None]
    if len(means) == count:
        outline = [_point(cx, cy, radius(s.mean or 0), k, count) for k, s in means]
        parts.append(
            f'<path d="{_path(outline)}" fill="{BLUE}" fill-opacity="0.15" '
            f'stroke="{BLUE}" stroke-width="3"/>'
        )
    for k, s in enumerate(spokes):
        if s.target is not None:
            x, y = _point(cx, cy, radius(s.target), k, count)
            parts.append(_cross(x, y, f"{s.label}: {target_title} {s.target}"))
    for k, s in means:
        x, y = _point(cx, cy, radius(s.mean or 0), k, count)
        parts += _dot(x, y, s, cx)
    parts.append("</svg>")
    return "".join(parts)


def distribution(counts: Sequence[tuple[str, int]], label: str) -> str:
    """How many gave each score (and skipped, unanswered): a row of bars, each with its
    count written under it."""
    top = max((n for _, n in counts), default=0) or 1
    width, bar, gap, height = 44 * len(counts), 36, 8, 120
    parts = [
        f'<svg class="dist" viewBox="0 0 {width} {height + 36}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>'
    ]
    for k, (what, n) in enumerate(counts):
        h = height * n / top
        x = k * (bar + gap) + gap / 2
        middle = f'x="{x + bar / 2:.1f}" text-anchor="middle"'
        colour = BLUE if what.isdigit() else GRID
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar}" height="{h:.1f}" '
            f'fill="{colour}"><title>{escape(what)}: {n}</title></rect>'
            f'<text {middle} y="{height + 14}">{escape(what)}</text>'
            f'<text {middle} y="{height + 30}" class="n">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
