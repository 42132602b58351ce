"""Files to models: the framework, score files and whole workspaces.

Every problem becomes a :class:`~bbtool.errors.Problem` naming the file and, where
the YAML has one, the line and column. A bad file is recorded and loading goes on,
so one run reports every problem in every file.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bbtool.core.actions import Plan, anonymised_plan, build_plan
from bbtool.core.models import (
    MAX_LEVELS,
    MAX_NAME,
    SKIP,
    AgreedFile,
    Framework,
    ParticipantRecord,
    Scale,
    ScoreFile,
    Thresholds,
    WorkspaceConfig,
    person_key,
)
from bbtool.core.results import Grouping, Report
from bbtool.core.scoring import score, score_groups
from bbtool.errors import InputError, Problem, Problems, UsageError, printable
from bbtool.parallel import ordered_map
from bbtool.workspace import yaml_source
from bbtool.workspace.actions import LoadedPlan, as_of, load_actions
from bbtool.workspace.framework_files import FRAMEWORK_FILES as FRAMEWORK_FILES
from bbtool.workspace.framework_files import builtin_framework_dir as builtin_framework_dir
from bbtool.workspace.framework_files import load_framework as load_framework
from bbtool.workspace.layout import (
    AGREED,
    CONFIG,
    PARTICIPANTS,
    display_path,
    score_files_resolved,
    workspace_of,
)
from bbtool.workspace.names import LoadedNames, alike_warnings, load_names, names_warnings
from bbtool.workspace.validation import (
    AGREED_NOUNS,
    SCORE_FILE_NOUNS,
    Finding,
    Nouns,
    advice,
    agreed_fields,
    check_agreed,
    check_score_file,
    score_file_fields,
    translate,
)
from bbtool.workspace.yaml_hints import comments_after_empty_values
from bbtool.workspace.yaml_source import Document, Loc

M = TypeVar("M", bound=BaseModel)


def _problems(doc: Document, findings: list[Finding]) -> list[Problem]:
    return [
        doc.problem(f.loc, f.message, key=f.at_key, warning=f.severity == "warning")
        for f in findings
    ]


def _need_mapping(model: type[BaseModel], doc: Document) -> dict[str, Any]:
    """The document's data if it is a mapping; else an error saying what it needs."""
    if isinstance(doc.data, dict):
        return doc.data
    required = [f"'{name}:'" for name, f in model.model_fields.items() if f.is_required()]
    needs = f"it needs at least {' and '.join(required)}"
    if doc.data is None:
        message = f"is empty; {needs}"
    else:
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        message = f"is {kind}, not a mapping of names to values (name: value); {needs}"
    raise InputError([doc.problem((), message)])


def _validate(
    model: type[M],
    doc: Document,
    fields: dict[Loc, Any] | None = None,
    scale: Scale | None = None,
    nouns: Nouns | None = None,
) -> M:
    _need_mapping(model, doc)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(_problems(doc, translate(exc, fields or {}, scale, nouns))) from None


# --------------------------------------------------------------------- framework


# -------------------------------------------------------------------- score file


def _well_formed(data: dict[str, Any], locs: list[Loc]) -> dict[str, Any]:
    """A score file's data without the values at ``locs`` (a stand-in participant if
    theirs is wrong), so the checks that need the framework can run on the rest."""
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    dropped: dict[str, set[int]] = {}
    for loc in locs:
        if not loc:
            continue
        section = str(loc[0])
        value = out.get(section)
        if section == "participant":
            out[section] = {"name": "-"}
        elif len(loc) > 1 and isinstance(value, dict):
            value.pop(loc[1], None)
        elif len(loc) > 1 and isinstance(value, list) and isinstance(loc[1], int):
            dropped.setdefault(section, set()).add(loc[1])
        else:
            out.pop(section, None)
    for section, indexes in dropped.items():
        out[section] = [v for i, v in enumerate(out[section]) if i not in indexes]
    return out


def parse_score_file(doc: Document, framework: Framework, file: str) -> ParticipantRecord:
    """Validate a parsed score file; raise InputError with every problem in it."""
    return _parse_score_file(doc, framework, file)[0]


