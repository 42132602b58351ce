"""Loading score files, bbtool.yaml, agreed.yaml and workspaces: one test per kind of
bad input; and the loader's progress calls.

Each asserts the exact line a person would read, ``path:line:col: message``. Paths
are relative because every test runs inside its own temporary folder.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from _agreed import USE, agreed_report, agreed_workspace
from _demo import DEMO
from bbtool.core.models import AgreedFile, Framework
from bbtool.errors import InputError, UsageError
from bbtool.workspace.loader import load_agreed_file, load_score_file, load_workspace
from bbtool.workspace.yaml_source import MAX_BYTES

MakeWorkspace = Callable[..., Path]  # the conftest fixture

HEAD = "participant:\n  name: Ann\n"  # lines 1 and 2 of most files below


pytestmark = pytest.mark.usefixtures("in_tmp")


def errors(content: str | bytes, framework: Framework) -> list[str]:
    """Every error reported for one score file ``a.yaml`` with this content (the
    warnings reported beside them: :func:`reported`)."""
    return [line for line in reported(content, framework) if ": warning: " not in line]


def reported(content: str | bytes, framework: Framework) -> list[str]:
    """Every problem reported for one score file ``a.yaml`` with this content, errors
    and warnings."""
    file = Path("a.yaml")
    file.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(InputError) as info:
        load_score_file(file, framework)
    return [str(p) for p in info.value.problems]


def warnings(content: str, framework: Framework) -> list[str]:
    """The warnings for a valid score file (it must load)."""
    file = Path("a.yaml")
    file.write_text(content, encoding="utf-8")
    _, found = load_score_file(file, framework)
    assert all(p.severity == "warning" for p in found)
    return [str(p) for p in found]


def workspace_errors(make_workspace: MakeWorkspace, *args: object, **kw: object) -> list[str]:
    root = make_workspace(*args, **kw)
    with pytest.raises(InputError) as info:
        load_workspace(Path(root.name))
    return [str(p) for p in info.value.problems if p.severity == "error"]


def scores(line: str) -> str:
    """A file whose fourth line is ``line`` under ``scores:`` (values start at column 15
    for ``  leadership: ``)."""
    return f"{HEAD}scores:\n  {line}\n"


# ------------------------------------------------------------------ reading YAML


def parser_wording_hidden(problem: str) -> str:
    """``problem`` with the YAML parser's own words after bbtool's "not valid YAML: "
    replaced by "…": they change between PyYAML releases; bbtool's place, prefix and
    advice do not."""
    return re.sub(r"(not valid YAML: ).*?(; indent with spaces, not tabs)?$", r"\1…\2", problem)


def test_yaml_syntax_error(framework: Framework) -> None:
    problems = errors(scores("leadership: [1"), framework)
    assert [parser_wording_hidden(p) for p in problems] == ["a.yaml:5:1: not valid YAML: …"]
    assert "from line 4" in problems[0]  # where the unclosed bracket was opened


def test_tab_indentation(framework: Framework) -> None:
    problems = errors(HEAD + "scores:\n\tleadership: 3\n", framework)
    assert [parser_wording_hidden(p) for p in problems] == [
        "a.yaml:4:1: not valid YAML: …; indent with spaces, not tabs"
    ]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "with-bom"])
def test_not_utf8(framework: Framework, bom: bytes) -> None:
    content = bom + (HEAD + "  organisation: Caf\xe9\n").encode("latin-1")
    assert errors(content, framework) == [
        "a.yaml:3:20: is not UTF-8 text; save the file as UTF-8 (byte 0xe9 cannot be read)"
    ]


def test_bom_and_windows_line_endings_are_fine(framework: Framework) -> None:
    file = Path("a.yaml")
    file.write_bytes(b"\xef\xbb\xbf" + scores("leadership: 4").replace("\n", "\r\n").encode())
    record, _ = load_score_file(file, framework)
    assert record.name == "Ann"
    assert record.answers.scores == {"leadership": 4}


def test_control_character(framework: Framework) -> None:
    problems = errors(HEAD + "  organisation: a\x07b\n", framework)
    assert len(problems) == 1
    assert problems[0].startswith("a.yaml:3:18: not valid YAML: character #x0007: ")


def test_duplicate_key(framework: Framework) -> None:
    assert errors(scores("leadership: 1\n  leadership: 2"), framework) == [
        "a.yaml:5:3: scores: 'leadership' is given twice (first on line 4); "
        "keep one, or the other answer would be lost"
    ]


def test_duplicate_section(framework: Framework) -> None:
    content = HEAD + "scores:\n  leadership: 1\nscores:\n  locality: 2\n"
    assert errors(content, framework) == [
        "a.yaml:5:1: 'scores' is given twice (first on line 3); "
        "keep one, or the other answer would be lost"
    ]


def test_duplicate_name_key(framework: Framework) -> None:
    assert errors("participant:\n  name: Ann\n  name: Bo\n", framework) == [
        "a.yaml:3:3: participant: 'name' is given twice (first on line 2); "
        "keep one, or the other answer would be lost"
    ]


@pytest.mark.parametrize("spaced", ['" leadership"', "'leadership '", '"\\tleadership\\u00a0"'])
def test_key_with_spaces_around_is_the_same_key(framework: Framework, spaced: str) -> None:
    [problem] = errors(scores(f"leadership: 1\n  {spaced}: 5"), framework)
    assert problem.startswith("a.yaml:5:3: scores: 'leadership' is given twice (here as ")
    assert problem.endswith("(first on line 4); keep one, or the other answer would be lost")


def test_evidence_key_with_spaces_around_is_the_same_key(framework: Framework) -> None:
    content = HEAD + 'evidence:\n  leadership: "a"\n  "leadership  ": "b"\n'
    assert errors(content, framework) == [
        "a.yaml:5:3: evidence: 'leadership' is given twice (here as 'leadership  ') "
        "(first on line 4); keep one, or the other answer would be lost"
    ]


def test_a_lone_key_with_spaces_around_reads_as_the_key(framework: Framework) -> None:
    file = Path("a.yaml")
    file.write_text(scores('" leadership": 4'), encoding="utf-8")
    record, _ = load_score_file(file, framework)
    assert record.answers.scores == {"leadership": 4}


def test_a_key_of_spaces_only_is_empty(framework: Framework) -> None:
    assert errors(scores('"  ": 4'), framework) == [
        "a.yaml:4:3: scores: a key is empty; write a name before the colon"
    ]


def test_python_tag_on_a_value(framework: Framework) -> None:
    assert errors(scores("leadership: !!python/object/apply:os.mkdir [pwned]"), framework) == [
        "a.yaml:4:15: scores.leadership: the tag !!python/object/apply:os.mkdir is not "
        "allowed; write a plain value, without a tag"
    ]
    assert not Path("pwned").exists()


def test_python_tag_on_the_document(framework: Framework) -> None:
    assert errors("!!python/object/new:os.mkdir [pwned]\n", framework) == [
        "a.yaml:1:1: the tag !!python/object/new:os.mkdir is not allowed; "
        "write a plain value, without a tag"
    ]
    assert not Path("pwned").exists()


def test_local_tag(framework: Framework) -> None:
    assert errors(scores("leadership: !score 3"), framework) == [
        "a.yaml:4:15: scores.leadership: the tag !score is not allowed; "
        "write a plain value, without a tag"
    ]


def test_anchor_and_alias(framework: Framework) -> None:
    assert errors(scores("leadership: &a 1\n  common-agenda: *a"), framework) == [
        "a.yaml:4:15: anchors and aliases (& and *) are not allowed; write values out"
    ]


def test_merge_key(framework: Framework) -> None:
    assert errors(scores("<<: {leadership: 1}"), framework) == [
        "a.yaml:4:3: scores: merge keys (<<) are not allowed; write values out"
    ]


def test_alias_bomb_fails_fast(framework: Framework) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.perf_counter()
    assert errors("\n".join(lines) + "\n", framework) == [
        "a.yaml:1:5: anchors and aliases (& and *) are not allowed; write values out"
    ]
    assert time.perf_counter() - start < 1


def test_too_deep(framework: Framework) -> None:
    # the root mapping, evidence and 32 brackets: the 32nd bracket is column 14 + 32
    content = HEAD + "evidence:\n  leadership: " + "[" * 40 + "]" * 40 + "\n"
    assert errors(content, framework) == [
        "a.yaml:4:46: nested more than 32 levels deep; score files are flat"
    ]


def test_very_deep_fails_fast(framework: Framework) -> None:
    start = time.perf_counter()
    problems = errors("[" * 100_000 + "]" * 100_000, framework)
    assert time.perf_counter() - start < 1
    # bbtool's depth check at bracket 33, unless the parser's own nesting limit fires
    # first while it reads ahead (PyYAML 6.0.4 on): refused at once either way, in
    # one short message on line 1
    assert len(problems) == 1
    assert re.match(r"a\.yaml:1:\d+: not valid YAML: |a\.yaml:1:34: nested", problems[0])
    assert len(problems[0]) < 200


def test_file_over_one_megabyte(framework: Framework) -> None:
    content = (HEAD + "#" * MAX_BYTES).encode()
    size = len(content)
    assert errors(content, framework) == [f"a.yaml: is {size:,} bytes; the limit is 1,000,000"]


def test_file_of_exactly_the_limit_is_read(framework: Framework) -> None:
    content = scores("leadership: 4").encode()
    content += b"#" * (MAX_BYTES - len(content))
    Path("a.yaml").write_bytes(content)
    record, _ = load_score_file(Path("a.yaml"), framework)
    assert record.answers.scores == {"leadership": 4}


def test_empty_file(framework: Framework) -> None:
    assert errors("", framework) == ["a.yaml: is empty; it needs at least 'participant:'"]
    assert errors("# only a comment\n", framework) == [
        "a.yaml: is empty; it needs at least 'participant:'"
    ]


def test_top_level_list(framework: Framework) -> None:
    assert errors("- Ann\n- 4\n", framework) == [
        "a.yaml:1:1: is a list, not a mapping of names to values (name: value); "
        "it needs at least 'participant:'"
    ]


def test_top_level_single_value(framework: Framework) -> None:
    assert errors("# notes\nhello\n", framework) == [
        "a.yaml:2:1: is a single value, not a mapping of names to values (name: value); "
        "it needs at least 'participant:'"
    ]


def test_section_of_the_wrong_shape(framework: Framework) -> None:
    assert errors(HEAD + "scores: [4, 3]\n", framework) == [
        "a.yaml:3:9: scores must be a mapping of names to values (name: value)"
    ]
    assert errors(HEAD + "challenges: stretched-capacity\n", framework) == [
        "a.yaml:3:13: challenges must be a list, written [a, b] or one '- item' per line"
    ]


# ------------------------------------------------------------------------ scores


@pytest.mark.parametrize("word", ["yes", "true", "no", "False"])
def test_yes_no_score(framework: Framework, word: str) -> None:
    assert errors(scores(f"leadership: {word}"), framework) == [
        "a.yaml:4:15: scores.leadership: yes/true/no/false is not a score; "
        "use a whole number from 1 to 5, or skip"
    ]


def test_fractional_score(framework: Framework) -> None:
    assert errors(scores("leadership: 3.5"), framework) == [
        "a.yaml:4:15: scores.leadership: 3.5 is not a whole number; "
        "use a whole number from 1 to 5, or skip"
    ]


def test_whole_float_score(framework: Framework) -> None:
    # 4.0 is a float in YAML: no silent coercion to 4
    assert errors(scores("leadership: 4.0"), framework) == [
        "a.yaml:4:15: scores.leadership: 4.0 is not a whole number; "
        "use a whole number from 1 to 5, or skip"
    ]


@pytest.mark.parametrize("value", [0, 6, -1, 10])
def test_score_off_the_scale(framework: Framework, value: int) -> None:
    assert errors(scores(f"leadership: {value}"), framework) == [
        f"a.yaml:4:15: scores.leadership: {value} is not on the scale; "
        "use a whole number from 1 to 5, or skip"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [("high", "'high'"), ("Skip", "'Skip'"), ("n/a", "'n/a'"), ("'4 or 5'", "'4 or 5'")],
)
def test_word_other_than_skip(framework: Framework, written: str, shown: str) -> None:
    assert errors(scores(f"leadership: {written}"), framework) == [
        f"a.yaml:4:15: scores.leadership: {shown} is not a score; "
        "use a whole number from 1 to 5, or skip"
    ]


def test_long_word_is_shortened(framework: Framework) -> None:
    assert errors(scores("leadership: " + "very " * 20), framework) == [
        "a.yaml:4:15: scores.leadership: 'very very very very very very very ...' "
        "is not a score; use a whole number from 1 to 5, or skip"
    ]


def test_number_in_quotes(framework: Framework) -> None:
    assert errors(scores('leadership: "4"'), framework) == [
        "a.yaml:4:15: scores.leadership: '4' is text in quotes; write the number without quotes"
    ]


def test_list_as_score(framework: Framework) -> None:
    assert errors(scores("leadership: [3, 4]"), framework) == [
        "a.yaml:4:15: scores.leadership: a list or mapping is not a score; "
        "use a whole number from 1 to 5, or skip"
    ]


def test_indicator_off_the_scale(framework: Framework) -> None:
    assert errors(HEAD + "indicators:\n  leadership.1: 7\n", framework) == [
        "a.yaml:4:17: indicators.leadership.1: 7 is not on the scale; "
        "use a whole number from 1 to 5, or skip"
    ]


def test_skip_and_blank_are_fine(framework: Framework) -> None:
    file = Path("a.yaml")
    file.write_text(scores("leadership: skip\n  locality:\n  common-agenda: 'skip'"))
    record, _ = load_score_file(file, framework)
    assert record.answers.scores == {
        "leadership": "skip",
        "locality": None,
        "common-agenda": "skip",
    }


# ---------------------------------------------------------------------- unknown ids


def test_unknown_enabler_with_suggestion(framework: Framework) -> None:
    assert errors(scores("leadrship: 3"), framework) == [
        "a.yaml:4:3: scores: 'leadrship' is not an enabler; did you mean 'leadership'?"
    ]


def test_unknown_enabler_without_a_close_match(framework: Framework) -> None:
    ids = ", ".join(e.id for e in framework.enablers)
    assert errors(scores("budget: 3"), framework) == [
        f"a.yaml:4:3: scores: 'budget' is not an enabler; enabler ids are: {ids}"
    ]


def test_unknown_indicator_number(framework: Framework) -> None:
    assert errors(HEAD + "indicators:\n  leadership.9: 3\n", framework) == [
        "a.yaml:4:3: indicators: 'leadership.9' is not an indicator; "
        "the indicators of leadership are leadership.1 to leadership.6"
    ]


def test_enabler_id_under_indicators(framework: Framework) -> None:
    assert errors(HEAD + "indicators:\n  locality: 3\n", framework) == [
        "a.yaml:4:3: indicators: 'locality' is not an indicator; "
        "the indicators of locality are locality.1 to locality.5"
    ]


def test_unknown_indicator_with_suggestion(framework: Framework) -> None:
    assert errors(HEAD + "indicators:\n  leadrship.2: 3\n", framework) == [
        "a.yaml:4:3: indicators: 'leadrship.2' is not an indicator; did you mean 'leadership.2'?"
    ]


def test_unknown_indicator_far_off(framework: Framework) -> None:
    assert errors(HEAD + "indicators:\n  budget.1: 3\n", framework) == [
        "a.yaml:4:3: indicators: 'budget.1' is not an indicator; "
        "every template made by 'bbtool init' lists the 55 indicator ids"
    ]


def test_unknown_challenge(framework: Framework) -> None:
    assert errors(HEAD + "challenges: [stretched-capcity]\n", framework) == [
        "a.yaml:3:14: challenges: 'stretched-capcity' is not a challenge; "
        "did you mean 'stretched-capacity'?"
    ]


def test_unknown_challenge_lists_the_ids(framework: Framework) -> None:
    content = HEAD + "challenges:\n  - stretched-capacity\n  - money\n"
    assert errors(content, framework) == [
        "a.yaml:5:5: challenges: 'money' is not a challenge; challenge ids are: "
        "technical-blockages, stretched-capacity, cultural-barriers, tensions-about-level, "
        "shifting-landscapes, competing-priorities"
    ]


def test_unknown_theme_in_reflections(framework: Framework) -> None:
    assert errors(HEAD + "reflections:\n  people-and-places: more GPs\n", framework) == [
        "a.yaml:4:3: reflections: 'people-and-places' is not a theme; "
        "did you mean 'people-and-place'?"
    ]


def test_unknown_enabler_in_evidence(framework: Framework) -> None:
    assert errors(HEAD + "evidence:\n  locallity: hubs\n", framework) == [
        "a.yaml:4:3: evidence: 'locallity' is not an enabler; did you mean 'locality'?"
    ]


def test_evidence_must_be_text(framework: Framework) -> None:
    assert errors(HEAD + "evidence:\n  locality: 5\n", framework) == [
        "a.yaml:4:13: evidence.locality must be text; "
        "put it in quotes if it starts with a number or symbol"
    ]


def test_unknown_top_level_key_with_suggestion(framework: Framework) -> None:
    assert errors(HEAD + "score:\n  leadership: 3\n", framework) == [
        "a.yaml:3:1: 'score' is not a section; did you mean 'scores'?"
    ]


@pytest.mark.parametrize("key", ["int", "str", "none", "literal["])
def test_unknown_key_that_looks_like_a_pydantic_tag(framework: Framework, key: str) -> None:
    """Found by fuzzing: such keys were taken for pydantic's union tags and dropped."""
    (message,) = errors(HEAD + f"{key}: 1\n", framework)
    assert message.startswith(f"a.yaml:3:1: {key!r} is not a section")


