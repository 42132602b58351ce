"""Golden outputs: what bbtool writes for the demo workspace, saved under tests/golden/.

Every command runs through the real CLI (the ``run`` fixture) in a scratch folder that
holds copies of the demo (``demo``), a derived earlier round (``old``) and a copy with
one broken score file (``broken``); arguments are relative, so the outputs name no
scratch path. Each saved file is compared with what the command writes now, as text:
terminal output, JSON, Markdown, a cell-by-cell dump of each workbook, the SHA-256 of
each PNG, ``check`` in every format, a comparison, ``score``, ``schema``, ``form`` and
``init``.

``pytest tests/acceptance/test_golden.py --update-golden`` rewrites the files instead (see
tests/golden/README.md): a change in them is a change in bbtool's outputs, to be
explained in the commit message.

What varies from run to run is replaced before comparing (:func:`_scrub`): the scratch
folder's path by ``<TMP>`` (a safety net: no output should contain it), bbtool's version
("bbtool 0.1.0", "bbtool==0.1.0", "bbtool@v0.1.0": the workbooks' About sheets, the CI
file ``init`` writes) by ``<VERSION>``, today's date (ISO) by ``<TODAY>`` and, in the
``bbtool.yaml`` that ``init`` writes, the round it defaults to (this year) by ``<YEAR>``.

Terminal tables are drawn by rich, workbooks are read back by openpyxl, and PNG bytes
come from matplotlib (with its FreeType), numpy and Pillow (with its zlib): a golden
that depends on one of these is skipped, with the reason, when the installed version
differs from the one in tests/golden/versions.json (CI also runs the newest releases).
JSON, Markdown, ``check``'s output, the schema and ``init``'s files are bbtool's own
text and are always compared.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import json
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

import bbtool
from _demo import DEMO, TESTS

Run = Callable[..., Result]

GOLDEN = TESTS / "golden"
VERSIONS = GOLDEN / "versions.json"
NOT_GOLDEN = {"README.md", "versions.json", ".gitattributes"}  # files in GOLDEN kept by hand
DIFF_LINES = 60  # at most this many lines of unified diff in a failure message

# The libraries whose rendering a golden depends on (keys of versions.json).
TERMINAL = ("rich",)
WORKBOOK = ("openpyxl",)
PNG = ("matplotlib", "freetype", "numpy", "pillow", "pillow-zlib")

ALL_OUTPUTS = ("--json", "--markdown", "--xlsx", "--radar")
CHECK_FORMATS = ("text", "json", "github", "gitlab")

# The environment every command runs in: a fixed width for rich (bbtool itself draws
# 110 columns wide when stdout is not a terminal; COLUMNS pins any other console), no
# colour, and none of the variables that change what bbtool writes.
ENVIRONMENT = {"COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"}
UNSET = (
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR_FORCE",
    "GITHUB_ACTIONS",
    "SOURCE_DATE_EPOCH",
    "BBTOOL_WORKERS",
)


# ------------------------------------------------------------------ the commands


@dataclass(frozen=True)
class Ran:
    """A command run for the goldens: its arguments, result and output folder."""

    args: tuple[str, ...]
    result: Result
    root: Path  # the scratch folder the command ran in
    out: Path | None = None

    def transcript(self) -> str:
        """The command, its exit code, stdout and stderr, as one text."""
        return (
            f"$ bbtool {shlex.join(self.args)}\n"
            f"[exit code {self.result.exit_code}]\n"
            f"[stdout]\n{self.result.stdout}"
            f"[stderr]\n{self.result.stderr}"
        )

    def ok(self) -> Ran:
        """This run, after checking that it succeeded."""
        assert self.result.exit_code == 0, self.transcript()
        assert self.result.exception is None or isinstance(self.result.exception, SystemExit)
        return self

    def one(self, pattern: str) -> Path:
        """The one file matching ``pattern`` in the output folder."""
        assert self.out is not None
        (found,) = sorted(self.out.glob(pattern))
        return found


def _command(case: str) -> tuple[str, ...]:
    """The arguments of each case, run in the scratch folder."""
    if case.startswith("check-"):
        _, workspace, format_ = case.split("-")
        return ("check", workspace, "--format", format_)
    report = ("report", "demo", *ALL_OUTPUTS, "--out", f"out/{case}")
    return {
        "report-plain": report,  # not "report": .gitignore leaves out report/ folders
        "report-by-sector": (*report, "--by", "sector"),
        "report-anonymise": (*report, "--anonymise"),
        "compare": ("compare", "old", "demo", *ALL_OUTPUTS, "--out", "out/compare"),
        "score": ("score", "demo/participants/05-fatima-begum.yaml"),
        "schema": ("schema",),
        "form": ("form", "demo", "--names", "Ann Example", "--out", "out/form"),
        # no --round: init names the round after this year (replaced by <YEAR>)
        "init": (
            *("init", "new", "--area", "Testham", "--names", "Ann Example"),
            *("--ci", "github", "--install-from", "0.1.0", "--pre-commit"),
        ),
    }[case]


def _edit(path: Path, old: str, new: str) -> None:
    """Replace the one line ``old`` in ``path`` by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(f"\n{old}\n") == 1, f"{path.name}: {old!r}"
    path.write_text(text.replace(f"\n{old}\n", f"\n{new}\n"), encoding="utf-8")