def _parse_score_file(
    doc: Document, framework: Framework, file: str
) -> tuple[ParticipantRecord, list[Finding]]:
    """:func:`parse_score_file`, with the findings on the valid file (its warnings)."""
    data = _need_mapping(ScoreFile, doc)
    answers, findings = _validate_checked(
        ScoreFile,
        data,
        doc,
        framework,
        fields=score_file_fields(framework),
        nouns=SCORE_FILE_NOUNS,
        check=check_score_file,
        advise=_advice_besides,
    )
    return ParticipantRecord(file=file, answers=answers), findings


def _advice_besides(answers: ScoreFile, framework: Framework, wrong: list[Loc]) -> list[Finding]:
    """The advice on a file with errors, shown with them: a score found wrong counts as
    answered (it is, wrongly), but not among the scores given."""
    if any(len(loc) < 2 and loc[:1] in ((), ("scores",)) for loc in wrong):
        return []  # the whole file or its scores are wrong: nothing to advise on yet
    wrong_scores = {str(loc[1]) for loc in wrong if len(loc) > 1 and loc[0] == "scores"}
    scores = {**answers.scores, **dict.fromkeys(wrong_scores, SKIP)}
    return advice(answers.model_copy(update={"scores": scores}), framework)


def _validate_checked(
    model: type[M],
    data: dict[str, Any],
    doc: Document,
    framework: Framework,
    *,
    fields: dict[Loc, Any],
    nouns: Nouns,
    check: Callable[[M, Framework], list[Finding]],
    advise: Callable[[M, Framework, list[Loc]], list[Finding]] | None = None,
) -> tuple[M, list[Finding]]:
    """Validate ``data`` as ``model``, then run the framework's ``check`` on it; raise
    InputError with every error, or return the value and the check's findings.

    When the shape is wrong somewhere, the check still runs on the well-formed rest,
    so that one run shows everything wrong in the file, not one layer at a time; and
    a file with errors carries its warnings too (with ``advise``'s, told where the
    errors are), so that they are not first seen once the errors are mended.
    """
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        wrong = translate(exc, fields, framework.scale, nouns)
        try:
            rest = model.model_validate(_well_formed(data, [f.loc for f in wrong]))
        except ValidationError:
            rest = None
        if rest is not None:
            wrong += check(rest, framework)
            if advise is not None:
                wrong += advise(rest, framework, [f.loc for f in wrong])
        raise InputError(_problems(doc, wrong)) from None
    findings = check(value, framework)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        if advise is not None:
            findings += advise(value, framework, [f.loc for f in errors])
        raise InputError(_problems(doc, findings))
    return value, findings


def load_score_file(
    file: Path, framework: Framework, *, display: str | None = None
) -> tuple[ParticipantRecord, list[Problem]]:
    """Load one score file. Returns the record and its warnings."""
    path = display or display_path(file)
    doc = yaml_source.load(file, path)
    record, findings = _parse_score_file(doc, framework, path)
    warnings = [f for f in findings if f.severity == "warning"] + advice(record.answers, framework)
    return record, _problems(doc, warnings) + comments_read_as_nothing(doc, record.answers)


def comments_read_as_nothing(doc: Document, answers: ScoreFile) -> list[Problem]:
    """A warning at each evidence or reflection left empty with a comment after it
    (``leadership: #1 priority``), and each score with words right after ``#``: YAML
    reads everything after ``#`` as a comment."""
    found = []
    for c in comments_after_empty_values(doc.text, ("scores", "evidence", "reflections")):
        section: dict[str, Any] = getattr(answers, c.section)
        if c.key not in section or section[c.key] is not None:
            continue
        if c.section == "scores" and c.comment[1:2].isspace():
            continue  # "leadership:   # not sure yet" is a note to oneself, as meant
        if c.section == "scores":
            advice_ = "write the score before any #"
        else:  # "# more joint training": the words; "#1 priority": all of it
            words = c.comment[2:] if c.comment.startswith("# ") else c.comment
            words = words if len(words) <= 40 else words[:37] + "..."
            advice_ = f'put the text in double quotes: {c.key}: "{words}"'
        message = (
            f"{c.section}.{c.key}: is empty, and what follows '#' is a comment, which "
            f"is not read; if it is your answer, {advice_}"
        )
        found.append(Problem(doc.path, c.line, c.column, message, "warning"))
    return found