def test_unknown_top_level_key_lists_the_sections(framework: Framework) -> None:
    assert errors(HEAD + "colour: red\n", framework) == [
        "a.yaml:3:1: 'colour' is not a section; sections are: "
        "participant, scores, indicators, evidence, challenges, reflections"
    ]


def test_unknown_participant_key(framework: Framework) -> None:
    assert errors(HEAD + "  role: manager\n", framework) == [
        "a.yaml:3:3: participant: unknown key 'role'; allowed here: "
        "name, organisation, sector, level"
    ]


# -------------------------------------------------------------------------- names


def test_missing_name(framework: Framework) -> None:
    assert errors("participant:\n  organisation: NHS\n", framework) == [
        "a.yaml:2:3: participant.name is required"
    ]


def test_missing_participant(framework: Framework) -> None:
    assert errors("scores:\n  leadership: 3\n", framework) == [
        "a.yaml:1:1: participant is required"
    ]


@pytest.mark.parametrize(
    ("line", "column"), [("  name:", 8), ("  name: ''", 9), ("  name: '   '", 9)]
)
def test_empty_name(framework: Framework, line: str, column: int) -> None:
    assert errors(f"participant:\n{line}\n", framework) == [
        f"a.yaml:2:{column}: participant.name is empty; write the participant's name"
    ]


