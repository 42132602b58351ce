"""A folder of workspaces, one per area (say, the boroughs of a sub-regional group),
loaded for ``bbtool report FOLDER --by area``.

Every workspace is loaded and every problem in every one of them is collected before
anything fails. Each area keeps its own participants, settings and thresholds; the
areas are also pooled into one list of participants for the "all areas" figures,
each name prefixed with its area so that people with the same name in two areas stay
apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bbtool.core.models import Framework, ParticipantRecord, Thresholds, person_key
from bbtool.core.results import Grouping, Report
from bbtool.core.scoring import score
from bbtool.errors import InputError, Problem, Problems, UsageError
from bbtool.workspace.layout import CONFIG, display_path, is_workspace, workspaces_in
from bbtool.workspace.loader import Workspace, load_config, load_workspace


@dataclass
class Areas:
    """The workspaces of a folder by area name (in name order), and everyone pooled."""

    folder: Path
    name: str  # the folder's own name: the "area" of the pooled report
    round: str  # the areas' round, or their rounds joined when they differ
    framework: Framework
    thresholds: Thresholds  # shared by every area, else the framework's own
    workspaces: dict[str, Workspace]
    records: list[ParticipantRecord]  # everyone, as "<area>: <name>"
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def area_roots(folder: Path) -> list[Path]:
    """The workspaces in ``folder`` when it is a folder of workspaces (and not one
    itself), in name order; else none."""
    if not folder.is_dir() or is_workspace(folder):
        return []
    return workspaces_in(folder)


def pooled_name(area: str, name: str) -> str:
    """A participant's name in the pooled list of every area."""
    return f"{area}: {name}"


def _pooled(area: str, workspace: Workspace) -> list[ParticipantRecord]:
    out = []
    for r in workspace.records:
        who = r.answers.participant.model_copy(update={"name": pooled_name(area, r.name)})
        out.append(
            r.model_copy(
                update={
                    "file": f"{workspace.root.name}/{r.file}",
                    "answers": r.answers.model_copy(update={"participant": who}),
                }
            )
        )
    return out


def load_areas(folder: Path) -> Areas:
    """Load every workspace in ``folder``; raise InputError with every problem in all
    of them, or UsageError when they cannot be compared (different frameworks)."""
    roots = area_roots(folder)
    if not roots:
        raise UsageError(f"{display_path(folder)}: holds no workspaces")
    problems = Problems()
    warnings: list[Problem] = []
    loaded: dict[str, Workspace] = {}
    for root in roots:
        try:
            workspace = load_workspace(root)
        except InputError as exc:
            problems.add(*exc.problems)
            continue
        warnings += workspace.warnings
        area = workspace.config.area
        same = [a for a in loaded if person_key(a) == person_key(area)]
        if same:
            other = display_path(loaded[same[0]].root / CONFIG)
            _, doc = load_config(root)
            problems.add(
                doc.problem(
                    ("area",),
                    f"area: {area!r} is also the area of {other}; "
                    "each workspace in a folder of areas needs its own area",
                )
            )
            continue
        loaded[area] = workspace
    problems.raise_any(warnings)
    workspaces = dict(sorted(loaded.items(), key=lambda kv: kv[0].casefold()))
    first = next(iter(workspaces.values()))
    for workspace in workspaces.values():
        # the same framework, whatever levels each area's bbtool.yaml allows
        if workspace.framework.model_copy(update={"levels": ()}) != first.framework.model_copy(
            update={"levels": ()}
        ):
            names = (first.framework.name, workspace.framework.name)
            which = f" ({names[0]!r} and {names[1]!r})" if names[0] != names[1] else ""
            raise UsageError(
                f"{display_path(first.root)} and {display_path(workspace.root)} use different "
                f"frameworks{which}; areas are compared side by side only on the same "
                f"framework (see 'framework:' in their {CONFIG})"
            )
    notes = [note for w in workspaces.values() for note in w.notes]
    thresholds = {w.thresholds for w in workspaces.values()}
    if len(thresholds) > 1:
        notes.append(
            f"{display_path(folder)}: the areas set different thresholds; each area is "
            "scored with its own, all areas together with the framework's"
        )
    rounds = list(dict.fromkeys(w.config.round for w in workspaces.values()))
    return Areas(
        folder=folder,
        name=folder.resolve().name,
        round=", ".join(rounds),
        framework=first.framework,
        thresholds=thresholds.pop() if len(thresholds) == 1 else first.framework.thresholds,
        workspaces=workspaces,
        records=[r for area, w in workspaces.items() for r in _pooled(area, w)],
        warnings=warnings,
        notes=notes,
    )


def score_areas(areas: Areas) -> tuple[Report, Grouping]:
    """Everyone in every area together, and each area on its own with its own settings
    (thresholds, agreed scores): the pooled report and the areas by name."""
    pooled = score(
        areas.framework,
        areas.records,
        area=areas.name,
        round=areas.round,
        thresholds=areas.thresholds,
    )
    by_area = {name: w.score(area=name) for name, w in areas.workspaces.items()}
    return pooled, Grouping("area", by_area)
