"""Old outputs do not linger: a ``report`` or ``compare`` run removes what an earlier run
of it wrote and it does not write now (a theme's radar once the theme has no scores),
keeping a list of what bbtool wrote in the output folder, and never removes another file."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from _demo import DEMO
from _outputs import outputs
from _rounds import STEM, make_rounds
from bbtool.app.outputs import MANIFEST

Run = Callable[..., Result]
THEME_RADAR = "radar-partnership-and-process.png"
JSON = "northbridge-2026-spring.json"


def _demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns("report")))


def _no_indicator_scores(root: Path) -> None:
    for file in (root / "participants").glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"(\n  [a-z-]+\.\d+:)[^\n]*", r"\1", text), encoding="utf-8")


def _names(folder: Path) -> list[str]:
    return [p.name for p in outputs(folder)]


def test_a_radar_no_longer_drawn_is_removed_and_nothing_else(tmp_path: Path, run: Run) -> None:
    root = _demo(tmp_path)
    out = root / "report"
    assert run("report", root, "--radar", "--json", "-q").exit_code == 0
    assert THEME_RADAR in _names(out)
    (out / "slides.pptx").write_bytes(b"someone's own file")
    (out / "radar-old-by-hand.png").write_bytes(b"a picture saved here by hand")
    _no_indicator_scores(root)  # the theme's indicator radar has nothing to draw now
    done = run("report", root, "--radar", "-q")
    assert done.exit_code == 0, done.output
    assert f"removed {out / THEME_RADAR} (an earlier run's, not written now)" in done.stdout
    # the JSON (not asked for this time), and files bbtool never wrote, are left
    assert _names(out) == sorted(
        [JSON, "radar-enablers.png", "radar-old-by-hand.png", "slides.pptx"]
    )
    # a plain report (no files) removes nothing
    assert run("report", root, "-q").exit_code == 0
    assert JSON in _names(out)


def test_a_stale_output_changed_since_is_left_and_said(tmp_path: Path, run: Run) -> None:
    root = _demo(tmp_path)
    out = root / "report"
    assert run("report", root, "--radar", "-q").exit_code == 0
    (out / THEME_RADAR).write_bytes(b"annotated for the slides")
    _no_indicator_scores(root)
    done = run("report", root, "--radar", "-q")
    assert done.exit_code == 0, done.output
    assert (
        f"bbtool: {out / THEME_RADAR}: an earlier run's, not written now, but changed since; "
        "left as it is"
    ) in done.stderr
    assert (out / THEME_RADAR).read_bytes() == b"annotated for the slides"
    # no longer bbtool's: a later run says nothing of it
    again = run("report", root, "--radar", "-q")
    assert THEME_RADAR not in again.output


def test_report_and_compare_share_a_folder_without_removing_each_others(
    tmp_path: Path, run: Run
) -> None:
    old, new = make_rounds(tmp_path)
    out = new / "report"
    assert run("report", new, "--radar", "--json", "-q").exit_code == 0
    mine = set(_names(out))
    assert run("compare", old, new, "--radar", "--json", "-q").exit_code == 0
    both = set(_names(out))
    assert mine < both
    assert {f"{STEM}.json", "radar-compare.png"} <= both
    assert run("report", new, "--radar", "--json", "-q").exit_code == 0
    assert set(_names(out)) == both


def test_the_list_never_names_a_file_elsewhere(tmp_path: Path, run: Run) -> None:
    root = _demo(tmp_path)
    out = root / "report"
    assert run("report", root, "--json", "-q").exit_code == 0
    outside = root / "bbtool.yaml"
    keep = outside.read_bytes()
    digest = hashlib.sha256(keep).hexdigest()
    stem = JSON.removesuffix(".json")
    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
        for name in ("../bbtool.yaml", "..", ".hidden", MANIFEST):
            manifest.write(f"{digest}\treport\t{stem}\tjson\t{name}\n")
    assert run("report", root, "--json", "-q").exit_code == 0
    assert outside.read_bytes() == keep
    assert (out / MANIFEST).is_file()
