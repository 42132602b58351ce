"""Participant records built in memory, as the loader would give them: for the scoring
and writer tests that need no score file on disk. The ``make_record`` fixture hands
out :func:`record`; hypothesis strategies, which cannot take fixtures, import it."""

from __future__ import annotations

from collections.abc import Callable

from bbtool.core.models import Participant, ParticipantRecord, ScoreFile, ScoreValue


def record(
    name: str,
    scores: dict[str, ScoreValue | None] | None = None,
    *,
    indicators: dict[str, ScoreValue | None] | None = None,
    challenges: list[str] | None = None,
    **participant: str,
) -> ParticipantRecord:
    """A validated record of ``participants/<name>.yaml``; ``participant`` holds the
    organisation, sector and level."""
    answers = ScoreFile(
        participant=Participant(name=name, **participant),
        scores=scores or {},
        indicators=indicators or {},
        challenges=challenges or [],
    )
    return ParticipantRecord(file=f"participants/{name}.yaml", answers=answers)


MakeRecord = Callable[..., ParticipantRecord]  # the type of the make_record fixture
