"""What the scoring core returns: plain values, ready for any writer.

Numbers are kept at full precision; writers round only for display.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from bbtool.core.models import ScoreValue, Thresholds

# a group of fewer participants than this is marked wherever groups are shown: its
# figures may be one person's view, and may identify them
SMALL_GROUP = 3


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


class Said(_Result):
    """What one participant wrote: evidence for an enabler, or a theme's reflection."""

    participant: str
    text: str


class EnablerResult(ItemResult):
    theme: str
    short_title: str
    # from agreed.yaml: the score the partnership agreed in its meeting ("skip"), the
    # target for the next round, and what was noted; None when not given
    agreed: ScoreValue | None = None
    target: ScoreValue | None = None
    agreed_note: str | None = None
    # agreed minus mean; None unless both are numbers
    gap: float | None = None
    # target minus agreed; None unless both are numbers
    to_target: int | None = None
    # the evidence participants gave for it, in file order (none with --no-text)
    evidence: list[Said] = []


class IndicatorResult(ItemResult):
    enabler: str


class ThemeResult(_Result):
    id: str
    title: str
    mean: float | None
    enablers: list[str]
    flagged: list[str]
    # the reflections participants wrote on it, in file order (none with --no-text)
    reflections: list[Said] = []


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
    participants: list[ParticipantSummary]  # who answered at least one thing
    themes: list[ThemeResult]
    enablers: list[EnablerResult]
    indicators: list[IndicatorResult]
    challenges: list[ChallengeResult]  # every challenge in the framework; none: no section
    case_studies: list[CaseStudySuggestion]
    # how the framework names its case studies (models.Framework); whether it has any
    case_study_label: str = ""
    case_studies_source: str = ""
    has_case_studies: bool = False
    # score files that hold no answer yet (models.ScoreFile.answered): not counted
    not_returned: list[ParticipantSummary] = []

    @property
    def indicators_scored(self) -> bool:
        return any(i.n or i.skipped for i in self.indicators)

    @property
    def agreed_given(self) -> bool:
        """Whether any enabler has an agreed score or a target (from agreed.yaml)."""
        return any(e.agreed is not None or e.target is not None for e in self.enablers)

    @property
    def flagged(self) -> list[EnablerResult]:
        return [e for e in self.enablers if e.flagged]

    def case_study_name(self, study: CaseStudySuggestion) -> str:
        """A case study as a meeting reads it: "Box D: title" where the framework calls
        its case studies boxes, else the title alone."""
        label = self.case_study_label
        return f"{label} {study.id}: {study.title}" if label else study.title

    def case_studies_note(self) -> str | None:
        """What to say in place of the case studies for flagged enablers when there are
        none to list; None when there are (or the framework has none: no section)."""
        if self.case_studies or not self.has_case_studies:
            return None
        if not self.flagged:
            return "No enabler is flagged low or polarised."
        return "No case study in the framework speaks to the flagged enablers."

    def enabler(self, enabler_id: str) -> EnablerResult:
        for e in self.enablers:
            if e.id == enabler_id:
                return e
        raise KeyError(enabler_id)


@dataclass(frozen=True)
class Grouping:
    """Everyone's results split into groups of participants: ``by`` names what they
    share (sector, level, organisation or area), ``groups`` maps each group's name to
    its own report. The one shape every writer takes groups in."""

    by: str
    groups: dict[str, Report]
