"""Input models: the framework, a participant's score file, the workspace settings.

Pure data with structural validation only. Checks that need the framework (is this
an enabler id? is 7 on the scale?) live in ``validation.py`` so these models stay
framework-agnostic: a different maturity matrix of the same shape needs no code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SKIP = "skip"

# A score as written in a file: a whole number, the word "skip", or nothing yet.
ScoreValue = int | Literal["skip"]


def _score(value: object) -> object:
    """Accept a whole number or the word skip; refuse every coercion YAML invites."""
    if value is None or value == SKIP:
        return value
    if isinstance(value, bool):
        raise PydanticCustomError(
            "score_bool",
            "is a yes/no value; write a whole number on the scale, or skip",
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        raise PydanticCustomError(
            "score_float",
            "is not a whole number; write a whole number on the scale, or skip",
        )
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        raise PydanticCustomError(
            "score_quoted", "is text in quotes; write the number without quotes"
        )
    if isinstance(value, str):
        raise PydanticCustomError(
            "score_str", "must be a whole number on the scale, or the word skip"
        )
    raise PydanticCustomError(
        "score_type", "must be a whole number on the scale, or skip, not a list or mapping"
    )


def _text(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    raise PydanticCustomError(
        "text_type", "must be text; put it in quotes if it starts with a number or symbol"
    )


MAX_NAME = 200
MAX_TEXT = 20_000
# C0 and C1 controls and DEL, but not tab and line feed: no text in a file may hold
# them (workspace/yaml_source.py refuses them in files; typed answers, here)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_fault(text: str, limit: int) -> str | None:
    """What keeps ``text`` (typed, or given on the command line) out of a score file or
    bbtool.yaml, in the words a person needs; None if it may go in. The same limits
    as a file's: at most ``limit`` characters, no control character, UTF-8 only (a
    byte typed in another encoding arrives as a lone surrogate)."""
    if len(text) > limit:
        return f"is {len(text):,} characters; the limit is {limit:,}"
    if _SURROGATE.search(text):
        return "holds a character that is not UTF-8 text (typed in another encoding?)"
    control = CONTROL.search(text)
    if control is not None:
        return f"holds the control character U+{ord(control.group()):04X}; write plain text"
    return None


Score = Annotated[ScoreValue | None, BeforeValidator(_score)]
# The length limit sits on the text itself: on the optional it would be applied
# to None as well, and pydantic fails with a TypeError instead of a message.
ShortText = Annotated[
    Annotated[str, StringConstraints(max_length=MAX_NAME)] | None, BeforeValidator(_text)
]
LongText = Annotated[
    Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None, BeforeValidator(_text)
]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: object) -> object:
    """A date written YYYY-MM-DD (YAML leaves an unquoted date as the text typed)."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError(
        "text_date", "must be a date written YYYY-MM-DD, e.g. 2026-12-31 (a real day)"
    )