def _scratch(root: Path) -> None:
    """``demo``, ``old`` (an earlier round derived from it) and ``broken`` in ``root``."""
    ignore = shutil.ignore_patterns("report", "forms")  # outputs a demo run may have left
    shutil.copytree(DEMO, root / "demo", ignore=ignore)
    # old: the round before, without one participant, with a few scores different
    old = shutil.copytree(root / "demo", root / "old")
    people = old / "participants"
    (people / "10-oliver-bennett.yaml").unlink()
    _edit(old / "bbtool.yaml", 'round: "2026 spring"', 'round: "2025 spring"')
    _edit(people / "01-priya-shah.yaml", "  leadership: 5", "  leadership: 3")
    _edit(people / "01-priya-shah.yaml", "  information-sharing: 2", "  information-sharing: 4")
    _edit(
        people / "03-grace-adeyemi.yaml", "  families-as-partners: 5", "  families-as-partners: 2"
    )
    _edit(people / "04-ciaran-murphy.yaml", "  working-practices: 2", "  working-practices: 4")
    _edit(
        people / "04-ciaran-murphy.yaml", "  information-sharing.4: 1", "  information-sharing.4: 3"
    )
    _edit(old / "agreed.yaml", "  families-as-partners: 2", "  families-as-partners: 3")
    # broken: one score file with an error (a score off the scale) and another with a
    # warning (an enabler not answered), besides the demo's own two warnings; bbtool
    # says only the errors of a file that has one, so the two are in two files
    broken = shutil.copytree(root / "demo", root / "broken") / "participants"
    _edit(broken / "03-grace-adeyemi.yaml", "  joint-governance: 5", "  joint-governance: 7")
    _edit(broken / "02-tomasz-nowak.yaml", "  locality: 4", "  locality:")


class Runs:
    """Each case's command, run once (on first use) in one scratch folder."""

    def __init__(self, root: Path, run: Run) -> None:
        self.root = root
        self._run = run
        self._done: dict[str, Ran] = {}
        _scratch(root)

    def __getitem__(self, case: str) -> Ran:
        if case not in self._done:
            args = _command(case)
            with pytest.MonkeyPatch.context() as mp:
                mp.chdir(self.root)
                for name, value in ENVIRONMENT.items():
                    mp.setenv(name, value)
                for name in UNSET:
                    mp.delenv(name, raising=False)
                result = self._run(*args)
            out = self.root / args[args.index("--out") + 1] if "--out" in args else None
            self._done[case] = Ran(args, result, self.root, out)
        return self._done[case]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, run: Run) -> Runs:
    return Runs(tmp_path_factory.mktemp("golden"), run)


# --------------------------------------------------------------- what is compared


def _scrub(text: str, root: Path) -> str:
    """``text`` with what varies from run to run replaced by placeholders."""
    for path in sorted({str(root), str(root.resolve())}, key=len, reverse=True):
        text = text.replace(path, "<TMP>")
    version = re.escape(bbtool.__version__)
    text = re.sub(rf"(bbtool |bbtool==|bbtool@v){version}\b", r"\1<VERSION>", text)
    return text.replace(dt.date.today().isoformat(), "<TODAY>")


def _pngs(ran: Ran) -> str:
    """``sha256sum``-style lines for every PNG written, by name."""
    out = ran.ok().out
    assert out is not None
    files = sorted(out.glob("*.png"))
    assert files, ran.transcript()
    return "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in files)


