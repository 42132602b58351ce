"""The questionnaire behind ``score FILE --interactive``, driven by scripted answers:
what it asks and shows, what it takes, what it keeps and when it saves. (The command
end to end: tests/acceptance/test_cli_interactive.py.)"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from _answers import NOT_AN_ANSWER, blank, whole_run
from bbtool.core.models import Framework, Participant, ScoreFile
from bbtool.core.questionnaire import Outcome, run_questionnaire


class Script:
    """Scripted input: each ask() takes the next answer; prompts and output are kept."""

    def __init__(self, answers: Iterable[str]) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.said: list[str] = []
        self.saved: list[ScoreFile] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        assert self.answers, f"asked {prompt!r} after the script ran out"
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    def save(self, answers: ScoreFile) -> None:
        self.saved.append(answers)

    def run(self, framework: Framework, answers: ScoreFile | None) -> Outcome:
        outcome = run_questionnaire(framework, answers, self.ask, self.say, self.save)
        assert not self.answers, f"not all input was used: {self.answers}"
        return outcome

    @property
    def output(self) -> str:
        return "\n".join(self.said)


# ------------------------------------------------------------- the questionnaire


def test_new_file_asks_the_name_first_and_saves_after_each_answer(framework: Framework) -> None:
    s = Script(["", "Ann Lee", "Health visiting", "health", "", "4", "Board meets monthly"])
    s.answers += ["n", "skip", "n", "q"]
    assert s.run(framework, None) == "quit"
    assert "A name is needed" in s.output
    first, *rest = s.saved
    assert first.participant == Participant(
        name="Ann Lee", organisation="Health visiting", sector="health"
    )
    assert first.scores == {}
    assert [a.scores for a in rest] == [
        {"leadership": 4},
        {"leadership": 4},
        {"leadership": 4, "common-agenda": "skip"},
    ]
    assert rest[1].evidence == {"leadership": "Board meets monthly"}
    assert "Stopped. Your answers so far are saved" in s.output


def test_each_enabler_shows_its_title_indicators_and_the_scale(framework: Framework) -> None:
    s = Script(["q"])
    s.run(framework, blank())
    leadership = framework.enablers[0]
    assert "=== Purpose and priorities ===" in s.said
    assert leadership.title in s.said
    assert all(f"  - {i.text}" in s.said for i in leadership.indicators)
    assert "  4 Established: Most descriptors embedded, or a clear plan to get there if not." in (
        s.said
    )
    assert "  skip: No knowledge of this area (not counted)" in s.said
    assert "Enter leaves it unanswered" in s.prompts[0]
    assert s.saved == []


@pytest.mark.parametrize("wrong", ["6", "0", "yes", "3.5", "four", "-1", "²", "4 5"])
def test_a_wrong_score_is_asked_again_with_what_is_allowed(
    framework: Framework, wrong: str
) -> None:
    s = Script([wrong, "2", "", "n", "q"])
    s.run(framework, blank())
    message = (
        f"'{wrong}' {NOT_AN_ANSWER}, Enter to keep what is there, ? for the scale, "
        "< to go back, or q to stop."
    )
    assert message in s.said
    assert s.prompts[0] == s.prompts[1]
    assert s.saved[-1].scores == {"leadership": 2}


def test_question_mark_shows_the_scale_again(framework: Framework) -> None:
    s = Script(["?", "5", "", "n", "q"])
    s.run(framework, blank())
    assert s.said.count("  1 Not in place: No descriptors in place. No plan to achieve this.") == 3
    assert s.saved[-1].scores == {"leadership": 5}


def test_enter_keeps_the_answers_already_there(framework: Framework) -> None:
    before = ScoreFile(
        participant=blank("Ann").participant,
        scores={"leadership": 4, "common-agenda": "skip"},
        evidence={"leadership": "Monthly board"},
    )
    # taken up at joint governance, the first not answered; back twice to leadership
    s = Script(["<", "back", "", "", "n", "", "n", "q"])
    s.run(framework, before)
    assert "Carrying on at the first question not answered yet." in s.said
    assert s.said.index("[3/12] Joint governance") < s.said.index("[1/12] Senior leadership")
    assert "Enter leaves it unanswered" in s.prompts[0]
    assert "Enter keeps skip" in s.prompts[1]
    assert "Enter keeps 4" in s.prompts[2]
    assert "Enter keeps 'Monthly board'" in s.prompts[3]
    assert "Enter keeps skip" in s.prompts[5]
    assert s.saved == []  # nothing changed, nothing written


def test_evidence_can_be_replaced_or_cleared(framework: Framework) -> None:
    before = ScoreFile(
        participant=blank("Ann").participant,
        scores={"leadership": 4, "common-agenda": 2},
        evidence={"leadership": "Monthly board", "common-agenda": "Old"},
    )
    s = Script(["<", "<", "", "Weekly board", "n", "", "-", "n", "q"])
    s.run(framework, before)
    assert s.saved[-1].evidence == {"leadership": "Weekly board"}


def test_resuming_starts_at_the_first_unanswered_question(framework: Framework) -> None:
    """Issue 15, item 10: not three Enters per answered enabler."""
    first_theme = framework.themes[0]
    before = blank().model_copy(
        update={"scores": {e.id: 3 for e in first_theme.enablers}, "evidence": {}}
    )
    s = Script(["Half-way there", "q"])
    assert s.run(framework, before) == "quit"
    # the first theme's reflections come next: its enablers are all answered
    assert s.prompts[0].startswith(f"{first_theme.title}: what are the key areas")
    assert s.saved[-1].reflections == {first_theme.id: "Half-way there"}
    # everything answered: from the start, to look through
    done = Script([*whole_run(framework)])
    done.run(framework, blank())
    again = Script(["q"])
    again.run(framework, done.saved[-1])
    assert "Carrying on" not in again.output
    assert again.prompts[0].startswith("Your score")
    assert "Enter keeps 3" in again.prompts[0]


def test_back_goes_to_the_question_before_and_not_past_the_first(framework: Framework) -> None:
    s = Script(["<", "4", "", "n", "back", "2", "", "n", "q"])
    s.run(framework, blank())
    assert "This is the first question." in s.said
    # back from common agenda's score to leadership's, which is asked again
    assert s.said.count("[1/12] Senior leadership") == 3
    assert s.saved[-1].scores == {"leadership": 2}
    # back from the first enabler of a theme: the last theme's reflections
    theme = framework.themes[0]
    before = blank().model_copy(update={"scores": {e.id: 3 for e in theme.enablers}})
    s = Script(["", "<", "My reflection", "q"])
    s.run(framework, before)
    assert s.prompts[2].startswith(f"{theme.title}: what are the key areas")
    assert s.saved[-1].reflections == {theme.id: "My reflection"}


def test_missing_details_are_asked_once_and_saved(framework: Framework) -> None:
    before = ScoreFile(participant=Participant(name="Ann", sector="health"))
    s = Script(["Home-Start", "", "q"])
    s.run(framework, before)
    assert "Your file does not say your organisation or level." in s.said
    assert s.prompts[:2] == [
        "Your organisation [Enter to leave it blank]:",
        "Level: strategic or operational [Enter to leave it blank]:",
    ]
    assert s.saved == [
        before.model_copy(
            update={
                "participant": Participant(name="Ann", organisation="Home-Start", sector="health")
            }
        )
    ]


def test_a_name_another_file_has_is_refused(framework: Framework) -> None:
    files = {"priya shah": "participants/01-priya-shah.yaml"}
    s = Script(["PRIYA SHAH", "Priya Shah B", "", "", "", "q"])
    run_questionnaire(framework, None, s.ask, s.say, s.save, lambda key: files.get(key))
    assert (
        "'PRIYA SHAH' is the name in participants/01-priya-shah.yaml already; each "
        "participant needs their own name: type yours (add an initial if you share it), "
        "or q to stop."
    ) in s.said
    assert s.saved[0].participant.name == "Priya Shah B"


def test_digging_deeper_scores_each_indicator(framework: Framework) -> None:
    s = Script(["3", "", "maybe", "y", "1", "skip", "", "7", "5", "", "2", "n", "q"])
    s.run(framework, blank())
    assert "'maybe' is not an answer here: type y or n" in s.output
    assert s.saved[-1].indicators == {
        "leadership.1": 1,
        "leadership.2": "skip",
        "leadership.4": 5,
        "leadership.6": 2,
    }
    assert f"  (6/6) {framework.enablers[0].indicators[5].text}" in s.said
    assert "'7' is not an answer here" in s.output


def test_a_whole_run_fills_everything(framework: Framework) -> None:
    s = Script(whole_run(framework))
    assert s.run(framework, blank()) == "finished"
    done = s.saved[-1]
    assert done.scores == {e.id: 3 for e in framework.enablers}
    assert done.reflections == {t.id: f"More on {t.id}" for t in framework.themes}
    assert done.challenges == [framework.challenges[0].id, framework.challenges[2].id]
    assert "All done: thank you. Your answers are saved." in s.said


@pytest.mark.parametrize("wrong", ["9", "0", "one", "1;2", "1.5"])
def test_wrong_challenge_numbers_are_asked_again(framework: Framework, wrong: str) -> None:
    script = whole_run(framework)
    s = Script([*script[:-1], wrong, "2 2 6"])
    s.run(framework, blank())
    assert f"'{wrong}' is not an answer here: type numbers from 1 to 6" in s.output
    assert s.saved[-1].challenges == [framework.challenges[1].id, framework.challenges[5].id]


def test_challenges_enter_keeps_and_dash_clears(framework: Framework) -> None:
    before = ScoreFile(participant=blank("A").participant, challenges=["cultural-barriers"])
    s = Script([*whole_run(framework)[:-1], ""])
    s.run(framework, before)
    assert s.saved[-1].challenges == ["cultural-barriers"]
    assert "Enter keeps 3" in s.prompts[-1]
    s = Script([*whole_run(framework)[:-1], "-"])
    s.run(framework, before)
    assert s.saved[-1].challenges == []


def test_the_challenges_prompt_says_each_key_once(framework: Framework) -> None:
    """Issue 15, item 17: not "[Enter for none; - for none; ...]"."""
    s = Script(whole_run(framework))
    s.run(framework, blank())
    assert s.prompts[-1] == "Numbers separated by commas [Enter for none; q to stop]:"
    before = ScoreFile(participant=blank("A").participant, challenges=["cultural-barriers"])
    s = Script(whole_run(framework))
    s.run(framework, before)
    assert s.prompts[-1] == "Numbers separated by commas [Enter keeps 3; - for none; q to stop]:"


def test_q_stops_at_any_prompt(framework: Framework) -> None:
    for stop_at in range(1, 8):
        s = Script([*["4", "Evidence", "y", "2", "3", "4", "5"][: stop_at - 1], "Q"])
        assert s.run(framework, blank()) == "quit"


# ------------------------------------------------------------- a score file's limits


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("A" * 201, "That answer is 201 characters; the limit is 200; type it again."),
        ("Ann\udce9", "That answer holds a character that is not UTF-8 text"),
        ("Ann\x1b[2J", "That answer holds the control character U+001B; write plain text"),
    ],
)
def test_a_name_a_file_could_not_hold_is_asked_again(
    framework: Framework, typed: str, says: str
) -> None:
    s = Script([typed, "Ann Lee", "O" * 201, "", "", "", "q"])
    assert s.run(framework, None) == "quit"
    assert says in s.output
    assert "That answer is 201 characters; the limit is 200" in s.output  # organisation
    assert s.saved[0].participant == Participant(name="Ann Lee")


def test_evidence_over_the_limit_is_asked_again(framework: Framework) -> None:
    s = Script(["4", "E" * 20_001, "Board meets monthly", "q"])
    assert s.run(framework, blank()) == "quit"
    assert "That answer is 20,001 characters; the limit is 20,000; type it again." in s.output
    assert s.saved[-1].evidence == {"leadership": "Board meets monthly"}


def test_a_reflection_over_the_limit_is_asked_again(framework: Framework) -> None:
    enablers = len(framework.themes[0].enablers)
    s = Script([*(["skip", "n"] * enablers), "R" * 20_001, "Fine", "q"])
    assert s.run(framework, blank()) == "quit"
    assert "the limit is 20,000" in s.output
    assert s.saved[-1].reflections == {framework.themes[0].id: "Fine"}
