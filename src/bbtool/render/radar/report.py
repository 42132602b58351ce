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

from collections.abc import Sequence

import matplotlib.style
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bbtool.core.models import Framework, Theme
from bbtool.core.results import SMALL_GROUP, Grouping, IndicatorResult, Report
from bbtool.files import safe_name
from bbtool.render.radar.frame import (
    BLUE,
    EDGE,
    GROUP_DASHES,
    GROUP_MARKERS,
    INK,
    MUTED,
    PALETTE,
    PURPLE,
    RANGE,
    STYLE,
    VERMILLION,
    WHOLE_GROUP,
    Series,
    Spoke,
    blend,
    draw_dots,
    draw_frame,
    draw_mean_area,
    draw_mean_outline,
    draw_no_scores,
    draw_range_band,
    edged,
    legend_label,
    people_label,
    scale_caption,
    spoke_flags,
    wrap_label,
)
from bbtool.render.text import grouped_place

ENABLERS_FILE = "radar-enablers.png"
# file names the radars never take for a theme (compare writes the last)
_RESERVED = ("radar-enablers", "radar-compare")
# an indicator radar with more scored indicators than this is drawn in parts, each
# holding whole enablers, so its spokes stay legible
MAX_SPOKES = 24


# ------------------------------------------------------------------ public API


