"""A framework folder read strictly: each file its own keys, and every problem with
its file, line, column and message (``workspace/framework_files.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from _demo import ROOT
from bbtool.core.models import Thresholds
from bbtool.errors import InputError
from bbtool.workspace.framework_files import load_framework, own_keys
from bbtool.workspace.loader import load_settings

PARKS = ROOT / "examples" / "parks-framework"

pytestmark = pytest.mark.usefixtures("in_tmp")


def folder(edits: dict[str, list[tuple[str, str]]] | None = None, **files: str) -> Path:
    """The example framework copied to ./fw, with ``(old, new)`` text edits per file
    and whole files given as text (``casestudies="..."``)."""
    target = Path("fw")
    shutil.copytree(PARKS, target)
    for name, changes in (edits or {}).items():
        file = target / name
        text = file.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, old
            text = text.replace(old, new, 1)
        file.write_text(text, encoding="utf-8")
    for stem, text in files.items():
        (target / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return target


def problems(target: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_framework(target)
    return [str(p) for p in caught.value.problems]


def line_of(target: Path, name: str, text: str, nth: int = 1) -> int:
    lines = (target / name).read_text(encoding="utf-8").splitlines()
    wanted = text.strip().removeprefix("- ")
    found = [i for i, line in enumerate(lines, 1) if line.strip().removeprefix("- ") == wanted]
    return found[nth - 1]


def test_the_example_loads() -> None:
    framework = load_framework(PARKS)
    assert [e.id for e in framework.enablers] == ["shared-plan", "joint-decisions", "volunteers"]
    assert framework.scale.values == [1, 2, 3, 4]
    assert framework.thresholds == Thresholds(low=2.125, low_camp=1, high_camp=4)
    assert framework.case_studies == []


def test_each_file_holds_its_own_keys() -> None:
    assert own_keys("challenges.yaml") == ["challenges"]
    assert own_keys("casestudies.yaml") == [
        "case_study_label",
        "case_studies_source",
        "case_studies",
    ]
    assert "themes" in own_keys("enablers.yaml")
    assert "case_studies" not in own_keys("enablers.yaml")


def test_themes_in_casestudies_and_name_in_challenges_are_refused() -> None:
    target = folder(
        {"challenges.yaml": [("challenges:\n", 'name: "Renamed"\nchallenges:\n')]},
        casestudies="case_studies: []\nthemes: []\nsumary: x\n",
    )
    assert sorted(problems(target)) == [
        "fw/casestudies.yaml:2:1: 'themes:' belongs in enablers.yaml, not in "
        "casestudies.yaml; each framework file holds its own part",
        "fw/casestudies.yaml:3:1: unknown key 'sumary'; casestudies.yaml holds: "
        "case_study_label, case_studies_source, case_studies",
        "fw/challenges.yaml:3:1: 'name:' belongs in enablers.yaml, not in challenges.yaml; "
        "each framework file holds its own part",
    ]
    # the rest of the framework is untouched: its name and themes are enablers.yaml's
    target.joinpath("challenges.yaml").unlink()
    target.joinpath("casestudies.yaml").write_text("case_studies: []\n", encoding="utf-8")
    assert load_framework(target).name == "Green spaces partnership self-review"


def test_enabler_id_used_twice_is_shown_at_the_second() -> None:
    target = folder({"enablers.yaml": [("- id: joint-decisions", "- id: shared-plan")]})
    second = line_of(target, "enablers.yaml", "- id: shared-plan", 2)
    first = line_of(target, "enablers.yaml", "- id: shared-plan", 1)
    assert problems(target)[0] == (
        f"fw/enablers.yaml:{second}:13: enabler id 'shared-plan' is used twice; each needs "
        f"its own (the first is at line {first})"
    )


def test_indicator_and_theme_ids_used_twice() -> None:
    target = folder(
        {
            "enablers.yaml": [
                ("id: shared-plan.2", "id: shared-plan.1"),
                ("- id: practice", "- id: direction"),
            ]
        }
    )
    ind = line_of(target, "enablers.yaml", "id: shared-plan.1", 2)
    theme = line_of(target, "enablers.yaml", "- id: direction", 2)
    first_theme = line_of(target, "enablers.yaml", "- id: direction", 1)
    assert problems(target) == [
        f"fw/enablers.yaml:{ind}:17: indicator id 'shared-plan.1' is used twice; each needs "
        f"its own (the first is at line {ind - 2})",
        f"fw/enablers.yaml:{theme}:9: theme id 'direction' is used twice; each needs its own "
        f"(the first is at line {first_theme})",
    ]


def test_challenge_ids_used_twice() -> None:
    target = folder({"challenges.yaml": [("id: who-decides", "id: funding-cycles")]})
    line = line_of(target, "challenges.yaml", "id: funding-cycles", 2)
    assert problems(target) == [
        f"fw/challenges.yaml:{line}:9: challenge id 'funding-cycles' is used twice; each "
        "needs its own (the first is at line 4)"
    ]


CASES = """case_studies:
  - id: "A"
    title: "One"
    place: "Here"
    summary: "s"
    enablers: [shared-plan, volunteer]
  - id: "A"
    title: "Two"
    place: "There"
    summary: "s"
