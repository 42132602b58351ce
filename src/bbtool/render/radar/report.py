"""Radar diagrams, as the published tool draws them: one spoke per enabler or indicator.

``build_radars`` turns a :class:`~bbtool.core.results.Report` into matplotlib figures, one
per file name; ``figure_bytes`` renders one as a reproducible PNG. Only matplotlib's
object-oriented API is used (no pyplot, no global figure state), so drawing is safe to
call from a library and leaves nothing open. Everything is drawn under matplotlib's
default style with its bundled DejaVu Sans, so a user's matplotlibrc cannot change
the output: the same report gives byte-identical PNGs on any machine with the same
matplotlib and Pillow.

Edges between spokes are straight (as in the published charts), not the spirals a
polar axes would draw between two radii: every edge is cut into short pieces first.
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
from bbtool.core.results import SMALL_GROUP, Grouping, Report
from bbtool.parallel import ordered_map

DPI = 150

# matplotlib's defaults, whatever the user's matplotlibrc says, and every text taken as
# it is written: by default a pair of $ signs would start mathematics, so an area
# called "Cost $x^$ group" stopped the chart with a parse error
STYLE: list[Any] = ["default", {"text.parse_math": False}]
ENABLERS_FILE = "radar-enablers.png"

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
LABEL_WRAP = 14
LEGEND_WRAP = 40  # a group's name in the legend: lines of this many characters,
LEGEND_CHARS = 100  # cut short after this many
LEGEND_COLUMNS = 4
CAPTION_LINE_IN = 0.15  # one line of the caption at the foot, below the legend
STEPS = 32  # pieces per edge between two spokes


@dataclass(frozen=True)
class _Spoke:
    label: str  # wrapped, at most two lines
    n: int
    mean: float | None
    min: int | None
    max: int | None
    low: bool
    polarised: bool


@dataclass(frozen=True)
class _Series:
    label: str
    means: list[float | None]
    colour: str
    marker: str
    dashes: str | tuple[float, tuple[float, ...]]


# ------------------------------------------------------------------ public API


def build_radars(
    report: Report,
    framework: Framework,
    grouping: Grouping | None = None,
) -> dict[str, Figure]:
    """File name -> figure: the enabler radar, then one radar per theme with indicator scores.

    With ``grouping`` the enabler radar overlays each group's mean line on the whole
    group's mean instead of showing one group's mean, range and flags.
    """
    groups = grouping.groups if grouping is not None else {}
    name = framework.short_name or "Beyond Boundaries"
    place = f"{report.area}, {report.round}"
    caption = _scale_caption(framework)
    people = len(report.participants)
    figures: dict[str, Figure] = {}
    with matplotlib.style.context(STYLE):
        spokes = [
            _Spoke(
                label=_wrap(e.short_title),
                n=e.n,
                mean=e.mean,
                min=e.min,
                max=e.max,
                low=bool(e.low),
                polarised=bool(e.polarised),
            )
            for e in report.enablers
        ]
        if groups:
            figures[ENABLERS_FILE] = _group_radar(
                title=f"{name}: enablers by {grouping.by if grouping else 'group'} — {place}",
                subtitle=(
                    f"{_people(people)} in {len(groups)} group{'' if len(groups) == 1 else 's'}"
                    " · mean score per group"
                ),
                caption=caption,
                spokes=spokes,
                report=report,
                groups=groups,
                scale_max=report.scale_max,
            )
        else:
            figures[ENABLERS_FILE] = _single_radar(
                title=f"{name}: enablers — {place}",
                subtitle=f"{_people(people)} · mean score, with the lowest and highest",
                caption=caption,
                spokes=spokes,
                scale_max=report.scale_max,
                low_below=report.thresholds.low,
            )

        short = {e.id: e.short_title for e in framework.enablers}
        for theme in framework.themes:
            in_theme = {e.id for e in theme.enablers}
            scored = [i for i in report.indicators if i.enabler in in_theme and i.n > 0]
            if not scored:
                continue
            answered = {
                who
                for i in scored
                for who, value in i.scores.items()
                if isinstance(value, int) and not isinstance(value, bool)
            }
            figures[f"radar-{theme.id}.png"] = _single_radar(
                title=f"{name}: {theme.title} indicators — {place}",
                subtitle=(
                    f"{len(answered)} of {_people(people)} scored these indicators"
                    " · only indicators with scores are shown"
                ),
                caption=caption,
                spokes=[
                    _Spoke(
                        label=_wrap(f"{short[i.enabler]} {i.id.removeprefix(i.enabler + '.')}"),
                        n=i.n,
                        mean=i.mean,
                        min=i.min,
                        max=i.max,
                        low=bool(i.low),
                        polarised=bool(i.polarised),
                    )
                    for i in scored
                ],
                scale_max=report.scale_max,
                low_below=report.thresholds.low,
            )
    return figures


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


def _people(n: int) -> str:
    return f"{n} participant" if n == 1 else f"{n} participants"


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LABEL_WRAP, max_lines=2, placeholder="…")) or text


def _title_lines(title: str, width: int = 58) -> list[str]:
    """The title on one line if it fits, else broken before the place and round."""
    if len(title) <= width:
        return [title]
    head, dash, place = title.partition(" — ")
    if not dash:
        return textwrap.wrap(title, width)
    return textwrap.wrap(head, width) + textwrap.wrap(place, width)


def _scale_caption(framework: Framework) -> str:
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


def _straight(points: Sequence[tuple[float, float]], closed: bool) -> tuple[np.ndarray, np.ndarray]:
    """(theta, r) along straight edges through the points, cut finely enough for a polar axes."""
    pts = list(points) + ([points[0]] if closed and len(points) > 1 else [])
    if len(pts) == 1:
        return np.array([pts[0][0]]), np.array([pts[0][1]])
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
    return np.concatenate(thetas), np.concatenate(radii)


def _ring(thetas: Sequence[float], radii: Sequence[float]) -> list[tuple[float, float]]:
    return list(zip(thetas, radii, strict=True))


def _run_angles(run: list[int], count: int) -> list[float]:
    """Angles along a run, increasing even where the run wraps past the top."""
    first = run[0]
    return [2 * math.pi * (first + j) / count for j in range(len(run))]


def _mean_outline(
    ax: PolarAxes, means: Sequence[float | None], **style: object
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Draw the mean line (with gaps for spokes without scores); return its vertices."""
    count = len(means)
    runs, full = _runs([m is not None for m in means])
    outlines_t: list[np.ndarray] = []
    outlines_r: list[np.ndarray] = []
    for run in runs:
        pts = _ring(_run_angles(run, count), [float(means[k] or 0.0) for k in run])
        t, r = _straight(pts, closed=full)
        ax.plot(t, r, clip_on=False, **style)  # type: ignore[arg-type]
        outlines_t.append(t)
        outlines_r.append(r)
    return outlines_t, outlines_r


