"""Terminal views built with rich: the group report and one participant's answers.

Each function builds renderables; the shell prints them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bbtool.models import SKIP, Framework, ParticipantRecord
from bbtool.results import ItemResult, Report


def fmt(value: float | None, places: int = 2) -> str:
    return "–" if value is None else f"{value:.{places}f}"


def _flags(item: ItemResult) -> Text:
    text = Text()
    if item.low:
        text.append("LOW", style="bold red")
    if item.polarised:
        if text:
            text.append(" ")
        text.append("POLARISED", style="bold magenta")
    return text


def _mean_style(mean: float | None, report: Report) -> str:
    if mean is None:
        return "dim"
    span = report.scale_max - report.scale_min
    share = (mean - report.scale_min) / span if span else 1.0
    return "red" if share < 0.375 else "yellow" if share < 0.625 else "green"


def _range(item: ItemResult) -> str:
    return "–" if item.min is None else f"{item.min}–{item.max}"


def report_view(report: Report) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble(
            (f"{report.area} · {report.round}", "bold"),
            f"  ({len(report.participants)} participants)\n",
            (report.framework, "dim"),
        ),
        Rule("Themes", align="left"),
    ]
    themes = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    themes.add_column("Theme")
    themes.add_column("Mean", justify="right")
    themes.add_column("Flagged enablers")
    titles = {e.id: e.short_title for e in report.enablers}
    for t in report.themes:
        themes.add_row(
            t.title,
            Text(fmt(t.mean), style=_mean_style(t.mean, report)),
            ", ".join(titles[f] for f in t.flagged) or "–",
        )
    theme_titles = {t.id: t.title for t in report.themes}
    enabler_rows = [(theme_titles[e.theme], e.short_title, e) for e in report.enablers]
    parts += [themes, Rule("Enablers", align="left")]
    parts.append(_items_table("Enabler", enabler_rows, report))
    if report.indicators_scored:
        rows: list[tuple[str, str, ItemResult]] = [
            (titles[i.enabler], f"{i.id.rsplit('.', 1)[-1]}. {_short(i.title)}", i)
            for i in report.indicators
            if i.n or i.skipped
        ]
        parts += [Rule("Indicators (dig deeper)", align="left")]
        parts.append(_items_table("Indicator", rows, report))
    parts += [Rule("Challenges in play", align="left"), _challenges(report)]
    parts += [Rule("Case studies for flagged enablers", align="left"), _case_studies(report)]
    return Group(*parts)


def _items_table(
    heading: str, rows: Sequence[tuple[str, str, ItemResult]], report: Report
) -> Table:
    """One row per item, under a header row whenever its group changes."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(heading, overflow="ellipsis", no_wrap=True, ratio=1)
    # the figures never shrink: only the label gives way on a narrow terminal
    for name, width in (("Mean", 4), ("Range", 5), ("Consensus", 9), ("n", 3), ("Skip", 4)):
        table.add_column(name, justify="right", no_wrap=True, min_width=width)
    table.add_column("Blank", justify="right", no_wrap=True, min_width=5)
    flags = max((len(_flags(item)) for *_, item in rows), default=0)
    table.add_column("Flags", no_wrap=True, min_width=max(5, flags))
    group = None
    for group_title, label, item in rows:
        if group_title != group:
            group = group_title
            table.add_row(Text(group_title, style="bold dim"))
        table.add_row(
            label,
            Text(fmt(item.mean), style=_mean_style(item.mean, report)),
            _range(item),
            fmt(item.consensus),
            str(item.n),
            str(item.skipped),
            str(item.unanswered),
            _flags(item),
        )
    return table


def _short(text: str, width: int = 52) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _challenges(report: Report) -> RenderableType:
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("Challenge")
    table.add_column("Count", justify="right")
    table.add_column("")
    for c in sorted(report.challenges, key=lambda c: -c.count):
        table.add_row(c.title, str(c.count), "█" * c.count)
    return table


def _case_studies(report: Report) -> RenderableType:
    if not report.case_studies:
        return Text("No enabler is flagged low or polarised.", style="dim")
    titles = {e.id: e.short_title for e in report.enablers}
    lines = Text()
    for cs in report.case_studies:
        lines.append(f"Box {cs.id}: {cs.title}", style="bold")
        lines.append(f" ({cs.place}) – for {', '.join(titles[e] for e in cs.enablers)}\n")
    return lines


def answers_view(record: ParticipantRecord, framework: Framework) -> RenderableType:
    """One participant's answers, with each score's descriptor."""
    p = record.answers.participant
    who = ", ".join(x for x in (p.organisation, p.sector, p.level) if x)
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Enabler")
    table.add_column("Score", justify="right")
    table.add_column("What it means", overflow="fold")
    for row in _answer_rows(record, framework):
        table.add_row(*row)
    counted = [v for v in record.answers.scores.values() if isinstance(v, int)]
    skipped = sum(v == SKIP for v in record.answers.scores.values())
    blank = len(framework.enablers) - len(counted) - skipped
    summary = Text(
        f"{len(counted)} scored, {skipped} skipped, {blank} not answered"
        + (
            f"; {len(record.answers.indicators)} indicator scores"
            if record.answers.indicators
            else ""
        )
    )
    return Group(
        Text.assemble((p.name, "bold"), f"  {who}" if who else "", f"  ({record.file})"),
        table,
        summary,
    )


def _answer_rows(
    record: ParticipantRecord, framework: Framework
) -> Iterator[tuple[Text | str, ...]]:
    for theme in framework.themes:
        yield (Text(theme.title, style="bold dim"),)
        for e in theme.enablers:
            value = record.answers.scores.get(e.id)
            if value is None:
                yield (e.short_title, Text("–", style="dim"), Text("not answered", style="dim"))
            elif value == SKIP:
                yield (e.short_title, "skip", Text(framework.skip_label, style="dim"))
            else:
                point = framework.scale.point(int(value))
                yield (e.short_title, str(value), point.descriptor if point else "")
