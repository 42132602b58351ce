"""The parts every radar chart is drawn from: the style and colours, the frame of
spokes, rings and labels, the mean's outline and area, the range band, markers,
legends, and PNG bytes (drawn side by side on the cores). Matplotlib without pyplot.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import textwrap
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import matplotlib.style
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.projections.polar import PolarAxes
from PIL import Image

from bbtool.core.models import Framework
from bbtool.core.results import SMALL_GROUP
from bbtool.parallel import ordered_map
from bbtool.render.radar.labels import LINE_SPACING, plan_labels
from bbtool.render.text import wrap_label

__all__ = ["wrap_label"]  # the charts wrap their spoke titles with it

DPI = 150

# matplotlib's defaults, whatever the user's matplotlibrc says, and every text taken as
# it is written (a pair of $ signs in a name is not mathematics)
STYLE: list[Any] = ["default", {"text.parse_math": False}]

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
VERMILLION = "#D55E00"
YELLOW = "#F0E442"
BLACK = "#000000"
# yellow last: it is the faintest on white
PALETTE = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, BLACK, YELLOW)
GROUP_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
# past eight groups the colours come round again, with another line style
GROUP_DASHES = ("solid", (0, (3, 1.5)), (0, (1, 1)), (0, (4, 1.5, 1, 1.5)))
# yellow lines and markers get a dark edge, or they vanish against white
EDGE = {YELLOW: "#7A6F00"}

INK = "#222222"
MUTED = "#555555"
GRID = "#C8C8C8"
RANGE = "#9A9A9A"
WHOLE_GROUP = "#666666"

WIDTH_IN = 8.5  # 1275 px at 150 dpi
PLOT_IN = 5.5  # the square the spokes are drawn in
LEGEND_WRAP = 40  # a group's name in the legend: lines of this many characters,
LEGEND_CHARS = 100  # cut short after this many
LEGEND_COLUMNS = 4
CAPTION_LINE_IN = 0.15  # one line of the caption at the foot, below the legend
STEPS = 32  # pieces per edge between two spokes


@dataclass(frozen=True)
class Spoke:
    label: str  # wrapped (text.wrap_label), at most two lines
    n: int
    mean: float | None
    min: int | None
    max: int | None
    low: bool
    polarised: bool


@dataclass(frozen=True)
class Series:
    label: str
    means: list[float | None]
    colour: str
    marker: str
    dashes: str | tuple[float, tuple[float, ...]]


def figure_bytes(fig: Figure, *, dpi: float = DPI, colours: int | None = None) -> bytes:
    """The figure as PNG bytes, without Software or time stamps: same figure, same bytes.

    The picture is opaque, so it is stored as RGB (no alpha channel): smaller, nothing
    lost. It is compressed at zlib's default level, 6: level 9 made files 3% smaller
    but took four times as long, most of the time of a report with charts. With
    ``colours`` it is reduced to a palette of that many colours (no dithering) and
    compressed hardest, for a small picture such as the README's.
    """
    drawn = BytesIO()
    with matplotlib.style.context(STYLE):
        FigureCanvasAgg(fig)  # draw with Agg, whatever canvas the figure had
        fig.savefig(
            drawn,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            pil_kwargs={"compress_level": 0},  # read back at once: no point compressing
        )
    with Image.open(drawn) as rgba:
        image = rgba.convert("RGB")
    if colours is not None:
        image = image.quantize(colours, dither=Image.Dither.NONE)
    buffer = BytesIO()
    level = 6 if colours is None else 9
    image.save(buffer, format="png", compress_level=level, dpi=(dpi, dpi))
    return buffer.getvalue()


def pngs(figures: dict[str, Figure]) -> tuple[dict[str, bytes], list[str]]:
    """Every figure as PNG bytes (:func:`figure_bytes`), by the same names, and what
    matplotlib warned of while drawing them (a character the font has no glyph for,
    say), once each. Drawing is most of a chart's time, and charts need nothing from
    one another: with several, they are drawn side by side on the machine's cores."""
    names = list(figures)
    drawn = list(ordered_map(lambda name: _draw(figures[name]), names, per_worker=1))
    said = list(dict.fromkeys(message for _, messages in drawn for message in messages))
    return {name: png for name, (png, _) in zip(names, drawn, strict=True)}, said


