"""How fast is bbtool, against what it cannot do better than? (issue 7)

Not part of the test suite: a plain script that prints medians and ratios, each
target with PASS or MISS. Run it from the repository, in the project's venv:

    python benchmarks/run.py            # 7 runs of each command after a warm-up
    python benchmarks/run.py --quick    # 3 runs each, no full report at 10,000

Every command runs as its own process (the venv's ``bbtool``), as people and CI run
it, on workspaces generated in a temporary folder: 10, 100, 1,000 and 10,000
participants, every enabler scored, some indicator scores, evidence and
reflections. Times are wall-clock medians; targets are ratios against a *floor*
measured on the same machine in the same run (what Python needs to import the
libraries, or to parse the same files with PyYAML's C loader), so they hold on a
slow or busy machine too. Peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bbtool.workspace.loader import load_framework

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
SIZES = (10, 100, 1_000, 10_000)

START_UP_RATIO = 1.3
PARSE_RATIO = 2.0
GROWTH_RATIO = 11.0
HTML_RATIO = 1.5  # the meeting view against report --json plus its charts
HTML_DEMO_KB = 1_500.0
HTML_1000_KB = 3_000.0
CHARTS_RATIO = 2.0
MEMORY_MB = 500.0

IMPORT_FLOOR = "import typer, pydantic, yaml, rich"

# `import pydantic` is lazy: the floor above loads none of the machinery a model needs.
# This is what defining and validating any pydantic model costs on top (BaseModel, and
# the plugin loader pydantic imports when it builds a validator). Shown for scale.
PYDANTIC_FLOOR = IMPORT_FLOOR + "; from pydantic import BaseModel; import pydantic.plugin._loader"

PARSE_FLOOR = """\
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1], "participants").glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

# A radar chart as plain as matplotlib draws one: a polar axes, a filled polygon, a
# PNG at bbtool's size and resolution. bbtool's charts carry much more (labels,
# bands, legends, a quantised and recompressed PNG): this is a floor, not a twin.
CHARTS_FLOOR = """\
import math, sys
from io import BytesIO
import openpyxl
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
for _ in range(int(sys.argv[1])):
    fig = Figure(figsize=(8.5, 9.5), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(projection="polar")
    angles = [2 * math.pi * i / 12 for i in range(13)]
    ax.fill(angles, [3 + (i % 3) / 2 for i in range(13)], alpha=0.3)
    fig.savefig(BytesIO(), format="png", dpi=150)
"""

# typer itself, running a command with check's kind of arguments: typer (0.29) imports
# pydantic and builds a validator per parameter when a command runs, none of which the
# import floor above pays for. Shown for scale; no target.
TYPER_FLOOR = """\
import sys
from pathlib import Path
from typing import Annotated, Optional
import typer
app = typer.Typer(add_completion=False)
@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument()] = None,
    strict: bool = False,
    output: Optional[Path] = None,
) -> None:
    pass
@app.command()
def other() -> None:
    pass
app(sys.argv[1:], prog_name="floor")
"""

HEAVY_PROBE = """\
import sys
from bbtool.cli import app
try:
    app(sys.argv[1:], prog_name="bbtool")
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "openpyxl"))
print("HEAVY", ",".join(heavy))
"""

SECTORS = ("council", "health", "childcare", "voluntary", "education")
ORGANISATIONS = (
    "Northbridge Council",
    "Health visiting",
    "Maternity",
    "GP practices",
    "Childminders network",
    "Family hubs",
)
EVIDENCE = (
    "The early years board meets monthly and minutes go to every partner.",
    "Joint training for health visitors and family hub staff since last spring.",
    "Birth data arrives weeks late, so new families are contacted late.",
    "Parents Forum has two seats on the board and a parent champion per locality.",
    "Shared outcomes framework agreed by the council, the ICB and the PVI forum.",
)


# ------------------------------------------------------------------- workspaces


