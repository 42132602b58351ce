"""Terminal views built with rich: the group report and one participant's answers.

Each function builds renderables; the shell prints them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bbtool.core.comparison import Comparison
from bbtool.core.models import SKIP, Framework, ParticipantRecord
from bbtool.core.results import SMALL_GROUP, Grouping, ItemResult, Report
from bbtool.errors import printable
from bbtool.render.columns import Cell, Column, SplitTable
from bbtool.render.text import (
    READING,
    agreed_cells,
    direction,
    figure,
    intro,
    none_moved,
    not_returned,
    same_people,
    same_person_lines,
    signed,
    taking_part,
    target_measure,
    target_word,
    targets_note,
    who_took_part,
    with_targets,
)


def _flags(item: ItemResult, few: int = 0) -> Text:
    """LOW and POLARISED; with ``few`` (the fewest counted scores that may be flagged),
    "n<3" when too few scored to flag at all."""
    text = Text()
    if item.low is None and 0 < item.n < few:
        text.append(f"n<{few}", style="dim")
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
            f"  ({taking_part(report)})\n",
            (report.framework, "dim"),
            *((f"\n{waiting}", "") for waiting in [not_returned(report)] if waiting),
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
            Text(figure(t.mean), style=_mean_style(t.mean, report)),
            ", ".join(titles[f] for f in t.flagged) or "–",
        )
    theme_titles = {t.id: t.title for t in report.themes}
    enabler_rows = [(theme_titles[e.theme], e.short_title, e) for e in report.enablers]
    parts += [themes, Rule("Enablers", align="left")]
    parts.append(_items_table("Enabler", enabler_rows, report, agreed=report.agreed_given))
    if report.indicators_scored:
        # an indicator's words are cut to one line, an enabler's title wraps
        rows: list[tuple[str, str | Text, ItemResult]] = [
            (titles[i.enabler], _one_line(f"{i.id.rsplit('.', 1)[-1]}. {_short(i.title)}"), i)
            for i in report.indicators
            if i.n or i.skipped
        ]
        parts += [Rule("Indicators (dig deeper)", align="left")]
        parts.append(_items_table("Indicator", rows, report))
    if report.challenges:  # a framework without challenges: no section
        parts += [Rule("Challenges in play", align="left"), _challenges(report)]
    if report.has_case_studies:
        parts += [Rule("Case studies for flagged enablers", align="left"), _case_studies(report)]
    return Group(*parts)


def _items_table(
    heading: str,
    rows: Sequence[tuple[str, str | Text, ItemResult]],
    report: Report,
    *,
    agreed: bool = False,
) -> SplitTable:
    """One row per item, under a header row whenever its group changes; with ``agreed``,
    the agreed score, its gap to the mean and the target beside the mean. On a narrow
    terminal the mean, n and the flags stay beside the label; the other figures join
    them while they fit, and go to a second table named beneath it if not."""
    columns = [Column("Mean", 4, keep=True)]
    if agreed:
        columns += [Column("Agreed", 6, rank=1), Column("Gap", 5, rank=3)]
        columns += [Column("Target", 6, rank=2)]
    columns += [Column("Range", 5, rank=5), Column("Consensus", 9, rank=4)]
    columns += [Column("n", 3, keep=True), Column("Skip", 4, rank=6)]
    few = report.thresholds.low_min_n
    columns += [Column("Blank", 5, rank=7), Column("Flags", 5, keep=True, justify="left")]
    table_rows: list[tuple[Cell, ...]] = []
    group = None
    for group_title, label, item in rows:
        if group_title != group:
            group = group_title
            table_rows.append((Text(group_title, style="bold dim"),))
        table_rows.append(
            (
                label,
                Text(figure(item.mean), style=_mean_style(item.mean, report)),
                *(agreed_cells(item) if agreed else ()),
                _range(item),
                figure(item.consensus),
                str(item.n),
                str(item.skipped),
                str(item.unanswered),
                _flags(item, few),
            )
        )
    return SplitTable(heading, columns, table_rows, more=f"{heading}s, more figures")


def _one_line(text: str) -> Text:
    return Text(text, no_wrap=True, overflow="ellipsis")


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
    note = report.case_studies_note()
    if note is not None:
        return Text(note, style="dim")
    titles = {e.id: e.short_title for e in report.enablers}
    lines = Text()
    for cs in report.case_studies:
        lines.append(report.case_study_name(cs), style="bold")
        lines.append(f" ({cs.place}) – for {', '.join(titles[e] for e in cs.enablers)}\n")
    return lines


def groups_view(report: Report, grouping: Grouping) -> RenderableType:
    """Each group's mean per theme and enabler beside everyone's: a column per group,
    headed with its head count; groups of fewer than SMALL_GROUP people are starred."""
    parts: list[RenderableType] = [
        Rule(f"Mean score by {grouping.by}", align="left"),
        _GroupsTable(report, grouping.groups),
    ]
    if any(len(g.participants) < SMALL_GROUP for g in grouping.groups.values()):
        parts.append(
            Text(
                f"* Fewer than {SMALL_GROUP} participants: read with care; "
                "one person's view may be identifiable.",
                style="dim",
            )
        )
    return Group(*parts)


class _GroupsTable:
    """The groups table: each group's name over its column when every column fits the
    width; else a letter over each column, a key beneath, and as many tables (each
    with everyone's column first) as the width needs."""

    def __init__(self, report: Report, groups: dict[str, Report]) -> None:
        self.report = report
        self.columns = [("All", report), *groups.items()]
        self.heads = [
            f"({len(g.participants)}){'*' if k and len(g.participants) < SMALL_GROUP else ''}"
            for k, (_, g) in enumerate(self.columns)
        ]
        labels = [len(e.short_title) + 2 for e in report.enablers]
        self.label = max([*labels, *(len(t.title) for t in report.themes)])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # a name wraps at its spaces, so its longest word is the narrowest it can go
        named = [
            max(4, len(head), *(len(word) for word in name.split()))
            for (name, _), head in zip(self.columns, self.heads, strict=True)
        ]
        others = list(range(1, len(self.columns)))
        if self.label + sum(w + 2 for w in named) <= options.max_width:
            yield self._table(others, keyed=False)
            return
        cell = max(max(4, len(head)) for head in self.heads) + 2
        room = options.max_width - self.label - cell  # beside the label and everyone's
        per_table = max(1, room // cell)
        for start in range(0, len(others), per_table):
            if start:
                yield Text()
            yield self._table(others[start : start + per_table], keyed=True)
        key = Table(box=None, pad_edge=False, show_header=False)
        key.add_column(style="bold")
        key.add_column(overflow="fold")
        for k in others:
            key.add_row(_key(k - 1), f"{self.columns[k][0]} {self.heads[k]}")
        yield key

    def _table(self, shown: list[int], *, keyed: bool) -> Table:
        report = self.report
        table = Table(box=None, pad_edge=False, header_style="bold")
        # a name wraps at its spaces, never cut
        table.add_column("Enabler", overflow="fold", min_width=12)
        columns = [0, *shown]
        for k in columns:
            name = _key(k - 1) if keyed and k else self.columns[k][0]
            longest = max((len(word) for word in name.split()), default=0)
            table.add_column(
                f"{name}\n{self.heads[k]}", justify="right", min_width=4, max_width=max(12, longest)
            )
        groups = [self.columns[k][1] for k in columns]
        theme_means = [{t.id: t.mean for t in g.themes} for g in groups]
        enabler_means = [{e.id: e.mean for e in g.enablers} for g in groups]
        for theme in report.themes:
            cells = [means.get(theme.id) for means in theme_means]
            table.add_row(
                Text(theme.title, style="bold"),
                *(Text(figure(m), style=f"bold {_mean_style(m, report)}") for m in cells),
            )
            for e in report.enablers:
                if e.theme == theme.id:
                    cells = [means.get(e.id) for means in enabler_means]
                    table.add_row(
                        f"  {e.short_title}",
                        *(Text(figure(m), style=_mean_style(m, report)) for m in cells),
                    )
        return table


def _key(k: int) -> str:
    """A, B, ... Z, AA, AB, ...: a column's letter when names do not fit above it."""
    letters = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
    indicators = len(record.answers.indicators)
    summary = Text(
        f"{len(counted)} scored, {skipped} skipped, {blank} not answered"
        + (f"; {indicators} indicator score{'' if indicators == 1 else 's'}" if indicators else "")
    )
    return Group(
        Text.assemble(
            (printable(p.name), "bold"),
            f"  {printable(who)}" if who else "",
            f"  ({printable(record.file)})",
        ),
        table,
        summary,
        *_words_written(record, framework),
    )


def _words_written(record: ParticipantRecord, framework: Framework) -> list[RenderableType]:
    """The evidence, challenges and reflections as read from the file, so that the
    participant can see every word arrived: each under its enabler's or theme's title,
    "none written" where there are none."""
    answers = record.answers
    evidence = [(e.short_title, answers.evidence.get(e.id) or "") for e in framework.enablers]
    reflections = [(t.title, answers.reflections.get(t.id) or "") for t in framework.themes]
    parts: list[RenderableType] = [Rule("Evidence", align="left"), _titled(evidence)]
    if framework.challenges:
        titles = {c.id: c.title for c in framework.challenges}
        named = [titles.get(c, c) for c in answers.challenges]
        parts += [Rule("Challenges in play", align="left")]
        parts.append(_titled([("", "\n".join(named))] if named else []))
    return [*parts, Rule("Reflections", align="left"), _titled(reflections)]


def _titled(given: list[tuple[str, str]]) -> RenderableType:
    rows = [(title, words) for title, words in given if words]
    if not rows:
        return Text("none written", style="dim")
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("Title", style="bold", max_width=24)
    table.add_column("Words", overflow="fold", ratio=1)
    for title, words in rows:
        shown = "\n".join(printable(line) for line in words.splitlines())
        if title:
            table.add_row(title, shown)
        else:
            table.add_row(shown)
    return table


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


# ------------------------------------------------------------------ comparison

_UP, _DOWN = "green", "red"


def _change_text(change: float | None, bold: bool = False) -> Text:
    way = direction(change)
    style = _UP if way > 0 else _DOWN if way < 0 else "dim"
    return Text(signed(change), style=f"bold {style}" if bold else style)


def _flag_text(values: Sequence[str]) -> Text:
    text = Text()
    for k, flag in enumerate(values):
        if k:
            text.append(" ")
        text.append(flag.upper(), style="bold red" if flag == "low" else "bold magenta")
    return text if values else Text("–", style="dim")


def _heading(label: str) -> str:
    """A round's name as a column heading: over two lines, at its middle space."""
    words = label.split()
    if len(words) < 2:
        return f"\n{label}"
    best = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(label) / 2))
    return f"{' '.join(words[:best])}\n{' '.join(words[best:])}"