@pytest.mark.parametrize("value", ["42", "yes", "3.5", "[Ann, Bo]", "{first: Ann}"])
def test_name_that_is_not_text(framework: Framework, value: str) -> None:
    assert errors(f"participant:\n  name: {value}\n", framework) == [
        "a.yaml:2:9: participant.name must be text; put it in quotes"
    ]


def test_a_date_stays_the_text_that_was_typed(framework: Framework) -> None:
    Path("a.yaml").write_text("participant:\n  name: Ann\n  organisation: 2026-01-31\n")
    record, _ = load_score_file(Path("a.yaml"), framework)
    assert record.answers.participant.organisation == "2026-01-31"


def test_name_too_long(framework: Framework) -> None:
    assert errors("participant:\n  name: " + "x" * 201 + "\n", framework) == [
        "a.yaml:2:9: participant.name is too long (at most 200 characters)"
    ]


def test_every_problem_in_a_file_at_once(framework: Framework) -> None:
    # malformed values and framework checks on the well-formed rest, in one run
    content = (
        "participant:\n"
        "  name: 42\n"
        "  role: manager\n"
        "score: 1\n"
        "scores:\n"
        "  leadership: yes\n"
        "  locality: 9\n"
        "  budget: 3\n"
        "challenges: [money, 3, stretched-capacity]\n"
        "evidence:\n"
        "  leadrship: hubs\n"
        "indicators: [1]\n"
    )
    assert errors(content, framework) == [
        "a.yaml:2:9: participant.name must be text; put it in quotes",
        "a.yaml:3:3: participant: unknown key 'role'; allowed here: "
        "name, organisation, sector, level",
        "a.yaml:4:1: 'score' is not a section; did you mean 'scores'?",
        "a.yaml:6:15: scores.leadership: yes/true/no/false is not a score; "
        "use a whole number from 1 to 5, or skip",
        "a.yaml:7:13: scores.locality: 9 is not on the scale; "
        "use a whole number from 1 to 5, or skip",
        "a.yaml:8:3: scores: 'budget' is not an enabler; enabler ids are: "
        + ", ".join(e.id for e in framework.enablers),
        "a.yaml:9:14: challenges: 'money' is not a challenge; challenge ids are: "
        + ", ".join(c.id for c in framework.challenges),
        "a.yaml:9:21: challenges item 2 must be text; put it in quotes",
        "a.yaml:11:3: evidence: 'leadrship' is not an enabler; did you mean 'leadership'?",
        "a.yaml:12:13: indicators must be a mapping of names to values (name: value)",
    ]