IsoDate = Annotated[dt.date | None, BeforeValidator(iso_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, hide_input_in_errors=True, str_strip_whitespace=True
    )


# --------------------------------------------------------------------- framework

# The sizes every output is laid out for (README, "Another framework"): charts,
# workbooks, forms and the meeting view stay readable up to these, and a framework
# beyond them is refused. One place, so docs, checks and tests agree.
MAX_SCALE_POINTS = 11
MAX_ENABLERS = 40
MAX_INDICATORS = 12  # per enabler
MAX_TITLE = 200  # a theme's, enabler's, challenge's or case study's title; a short title
MAX_INDICATOR_TEXT = 500


def _point_value(value: object) -> object:
    """A scale point's value: a whole number as written, never text or a fraction."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        raise PydanticCustomError(
            "point_quoted", "is text in quotes; write the number without quotes"
        )
    raise PydanticCustomError("point_value", "must be a whole number, such as 1")


# An id in a framework file: text, not empty (a number such as 1 must be quoted)
Id = Annotated[str, StringConstraints(min_length=1)]


# participant.level's values unless bbtool.yaml sets others (levels:)
DEFAULT_LEVELS = ("strategic", "operational")
MAX_LEVELS = 20


class ScalePoint(_Strict):
    value: Annotated[int, BeforeValidator(_point_value)]
    label: str
    descriptor: str


class Scale(_Strict):
    points: list[ScalePoint] = Field(min_length=2, max_length=MAX_SCALE_POINTS)

    @property
    def min(self) -> int:
        return self.points[0].value

    @property
    def max(self) -> int:
        return self.points[-1].value

    @property
    def values(self) -> list[int]:
        return [p.value for p in self.points]

    def point(self, value: int) -> ScalePoint | None:
        for p in self.points:
            if p.value == value:
                return p
        return None

    @property
    def consecutive(self) -> bool:
        """Whether the points run up one by one, lowest first (checked when a framework
        is made; see ``framework_faults``)."""
        values = self.values
        return values == list(range(values[0], values[0] + len(values)))

    @property
    def middle(self) -> int | None:
        """The point in the middle of the scale (3 of 1-5); None when the scale has an
        even number of points (1-4 has no middle)."""
        total = self.min + self.max
        return total // 2 if total % 2 == 0 else None


# The default thresholds follow the scale (see README "What the figures mean"): a mean
# below LOW_SHARE of the way up the scale is low, and each camp is the nearest whole
# number of points to a third of the scale's points, at its bottom and at its top.
# On 1-5 these are today's values: low < 2.5, camps 1-2 and 4-5.
LOW_SHARE = 0.375
MIN_N = 3  # fewer counted scores than this: an item is neither low nor polarised


class Thresholds(_Strict):
    """When an enabler is flagged. These defaults are a 1-5 scale's; other scales get
    theirs from :meth:`for_scale`. See /docs statistics notes."""

    # strict: "yes" or "3" in bbtool.yaml is an error, not a silently coerced 1 or 3
    # finite: a NaN would flag nothing, ever, and JSON cannot hold it
    low: float = Field(
        2.5, strict=True, allow_inf_nan=False, description="a mean below this is flagged low"
    )
    low_camp: int = Field(2, strict=True, description="scores at or below this form the low camp")
    high_camp: int = Field(4, strict=True, description="scores at or above this form the high camp")
    camp_divisor: int = Field(
        3, ge=1, strict=True, description="each camp needs at least ceil(n / camp_divisor) scores"
    )
    camp_min: int = Field(2, ge=1, strict=True, description="and at least this many scores")
    polarised_min_n: int = Field(
        MIN_N, ge=2, strict=True, description="fewer counted scores: polarised is null"
    )
    low_min_n: int = Field(
        MIN_N, ge=1, strict=True, description="fewer counted scores: low is null"
    )

    @model_validator(mode="after")
    def _camps_apart(self) -> Thresholds:
        if self.low_camp >= self.high_camp:
            raise ValueError("low_camp must be below high_camp")
        return self

    @staticmethod
    def defaults_for(first: int, last: int) -> dict[str, int | float]:
        """The thresholds that follow from a scale running ``first`` to ``last``."""
        points = last - first + 1
        camp = max(1, round(points / 3))
        return {
            "low": first + LOW_SHARE * (last - first),
            "low_camp": first + camp - 1,
            "high_camp": last - camp + 1,
        }

    @classmethod
    def for_scale(cls, first: int, last: int) -> Thresholds:
        """The default thresholds of a scale running ``first`` to ``last``."""
        return cls.model_validate(cls.defaults_for(first, last))

    def off_scale(self, first: int, last: int) -> list[tuple[str, str]]:
        """Each threshold that does not lie on the scale ``first`` to ``last``, with
        what is allowed, in words: [(field, message)]; empty when all is well."""
        found: list[tuple[str, str]] = []
        if not first <= self.low <= last:
            found.append(
                ("low", f"{self.low:g} is off the scale; give a number from {first} to {last}")
            )
        for name in ("low_camp", "high_camp"):
            value = getattr(self, name)
            if not first <= value <= last:
                found.append(
                    (name, f"{value} is off the scale; give a whole number from {first} to {last}")
                )
        return found


class Indicator(_Strict):
    id: Id
    text: str = Field(max_length=MAX_INDICATOR_TEXT)


class Enabler(_Strict):
    id: Id
    title: str = Field(max_length=MAX_TITLE)
    short_title: str = Field(max_length=MAX_TITLE)
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_INDICATORS)


class Theme(_Strict):
    id: Id
    title: str = Field(max_length=MAX_TITLE)
    enablers: list[Enabler] = Field(min_length=1, max_length=MAX_ENABLERS)


class Challenge(_Strict):
    id: Id
    title: str = Field(max_length=MAX_TITLE)
    summary: str
    factors: list[str] = Field(default_factory=list)


class CaseStudy(_Strict):
    id: Id
    title: str = Field(max_length=MAX_TITLE)
    place: str
    issues: list[str] = Field(default_factory=list)
    enablers: list[str] = Field(default_factory=list)
    summary: str


class Framework(_Strict):
    """A maturity framework: themes of enablers with indicators, scored on a scale."""

    name: str
    short_name: str = ""
    credit: str
    scale: Scale
    skip_label: str = "No knowledge of this area"
    # Words a participant or a meeting reads, from the framework; none is needed.
    # What a case study is called before its id ("Box" shows "Box D: ..."); empty,
    # its title alone.
    case_study_label: str = ""
    # Where to read the case studies in full, said where they are listed.
    case_studies_source: str = ""
    # The opening of a participant's form: what the self-evaluation is about.
    form_intro: str = ""
    # The levels a participant may give (participant.level), matched regardless of
    # capitals and spaces. Not a framework file's: a workspace's bbtool.yaml sets them
    # (levels:), and workspace/loader.py puts them here for the round.
    levels: tuple[str, ...] = DEFAULT_LEVELS
    thresholds: Thresholds = Field(default_factory=Thresholds)
    themes: list[Theme] = Field(min_length=1)
    challenges: list[Challenge] = Field(default_factory=list)
    case_studies: list[CaseStudy] = Field(default_factory=list)

    @property
    def enablers(self) -> list[Enabler]:
        return [e for t in self.themes for e in t.enablers]

    @property
    def indicators(self) -> list[tuple[Enabler, Indicator]]:
        return [(e, i) for e in self.enablers for i in e.indicators]

    def theme_of(self, enabler_id: str) -> Theme:
        for t in self.themes:
            if any(e.id == enabler_id for e in t.enablers):
                return t
        raise KeyError(enabler_id)

    @model_validator(mode="before")
    @classmethod
    def _thresholds_follow_the_scale(cls, data: Any) -> Any:
        """Thresholds not set in the framework file follow its scale
        (:meth:`Thresholds.for_scale`); those set are kept as written."""
        if not isinstance(data, dict):
            return data
        try:
            scale = Scale.model_validate(data.get("scale"))
        except ValueError:
            return data  # the scale's own errors are reported
        given = data.get("thresholds") or {}
        if not scale.consecutive or not isinstance(given, dict):
            return data
        return {**data, "thresholds": {**Thresholds.defaults_for(scale.min, scale.max), **given}}

    @model_validator(mode="after")
    def _within_limits(self) -> Framework:
        if len(self.enablers) > MAX_ENABLERS:
            raise ValueError(
                f"has {len(self.enablers)} enablers; at most {MAX_ENABLERS} are allowed"
            )
        return self

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Framework:
        """Refuse ids used twice, unknown references, a scale out of order and
        thresholds off it. A caller that reports each of these at its place (the
        workspace loader) passes ``context={"faults": "mine"}`` and asks
        :func:`bbtool.core.frameworks.framework_faults` itself."""
        if (info.context or {}).get("faults") == "mine":
            return self
        from bbtool.core.frameworks import framework_faults  # it imports this module

        faults = framework_faults(self)
        if faults:
            raise ValueError(faults[0].message)
        return self


# -------------------------------------------------------------------- people


def person_key(name: str) -> str:
    """What makes two names the same person's (or two areas the same area): the name
    after Unicode NFKC normalisation and case folding, without zero-width and other
    format characters (category Cf), with runs of spaces as one. "José" typed composed
    or decomposed, "ann" in full-width letters and "An\u200bn" are all "ann"'s.
    Every place that matches people (check, report, compare, --anonymise, init, form,
    import) uses this one function."""
    visible = "".join(c for c in name if unicodedata.category(c) != "Cf")
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return " ".join(folded.split())


def either(levels: Sequence[str]) -> str:
    """ "strategic or operational"; "strategic, operational or frontline"."""
    return levels[0] if len(levels) == 1 else f"{', '.join(levels[:-1])} or {levels[-1]}"


def same_level(value: str, levels: Sequence[str]) -> str | None:
    """The level of ``levels`` that ``value`` names (capitals and spaces aside), as the
    levels write it; None when it names none."""
    key = person_key(value)
    return next((level for level in levels if person_key(level) == key), None)


# -------------------------------------------------------------------- score file


class Participant(_Strict):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    organisation: ShortText = None
    sector: ShortText = None
    level: ShortText = None

    @field_validator("name", mode="before")
    @classmethod
    def _name_is_text(cls, name: Any) -> Any:
        # Raised on the field, so the message names participant.name and its line.
        if name is None or (isinstance(name, str) and not name.strip()):
            raise PydanticCustomError("name_missing", "is empty; write the participant's name")
        if not isinstance(name, str):
            raise PydanticCustomError("name_type", "must be text; put it in quotes")
        return name


class ScoreFile(_Strict):
    """One participant's answers, exactly as written in their YAML file."""

    participant: Participant
    scores: dict[str, Score] = Field(default_factory=dict)
    indicators: dict[str, Score] = Field(default_factory=dict)
    evidence: dict[str, LongText] = Field(default_factory=dict)
    challenges: list[str] = Field(default_factory=list)
    reflections: dict[str, LongText] = Field(default_factory=dict)

    @property
    def answered(self) -> bool:
        """Whether anything is answered: a score or skip, a text or a challenge. A file
        without (a form sent back blank, a template not filled in yet) is "not returned
        yet": its participant is not counted among those who took part."""
        return (
            any(v is not None for v in (*self.scores.values(), *self.indicators.values()))
            or any(t for t in (*self.evidence.values(), *self.reflections.values()))
            or bool(self.challenges)
        )

    @model_validator(mode="before")
    @classmethod
    def _empty_sections(cls, data: Any) -> Any:
        # A section left empty in YAML ("scores:" with nothing under it) is null.
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (v is None and k != "participant")}
        return data


