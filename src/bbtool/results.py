"""What the scoring core returns: plain values, ready for any writer.

Numbers are kept at full precision; writers round only for display.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bbtool.models import ScoreValue, Thresholds


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Stats(_Result):
    """Statistics over the counted scores of one item (skips and blanks left out)."""

    n: int
    mean: float | None
    median: float | None
    min: int | None
    max: int | None
    range: int | None
    sd: float | None
    consensus: float | None
    agreement: float | None
    polarised: bool | None
    low: bool | None
    distribution: dict[str, int]


class ItemResult(Stats):
    """Stats for one enabler or indicator, with its answer counts and raw scores."""

    id: str
    title: str
    skipped: int
    unanswered: int
    # participant name -> their score ("skip"), or None when unanswered
    scores: dict[str, ScoreValue | None]

    @property
    def flagged(self) -> bool:
        return bool(self.low) or bool(self.polarised)


class EnablerResult(ItemResult):
    theme: str
    short_title: str


class IndicatorResult(ItemResult):
    enabler: str


class ThemeResult(_Result):
    id: str
    title: str
    mean: float | None
    enablers: list[str]
    flagged: list[str]


class ChallengeResult(_Result):
    id: str
    title: str
    count: int
    participants: list[str]


class CaseStudySuggestion(_Result):
    id: str
    title: str
    place: str
    summary: str
    enablers: list[str]  # the flagged enablers this case study speaks to


class ParticipantSummary(_Result):
    name: str
    organisation: str | None
    sector: str | None
    level: str | None
    file: str


class Report(_Result):
    """Everything the group looks at, computed once from the score files."""

    area: str
    round: str
    framework: str
    scale_min: int
    scale_max: int
    thresholds: Thresholds
    participants: list[ParticipantSummary]
    themes: list[ThemeResult]
    enablers: list[EnablerResult]
    indicators: list[IndicatorResult]
    challenges: list[ChallengeResult]
    case_studies: list[CaseStudySuggestion]

    @property
    def indicators_scored(self) -> bool:
        return any(i.n or i.skipped for i in self.indicators)

    def enabler(self, enabler_id: str) -> EnablerResult:
        for e in self.enablers:
            if e.id == enabler_id:
                return e
        raise KeyError(enabler_id)
