"""Score files written out: a blank template, and a filled-in file (``score
--interactive`` saves one) that reads back as the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from _demo import DEMO
from bbtool.core.models import Framework, Participant, ScoreFile
from bbtool.render.templates import filled_score_file, score_template
from bbtool.workspace import yaml_source
from bbtool.workspace.loader import load_score_file, parse_score_file


def test_blank_filled_file_is_the_template(framework: Framework) -> None:
    line = "# yaml-language-server: $schema=../bbtool.schema.json"
    nameonly = ScoreFile(participant=Participant(name="Ann"))
    assert filled_score_file(framework, nameonly, line) == score_template(framework, "Ann", line)


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


def test_the_skip_label_is_written_as_the_framework_writes_it(tmp_path: Path) -> None:
    from _frameworks import Shape, write_framework
    from bbtool.workspace.loader import load_framework

    framework = load_framework(write_framework(tmp_path / "fw", Shape(enablers=2, themes=1)))
    text = score_template(framework, "Ann Example")
    assert "#   skip = I cannot judge this (allowed, but rarely needed; not counted)" in text
    # the evidence example names no situation of the built-in framework
    assert '#   e01: "Minutes show the joint board has met monthly since May"' in text
