"""``bbtool compare OLD NEW`` end to end: what it prints and writes, where, its messages
and exit codes. The rounds (made here in the current folder): tests/_rounds.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import Result

from _demo import DEMO, ROOT
from _outputs import outputs
from _rounds import LOCALITY_NEW, LOCALITY_OLD, STEM, make_rounds, set_once
from bbtool.render.radar.comparison import COMPARE_FILE

Run = Callable[..., Result]


@pytest.fixture
def here(in_tmp: Path) -> tuple[Path, Path]:
    """The two rounds in the current folder, as ``old`` and ``new``."""
    old, new = make_rounds(Path("."))
    return old, new


def test_cli_prints_and_writes_every_file(run: Run, here: tuple[Path, Path]) -> None:
    done = run("compare", "old", "new", "--json", "--xlsx", "--radar", "--markdown")
    assert done.exit_code == 0, done.output
    out = Path("new/report")
    names = [f"{STEM}.json", f"{STEM}.xlsx", f"{STEM}.md", COMPARE_FILE]
    assert [p.name for p in outputs(out)] == sorted(names)
    for name in names:
        assert f"wrote new/report/{name}" in done.stdout
    assert "Northbridge · 2025 spring → 2026 spring" in done.stdout
    info = next(line for line in done.stdout.splitlines() if line.startswith("Information"))
    assert info.split()[2:5] == ["2.00", "2.56", "+0.56"]
    data = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    assert next(e for e in data["enablers"] if e["id"] == "locality")["change"] == (
        LOCALITY_NEW - LOCALITY_OLD
    )
    assert f"![{COMPARE_FILE}]({COMPARE_FILE})" in (out / f"{STEM}.md").read_text("utf-8")
    with Image.open(out / COMPARE_FILE) as image:
        assert image.format == "PNG"
        assert image.size[0] == 1275
    # warnings in either round are shown, naming their round's file
    assert "old/participants/05-fatima-begum.yaml:6:1: warning:" in done.stderr
    assert "new/participants/05-fatima-begum.yaml:6:1: warning:" in done.stderr


def test_cli_out_folder_and_quiet(run: Run, here: tuple[Path, Path]) -> None:
    done = run("compare", "old", "new", "--json", "--out", "elsewhere", "-q")
    assert done.exit_code == 0, done.output
    assert done.stdout == f"wrote elsewhere/{STEM}.json\n"
    assert not Path("new/report").exists()


def test_cli_missing_folder_is_a_usage_error(run: Run, here: tuple[Path, Path]) -> None:
    done = run("compare", "old", "nowhere")
    assert done.exit_code == 2
    assert done.stderr == "bbtool: nowhere: no such folder\n"
    done = run("compare", "old", "old/")
    assert done.exit_code == 2
    assert done.stderr == (
        "bbtool: old: is given twice; compare a round with another round's workspace\n"
    )


def test_cli_reports_bad_files_in_both_rounds_and_writes_nothing(
    run: Run, here: tuple[Path, Path]
) -> None:
    set_once(
        Path("old/participants/02-tomasz-nowak.yaml"), "  leadership: 4\n", "  leadership: 6\n"
    )
    set_once(Path("new/participants/03-grace-adeyemi.yaml"), "  locality: 4\n", "  locality: yes\n")
    done = run("compare", "old", "new", "--json")
    assert done.exit_code == 1
    errors = [line for line in done.stderr.splitlines() if "warning" not in line]
    assert errors == [
        "new/participants/03-grace-adeyemi.yaml:13:13: scores.locality: yes/true/no/false "
        "is not a score; use a whole number from 1 to 5, or skip",
        "old/participants/02-tomasz-nowak.yaml:7:15: scores.leadership: 6 is not on the "
        "scale; use a whole number from 1 to 5, or skip",
        "bbtool: 2 error(s) in 2 file(s); nothing was written",
    ]
    assert not Path("new/report").exists()


def test_cli_refuses_rounds_on_different_frameworks(run: Run, here: tuple[Path, Path]) -> None:
    framework = Path(shutil.copytree(ROOT / "framework", "framework"))
    for path in [*framework.glob("*.yaml"), *Path("new/participants").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("continuous-improvement", "continuous-learning"), "utf-8")
    with Path("new/bbtool.yaml").open("a", encoding="utf-8") as fh:
        fh.write("framework: ../framework\n")
    (Path("new") / "agreed.yaml").unlink()
    done = run("compare", "old", "new")
    assert done.exit_code == 2, done.output
    assert done.stderr.splitlines()[-1] == (
        "bbtool: old and new: the rounds use different frameworks (only the old round has "
        "continuous-improvement; only the new round has continuous-learning); rounds are "
        "compared only on the same framework and scale (see 'framework:' in their bbtool.yaml)"
    )


@pytest.mark.slow
def test_plain_compare_loads_no_heavy_library(here: tuple[Path, Path]) -> None:
    code = (
        "import sys\n"
        "from bbtool.cli import app\n"
        "try:\n"
        "    app(['compare', 'old', 'new'], prog_name='bbtool')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'matplotlib', 'openpyxl', 'PIL'}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "HEAVY []" in done.stdout, done.stdout[-500:] + done.stderr[-500:]
    assert "Information sharing" in done.stdout


def test_help_describes_compare(run: Run) -> None:
    done = run("compare", "--help")
    assert done.exit_code == 0
    text = " ".join(done.stdout.split())
    for option in ("--json", "--xlsx", "--radar", "--markdown", "--out", "--quiet"):
        assert option in text
    assert "who took part in both" in text


def test_the_comparison_chart_says_its_warnings_as_notes_too(run: Run, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for root in (old, new):
        shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("report"))
    config = new / "bbtool.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('round: "2026 spring"', 'round: "東京 2027"'), "utf-8")
    done = run("compare", old, new, "--radar", "-q")
    assert done.exit_code == 0, done.output
    # the same prefix as the report's chart notes
    notes = [line for line in done.stderr.splitlines() if line.startswith("radar charts: ")]
    assert any("Glyph 26481" in line for line in notes), done.stderr
    assert "UserWarning" not in done.stderr


def test_cli_reads_the_old_rounds_targets(run: Run, here: tuple[Path, Path]) -> None:
    # both rounds keep the demo's agreed.yaml: the old one's targets (leadership 4,
    # communicating-why 4, information-sharing 3, families-as-partners 3,
    # continuous-improvement 3) against the new one's agreed scores (4, 3, 2, 2, 3)
    done = run("compare", "old", "new", "--json")
    assert done.exit_code == 0, done.output
    data = json.loads((Path("new/report") / f"{STEM}.json").read_text(encoding="utf-8"))
    reached = {e["id"]: (e["target_by"], e["target_reached"]) for e in data["enablers"]}
    assert {k: v for k, v in reached.items() if v != (None, None)} == {
        "leadership": ("agreed", True),
        "communicating-why": ("agreed", False),
        "information-sharing": ("agreed", False),
        "families-as-partners": ("agreed", False),
        "continuous-improvement": ("agreed", True),
    }
    assert "2 of 5 targets reached." in done.stdout
    # without agreed scores this round, the means: only families as partners (3.40)
    (Path("new") / "agreed.yaml").unlink()
    done = run("compare", "old", "new")
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    *_, in_targets = (line for line in lines if line.startswith("Families as partners  "))
    assert in_targets.split()[-4:] == ["3", "3.40", "(mean)", "reached"]
    assert "1 of 5 targets reached." in done.stdout