def comparison_view(comparison: Comparison) -> RenderableType:
    """The comparison for the terminal: themes, enablers, moved most, participants."""
    c = comparison
    parts: list[RenderableType] = [
        Text.assemble((c.title, "bold"), "\n", (c.framework, "dim")),
        Text(intro(c)),
        Rule("Themes", align="left"),
    ]
    themes = Table(box=None, pad_edge=False, header_style="bold")
    themes.add_column("Theme", overflow="fold", ratio=1)  # a theme's name wraps, never cut
    for label in (_heading(c.old.label), _heading(c.new.label), "\nChange"):
        themes.add_column(label, justify="right", no_wrap=True, min_width=6)
    for t in c.themes:
        themes.add_row(t.title, figure(t.old_mean), figure(t.new_mean), _change_text(t.change))
    parts += [themes, Rule("Enablers", align="left"), _enablers_change(c)]
    parts += [Rule("Moved most", align="left"), _moved_most(c), *_targets(c)]
    parts += [Rule("Participants", align="left"), _participants(c)]
    notes = [READING, *c.notes]
    parts.append(Text("\n".join(notes), style="dim"))
    return Group(*parts)


def _enablers_change(c: Comparison) -> SplitTable:
    """The enablers' table: on a narrow terminal both means, the change and the flags
    stay beside the title, and the rest goes to a second table if it does not fit."""
    # headings over two lines, so the figures sit close
    columns = [
        Column(_heading(c.old.label), 5, keep=True),
        Column(_heading(c.new.label), 5, keep=True),
        Column("\nChange", 5, keep=True),
        Column("Same\npeople", 5, rank=2),
        Column("Consensus\nold → new", 11, rank=3),
        Column("Flags\nnow", keep=True, justify="left"),
        Column("What\nchanged", 7, rank=1, justify="left"),
    ]
    titles = {t.id: t.title for t in c.themes}
    rows: list[tuple[Cell, ...]] = []
    theme = None
    for e in c.enablers:
        if e.theme != theme:
            theme = e.theme
            rows.append((Text(titles.get(e.theme, e.theme), style="bold dim"),))
        rows.append(
            (
                e.short_title,
                figure(e.old_mean),
                figure(e.new_mean),
                _change_text(e.change, bold=e.id in c.moved_most),
                same_people(e),
                f"{figure(e.old_consensus)} → {figure(e.new_consensus)}",
                _flag_text(e.new_flags),
                ", ".join(e.flag_changes) or "",
            )
        )
    return SplitTable("Enabler", columns, rows, more="Enablers, more figures")


