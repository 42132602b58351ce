"""The scoring core: a framework and the participants' answers in, a Report out.

Pure functions: no files, no printing. One pass over the answers collects every
item's scores; the statistics are then computed per item.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bbtool.core.models import (
    SKIP,
    AgreedFile,
    Framework,
    ParticipantRecord,
    ScoreValue,
    Thresholds,
    person_key,
)
from bbtool.core.results import (
    CaseStudySuggestion,
    ChallengeResult,
    EnablerResult,
    IndicatorResult,
    ParticipantSummary,
    Report,
    Said,
    Stats,
    ThemeResult,
)
from bbtool.core.statistics import describe


def _collect(
    ids: Sequence[str], answers: Sequence[tuple[str, dict[str, ScoreValue | None]]]
) -> dict[str, tuple[list[int], int, int, dict[str, ScoreValue | None]]]:
    """Per item: counted scores, skipped, unanswered, and the score by participant."""
    out: dict[str, tuple[list[int], int, int, dict[str, ScoreValue | None]]] = {}
    for item in ids:
        counted: list[int] = []
        skipped = unanswered = 0
        by_name: dict[str, ScoreValue | None] = {}
        for name, scores in answers:
            value = scores.get(item)
            by_name[name] = value
            if value is None:
                unanswered += 1
            elif value == SKIP:
                skipped += 1
            else:
                counted.append(int(value))
        out[item] = (counted, skipped, unanswered, by_name)
    return out


def _stats(values: list[int], framework: Framework, thresholds: Thresholds) -> Stats:
    return describe(values, framework.scale.min, framework.scale.max, thresholds)


def _agreed(enabler: str, mean: float | None, agreed: AgreedFile | None) -> dict[str, Any]:
    """An enabler's agreed score, target and note, the gap to the mean and to the target."""
    if agreed is None:
        return {}
    now, target = agreed.agreed.get(enabler), agreed.targets.get(enabler)
    number = now if isinstance(now, int) else None
    return {
        "agreed": now,
        "target": target,
        "agreed_note": agreed.notes.get(enabler),
        "gap": None if number is None or mean is None else number - mean,
        "to_target": target - number if number is not None and isinstance(target, int) else None,
    }


def respondents(records: Sequence[ParticipantRecord]) -> list[ParticipantRecord]:
    """Those who answered at least one thing: a file with no answer yet is not counted."""
    return [r for r in records if r.answers.answered]


def _said(records: Sequence[ParticipantRecord], section: str, key: str) -> list[Said]:
    """What each participant wrote under ``key`` of a ``section`` of their file
    (evidence, reflections), in file order; blanks left out."""
    said = ((r.name, getattr(r.answers, section).get(key)) for r in records)
    return [Said(participant=name, text=text) for name, text in said if text]


def _summary(r: ParticipantRecord) -> ParticipantSummary:
    return ParticipantSummary(
        name=r.name,
        organisation=r.answers.participant.organisation,
        sector=r.answers.participant.sector,
        level=r.answers.participant.level,
        file=r.file,
    )


