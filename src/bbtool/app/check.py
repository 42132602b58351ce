"""What ``bbtool check`` looks at: workspaces, folders of workspaces, single files.

Every bad file becomes problems recorded in the result, and checking goes on, so one
run reports everything wrong in every file it was given. Nothing is written.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from bbtool.errors import InputError, Problem, UsageError
from bbtool.workspace import yaml_source
from bbtool.workspace.actions import load_actions_file
from bbtool.workspace.framework_files import FRAMEWORK_FILES, load_framework
from bbtool.workspace.layout import (
    ACTIONS,
    AGREED,
    CONFIG,
    NAMES,
    PARTICIPANTS,
    SCORE_SUFFIXES,
    display_path,
    score_files,
    workspace_of,
    workspaces_in,
)
from bbtool.workspace.loader import (
    builtin_framework_dir,
    framework_for,
    load_agreed_file,
    load_config,
    load_score_file,
    load_settings,
    load_workspace,
)
from bbtool.workspace.names import parse_names


@dataclass
class CheckResult:
    """Every problem found, and how much was looked at."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    workspaces: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _check_workspace(root: Path, result: CheckResult) -> None:
    result.workspaces += 1
    files, _ = score_files(root)
    settings = (CONFIG, AGREED, ACTIONS, NAMES)
    result.files += len(files) + sum((root / name).is_file() for name in settings)
    try:
        workspace = load_workspace(root)
    except InputError as exc:
        result.problems += exc.problems
        return
    result.problems += workspace.warnings


def _check_file(file: Path, result: CheckResult) -> None:
    root = workspace_of(file)
    result.files += 1
    try:
        if file.name == CONFIG:
            assert root is not None
            load_settings(root)  # the settings, the framework and thresholds they name
            return
        framework = framework_for(file)
        beside = file.resolve().parent.name != PARTICIPANTS
        if file.name == AGREED and beside:
            _, warnings = load_agreed_file(file, framework)
        elif file.name == ACTIONS and beside:
            config = load_config(root)[0] if root is not None else None
            warnings = load_actions_file(file, framework, config).warnings
        elif file.name == NAMES and beside:
            parse_names(yaml_source.load(file, display_path(file)))
            warnings = []
        else:
            _, warnings = load_score_file(file, framework)
        result.problems += warnings
    except InputError as exc:
        result.problems += exc.problems


def _inputs_of(root: Path) -> list[Path]:
    """A workspace's inputs, resolved: its participants' folder, its settings, its
    agreed scores and the framework folder its settings name, if any."""
    base = root.resolve()
    inputs = [base / PARTICIPANTS, base / CONFIG, base / AGREED, base / ACTIONS, base / NAMES]
    with contextlib.suppress(InputError):
        config, _ = load_config(root)
        if config.framework:
            inputs.append((base / config.framework).resolve())
    return inputs


def refuse_output(output: Path, paths: list[Path]) -> None:
    """UsageError unless ``output`` names a file ``check --output`` may write: a file
    name (not a folder, not empty, not .yaml as every input is) that is none of the
    inputs of the workspaces checked or of the workspace it would land in, nor a file
    given to check."""
    shown = display_path(output)
    if not output.name or output.name in (".", ".."):
        raise UsageError(f"--output {str(output)!r}: not a file name; give the file to write")
    if output.is_dir():
        raise UsageError(f"--output {shown}: is a folder; give the file to write")
    if output.suffix.lower() in SCORE_SUFFIXES:
        raise UsageError(
            f"--output {shown}: check writes text, JSON or a Code Quality report, never "
            "YAML; a .yaml name could be a score file, settings or a framework's"
        )
    target = output.resolve()
    inputs = [builtin_framework_dir().resolve()]
    inputs += [p.resolve() for p in paths if p.is_file() or (p / FRAMEWORK_FILES[0]).is_file()]
    roots = [root for p in paths if p.is_dir() for root in workspaces_in(p)]
    roots += [r for p in (*paths, output) if (r := workspace_of(p) or _owner(p)) is not None]
    for root in roots:
        inputs += _inputs_of(root)
    if target.parent.name == PARTICIPANTS or any(
        target == i or target.is_relative_to(i) for i in inputs
    ):
        raise UsageError(
            f"--output {shown}: is one of the files checked, or inside a workspace's "
            f"inputs ({PARTICIPANTS}/, {CONFIG}, {AGREED}, {ACTIONS}, the framework); write the "
            "report somewhere else"
        )


def _owner(path: Path) -> Path | None:
    """The workspace a path lies in: the nearest folder above it with a bbtool.yaml."""
    return next((f for f in path.resolve().parents if (f / CONFIG).is_file()), None)


def _check_framework(folder: Path, result: CheckResult) -> None:
    """A framework folder on its own: every problem in its files."""
    if not folder.is_dir():
        raise UsageError(f"--framework {display_path(folder)}: no such folder")
    result.files += sum((folder / name).is_file() for name in FRAMEWORK_FILES)
    try:
        load_framework(folder)
    except InputError as exc:
        result.problems += exc.problems


def check_paths(
    paths: list[Path], output: Path | None = None, framework: Path | None = None
) -> CheckResult:
    """Check every workspace, folder of workspaces and file given; collect all problems.

    Raises UsageError only for what cannot be checked at all (a missing path, a
    folder with no workspace in it, a file that is not YAML), and for an ``output``
    that :func:`refuse_output` refuses (before anything is checked).
    """
    if output is not None:
        refuse_output(output, paths + ([framework] if framework is not None else []))
    result = CheckResult()
    if framework is not None:
        _check_framework(framework, result)
    seen_roots: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise UsageError(f"{display_path(path)}: no such file or folder")
        if path.is_dir():
            roots = workspaces_in(path)
            if not roots:
                raise UsageError(
                    f"{display_path(path)}: not a workspace (no {CONFIG} or {PARTICIPANTS}/) "
                    "and holds none"
                )
            for root in roots:
                if root.resolve() not in seen_roots:
                    seen_roots.add(root.resolve())
                    _check_workspace(root, result)
        elif path.suffix.lower() in SCORE_SUFFIXES:
            owner = workspace_of(path)
            if owner is None or owner not in seen_roots:
                _check_file(path, result)
        else:
            raise UsageError(
                f"{display_path(path)}: not a score file; bbtool checks .yaml and .yml files"
            )
    result.problems = sorted(set(result.problems))
    return result
