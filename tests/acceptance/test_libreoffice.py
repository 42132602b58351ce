"""LibreOffice renders what bbtool writes: the report's workbook, a comparison's and a
form, each converted to PDF headless, with its pages read back where pdftotext is
installed. Skipped where LibreOffice (``soffice``) is not."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from _demo import DEMO
from _rounds import STEM
from _workbook import SHEETS
from bbtool import __version__
from bbtool.core.comparison import Comparison
from bbtool.core.results import Grouping, Report
from bbtool.render.xlsx.cells import workbook_bytes
from bbtool.render.xlsx.comparison import build_comparison_workbook
from bbtool.render.xlsx.report import build_workbook
from bbtool.workspace.loader import Workspace

# each test starts LibreOffice
pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

MakeWorkspace = Callable[..., Path]
Run = Callable[..., Result]


def _make_forms(run: Run, root: Path, names: str = "Priya Shah") -> list[Path]:
    done = run("form", root, "--names", names)
    assert done.exit_code == 0, done.output
    return sorted((root / "forms").glob("*.xlsx"))


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points: from pdfinfo, or the PDF's MediaBoxes."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is not None:
        info = subprocess.run(
            [pdfinfo, "-f", "1", "-l", "9999", str(pdf)],
            capture_output=True,
            timeout=60,
            check=True,
        ).stdout.decode()
        sizes = re.findall(r"Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)", info)
    else:
        raw = pdf.read_bytes().decode("latin-1")
        sizes = re.findall(r"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", raw)
    assert sizes, "no page sizes found in the PDF"
    return [(float(w), float(h)) for w, h in sizes]


def test_libreoffice_renders_every_sheet(
    demo_workspace: Workspace,
    demo_report: Report,
    demo_groups: dict[str, dict[str, Report]],
    tmp_path: Path,
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    book = tmp_path / "northbridge.xlsx"
    data = workbook_bytes(
        build_workbook(
            demo_report,
            demo_workspace.framework,
            demo_workspace.records,
            Grouping("sector", demo_groups["sector"]),
        )
    )
    book.write_bytes(data)
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pdf = tmp_path / "northbridge.pdf"
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert pdf.is_file(), done.stdout.decode(errors="replace")
    assert all(width > height for width, height in _page_sizes(pdf))  # every page landscape

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return  # the conversion itself is the check; no way to read the text here
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, timeout=60, check=True
    ).stdout.decode()
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 10
    for page in pages:  # the page header: area and round on every page
        assert "Northbridge · 2026 spring" in page
    for title in [*SHEETS, "Groups"]:  # the sheet name heads each of its pages
        assert any(page.lstrip().startswith(title) for page in pages), title
    for needle in (
        "Information sharing",
        "POLARISED",
        "LOW",
        "Lucia Fernandes",
        "skip",
        "Stretched capacity",
        "Sharing birth data",
        "Treat nurseries as partners",
        "Enablers: mean, lowest and highest score",
        "Partnership and process: indicators",
        "About this workbook",
        f"bbtool {__version__}",
        "childcare",
    ):
        assert needle in text, needle


def test_libreoffice_renders_the_workbook(comparison: Comparison, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    book = tmp_path / f"{STEM}.xlsx"
    book.write_bytes(workbook_bytes(build_comparison_workbook(comparison)))
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pdf = tmp_path / f"{STEM}.pdf"
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert pdf.is_file()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, timeout=60, check=True
    ).stdout.decode()
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 3  # one page a sheet
    for needle in ("▲ +0.56", "▼ -0.30", "no longer polarised", "Zara Okafor", "About"):
        assert needle in text, needle


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_form_converts_to_pdf_in_libreoffice(
    run: Run, make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    root = make_workspace()
    (form,) = _make_forms(run, root)
    pdf = _pdf("soffice", form, tmp_path)
    assert pdf.is_file()
    if shutil.which("pdftotext") is None:
        return
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Do not be tempted to score everything an average 3!" in text
    assert "Priya Shah" in text


def _pdf(soffice: str, source: Path, tmp_path: Path) -> Path:
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "pdf" / f"{source.stem}.pdf"


def _pages(pdf: Path) -> list[list[tuple[str, float]]]:
    """Each page's words with their printed height in points (pdftotext -bbox)."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in xhtml.split("<page ")[1:]:
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append([(w, float(b) - float(a)) for a, b, w in words])
    return pages


# a word's box is its font's ascent and descent: 1.3 times its size for the DejaVu Sans
# LibreOffice prints Calibri with where Calibri is not installed (less for Carlito), so
# a size worked out with 1.3 is never more than the real one
_BOX = 1.3


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_the_summary_prints_at_8_points_or_more(tmp_path: Path, run: Run) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "out"
    assert run("report", DEMO, "--xlsx", "--out", out, "-q").exit_code == 0  # with agreed.yaml
    pages = _pages(_pdf(soffice, out / "northbridge-2026-spring.xlsx", tmp_path))
    summary = [p for p in pages if p and p[0][0] == "Summary"]
    assert len(summary) >= 2  # the figures, and what was agreed on a page of its own
    sizes = [height / _BOX for page in summary for _, height in page]
    assert min(sizes) >= 8, min(sizes)
    words = [w for page in summary for w, _ in page]
    assert "Agreed" in words
    assert "Enabler" in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_a_form_keeps_each_theme_with_its_reflections(
    run: Run, make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = make_workspace()
    (form,) = _make_forms(run, root)
    pages = [" ".join(w for w, _ in page) for page in _pages(_pdf(soffice, form, tmp_path))]
    # instructions, two pages a theme at most, challenges
    assert len(pages) <= 1 + 2 * 3 + 1
    for page in pages:
        if "Reflections on" in page:  # never alone: with an enabler and its indicators
            assert re.search(r"\b1\. ", page), page[:200]


def _has_carlito() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    fonts = subprocess.run([fc_list], capture_output=True, text=True, check=False).stdout
    return "Carlito" in fonts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.skipif(
    not _has_carlito(),
    reason="Carlito (Calibri's twin in width, which LibreOffice ships with) is not installed",
)
def test_the_summary_without_agreed_scores_prints_one_page_wide(tmp_path: Path, run: Run) -> None:
    # At the scale the workbook sets, every column of the Summary fits across the page
    # in LibreOffice too: no lone "Polarised" column printed on pages of its own.
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    (demo / "agreed.yaml").unlink()
    out = tmp_path / "out"
    assert run("report", demo, "--xlsx", "--out", out, "-q").exit_code == 0
    pages = _pages(_pdf(soffice, out / "northbridge-2026-spring.xlsx", tmp_path))
    summary = [[w for w, _ in p] for p in pages if p and p[0][0] == "Summary"]
    assert summary
    for words in summary:
        assert "Enabler" in words
        assert "Polarised" in words