def _mean_area(ax: PolarAxes, means: Sequence[float | None], colour: str, alpha: float) -> None:
    count = len(means)
    runs, full = _runs([m is not None for m in means])
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for run in runs:
        angles = _run_angles(run, count)
        pts = _ring(angles, [float(means[k] or 0.0) for k in run])
        t, r = _straight(pts, closed=full)
        ring = list(zip(t.tolist(), r.tolist(), strict=True))
        if not full:  # a wedge from the centre, so gaps stay gaps
            ring = [(angles[0], 0.0), *ring, (angles[-1], 0.0)]
        verts += [*ring, ring[0]]
        codes += _codes(len(ring))
    if verts:
        ax.add_patch(PathPatch(Path(verts, codes), facecolor=colour, alpha=alpha, lw=0, zorder=3))


def _range_band(ax: PolarAxes, spokes: Sequence[_Spoke]) -> None:
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
        high = _straight(_ring(angles, [float(spokes[k].max or 0) for k in run]), closed=full)
        low = _straight(_ring(angles, [float(spokes[k].min or 0) for k in run]), closed=full)
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


def _frame(
    *,
    title: str,
    subtitle: str,
    caption: str,
    labels: Sequence[str],
    label_colours: Sequence[str],
    label_weights: Sequence[str],
    legend: Sequence[Patch | Line2D],
    scale_max: int,
) -> tuple[Figure, PolarAxes]:
    """A figure with the title, the polygon grid, spokes, spoke labels, scale labels,
    the legend and the caption."""
    title_lines = _title_lines(title)
    header = 0.35 + 0.3 * len(title_lines) + 0.3  # inches above the spoke labels
    # room for the spoke labels above and below the plot
    count = len(labels)
    thetas = _thetas(count)
    lines = [(label.count("\n") + 1, math.cos(t)) for label, t in zip(labels, thetas, strict=True)]
    # room for the spoke labels near the top and the bottom of the plot
    room_above = 0.2 + 0.19 * max([1] + [n for n, up in lines if up > 0.7])
    room_below = 0.2 + 0.19 * max([1] + [n for n, up in lines if up < -0.7])
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
    ax.set_ylim(0, scale_max)
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines["polar"].set_visible(False)
    ax.patch.set_visible(False)

    # the grid: polygons through the spokes (circles when there are too few spokes)
    for level in range(1, scale_max + 1):
        if count >= 3:
            t, r = _straight(_ring(thetas, [float(level)] * count), closed=True)
        else:
            t = np.linspace(0, 2 * math.pi, 361)
            r = np.full_like(t, float(level))
        ax.plot(t, r, color=GRID if level < scale_max else "#A0A0A0", lw=0.8, zorder=0)
    for theta in thetas:
        ax.plot([theta, theta], [0, scale_max], color=GRID, lw=0.8, zorder=0)
    # the scale, up the first spoke as in the published chart
    for level in range(scale_max + 1):
        ax.annotate(
            str(level),
            xy=(0, level),
            xytext=(-5, 0 if level else 4),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8.5,
            color=MUTED,
            zorder=8,
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
        )
    # spoke labels, just outside the outer ring, aligned away from the plot
    for theta, text, colour, weight in zip(
        thetas, labels, label_colours, label_weights, strict=True
    ):
        dx, dy = math.sin(theta), math.cos(theta)
        ha = "center" if abs(dx) < 0.1 else ("left" if dx > 0 else "right")
        va = "center" if abs(dy) < 0.1 else ("bottom" if dy > 0 else "top")
        ax.annotate(
            text,
            xy=(theta, scale_max),
            xytext=(9 * dx, 9 * dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            multialignment=ha if ha != "center" else "center",
            fontsize=10,
            color=colour,
            fontweight=weight,
            linespacing=1.15,
            annotation_clip=False,
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


# ----------------------------------------------------------------------- charts


def _single_radar(
    *,
    title: str,
    subtitle: str,
    caption: str,
    spokes: Sequence[_Spoke],
    scale_max: int,
    low_below: float,
) -> Figure:
    labels = [
        f"{s.label}\nno scores"
        if s.mean is None
        else f"{s.label}\n{' · '.join([f'{s.mean:.1f}', *_flags(s)])}"
        for s in spokes
    ]
    handles: list[Patch | Line2D] = [
        Patch(facecolor=_blend(BLUE, 0.25), edgecolor=BLUE, lw=2, label="Mean"),
        Patch(facecolor=_blend(RANGE, 0.3), edgecolor=RANGE, lw=0.9, label="Range (min–max)"),
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            color=VERMILLION,
            mec="white",
            ms=11,
            label=f"Low (mean below {low_below:g})",
        ),
        Line2D(
            [],
            [],
            ls="none",
            marker="D",
            mfc="none",
            mec=PURPLE,
            mew=2.4,
            ms=11,
            label="Polarised (split views)",
        ),
    ]
    fig, ax = _frame(
        title=title,
        subtitle=subtitle,
        caption=caption,
        labels=labels,
        label_colours=[VERMILLION if s.low else (MUTED if s.mean is None else INK) for s in spokes],
        label_weights=["bold" if s.low else "normal" for s in spokes],
        legend=handles,
        scale_max=scale_max,
    )
    means = [s.mean for s in spokes]
    if all(m is None for m in means):
        _no_scores(ax)

    _range_band(ax, spokes)
    _mean_area(ax, means, BLUE, 0.25)
    _mean_outline(ax, means, color=BLUE, lw=2.2, zorder=4)
    _dots(ax, means, "o", lambda k: not spokes[k].low, color=BLUE, ms=5, zorder=5)
    _dots(
        ax,
        means,
        "o",
        lambda k: spokes[k].low,
        color=VERMILLION,
        mec="white",
        mew=1.2,
        ms=11,
        zorder=6,
    )
    _dots(
        ax,
        means,
        "D",
        lambda k: spokes[k].polarised,
        mfc="none",
        mec=PURPLE,
        mew=2.4,
        ms=15,
        zorder=7,
    )
    return fig


def _dots(
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


def _group_radar(
    *,
    title: str,
    subtitle: str,
    caption: str,
    spokes: Sequence[_Spoke],
    report: Report,
    groups: dict[str, Report],
    scale_max: int,
) -> Figure:
    series = []
    for k, (key, group) in enumerate(groups.items()):
        means = [group.enabler(e.id).mean for e in report.enablers]
        series.append(
            _Series(
                label=_legend_label(key, len(group.participants)),
                means=means,
                colour=PALETTE[k % len(PALETTE)],
                marker=GROUP_MARKERS[k % len(GROUP_MARKERS)],
                dashes=GROUP_DASHES[(k // len(PALETTE)) % len(GROUP_DASHES)],
            )
        )
    handles: list[Patch | Line2D] = [
        Line2D(
            [],
            [],
            color=s.colour,
            lw=2,
            ls=s.dashes,
            marker=s.marker,
            mec=EDGE.get(s.colour, "white"),
            ms=7,
            label=s.label,
            path_effects=_edged(s.colour, 2),
        )
        for s in series
    ]
    if any(len(g.participants) < SMALL_GROUP for g in groups.values()):
        caption = (
            f"* Fewer than {SMALL_GROUP} participants: read with care;"
            f" one person's view may be identifiable.\n{caption}"
        )
    handles.append(
        Line2D(
            [],
            [],
            color=WHOLE_GROUP,
            lw=2.2,
            ls=(0, (5, 3)),
            label=f"All participants ({len(report.participants)})",
        )
    )
    # the whole group's flags under the spoke labels, as on the single chart
    labels = [
        f"{s.label}\n{' · '.join(_flags(s))} overall" if _flags(s) else s.label for s in spokes
    ]
    fig, ax = _frame(
        title=title,
        subtitle=subtitle,
        caption=caption,
        labels=labels,
        label_colours=[VERMILLION if s.low else INK for s in spokes],
        label_weights=["bold" if _flags(s) else "normal" for s in spokes],
        legend=handles,
        scale_max=scale_max,
    )
    whole = [s.mean for s in spokes]
    if all(m is None for m in whole):
        _no_scores(ax)
    _mean_outline(ax, whole, color=WHOLE_GROUP, lw=2.2, ls=(0, (5, 3)), zorder=3)
    for z, s in enumerate(series):
        _mean_outline(
            ax,
            s.means,
            color=s.colour,
            lw=2,
            ls=s.dashes,
            zorder=4 + z / 100,
            path_effects=_edged(s.colour, 2),
        )
        _dots(
            ax,
            s.means,
            "",
            ls="none",
            marker=s.marker,
            color=s.colour,
            mec=EDGE.get(s.colour, "white"),
            mew=0.8,
            ms=7,
            zorder=5 + z / 100,
        )
    return fig


def _edged(colour: str, width: float) -> list[patheffects.AbstractPathEffect]:
    """A dark edge along a line in a light colour; nothing for the others."""
    if colour not in EDGE:
        return []
    return [
        patheffects.Stroke(linewidth=width + 1.4, foreground=EDGE[colour]),
        patheffects.Normal(),
    ]


def _legend_label(key: str, people: int) -> str:
    """A group's name, wrapped (and cut short if very long), then its head count,
    starred when the group is small."""
    if len(key) > LEGEND_CHARS:
        key = key[: LEGEND_CHARS - 1].rstrip() + "…"
    star = "*" if people < SMALL_GROUP else ""
    # a no-break space keeps the count with the last word
    return (
        "\n".join(textwrap.wrap(key, LEGEND_WRAP) or [key]) + f"\N{NO-BREAK SPACE}({people}){star}"
    )


def _flags(spoke: _Spoke) -> list[str]:
    return [word for word, on in (("low", spoke.low), ("polarised", spoke.polarised)) if on]


def _no_scores(ax: PolarAxes) -> None:
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


def _blend(colour: str, alpha: float) -> tuple[float, float, float]:
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