# ---------------------------------------------------------------- agreed scores


def parse_agreed(doc: Document, framework: Framework) -> tuple[AgreedFile, list[Problem]]:
    """Validate a parsed ``agreed.yaml``: the file and its warnings, or InputError with
    every problem in it. An empty file agrees nothing yet."""
    data: Any = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        message = (
            f"is {kind}, not a mapping of names to values (name: value); "
            "write the sections agreed:, targets: and notes:"
        )
        raise InputError([doc.problem((), message)])
    agreed, findings = _validate_checked(
        AgreedFile,
        data,
        doc,
        framework,
        fields=agreed_fields(),
        nouns=AGREED_NOUNS,
        check=check_agreed,
    )
    return agreed, _problems(doc, findings)


def load_agreed_file(
    file: Path, framework: Framework, *, display: str | None = None
) -> tuple[AgreedFile, list[Problem]]:
    """Load one agreed file. Returns it and its warnings."""
    return parse_agreed(yaml_source.load(file, display or display_path(file)), framework)


def load_agreed(root: Path, framework: Framework) -> tuple[AgreedFile | None, list[Problem]]:
    """A workspace's ``agreed.yaml`` and its warnings; None when it has none."""
    file = root / AGREED
    if not file.is_file():
        return None, []
    return load_agreed_file(file, framework)


# --------------------------------------------------------------------- workspace


@dataclass
class Workspace:
    """A loaded workspace: settings, framework and every valid score file."""

    root: Path
    config: WorkspaceConfig
    framework: Framework
    thresholds: Thresholds
    records: list[ParticipantRecord] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    agreed: AgreedFile | None = None  # agreed.yaml, when the workspace has one
    actions: LoadedPlan | None = None  # actions.yaml, when the workspace has one
    names: LoadedNames | None = None  # names.yaml, when the workspace has one

    def plan(self, report: Report, *, text: bool = True, anonymise: bool = False) -> Plan | None:
        """The action plan beside ``report``'s figures; None without actions.yaml.
        With ``anonymise``, an owner naming a participant is left out (and, without
        ``text``, any owner that looks like a person's name); without ``text``, its
        notes and success measures are left out."""
        if self.actions is None:
            return None
        day, day_from = as_of(self.config)
        plan = self.actions.plan
        if anonymise:
            plan = anonymised_plan(plan, (r.name for r in self.records), no_text=not text)
        return build_plan(report, plan, day, day_from, text=text)

    def score(
        self,
        records: Sequence[ParticipantRecord] | None = None,
        *,
        area: str | None = None,
        agreed: bool = True,
    ) -> Report:
        """The workspace's report: its records (or ``records``, say anonymised) scored
        with its framework, area, round, thresholds and agreed scores."""
        return score(
            self.framework,
            self.records if records is None else records,
            area=self.config.area if area is None else area,
            round=self.config.round,
            thresholds=self.thresholds,
            agreed=self.agreed if agreed else None,
        )

    def score_groups(self, by: str, records: Sequence[ParticipantRecord] | None = None) -> Grouping:
        """Each group of participants sharing a ``by`` (sector, level, organisation)."""
        groups = score_groups(
            self.framework,
            self.records if records is None else records,
            by=by,
            area=self.config.area,
            round=self.config.round,
            thresholds=self.thresholds,
        )
        return Grouping(by, groups)


def load_config(root: Path) -> tuple[WorkspaceConfig, Document]:
    file = root / CONFIG
    if not file.is_file():
        raise InputError(
            [
                Problem(
                    display_path(root),
                    None,
                    None,
                    f"has no {CONFIG}; is this a bbtool workspace? Create one with 'bbtool init'",
                )
            ]
        )
    doc = yaml_source.load(file, display_path(file))
    fields: dict[Loc, Any] = {(): list(WorkspaceConfig.model_fields)}
    return _validate(WorkspaceConfig, doc, fields, nouns={(): ("a setting", "settings")}), doc