# --------------------------------------------------------------------- warnings


def test_unanswered_enablers_are_a_warning(framework: Framework) -> None:
    assert warnings(scores("leadership: 4\n  locality:"), framework) == [
        "a.yaml:3:1: warning: 11 of 12 enablers not answered yet: "
        + ", ".join(e.id for e in framework.enablers if e.id != "leadership")
    ]


def test_mostly_threes_is_a_warning(framework: Framework) -> None:
    every = {e.id: 3 for e in framework.enablers}
    every["leadership"] = 4
    every["locality"] = 2
    body = "\n  ".join(f"{k}: {v}" for k, v in every.items())
    assert warnings(scores(body), framework) == [
        "a.yaml:3:1: warning: 10 of 12 scores are 3; "
        "the tool's advice: do not be tempted to score everything an average 3"
    ]


def test_no_scores_section_warns_at_the_top(framework: Framework) -> None:
    # nothing answered at all: not returned yet, said once rather than listing twelve
    assert warnings("# my file\n" + HEAD, framework) == [
        "a.yaml:2:1: warning: no answer yet (not returned): not counted until it holds an answer"
    ]


def test_a_file_with_only_evidence_lists_the_enablers_not_scored(framework: Framework) -> None:
    text = "# my file\n" + HEAD + "evidence:\n  leadership: The board meets monthly\n"
    assert warnings(text, framework) == [
        "a.yaml:2:1: warning: 12 of 12 enablers not answered yet: "
        + ", ".join(e.id for e in framework.enablers)
    ]


def test_half_threes_is_not_mostly(framework: Framework) -> None:
    body = "\n  ".join(f"{e.id}: {3 if i % 2 else 4}" for i, e in enumerate(framework.enablers))
    assert warnings(scores(body), framework) == []