def build_radars(
    report: Report,
    framework: Framework,
    grouping: Grouping | None = None,
) -> dict[str, Figure]:
    """File name -> figure: the enabler radar, then one radar per theme with indicator
    scores (in parts past ``MAX_SPOKES`` indicators). Names never collide, whatever the
    theme ids: a theme whose name is taken gets a number ("radar-enablers-2.png").

    With ``grouping`` the enabler radar overlays each group's mean line on the whole
    group's mean instead of showing one group's mean, range and flags.
    """
    groups = grouping.groups if grouping is not None else {}
    name = framework.short_name or framework.name
    place = f"{report.area}, {report.round}"
    caption = scale_caption(framework)
    people = len(report.participants)
    figures: dict[str, Figure] = {}
    with matplotlib.style.context(STYLE):
        spokes = [
            Spoke(
                label=wrap_label(e.short_title),
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
            by = grouping.by if grouping else "group"
            figures[ENABLERS_FILE] = _group_radar(
                title=f"{name}: enablers by {by} — {grouped_place(by, report.area, report.round)}",
                subtitle=(
                    f"{people_label(people)} in {len(groups)} "
                    f"group{'' if len(groups) == 1 else 's'} · mean score per group"
                ),
                caption=caption,
                spokes=spokes,
                report=report,
                groups=groups,
            )
        else:
            figures[ENABLERS_FILE] = _single_radar(
                title=f"{name}: enablers — {place}",
                subtitle=f"{people_label(people)} · mean score, with the lowest and highest",
                caption=caption,
                spokes=spokes,
                report=report,
            )
        taken = set(_RESERVED)
        for theme in framework.themes:
            parts = _indicator_parts(report, theme)
            names = _free_names(f"radar-{theme.id}", len(parts), taken)
            for k, (file, part) in enumerate(zip(names, parts, strict=True), start=1):
                of = (
                    f" ({k}\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}{len(parts)})"
                    if len(parts) > 1
                    else ""
                )
                figures[f"{file}.png"] = _indicator_radar(
                    report, framework, part, f"{name}: {theme.title} indicators{of} — {place}"
                )
    return figures


def _free_names(wanted: str, count: int, taken: set[str]) -> list[str]:
    """``count`` file-name stems for one theme's radars ("radar-x", or "radar-x-1",
    "radar-x-2", ...), plain and none already ``taken``: the stem is numbered until
    they are free ("radar-enablers-2" for a theme with the id "enablers")."""
    base = safe_name(wanted, fallback="radar-theme")
    stem, number = base, 2
    while True:
        names = [stem] if count == 1 else [f"{stem}-{k}" for k in range(1, count + 1)]
        if stem not in taken and not taken.intersection(names):
            taken.update([stem, *names])
            return names
        stem, number = f"{base}-{number}", number + 1


def _indicator_parts(report: Report, theme: Theme) -> list[list[IndicatorResult]]:
    """A theme's scored indicators in parts of at most ``MAX_SPOKES``, whole enablers
    each (an enabler has at most 12 indicators); none when nobody scored one."""
    parts: list[list[IndicatorResult]] = []
    for e in theme.enablers:
        scored = [i for i in report.indicators if i.enabler == e.id and i.n > 0]
        if not scored:
            continue
        if parts and len(parts[-1]) + len(scored) <= MAX_SPOKES:
            parts[-1] += scored
        else:
            parts.append(scored)
    return parts


def _indicator_radar(
    report: Report, framework: Framework, scored: list[IndicatorResult], title: str
) -> Figure:
    answered = {
        who
        for i in scored
        for who, value in i.scores.items()
        if isinstance(value, int) and not isinstance(value, bool)
    }
    short = {e.id: e.short_title for e in framework.enablers}
    return _single_radar(
        title=title,
        subtitle=(
            f"{len(answered)} of {people_label(len(report.participants))} scored these "
            "indicators · only indicators with scores are shown"
        ),
        caption=scale_caption(framework),
        spokes=[
            Spoke(
                # the number is kept whole: the title gives way if the label is long
                label=wrap_label(short[i.enabler], keep=i.id.removeprefix(i.enabler + ".")),
                n=i.n,
                mean=i.mean,
                min=i.min,
                max=i.max,
                low=bool(i.low),
                polarised=bool(i.polarised),
            )
            for i in scored
        ],
        report=report,
    )


# ----------------------------------------------------------------------- charts


def _single_radar(
    *,
    title: str,
    subtitle: str,
    caption: str,
    spokes: Sequence[Spoke],
    report: Report,
) -> Figure:
    low_below = report.thresholds.low
    labels = [
        f"{s.label}\nno scores"
        if s.mean is None
        else f"{s.label}\n{' · '.join([f'{s.mean:.1f}', *spoke_flags(s)])}"
        for s in spokes
    ]
    handles: list[Patch | Line2D] = [
        Patch(facecolor=blend(BLUE, 0.25), edgecolor=BLUE, lw=2, label="Mean"),
        Patch(facecolor=blend(RANGE, 0.3), edgecolor=RANGE, lw=0.9, label="Range (min–max)"),
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
    fig, ax = draw_frame(
        title=title,
        subtitle=subtitle,
        caption=caption,
        labels=labels,
        label_colours=[VERMILLION if s.low else (MUTED if s.mean is None else INK) for s in spokes],
        label_weights=["bold" if s.low else "normal" for s in spokes],
        legend=handles,
        scale_min=report.scale_min,
        scale_max=report.scale_max,
    )
    means = [s.mean for s in spokes]
    if all(m is None for m in means):
        draw_no_scores(ax)

    draw_range_band(ax, spokes)
    draw_mean_area(ax, means, BLUE, 0.25)
    draw_mean_outline(ax, means, color=BLUE, lw=2.2, zorder=4)
    draw_dots(ax, means, "o", lambda k: not spokes[k].low, color=BLUE, ms=5, zorder=5)
    draw_dots(
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
    draw_dots(
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


def _group_radar(
    *,
    title: str,
    subtitle: str,
    caption: str,
    spokes: Sequence[Spoke],
    report: Report,
    groups: dict[str, Report],
) -> Figure:
    series = []
    for k, (key, group) in enumerate(groups.items()):
        means = [group.enabler(e.id).mean for e in report.enablers]
        series.append(
            Series(
                label=legend_label(key, len(group.participants)),
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
            path_effects=edged(s.colour, 2),
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
        f"{s.label}\n{' · '.join(spoke_flags(s))} overall" if spoke_flags(s) else s.label
        for s in spokes
    ]
    fig, ax = draw_frame(
        title=title,
        subtitle=subtitle,
        caption=caption,
        labels=labels,
        label_colours=[VERMILLION if s.low else INK for s in spokes],
        label_weights=["bold" if spoke_flags(s) else "normal" for s in spokes],
        legend=handles,
        scale_min=report.scale_min,
        scale_max=report.scale_max,
    )
    whole = [s.mean for s in spokes]
    if all(m is None for m in whole):
        draw_no_scores(ax)
    draw_mean_outline(ax, whole, color=WHOLE_GROUP, lw=2.2, ls=(0, (5, 3)), zorder=3)
    for z, s in enumerate(series):
        draw_mean_outline(
            ax,
            s.means,
            color=s.colour,
            lw=2,
            ls=s.dashes,
            zorder=4 + z / 100,
            path_effects=edged(s.colour, 2),
        )
        draw_dots(
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
