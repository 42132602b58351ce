"""Problems as text for people, JSON for programs, and annotations for CI services.

Paths and messages are shown with control and format characters escaped
(``errors.printable``) in every format: a file name cannot move a terminal's cursor or
start a CI workflow command of its own.

- ``text``: one ``path:line:col: message`` line each, as every bbtool command prints;
- ``json``: counts and a list of problem objects;
- ``github``: GitHub Actions workflow commands (``::error file=...::...``), which show
  as annotations on the changed lines of a pull request;
- ``gitlab``: a GitLab Code Quality report (a JSON list), shown in merge requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from bbtool.errors import Problem, printable

Format = Literal["text", "json", "github", "gitlab"]
FORMATS: tuple[Format, ...] = ("text", "json", "github", "gitlab")


def as_text(problems: Sequence[Problem]) -> str:
    return "".join(f"{p}\n" for p in problems)


def as_json(problems: Sequence[Problem], *, files: int, workspaces: int) -> str:
    import json  # here, not at the top: `check` prints text on its start-up path

    errors = sum(p.severity == "error" for p in problems)
    data = {
        "ok": errors == 0,
        "files": files,
        "workspaces": workspaces,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [
            {
                "path": printable(p.path),
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": printable(p.message),
            }
            for p in problems
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _escape_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem]) -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_property(printable(p.path))}"]
        if p.line is not None:
            props.append(f"line={p.line}")
            if p.column is not None:
                props.append(f"col={p.column}")
        props.append("title=bbtool")
        message = _escape_data(printable(p.message))
        lines.append(f"::{p.severity} {','.join(props)}::{message}\n")
    return "".join(lines)


def fingerprint(problem: Problem) -> str:
    """Stable across runs, so GitLab can tell new problems from ones already seen."""
    import hashlib

    key = "\0".join(
        (problem.path, str(problem.line), str(problem.column), problem.severity, problem.message)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def as_gitlab(problems: Sequence[Problem]) -> str:
    import json

    report = [
        {
            "description": printable(p.message),
            "check_name": "bbtool",
            "fingerprint": fingerprint(p),
            "severity": "major" if p.severity == "error" else "minor",
            "location": {"path": printable(p.path), "lines": {"begin": p.line or 1}},
        }
        for p in problems
    ]
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render(problems: Sequence[Problem], fmt: Format, *, files: int, workspaces: int) -> str:
    if fmt == "json":
        return as_json(problems, files=files, workspaces=workspaces)
    if fmt == "github":
        return as_github(problems)
    if fmt == "gitlab":
        return as_gitlab(problems)
    return as_text(problems)