def test_challenge_listed_twice_is_a_warning(framework: Framework) -> None:
    every = "\n  ".join(f"{e.id}: 4" for e in framework.enablers)
    content = scores(every) + "challenges: [stretched-capacity, stretched-capacity]\n"
    assert warnings(content, framework) == [
        "a.yaml:16:34: warning: challenges: 'stretched-capacity' is listed twice"
    ]


# -------------------------------------------------------------------- workspaces

ANN = HEAD + "scores:\n  leadership: 4\n"


def test_workspace_loads(make_workspace: MakeWorkspace) -> None:
    make_workspace({"a.yaml": ANN, "b.yml": ANN.replace("Ann", "Bo"), "notes.txt": "x"})
    ws = load_workspace(Path("ws"))
    assert [r.name for r in ws.records] == ["Ann", "Bo"]
    # relative to the workspace, not to where bbtool runs: reports do not depend on it
    assert [r.file for r in ws.records] == ["participants/a.yaml", "participants/b.yml"]
    assert (ws.config.area, ws.config.round) == ("Testham", "2026 spring")
    assert ws.notes == [
        "ws/participants: passed over 1 item(s) that are not score files (.yaml or .yml): notes.txt"
    ]
    assert all(w.severity == "warning" for w in ws.warnings)


def test_same_name_in_two_files(make_workspace: MakeWorkspace) -> None:
    files = {"a.yaml": ANN, "b.yaml": ANN.replace("Ann", "ann"), "c.yaml": ANN}
    assert workspace_errors(make_workspace, files) == [
        "ws/participants/b.yaml:2:9: participant.name: 'ann' is already used in "
        "ws/participants/a.yaml; each participant needs their own name",
        "ws/participants/c.yaml:2:9: participant.name: 'Ann' is already used in "
        "ws/participants/a.yaml; each participant needs their own name",
    ]


def test_every_problem_in_every_file_in_one_load(make_workspace: MakeWorkspace) -> None:
    files = {
        "a.yaml": ANN.replace("4", "yes"),
        "b.yaml": "",
        "c.yaml": ANN.replace("Ann", "Cy").replace("4", "9") + "  locality: 0\n",
        "d.yaml": ANN.replace("Ann", "Di"),
        "e.yaml": "participant: [\n",
    }
    root = make_workspace(files)
    with pytest.raises(InputError) as info:
        load_workspace(Path(root.name))
    found = [str(p) for p in info.value.problems]
    assert [parser_wording_hidden(p) for p in found if ": warning: " not in p] == [
        "ws/participants/a.yaml:4:15: scores.leadership: yes/true/no/false is not a score; "
        "use a whole number from 1 to 5, or skip",
        "ws/participants/b.yaml: is empty; it needs at least 'participant:'",
        "ws/participants/c.yaml:4:15: scores.leadership: 9 is not on the scale; "
        "use a whole number from 1 to 5, or skip",
        "ws/participants/c.yaml:5:13: scores.locality: 0 is not on the scale; "
        "use a whole number from 1 to 5, or skip",
        "ws/participants/e.yaml:2:1: not valid YAML: …",
    ]
    # every file's warnings come along, marked as warnings: the valid file's, and
    # those of the files with errors, where a score found wrong counts as answered
    rest = (
        "common-agenda, joint-governance, communicating-why, mutual-understanding, "
        "working-practices, locality, single-service, information-sharing, "
        "delivery-partners, families-as-partners, continuous-improvement"
    )
    assert [p for p in found if ": warning: " in p] == [
        f"ws/participants/a.yaml:3:1: warning: 11 of 12 enablers not answered yet: {rest}",
        "ws/participants/c.yaml:3:1: warning: 10 of 12 enablers not answered yet: "
        + rest.replace("locality, ", ""),
        f"ws/participants/d.yaml:3:1: warning: 11 of 12 enablers not answered yet: {rest}",
    ]


def test_no_score_files(make_workspace: MakeWorkspace) -> None:
    assert workspace_errors(make_workspace, {}) == [
        "ws/participants: holds no score files (.yaml or .yml); add one per participant, "
        "or run 'bbtool init --participants N'"
    ]


def test_missing_folder() -> None:
    with pytest.raises(UsageError, match=r"^nowhere: no such folder$"):
        load_workspace(Path("nowhere"))


# ------------------------------------------------------------------ bbtool.yaml


def config_errors(make_workspace: MakeWorkspace, config: str | None) -> list[str]:
    return workspace_errors(make_workspace, {"a.yaml": ANN}, config=config)


def test_no_config(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, None) == [
        "ws: has no bbtool.yaml; is this a bbtool workspace? Create one with 'bbtool init'"
    ]


def test_config_empty(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "") == [
        "ws/bbtool.yaml: is empty; it needs at least 'area:' and 'round:'"
    ]


def test_config_unknown_key(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "area: X\nround: '1'\ncolour: red\n") == [
        "ws/bbtool.yaml:3:1: 'colour' is not a setting; "
        "settings are: area, round, framework, thresholds, date, levels"
    ]


def test_config_unknown_key_with_suggestion(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "area: X\nround: '1'\nframwork: x\n") == [
        "ws/bbtool.yaml:3:1: 'framwork' is not a setting; did you mean 'framework'?"
    ]


def test_config_missing_area(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "round: '1'\n") == ["ws/bbtool.yaml:1:1: area is required"]


def test_config_empty_area(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "area:\nround: '1'\n") == [
        "ws/bbtool.yaml:1:6: area is empty; write it as text"
    ]


