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
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from bbtool.core.models import MAX_NAME, IsoDate, LongText, ScoreValue, ShortText, person_key
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
    near = ""
    if isinstance(value, str):
        # Done, In progress, in_progress: what was meant is plain, but it is not guessed
        plain = "-".join(value.replace("_", " ").split()).casefold()
        if plain in STATUSES:
            near = f"did you mean {plain!r}? "
    raise PydanticCustomError(
        "text_status",
        "is {shown}, not a status; " + near + "use one of: " + ", ".join(STATUSES),
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


def plan_warnings(
    plan: ActionsFile, as_of: dt.date, as_of_from: AsOfFrom = "meeting date"
) -> list[tuple[Where, str]]:
    """What a facilitator would raise about the plan, each at its action: an agreed or
    in-progress action without an owner or due date, one past its due date and not
    done or dropped, one done or dropped without a note, a ``completed:`` day on an
    action not done or after the day the plan is judged on."""
    day = f"{as_of.isoformat()} " + (
        "(the meeting date)"
        if as_of_from == "meeting date"
        else "(today; bbtool.yaml has no date:)"
    )
    found: list[tuple[Where, str]] = []
    for k, action in enumerate(plan.actions):
        at: Where = ("actions", k)
        name = f"action {action.id!r}"
        found += _completed_warnings(action, at, as_of, day)
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
                    f"not done or dropped, as of {day}",
                )
            )
        if not action.open and not action.notes:
            found.append(
                (at, f"{name} is {action.status} without a note; say what happened in notes:")
            )
    return found


def _completed_warnings(
    action: Action, at: Where, as_of: dt.date, day: str
) -> list[tuple[Where, str]]:
    """A ``completed:`` day that cannot be right: on an action not done, or later than
    the day the plan is judged on."""
    if action.completed is None:
        return []
    name, when = f"action {action.id!r}", action.completed.isoformat()
    if action.status != "done":
        return [
            (
                (*at, "completed"),
                f"{name} has completed: {when} but is {action.status}; write status: done, "
                "or take out completed:",
            )
        ]
    if action.completed > as_of:
        return [
            (
                (*at, "completed"),
                f"{name} was completed {when}, after the day the plan is judged on, {day}; "
                "check the day",
            )
        ]
    return []


def unplanned(report: Report, plan: ActionsFile) -> list[str]:
    """Ids of the enablers flagged low or polarised that no open action names (an
    action done or dropped while the enabler is still flagged needs a successor)."""
    named = {e for action in plan.actions if action.open for e in action.enablers}
    return [e.id for e in report.enablers if e.flagged and e.id not in named]


# ------------------------------------------------------------------ owners, anonymised
# An owner should be a role or an organisation. With --anonymise, an owner that names a
# participant of the round is left out (the report names no participant); with --no-text
# too, so is any owner that looks like a person's name (README, "the action plan").

LEFT_OUT = "(name left out)"
# words that make a part of an owner a role or an organisation ("Parents Forum")
_ROLE_TEXT = """
    head heads lead leads leader director deputy assistant manager managers officer officers
    coordinator co-ordinator chair chairs member members cabinet mayor councillors team teams
    service services council board boards forum partnership partners partner group groups
    hub hubs nhs icb icbs trust school schools nursery nurseries centre centres center
    network practice practices visiting visitor visitors health care help early years
    children child family families parent parents voluntary sector authority commissioning
    commissioner commissioners public panel office department directorate unit committee
    provider providers alliance association charity foundation community communities
    midwifery maternity midwives staff workforce data safeguarding education social
    governance leadership operations strategy strategic project programme secretariat
    administration admin agency agencies organisation organisations borough city county
    district local integrated system systems support wellbeing development improvement
    quality policy planning finance hr comms communications information business champion
    champions worker workers practitioner practitioners nurse nurses gp gps surgery clinic
    library libraries police housing everyone all
"""
_ROLE_WORDS = frozenset(_ROLE_TEXT.split())
_TITLE_TEXT = "dr mr mrs ms mx miss prof cllr sir dame rev"
_TITLES = frozenset(_TITLE_TEXT.split())
_PARTS = re.compile(r"[,;/&()+:]|\s[-–—]\s|\band\b")


def _bare(word: str) -> str:
    return word.replace("\u2019", "'").strip(".'\"").casefold().removesuffix("'s")


def _name_word(word: str) -> bool:
    """Capitalised, with a small letter in it: Priya, O'Neill, McDonald; not NHS."""
    return word[:1].isupper() and any(c.islower() for c in word)


def looks_like_a_person(owner: str) -> bool:
    """An owner (or a part of one, between commas, brackets, 'and' or '/') that reads as
    a person's name: a title and a name (Dr Shah, Cllr Jones), or two to four
    capitalised words none of which is a role or organisation word (Priya Shah, Mary
    O'Neill; not Parents Forum, Head of Early Help, NHS Trust)."""
    for part in _PARTS.split(owner):
        words = part.split()
        bare = [_bare(w) for w in words]
        if len(words) >= 2 and bare[0] in _TITLES:
            return True
        if (
            2 <= len(words) <= 4
            and all(_name_word(w) for w in words)
            and not any(b in _ROLE_WORDS for b in bare)
        ):
            return True
    return False


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w]+", " ", person_key(text)).split()) + " "


def names_someone(owner: str, people: Iterable[str]) -> bool:
    """Whether the owner is, or holds in its words, one of ``people``'s names (matched
    as names are everywhere: case, accents typed either way, invisible characters)."""
    words = _words(owner)
    return any(name.strip() and _words(name) in words for name in people)


def anonymised_plan(plan: ActionsFile, people: Iterable[str], *, no_text: bool) -> ActionsFile:
    """The plan for ``--anonymise``: an owner that names one of ``people`` (the round's
    participants) is left out; with ``no_text``, so is one that looks like a person's
    name (:func:`looks_like_a_person`)."""
    names = list(people)

    def shown(owner: str | None) -> str | None:
        if owner is None:
            return None
        if names_someone(owner, names) or (no_text and looks_like_a_person(owner)):
            return LEFT_OUT
        return owner

    return plan.model_copy(
        update={"actions": [a.model_copy(update={"owner": shown(a.owner)}) for a in plan.actions]}
    )


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
