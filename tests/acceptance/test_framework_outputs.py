"""Frameworks of other shapes through every output: no Beyond Boundaries word in any
of them (the text of every file, the workbook's XML parts, the PNG text chunks, the
meeting view, the form, the score template), no empty section for the parts a
framework leaves out, and no two files with one name, whatever the ids.

The frameworks are written by ``tests/_frameworks.py``: scales of 2 to 11 points
starting at 0 or 1, 1 to 40 enablers, titles at the 200-character limit, with and
without challenges and case studies.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from _frameworks import Shape, built_in_words, output_texts, scored, write_workspace
from _outputs import outputs
from bbtool.core.models import MAX_ENABLERS, MAX_SCALE_POINTS
from bbtool.render.formats import REPORT_FORMATS, ReportView
from bbtool.render.radar.report import build_radars
from bbtool.render.templates import score_template
from bbtool.workspace.loader import load_framework
from conftest import Run

pytestmark = pytest.mark.slow  # runs every writer, charts and workbooks included

SHAPES = {
    "two points from 0, one enabler": Shape(points=2, start=0, themes=1, enablers=1, indicators=0),
    "eleven points, forty enablers, long titles": Shape(
        points=11, start=1, themes=4, enablers=40, indicators=1, long=True
    ),
    "1-4, twenty-five enablers in one theme": Shape(points=4, start=1, themes=1, enablers=25),
    "0-4, clashing theme ids, challenges and case studies": Shape(
        points=5,
        start=0,
        themes=3,
        enablers=9,
        indicators=8,  # 24 a theme: each theme's indicators on one radar
        challenges=3,
        case_studies=2,
        theme_ids=("enablers", "compare", "t3"),
    ),
}


def _outputs(tmp_path: Path, run: Run, shape: Shape) -> tuple[Path, str]:
    """A workspace of ``shape`` reported in every format and given a form; the
    folder of outputs and what the terminal showed."""
    root = write_workspace(tmp_path / "ws", shape)
    out = tmp_path / "out"
    report = run(
        "report", root, "--json", "--xlsx", "--radar", "--markdown", "--html", "--out", out
    )
    assert report.exit_code == 0, report.output
    form = run("form", root, "--names", "Ann Example", "--out", out / "forms")
    assert form.exit_code == 0, form.output
    template = score_template(load_framework(root / "framework"), "Ann Example")
    (out / "template.yaml").write_text(template, "utf-8")
    return out, report.output


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES)
def test_no_built_in_word_reaches_another_frameworks_outputs(
    tmp_path: Path, run: Run, shape: Shape
) -> None:
    out, terminal = _outputs(tmp_path, run, shape)
    texts = output_texts(out)
    texts["terminal"] = terminal
    assert any(name.endswith(".png") for name in texts)
    assert any(".xlsx:xl/worksheets/" in name for name in texts)
    assert built_in_words(texts) == []
    # the framework's own skip label, as written (not lower-cased)
    assert "I cannot judge this" in texts["template.yaml"]
    assert "i cannot judge this" not in "".join(texts.values())


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES)
def test_every_file_written_has_a_name_of_its_own(tmp_path: Path, run: Run, shape: Shape) -> None:
    out, terminal = _outputs(tmp_path, run, shape)
    wrote = [line.split(" ", 1)[1] for line in terminal.splitlines() if line.startswith("wrote ")]
    report_files = [w for w in wrote if "/forms/" not in w.replace("\\", "/")]
    assert len(report_files) == len(set(report_files))
    on_disk = sorted(p.name for p in outputs(out) if p.is_file() and p.suffix != ".yaml")
    assert len(on_disk) == len(report_files)
    if shape.theme_ids:
        # themes called "enablers" and "compare" neither overwrite the enabler radar
        # nor take the comparison's name
        assert "radar-enablers.png" in on_disk
        assert "radar-compare.png" not in on_disk
        assert {"radar-enablers-2.png", "radar-compare-2.png", "radar-t3.png"} <= set(on_disk)


def test_a_framework_without_challenges_or_case_studies_has_no_place_for_them(
    tmp_path: Path, run: Run
) -> None:
    shape = Shape(points=5, start=1, themes=2, enablers=6, indicators=2)
    out, terminal = _outputs(tmp_path, run, shape)
    # enablers are flagged, and nothing says otherwise
    assert "LOW" in terminal
    assert "POLARISED" in terminal
    assert "No enabler is flagged" not in terminal
    for heading in ("Challenges in play", "Case studies"):
        assert heading not in terminal
        assert heading not in (out / "zedtown-2031-autumn.md").read_text("utf-8")
        assert heading not in (out / "zedtown-2031-autumn.html").read_text("utf-8")
    with zipfile.ZipFile(out / "zedtown-2031-autumn.xlsx") as book:
        workbook = book.read("xl/workbook.xml").decode()
    assert 'name="Challenges"' not in workbook
    assert 'name="Case studies"' not in workbook
    with zipfile.ZipFile(out / "forms" / "ann-example.xlsx") as form:
        sheets = form.read("xl/workbook.xml").decode()
        words = "".join(
            form.read(part).decode() for part in form.namelist() if part.endswith(".xml")
        )
    assert 'name="Challenges"' not in sheets
    assert "Challenges sheet" not in words


shapes = st.builds(
    Shape,
    points=st.integers(2, MAX_SCALE_POINTS),
    start=st.sampled_from([0, 1]),
    themes=st.integers(1, 4),
    enablers=st.integers(1, MAX_ENABLERS),
    indicators=st.integers(0, 3),
    challenges=st.integers(0, 2),
    case_studies=st.integers(0, 2),
    long=st.booleans(),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shape=shapes)
def test_generated_frameworks_show_no_built_in_word_and_no_name_twice(shape: Shape) -> None:
    """Every writer over frameworks hypothesis makes up, the charts' drawn words too."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        workspace, report = scored(root / "ws", shape)
        framework = workspace.framework
        view = ReportView(report, framework, workspace.records, None, "out")
        out = root / "out"
        out.mkdir()
        for writer in REPORT_FORMATS.values():
            for file, data in writer.write(view).files.items():
                (out / file).write_bytes(data)
        texts = output_texts(out)
        for name, fig in build_radars(report, framework).items():
            texts[f"{name} (drawn)"] = "\n".join(t.get_text() for t in fig.findobj(Text))
        texts["template"] = score_template(framework, "Ann Example")
        assert built_in_words(texts) == []
        charts = [p.name for p in out.glob("*.png")]
        assert len(charts) == len(set(charts)) == len(build_radars(report, framework))