def test_config_round_may_be_a_year(make_workspace: MakeWorkspace) -> None:
    make_workspace({"a.yaml": ANN}, config="area: X\nround: 2026\n")
    assert load_workspace(Path("ws")).config.round == "2026"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("low: high", "4:8: thresholds.low must be a number"),
        ("low: yes", "4:8: thresholds.low must be a number"),
        ("camp_min: yes", "4:13: thresholds.camp_min must be a whole number"),
        ("camp_min: 2.5", "4:13: thresholds.camp_min must be a whole number"),
        ("camp_min: '3'", "4:13: thresholds.camp_min must be a whole number"),
        ("camp_divisor: 0", "4:17: thresholds.camp_divisor must be at least 1"),
        ("polarised_min_n: 1", "4:20: thresholds.polarised_min_n must be at least 2"),
        ("low_camp: 4", "4:13: thresholds: low_camp must be below high_camp"),
        (
            "high_camp: 7",
            "4:14: thresholds.high_camp: 7 is off the scale; give a whole number from 1 to 5",
        ),
        ("low: 0.5", "4:8: thresholds.low: 0.5 is off the scale; give a number from 1 to 5"),
        ("low_min_n: 0", "4:14: thresholds.low_min_n must be at least 1"),
        ("lowe: 2", "4:3: thresholds: 'lowe' is not a threshold; did you mean 'low'?"),
    ],
)
def test_config_bad_threshold(make_workspace: MakeWorkspace, setting: str, message: str) -> None:
    config = f"area: X\nround: '1'\nthresholds:\n  {setting}\n"
    assert config_errors(make_workspace, config) == [f"ws/bbtool.yaml:{message}"]


def test_config_thresholds_not_a_mapping(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "area: X\nround: '1'\nthresholds: [2]\n") == [
        "ws/bbtool.yaml:3:13: thresholds must be a mapping of names to values (name: value)"
    ]


def test_config_thresholds_are_used(make_workspace: MakeWorkspace) -> None:
    make_workspace({"a.yaml": ANN}, config="area: X\nround: '1'\nthresholds:\n  low: 3\n")
    thresholds = load_workspace(Path("ws")).thresholds
    assert thresholds.low == 3
    assert thresholds.camp_min == 2  # the rest keep their defaults


def test_framework_path_missing(make_workspace: MakeWorkspace) -> None:
    assert config_errors(make_workspace, "area: X\nround: '1'\nframework: nowhere\n") == [
        "ws/bbtool.yaml:3:12: framework: 'nowhere' is not a folder holding enablers.yaml"
    ]


def test_framework_folder_without_enablers(make_workspace: MakeWorkspace) -> None:
    Path("ws/fw").mkdir(parents=True)
    assert config_errors(make_workspace, "area: X\nround: '1'\nframework: fw\n") == [
        "ws/fw: has no enablers.yaml"
    ]


def test_config_errors_come_before_score_files(make_workspace: MakeWorkspace) -> None:
    # a bad bbtool.yaml stops loading: scores cannot be checked without its framework
    files = {"a.yaml": ANN.replace("4", "yes")}
    assert workspace_errors(make_workspace, files, config="round: '1'\n") == [
        "ws/bbtool.yaml:1:1: area is required"
    ]


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_threshold_must_be_finite(make_workspace: MakeWorkspace, value: str) -> None:
    config = f'area: Testham\nround: "2026"\nthresholds:\n  low: {value}\n'
    assert workspace_errors(make_workspace, {"a.yaml": HEAD}, config=config) == [
        "ws/bbtool.yaml:4:8: thresholds.low must be a finite number, not .nan or .inf; "
        "write a number such as 2.5"
    ]


# ---------------------------------------------------------------- agreed.yaml


def test_agreed_key_with_spaces_around_is_the_same_key(framework: Framework) -> None:
    assert agreed_errors('agreed:\n  leadership: 1\n  " leadership": 5\n', framework) == [
        "agreed.yaml:3:3: agreed: 'leadership' is given twice (here as ' leadership') "
        "(first on line 2); keep one, or the other answer would be lost"
    ]


def agreed_errors(content: str, framework: Framework) -> list[str]:
    file = Path("agreed.yaml")
    file.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_agreed_file(file, framework)
    return [str(p) for p in info.value.problems]


def test_a_good_file_loads(make_workspace: MakeWorkspace) -> None:
    ws = load_workspace(agreed_workspace(make_workspace))
    assert ws.agreed == AgreedFile(
        agreed={"leadership": 4, "common-agenda": 3, "joint-governance": "skip", "locality": 2},
        targets={"leadership": 5, "joint-governance": 3, "single-service": 4},
        notes={"leadership": "Board agreed 4: the strategy is signed off, not yet funded"},
    )
    assert not [p for p in ws.warnings if p.path.endswith("agreed.yaml")]


def test_no_file_and_an_empty_file_agree_nothing(make_workspace: MakeWorkspace) -> None:
    root = agreed_workspace(make_workspace, agreed=None)
    assert load_workspace(root).agreed is None
    assert not agreed_report(root).agreed_given
    (root / "agreed.yaml").write_text("# to fill in after the meeting\n")
    assert load_workspace(root).agreed == AgreedFile()
    (root / "agreed.yaml").write_text("agreed:\ntargets:\nnotes:\n")
    assert load_workspace(root).agreed == AgreedFile()


def test_scores_are_held_to_the_score_file_rules(framework: Framework) -> None:
    content = (
        "agreed:\n"
        "  leadership: yes\n"  # line 2
        "  common-agenda: 3.5\n"
        '  joint-governance: "4"\n'
        "  locality: 6\n"
        "  leadrship: 2\n"  # line 6
        "  single-service: maybe\n"
        "targets:\n"
        "  leadership: 0\n"  # line 9
        "  common-agenda: [4]\n"
        "notes:\n"
        "  leadership: 5\n"  # line 12
        "  famlies-as-partners: x\n"
    )
    assert agreed_errors(content, framework) == [
        f"agreed.yaml:2:15: agreed.leadership: yes/true/no/false is not a score; {USE}",
        f"agreed.yaml:3:18: agreed.common-agenda: 3.5 is not a whole number; {USE}",
        "agreed.yaml:4:21: agreed.joint-governance: '4' is text in quotes; "
        "write the number without quotes",
        f"agreed.yaml:5:13: agreed.locality: 6 is not on the scale; {USE}",
        "agreed.yaml:6:3: agreed: 'leadrship' is not an enabler; did you mean 'leadership'?",
        f"agreed.yaml:7:19: agreed.single-service: 'maybe' is not a score; {USE}",
        f"agreed.yaml:9:15: targets.leadership: 0 is not on the scale; {USE}",
        f"agreed.yaml:10:18: targets.common-agenda: a list or mapping is not a score; {USE}",
        "agreed.yaml:12:15: notes.leadership must be text; "
        "put it in quotes if it starts with a number or symbol",
        "agreed.yaml:13:3: notes: 'famlies-as-partners' is not an enabler; "
        "did you mean 'families-as-partners'?",
    ]


