"""``bbtool report`` and ``compare``: a round's results, and two rounds side by side."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bbtool.cli.console import console, progress_bar, steps
from bbtool.cli.handled import err, handled, print_warnings, say
from bbtool.cli.options import AnonymiseOpt, GroupBy, KeepOrganisationOpt, NoTextOpt, QuietOpt

# the files' names, as the app makes them (<area>-<round>: northbridge-2026-spring)
_NAME = "<area>-<round>"
_COMPARED = "compare-<area>-<old-round>-to-<new-round>"


def _formats(**chosen: bool) -> list[str]:
    return [name for name, wanted in chosen.items() if wanted]


@handled
def report(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="[DIR]", help="Workspace folder, or with --by area a folder of workspaces."
        ),
    ] = Path("."),
    json_: Annotated[bool, typer.Option("--json", help=f"Write {_NAME}.json.")] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=f"Write the {_NAME}.xlsx workbook.")] = False,
    radar: Annotated[
        bool,
        typer.Option(
            "--radar",
            help="Write radar charts as PNG: radar-enablers.png, and radar-<theme>.png for "
            "each theme whose indicators were scored.",
        ),
    ] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help=f"Write {_NAME}.md.")] = False,
    html: Annotated[
        bool,
        typer.Option(
            "--html",
            help=f"Write {_NAME}.html: the meeting view, one file to put on the screen "
            "(p presents it one screen at a time).",
        ),
    ] = False,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            metavar="sector|level|organisation|area",
            help="Also show results per group of participants: by sector, level or "
            "organisation; or by area, for a folder holding one workspace per area.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Folder for output files (default: DIR/report)."),
    ] = None,
    quiet: QuietOpt = False,
    anonymise: AnonymiseOpt = False,
    keep_organisation: KeepOrganisationOpt = False,
    no_text: NoTextOpt = False,
) -> None:
    """Score every participant's file and show the group's results.

    With output options, also write files into --out (all of them, or none).
    With --by area, DIR is a folder holding one workspace per area: each area is
    scored on its own, side by side, and everyone together (files <folder>-areas.*,
    or areas.* for a folder named areas).
    """
    from bbtool.app.report import Privacy, prepare, render
    from bbtool.files import write_all
    from bbtool.render.plan import plan_view
    from bbtool.render.terminal import groups_view, report_view

    privacy = Privacy(anonymise, keep_organisation, no_text)
    progress = progress_bar(quiet)
    try:
        prepared = prepare(
            directory, by=by.value if by else None, privacy=privacy, progress=progress
        )
    finally:
        if progress is not None:
            progress.close()
    formats = _formats(radar=radar, xlsx=xlsx, markdown=markdown, json=json_, html=html)
    rendered = render(prepared, formats, out or directory / "report", steps(quiet))
    write_all(rendered.files)
    for note in [*prepared.notes, *rendered.notes]:
        err(note)
    print_warnings(prepared.warnings, anonymise)
    if not quiet:
        shown = console()
        shown.print(report_view(prepared.report))
        if prepared.grouping is not None:
            shown.print(groups_view(prepared.report, prepared.grouping))
        if prepared.plan is not None:
            shown.print(plan_view(prepared.plan, prepared.report))
    for path in rendered.files:
        say(f"wrote {path}")


@handled
def compare(
    old: Annotated[
        Path,
        typer.Argument(metavar="OLD", help="The earlier round's workspace, e.g. last year's."),
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NEW", help="The later round's workspace, e.g. this year's.")
    ],
    json_: Annotated[bool, typer.Option("--json", help=f"Write {_COMPARED}.json.")] = False,
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help=f"Write the comparison workbook, {_COMPARED}.xlsx.")
    ] = False,
    radar: Annotated[
        bool, typer.Option("--radar", help="Write radar-compare.png: both rounds overlaid.")
    ] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help=f"Write the comparison as {_COMPARED}.md.")
    ] = False,
    html: Annotated[
        bool,
        typer.Option("--html", help=f"Write the comparison as a meeting view, {_COMPARED}.html."),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Folder for output files (default: NEW/report)."),
    ] = None,
    quiet: QuietOpt = False,
    anonymise: AnonymiseOpt = False,
    keep_organisation: KeepOrganisationOpt = False,
    no_text: NoTextOpt = False,
) -> None:
    """Compare two rounds: how each enabler's mean, consensus and flags changed from
    OLD to NEW, who took part in both, and which enablers moved most.

    Both workspaces are checked first; every problem in either is reported at once.
    With output options, also write files into --out (all of them, or none).
    """
    from bbtool.app.compare import prepare, render
    from bbtool.app.report import Privacy
    from bbtool.files import write_all
    from bbtool.render.plan import review_view
    from bbtool.render.terminal import comparison_view

    prepared = prepare(old, new, Privacy(anonymise, keep_organisation, no_text))
    formats = _formats(radar=radar, xlsx=xlsx, markdown=markdown, json=json_, html=html)
    rendered = render(prepared, formats, out or new / "report")
    write_all(rendered.files)
    for note in prepared.notes:
        err(note)
    for workspace in prepared.rounds:
        print_warnings(workspace.warnings, anonymise)
    for note in rendered.notes:
        err(note)
    if not quiet:
        console().print(comparison_view(prepared.comparison))
        if prepared.review is not None:
            console().print(review_view(prepared.review))
    for path in rendered.files:
        say(f"wrote {path}")
