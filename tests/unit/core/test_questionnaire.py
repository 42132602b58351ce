"""``score FILE --interactive``: the questionnaire driven by scripted answers, and the
command end to end: creating a file, stopping half-way, resuming, backups."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _demo import DEMO
from bbtool.cli import app
from bbtool.core.models import Framework, Participant, ScoreFile
from bbtool.core.questionnaire import Outcome, run_questionnaire
from bbtool.render.templates import filled_score_file, score_template
from bbtool.workspace import yaml_source
from bbtool.workspace.loader import load_score_file, parse_score_file

NOT_AN_ANSWER = "is not an answer here: type a whole number from 1 to 5, skip"


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


def blank(name: str = "Ann Lee") -> ScoreFile:
    return ScoreFile(participant=Participant(name=name))


def whole_run(framework: Framework, score: str = "3") -> list[str]:
    """Answers for every question: a score, no evidence, no digging deeper; a
    reflection per theme; challenges 1 and 3."""
    script: list[str] = []
    for theme in framework.themes:
        for _ in theme.enablers:
            script += [score, "", "n"]
        script.append(f"More on {theme.id}")
    return [*script, "1, 3"]


# ------------------------------------------------------------------ the renderer


def test_blank_filled_file_is_the_template(framework: Framework) -> None:
    line = "# yaml-language-server: $schema=../bbtool.schema.json"
    assert filled_score_file(framework, blank("Ann"), line) == score_template(
        framework, "Ann", line
    )


@pytest.mark.parametrize(
    "file", sorted((DEMO / "participants").glob("*.yaml"))[:4], ids=lambda p: p.name
)
def test_filled_file_reads_back_as_the_same_answers(framework: Framework, file: Path) -> None:
    record, _ = load_score_file(file, framework)
    text = filled_score_file(framework, record.answers)
    again = parse_score_file(yaml_source.parse(text, "x.yaml"), framework, "x.yaml").answers

    def given(a: ScoreFile) -> dict[str, object]:
        return {
            k: {i: v for i, v in value.items() if v is not None}
            if isinstance(value, dict)
            else value
            for k, value in a.model_dump().items()
        }

    assert given(again) == given(record.answers)


def test_filled_file_writes_skip_bare_and_text_quoted(framework: Framework) -> None:
    answers = ScoreFile(
        participant=Participant(name='Jo "JJ" Bloggs', sector="health"),
        scores={"leadership": "skip", "common-agenda": 2},
        indicators={"leadership.2": 4},
        evidence={"common-agenda": "Line one\nline two: with a colon"},
        challenges=["stretched-capacity"],
        reflections={"people-and-place": "GPs # rarely attend"},
    )
    text = filled_score_file(framework, answers)
    assert "  leadership: skip\n" in text
    assert "  common-agenda: 2\n" in text
    assert '  name: "Jo \\"JJ\\" Bloggs"\n' in text
    assert '  common-agenda: "Line one\\nline two: with a colon"\n' in text
    assert "challenges: [stretched-capacity]\n" in text
    assert "\n  leadership.2: 4 " in text
    assert "  # leadership.1:" in text
    again = parse_score_file(yaml_source.parse(text, "x"), framework, "x").answers
    assert again.evidence == answers.evidence
    assert again.reflections["people-and-place"] == ("GPs # rarely attend")


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
        f"'{wrong}' {NOT_AN_ANSWER}, Enter to keep what is there, ? for the scale, or q to stop."
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
        participant=Participant(name="Ann"),
        scores={"leadership": 4, "common-agenda": "skip"},
        evidence={"leadership": "Monthly board"},
    )
    s = Script(["", "", "n", "", "n", "q"])
    s.run(framework, before)
    assert "Enter keeps 4" in s.prompts[0]
    assert "Enter keeps 'Monthly board'" in s.prompts[1]
    assert "Enter keeps skip" in s.prompts[3]
    assert s.saved == []  # nothing changed, nothing written


def test_evidence_can_be_replaced_or_cleared(framework: Framework) -> None:
    before = ScoreFile(
        participant=Participant(name="Ann"),
        scores={"leadership": 4, "common-agenda": 2},
        evidence={"leadership": "Monthly board", "common-agenda": "Old"},
    )
    s = Script(["", "Weekly board", "n", "", "-", "n", "q"])
    s.run(framework, before)
    assert s.saved[-1].evidence == {"leadership": "Weekly board"}


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
    before = ScoreFile(participant=Participant(name="A"), challenges=["cultural-barriers"])
    s = Script([*whole_run(framework)[:-1], ""])
    s.run(framework, before)
    assert s.saved[-1].challenges == ["cultural-barriers"]
    assert "Enter keeps 3" in s.prompts[-1]
    s = Script([*whole_run(framework)[:-1], "-"])
    s.run(framework, before)
    assert s.saved[-1].challenges == []


def test_q_stops_at_any_prompt(framework: Framework) -> None:
    for stop_at in range(1, 8):
        s = Script([*["4", "Evidence", "y", "2", "3", "4", "5"][: stop_at - 1], "Q"])
        assert s.run(framework, blank()) == "quit"


# ------------------------------------------------------------- the command, end to end


def _invoke(file: Path, lines: Iterable[str], *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["score", str(file), "--interactive", *extra], input="".join(f"{x}\n" for x in lines)
    )
    return result.exit_code, result.stdout, result.stderr


def _answers(file: Path, framework: Framework) -> ScoreFile:
    """The file's answers, without the blanks (an empty key reads as None)."""
    answers = load_score_file(file, framework)[0].answers
    return answers.model_copy(
        update={
            k: {i: v for i, v in value.items() if v is not None}
            for k, value in answers
            if isinstance(value, dict)
        }
    )


