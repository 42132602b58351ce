"""The report workbook's sheets of words: the challenges named, the case studies for
flagged enablers, participants' evidence and reflections, and what the figures mean."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bbtool import __version__
from bbtool.core.models import Framework, ParticipantRecord
from bbtool.core.results import Report
from bbtool.render.xlsx.cells import (
    BOLD,
    CENTRE,
    INT,
    ITALIC,
    LEFT_WRAP,
    THEME_FILL,
    TITLE,
    TOP,
    WRAP,
    Sheet,
    camp_rule,
    fit_titles,
    flag_fill,
    header_row,
    merge_across,
    put,
    put_answer,
    report_page,
    report_title,
    set_widths,
    style_row,
)

if TYPE_CHECKING:
    pass


# ------------------------------------------------------------------- Challenges


def challenges_sheet(ws: Sheet, report: Report, framework: Framework) -> None:
    report_title(ws, report, "challenges in play")
    put(
        ws,
        2,
        1,
        "The framework's challenges, most often named first.",
        font=ITALIC,
    )
    header_row(ws, 3, ["Challenge", "Count", "Named by", "What it is"])
    summaries = {c.id: c.summary for c in framework.challenges}
    row = 3
    for c in sorted(report.challenges, key=lambda c: -c.count):
        row += 1
        put(ws, row, 1, c.title, font=BOLD, alignment=TOP)
        put(ws, row, 2, c.count, number_format=INT, alignment=CENTRE)
        put(ws, row, 3, ", ".join(c.participants), alignment=WRAP)
        put(ws, row, 4, summaries.get(c.id, ""), alignment=WRAP)
    set_widths(ws, [24, 8, 40, 90])
    fit_titles(ws, 1, 4)
    report_page(ws, report, "3:3", "B4")


# ----------------------------------------------------------------- Case studies


def case_studies_sheet(ws: Sheet, report: Report, framework: Framework) -> None:
    report_title(ws, report, "case studies for flagged enablers")
    source = report.case_studies_source
    put(
        ws,
        2,
        1,
        "For each enabler flagged LOW or POLARISED: the framework's case studies that show "
        "how other areas worked on it." + (f" Read them in full in {source}." if source else ""),
        font=ITALIC,
    )
    head = [framework.case_study_label or "Id", "Case study", "Place", "Issues", "Summary"]
    header_row(ws, 3, head)
    issues = {cs.id: cs.issues for cs in framework.case_studies}
    row = 3
    flagged = report.flagged
    if not flagged:
        put(ws, row + 1, 1, report.case_studies_note(), font=ITALIC)
    for e in flagged:
        row += 1
        marks = ", ".join(w for w, on in (("LOW", e.low), ("POLARISED", e.polarised)) if on)
        mean = "" if e.mean is None else f", mean {e.mean:.2f}"
        put(ws, row, 1, f"{e.short_title} ({marks}{mean}): {e.title}", font=BOLD)
        style_row(ws, row, 1, len(head), fill=flag_fill(e) or THEME_FILL)
        studies = [cs for cs in report.case_studies if e.id in cs.enablers]
        if not studies:
            row += 1
            put(ws, row, 2, "No case study in the framework speaks to this enabler.", font=ITALIC)
        for cs in studies:
            row += 1
            put(ws, row, 1, cs.id, font=BOLD, alignment=CENTRE)
            put(ws, row, 2, cs.title, alignment=WRAP)
            put(ws, row, 3, cs.place, alignment=WRAP)
            put(ws, row, 4, "; ".join(issues.get(cs.id, [])), alignment=WRAP)
            put(ws, row, 5, cs.summary, alignment=WRAP)
    set_widths(ws, [6, 30, 22, 30, 80])
    report_page(ws, report, "3:3", "A4")


# ------------------------------------------------------------------ Evidence


def evidence_sheet(
    ws: Sheet, report: Report, framework: Framework, records: Sequence[ParticipantRecord]
) -> None:
    report_title(ws, report, "evidence and reflections")
    header_row(ws, 2, ["Enabler or theme", "Participant", "Score", "What they wrote"])
    row = 2
    row += 1
    put(ws, row, 1, "Evidence, by enabler", font=BOLD)
    style_row(ws, row, 1, 4, fill=THEME_FILL)
    any_evidence = False
    for e in framework.enablers:
        for r in records:
            text = r.answers.evidence.get(e.id)
            if not text:
                continue
            any_evidence = True
            row += 1
            put(ws, row, 1, e.short_title, alignment=TOP)
            put(ws, row, 2, r.name, alignment=WRAP)
            put_answer(ws, row, 3, r.answers.scores.get(e.id))
            put(ws, row, 4, text, alignment=WRAP)
    if not any_evidence:
        row += 1
        put(ws, row, 1, "No participant gave evidence.", font=ITALIC)
    row += 1
    put(ws, row, 1, "Reflections, by theme", font=BOLD)
    style_row(ws, row, 1, 4, fill=THEME_FILL)
    any_reflection = False
    for theme in framework.themes:
        for r in records:
            text = r.answers.reflections.get(theme.id)
            if not text:
                continue
            any_reflection = True
            row += 1
            put(ws, row, 1, theme.title, alignment=TOP)
            put(ws, row, 2, r.name, alignment=WRAP)
            put(ws, row, 4, text, alignment=WRAP)
    if not any_reflection:
        row += 1
        put(ws, row, 1, "No participant wrote a reflection.", font=ITALIC)
    set_widths(ws, [24, 20, 7, 100])
    fit_titles(ws, 1, 3)
    report_page(ws, report, "2:2", "A3")


# ----------------------------------------------------------------------- About

_STATISTICS = (
    ("n", "How many people gave a score on the scale. Skips and blanks are not counted."),
    ("Skipped", "How many people chose 'skip' (“{skip}”)."),
    ("Unanswered", "How many people left the item blank."),
    ("Mean", "The average of the counted scores."),
    ("Median", "The middle counted score (the average of the two middle ones when n is even)."),
    ("Min / Max / Range", "The lowest and highest counted scores, and the gap between them."),
    ("SD", "Standard deviation (population): how far scores typically sit from the mean."),
    (
        "Consensus",
        "0 to 1: 1 = everyone gave the same score, 0 = half at each end of the scale "
        "(Tastle & Wierman 2007).",
    ),
    (
        "Agreement",
        "-1 to 1: 1 = everyone agrees, 0 = scores spread evenly, -1 = split at both ends "
        "(van der Eijk 2001).",
    ),
)


def about_sheet(ws: Sheet, report: Report, framework: Framework) -> None:
    put(ws, 1, 1, "About this workbook", font=TITLE)
    t = report.thresholds
    facts: list[tuple[str, str | float]] = [
        ("Area", report.area),
        ("Round", report.round),
        ("Participants", len(report.participants)),
        *(
            [("Not returned yet", ", ".join(p.name for p in report.not_returned))]
            if report.not_returned
            else []
        ),
        ("Framework", report.framework),
        ("Credit", framework.credit),
        (
            "Scale",
            "; ".join(f"{p.value} {p.label}" for p in framework.scale.points)
            + f"; skip = {framework.skip_label}",
        ),
        ("Made with", f"bbtool {__version__}"),
    ]
    row = 2
    header_row(ws, row, ["Item", "Value", ""])
    merge_across(ws, row, 2, 3)
    for label, value in facts:
        row += 1
        put(ws, row, 1, label, font=BOLD, alignment=TOP)
        put(ws, row, 2, value, number_format=INT, alignment=LEFT_WRAP)
        merge_across(ws, row, 2, 3)
    row += 2
    header_row(ws, row, ["Threshold", "Value", "What it does"])
    for name, value in t.model_dump().items():
        row += 1
        field = type(t).model_fields.get(name)
        put(ws, row, 1, name, font=BOLD, alignment=TOP)
        put(ws, row, 2, value, number_format="General", alignment=LEFT_WRAP)
        put(ws, row, 3, (field.description if field else None) or "", alignment=WRAP)
    row += 2
    header_row(ws, row, ["Statistic", "What it means", ""])
    merge_across(ws, row, 2, 3)
    rules = [
        *((label, text.format(skip=framework.skip_label)) for label, text in _STATISTICS),
        ("Low", f"The mean is below {t.low:g} (with at least {t.low_min_n} counted scores)."),
        ("Polarised", f"The group splits into {camp_rule(report)}."),
    ]
    for label, text in rules:
        row += 1
        put(ws, row, 1, label, font=BOLD, alignment=TOP)
        put(ws, row, 2, text, alignment=WRAP)
        merge_across(ws, row, 2, 3)
    set_widths(ws, [20, 12, 88])
    report_page(ws, report, None, None)
