"""``score FILE --interactive``: walk one participant through the framework.

The conversation only: it asks with ``ask``, tells with ``say`` and hands every
changed set of answers to ``save``, so the shell decides how to prompt and where the
file goes, and tests drive it with scripted input. Pure: no terminal, no files.

At every prompt: ``q`` stops (everything answered so far is already saved), ``<``
(or ``back``) goes back to the question before, ``?`` shows the scale again, and
Enter keeps the answer already there (or leaves the item unanswered). A score is a
whole number on the scale or ``skip``; anything else is asked again with what is
allowed. A file answered in part is taken up at its first unanswered question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bbtool.core.models import (
    DEFAULT_LEVELS,
    MAX_NAME,
    MAX_TEXT,
    SKIP,
    Enabler,
    Framework,
    Participant,
    ScoreFile,
    ScoreValue,
    Theme,
    either,
    person_key,
    same_level,
    text_fault,
)

Ask = Callable[[str], str]
Say = Callable[[str], None]
Save = Callable[[ScoreFile], None]
# the file (as shown) whose participant has this person_key, if another file has it
Taken = Callable[[str], str | None]

QUIT = "q"
HELP = "?"
CLEAR = "-"
BACK = "<"
_BACK_WORDS = (BACK, "back")
Outcome = Literal["finished", "quit"]
# organisation, sector and level: asked for a new file, and when missing from one
DETAILS = (
    ("organisation", "Your organisation"),
    ("sector", "Sector, e.g. council, health, childcare, voluntary"),
    ("level", "Level"),  # asked with the workspace's levels (_level)
)


class _Quit(Exception):
    """The participant typed q: stop here; what they answered is saved."""


class _Back(Exception):
    """The participant typed < (or back): ask the question before this one again."""


def _nobody(name: str) -> str | None:
    return None


@dataclass
class _Answers:
    """The answers being built: mutable copies of a (frozen) ScoreFile's sections."""

    participant: Participant
    scores: dict[str, ScoreValue | None] = field(default_factory=dict)
    indicators: dict[str, ScoreValue | None] = field(default_factory=dict)
    evidence: dict[str, str | None] = field(default_factory=dict)
    challenges: list[str] = field(default_factory=list)
    reflections: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, answers: ScoreFile) -> _Answers:
        return cls(
            participant=answers.participant,
            scores=dict(answers.scores),
            indicators=dict(answers.indicators),
            evidence=dict(answers.evidence),
            challenges=list(answers.challenges),
            reflections=dict(answers.reflections),
        )

    def frozen(self) -> ScoreFile:
        return ScoreFile(
            participant=self.participant,
            scores={k: v for k, v in self.scores.items() if v is not None},
            indicators={k: v for k, v in self.indicators.items() if v is not None},
            evidence={k: v for k, v in self.evidence.items() if v},
            challenges=list(self.challenges),
            reflections={k: v for k, v in self.reflections.items() if v},
        )


def scale_lines(framework: Framework) -> list[str]:
    """The scale, one point a line, and what skip means."""
    lines = [f"  {p.value} {p.label}: {p.descriptor}" for p in framework.scale.points]
    lines.append(f"  {SKIP}: {framework.skip_label} (not counted)")
    return lines


def _allowed(framework: Framework) -> str:
    scale = framework.scale
    return (
        f"a whole number from {scale.min} to {scale.max}, {SKIP}, "
        f"Enter to keep what is there, {HELP} for the scale, {BACK} to go back, "
        f"or {QUIT} to stop"
    )


def _typed(ask: Ask, say: Say, prompt: str, limit: int, *, back: bool = False) -> str:
    """One answer that a score file could hold (a score file's limits: ``limit``
    characters, no control character, UTF-8): asked again until it is; q stops, and
    with ``back``, < (or back) goes back."""
    while True:
        text = ask(prompt).strip()
        if text.lower() == QUIT:
            raise _Quit
        if back and text.lower() in _BACK_WORDS:
            raise _Back
        fault = text_fault(text, limit)
        if fault is None:
            return text
        say(f"That answer {fault}; type it again.")