def test_sections_keys_and_shape(framework: Framework) -> None:
    assert agreed_errors("agreed:\n  leadership: 4\ntarget:\n  leadership: 5\n", framework) == [
        "agreed.yaml:3:1: 'target' is not a section; did you mean 'targets'?"
    ]
    assert agreed_errors("agreed:\n  leadership: 4\nscores:\n  leadership: 5\n", framework) == [
        "agreed.yaml:3:1: 'scores' is not a section; sections are: agreed, targets, notes"
    ]
    assert agreed_errors("agreed:\n  leadership: 4\n  leadership: 3\n", framework) == [
        "agreed.yaml:3:3: agreed: 'leadership' is given twice (first on line 2); "
        "keep one, or the other answer would be lost"
    ]
    assert agreed_errors("agreed: 4\n", framework) == [
        "agreed.yaml:1:9: agreed must be a mapping of names to values (name: value)"
    ]
    assert agreed_errors("- leadership\n", framework) == [
        "agreed.yaml:1:1: is a list, not a mapping of names to values (name: value); "
        "write the sections agreed:, targets: and notes:"
    ]
    assert agreed_errors("agreed:\n  xyz: 4\n", framework) == [
        "agreed.yaml:2:3: agreed: 'xyz' is not an enabler; enabler ids are: leadership, "
        "common-agenda, joint-governance, communicating-why, mutual-understanding, "
        "working-practices, locality, single-service, information-sharing, "
        "delivery-partners, families-as-partners, continuous-improvement"
    ]


def test_a_target_below_the_agreed_score_is_a_warning(framework: Framework) -> None:
    file = Path("agreed.yaml")
    file.write_text(
        "agreed:\n  leadership: 4\n  locality: 2\ntargets:\n  leadership: 3\n  locality: 2\n"
    )
    agreed, warnings = load_agreed_file(file, framework)
    assert agreed.targets == {"leadership": 3, "locality": 2}
    assert [str(p) for p in warnings] == [
        "agreed.yaml:5:15: warning: targets.leadership: 3 is below the agreed score, 4; "
        "a target is usually at least where the partnership stands"
    ]


# ----------------------------------------------------------- reading progress


def test_load_workspace_reports_each_file_and_the_end() -> None:
    calls: list[tuple[int, int]] = []
    workspace = load_workspace(DEMO, lambda done, total: calls.append((done, total)))
    total = len(workspace.records)
    assert calls == [(done, total) for done in range(total + 1)]


def test_report_output_is_the_same_with_the_progress_hook() -> None:
    calls: list[tuple[int, int]] = []
    with_hook = load_workspace(DEMO, lambda done, total: calls.append((done, total)))
    without = load_workspace(DEMO)
    assert with_hook.records == without.records
    assert with_hook.warnings == without.warnings


# ------------------------------------------------------- framework size limits


def _framework_errors(folder: Path) -> list[str]:
    """The problems loading ``folder`` gives, each as 'line:column: message' in its
    enablers.yaml."""
    from bbtool.workspace.loader import load_framework

    with pytest.raises(InputError) as caught:
        load_framework(folder)
    said = [str(p) for p in caught.value.problems]
    assert all(f"{folder.name}/enablers.yaml:" in p.replace("\\", "/") for p in said)
    return [p.split("enablers.yaml:", 1)[1] for p in said]


def test_a_framework_past_the_documented_limits_is_refused(tmp_path: Path) -> None:
    from _frameworks import Shape, write_framework
    from bbtool.core.models import MAX_ENABLERS, MAX_INDICATORS, MAX_SCALE_POINTS

    enablers = _framework_errors(write_framework(tmp_path / "a", Shape(enablers=41, themes=2)))
    assert enablers == [f"1:1: has 41 enablers; at most {MAX_ENABLERS} are allowed"]
    indicators = _framework_errors(write_framework(tmp_path / "b", Shape(indicators=13)))
    assert indicators[0] == (
        "33:11: themes item 1.enablers item 1.indicators "
        f"has 13; at most {MAX_INDICATORS} are allowed"
    )
    points = _framework_errors(write_framework(tmp_path / "c", Shape(points=12)))
    assert points == [f"10:5: scale.points has 12; at most {MAX_SCALE_POINTS} are allowed"]


def test_a_framework_at_the_limits_loads(tmp_path: Path) -> None:
    from _frameworks import Shape, write_framework
    from bbtool.core.models import MAX_ENABLERS, MAX_INDICATORS, MAX_SCALE_POINTS, MAX_TITLE
    from bbtool.workspace.loader import load_framework

    shape = Shape(
        points=MAX_SCALE_POINTS,
        enablers=MAX_ENABLERS,
        themes=4,
        indicators=MAX_INDICATORS,
        long=True,
    )
    framework = load_framework(write_framework(tmp_path / "fw", shape))
    assert len(framework.enablers) == MAX_ENABLERS
    assert max(len(e.title) for e in framework.enablers) == MAX_TITLE


