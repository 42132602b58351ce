"""``bbtool report``: load a workspace (or a folder of areas), score it, render the
chosen formats. Nothing here prints or exits: the CLI says what comes back.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from bbtool.core.actions import Plan
from bbtool.core.anonymise import anonymise as anonymised
from bbtool.core.models import Framework, ParticipantRecord
from bbtool.core.results import Grouping, Report
from bbtool.errors import Problem, UsageError
from bbtool.files import safe_name
from bbtool.render.formats import REPORT_FORMATS, ReportView
from bbtool.render.text import areas_stem
from bbtool.workspace.areas import area_roots, load_areas, score_areas
from bbtool.workspace.layout import display_path, is_workspace, unnamed
from bbtool.workspace.loader import load_workspace

GROUPINGS = ("sector", "level", "organisation", "area")
Progress = Callable[[int, int], None]
# A step the terminal may name while it runs: step("Drawing the radar charts")
Step = Callable[[str], AbstractContextManager[None]]


@dataclass(frozen=True)
class Privacy:
    """``--anonymise`` and what goes with it."""

    anonymise: bool = False
    keep_organisation: bool = False
    no_text: bool = False

    def check(self) -> None:
        if (self.keep_organisation or self.no_text) and not self.anonymise:
            raise UsageError("--keep-organisation and --no-text go with --anonymise")


@dataclass
class Prepared:
    """A scored report and what it was made from, ready for any writer."""

    report: Report
    framework: Framework
    records: list[ParticipantRecord]
    grouping: Grouping | None
    stem: str  # the name the output files share
    notes: list[str] = field(default_factory=list)  # files passed over, and the like
    warnings: list[Problem] = field(default_factory=list)  # in score files that loaded
    plan: Plan | None = None  # actions.yaml beside the figures, when the workspace has one


@dataclass
class Rendered:
    files: dict[Path, bytes]  # in the order they were built
    notes: list[str]  # to say once the files are written


def prepare(
    directory: Path,
    *,
    by: str | None = None,
    privacy: Privacy = Privacy(),
    progress: Progress | None = None,
) -> Prepared:
    """Load ``directory`` (a workspace, or with ``by="area"`` a folder of them), score
    it, and score each group when ``by`` is given. UsageError for options that do not
    go together or a folder of the wrong kind; InputError for bad files."""
    privacy.check()
    if _check_grouping(directory, by, privacy):  # a folder of areas
        areas = load_areas(directory)
        pooled, by_area = score_areas(areas)
        stem = safe_name(areas_stem(areas.name), fallback="areas")
        return Prepared(
            pooled, areas.framework, areas.records, by_area, stem, areas.notes, areas.warnings
        )
    workspace = load_workspace(directory, progress)
    records = workspace.records
    if privacy.anonymise:
        records = anonymised(
            records, keep_organisation=privacy.keep_organisation, keep_text=not privacy.no_text
        )
    report = workspace.score(records)
    grouping: Grouping | None = None
    if by is not None:
        grouping = workspace.score_groups(by, records)
    stem = safe_name(f"{report.area}-{report.round}", fallback="report")
    notes = unnamed(workspace.notes) if privacy.anonymise else workspace.notes
    # owners naming a participant left out (--no-text: any person's name, notes, success)
    plan = workspace.plan(report, text=not privacy.no_text, anonymise=privacy.anonymise)
    return Prepared(
        report, workspace.framework, records, grouping, stem, notes, workspace.warnings, plan
    )


def _check_grouping(directory: Path, by: str | None, privacy: Privacy) -> list[Path]:
    """The areas' workspaces when ``directory`` is a folder of them (and ``by`` is
    area); none for a workspace. UsageError when ``by`` and the folder disagree."""
    if by is not None and by not in GROUPINGS:
        raise UsageError(f"--by {by}: group by {', '.join(GROUPINGS)}")
    if privacy.anonymise and by == "area":
        raise UsageError("--anonymise does not work with --by area yet")
    if privacy.anonymise and by == "organisation" and not privacy.keep_organisation:
        raise UsageError("--by organisation with --anonymise needs --keep-organisation")
    roots = area_roots(directory)
    if roots and by != "area":
        raise UsageError(
            f"{display_path(directory)}: is not a workspace but holds "
            f"{len(roots)} ({', '.join(r.name for r in roots)}); compare them side by side "
            "with --by area, or report on one of them"
        )
    if by == "area" and not roots and directory.is_dir():
        what = "is a single workspace" if is_workspace(directory) else "holds no workspaces"
        raise UsageError(
            f"{display_path(directory)}: {what}; --by area compares the workspaces in a "
            "folder that holds one per area: give that folder, or use --by sector, level "
            "or organisation"
        )
    return roots


@contextlib.contextmanager
def no_step(_: str) -> Iterator[None]:
    yield


def render(prepared: Prepared, formats: Sequence[str], out: Path, step: Step = no_step) -> Rendered:
    """The files of each format asked for (``REPORT_FORMATS`` names), built in the
    registry's order (charts first, so Markdown links them), for ``out``."""
    unknown = sorted(set(formats) - set(REPORT_FORMATS))
    if unknown:
        raise UsageError(
            f"no output format {', '.join(unknown)}; formats: {', '.join(REPORT_FORMATS)}"
        )
    files: dict[Path, bytes] = {}
    notes: list[str] = []
    images: list[str] = []
    for name, writer in REPORT_FORMATS.items():
        if name not in formats:
            continue
        view = ReportView(
            prepared.report,
            prepared.framework,
            prepared.records,
            prepared.grouping,
            prepared.stem,
            tuple(images),
            prepared.plan,
        )
        label = writer.step(len(prepared.records)) if writer.step else None
        with step(label) if label else no_step(""):
            output = writer.write(view)
        files.update((out / file, data) for file, data in output.files.items())
        notes += output.notes
        if writer.charts:
            images += output.files
        # a big workbook or a set of figures is a web of objects: free it before the next
        del output, view
        gc.collect()
    return Rendered(files, notes)