"""


def test_case_studies_refer_to_enablers_and_have_their_own_ids() -> None:
    assert problems(folder(casestudies=CASES)) == [
        "fw/casestudies.yaml:6:29: case study 'A' names 'volunteer', which is not an enabler; "
        "the enablers are: shared-plan, joint-decisions, volunteers",
        "fw/casestudies.yaml:7:9: case study id 'A' is used twice; each needs its own "
        "(the first is at line 2)",
    ]


def test_empty_and_dotted_ids() -> None:
    target = folder(
        {
            "enablers.yaml": [
                ("- id: joint-decisions", '- id: ""'),
                ("- id: volunteers", "- id: volunteers.all"),
            ]
        }
    )
    empty = line_of(target, "enablers.yaml", '- id: ""')
    assert problems(target) == [
        f"fw/enablers.yaml:{empty}:13: themes item 1.enablers item 2.id is empty; write it as text"
    ]
    # once the empty id is written, the dotted one (and its indicators) show
    target.joinpath("enablers.yaml").write_text(
        target.joinpath("enablers.yaml")
        .read_text(encoding="utf-8")
        .replace('- id: ""', "- id: joint-decisions"),
        encoding="utf-8",
    )
    dotted = line_of(target, "enablers.yaml", "- id: volunteers.all")
    found = problems(target)
    assert found[0] == (
        f"fw/enablers.yaml:{dotted}:13: enabler id 'volunteers.all' holds a dot; dots join an "
        "enabler's id to its indicators' numbers, so write it with - or _ instead"
    )
    assert found[1] == (
        f"fw/enablers.yaml:{dotted + 4}:17: indicator id 'volunteers.1' must be its enabler's "
        "id, a dot and a number or word: volunteers.all.1, volunteers.all.2, ..."
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "value: 2",
            'value: "2"',
            "scale.points item 2.value: is text in quotes; write the number without quotes",
        ),
        ("value: 2", "value: 2.5", "scale.points item 2.value: must be a whole number, such as 1"),
        (
            "value: 2",
            "value: 5",
            "5 does not follow 1; the scale's values run up one at a time, "
            "lowest first (1, 2, ...)",
        ),
    ],
)
def test_scale_values_are_whole_numbers_in_order(old: str, new: str, message: str) -> None:
    target = folder({"enablers.yaml": [(old, new)]})
    line = line_of(target, "enablers.yaml", new)
    assert problems(target) == [f"fw/enablers.yaml:{line}:14: {message}"]


def test_a_scale_of_one_point_in_plain_words() -> None:
    text = (PARKS / "enablers.yaml").read_text(encoding="utf-8")
    start, end = text.index("    - value: 2"), text.index("skip_label")
    target = folder({"enablers.yaml": [(text[start:end], "\n")]})
    assert problems(target) == [
        "fw/enablers.yaml:16:5: scale.points: a scale needs at least 2 points, a lowest and "
        "a highest"
    ]


def test_framework_thresholds_are_checked_at_their_line() -> None:
    target = folder(
        {
            "enablers.yaml": [
                ("skip_label:", "thresholds:\n  low: 4.5\n  high_camp: .nan\nskip_label:")
            ]
        }
    )
    line = line_of(target, "enablers.yaml", "low: 4.5")
    assert problems(target) == [
        f"fw/enablers.yaml:{line + 1}:14: thresholds.high_camp must be a whole number",
    ]
    target.joinpath("enablers.yaml").write_text(
        target.joinpath("enablers.yaml")
        .read_text(encoding="utf-8")
        .replace("  high_camp: .nan\n", ""),
        encoding="utf-8",
    )
    assert problems(target) == [
        f"fw/enablers.yaml:{line}:8: thresholds.low: 4.5 is off the scale; give a number "
        "from 1 to 4"
    ]


def test_framework_thresholds_then_the_workspace_s(make_workspace: object) -> None:
    target = folder({"enablers.yaml": [("skip_label:", "thresholds:\n  low: 2.5\nskip_label:")]})
    assert load_framework(target).thresholds == Thresholds(low=2.5, low_camp=1, high_camp=4)
    ws = Path("ws")
    (ws / "participants").mkdir(parents=True)
    (ws / "bbtool.yaml").write_text(
        "area: A\nround: '1'\nframework: ../fw\nthresholds:\n  high_camp: 3\n", encoding="utf-8"
    )
    _, _, thresholds = load_settings(ws)
    assert thresholds == Thresholds(low=2.5, low_camp=1, high_camp=3)
    (ws / "bbtool.yaml").write_text(
        "area: A\nround: '1'\nframework: ../fw\nthresholds:\n  low_camp: 0\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_settings(ws)
    assert [str(p) for p in caught.value.problems] == [
        "ws/bbtool.yaml:5:13: thresholds.low_camp: 0 is off the scale; give a whole number "
        "from 1 to 4"
    ]