def _moved_most(c: Comparison) -> RenderableType:
    if not c.moved_most:
        return Text(none_moved(c), style="dim")
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("Enabler")
    table.add_column("Change", justify="right")
    table.add_column("From → to")
    for enabler_id in c.moved_most:
        e = c.enabler(enabler_id)
        table.add_row(
            e.short_title, _change_text(e.change), f"{figure(e.old_mean)} → {figure(e.new_mean)}"
        )
    return table


def _targets(c: Comparison) -> list[RenderableType]:
    """Each target the old round set, and whether the new round reached it."""
    if not c.targets_given:
        return []
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Enabler", overflow="fold", ratio=1)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column(c.new.label, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for e in with_targets(c):
        reached = e.target_reached
        style = "dim" if reached is None else "bold green" if reached else "bold red"
        word = Text(target_word(e), style=style)
        table.add_row(e.short_title, str(e.target), target_measure(e), word)
    return [Rule("Targets", align="left"), table, Text(targets_note(c), style="dim")]


def _participants(c: Comparison) -> RenderableType:
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("Who", no_wrap=True)
    table.add_column("Names", overflow="fold")
    for label, names in who_took_part(c):
        table.add_row(f"{label} ({len(names)})", ", ".join(names) or "–")
    lines = same_person_lines(c)
    if not lines:
        return table
    styled = (Text(line, style="yellow" if "may be" in line else "dim") for line in lines)
    return Group(table, *styled)