class AgreedFile(_Strict):
    """``agreed.yaml``: the scores the partnership agreed in its meeting, and targets.

    Scores are written as in a score file: a whole number on the scale, ``skip``, or
    nothing yet. A target of ``skip`` means no target for this enabler.
    """

    agreed: dict[str, Score] = Field(default_factory=dict)
    targets: dict[str, Score] = Field(default_factory=dict)
    notes: dict[str, LongText] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _empty_sections(cls, data: Any) -> Any:
        # "agreed:" with nothing under it is null: nothing agreed yet
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


class ParticipantRecord(_Strict):
    """A validated score file with where it came from (the file, relative)."""

    file: str
    answers: ScoreFile

    @property
    def name(self) -> str:
        return self.answers.participant.name


# ------------------------------------------------------------------ names.yaml

PersonName = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]


class NamesFile(_Strict):
    """``names.yaml`` in a round's workspace: people the facilitator confirmed are the
    same as someone named otherwise in the last round (last round's name: this
    round's name), for ``compare``."""

    same_person: dict[str, PersonName] = Field(default_factory=dict)


# --------------------------------------------------------------------- workspace


class WorkspaceConfig(_Strict):
    """``bbtool.yaml``: what this round of the self-evaluation is."""

    area: str = Field(min_length=1, max_length=MAX_NAME)
    round: str = Field(min_length=1, max_length=MAX_NAME)
    framework: str | None = None
    thresholds: dict[str, Any] | None = None
    # the round's meeting: what is overdue in the action plan is judged on this day
    date: IsoDate = None
    # the levels participants may give (participant.level); checked at their lines by
    # workspace/loader.py; None: DEFAULT_LEVELS
    levels: list[str] | None = None

    @model_validator(mode="before")
    @classmethod
    def _round_may_be_a_year(cls, data: Any) -> Any:
        # "round: 2024" is a year, not a type error: say it as text.
        value = data.get("round") if isinstance(data, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            return {**data, "round": str(value)}
        return data