def _thresholds(config: WorkspaceConfig, framework: Framework, doc: Document) -> Thresholds:
    if not config.thresholds:
        return framework.thresholds
    merged = {**framework.thresholds.model_dump(), **config.thresholds}
    given = config.thresholds
    # the camps' own check (low_camp below high_camp) is shown at the camp this file sets
    camp = next((("thresholds", c) for c in ("low_camp", "high_camp") if c in given), None)
    try:
        thresholds = Thresholds.model_validate(merged)
    except ValidationError as exc:
        fields: dict[Loc, Any] = {(): list(Thresholds.model_fields)}
        findings = [
            Finding(
                ("thresholds", *f.loc) if f.loc or camp is None else camp,
                f"thresholds.{f.message}" if f.loc and not f.at_key else f"thresholds: {f.message}",
                f.at_key,
            )
            for f in translate(exc, fields, nouns={(): ("a threshold", "thresholds")})
        ]
        raise InputError(_problems(doc, findings)) from None
    scale = framework.scale
    # a threshold this file sets is shown at its line; one it leaves to the framework
    # is the framework's (checked when the framework is loaded)
    off = [
        doc.problem(
            ("thresholds", name) if name in given else ("thresholds",),
            f"thresholds.{name}: {message}",
        )
        for name, message in thresholds.off_scale(scale.min, scale.max)
    ]
    if off:
        raise InputError(off)
    return thresholds


def framework_for(file: Path) -> Framework:
    """The framework of the workspace ``file`` is in (its settings checked as
    ``report`` checks them), or the built-in one for a file outside any workspace."""
    root = workspace_of(file)
    return load_framework() if root is None else load_settings(root)[1]


def workspace_framework(folder: Path) -> Framework:
    """The framework of the workspace ``folder`` (its ``bbtool.yaml`` checked), or the
    built-in one when ``folder`` is not a workspace."""
    return load_settings(folder)[1] if (folder / CONFIG).is_file() else load_framework()


def load_settings(root: Path) -> tuple[WorkspaceConfig, Framework, Thresholds]:
    """A workspace's bbtool.yaml, the framework it names and its thresholds, checked."""
    config, config_doc = load_config(root)
    framework_dir = None
    if config.framework:
        framework_dir = (root / config.framework).resolve()
        if not framework_dir.is_dir():
            raise InputError(
                [
                    config_doc.problem(
                        ("framework",),
                        f"framework: {config.framework!r} is not a folder "
                        f"holding {FRAMEWORK_FILES[0]}",
                    )
                ]
            )
    framework = load_framework(framework_dir)
    if config.levels is not None:
        framework = framework.model_copy(update={"levels": checked_levels(config, config_doc)})
    return config, framework, _thresholds(config, framework, config_doc)


def _level_fault(level: str, twice: int | None) -> str | None:
    """What is wrong with one of bbtool.yaml's levels (``twice``: the index of the one
    it repeats); None if nothing."""
    if not level:
        return "is empty; write a level"
    if "," in level:
        return f"{level!r} holds a comma; a level cannot (the form lists them with commas)"
    if len(level) > MAX_NAME:
        return f"is {len(level)} characters; the limit is {MAX_NAME}"
    if twice is not None:
        return f"{level!r} is given twice (first as item {twice + 1})"
    return None


MAX_LIST = 255  # characters in an Excel drop-down list written in its formula


def checked_levels(config: WorkspaceConfig, doc: Document) -> tuple[str, ...]:
    """``levels:`` of bbtool.yaml, each at most 200 characters, without a comma (the
    form's drop-down list is written with commas), given once (capitals and spaces
    aside), at most MAX_LEVELS of them; InputError naming each at its line."""
    levels = config.levels or []
    if not levels:
        message = (
            "levels: is empty; list the levels participants may give, e.g. [strategic, operational]"
        )
        raise InputError([doc.problem(("levels",), message)])
    found: list[Problem] = []
    if len(levels) > MAX_LEVELS:
        message = f"levels: {len(levels)} are given; at most {MAX_LEVELS} are allowed"
        found.append(doc.problem(("levels",), message))
    first: dict[str, int] = {}
    for i, level in enumerate(levels):
        fault = _level_fault(level, first.get(person_key(level)))
        if fault is not None:
            found.append(doc.problem(("levels", i), f"levels item {i + 1}: {fault}"))
        else:
            first[person_key(level)] = i
    if not found and len(",".join(levels)) > MAX_LIST:
        message = (
            f"levels: {len(','.join(levels))} characters in all; the form's drop-down "
            f"list holds at most {MAX_LIST}: use fewer or shorter levels"
        )
        found.append(doc.problem(("levels",), message))
    if found:
        raise InputError(found)
    return tuple(levels)


