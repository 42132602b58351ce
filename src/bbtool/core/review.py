"""The last round's action plan reviewed at this round: what became of each action.

Pure: the two rounds' plans (matched by action id), the comparison of their figures,
the targets set last round, in; a :class:`PlanReview` out. How an action's enablers
moved is told beside it as a description: the figures cannot say the action caused it.

- *status now*: the action's status in the new round's ``actions.yaml``; None when the
  new plan does not list it.
- *timing*: judged on the due date the old round agreed (a due date moved since does
  not hide that it was missed; the new one is shown beside it), or the new plan's when
  the old one had none. ``on time`` or ``late`` for a done action, by its
  ``completed:`` date (or, without one, ``on time`` when the new round met on or before
  its due date, else ``done, day not known``); ``overdue`` or ``not yet due`` for an
  open one, judged on the new round's day; ``no due date`` (done or open);
  ``dropped``; ``done last round`` or ``dropped last round`` for one closed already in
  the old round and not listed now (``init --from`` leaves those behind); ``not in the
  new plan`` for one that was open and is no longer listed.
- *target reached*: as the comparison judged it (core/comparison.py): the target the
  old round's agreed.yaml set, against the new round's agreed score where it has one,
  else its mean; None without a target or a figure to judge it by.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bbtool.core.actions import Action, ActionsFile, AsOfFrom, Status
from bbtool.core.comparison import Comparison

Timing = Literal[
    "on time",
    "late",
    "done, day not known",
    "overdue",
    "not yet due",
    "no due date",
    "dropped",
    "done last round",
    "dropped last round",
    "not in the new plan",
]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class EnablerMove(_Result):
    """How one of an action's enablers moved between the rounds."""

    id: str
    short_title: str
    old_mean: float | None
    new_mean: float | None
    change: float | None
    same_people_change: float | None  # among those who scored it in both rounds
    same_people_n: int
    target: int | None
    judged_on: Literal["agreed score", "mean"] | None
    reached: bool | None


class ActionReview(_Result):
    id: str
    title: str
    owner: str | None
    due: dt.date | None  # as the old round agreed it (else the new plan's)
    due_now: dt.date | None  # the new plan's due date, when it moved the old one
    old_status: Status
    status: Status | None  # now; None when the new plan does not list it
    completed: dt.date | None
    timing: Timing
    enablers: list[EnablerMove]
    success: str | None  # what success looks like: the new plan's words, else the old's
    notes: str | None  # the new round's notes on it, else the old round's


class PlanReview(_Result):
    """Every action of the old round's plan, and how the plan changed."""

    as_of: dt.date  # the new round's day: its meeting date, or today
    as_of_from: AsOfFrom
    actions: list[ActionReview]
    carried_over: list[str]  # open in both plans
    new: list[str]  # only in the new plan
    dropped: list[str]  # dropped in the new plan
    done: list[str]  # done in the new plan
    closed_before: list[str]  # done or dropped in the old plan, not listed in the new
    missing: list[str]  # open in the old plan, not in the new one


def action_timing(action: Action, now: Action | None, day: dt.date) -> Timing:
    """How ``action`` (as the old plan had it) stands against its due date, given how
    the new plan lists it (``now``; None: not listed) and the new round's ``day``."""
    if now is None:
        if action.status == "done":
            return "done last round"
        if action.status == "dropped":
            return "dropped last round"
        return "not in the new plan"
    if now.status == "dropped":
        return "dropped"
    due = action.due or now.due  # the due date the old round agreed
    if now.status == "done":
        if due is None:
            return "no due date"  # done, with nothing to be on time for
        if now.completed is not None:
            return "on time" if now.completed <= due else "late"
        return "on time" if day <= due else "done, day not known"
    if due is None:
        return "no due date"
    return "overdue" if due < day else "not yet due"


def _moved(action: Action, now: Action | None) -> dt.date | None:
    """The new plan's due date, when it differs from the one the old round agreed."""
    if now is None or now.due is None or action.due is None or now.due == action.due:
        return None
    return now.due


def _move(enabler: str, comparison: Comparison) -> EnablerMove | None:
    try:
        e = comparison.enabler(enabler)
    except KeyError:
        return None
    # the comparison judged the old round's target already (one rule for every output)
    judged: Literal["agreed score", "mean"] | None = None
    if e.target_by is not None:
        judged = "agreed score" if e.target_by == "agreed" else "mean"
    target, reached = e.target, e.target_reached
    return EnablerMove(
        id=e.id,
        short_title=e.short_title,
        old_mean=e.old_mean,
        new_mean=e.new_mean,
        change=e.change,
        same_people_change=e.same_people_change,
        same_people_n=e.same_people_n,
        target=target,
        judged_on=judged,
        reached=reached,
    )


def review_plan(
    old: ActionsFile,
    new: ActionsFile | None,
    comparison: Comparison,
    *,
    as_of: dt.date,
    as_of_from: AsOfFrom,
    text: bool = True,
) -> PlanReview:
    """Each action of ``old`` as it stands in ``new`` (None: the new round has no plan),
    with its enablers' movement and targets reached as ``comparison`` judged them (the
    old round's targets). Without ``text``, notes are left out."""
    now_by_id = {a.id: a for a in (new.actions if new is not None else [])}
    old_ids = {a.id for a in old.actions}
    reviewed = []
    for action in old.actions:
        now = now_by_id.get(action.id)
        moves = [_move(e, comparison) for e in action.enablers]
        notes = (now.notes if now is not None and now.notes else action.notes) if text else None
        success = (
            (now.success if now is not None and now.success else action.success) if text else None
        )
        reviewed.append(
            ActionReview(
                id=action.id,
                title=now.title if now is not None else action.title,
                owner=now.owner if now is not None else action.owner,
                due=action.due or (now.due if now is not None else None),
                due_now=_moved(action, now),
                old_status=action.status,
                status=now.status if now is not None else None,
                completed=now.completed if now is not None else None,
                timing=action_timing(action, now, as_of),
                enablers=[m for m in moves if m is not None],
                success=success,
                notes=notes,
            )
        )
    listed = list(now_by_id.values())
    return PlanReview(
        as_of=as_of,
        as_of_from=as_of_from,
        actions=reviewed,
        carried_over=[a.id for a in listed if a.id in old_ids and a.open],
        new=[a.id for a in listed if a.id not in old_ids],
        dropped=[a.id for a in listed if a.id in old_ids and a.status == "dropped"],
        done=[a.id for a in listed if a.id in old_ids and a.status == "done"],
        closed_before=[a.id for a in old.actions if a.id not in now_by_id and not a.open],
        missing=[a.id for a in old.actions if a.id not in now_by_id and a.open],
    )
