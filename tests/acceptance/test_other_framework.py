"""Another framework, run as easily as the built-in one: the example in
``examples/parks-framework`` (a 1-4 scale, a theme with one enabler, no case studies)
through the whole pipeline, the README's "Another framework" section as written, and
every command run in a workspace using the workspace's framework untold."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from _answers import whole_run
from _demo import ROOT
from _forms import fill
from _outputs import outputs
from bbtool.cli import app
from bbtool.core.models import Framework
from bbtool.workspace.loader import load_framework, load_workspace
from conftest import Run

PARKS_FRAMEWORK = ROOT / "examples" / "parks-framework"
ENABLERS = ("shared-plan", "joint-decisions", "volunteers")

pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.fixture(scope="module")
def parks() -> Framework:
    return load_framework(PARKS_FRAMEWORK)


def by_id(items: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {item["id"]: item for item in items}


def _copy_examples() -> None:
    shutil.copytree(ROOT / "examples", "examples")


# ------------------------------------------------------------ the example round


def test_the_example_round_is_flagged_by_the_scale_s_own_rule(run: Run) -> None:
    _copy_examples()
    done = run("report", "examples/parks", "--json", "--out", "out", "-q")
    assert done.exit_code == 0, done.output
    data = json.loads(Path("out/riverside-2026.json").read_text(encoding="utf-8"))
    assert data["thresholds"]["low"] == 2.125  # 1 + 0.375 x 3
    assert (data["thresholds"]["low_camp"], data["thresholds"]["high_camp"]) == (1, 4)
    enablers = by_id(data["enablers"])
    assert enablers["shared-plan"]["mean"] == 2.0  # (2 + 2 + 1 + 2 + 3) / 5
    assert enablers["shared-plan"]["low"] is True
    assert enablers["joint-decisions"]["polarised"] is True  # 1, 4, 4, 1, 4
    assert enablers["joint-decisions"]["low"] is False  # 2.8
    assert enablers["volunteers"]["mean"] == 3.25  # 3, 3, 4, 3 and a skip
    indicators = by_id(data["indicators"])
    assert indicators["volunteers.2"]["n"] == 1
    assert indicators["volunteers.2"]["low"] is None  # one person: too few to flag
    assert data["case_studies"] == []


# ------------------------------------------------------------ the README, as written


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Another framework\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_section_runs_as_written() -> None:
    """From a fresh clone: every command in the section, in order, from its root."""
    _copy_examples()
    commands = _readme_commands()
    assert [c.split()[:2] for c in commands] == [
        ["bbtool", "check"],
        ["bbtool", "init"],
        ["bbtool", "form"],
        ["bbtool", "report"],
        ["bbtool", "report"],
    ]
    for command in commands:
        done = CliRunner().invoke(app, shlex.split(command)[1:])
        assert done.exit_code == 0, f"{command}\n{done.output}"
    config = Path("riverside-2027/bbtool.yaml").read_text(encoding="utf-8")
    assert 'framework: "../examples/parks-framework"' in config
    template = Path("riverside-2027/participants/01-amira-haddad.yaml").read_text("utf-8")
    assert "  volunteers:\n" in template
    assert "leadership" not in template
    assert "average" not in template  # 1-4 has no middle point
    schema = json.loads(Path("riverside-2027/bbtool.schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["properties"]["scores"]["properties"]) == [
        "joint-decisions",
        "shared-plan",
        "volunteers",
    ]
    form = load_workbook("riverside-2027/forms/ellen-morris.xlsx")
    assert not any("average" in str(c.value) for ws in form for row in ws.iter_rows() for c in row)
    made = {p.name for p in Path("riverside-report").iterdir()}
    assert {"riverside-2026.json", "riverside-2026.xlsx", "riverside-2026.md"} <= made
    assert {"riverside-2026.html", "radar-enablers.png"} <= made


# ------------------------------------------------------------ every command, untold


def test_init_then_every_command_uses_the_workspace_s_framework(
    run: Run, parks: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_examples()
    done = run("init", "ws", "--framework", "examples/parks-framework", "--names", "Ann,Bo")
    assert done.exit_code == 0, done.output
    assert 'framework: "../examples/parks-framework"\n' in Path("ws/bbtool.yaml").read_text(
        encoding="utf-8"
    )
    # init again: more people, the same framework; another framework is refused
    assert run("init", "ws", "--names", "Cy").exit_code == 0
    assert "volunteers:" in Path("ws/participants/03-cy.yaml").read_text(encoding="utf-8")
    refused = run("init", "ws", "--framework", str(ROOT / "framework"), "--names", "Di")
    assert refused.exit_code == 2
    assert "ws/bbtool.yaml already names the framework '../examples/parks-framework'" in (
        refused.stderr
    )
    assert not Path("ws/participants/04-di.yaml").exists()
    # the people fill in their templates (a score on 1-4 each)
    for stem, scores in (("01-ann", (1, 4, 2)), ("02-bo", (2, 4, 3)), ("03-cy", (1, 1, 3))):
        file = Path(f"ws/participants/{stem}.yaml")
        text = file.read_text(encoding="utf-8")
        for enabler, value in zip(ENABLERS, scores, strict=True):
            text = text.replace(f"  {enabler}:\n", f"  {enabler}: {value}\n")
        file.write_text(text, encoding="utf-8")
    assert run("check", "ws").exit_code == 0
    shown = run("score", "ws/participants/01-ann.yaml")
    assert shown.exit_code == 0, shown.output
    assert "Shared plan" in shown.stdout
    # a score of 5 is off this scale, wherever the file is checked from
    bad = Path("ws/participants/01-ann.yaml")
    bad.write_text(bad.read_text("utf-8").replace("volunteers: 2", "volunteers: 5"), "utf-8")
    refused = run("score", bad)
    assert refused.exit_code == 1
    assert "scores.volunteers: 5 is not on the scale" in refused.stderr
    bad.write_text(bad.read_text("utf-8").replace("volunteers: 5", "volunteers: 2"), "utf-8")
    # score -i on a new file in the workspace asks this framework's questions
    new = Path("ws/participants/04-dee.yaml")
    answers = ["Dee", "", "", "", *whole_run(parks, "4")]
    asked = CliRunner().invoke(
        app, ["score", str(new), "-i"], input="".join(f"{a}\n" for a in answers)
    )
    assert asked.exit_code == 0, asked.output
    assert "Volunteers" in asked.stdout
    assert load_workspace(Path("ws")).records[-1].answers.scores == {
        "shared-plan": 4,
        "joint-decisions": 4,
        "volunteers": 4,
    }
    # schema, in the workspace
    schema = CliRunner().invoke(app, ["schema"], catch_exceptions=False)
    assert "leadership" in schema.stdout  # outside: the built-in framework
    with monkeypatch.context() as here:
        here.chdir("ws")
        inside = CliRunner().invoke(app, ["schema"])
    assert '"volunteers"' in inside.stdout
    assert "leadership" not in inside.stdout
    # a form and its answers back
    assert run("form", "ws", "--names", "Eve").exit_code == 0
    form = Path("ws/forms/eve.xlsx")
    fill(
        form,
        parks,
        {
            ("score", "shared-plan"): 1,
            ("score", "joint-decisions"): 1,
            ("score", "volunteers"): 4,
            ("indicator", "volunteers.1"): 2,
            ("challenge", "who-decides"): "yes",
        },
    )
    imported = run("import", form, "--into", "ws")
    assert imported.exit_code == 0, imported.output
    eve = load_workspace(Path("ws")).records[-1]
    assert eve.name == "Eve"
    assert eve.answers.scores == {"shared-plan": 1, "joint-decisions": 1, "volunteers": 4}
    assert eve.answers.challenges == ["who-decides"]
    # the report of all five, every output; then agreed scores, groups and a comparison
    Path("ws/agreed.yaml").write_text("agreed:\n  shared-plan: 2\ntargets:\n  shared-plan: 3\n")
    every = ("--json", "--xlsx", "--radar", "--markdown", "--html")
    done = run("report", "ws", *every, "--by", "sector", "--out", "out")
    assert done.exit_code == 0, done.output
    made = [p.name for p in outputs(Path("out"))]
    report = json.loads(next(Path("out").glob("*.json")).read_text(encoding="utf-8"))
    enablers = by_id(report["enablers"])
    # shared-plan: 1, 2, 1, 4, 1 = 1.8 < 2.125; joint-decisions: 4, 4, 1, 4, 1 polarised
    assert enablers["shared-plan"]["mean"] == pytest.approx(1.8)
    assert enablers["shared-plan"]["low"] is True
    assert enablers["shared-plan"]["agreed"] == 2
    assert enablers["joint-decisions"]["polarised"] is True
    assert "sector" in report["groups"]
    assert any(name.endswith(".xlsx") for name in made)
    assert any(name.endswith(".html") for name in made)
    assert "radar-enablers.png" in made
    shutil.copytree("ws", "ws2")
    compared = run("compare", "ws", "ws2", "--json", "--out", "cmp", "-q")
    assert compared.exit_code == 0, compared.output
    assert list(Path("cmp").glob("*.json"))


def test_check_framework_names_every_problem(run: Run) -> None:
    _copy_examples()
    fw = Path("examples/parks-framework")
    done = run("check", "--framework", fw)
    assert done.exit_code == 0, done.output
    assert "0 error(s), 0 warning(s) in 2 file(s) checked" in done.stderr
    enablers = fw / "enablers.yaml"
    text = enablers.read_text(encoding="utf-8")
    enablers.write_text(text.replace("- id: joint-decisions", "- id: shared-plan"), "utf-8")
    (fw / "challenges.yaml").write_text(
        (fw / "challenges.yaml").read_text("utf-8") + 'name: "Renamed"\n', "utf-8"
    )
    done = run("check", "--framework", fw)
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "examples/parks-framework/challenges.yaml:19:1: 'name:' belongs in enablers.yaml, "
        "not in challenges.yaml; each framework file holds its own part"
    )
    assert lines[1] == (
        "examples/parks-framework/enablers.yaml:45:13: enabler id 'shared-plan' is used "
        "twice; each needs its own (the first is at line 35)"
    )
    # a workspace on a broken framework says so too
    assert run("check", "examples/parks").exit_code == 1
