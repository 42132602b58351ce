"""A participant's answers as the tests write them: records in memory, score files as
text, and the questionnaire's scripted input.

- :func:`record`: a record as the loader gives it, for the scoring and writer tests
  that need no file on disk (the ``make_record`` fixture hands it out; hypothesis
  strategies, which cannot take fixtures, import it);
- ``GOOD`` and ``BAD``: a clean score file and one with three mistakes, with
  ``BAD_LINES``, what ``check`` says of it as ``participants/b.yaml``;
- :func:`blank`, :func:`whole_run` and ``NOT_AN_ANSWER``: for ``score --interactive``.
"""

from __future__ import annotations

from collections.abc import Callable

from bbtool.core.models import Framework, Participant, ParticipantRecord, ScoreFile, ScoreValue

# ------------------------------------------------------------------ records


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


# ------------------------------------------------------------------ score files

GOOD = "participant:\n  name: Ann\nscores:\n  leadership: 4\n  common-agenda: 2\n"
# line 4: a boolean; line 5: off the scale; line 6: a typo
BAD = "participant:\n  name: Bob\nscores:\n  leadership: yes\n  common-agenda: 6\n  leadrship: 2\n"
BAD_LINES = [
    "participants/b.yaml:4:15: scores.leadership: yes/true/no/false is not a score; "
    "use a whole number from 1 to 5, or skip",
    "participants/b.yaml:5:18: scores.common-agenda: 6 is not on the scale; "
    "use a whole number from 1 to 5, or skip",
    "participants/b.yaml:6:3: scores: 'leadrship' is not an enabler; did you mean 'leadership'?",
]
# the warning shown with them (a score found wrong counts as answered)
BAD_WARNING = (
    "participants/b.yaml:3:1: warning: 10 of 12 enablers not answered yet: "
    "joint-governance, communicating-why, mutual-understanding, working-practices, "
    "locality, single-service, information-sharing, delivery-partners, "
    "families-as-partners, continuous-improvement"
)


# ------------------------------------------------------------------ the questionnaire

NOT_AN_ANSWER = "is not an answer here: type a whole number from 1 to 5, skip"


def blank(name: str = "Ann Lee") -> ScoreFile:
    """A file with the participant's name and details (so none is asked) and no answer."""
    who = Participant(name=name, organisation="Home-Start", sector="voluntary", level="operational")
    return ScoreFile(participant=who)


def whole_run(framework: Framework, score: str = "3") -> list[str]:
    """Answers for every question: a score, no evidence, no digging deeper; a
    reflection per theme; challenges 1 and 3."""
    script: list[str] = []
    for theme in framework.themes:
        for _ in theme.enablers:
            script += [score, "", "n"]
        script.append(f"More on {theme.id}")
    return [*script, "1, 3"]
