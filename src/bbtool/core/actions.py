"""The action plan: ``actions.yaml`` as a model, and the plan beside a round's figures.

Pure: the file's model (structure only; the framework's ids are checked in
``workspace/actions.py``), the plan as reports show it (each action with its enablers'
figures, what is open and what is overdue), and the checks a facilitator would raise.

What is overdue is judged on one day, ``as_of``: the round's meeting date
(``date:`` in bbtool.yaml) when it is given, else the day the command runs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from bbtool.core.models import MAX_NAME, IsoDate, LongText, ScoreValue, ShortText
from bbtool.core.results import Report

STATUSES = ("proposed", "agreed", "in-progress", "done", "dropped")
Status = Literal["proposed", "agreed", "in-progress", "done", "dropped"]
CLOSED = ("done", "dropped")
COMMITTED = ("agreed", "in-progress")  # these need an owner and a due date
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _status(value: object) -> object:
    if value in STATUSES:
        return value
    shown = repr(value)[:40] if isinstance(value, str) else "not text"
    raise PydanticCustomError(
        "text_status",
        "is {shown}, not a status; use one of: " + ", ".join(STATUSES),
        {"shown": shown},
    )


def _ids(value: object) -> object:
    """One id written alone is a list of one: ``enablers: leadership``."""
    if isinstance(value, str):
        return [value]
    return value


IdList = Annotated[list[str], BeforeValidator(_ids)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, hide_input_in_errors=True, str_strip_whitespace=True
    )


class Action(_Strict):
    """One action of the plan, as written in ``actions.yaml``."""

    id: str = Field(min_length=1, max_length=MAX_NAME)
    title: str = Field(min_length=1, max_length=MAX_NAME * 2)
    enablers: IdList = Field(min_length=1)
    indicators: IdList = Field(default_factory=list)
    challenges: IdList = Field(default_factory=list)
    owner: ShortText = None
    due: IsoDate = None
    status: Annotated[Status, BeforeValidator(_status)] = "proposed"
    completed: IsoDate = None  # the day it was done, when known
    success: LongText = None
    notes: LongText = None

    @field_validator("id", mode="before")
    @classmethod
    def _plain_id(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and not _ID.fullmatch(value.strip()):
            raise PydanticCustomError(
                "text_id",
                "must be a short name of letters, digits, '-', '_' or '.', "
                "e.g. share-birth-data (no spaces)",
            )
        return value

    @property
    def open(self) -> bool:
        return self.status not in CLOSED


class ActionsFile(_Strict):
    """``actions.yaml``: the partnership's action plan."""

    actions: list[Action] = Field(default_factory=list)

    @field_validator("actions", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


# ------------------------------------------------------------------ the checks


Where = tuple[str | int, ...]  # a place in the file: ("actions", 2, "owner")


def plan_warnings(plan: ActionsFile, as_of: dt.date) -> list[tuple[Where, str]]:
    """What a facilitator would raise about the plan, each at its action: an agreed or
    in-progress action without an owner or due date, one past its due date and not
    done or dropped, one done or dropped without a note."""
    found: list[tuple[Where, str]] = []
    for k, action in enumerate(plan.actions):
        at: Where = ("actions", k)
        name = f"action {action.id!r}"
        if action.status in COMMITTED:
            missing = [w for w, v in (("owner", action.owner), ("due date", action.due)) if not v]
            if missing:
                found.append(
                    (at, f"{name} is {action.status} but has no {' and no '.join(missing)}")
                )
        if action.open and action.due is not None and action.due < as_of:
            found.append(
                (
                    (*at, "due"),
                    f"{name} was due {action.due.isoformat()} and is {action.status}, "
                    f"not done or dropped (as of {as_of.isoformat()})",
                )
            )
        if not action.open and not action.notes:
            found.append(
                (at, f"{name} is {action.status} without a note; say what happened in notes:")
            )
    return found


def unplanned(report: Report, plan: ActionsFile) -> list[str]:
    """Ids of the enablers flagged low or polarised that no action names."""
    named = {e for action in plan.actions for e in action.enablers}
    return [e.id for e in report.enablers if e.flagged and e.id not in named]


# ------------------------------------------------------------------ the plan


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class ActionEnabler(_Result):
    """An enabler an action names, with its figures this round."""

    id: str
    short_title: str
    mean: float | None
    n: int
    flags: list[str]
    agreed: ScoreValue | None
    target: ScoreValue | None


class ActionResult(_Result):
    id: str
    title: str
    status: Status
    owner: str | None
    due: dt.date | None
    completed: dt.date | None
    overdue: bool  # open and past its due date, as of the plan's day
    enablers: list[ActionEnabler]
    indicators: list[str]
    challenges: list[str]
    success: str | None
    notes: str | None

    @property
    def open(self) -> bool:
        return self.status not in CLOSED


AsOfFrom = Literal["meeting date", "today"]


class Plan(_Result):
    """The action plan beside this round's figures."""

    as_of: dt.date  # the day overdue is judged on
    as_of_from: AsOfFrom  # the meeting date (bbtool.yaml's date:) or the day of the run
    actions: list[ActionResult]
    unplanned: list[str]  # flagged enablers no action names

    @property
    def open(self) -> list[ActionResult]:
        return [a for a in self.actions if a.open]

    @property
    def as_of_text(self) -> str:
        """ "as of 2026-05-01 (the meeting date)" """
        return f"as of {self.as_of.isoformat()} (the {self.as_of_from})"


def _flags(low: bool | None, polarised: bool | None) -> list[str]:
    return [word for word, on in (("low", low), ("polarised", polarised)) if on]


def build_plan(
    report: Report, plan: ActionsFile, as_of: dt.date, as_of_from: AsOfFrom, *, text: bool = True
) -> Plan:
    """Each action with its enablers' figures in ``report``; without ``text``, the free
    text (success, notes) left out, as ``--anonymise --no-text`` asks."""
    by_id = {e.id: e for e in report.enablers}
    actions = []
    for a in plan.actions:
        enablers = [
            ActionEnabler(
                id=e.id,
                short_title=e.short_title,
                mean=e.mean,
                n=e.n,
                flags=_flags(e.low, e.polarised),
                agreed=e.agreed,
                target=e.target,
            )
            for ident in a.enablers
            if (e := by_id.get(ident)) is not None
        ]
        actions.append(
            ActionResult(
                id=a.id,
                title=a.title,
                status=a.status,
                owner=a.owner,
                due=a.due,
                completed=a.completed,
                overdue=a.open and a.due is not None and a.due < as_of,
                enablers=enablers,
                indicators=a.indicators,
                challenges=a.challenges,
                success=a.success if text else None,
                notes=a.notes if text else None,
            )
        )
    return Plan(
        as_of=as_of, as_of_from=as_of_from, actions=actions, unplanned=unplanned(report, plan)
    )