def make_workspace(root: Path, participants: int, seed: int = 7) -> Path:
    """A workspace of ``participants`` valid score files, the same for the same seed."""
    framework = load_framework()
    enablers = [e.id for e in framework.enablers]
    indicators = [i.id for _, i in framework.indicators]
    themes = [t.id for t in framework.themes]
    challenges = [c.id for c in framework.challenges]
    rng = random.Random(seed)
    folder = root / "participants"
    folder.mkdir(parents=True)
    (root / "bbtool.yaml").write_text('area: Benchmark\nround: "2026 autumn"\n', encoding="utf-8")
    width = len(str(participants))
    for n in range(1, participants + 1):
        lines = [
            "participant:",
            f"  name: Participant {n:0{width}d}",
            f"  organisation: {rng.choice(ORGANISATIONS)}",
            f"  sector: {rng.choice(SECTORS)}",
            f"  level: {rng.choice(('strategic', 'operational'))}",
            "scores:",
        ]
        for enabler in enablers:
            value = "skip" if rng.random() < 0.05 else str(rng.randint(1, 5))
            lines.append(f"  {enabler}: {value}")
        lines.append("indicators:")
        for indicator in sorted(rng.sample(indicators, 8), key=indicators.index):
            lines.append(f"  {indicator}: {rng.randint(1, 5)}")
        lines.append("evidence:")
        for enabler in sorted(rng.sample(enablers, 3), key=enablers.index):
            lines.append(f'  {enabler}: "{rng.choice(EVIDENCE)}"')
        lines.append(f"challenges: [{', '.join(rng.sample(challenges, 2))}]")
        lines.append("reflections:")
        lines.append(f'  {rng.choice(themes)}: "{rng.choice(EVIDENCE)}"')
        name = folder / f"{n:0{width}d}-participant.yaml"
        name.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


# ---------------------------------------------------------------------- running


def bbtool_command() -> list[str]:
    """The venv's own ``bbtool`` script, or ``python -m bbtool`` where there is none."""
    script = Path(sys.executable).with_name("bbtool.exe" if os.name == "nt" else "bbtool")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bbtool"]


@dataclass
class Timing:
    label: str
    seconds: list[float]
    peak_mb: float | None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> float:
        """(max - min) / median: how steady the runs were."""
        return (max(self.seconds) - min(self.seconds)) / self.median