def _colour(colour: Any) -> str | None:
    """An openpyxl colour as text: ``FF00AA00``, ``theme1``, ``indexed64``; None if unset."""
    if colour is None:
        return None
    if colour.type == "rgb":
        return str(colour.rgb)
    if colour.type == "theme":
        tint = f"{colour.tint:+g}" if colour.tint else ""
        return f"theme{colour.theme}{tint}"
    return f"{colour.type}{colour.value}"


def _cell_facts(cell: Any) -> list[str]:
    """What a cell's style says that matters to a reader, leaving out the defaults."""
    facts: list[str] = []
    if cell.number_format != "General":
        facts.append(f"format={cell.number_format!r}")
    font = cell.font
    facts += [name for name, on in (("bold", font.b), ("italic", font.i)) if on]
    if font.u:
        facts.append(f"underline={font.u}")
    if font.sz is not None and float(font.sz) != 11:
        facts.append(f"size={float(font.sz):g}")
    font_colour = _colour(font.color)
    if font_colour not in (None, "FF000000", "theme1"):
        facts.append(f"colour={font_colour}")
    if cell.fill.fill_type:
        facts.append(f"fill={cell.fill.fill_type}:{_colour(cell.fill.fgColor)}")
    al = cell.alignment
    for name in ("horizontal", "vertical"):
        if getattr(al, name):
            facts.append(f"{name}={getattr(al, name)}")
    facts += [name for name, on in (("wrap", al.wrap_text), ("shrink", al.shrink_to_fit)) if on]
    if al.indent:
        facts.append(f"indent={al.indent:g}")
    if al.text_rotation:
        facts.append(f"rotation={al.text_rotation}")
    sides = {
        side: getattr(cell.border, side).style
        for side in ("left", "right", "top", "bottom")
        if getattr(cell.border, side) is not None and getattr(cell.border, side).style
    }
    if sides:
        styles = set(sides.values())
        facts.append(
            f"border={styles.pop()}"
            if len(sides) == 4 and len(styles) == 1
            else "border=" + ",".join(f"{side}:{style}" for side, style in sides.items())
        )
    if cell.protection.locked is False:
        facts.append("unlocked")
    if cell.protection.hidden:
        facts.append("hidden")
    if cell.quotePrefix:
        facts.append("quote-prefix")
    if cell.hyperlink is not None:
        facts.append(f"link={cell.hyperlink.target or cell.hyperlink.location!r}")
    if cell.comment is not None:
        facts.append(f"comment={cell.comment.text!r}")
    return facts


def _value(cell: Any) -> str:
    value = cell.value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return repr(value)


def _ref(source: Any) -> str | None:
    """The cell range a chart's data comes from."""
    if source is None:
        return None
    ref = getattr(source, "numRef", None) or getattr(source, "strRef", None)
    return None if ref is None else str(ref.f)


def _chart(chart: Any) -> str:
    """A chart's kind, place, size, title and series (name, categories, values)."""
    anchor, title = chart.anchor._from, None
    if chart.title is not None and chart.title.tx is not None and chart.title.tx.rich:
        title = "".join(run.t for p in chart.title.tx.rich.p for run in p.r or ())
    series = [f"{_ref(s.tx)} {_ref(s.cat)} {_ref(s.val)}" for s in chart.series]
    return (
        f"{type(chart).__name__} at col {anchor.col} row {anchor.row} "
        f"size {chart.anchor.ext.cx}x{chart.anchor.ext.cy} EMU, title {title!r}, "
        f"series {series}"
    )