@contextlib.contextmanager
def kept_warnings() -> Iterator[list[str]]:
    """What is warned of inside (matplotlib, building a chart), kept once each as text
    for the caller to say when the work is done, not written out in the middle of it."""
    said: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield said
    said.extend(dict.fromkeys(str(w.message) for w in caught))


def _draw(fig: Figure) -> tuple[bytes, list[str]]:
    """:func:`figure_bytes`, with its warnings kept rather than written out: from a
    worker they would land in the middle of whatever the terminal shows."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = figure_bytes(fig)
    return png, [str(w.message) for w in caught]


# --------------------------------------------------------------------- helpers


def people_label(n: int) -> str:
    return f"{n} participant" if n == 1 else f"{n} participants"


def _title_lines(title: str, width: int = 58) -> list[str]:
    """The title on one line if it fits, else broken before the place and round; a
    long name is cut short after two lines, and so are a long place and round."""
    if len(title) <= width:
        return [title]
    head, dash, place = title.partition(" — ")
    if not dash:
        return textwrap.wrap(title, width, max_lines=3, placeholder="…")
    return textwrap.wrap(head, width, max_lines=2, placeholder="…") + textwrap.wrap(
        place, width, max_lines=2, placeholder="…"
    )


def scale_caption(framework: Framework) -> str:
    points = " · ".join(f"{p.value} {p.label}" for p in framework.scale.points)
    return f"Scale: {points}. Skipped and blank answers are left out."


def _thetas(count: int) -> list[float]:
    """Spoke angles: the first at the top, then clockwise (the axes run clockwise)."""
    return [2 * math.pi * k / count for k in range(count)]


def _runs(present: Sequence[bool]) -> tuple[list[list[int]], bool]:
    """Maximal circular runs of consecutive spokes with a value; True if that is all spokes."""
    count = len(present)
    if all(present):
        return [list(range(count))], True
    if not any(present):
        return [], False
    start = next(k for k in range(count) if not present[k])  # begin just after a gap
    runs: list[list[int]] = []
    current: list[int] = []
    for step in range(1, count + 1):
        k = (start + step) % count
        if present[k]:
            current.append(k)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs, False


def _straight(
    points: Sequence[tuple[float, float]], closed: bool, origin: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """(theta, r) along straight edges through the points, cut finely enough for a polar
    axes whose centre is at r = ``origin`` (the scale's first point)."""
    pts = [(t, r - origin) for t, r in points]
    pts += [pts[0]] if closed and len(pts) > 1 else []
    if len(pts) == 1:
        return np.array([pts[0][0]]), np.array([pts[0][1] + origin])
    thetas: list[np.ndarray] = []
    radii: list[np.ndarray] = []
    for (t0, r0), (t1, r1) in itertools.pairwise(pts):
        x = np.linspace(r0 * math.sin(t0), r1 * math.sin(t1), STEPS + 1)
        y = np.linspace(r0 * math.cos(t0), r1 * math.cos(t1), STEPS + 1)
        r = np.hypot(x, y)
        # the polar axes runs clockwise from the top, so x = r sin(theta), y = r cos(theta)
        t = np.arctan2(x, y)
        t[r < 1e-9] = t0 if r0 < 1e-9 else t1
        t = np.unwrap(np.concatenate([[t0], t]))[1:]
        if thetas:
            t, r = t[1:], r[1:]
        thetas.append(t)
        radii.append(r)
    return np.concatenate(thetas), np.concatenate(radii) + origin


def _origin(ax: PolarAxes) -> float:
    """The value at the centre of the chart: the scale's first point."""
    return float(ax.get_ylim()[0])


def _ring(thetas: Sequence[float], radii: Sequence[float]) -> list[tuple[float, float]]:
    return list(zip(thetas, radii, strict=True))


def _run_angles(run: list[int], count: int) -> list[float]:
    """Angles along a run, increasing even where the run wraps past the top."""
    first = run[0]
    return [2 * math.pi * (first + j) / count for j in range(len(run))]


def draw_mean_outline(
    ax: PolarAxes, means: Sequence[float | None], **style: object
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Draw the mean line (with gaps for spokes without scores); return its vertices."""
    count = len(means)
    runs, full = _runs([m is not None for m in means])
    outlines_t: list[np.ndarray] = []
    outlines_r: list[np.ndarray] = []
    for run in runs:
        pts = _ring(_run_angles(run, count), [float(means[k] or 0.0) for k in run])
        t, r = _straight(pts, closed=full, origin=_origin(ax))
        ax.plot(t, r, clip_on=False, **style)  # type: ignore[arg-type]
        outlines_t.append(t)
        outlines_r.append(r)
    return outlines_t, outlines_r


def draw_mean_area(ax: PolarAxes, means: Sequence[float | None], colour: str, alpha: float) -> None:
    count = len(means)
    runs, full = _runs([m is not None for m in means])
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for run in runs:
        angles = _run_angles(run, count)
        pts = _ring(angles, [float(means[k] or 0.0) for k in run])
        t, r = _straight(pts, closed=full, origin=_origin(ax))
        ring = list(zip(t.tolist(), r.tolist(), strict=True))
        if not full:  # a wedge from the centre, so gaps stay gaps
            ring = [(angles[0], _origin(ax)), *ring, (angles[-1], _origin(ax))]
        verts += [*ring, ring[0]]
        codes += _codes(len(ring))
    if verts:
        ax.add_patch(PathPatch(Path(verts, codes), facecolor=colour, alpha=alpha, lw=0, zorder=3))


def draw_range_band(ax: PolarAxes, spokes: Sequence[Spoke]) -> None:
    """Shade between the lowest and highest scores (a ring with a hole when all are scored)."""
    count = len(spokes)
    if count < 3:  # no area to shade: a bar along each spoke instead
        for theta, s in zip(_thetas(count), spokes, strict=True):
            if s.min is not None and s.max is not None:
                ax.plot(
                    [theta, theta],
                    [s.min, s.max],
                    color=RANGE,
                    alpha=0.45,
                    lw=12,
                    solid_capstyle="butt",
                    zorder=1,
                    clip_on=False,
                )
        return
    runs, full = _runs([s.min is not None and s.max is not None for s in spokes])
    verts: list[tuple[float, float]] = []
    codes: list[int] = []

    def add(ring: list[tuple[float, float]]) -> None:
        verts.extend([*ring, ring[0]])
        codes.extend(_codes(len(ring)))

    for run in runs:
        angles = _run_angles(run, count)
        origin = _origin(ax)
        high = _straight(_ring(angles, [float(spokes[k].max or 0) for k in run]), full, origin)
        low = _straight(_ring(angles, [float(spokes[k].min or 0) for k in run]), full, origin)
        outer = list(zip(*high, strict=True))
        inner = list(zip(*low, strict=True))[::-1]
        if full:
            add(outer)
            add(inner)  # reversed: a hole
        else:
            add(outer + inner)
        for t, r in (high, low):
            ax.plot(t, r, color=RANGE, lw=0.9, alpha=0.9, zorder=2, clip_on=False)
    if verts:
        ax.add_patch(PathPatch(Path(verts, codes), facecolor=RANGE, alpha=0.22, lw=0, zorder=1))


# ------------------------------------------------------------------------ frame


def draw_frame(
    *,
    title: str,
    subtitle: str,
    caption: str,
    labels: Sequence[str],
    label_colours: Sequence[str],
    label_weights: Sequence[str],
    legend: Sequence[Patch | Line2D],
    scale_min: int,
    scale_max: int,
) -> tuple[Figure, PolarAxes]:
    """A figure with the title, the polygon grid, spokes, spoke labels, scale labels,
    the legend and the caption. The centre is the scale's first point, the outer ring
    its last; the spoke labels are sized and placed to fit (``labels.plan_labels``)."""
    title_lines = _title_lines(title)
    header = 0.35 + 0.3 * len(title_lines) + 0.3  # inches above the spoke labels
    count = len(labels)
    thetas = _thetas(count)
    plan = plan_labels(labels, label_weights, thetas, PLOT_IN / 2, WIDTH_IN / 2)
    # room for the spoke labels near the top and the bottom of the plot
    room_above = max(0.39, plan.above + 0.1)
    room_below = max(0.39, plan.below + 0.1)
    columns, legend_in = _legend_layout(legend)
    caption_in = 0.3 + CAPTION_LINE_IN * (caption.count("\n") + 1)
    footer = caption_in + legend_in + 0.15  # the caption, then the legend
    height = header + room_above + PLOT_IN + room_below + footer

    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(
        0.5,
        1 - 0.3 / height,
        "\n".join(title_lines),
        ha="center",
        va="top",
        fontsize=15,
        fontweight="bold",
        color=INK,
        linespacing=1.25,
    )
    fig.text(
        0.5,
        1 - (0.3 + 0.3 * len(title_lines) + 0.08) / height,
        subtitle,
        ha="center",
        va="top",
        fontsize=11,
        color=MUTED,
    )
    fig.text(
        0.5,
        0.22 / height,
        caption,
        ha="center",
        va="bottom",
        fontsize=8.5,
        color=MUTED,
        linespacing=1.4,
    )
    _legend(fig, legend, columns, caption_in / height)

    bottom = footer + room_below
    rect = (
        (WIDTH_IN - PLOT_IN) / 2 / WIDTH_IN,
        bottom / height,
        PLOT_IN / WIDTH_IN,
        PLOT_IN / height,
    )
    ax = fig.add_axes(rect, projection="polar")
    assert isinstance(ax, PolarAxes)
    ax.set_theta_zero_location("N")
    ax.set_theta_direction(-1)
    ax.set_ylim(scale_min, scale_max)
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines["polar"].set_visible(False)
    ax.patch.set_visible(False)

    # the grid: polygons through the spokes (circles when there are too few spokes)
    for level in range(scale_min + 1, scale_max + 1):
        if count >= 3:
            t, r = _straight(_ring(thetas, [float(level)] * count), closed=True)
        else:
            t = np.linspace(0, 2 * math.pi, 361)
            r = np.full_like(t, float(level))
        ax.plot(t, r, color=GRID if level < scale_max else "#A0A0A0", lw=0.8, zorder=0)
    for theta in thetas:
        ax.plot([theta, theta], [scale_min, scale_max], color=GRID, lw=0.8, zorder=0)
    # the scale, up the first spoke as in the published chart
    for level in range(scale_min, scale_max + 1):
        ax.annotate(
            str(level),
            xy=(0, level),
            xytext=(-5, 0 if level > scale_min else 4),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8.5,
            color=MUTED,
            zorder=8,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
        )
    # spoke labels, just outside the outer ring, aligned away from the plot
    for theta, text, colour, weight, place in zip(
        thetas, labels, label_colours, label_weights, plan.placed, strict=True
    ):
        dx, dy = math.sin(theta), math.cos(theta)
        ax.annotate(
            text,
            xy=(theta, scale_max),
            xytext=(place.offset * dx, place.offset * dy),
            textcoords="offset points",
            ha=place.ha,
            va=place.va,
            multialignment=place.ha,
            fontsize=plan.size,
            color=colour,
            fontweight=weight,
            linespacing=LINE_SPACING,
            annotation_clip=False,
            gid="spoke-label",
        )
    return fig, ax


def _legend(fig: Figure, handles: Sequence[Patch | Line2D], columns: int, bottom: float) -> Legend:
    return fig.legend(
        handles=list(handles),
        loc="lower center",
        bbox_to_anchor=(0.5, bottom),
        ncols=columns,
        frameon=False,
        fontsize=10,
        handlelength=3,
        columnspacing=1.6,
    )


def _legend_layout(handles: Sequence[Patch | Line2D]) -> tuple[int, float]:
    """Columns for the legend, and its height in inches.

    As few rows as fit across the figure with at most four columns, then as few columns
    as those rows need (5 entries: 2, 2 and 1, not 4 and 1). Measured by drawing the
    legend on a scratch figure, so long group names get fewer columns, not cut off.
    """
    if not handles:
        return 1, 0.0
    scratch = Figure(figsize=(WIDTH_IN, 4), dpi=DPI)
    FigureCanvasAgg(scratch)

    def size(columns: int) -> tuple[float, float]:
        legend = _legend(scratch, handles, columns, 0.0)
        box = legend.get_window_extent()
        legend.remove()
        return box.width / DPI, box.height / DPI

    columns = min(LEGEND_COLUMNS, len(handles))
    while columns > 1 and size(columns)[0] > WIDTH_IN - 0.3:
        columns -= 1
    columns = math.ceil(len(handles) / math.ceil(len(handles) / columns))
    return columns, size(columns)[1]


def draw_dots(
    ax: PolarAxes,
    means: Sequence[float | None],
    fmt: str,
    where: Callable[[int], bool] | None = None,
    **style: Any,
) -> None:
    """Markers on the spokes that have a mean (and, with ``where``, that it picks)."""
    thetas = _thetas(len(means))
    picked = [k for k, m in enumerate(means) if m is not None and (where is None or where(k))]
    ax.plot(
        [thetas[k] for k in picked],
        [means[k] or 0.0 for k in picked],
        *([fmt] if fmt else []),
        clip_on=False,
        **style,
    )


def edged(colour: str, width: float) -> list[patheffects.AbstractPathEffect]:
    """A dark edge along a line in a light colour; nothing for the others."""
    if colour not in EDGE:
        return []
    return [
        patheffects.Stroke(linewidth=width + 1.4, foreground=EDGE[colour]),
        patheffects.Normal(),
    ]


def legend_label(key: str, people: int) -> str:
    """A group's name, wrapped (and cut short if very long), then its head count,
    starred when the group is small."""
    if len(key) > LEGEND_CHARS:
        key = key[: LEGEND_CHARS - 1].rstrip() + "…"
    star = "*" if people < SMALL_GROUP else ""
    # a no-break space keeps the count with the last word
    return (
        "\n".join(textwrap.wrap(key, LEGEND_WRAP) or [key]) + f"\N{NO-BREAK SPACE}({people}){star}"
    )


def spoke_flags(spoke: Spoke) -> list[str]:
    return [word for word, on in (("low", spoke.low), ("polarised", spoke.polarised)) if on]


def draw_no_scores(ax: PolarAxes) -> None:
    """Say so in the middle when nothing has a score yet, rather than leave a bare grid."""
    ax.annotate(
        "No scores yet",
        xy=(0, 0),
        xytext=(0, -10),  # under the scale's 0
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=13,
        color=MUTED,
        zorder=9,
        path_effects=[patheffects.withStroke(linewidth=4, foreground="white")],
    )


def blend(colour: str, alpha: float) -> tuple[float, float, float]:
    """A translucent colour as it looks on white (legend swatches have no fill behind)."""
    rgb = [int(colour[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    return (
        1 - alpha * (1 - rgb[0]),
        1 - alpha * (1 - rgb[1]),
        1 - alpha * (1 - rgb[2]),
    )


def _codes(count: int) -> list[int]:
    """Path codes for a closed ring of ``count`` points (plus the closing vertex)."""
    return [int(Path.MOVETO)] + [int(Path.LINETO)] * (count - 1) + [int(Path.CLOSEPOLY)]
