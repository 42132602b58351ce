"""``bbtool score FILE --interactive`` end to end: creating a file, stopping half-way,
resuming, backups, and what it refuses. (The questionnaire itself, driven by
scripted answers: tests/unit/core/test_questionnaire.py.)"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from typer.testing import CliRunner

from _answers import NOT_AN_ANSWER, whole_run
from bbtool.cli import app
from bbtool.core.models import Framework, ScoreFile
from bbtool.workspace.loader import load_score_file


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

    # session 2: the organisation left blank is asked again; then it carries on at the
    # fourth enabler, the first not answered, and goes on to the end
    script = ["", *whole_run(framework, "5")[9:]]
    code, out, err = _invoke(file, script)
    assert code == 0, err
    assert "Your file does not say your organisation." in out
    assert "Carrying on at the first question not answered yet." in out
    assert "[1/12]" not in out
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
    code, _, err = _invoke(file, ["", "1", "", "n", "q"])
    assert code == 0, err
    assert (tmp_path / "ann.yaml.bak").read_bytes() == original
    assert (tmp_path / "ann.yaml.bak2").read_bytes() == second
    assert _answers(file, framework).scores["leadership"] == 1
    # session 4: nothing changed, so no backup and no write
    code, _, _ = _invoke(file, ["", "", "", "n", "q"])
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
    # its organisation, sector and level are asked first: left blank here
    code, _out, err = _invoke(file, ["", "", "", "4", "", "n", "q"])
    assert code == 0, err
    text = file.read_text(encoding="utf-8")
    assert text == template.replace("  leadership:\n", "  leadership: 4\n")
    assert text.startswith("# yaml-language-server: $schema=../bbtool.schema.json\n")
    assert (file.parent / "01-ann-lee.yaml.bak").read_text(encoding="utf-8") == template


def test_a_folder_is_refused(tmp_path: Path) -> None:
    code, _, err = _invoke(tmp_path, ["q"])
    assert code == 2
    assert "is a folder" in err


def test_a_byte_that_is_not_utf8_is_asked_again(tmp_path: Path) -> None:
    """A terminal set to Latin-1 sends 'é' as the byte 0xE9."""
    file = tmp_path / "ann.yaml"
    typed = b"Jos\xe9\n" + "José\n\n\n\n".encode() + b"q\n"
    result = CliRunner().invoke(app, ["score", str(file), "--interactive"], input=typed)
    assert result.exit_code == 0, result.output
    assert "That answer holds a character that is not UTF-8 text" in result.stdout
    assert 'name: "José"' in file.read_text(encoding="utf-8")


def test_a_name_or_evidence_over_the_limit_is_asked_again(tmp_path: Path) -> None:
    file = tmp_path / "ann.yaml"
    lines = ["A" * 201, "Ann", "", "", "", "4", "E" * 20_001, "Board", "q"]
    code, out, _ = _invoke(file, lines)
    assert code == 0, out
    assert "That answer is 201 characters; the limit is 200; type it again." in out
    assert "That answer is 20,001 characters; the limit is 20,000; type it again." in out
    assert "Traceback" not in out
    assert 'leadership: "Board"' in file.read_text(encoding="utf-8")


def test_a_new_file_in_a_workspace_gets_the_schema_line_and_its_own_name(
    tmp_path: Path, framework: Framework
) -> None:
    """Issue 15, item 10: a file made by score -i starts as the templates do, and is
    not given a name another file of the workspace holds."""
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws"), "--names", "Priya Shah"])
    assert result.exit_code == 0, result.output
    file = tmp_path / "ws" / "participants" / "02-new.yaml"
    code, out, err = _invoke(file, ["priya SHAH", "Priya Shah K", "NHS", "health", "", "q"])
    assert code == 0, err
    said = " ".join(out.split())
    assert (
        "'priya SHAH' is the name in "
        f"{tmp_path / 'ws' / 'participants' / '01-priya-shah.yaml'} already" in said
    )
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../bbtool.schema.json\n")
    assert _answers(file, framework).participant.name == "Priya Shah K"
    # outside a workspace: no schema line (there is no schema to point at)
    alone = tmp_path / "alone.yaml"
    assert _invoke(alone, ["Bo", "", "", "", "q"])[0] == 0
    assert not alone.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_long_lines_wrap_at_word_boundaries_to_the_terminal(tmp_path: Path) -> None:
    file = tmp_path / "new.yaml"
    result = CliRunner().invoke(
        app,
        ["score", str(file), "-i"],
        input="Bo\n\n\n\nq\n",
        env={"COLUMNS": "60"},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # what is said (prompts, answered from a pipe, share lines with what follows)
    talk = lines[lines.index("=== Purpose and priorities ===") : lines.index("Scale:")]
    assert all(len(line) <= 60 for line in talk), [ln for ln in talk if len(ln) > 60]
    assert talk[2:5] == [
        "Sustained, long-term senior leadership commitment to working",
        "beyond boundaries to deliver the best possible early years",
        "outcomes",
    ]
    # an indicator wraps under its own words, never mid-word
    first = talk.index("Maturity indicators:") + 1
    assert talk[first].startswith("  - Long-term commitment to improving early years outcomes")
    assert talk[first + 1].startswith("    across leaders")


def test_a_new_file_in_a_folder_that_does_not_exist_is_refused_before_any_question(
    tmp_path: Path,
) -> None:
    # run from the wrong folder, the README's path names no folder here: nothing asked
    # and no stray participants/ folder made
    missing = tmp_path / "nowhere" / "participants" / "01-priya-shah.yaml"
    code, out, err = _invoke(missing, ["Priya Shah", "q"])
    assert code == 2
    assert "nowhere/participants: no such folder; give a score file in a round's" in err
    assert "Your name" not in out
    assert not (tmp_path / "nowhere").exists()