def ask_name(
    ask: Ask, say: Say, taken: Taken = _nobody, levels: Sequence[str] = DEFAULT_LEVELS
) -> Participant:
    """For a new file: the participant's name (required, and not another file's in
    the workspace), organisation, sector, level (one of ``levels``, the workspace's)."""
    name = ""
    while not name:
        name = _typed(ask, say, "Your name:", MAX_NAME)
        if not name:
            say("A name is needed: it identifies your answers in the group's report.")
            continue
        other = taken(person_key(name))
        if other is not None:
            say(
                f"{name!r} is the name in {other} already; each participant needs their "
                "own name: type yours (add an initial if you share it), or q to stop."
            )
            name = ""
    details = ask_details(ask, say, [what for what, _ in DETAILS], levels)
    return Participant(name=name, **details)


def ask_details(
    ask: Ask, say: Say, missing: list[str], levels: Sequence[str] = DEFAULT_LEVELS
) -> dict[str, str | None]:
    """The participant's organisation, sector and level (one of ``levels``), those of
    them ``missing``."""
    given: dict[str, str | None] = {}
    for what, prompt in DETAILS:
        if what == "level" and what in missing:
            given[what] = _level(ask, say, levels)
        elif what in missing:
            text = _typed(ask, say, f"{prompt} [Enter to leave it blank]:", MAX_NAME)
            given[what] = text or None
    return given


def _level(ask: Ask, say: Say, levels: Sequence[str]) -> str | None:
    """One of ``levels`` (capitals and spaces aside, kept as the levels write it), or
    None for a blank answer; anything else is asked again."""
    prompt = f"Level: {either(levels)} [Enter to leave it blank]:"
    while True:
        text = _typed(ask, say, prompt, MAX_NAME)
        level = same_level(text, levels) if text else None
        if not text or level is not None:
            return level
        say(f"{text!r} is not one of the levels; type {either(levels)}.")