# Score files a worker process is worth starting for: reading one takes about a third
# of a millisecond, starting a worker and sending its results back some tens.
PER_WORKER = 250


def _read_score_file(
    item: tuple[Path, str], framework: Framework
) -> tuple[ParticipantRecord | None, list[Problem]]:
    """One score file of a workspace (and the name to show for it): its record and
    warnings, or no record and its problems."""
    file, shown = item
    try:
        return load_score_file(file, framework, display=shown)
    except InputError as exc:
        return None, exc.problems


def load_workspace(root: Path, progress: Callable[[int, int], None] | None = None) -> Workspace:
    """Load settings, framework and every score file; raise with all problems at once.

    ``progress(done, total)`` is called as score files are read (in bursts when workers
    read them) and once when all are read, for a progress bar."""
    if not root.is_dir():
        raise UsageError(f"{display_path(root)}: no such folder")
    config, framework, thresholds = load_settings(root)
    files, notes = score_files_resolved(root)
    workspace = Workspace(root, config, framework, thresholds, notes=notes)
    problems = Problems()
    names: dict[str, str] = {}
    read_as: list[tuple[Path, str]] = []  # each record's file, and as its problems name it
    cwd = Path.cwd().resolve()
    items = [
        (file, str(real.relative_to(cwd)) if real.is_relative_to(cwd) else str(file))
        for file, real in files
    ]
    read = functools.partial(_read_score_file, framework=framework)
    # closing: should anything below fail, the workers are stopped there and then
    with contextlib.closing(ordered_map(read, items, per_worker=PER_WORKER)) as outcomes:
        for done, ((file, _), (record, found)) in enumerate(zip(items, outcomes, strict=True)):
            if progress is not None:
                progress(done, len(files))
            if record is None:
                problems.add(*found)
                continue
            warnings = found
            key = person_key(record.name)
            if key in names:
                doc = yaml_source.load(file, record.file)
                problems.add(
                    doc.problem(
                        ("participant", "name"),
                        f"participant.name: {record.name!r} is already used in {names[key]}; "
                        "each participant needs their own name",
                    )
                )
                continue
            names[key] = record.file
            read_as.append((file, record.file))
            # reports name the file as it sits in the workspace, wherever bbtool ran from,
            # so the same workspace gives the same report
            in_workspace = printable(f"{PARTICIPANTS}/{file.name}")
            workspace.records.append(record.model_copy(update={"file": in_workspace}))
            workspace.warnings += warnings
    if progress is not None:
        progress(len(files), len(files))
    workspace.warnings += alike_warnings(workspace.records, read_as)
    with problems.collecting():
        workspace.names = load_names(root)
        if workspace.names is not None:
            workspace.warnings += names_warnings(
                workspace.names, [r.name for r in workspace.records]
            )
    with problems.collecting():
        workspace.agreed, warnings = load_agreed(root, framework)
        workspace.warnings += warnings
    with problems.collecting():
        workspace.actions = load_actions(root, framework, config)
        if workspace.actions is not None:
            workspace.warnings += workspace.actions.warnings
    problems.raise_any(workspace.warnings)
    if not workspace.records:
        raise InputError(
            [
                Problem(
                    display_path(root / PARTICIPANTS),
                    None,
                    None,
                    "holds no score files (.yaml or .yml); add one per participant, "
                    "or run 'bbtool init --participants N'",
                )
            ]
        )
    if workspace.actions is not None:  # flagged enablers no action names
        workspace.warnings += workspace.actions.unplanned(workspace.score())
    return workspace
