"""The report as GitHub-flavoured Markdown: small enough for a CI job summary."""

from __future__ import annotations

from collections.abc import Sequence

from bbtool.core.comparison import Comparison
from bbtool.core.results import SMALL_GROUP, Grouping, ItemResult, Report
from bbtool.render.text import (
    READING,
    agreed_cells,
    direction,
    figure,
    flags,
    intro,
    md_cell,
    md_table,
    none_moved,
    not_returned,
    same_people,
    same_person_lines,
    signed,
    taking_part,
    target_measure,
    target_word,
    targets_note,
    text_bar,
    who_took_part,
    with_targets,
)


def _flags(item: ItemResult, few: int = 0) -> str:
    """Low and polarised; with ``few``, "n<3" when too few scored to flag at all."""
    marks = []
    if item.low is None and 0 < item.n < few:
        marks.append(f"n<{few}")
    if item.low:
        marks.append("🔴 **low**")
    if item.polarised:
        marks.append("🟣 **polarised**")
    return " ".join(marks)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A label, figures, and the last column in words (flags, names)."""
    return md_table(header, rows, figures=len(header) - 2)


def _items(
    heading: str,
    report: Report,
    items: Sequence[tuple[str, ItemResult]],
    *,
    agreed: bool = False,
    bars: bool = False,
) -> list[str]:
    """A row per item; with ``bars``, the mean also drawn as a text bar on the scale
    (a chart a CI job summary shows, where a linked picture would not)."""
    header = [heading, "Mean", "Median", "Range", "Consensus", "Agreement", "n"]
    header += ["Skipped", "Unanswered", "Flags"]
    if agreed:
        header[2:2] = ["Agreed", "Gap", "Target"]
    if bars:
        header[1:1] = [f"Mean on {report.scale_min}–{report.scale_max}"]
    rows = [
        [
            md_cell(label),
            *([_bar(report, i.mean)] if bars else ()),
            figure(i.mean),
            *(agreed_cells(i) if agreed else ()),
            figure(i.median),
            "–" if i.min is None else f"{i.min}–{i.max}",
            figure(i.consensus),
            figure(i.agreement),
            str(i.n),
            str(i.skipped),
            str(i.unanswered),
            _flags(i, report.thresholds.low_min_n),
        ]
        for label, i in items
    ]
    return md_table(header, rows, figures=len(header) - 2 - bars, labels=1 + bars)


def _bar(report: Report, mean: float | None) -> str:
    bar = text_bar(mean, report.scale_min, report.scale_max)
    return f"`{bar}`" if bar else "–"


def _groups(report: Report, grouping: Grouping) -> list[str]:
    """Each group's mean per theme and enabler beside everyone's, a column per group
    headed with its head count; groups of fewer than SMALL_GROUP people are starred."""
    groups, by = grouping.groups, grouping.by
    columns = [("All", report), *groups.items()]
    header = ["Enabler"]
    for k, (name, group) in enumerate(columns):
        people = len(group.participants)
        star = "\\*" if k and people < SMALL_GROUP else ""
        header.append(f"{md_cell(name)} ({people}){star}")
    rows = []
    for theme in report.themes:
        means = [{t.id: t.mean for t in g.themes}.get(theme.id) for _, g in columns]
        rows.append([f"**{md_cell(theme.title)}**", *(f"**{figure(m)}**" for m in means)])
        for e in report.enablers:
            if e.theme == theme.id:
                means = [{x.id: x.mean for x in g.enablers}.get(e.id) for _, g in columns]
                rows.append([md_cell(e.short_title), *(figure(m) for m in means)])
    out = [f"## Mean score by {md_cell(by)}", ""]
    out += ["| " + " | ".join(header) + " |"]
    out += ["| " + " | ".join(["---"] + ["--:"] * len(columns)) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    if any(len(g.participants) < SMALL_GROUP for g in groups.values()):
        out += [
            "",
            f"\\* Fewer than {SMALL_GROUP} participants: read with care; "
            "one person's view may be identifiable.",
        ]
    return out


def to_markdown(
    report: Report,
    images: Sequence[str] = (),
    grouping: Grouping | None = None,
) -> str:
    """The summary, with the given image files (relative paths) linked; with ``grouping``,
    each group's means beside everyone's."""
    titles = {e.id: e.short_title for e in report.enablers}
    out = [
        f"# {md_cell(report.area)} · {md_cell(report.round)}",
        "",
        f"{md_cell(report.framework)}: {taking_part(report)}. "
        "Figures use counted scores only (skips and blanks left out). "
        f"Low: mean below {report.thresholds.low:g}. Polarised: two camps, "
        f"scores ≤ {report.thresholds.low_camp} and ≥ {report.thresholds.high_camp}. "
        f"n<{report.thresholds.low_min_n}: too few counted scores to flag.",
        "",
    ]
    waiting = not_returned(report)
    if waiting:
        out += [md_cell(waiting) + ".", ""]
    out += [f"![{md_cell(name)}]({name})" for name in images]
    if images:
        out.append("")
    out += ["## Themes", ""]
    out += _table(
        ["Theme", "Mean", "Flagged enablers"],
        [
            [
                md_cell(t.title),
                figure(t.mean),
                ", ".join(md_cell(titles[f]) for f in t.flagged) or "–",
            ]
            for t in report.themes
        ],
    )
    themes = {t.id: t.title for t in report.themes}
    out += ["", "## Enablers", ""]
    out += _items(
        "Enabler",
        report,
        [(f"{themes[e.theme]}: {e.short_title}", e) for e in report.enablers],
        agreed=report.agreed_given,
        bars=True,
    )
    if report.agreed_given:
        out += [
            "",
            "Agreed: the score the partnership agreed in its meeting. Gap: agreed minus "
            "mean. Target: the score to reach by the next round.",
        ]
    noted = [e for e in report.enablers if e.agreed_note]
    if noted:
        out += ["", "What the partnership agreed:", ""]
        out += [f"- **{md_cell(e.short_title)}**: {md_cell(e.agreed_note or '')}" for e in noted]
    if grouping is not None:
        out += ["", *_groups(report, grouping)]
    if report.indicators_scored:
        out += ["", "## Indicators (dig deeper)", ""]
        out += _items(
            "Indicator",
            report,
            [(f"{i.id} {i.title}", i) for i in report.indicators if i.n or i.skipped],
        )
    if report.challenges:  # a framework without challenges: no section
        out += ["", "## Challenges in play", ""]
        out += _table(
            ["Challenge", "Count", "Named by"],
            [
                [
                    md_cell(c.title),
                    str(c.count),
                    ", ".join(md_cell(p) for p in c.participants),
                ]
                for c in sorted(report.challenges, key=lambda c: -c.count)
            ],
        )
    out += _words(report)
    if report.has_case_studies:
        out += ["", "## Case studies for flagged enablers", "", *_case_studies(report, titles)]
    return "\n".join(out) + "\n"


def _words(report: Report) -> list[str]:
    """What participants wrote: evidence by enabler (with the score beside it), then
    reflections by theme; no section when none wrote any (or with --no-text)."""
    said = [(e.short_title, e.evidence, e.scores) for e in report.enablers if e.evidence]
    said += [
        (f"{t.title} (reflections)", t.reflections, {}) for t in report.themes if t.reflections
    ]
    if not said:
        return []
    out = ["", "## Evidence and reflections"]
    for title, words, scores in said:
        out += ["", f"**{md_cell(title)}**", ""]
        for w in words:
            score = scores.get(w.participant)
            given = f" ({score})" if score is not None else ""
            out.append(f"- {md_cell(w.participant)}{given}: {md_cell(w.text)}")
    return out


def _case_studies(report: Report, titles: dict[str, str]) -> list[str]:
    note = report.case_studies_note()
    if note is not None:
        return [note]
    out = []
    for cs in report.case_studies:
        answers = ", ".join(md_cell(titles[e]) for e in cs.enablers)
        out.append(
            f"- **{md_cell(report.case_study_name(cs))}** ({md_cell(cs.place)}), for {answers}. "
            f"{md_cell(cs.summary)}"
        )
    if report.case_studies_source:
        out += ["", f"Read them in full in {md_cell(report.case_studies_source)}."]
    return out


# ------------------------------------------------------------------ comparison


def _md_change(change: float | None, bold: bool = False) -> str:
    text = signed(change)
    way = direction(change)
    text = f"▲ {text}" if way > 0 else f"▼ {text}" if way < 0 else text
    return f"**{text}**" if bold and way else text


def _md_targets(c: Comparison) -> list[str]:
    """Each target the old round set, and whether the new round reached it."""
    if not c.targets_given:
        return []
    rows = [
        [md_cell(e.short_title), str(e.target), target_measure(e), f"**{target_word(e)}**"]
        for e in with_targets(c)
    ]
    table = md_table(["Enabler", "Target", md_cell(c.new.label), "Reached"], rows, figures=2)
    return ["", "## Targets", "", *table, "", md_cell(targets_note(c))]


def comparison_markdown(comparison: Comparison, images: Sequence[str] = ()) -> str:
    """The comparison as GitHub-flavoured Markdown, with the given images linked."""
    c = comparison
    old, new = md_cell(c.old.label), md_cell(c.new.label)
    out = [
        f"# {md_cell(c.title)}",
        "",
        f"{md_cell(c.framework)}. {md_cell(intro(c))}",
        "",
    ]
    out += [f"![{md_cell(name)}]({name})" for name in images]
    if images:
        out.append("")
    out += ["## Themes", ""]
    out += md_table(
        ["Theme", old, new, "Change"],
        [
            [md_cell(t.title), figure(t.old_mean), figure(t.new_mean), _md_change(t.change)]
            for t in c.themes
        ],
        figures=3,
    )
    themes = {t.id: t.title for t in c.themes}
    out += ["", "## Enablers", ""]
    out += md_table(
        [
            "Enabler",
            old,
            new,
            "Change",
            "Same people",
            f"Consensus {old}",
            f"Consensus {new}",
            f"Flags {old}",
            f"Flags {new}",
            "What changed",
        ],
        [
            [
                md_cell(f"{themes.get(e.theme, e.theme)}: {e.short_title}"),
                figure(e.old_mean),
                figure(e.new_mean),
                _md_change(e.change, bold=e.id in c.moved_most),
                same_people(e),
                figure(e.old_consensus),
                figure(e.new_consensus),
                flags(e.old_flags),
                flags(e.new_flags),
                ", ".join(e.flag_changes),
            ]
            for e in c.enablers
        ],
        figures=6,
    )
    out += ["", md_cell(READING), "", "## Moved most", ""]
    if not c.moved_most:
        out.append(none_moved(c))
    for enabler_id in c.moved_most:
        e = c.enabler(enabler_id)
        out.append(
            f"- **{md_cell(e.short_title)}**: {signed(e.change)} "
            f"({figure(e.old_mean)} → {figure(e.new_mean)})"
        )
    out += _md_targets(c)
    out += ["", "## Participants", ""]
    for label, names in who_took_part(c):
        listed = ", ".join(md_cell(n) for n in names) or "–"
        out.append(f"- {md_cell(label)} ({len(names)}): {listed}")
    lines = same_person_lines(c)
    if lines:
        out += [""] + [f"- {md_cell(line)}" for line in lines]
    for note in c.notes:
        out += ["", md_cell(note)]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------- JSON