class _Session:
    def __init__(
        self, framework: Framework, answers: _Answers, ask: Ask, say: Say, save: Save
    ) -> None:
        self.framework = framework
        self.answers = answers
        self._ask = ask
        self.say = say
        self._save = save

    def save(self) -> None:
        self._save(self.answers.frozen())

    def ask(self, prompt: str) -> str:
        """An answer within a score file's limits for text (evidence, reflections);
        < (or back) goes back to the question before."""
        return _typed(self._ask, self.say, prompt, MAX_TEXT, back=True)

    def details(self) -> None:
        """Organisation, sector and level, asked when the file has none of one."""
        who = self.answers.participant
        missing = [what for what, _ in DETAILS if getattr(who, what) is None]
        if not missing:
            return
        self.say("Your file does not say your " + _listed(missing) + ".")
        levels = self.framework.levels
        asked = ask_details(self._ask, self.say, missing, levels)
        given = {k: v for k, v in asked.items() if v}
        if given:
            self.answers.participant = who.model_copy(update=given)
            self.save()

    def score(self, prompt: str, current: ScoreValue | None) -> ScoreValue | None:
        """A score on the scale or skip; Enter keeps ``current``; asks until valid."""
        scale = self.framework.scale
        keep = f"Enter keeps {current}" if current is not None else "Enter leaves it unanswered"
        while True:
            text = self.ask(f"{prompt} [{scale.min}-{scale.max}, {SKIP}, {HELP}, {QUIT}; {keep}]:")
            if not text:
                return current
            if text == HELP:
                for line in scale_lines(self.framework):
                    self.say(line)
                continue
            if text.lower() == SKIP:
                return "skip"
            if text.isascii() and text.isdigit() and int(text) in scale.values:
                return int(text)
            self.say(f"'{text}' is not an answer here: type {_allowed(self.framework)}.")

    def text(self, prompt: str, current: str | None) -> str | None:
        """Free text; Enter keeps ``current``, '-' clears it."""
        if current:
            hint = f"Enter keeps {current!r}; {CLEAR} clears it"
        else:
            hint = "Enter to leave it blank"
        answer = self.ask(f"{prompt} [{hint}; {QUIT} to stop]:")
        if not answer:
            return current
        return None if answer == CLEAR else answer

    def yes_no(self, prompt: str) -> bool:
        while True:
            answer = self.ask(f"{prompt} [y/N]:").lower()
            if answer in ("", "n", "no"):
                return False
            if answer in ("y", "yes"):
                return True
            self.say(f"'{answer}' is not an answer here: type y or n (Enter is no), or q to stop.")

    # ------------------------------------------------------------------- steps

    def enabler(self, enabler: Enabler, number: int, total: int) -> None:
        say, answers = self.say, self.answers
        say(f"[{number}/{total}] {enabler.short_title}")
        say(enabler.title)
        if enabler.indicators:
            say("Maturity indicators:")
            for ind in enabler.indicators:
                say(f"  - {ind.text}")
        say("Scale:")
        for line in scale_lines(self.framework):
            say(line)
        current = answers.scores.get(enabler.id)
        value = self.score("Your score", current)
        if value != current:
            answers.scores[enabler.id] = value
            self.save()
        if isinstance(value, int):
            old = answers.evidence.get(enabler.id)
            evidence = self.text("What works well, and the evidence that shows it", old)
            if evidence != old:
                answers.evidence[enabler.id] = evidence
                self.save()
        if enabler.indicators and self.yes_no("Dig deeper into the indicators?"):
            self.indicators(enabler)

    def indicators(self, enabler: Enabler) -> None:
        count = len(enabler.indicators)
        for i, ind in enumerate(enabler.indicators, 1):
            self.say(f"  ({i}/{count}) {ind.text}")
            current = self.answers.indicators.get(ind.id)
            value = self.score(f"  Score for {ind.id}", current)
            if value != current:
                self.answers.indicators[ind.id] = value
                self.save()

    def reflections(self, theme_id: str, title: str) -> None:
        old = self.answers.reflections.get(theme_id)
        text = self.text(f"{title}: what are the key areas where progress is needed?", old)
        if text != old:
            self.answers.reflections[theme_id] = text
            self.save()

    def challenges(self) -> None:
        options = self.framework.challenges
        if not options:
            return
        self.say("Which common challenges are in play locally?")
        for i, c in enumerate(options, 1):
            self.say(f"  {i}. {c.title}")
        ids = [c.id for c in options]
        current = [ids.index(c) + 1 for c in self.answers.challenges if c in ids]
        # each key said once: with challenges chosen, Enter keeps them and - clears them
        keys = (
            f"Enter keeps {', '.join(map(str, current))}; {CLEAR} for none"
            if current
            else "Enter for none"
        )
        while True:
            text = self.ask(f"Numbers separated by commas [{keys}; {QUIT} to stop]:")
            if not text:
                return
            chosen = self._numbers(text, len(options))
            if chosen is not None:
                break
            self.say(
                f"'{text}' is not an answer here: type numbers from 1 to {len(options)} "
                f"separated by commas (e.g. 1, 3), {CLEAR} for none, or Enter to keep."
            )
        picked = [ids[n - 1] for n in chosen]
        # challenges of another framework version stay as they were
        kept_unknown = [c for c in self.answers.challenges if c not in ids]
        if picked + kept_unknown != self.answers.challenges:
            self.answers.challenges = picked + kept_unknown
            self.save()

    @staticmethod
    def _numbers(text: str, most: int) -> list[int] | None:
        if text == CLEAR:
            return []
        parts = [p for p in text.replace(",", " ").split() if p]
        if not parts or not all(p.isascii() and p.isdigit() for p in parts):
            return None
        numbers = [int(p) for p in parts]
        if not all(1 <= n <= most for n in numbers):
            return None
        return list(dict.fromkeys(numbers))