def test_command_creates_a_file_stops_half_way_and_resumes(
    tmp_path: Path, framework: Framework
) -> None:
    file = tmp_path / "ann.yaml"
    # session 1: a new file; three enablers answered, then q
    code, out, err = _invoke(
        file,
        [
            "Ann Lee",
            "",
            "health",
            "operational",
            "4",
            "Monthly board",
            "n",
            "6",
            "2",
            "",
            "n",
            "skip",
            "n",
            "q",
        ],
    )
    assert code == 0, err
    assert f"'6' {NOT_AN_ANSWER}" in out
    assert "Stopped. Your answers so far are saved" in out
    assert "2 scored, 1 skipped, 9 not answered" in out  # the answers view, as score shows
    first = _answers(file, framework)
    assert first.participant.sector == "health"
    assert first.participant.level == "operational"
    assert first.scores == {"leadership": 4, "common-agenda": 2, "joint-governance": "skip"}
    assert first.evidence == {"leadership": "Monthly board"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.yaml"]  # no backup, no temp files
    original = file.read_bytes()

    # session 2: Enter keeps the three answers; the rest are filled in to the end
    script = whole_run(framework, "5")
    script[0:9] = ["", "", "n", "", "", "n", "", "n"]  # skip gets no evidence question
    code, out, err = _invoke(file, script)
    assert code == 0, err
    assert "Enter keeps 4" in out
    assert "Enter keeps 'Monthly board'" in out
    assert "Enter keeps skip" in out
    assert "3 answered so far" in out
    assert "All done" in out
    done = _answers(file, framework)
    assert done.scores == {
        **{e.id: 5 for e in framework.enablers},
        "leadership": 4,
        "common-agenda": 2,
        "joint-governance": "skip",
    }
    assert done.evidence == {"leadership": "Monthly board"}
    assert done.challenges == ["technical-blockages", "cultural-barriers"]
    assert (tmp_path / "ann.yaml.bak").read_bytes() == original
    assert "kept in" in out
    assert "ann.yaml.bak" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.yaml", "ann.yaml.bak"]

    # session 3: one change; the older backup is kept and a second one made
    second = file.read_bytes()
    code, _, err = _invoke(file, ["1", "", "n", "q"])
    assert code == 0, err
    assert (tmp_path / "ann.yaml.bak").read_bytes() == original
    assert (tmp_path / "ann.yaml.bak2").read_bytes() == second
    assert _answers(file, framework).scores["leadership"] == 1
    # session 4: nothing changed, so no backup and no write
    code, _, _ = _invoke(file, ["", "", "n", "q"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ann.yaml",
        "ann.yaml.bak",
        "ann.yaml.bak2",
    ]


def test_end_of_input_stops_like_q(tmp_path: Path, framework: Framework) -> None:
    file = tmp_path / "new.yaml"
    code, out, _ = _invoke(file, ["Bo", "", "", "", "3", ""])
    assert code == 0
    assert "Stopped" in out
    assert _answers(file, framework).scores == {"leadership": 3}


def test_quitting_before_a_name_writes_nothing(tmp_path: Path) -> None:
    file = tmp_path / "new.yaml"
    code, _out, _ = _invoke(file, ["q"])
    assert code == 0
    assert not file.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("participant:\n  name: Ann\nscores:\n  leadrship: 4\n", encoding="utf-8")
    before = file.read_bytes()
    code, _, err = _invoke(file, ["4", "", "n", "q"])
    assert code == 1
    assert "did you mean 'leadership'?" in err
    assert file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_a_template_from_init_keeps_its_schema_line(tmp_path: Path, framework: Framework) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws"), "--names", "Ann Lee"])
    assert result.exit_code == 0, result.output
    file = tmp_path / "ws" / "participants" / "01-ann-lee.yaml"
    template = file.read_text(encoding="utf-8")
    code, _out, err = _invoke(file, ["4", "", "n", "q"])
    assert code == 0, err
    text = file.read_text(encoding="utf-8")
    assert text == template.replace("  leadership:\n", "  leadership: 4\n")
    assert text.startswith("# yaml-language-server: $schema=../bbtool.schema.json\n")
    assert (file.parent / "01-ann-lee.yaml.bak").read_text(encoding="utf-8") == template


def test_a_folder_is_refused(tmp_path: Path) -> None:
    code, _, err = _invoke(tmp_path, ["q"])
    assert code == 2
    assert "is a folder" in err