def run_once(argv: Sequence[str], cwd: Path) -> tuple[float, float | None]:
    """Wall time of one run and the child's peak resident memory in MB (None where
    the platform cannot say). Fails loudly if the command fails."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        peak: float | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            # kilobytes on Linux, bytes on macOS
            scale = 1 if sys.platform == "darwin" else 1024
            peak = usage.ru_maxrss * scale / 1e6
        else:  # pragma: no cover - Windows
            proc.wait()
            elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{message}")
    return elapsed, peak


def measure(
    commands: Sequence[tuple[str, Sequence[str]]], cwd: Path, repeats: int, warm_up: int = 1
) -> list[Timing]:
    """Time commands in turns (A B C, A B C, ...), not one after another, so that what
    else the machine is doing weighs on a command and its floor alike."""
    for _ in range(warm_up):
        for _, argv in commands:
            run_once(argv, cwd)
    seconds: list[list[float]] = [[] for _ in commands]
    peaks: list[list[float]] = [[] for _ in commands]
    for _ in range(repeats):
        for i, (_, argv) in enumerate(commands):
            elapsed, peak = run_once(argv, cwd)
            seconds[i].append(elapsed)
            if peak is not None:
                peaks[i].append(peak)
    timings = [
        Timing(label, seconds[i], max(peaks[i]) if peaks[i] else None)
        for i, (label, _) in enumerate(commands)
    ]
    for t in timings:
        show(t)
    return timings


def show(t: Timing) -> None:
    memory = f"{t.peak_mb:7.0f} MB" if t.peak_mb is not None else ""
    print(f"  {t.label:<58} {t.median:8.3f} s  ±{t.spread * 50:3.0f}%  {memory}", flush=True)


def verdict(name: str, value: float, limit: float, unit: str = "x") -> bool:
    ok = value <= limit
    shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.0f} {unit}"
    bound = f"{limit:g}{unit}" if unit == "x" else f"{limit:g} {unit}"
    print(f"  {'PASS' if ok else 'MISS'}  {name:<64} {shown:>10}  (target <= {bound})")
    return ok


def heavy_modules(argv: Sequence[str], cwd: Path) -> list[str]:
    """The matplotlib and openpyxl modules a command imports (none, for check and score)."""
    done = subprocess.run(
        [sys.executable, "-c", HEAVY_PROBE, *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("HEAVY")), None)
    if line is None:
        raise SystemExit(f"probe failed: {' '.join(argv)}\n{done.stderr[-2000:]}")
    return [m for m in line[len("HEAVY") :].strip().split(",") if m]


# ------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="3 runs each; skip the full report at 10,000"
    )
    parser.add_argument("--repeats", type=int, help="runs of each command after the warm-up")
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)
    bbtool = bbtool_command()
    python = [sys.executable]
    results: list[bool] = []

    print(
        f"bbtool benchmark: Python {platform.python_version()}, {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores; {repeats} runs each after a "
        "warm-up; median, ±half the spread, peak memory"
    )
    with tempfile.TemporaryDirectory(prefix="bbtool-bench-") as tmp:
        base = Path(tmp)
        start = time.perf_counter()
        spaces = {n: make_workspace(base / f"ws-{n}", n) for n in SIZES}
        demo = base / "demo"
        shutil.copytree(DEMO, demo, ignore=shutil.ignore_patterns("report"))
        print(
            f"  (generated workspaces of {', '.join(f'{n:,}' for n in SIZES)} participants "
            f"in {time.perf_counter() - start:.1f} s)"
        )

        print("\nstart-up")
        small = spaces[10]
        one_file = sorted((small / "participants").iterdir())[0]
        floor, pydantic_floor, typer_floor, help_, check, score = measure(
            [
                (f"floor: python -c '{IMPORT_FLOOR}'", [*python, "-c", IMPORT_FLOOR]),
                (
                    "(for scale: the floor and pydantic's model machinery)",
                    [*python, "-c", PYDANTIC_FLOOR],
                ),
                (
                    "(for scale: a do-nothing typer command like check)",
                    [*python, "-c", TYPER_FLOOR, "check", str(small)],
                ),
                ("bbtool --help", [*bbtool, "--help"]),
                ("bbtool check (10 participants)", [*bbtool, "check", str(small)]),
                ("bbtool score (1 file)", [*bbtool, "score", str(one_file)]),
            ],
            base,
            repeats,
        )
        for name, argv_ in (("check", ["check", str(small)]), ("score", ["score", str(one_file)])):
            heavy = heavy_modules(argv_, base)
            ok = not heavy
            print(
                f"  {'PASS' if ok else 'MISS'}  {name} imports neither matplotlib nor openpyxl"
                + ("" if ok else f": {', '.join(heavy[:5])}")
            )
            results.append(ok)
        print(
            f"        bbtool --help / import floor: {help_.median / floor.median:.2f}x "
            "(no target; typer's help imports rich's Markdown and tables)"
        )
        results.append(
            verdict("bbtool check / import floor", check.median / floor.median, START_UP_RATIO)
        )
        results.append(
            verdict("bbtool score / import floor", score.median / floor.median, START_UP_RATIO)
        )
        machinery = pydantic_floor.median / floor.median
        print(
            f"        (pydantic's model machinery alone is {machinery:.2f}x the import floor; "
            f"check is {check.median / pydantic_floor.median:.2f}x that; the do-nothing "
            f"typer command is {typer_floor.median / floor.median:.2f}x the floor)"
        )

        print("\nvalidation and scoring: report --json (writes the JSON, prints the summary)")
        json_times: dict[int, Timing] = {}
        parse_floors: dict[int, Timing] = {}
        for n in SIZES:
            report_json = (
                f"bbtool report --json ({n:,} participants)",
                [*bbtool, "report", str(spaces[n]), "--json", "--out", str(base / f"out-{n}")],
            )
            if n < 1_000:
                (json_times[n],) = measure([report_json], base, repeats)
                continue
            parse_floor = (
                f"floor: CSafeLoader parse of the same files ({n:,})",
                [*python, "-c", PARSE_FLOOR, str(spaces[n])],
            )
            json_times[n], parse_floors[n] = measure([report_json, parse_floor], base, repeats)
        for n in (1_000, 10_000):
            results.append(
                verdict(
                    f"report --json / C-loader parse floor at {n:,}",
                    json_times[n].median / parse_floors[n].median,
                    PARSE_RATIO,
                )
            )

        print("\ngrowth")
        results.append(
            verdict(
                "report --json: time at 10,000 / time at 1,000",
                json_times[10_000].median / json_times[1_000].median,
                GROWTH_RATIO,
            )
        )
        parse_growth = parse_floors[10_000].median / parse_floors[1_000].median
        print(f"        (the parse floor grows {parse_growth:.2f}x)")

        print("\nfull report: --xlsx --radar --markdown --json")
        full = ["--xlsx", "--radar", "--markdown", "--json"]
        demo_out = base / "out-demo"
        demo_argv = [*bbtool, "report", str(demo), *full, "--out", str(demo_out)]
        run_once(demo_argv, base)
        charts = len(list(demo_out.glob("*.png")))
        demo_full, charts_floor = measure(
            [
                ("bbtool report (demo, 10 participants)", demo_argv),
                (
                    f"floor: import matplotlib, openpyxl; {charts} plain radar PNGs",
                    [*python, "-c", CHARTS_FLOOR, str(charts)],
                ),
            ],
            base,
            repeats,
        )
        out_1000 = str(base / "out-full-1000")
        measure(
            [
                (
                    "bbtool report (1,000 participants)",
                    [*bbtool, "report", str(spaces[1_000]), *full, "--out", out_1000],
                )
            ],
            base,
            repeats,
        )
        results.append(
            verdict(
                "full demo report / (imports + same number of charts)",
                demo_full.median / charts_floor.median,
                CHARTS_RATIO,
            )
        )

        print("\nthe meeting view: report --html")
        html_demo_out = base / "out-html-demo"
        html_argv = [*bbtool, "report", str(demo), "--html", "--out", str(html_demo_out)]
        json_demo_argv = [*bbtool, "report", str(demo), "--json", "--out", str(base / "out-j")]
        html_demo, json_demo = measure(
            [
                ("bbtool report --html (demo, 10 participants)", html_argv),
                ("bbtool report --json (demo, 10 participants)", json_demo_argv),
            ],
            base,
            repeats,
        )
        results.append(
            verdict(
                "report --html / (report --json + the same charts drawn)",
                html_demo.median / (json_demo.median + charts_floor.median),
                HTML_RATIO,
            )
        )
        html_1000_out = base / "out-html-1000"
        run_once(
            [*bbtool, "report", str(spaces[1_000]), "--html", "--out", str(html_1000_out)], base
        )
        for label, folder, limit in (
            ("the demo's page", html_demo_out, HTML_DEMO_KB),
            ("the page at 1,000 participants", html_1000_out, HTML_1000_KB),
        ):
            (page,) = folder.glob("*.html")
            results.append(verdict(f"size: {label}", page.stat().st_size / 1e3, limit, "KB"))

        print("\npeak memory at 10,000 participants")
        peaks = [t for t in (json_times[10_000],) if t.peak_mb is not None]
        if not args.quick:
            out_10000 = str(base / "out-full-10000")
            argv_10000 = [*bbtool, "report", str(spaces[10_000]), *full, "--out", out_10000]
            label = "bbtool report, full (10,000 participants; 1 run)"
            peaks += measure([(label, argv_10000)], base, 1, warm_up=0)
        for t in peaks:
            assert t.peak_mb is not None
            results.append(verdict(f"peak memory: {t.label}", t.peak_mb, MEMORY_MB, "MB"))
        if not peaks:
            print("  (peak memory cannot be measured on this platform)")

    missed = results.count(False)
    print(
        f"\n{len(results) - missed} of {len(results)} targets met"
        + (f"; {missed} missed" if missed else "")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