def score(
    framework: Framework,
    records: Sequence[ParticipantRecord],
    *,
    area: str,
    round: str,
    thresholds: Thresholds | None = None,
    agreed: AgreedFile | None = None,
) -> Report:
    """Compute every statistic the group looks at; with ``agreed``, set each enabler's
    agreed score and target beside them."""
    thresholds = thresholds or framework.thresholds
    waiting = [r for r in records if not r.answers.answered]
    records = respondents(records)
    enabler_data = _collect(
        [e.id for e in framework.enablers], [(r.name, r.answers.scores) for r in records]
    )
    indicator_data = _collect(
        [i.id for _, i in framework.indicators], [(r.name, r.answers.indicators) for r in records]
    )

    enablers = []
    for theme in framework.themes:
        for e in theme.enablers:
            counted, skipped, unanswered, by_name = enabler_data[e.id]
            stats = _stats(counted, framework, thresholds)
            enablers.append(
                EnablerResult(
                    **stats.model_dump(),
                    **_agreed(e.id, stats.mean, agreed),
                    id=e.id,
                    title=e.title,
                    short_title=e.short_title,
                    theme=theme.id,
                    skipped=skipped,
                    unanswered=unanswered,
                    scores=by_name,
                    evidence=_said(records, "evidence", e.id),
                )
            )
    indicators = []
    for e, ind in framework.indicators:
        counted, skipped, unanswered, by_name = indicator_data[ind.id]
        indicators.append(
            IndicatorResult(
                **_stats(counted, framework, thresholds).model_dump(),
                id=ind.id,
                title=ind.text,
                enabler=e.id,
                skipped=skipped,
                unanswered=unanswered,
                scores=by_name,
            )
        )

    by_id = {e.id: e for e in enablers}
    themes = []
    for theme in framework.themes:
        means = [m for e in theme.enablers if (m := by_id[e.id].mean) is not None]
        themes.append(
            ThemeResult(
                id=theme.id,
                title=theme.title,
                mean=sum(means) / len(means) if means else None,
                enablers=[e.id for e in theme.enablers],
                flagged=[e.id for e in theme.enablers if by_id[e.id].flagged],
                reflections=_said(records, "reflections", theme.id),
            )
        )

    challenges = []
    for c in framework.challenges:
        who = [r.name for r in records if c.id in r.answers.challenges]
        challenges.append(ChallengeResult(id=c.id, title=c.title, count=len(who), participants=who))

    flagged = [e.id for e in enablers if e.flagged]
    suggestions = []
    for cs in framework.case_studies:
        answers = [f for f in flagged if f in cs.enablers]
        if answers:
            suggestions.append(
                CaseStudySuggestion(
                    id=cs.id, title=cs.title, place=cs.place, summary=cs.summary, enablers=answers
                )
            )

    return Report(
        area=area,
        round=round,
        framework=framework.name,
        scale_min=framework.scale.min,
        scale_max=framework.scale.max,
        thresholds=thresholds,
        participants=[_summary(r) for r in records],
        not_returned=[_summary(r) for r in waiting],
        themes=themes,
        enablers=enablers,
        indicators=indicators,
        challenges=challenges,
        case_studies=suggestions,
        case_study_label=framework.case_study_label,
        case_studies_source=framework.case_studies_source,
        has_case_studies=bool(framework.case_studies),
    )


GROUP_KEYS = ("sector", "level", "organisation")
NOT_GIVEN = "(not given)"


def group_records(
    records: Sequence[ParticipantRecord], by: str
) -> dict[str, list[ParticipantRecord]]:
    """Participants grouped by sector, level or organisation, groups in name order.
    Values that differ only in capitals and spaces are one group ("Operational" from a
    form and "operational" from a file; models.person_key), named as first written."""
    if by not in GROUP_KEYS:
        raise ValueError(f"cannot group by {by!r}; choose from {', '.join(GROUP_KEYS)}")
    groups: dict[str, list[ParticipantRecord]] = {}
    shown: dict[str, str] = {}
    for r in records:
        value = getattr(r.answers.participant, by)
        key = person_key(value) if value else ""
        name = shown.setdefault(key, " ".join(value.split()) if key else NOT_GIVEN)
        groups.setdefault(name, []).append(r)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == NOT_GIVEN, kv[0].casefold())))


def score_groups(
    framework: Framework,
    records: Sequence[ParticipantRecord],
    *,
    by: str,
    area: str,
    round: str,
    thresholds: Thresholds | None = None,
) -> dict[str, Report]:
    """One Report per group of participants (see :func:`group_records`)."""
    return {
        key: score(framework, members, area=area, round=round, thresholds=thresholds)
        for key, members in group_records(respondents(records), by).items()
    }
