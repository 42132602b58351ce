"""What ``bbtool check`` looks at: workspaces, folders of workspaces, single files.

Every bad file becomes problems recorded in the result, and checking goes on, so one
run reports everything wrong in every file it was given. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bbtool.errors import InputError, Problem, UsageError
from bbtool.workspace.layout import (
    AGREED,
    CONFIG,
    PARTICIPANTS,
    SCORE_SUFFIXES,
    display_path,
    score_files,
    workspace_of,
    workspaces_in,
)
from bbtool.workspace.loader import (
    framework_for,
    load_agreed_file,
    load_score_file,
    load_settings,
    load_workspace,
)


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
    result.files += len(files) + sum((root / name).is_file() for name in (CONFIG, AGREED))
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
        if file.name == AGREED and file.resolve().parent.name != PARTICIPANTS:
            _, warnings = load_agreed_file(file, framework)
        else:
            _, warnings = load_score_file(file, framework)
        result.problems += warnings
    except InputError as exc:
        result.problems += exc.problems


def check_paths(paths: list[Path]) -> CheckResult:
    """Check every workspace, folder of workspaces and file given; collect all problems.

    Raises UsageError only for what cannot be checked at all (a missing path, a
    folder with no workspace in it, a file that is not YAML).
    """
    result = CheckResult()
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