# one question of the walk: an enabler (score, evidence, indicators), a theme's
# reflections (enabler None), or the challenges (both None)
_Step = tuple[Theme | None, Enabler | None]


def _steps(framework: Framework) -> list[_Step]:
    steps: list[_Step] = []
    for theme in framework.themes:
        steps += [(theme, e) for e in theme.enablers]
        steps.append((theme, None))
    return [*steps, (None, None)]


def _answered(step: _Step, answers: ScoreFile, framework: Framework) -> bool:
    theme, enabler = step
    if enabler is not None:
        return answers.scores.get(enabler.id) is not None
    if theme is not None:
        return bool(answers.reflections.get(theme.id))
    return bool(answers.challenges) or not framework.challenges


def _first_unanswered(steps: list[_Step], answers: ScoreFile, framework: Framework) -> int:
    """Where a file answered in part is taken up; the start, when all is answered."""
    return next((k for k, s in enumerate(steps) if not _answered(s, answers, framework)), 0)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


class _Walk:
    """The questions in order, from a starting one; < goes back one question."""

    def __init__(self, session: _Session, framework: Framework) -> None:
        self.session = session
        self.steps = _steps(framework)
        self.numbers = {e.id: k for k, e in enumerate(framework.enablers, 1)}
        self.total = len(framework.enablers)
        self._theme: Theme | None = None

    def run(self, start: int) -> None:
        k = start
        while k < len(self.steps):
            try:
                self.ask(self.steps[k])
                k += 1
            except _Back:
                if k == 0:
                    self.session.say("This is the first question.")
                else:
                    k -= 1
                    self._theme = None  # show where we are again

    def ask(self, step: _Step) -> None:
        theme, enabler = step
        say = self.session.say
        say("")
        if theme is not None and theme is not self._theme:
            say(f"=== {theme.title} ===")
            self._theme = theme
        if enabler is not None:
            self.session.enabler(enabler, self.numbers[enabler.id], self.total)
        elif theme is not None:
            self.session.reflections(theme.id, theme.title)
        else:
            self.session.challenges()


def run_questionnaire(
    framework: Framework,
    answers: ScoreFile | None,
    ask: Ask,
    say: Say,
    save: Save,
    taken: Taken = _nobody,
) -> Outcome:
    """Ask for every enabler's score (with evidence, and indicators on request), each
    theme's reflections and the challenges; ``save`` is called after every change.

    ``answers`` is the file as it is now, or None for a new file: then the name is
    asked first (refused if ``taken`` names another file with it) and the new file
    saved at once. A file answered in part is taken up at its first unanswered
    question, after asking for the organisation, sector and level it lacks. Returns
    whether the participant got to the end or stopped with q (or at the end of the
    input).
    """
    try:
        new = answers is None
        if answers is None:
            answers = ScoreFile(participant=ask_name(ask, say, taken, framework.levels))
            save(answers)
        session = _Session(framework, _Answers.of(answers), ask, say, save)
        if not new:
            session.details()
        walk = _Walk(session, framework)
        scored = sum(1 for e in framework.enablers if answers.scores.get(e.id) is not None)
        say(f"{framework.name}: {answers.participant.name}")
        say(
            f"{walk.total} enablers in {len(framework.themes)} themes; {scored} answered so "
            f"far. Enter keeps an answer; {BACK} goes back a question; {QUIT} stops at any "
            "time, and your answers are saved as you go."
        )
        start = _first_unanswered(walk.steps, answers, framework)
        if start:
            say("Carrying on at the first question not answered yet.")
        walk.run(start)
    except _Quit:
        say("Stopped. Your answers so far are saved; run the same command again to carry on.")
        return "quit"
    say("")
    say("All done: thank you. Your answers are saved.")
    return "finished"
