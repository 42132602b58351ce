"""``actions.yaml``, the action plan, read and checked like every other file.

Every problem names the file, line and column: an id the framework does not have
(with the nearest one), a status or date written wrong, an action id used twice. The
plan's warnings (``core/actions.py``) point at the action they are about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bbtool.core.actions import Action, ActionsFile, AsOfFrom, plan_warnings, unplanned
from bbtool.core.models import Framework, WorkspaceConfig
from bbtool.core.results import Report
from bbtool.errors import InputError, Problem
from bbtool.workspace import yaml_source
from bbtool.workspace.layout import ACTIONS, display_path
from bbtool.workspace.validation import Finding, Nouns, did_you_mean, translate
from bbtool.workspace.yaml_source import Document, Loc

_LISTS = (("enablers", "an enabler"), ("indicators", "an indicator"), ("challenges", "a challenge"))


def as_of(config: WorkspaceConfig | None, today: dt.date | None = None) -> tuple[dt.date, AsOfFrom]:
    """The day the plan is judged on: the round's meeting date (bbtool.yaml's
    ``date:``) when given, else today."""
    if config is not None and config.date is not None:
        return config.date, "meeting date"
    return today or dt.date.today(), "today"


@dataclass
class LoadedPlan:
    """A checked ``actions.yaml``: the plan, its warnings, and its document (for the
    warnings that need the round's figures)."""

    plan: ActionsFile
    warnings: list[Problem]
    doc: Document

    def unplanned(self, report: Report) -> list[Problem]:
        """A warning for each enabler flagged low or polarised that no action names,
        at the ``actions:`` line."""
        titles = {e.id: e for e in report.enablers}
        closed = {e for a in self.plan.actions if not a.open for e in a.enablers}
        out = []
        for ident in unplanned(report, self.plan):
            e = titles[ident]
            flags = " and ".join(w for w, on in (("low", e.low), ("polarised", e.polarised)) if on)
            which = "only actions done or dropped name" if ident in closed else "no action names"
            problem = self.doc.problem(
                ("actions",),
                f"{ident} is flagged {flags} and {which} it; add an action that "
                "names it (status: proposed, until the meeting decides)",
                key=True,
                warning=True,
            )
            # an empty file has no 'actions:' yet: its first line is where one goes
            out.append(replace(problem, line=problem.line or 1, column=problem.column or 1))
        return out


def _fields(data: dict[str, Any]) -> tuple[dict[Loc, Sequence[str]], Nouns]:
    items = data.get("actions")
    count = len(items) if isinstance(items, list) else 0
    fields: dict[Loc, Sequence[str]] = {(): list(ActionsFile.model_fields)}
    nouns: Nouns = {(): ("a section", "sections")}
    for k in range(count):
        fields[("actions", k)] = list(Action.model_fields)
        nouns[("actions", k)] = ("a field of an action", "an action's fields")
    return fields, nouns


def _id_findings(data: dict[str, Any], framework: Framework) -> list[Finding]:
    """Ids the framework does not have, and action ids used twice, from the raw data
    (so they are found even where another part of the file is wrong)."""
    known = {
        "enablers": [e.id for e in framework.enablers],
        "indicators": [i.id for _, i in framework.indicators],
        "challenges": [c.id for c in framework.challenges],
    }
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    items = data.get("actions")
    for k, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        ident = item.get("id")
        if isinstance(ident, (str, int)) and not isinstance(ident, bool):
            key = str(ident).strip()
            if key in seen:
                message = (
                    f"actions item {k + 1}.id: {key!r} is already the id of action "
                    f"{seen[key] + 1}; each action needs its own id"
                )
                findings.append(Finding(("actions", k, "id"), message))
            seen.setdefault(key, k)
        for section, what in _LISTS:
            findings += _list_findings(item, k, section, what, known[section])
    return findings


def _list_findings(
    item: dict[str, Any], k: int, section: str, what: str, known: list[str]
) -> list[Finding]:
    """An action's enablers, indicators or challenges: each one the framework has, and
    each named once."""
    named = item.get(section)
    listed = isinstance(named, list)
    refs: list[Any] = []
    if isinstance(named, list):
        refs = named
    elif isinstance(named, str):
        refs = [named]
    findings: list[Finding] = []
    seen: set[str] = set()
    where = f"actions item {k + 1}.{section}"
    for j, ref in enumerate(refs):
        if not isinstance(ref, str):
            continue
        loc: Loc = ("actions", k, section, j) if listed else ("actions", k, section)
        if ref.strip() not in known:
            hint = did_you_mean(ref.strip(), known)
            if not hint and len(known) <= 14:
                hint = f"; {section} are: {', '.join(known)}"
            findings.append(Finding(loc, f"{where}: {ref!r} is not {what}{hint}"))
        elif ref.strip() in seen:
            findings.append(Finding(loc, f"{where}: {ref.strip()!r} is given twice; name it once"))
        seen.add(ref.strip())
    return findings


def _not_actions(data: dict[str, Any]) -> list[Finding]:
    """An item of ``actions:`` that is a single value (``- share-data``), not an
    action's fields."""
    items = data.get("actions")
    return [
        Finding(
            ("actions", k),
            f"actions item {k + 1} is {'empty' if item is None else repr(item)[:40]}, not "
            "an action; write each action as its "
            "fields, the first after the dash: '- id: share-data', then 'title:' and "
            "'enablers:' below it",
        )
        for k, item in enumerate(items if isinstance(items, list) else [])
        if not isinstance(item, (dict, list))
    ]


def _problems(doc: Document, findings: list[Finding], *, warning: bool = False) -> list[Problem]:
    return [doc.problem(f.loc, f.message, key=f.at_key, warning=warning) for f in findings]


def parse_actions(
    doc: Document, framework: Framework, day: dt.date, day_from: AsOfFrom = "meeting date"
) -> LoadedPlan:
    """Validate a parsed ``actions.yaml``: the plan and its warnings (judged on
    ``day``), or InputError with every problem in it. An empty file plans nothing yet."""
    data: Any = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        message = (
            f"is {kind}, not a mapping; start the file with 'actions:' and list "
            "one action after another below it, each starting with '- id:'"
        )
        raise InputError([doc.problem((), message)])
    fields, nouns = _fields(data)
    wrong = _not_actions(data) + _id_findings(data, framework)
    try:
        plan = ActionsFile.model_validate(data)
    except ValidationError as exc:
        said = {f.loc for f in wrong}
        found = [f for f in translate(exc, fields, framework.scale, nouns) if f.loc not in said]
        raise InputError(_problems(doc, found + wrong)) from None
    if wrong:
        raise InputError(_problems(doc, wrong))
    warnings = [Finding(loc, message) for loc, message in plan_warnings(plan, day, day_from)]
    return LoadedPlan(plan, _problems(doc, warnings, warning=True), doc)


def load_actions_file(
    file: Path, framework: Framework, config: WorkspaceConfig | None, *, display: str | None = None
) -> LoadedPlan:
    """Load one actions file, judged on its workspace's meeting date (or today)."""
    doc = yaml_source.load(file, display or display_path(file))
    return parse_actions(doc, framework, *as_of(config))


def load_actions(root: Path, framework: Framework, config: WorkspaceConfig) -> LoadedPlan | None:
    """A workspace's ``actions.yaml``, checked; None when it has none."""
    file = root / ACTIONS
    if not file.is_file():
        return None
    return load_actions_file(file, framework, config)
