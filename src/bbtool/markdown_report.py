"""The report as GitHub-flavoured Markdown: small enough for a CI job summary."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bbtool.results import ItemResult, Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _cell(text: str) -> str:
    """Text safe inside a table cell: no table breaks, no HTML, no markup."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _flags(item: ItemResult) -> str:
    marks = []
    if item.low:
        marks.append("🔴 **low**")
    if item.polarised:
        marks.append("🟣 **polarised**")
    return " ".join(marks)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: int = 1) -> list[str]:
    align = ["---"] * right + ["--:"] * (len(header) - right - 1) + ["---"]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _items(heading: str, report: Report, items: Sequence[tuple[str, ItemResult]]) -> list[str]:
    header = [heading, "Mean", "Median", "Range", "Consensus", "Agreement", "n"]
    header += ["Skipped", "Unanswered", "Flags"]
    rows = [
        [
            _cell(label),
            _num(i.mean),
            _num(i.median),
            "–" if i.min is None else f"{i.min}–{i.max}",
            _num(i.consensus),
            _num(i.agreement),
            str(i.n),
            str(i.skipped),
            str(i.unanswered),
            _flags(i),
        ]
        for label, i in items
    ]
    return _table(header, rows)


def to_markdown(report: Report, images: Sequence[str] = ()) -> str:
    """The summary, with the given image files (relative paths) linked."""
    titles = {e.id: e.short_title for e in report.enablers}
    out = [
        f"# {_cell(report.area)} · {_cell(report.round)}",
        "",
        f"{_cell(report.framework)}: {len(report.participants)} participants. "
        "Figures use counted scores only (skips and blanks left out). "
        f"Low: mean below {report.thresholds.low:g}. Polarised: two camps, "
        f"scores ≤ {report.thresholds.low_camp} and ≥ {report.thresholds.high_camp}.",
        "",
    ]
    out += [f"![{_cell(name)}]({name})" for name in images]
    if images:
        out.append("")
    out += ["## Themes", ""]
    out += _table(
        ["Theme", "Mean", "Flagged enablers"],
        [
            [_cell(t.title), _num(t.mean), ", ".join(_cell(titles[f]) for f in t.flagged) or "–"]
            for t in report.themes
        ],
    )
    themes = {t.id: t.title for t in report.themes}
    out += ["", "## Enablers", ""]
    out += _items(
        "Enabler", report, [(f"{themes[e.theme]}: {e.short_title}", e) for e in report.enablers]
    )
    if report.indicators_scored:
        out += ["", "## Indicators (dig deeper)", ""]
        out += _items(
            "Indicator",
            report,
            [(f"{i.id} {i.title}", i) for i in report.indicators if i.n or i.skipped],
        )
    out += ["", "## Challenges in play", ""]
    out += _table(
        ["Challenge", "Count", "Named by"],
        [
            [_cell(c.title), str(c.count), ", ".join(_cell(p) for p in c.participants)]
            for c in sorted(report.challenges, key=lambda c: -c.count)
        ],
    )
    out += ["", "## Case studies for flagged enablers", ""]
    if not report.case_studies:
        out.append("No enabler is flagged low or polarised.")
    for cs in report.case_studies:
        answers = ", ".join(_cell(titles[e]) for e in cs.enablers)
        out.append(
            f"- **Box {cs.id}: {_cell(cs.title)}** ({_cell(cs.place)}), for {answers}. "
            f"{_cell(cs.summary)}"
        )
    return "\n".join(out) + "\n"