# ------------------------------------ YAML mistakes people make (issue 15, item 6)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (  # the next line's colon is where the parser stops; the slip is a line above
            scores("leadership:4\n  common-agenda: 3"),
            "a.yaml:4:14: leadership: put a space after the colon: write 'leadership: 4', "
            "not 'leadership:4'",
        ),
        (  # the last answer of the file
            scores("common-agenda: 3\n  leadership:4"),
            "a.yaml:5:14: leadership: put a space after the colon: write 'leadership: 4', "
            "not 'leadership:4'",
        ),
        (  # the only answer of its section: read as text, where answers were wanted
            scores("leadership:4") + "evidence:\n",
            "a.yaml:4:3: scores: put a space after the colon: write 'leadership: 4'",
        ),
        (
            HEAD + "evidence:\n  leadership: Zoë's board meets monthly: every partner attends\n"
            "  common-agenda: agreed\n",
            "a.yaml:4:15: leadership: the text holds a colon and a space (': '); put the text "
            'in double quotes: "Zoë\'s board meets monthly: every partner attends"',
        ),
        (
            HEAD + "  organisation: 'Siobhán's team'\n  sector: health\n",
            "a.yaml:3:17: organisation: an apostrophe ends text in single quotes; use double "
            'quotes around text with an apostrophe: "Siobhán\'s team"',
        ),
        (
            HEAD + "evidence:\n  leadership: 'Ó Briain''s plan, then Siobhán's'\n",
            "a.yaml:4:15: leadership: an apostrophe ends text in single quotes; use double "
            "quotes around text with an apostrophe: \"Ó Briain's plan, then Siobhán's\"",
        ),
    ],
    ids=["no-space", "no-space-last", "no-space-only", "colon", "apostrophe", "two-apostrophes"],
)
def test_yaml_slips_said_in_plain_words_at_their_line(
    framework: Framework, content: str, problem: str
) -> None:
    assert errors(content, framework) == [problem]


def test_a_comment_after_an_empty_answer_is_warned_of(framework: Framework) -> None:
    content = (
        HEAD + "scores:\n  leadership: #1 priority\n  common-agenda:  # not sure yet\n"
        "evidence:\n  leadership: #1 priority for Zoë's team\n  common-agenda: # see the minutes\n"
        "reflections:\n  people-and-place: # more joint training with Siobhán's team\n"
        "  purpose-and-priorities:\n"
    )
    found = [w for w in warnings(content, framework) if "'#'" in w]
    read = "is empty, and what follows '#' is a comment, which is not read; if it is your answer"
    assert found == [
        f"a.yaml:4:15: warning: scores.leadership: {read}, write the score before any #",
        f"a.yaml:7:15: warning: evidence.leadership: {read}, put the text in double quotes: "
        'leadership: "#1 priority for Zoë\'s team"',
        f"a.yaml:8:18: warning: evidence.common-agenda: {read}, put the text in double "
        'quotes: common-agenda: "see the minutes"',
        f"a.yaml:10:21: warning: reflections.people-and-place: {read}, put the text in "
        'double quotes: people-and-place: "more joint training with Siobhán\'s team"',
    ]


# ------------------------------------------- levels (issue 15, item 2)


def _level_file(level: str) -> str:
    return f'participant:\n  name: "Zoë Ó Briain"\n  level: {level}\n'


@pytest.mark.parametrize(
    ("level", "problem"),
    [
        ("operatonal", "'operatonal' is not a level; did you mean 'operational'?"),
        (
            "frontline",
            "'frontline' is not a level; the levels are: strategic, operational (a workspace "
            "sets its own in bbtool.yaml, levels:)",
        ),
    ],
)
def test_level_is_one_of_the_levels(
    make_workspace: MakeWorkspace, level: str, problem: str
) -> None:
    found = workspace_errors(make_workspace, {"a.yaml": _level_file(level)})
    assert found == [f"ws/participants/a.yaml:3:10: participant.level: {problem}"]


def test_level_in_any_capitals_is_the_level(make_workspace: MakeWorkspace) -> None:
    root = make_workspace(
        {
            "a.yaml": _level_file('" Operational "'),
            "b.yaml": _level_file("STRATEGIC").replace("Zoë", "Zoe"),
        }
    )
    ws = load_workspace(Path(root.name))
    assert [r.answers.participant.level for r in ws.records] == ["Operational", "STRATEGIC"]


def test_levels_set_in_bbtool_yaml(make_workspace: MakeWorkspace) -> None:
    config = 'area: Testham\nround: "2026"\nlevels: [strategic, operational, Front line]\n'
    root = make_workspace({"a.yaml": _level_file("front  line")}, config=config)
    ws = load_workspace(Path(root.name))
    assert ws.framework.levels == ("strategic", "operational", "Front line")
    found = workspace_errors(
        make_workspace, {"a.yaml": _level_file("frontlin")}, config=config, name="ws2"
    )
    assert found == [
        "ws2/participants/a.yaml:3:10: participant.level: 'frontlin' is not a level; "
        "did you mean 'Front line'?"
    ]


@pytest.mark.parametrize(
    ("levels", "problems"),
    [
        (
            "[strategic, Strategic, 'a, b', '']",
            [
                "ws/bbtool.yaml:3:21: levels item 2: 'Strategic' is given twice (first as item 1)",
                "ws/bbtool.yaml:3:32: levels item 3: 'a, b' holds a comma; a level cannot "
                "(the form lists them with commas)",
                "ws/bbtool.yaml:3:40: levels item 4: is empty; write a level",
            ],
        ),
        (
            "[]",
            [
                "ws/bbtool.yaml:3:9: levels: is empty; list the levels participants may "
                "give, e.g. [strategic, operational]"
            ],
        ),
        ("[strategic, 2]", ["ws/bbtool.yaml:3:21: levels item 2 must be text; put it in quotes"]),
    ],
)
def test_bad_levels_in_bbtool_yaml(
    make_workspace: MakeWorkspace, levels: str, problems: list[str]
) -> None:
    config = f'area: Testham\nround: "2026"\nlevels: {levels}\n'
    assert config_errors(make_workspace, config) == problems