def _sheet(ws: Any) -> Iterator[str]:
    """The sheet's settings, then each cell that has a value or a style worth noting."""
    yield f"== sheet {ws.title!r} ({ws.sheet_state})"
    yield f"dimensions: {ws.dimensions}"
    if ws.freeze_panes:
        yield f"freeze panes: {ws.freeze_panes}"
    if ws.merged_cells.ranges:
        yield "merged: " + " ".join(sorted(str(r) for r in ws.merged_cells.ranges))
    widths = [
        f"{key}={dim.width:g}" + (" hidden" if dim.hidden else "")
        for key, dim in sorted(ws.column_dimensions.items(), key=lambda kv: (len(kv[0]), kv[0]))
        if dim.customWidth or dim.hidden
    ]
    if widths:
        yield "column widths: " + " ".join(widths)
    heights = [
        f"{row}={dim.height:g}" for row, dim in sorted(ws.row_dimensions.items()) if dim.height
    ]
    if heights:
        yield "row heights: " + " ".join(heights)
    setup, fit = ws.page_setup, ws.sheet_properties.pageSetUpPr
    yield (
        f"print: orientation={setup.orientation} paper={setup.paperSize} "
        f"fit-to-page={bool(fit and fit.fitToPage)} fit-width={setup.fitToWidth} "
        f"fit-height={setup.fitToHeight} centred={ws.print_options.horizontalCentered} "
        f"titles={ws.print_title_rows} area={ws.print_area}"
        + (f" scale={setup.scale}" if setup.scale else "")
        + (f" title-columns={ws.print_title_cols}" if ws.print_title_cols else "")
    )
    m = ws.page_margins
    yield f"margins: {m.left:g} {m.right:g} {m.top:g} {m.bottom:g} {m.header:g} {m.footer:g}"
    for name in ("oddHeader", "oddFooter"):
        part = getattr(ws, name)
        text = " | ".join(
            f"{side}={getattr(part, side).text!r}"
            for side in ("left", "center", "right")
            if getattr(part, side).text
        )
        if text:
            yield f"{name}: {text}"
    if ws.row_breaks.brk:
        yield "row breaks: " + " ".join(str(b.id) for b in ws.row_breaks.brk)
    if ws.col_breaks.brk:
        yield "column breaks: " + " ".join(str(b.id) for b in ws.col_breaks.brk)
    if ws.protection.sheet:
        yield (
            f"protected: format-rows={not ws.protection.formatRows} "
            f"format-columns={not ws.protection.formatColumns}"
        )
    for dv in ws.data_validations.dataValidation:
        yield (
            f"validation {dv.sqref}: {dv.type} {dv.formula1!r} blank={dv.allow_blank} "
            f"error={dv.error!r} prompt={dv.prompt!r}"
        )
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            scale = rule.colorScale
            colours = [_colour(c) for c in scale.color] if scale is not None else []
            yield f"conditional {cf.sqref}: {rule.type} {colours}"
    for chart in ws._charts:  # openpyxl reads charts back into this private list
        yield f"chart {_chart(chart)}"
    yield "cells:"
    for row in ws.iter_rows():
        for cell in row:
            facts = _cell_facts(cell)
            if cell.value is not None:
                yield " ".join([cell.coordinate, cell.data_type, _value(cell), *facts])
            elif facts:  # an empty cell with a style: a filled band, an answer box
                yield " ".join([cell.coordinate, "(empty)", *facts])


def _workbook_dump(path: Path) -> str:
    """A readable dump of a workbook: its settings, then each sheet's (:func:`_sheet`)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    props = wb.properties
    lines = [
        f"workbook {path.name}",
        f"properties: creator={props.creator!r} created={props.created} "
        f"modified={props.modified} title={props.title!r}",
        "sheets: " + ", ".join(repr(ws.title) for ws in wb.worksheets),
    ]
    if wb.security is not None and wb.security.lockStructure:
        lines.append("workbook structure locked")
    lines += [
        f"defined name {name}: {dn.attr_text}" for name, dn in sorted(wb.defined_names.items())
    ]
    for ws in wb.worksheets:
        lines += ["", *_sheet(ws)]
    return "\n".join(lines) + "\n"


def _init_files(ran: Ran) -> str:
    """What ``init`` said, then every file it wrote, in full (the schema by its hash:
    schema.json holds it in full)."""
    new = ran.ok().root / "new"
    parts = [ran.transcript()]
    for path in sorted(p for p in new.rglob("*") if p.is_file()):
        name = path.relative_to(new).as_posix()
        text = path.read_text(encoding="utf-8")
        if name == "bbtool.yaml":  # the round defaults to this year
            text = re.sub(
                rf'^round: "{dt.date.today().year}"$', 'round: "<YEAR>"', text, flags=re.M
            )
        if name.endswith(".schema.json"):
            text = f"sha256 {hashlib.sha256(text.encode()).hexdigest()}\n"
        parts.append(f"===== {name}\n{text}")
    return "".join(parts)


@dataclass(frozen=True)
class Golden:
    """One saved file: the case that makes it, how, and the libraries it depends on."""

    name: str  # path under tests/golden/
    case: str
    make: Callable[[Ran], str]
    libraries: tuple[str, ...] = ()


def _report_goldens(case: str) -> list[Golden]:
    """A report or comparison's terminal text, JSON, Markdown, workbook and PNGs."""
    return [
        Golden(f"{case}/terminal.txt", case, Ran.transcript, TERMINAL),
        Golden(f"{case}/{case}.json", case, lambda r: r.ok().one("*.json").read_text("utf-8")),
        Golden(f"{case}/{case}.md", case, lambda r: r.ok().one("*.md").read_text("utf-8")),
        Golden(
            f"{case}/workbook.txt", case, lambda r: _workbook_dump(r.ok().one("*.xlsx")), WORKBOOK
        ),
        Golden(f"{case}/radar-png.sha256", case, _pngs, PNG),
    ]


