"""The output files of ``report`` and ``compare``, one writer per format, looked up by
name: a new format adds a writer here, not a branch in every command.

Every writer takes one view and returns :class:`Output`: file names with their bytes,
and notes to say once the work is done (a chart's missing glyph). Writers import their
libraries (openpyxl, matplotlib) only when called, so a command that writes no
workbook or chart never loads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bbtool.core.actions import Plan
from bbtool.core.comparison import Comparison
from bbtool.core.models import Framework, ParticipantRecord
from bbtool.core.results import Grouping, Report
from bbtool.core.review import PlanReview


@dataclass(frozen=True)
class ReportView:
    """What the report's writers read."""

    report: Report
    framework: Framework
    records: Sequence[ParticipantRecord]
    grouping: Grouping | None
    stem: str  # the file name every format shares: <stem>.json, <stem>.xlsx, ...
    images: tuple[str, ...] = ()  # chart files written beside, for Markdown to link
    plan: Plan | None = None  # the action plan, when the workspace has one


@dataclass(frozen=True)
class ComparisonView:
    """What the comparison's writers read."""

    comparison: Comparison
    framework: Framework  # the later round's
    stem: str
    images: tuple[str, ...] = ()
    review: PlanReview | None = None  # the old round's action plan reviewed


@dataclass
class Output:
    files: dict[str, bytes]  # file name (no folder) -> bytes
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Writer:
    """One output format: its writer, whether its files are charts (which Markdown
    links), and what a terminal line says while it works (None: too quick to say)."""

    write: Callable[..., Output]
    charts: bool = False
    step: Callable[[int], str] | None = None  # participants -> "Building the workbook..."


def _report_radar(view: ReportView) -> Output:
    from bbtool.render.radar.frame import kept_warnings, pngs
    from bbtool.render.radar.report import build_radars

    with kept_warnings() as notes:
        drawn, drawing_notes = pngs(build_radars(view.report, view.framework, view.grouping))
    files = dict(drawn)  # plain, distinct names whatever the theme ids (build_radars)
    said = list(dict.fromkeys([*notes, *drawing_notes]))
    return Output(files, [f"radar charts: {message}" for message in said])


def _report_xlsx(view: ReportView) -> Output:
    from bbtool.render.xlsx.actions import add_actions_sheet
    from bbtool.render.xlsx.cells import workbook_bytes
    from bbtool.render.xlsx.report import build_workbook

    book = build_workbook(view.report, view.framework, view.records, view.grouping)
    add_actions_sheet(book, view.report, view.plan)
    return Output({f"{view.stem}.xlsx": workbook_bytes(book)})


def _report_markdown(view: ReportView) -> Output:
    from bbtool.render.markdown import to_markdown
    from bbtool.render.plan import plan_markdown

    text = to_markdown(view.report, view.images, view.grouping)
    text += plan_markdown(view.plan, view.report)
    return Output({f"{view.stem}.md": text.encode()})


def _report_html(view: ReportView) -> Output:
    from bbtool.render.html.report import meeting_html

    page = meeting_html(view.report, view.framework, view.records, view.grouping, plan=view.plan)
    return Output({f"{view.stem}.html": page.encode()})


def _report_json(view: ReportView) -> Output:
    from bbtool.render.json import to_json

    text = to_json(view.report, view.grouping, view.plan)
    return Output({f"{view.stem}.json": text.encode()})


def _comparison_radar(view: ComparisonView) -> Output:
    from bbtool.render.radar.comparison import COMPARE_FILE, build_comparison_radar
    from bbtool.render.radar.frame import figure_bytes, kept_warnings

    with kept_warnings() as notes:
        png = figure_bytes(build_comparison_radar(view.comparison, view.framework))
    return Output({COMPARE_FILE: png}, [f"radar charts: {message}" for message in notes])


def _comparison_xlsx(view: ComparisonView) -> Output:
    from bbtool.render.xlsx.actions import add_review_sheet
    from bbtool.render.xlsx.cells import workbook_bytes
    from bbtool.render.xlsx.comparison import build_comparison_workbook

    book = build_comparison_workbook(view.comparison)
    add_review_sheet(book, view.review, view.comparison.title)
    return Output({f"{view.stem}.xlsx": workbook_bytes(book)})


def _comparison_markdown(view: ComparisonView) -> Output:
    from bbtool.render.markdown import comparison_markdown
    from bbtool.render.plan import review_markdown

    text = comparison_markdown(view.comparison, view.images) + review_markdown(view.review)
    return Output({f"{view.stem}.md": text.encode()})


def _comparison_json(view: ComparisonView) -> Output:
    from bbtool.render.json import comparison_json

    return Output({f"{view.stem}.json": comparison_json(view.comparison, view.review).encode()})


def _comparison_html(view: ComparisonView) -> Output:
    from bbtool.render.html.comparison import comparison_html

    return Output({f"{view.stem}.html": comparison_html(view.comparison, view.review).encode()})


# In the order they are built: charts first, so Markdown can link them.
REPORT_FORMATS: dict[str, Writer] = {
    "radar": Writer(_report_radar, charts=True, step=lambda _: "Drawing the radar charts"),
    "xlsx": Writer(_report_xlsx, step=lambda n: f"Building the workbook ({n:,} participants)"),
    "markdown": Writer(_report_markdown),
    "json": Writer(_report_json),
    "html": Writer(_report_html),
}
COMPARISON_FORMATS: dict[str, Writer] = {
    "radar": Writer(_comparison_radar, charts=True),
    "xlsx": Writer(_comparison_xlsx),
    "markdown": Writer(_comparison_markdown),
    "json": Writer(_comparison_json),
    "html": Writer(_comparison_html),
}