GOLDENS = [
    *(
        g
        for case in ("report-plain", "report-by-sector", "report-anonymise", "compare")
        for g in _report_goldens(case)
    ),
    *(
        Golden(f"check/{workspace}-{format_}.txt", f"check-{workspace}-{format_}", Ran.transcript)
        for workspace in ("demo", "broken")
        for format_ in CHECK_FORMATS
    ),
    Golden("score/terminal.txt", "score", Ran.transcript, TERMINAL),
    Golden("schema/schema.json", "schema", lambda r: r.ok().result.stdout),
    Golden("form/terminal.txt", "form", Ran.transcript),
    Golden("form/workbook.txt", "form", lambda r: _workbook_dump(r.ok().one("*.xlsx")), WORKBOOK),
    Golden("init/files.txt", "init", _init_files),
]


# ------------------------------------------------------------------ the versions


@functools.cache
def installed_versions() -> dict[str, str]:
    """The versions of what the goldens' rendering depends on, as installed."""
    import matplotlib.ft2font
    from PIL import features

    zlib_ng = features.version("zlib_ng") if "zlib_ng" in features.features else None
    return {
        "rich": metadata.version("rich"),
        "openpyxl": metadata.version("openpyxl"),
        "matplotlib": metadata.version("matplotlib"),
        "freetype": str(matplotlib.ft2font.__freetype_version__),
        "numpy": metadata.version("numpy"),
        "pillow": metadata.version("pillow"),
        "pillow-zlib": f"zlib-ng {zlib_ng}" if zlib_ng else f"zlib {features.version('zlib')}",
    }


def _updating(config: pytest.Config) -> bool:
    return bool(config.getoption("--update-golden"))


@pytest.fixture(scope="module")
def versions(request: pytest.FixtureRequest) -> dict[str, str]:
    """The versions the goldens were made with (rewritten when updating)."""
    if _updating(request.config):
        now = installed_versions()
        VERSIONS.parent.mkdir(parents=True, exist_ok=True)
        VERSIONS.write_text(json.dumps(now, indent=2) + "\n", encoding="utf-8")
        return now
    recorded: dict[str, str] = json.loads(VERSIONS.read_text(encoding="utf-8"))
    return recorded


# -------------------------------------------------------------------- the tests


def _diff(name: str, expected: str, actual: str) -> str:
    """The first lines of a unified diff from the golden to what was written now."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"tests/golden/{name}",
            "written now",
        )
    )
    shown = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline\n" for line in lines[:DIFF_LINES]
    )
    more = len(lines) - DIFF_LINES
    return shown + (f"... and {more} more diff lines\n" if more > 0 else "")


@pytest.mark.slow
@pytest.mark.parametrize("golden", GOLDENS, ids=[g.name for g in GOLDENS])
def test_golden(
    golden: Golden, runs: Runs, versions: dict[str, str], request: pytest.FixtureRequest
) -> None:
    path = GOLDEN / golden.name
    if not _updating(request.config):
        installed = installed_versions()
        differ = [
            f"made with {lib} {versions.get(lib, '(none)')}, {lib} {installed[lib]} installed"
            for lib in golden.libraries
            if installed[lib] != versions.get(lib)
        ]
        if differ:
            pytest.skip(
                f"{golden.name} not compared, as what draws it may differ: "
                f"{'; '.join(differ)} (see tests/golden/README.md)"
            )
    ran = runs[golden.case]
    actual = _scrub(golden.make(ran), ran.root)
    if _updating(request.config):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(
            f"no golden {golden.name}: run pytest {__file__} --update-golden", pytrace=False
        )
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        pytest.fail(
            f"{golden.name} differs from what bbtool writes now (if the change is meant, "
            f"refresh with --update-golden and explain it in the commit message):\n"
            + _diff(golden.name, expected, actual),
            pytrace=False,
        )


def test_every_golden_file_is_checked() -> None:
    """No stale file under tests/golden/ that no case writes any more."""
    known = {g.name for g in GOLDENS}
    found = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert found - known - NOT_GOLDEN == set(), "golden files no case writes; delete them"
