"""The command line: parse arguments, call the library, turn errors into exit codes.

Exit codes: 0 success; 1 invalid input or an output that could not be written;
2 a usage error (a missing folder, a bad option).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import sys
import warnings
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from bbtool import __version__
from bbtool.errors import BbtoolError, InputError, OutputError, Problem, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from bbtool.core.models import Framework

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="bbtool",
    help="Run the Beyond Boundaries self-evaluation of early years integration from plain files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _err(line: str) -> None:
    typer.echo(line, err=True)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        _err(str(problem))


def handled(func: Callable[P, R]) -> Callable[P, R]:
    """Turn bbtool's own errors into one clear message each and an exit code."""
    return _handled(func, writes=True)


def handled_read_only(func: Callable[P, R]) -> Callable[P, R]:
    """As :func:`handled`, for commands that never write (no 'nothing was written')."""
    return _handled(func, writes=False)


def _handled(func: Callable[P, R], *, writes: bool) -> Callable[P, R]:
    unwritten = "; nothing was written" if writes else ""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            _print_problems(exc.problems)
            errors = sum(p.severity == "error" for p in exc.problems)
            files = len({p.path for p in exc.problems if p.severity == "error"})
            _err(f"bbtool: {errors} error(s) in {files} file(s){unwritten}")
            raise typer.Exit(1) from None
        except UsageError as exc:
            _err(f"bbtool: {exc}")
            raise typer.Exit(2) from None
        except OutputError as exc:
            if exc.written:
                _err(f"bbtool: {exc}; written before this: {', '.join(exc.written)}")
            else:
                _err(f"bbtool: {exc}; nothing was written")
            raise typer.Exit(1) from None
        except BbtoolError as exc:  # pragma: no cover - every subclass is handled above
            _err(f"bbtool: {exc}")
            raise typer.Exit(1) from None

    return wrapper


def _create_each(files: list[tuple[Path, Callable[[], bytes]]]) -> None:
    """Create each file that does not exist yet (its bytes made only then), never
    overwriting one; say what was written and what was kept."""
    from bbtool.files import write_new

    written: list[Path] = []
    kept: list[Path] = []
    for target, make in files:
        if target.exists():
            kept.append(target)
            continue
        try:
            (written if write_new(target, make()) else kept).append(target)
        except OutputError as exc:
            raise OutputError(str(exc), tuple(str(w) for w in written)) from None
    for path in written:
        typer.echo(f"wrote {path}")
    for path in kept:
        typer.echo(f"kept {path} (exists already; not overwritten)")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bbtool {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Run the Beyond Boundaries self-evaluation of early years integration from plain files."""


def _console() -> Console:
    from rich.console import Console

    # markup off: a name like "Ann [/] Other" or a round "2027 [HV]" is text, not a
    # style tag (one stopped `compare` with a MarkupError)
    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 110)


class _ProgressBar:
    """A progress bar on the terminal's stderr while score files are read, shown only
    once reading has taken a second (thousands of files) and cleared when done."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total or self._clock() - self._start < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("Reading score files", total=total)
        self._bar.update(self._task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            # rich asks its refresh thread to stop but does not wait for it; wait, so
            # that work shared out among forked workers next finds this thread gone
            refresher = getattr(self._bar.live, "_refresh_thread", None)
            self._bar.stop()
            if refresher is not None:
                refresher.join(timeout=2)
            self._bar = None


def _progress_bar(quiet: bool) -> _ProgressBar | None:
    """A progress bar for a long read, unless --quiet or stderr is not a terminal."""
    return None if quiet or not sys.stderr.isatty() else _ProgressBar()


class _Steps:
    """One line on the terminal's stderr naming the step under way (drawing the charts,
    building the workbook: seconds each for thousands of participants), cleared when
    it is done. Drawn once, not animated: an animation needs a thread, and no other
    thread may run while workers are forked to draw the charts."""

    def __init__(self, console: Console | None) -> None:
        self._console = console

    @contextlib.contextmanager
    def __call__(self, what: str) -> Iterator[None]:
        if self._console is None:
            yield
            return
        from rich.live import Live
        from rich.text import Text

        line = Text(f"{what}…", style="dim")
        with Live(
            line,
            console=self._console,
            transient=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        ) as live:
            live.refresh()
            yield


@contextlib.contextmanager
def _kept_warnings() -> Iterator[list[str]]:
    """What is warned of inside (matplotlib: a character the chart font lacks), kept,
    once each, to be said as notes when the work is done, not written out as Python
    warnings in the middle of it."""
    said: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield said
    said.extend(dict.fromkeys(str(w.message) for w in caught))


def _steps(quiet: bool) -> _Steps:
    """What :class:`_Steps` shows: nothing under --quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return _Steps(None)
    from rich.console import Console

    return _Steps(Console(stderr=True, highlight=False, markup=False))


# ------------------------------------------------------------------------- init


class CI(str, Enum):
    github = "github"
    gitlab = "gitlab"


@app.command()
@handled
def init(
    directory: Annotated[Path, typer.Argument(help="Workspace folder to create.")] = Path("."),
    area: Annotated[str | None, typer.Option(help="Local area the self-evaluation is for.")] = None,
    round_: Annotated[
        str | None, typer.Option("--round", help="Name of this round, e.g. '2026 spring'.")
    ] = None,
    participants: Annotated[
        int | None,
        typer.Option(min=1, max=500, help="Number of blank score files to create."),
    ] = None,
    names: Annotated[
        str | None, typer.Option(help="Participants' names, separated by commas.")
    ] = None,
    ci: Annotated[
        CI | None,
        typer.Option(
            help="Also write a CI file, at the root of the git repository holding DIR, "
            "that checks every round on each change and builds their reports: github "
            "(.github/workflows/bbtool.yml) or gitlab (.gitlab-ci.yml). Needs "
            "--install-from."
        ),
    ] = None,
    install_from: Annotated[
        str | None,
        typer.Option(
            "--install-from",
            metavar="SOURCE",
            help="Where CI installs bbtool from: a wheel file (copied into the "
            "repository's .bbtool/), a git URL with @TAG or @COMMIT, or a version on "
            "the package index.",
        ),
    ] = None,
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            help="Also write .pre-commit-config.yaml at the repository's root: 'bbtool "
            "check' on every score file, bbtool.yaml and agreed.yaml committed.",
        ),
    ] = False,
) -> None:
    """Create a workspace: bbtool.yaml, a template score file per participant,
    bbtool.schema.json (so editors check score files as they are typed) and a
    .gitignore that keeps reports and backups out of git.

    Never overwrites a file that exists already: run it again with more names and
    only the new people's files are written.
    """
    from bbtool.files import safe_name
    from bbtool.render.ci import GITIGNORE, PRE_COMMIT_PATH, ci_file, gitignore
    from bbtool.render.schema import SCHEMA_FILE, score_file_schema
    from bbtool.render.templates import score_template, workspace_config
    from bbtool.workspace.loader import CONFIG, PARTICIPANTS, load_framework
    from bbtool.workspace.repository import install_source, repository_place

    if participants is not None and names is not None:
        raise UsageError("give --participants or --names, not both")
    people = [n.strip() for n in names.split(",")] if names is not None else []
    if names is not None and not all(people):
        raise UsageError("--names: a name is empty; separate names with commas")
    if len({p.casefold() for p in people}) != len(people):
        raise UsageError("--names: a name is given twice; each participant needs their own")
    if not people:
        people = [f"Participant {i}" for i in range(1, (participants or 1) + 1)]
    framework = load_framework()
    area = area or directory.resolve().name
    round_ = round_ or str(dt.date.today().year)
    import json

    schema_text = json.dumps(score_file_schema(framework), indent=2, ensure_ascii=False) + "\n"
    files: list[tuple[Path, str]] = [
        (directory / CONFIG, workspace_config(area, round_)),
        (directory / SCHEMA_FILE, schema_text),
    ]
    files.append((directory / GITIGNORE, gitignore()))
    copies: list[tuple[Path, Path]] = []  # (a file to copy, where)
    if install_from is not None and ci is None:
        raise UsageError("--install-from goes with --ci github or --ci gitlab")
    place = repository_place(directory)
    if ci is not None:
        if install_from is None:
            from bbtool.workspace.repository import SOURCES_HELP

            raise UsageError(f"--ci {ci.value}: {SOURCES_HELP}")
        source = install_source(install_from)
        ci_path, ci_text = ci_file(ci.value, source.requirement)
        files.append((_beside_cwd(place.root / ci_path), ci_text))
        if source.wheel is not None and source.wheel_target is not None:
            copies.append((source.wheel, _beside_cwd(place.root / source.wheel_target)))
    if pre_commit:
        from bbtool.render.ci import pre_commit_config

        files.append((_beside_cwd(place.root / PRE_COMMIT_PATH), pre_commit_config()))
    folder = directory / PARTICIPANTS
    existing = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    width = max(2, len(str(len(people))))
    schema_line = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
    numbers = [int(f.stem.split("-", 1)[0]) for f in existing if f.stem.split("-", 1)[0].isdigit()]
    next_number = max(numbers, default=0) + 1
    for i, person in enumerate(people, 1):
        stem = safe_name(person, fallback="participant") if names is not None else "participant"
        # someone named again (in any order) keeps their file, whatever its number;
        # a new person is numbered after everyone already there
        mine = [f for f in existing if names is not None and f.stem.split("-", 1)[-1] == stem]
        if mine:
            target = mine[0]
        else:
            number = i
            if names is not None and existing:
                number, next_number = next_number, next_number + 1
            target = folder / f"{number:0{width}d}-{stem}.yaml"
        files.append((target, score_template(framework, person, schema_line)))
    _create_each(
        [(target, text.encode) for target, text in files]
        + [(target, wheel.read_bytes) for wheel, target in copies]
    )
    if (ci is not None or pre_commit) and not place.in_git:
        typer.echo(
            f"note: no git repository holds {directory}: the repository files were "
            f"written in it; make it the repository's root (git init {directory})"
        )
    if ci is not None:
        typer.echo(
            "CI checks and reports every round in the repository (each folder with "
            f"{CONFIG}) on every push; commit {CONFIG} and the CI file to start it."
        )
    typer.echo(
        f"Next: each participant fills in their file in {folder}, "
        f"then run: bbtool report {directory}"
    )


def _beside_cwd(path: Path) -> Path:
    """``path`` relative to the working folder where it lies below it (as people type)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# ------------------------------------------------------------------------ score


@app.command()
@handled_read_only
def score(
    file: Annotated[Path, typer.Argument(help="One participant's score file.")],
    framework_dir: Annotated[
        Path | None,
        typer.Option("--framework", help="Folder of another framework (default: built in)."),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Answer the questions in the terminal, one enabler at a time; the file "
            "is created if need be and saved after every answer (the original is kept "
            "as FILE.bak).",
        ),
    ] = False,
) -> None:
    """Check one score file and show that participant's answers.

    Exit 0 when the file is valid (warnings are shown), 1 when it is not.
    With --interactive, fill it in first by answering questions (q stops; run it
    again to carry on where you left off).
    """
    from bbtool.render.terminal import answers_view
    from bbtool.workspace.loader import framework_for, load_framework, load_score_file

    if interactive and file.is_dir():
        raise UsageError(f"{file}: is a folder; give the score file to fill in")
    if not interactive and not file.is_file():
        raise UsageError(f"{file}: no such file")
    framework = load_framework(framework_dir) if framework_dir else framework_for(file)
    if interactive:
        _interview(file, framework)
        if not file.is_file():
            return
    record, warnings = load_score_file(file, framework)
    _console().print(answers_view(record, framework))
    _print_problems(warnings)


def _interview(file: Path, framework: Framework) -> None:
    """``score --interactive``: the questionnaire, reading answers from standard input."""
    from bbtool.app.interview import interview

    def ask(prompt: str) -> str:
        try:
            return input(f"{prompt} ")
        except (EOFError, KeyboardInterrupt):  # end of input or Ctrl-C: stop, as q does
            typer.echo()
            return "q"

    interview(file, framework, ask, typer.echo)


# ------------------------------------------------------------------------ check


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


@app.command()
@handled_read_only
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Workspaces, folders of workspaces, or single score files (default: .).",
            show_default=False,
        ),
    ] = None,
    format_: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (path:line:col: message), json, github (annotations; the default "
            "when GITHUB_ACTIONS=true) or gitlab (a Code Quality report).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (an enabler unanswered...).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(help="Write the chosen format to this file, and plain lines to the terminal."),
    ] = None,
) -> None:
    """Check score files and bbtool.yaml without writing anything: for CI and pre-commit.

    Exit 0 when everything is valid (warnings allowed unless --strict), 1 when a
    problem was found, 2 for a usage error.
    """
    import os

    from bbtool.render.problems import as_text, render
    from bbtool.workspace.checker import check_paths

    result = check_paths(paths or [Path(".")])
    if format_ is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        format_ = CheckFormat.github if github else CheckFormat.text
    rendered = render(
        result.problems, format_.value, files=result.files, workspaces=result.workspaces
    )
    if output is not None:
        from bbtool.files import write_all

        write_all({output: rendered.encode()})
        rendered = as_text(result.problems)
    typer.echo(rendered, nl=False)
    errors, warnings = len(result.errors), len(result.warnings)
    if format_ != CheckFormat.json or output is not None:
        _err(f"bbtool: {errors} error(s), {warnings} warning(s) in {result.files} file(s) checked")
    if errors or (strict and warnings):
        raise typer.Exit(1)


# ----------------------------------------------------------------------- schema


@app.command()
@handled_read_only
def schema(
    framework_dir: Annotated[
        Path | None,
        typer.Option("--framework", help="Folder of another framework (default: built in)."),
    ] = None,
) -> None:
    """Print a JSON Schema (draft 7) for score files, for editors and other tools.

    'bbtool init' writes it as bbtool.schema.json and points every template at it.
    """
    import json

    from bbtool.render.schema import score_file_schema
    from bbtool.workspace.loader import load_framework

    data = score_file_schema(load_framework(framework_dir))
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


# ----------------------------------------------------------------------- report


AnonymiseOpt = Annotated[
    bool,
    typer.Option(
        "--anonymise",
        help="Participants become P01, P02, ... (in an order that reveals neither the "
        "files nor the names); organisations are dropped; per-file warnings are counted, "
        "not shown.",
    ),
]
KeepOrganisationOpt = Annotated[
    bool, typer.Option("--keep-organisation", help="With --anonymise: keep organisations.")
]
NoTextOpt = Annotated[
    bool,
    typer.Option("--no-text", help="With --anonymise: leave out evidence and reflections."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary.")]


def _anonymity_options(anonymise: bool, keep_organisation: bool, no_text: bool) -> None:
    if (keep_organisation or no_text) and not anonymise:
        raise UsageError("--keep-organisation and --no-text go with --anonymise")


def _print_warnings(warnings: list[Problem], anonymised: bool) -> None:
    """Warnings name score files, whose names are usually people's: count them instead."""
    if anonymised and warnings:
        _err(
            f"bbtool: {len(warnings)} warning(s) in the score files, not shown with "
            "--anonymise; 'bbtool check' shows them"
        )
    elif not anonymised:
        _print_problems(warnings)


class GroupBy(str, Enum):
    sector = "sector"
    level = "level"
    organisation = "organisation"
    area = "area"


@app.command()
@handled
def report(
    directory: Annotated[
        Path, typer.Argument(help="Workspace folder, or with --by area a folder of workspaces.")
    ] = Path("."),
    json_: Annotated[bool, typer.Option("--json", help="Write <name>.json.")] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Write the <name>.xlsx workbook.")] = False,
    radar: Annotated[bool, typer.Option("--radar", help="Write radar charts as PNG.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Write <name>.md.")] = False,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            help="Also show results per group of participants: by sector, level or "
            "organisation; or by area, for a folder holding one workspace per area."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder for output files (default: DIR/report).")
    ] = None,
    quiet: QuietOpt = False,
    anonymise: AnonymiseOpt = False,
    keep_organisation: KeepOrganisationOpt = False,
    no_text: NoTextOpt = False,
) -> None:
    """Score every participant's file and show the group's results.

    With output options, also write files into --out (all of them, or none).
    With --by area, DIR is a folder holding one workspace per area: each area is
    scored on its own, side by side, and everyone together (files <folder>-areas.*).
    """
    from bbtool.core.results import Report
    from bbtool.core.scoring import score as score_all
    from bbtool.core.scoring import score_groups
    from bbtool.files import safe_name, write_all
    from bbtool.render.terminal import groups_view, report_view
    from bbtool.workspace.areas import area_roots, load_areas, score_areas
    from bbtool.workspace.checker import is_workspace
    from bbtool.workspace.loader import display_path, load_workspace

    groups: dict[str, Report] | None = None
    _anonymity_options(anonymise, keep_organisation, no_text)
    if anonymise and by is GroupBy.area:
        raise UsageError("--anonymise does not work with --by area yet")
    if anonymise and by is GroupBy.organisation and not keep_organisation:
        raise UsageError("--by organisation with --anonymise needs --keep-organisation")
    roots = area_roots(directory)
    if roots and by is not GroupBy.area:
        raise UsageError(
            f"{display_path(directory)}: is not a workspace but holds "
            f"{len(roots)} ({', '.join(r.name for r in roots)}); compare them side by side "
            "with --by area, or report on one of them"
        )
    if by is GroupBy.area and not roots and directory.is_dir():
        what = "is a single workspace" if is_workspace(directory) else "holds no workspaces"
        raise UsageError(
            f"{display_path(directory)}: {what}; --by area compares the workspaces in a "
            "folder that holds one per area: give that folder, or use --by sector, level "
            "or organisation"
        )
    if roots:
        areas = load_areas(directory)
        framework, records = areas.framework, areas.records
        notes, warnings = areas.notes, areas.warnings
        result, groups = score_areas(areas)
        stem = safe_name(f"{areas.name}-areas", fallback="areas")
    else:
        progress = _progress_bar(quiet)
        try:
            workspace = load_workspace(directory, progress)
        finally:
            if progress is not None:
                progress.close()
        framework, records = workspace.framework, workspace.records
        notes, warnings = workspace.notes, workspace.warnings
        if anonymise:
            from bbtool.core.anonymise import anonymise as anonymised

            records = anonymised(
                records, keep_organisation=keep_organisation, keep_text=not no_text
            )
        config, thresholds = workspace.config, workspace.thresholds
        result = score_all(
            framework,
            records,
            area=config.area,
            round=config.round,
            thresholds=thresholds,
            agreed=workspace.agreed,
        )
        if by is not None:
            groups = score_groups(
                framework,
                records,
                by=by.value,
                area=config.area,
                round=config.round,
                thresholds=thresholds,
            )
        stem = safe_name(f"{result.area}-{result.round}", fallback="report")
    out = out or directory / "report"
    files: dict[Path, bytes] = {}
    images: list[str] = []
    step = _steps(quiet)
    if radar:
        from bbtool.render.radar.report import build_radars, pngs

        with step("Drawing the radar charts"), _kept_warnings() as chart_notes:
            by_ = by.value if by else None
            figures = build_radars(result, framework, groups=groups, group_by=by_)
            for name, png in pngs(figures).items():
                # theme ids come from the framework's files: keep them to a plain name
                name = f"{safe_name(name.removesuffix('.png'), fallback='radar')}.png"
                files[out / name] = png
                images.append(name)
            del figures
            gc.collect()
        notes = [*notes, *(f"radar charts: {message}" for message in chart_notes)]
    if xlsx:
        from bbtool.render.xlsx.report import build_workbook, workbook_bytes

        with step(f"Building the workbook ({len(records):,} participants)"):
            book = build_workbook(
                result, framework, records, {by.value: groups} if by and groups else None
            )
            files[out / f"{stem}.xlsx"] = workbook_bytes(book)
            # a big workbook is a web of cells: free it now, before the next is built
            del book
            gc.collect()
    if markdown:
        from bbtool.render.markdown import to_markdown

        files[out / f"{stem}.md"] = to_markdown(
            result, images, groups=groups, by=by.value if by else None
        ).encode()
    if json_:
        from bbtool.render.json import to_json

        files[out / f"{stem}.json"] = to_json(result, groups, by.value if by else None).encode()
    write_all(files)
    for note in notes:
        _err(note)
    _print_warnings(warnings, anonymise)
    if not quiet:
        console = _console()
        console.print(report_view(result))
        if groups is not None and by is not None:
            console.print(groups_view(result, groups, by.value))
    for path in files:
        typer.echo(f"wrote {path}")


# ---------------------------------------------------------------------- compare


@app.command()
@handled
def compare(
    old: Annotated[Path, typer.Argument(help="The earlier round's workspace, e.g. last year's.")],
    new: Annotated[Path, typer.Argument(help="The later round's workspace, e.g. this year's.")],
    json_: Annotated[
        bool, typer.Option("--json", help="Write compare-<old>-to-<new>.json.")
    ] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Write the comparison workbook.")] = False,
    radar: Annotated[
        bool, typer.Option("--radar", help="Write radar-compare.png: both rounds overlaid.")
    ] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Write the comparison as .md.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option(help="Folder for output files (default: NEW/report).")
    ] = None,
    quiet: QuietOpt = False,
    anonymise: AnonymiseOpt = False,
    keep_organisation: KeepOrganisationOpt = False,
    no_text: NoTextOpt = False,
) -> None:
    """Compare two rounds: how each enabler's mean, consensus and flags changed from
    OLD to NEW, who took part in both, and which enablers moved most.

    Both workspaces are checked first; every problem in either is reported at once.
    With output options, also write files into --out (all of them, or none).
    """
    from bbtool.core.comparison import NotComparable
    from bbtool.core.comparison import compare as compare_rounds
    from bbtool.core.scoring import score as score_all
    from bbtool.files import safe_name, write_all
    from bbtool.render.comparison_text import comparison_view
    from bbtool.workspace.loader import CONFIG, Workspace, display_path, load_workspace

    _anonymity_options(anonymise, keep_organisation, no_text)
    for folder in (old, new):
        if not folder.is_dir():
            raise UsageError(f"{display_path(folder)}: no such folder")
    if old.resolve() == new.resolve():
        raise UsageError(
            f"{display_path(old)}: is given twice; compare a round with another round's workspace"
        )
    loaded: list[Workspace] = []
    problems: list[Problem] = []
    for folder in (old, new):
        try:
            loaded.append(load_workspace(folder))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems + [w for ws in loaded for w in ws.warnings])
    before, after = loaded
    rounds = [w.records for w in loaded]
    if anonymise:
        from bbtool.core.anonymise import anonymise as anonymised
        from bbtool.core.anonymise import pseudonyms

        # one numbering for both rounds, so the same person keeps their number
        mapping = pseudonyms(r.name for records in rounds for r in records)
        rounds = [
            anonymised(records, mapping, keep_organisation=keep_organisation, keep_text=not no_text)
            for records in rounds
        ]
    reports = [
        score_all(
            w.framework,
            records,
            area=w.config.area,
            round=w.config.round,
            thresholds=w.thresholds,
        )
        for w, records in zip(loaded, rounds, strict=True)
    ]
    try:
        comparison = compare_rounds(reports[0], reports[1])
    except NotComparable as exc:
        raise UsageError(
            f"{display_path(old)} and {display_path(new)}: {exc}; rounds are compared only "
            f"on the same framework and scale (see 'framework:' in their {CONFIG})"
        ) from None
    stem = f"compare-{safe_name(comparison.name, fallback='rounds')}"
    out = out or new / "report"
    files: dict[Path, bytes] = {}
    images: list[str] = []
    chart_notes: list[str] = []
    if radar:
        from bbtool.render.radar.comparison import COMPARE_FILE, build_comparison_radar
        from bbtool.render.radar.report import figure_bytes

        with _kept_warnings() as chart_notes:
            figure = build_comparison_radar(comparison, after.framework)
            files[out / COMPARE_FILE] = figure_bytes(figure)
        images.append(COMPARE_FILE)
    if xlsx:
        from bbtool.render.xlsx.comparison import build_comparison_workbook
        from bbtool.render.xlsx.report import workbook_bytes

        files[out / f"{stem}.xlsx"] = workbook_bytes(build_comparison_workbook(comparison))
    if markdown:
        from bbtool.render.comparison_text import to_markdown

        files[out / f"{stem}.md"] = to_markdown(comparison, images).encode()
    if json_:
        from bbtool.render.comparison_text import to_json

        files[out / f"{stem}.json"] = to_json(comparison).encode()
    write_all(files)
    for workspace in (before, after):
        for note in workspace.notes:
            _err(note)
        _print_warnings(workspace.warnings, anonymise)
    for message in chart_notes:
        _err(f"radar chart: {message}")
    if not quiet:
        _console().print(comparison_view(comparison))
    for path in files:
        typer.echo(f"wrote {path}")


# ------------------------------------------------------------------ form, import


def _form_framework(directory: Path) -> tuple[Framework, str | None]:
    """The workspace's framework and its area and round, or the built-in framework."""
    from bbtool.workspace.loader import CONFIG, load_framework, load_settings

    if (directory / CONFIG).is_file():
        config, framework, _ = load_settings(directory)
        return framework, f"{config.area} · {config.round}"
    return load_framework(), None


@app.command()
@handled
def form(
    directory: Annotated[
        Path, typer.Argument(help="Workspace folder (its framework is used, if it has one).")
    ] = Path("."),
    participants: Annotated[
        int | None,
        typer.Option(min=1, max=500, help="Number of blank forms to write."),
    ] = None,
    names: Annotated[
        str | None,
        typer.Option(help="Participants' names, separated by commas: one form each."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder for the forms (default: DIR/forms).")
    ] = None,
) -> None:
    """Write an Excel form per participant, for people who would rather not edit YAML.

    Each form has the instructions and scale, a sheet per theme, and the challenges;
    only the answer boxes can be changed. Bring them back with 'bbtool import'.
    Never overwrites a form that exists already.
    """
    from bbtool.files import safe_name

    if participants is not None and names is not None:
        raise UsageError("give --participants or --names, not both")
    framework, title = _form_framework(directory)
    out = out or directory / "forms"
    planned: list[tuple[Path, str | None]] = []
    if names is not None:
        people = [n.strip() for n in names.split(",")]
        if not all(people):
            raise UsageError("--names: a name is empty; separate names with commas")
        stems = [safe_name(p, fallback="participant") for p in people]
        if len(set(stems)) != len(stems):
            raise UsageError("--names: a name is given twice; each participant needs their own")
        planned = [(out / f"{stem}.xlsx", p) for stem, p in zip(stems, people, strict=True)]
    else:
        count = participants or 1
        width = max(2, len(str(count)))
        planned = [(out / f"participant-{i:0{width}d}.xlsx", None) for i in range(1, count + 1)]
    _create_each(
        [
            (target, functools.partial(_form_bytes, framework, person, title))
            for target, person in planned
        ]
    )
    typer.echo(
        "Next: send each form to its participant; when they come back, run: "
        f"bbtool import {out}/*.xlsx --into {directory}"
    )


def _form_bytes(framework: Framework, person: str | None, title: str | None) -> bytes:
    from bbtool.forms.writer import build_form
    from bbtool.render.xlsx.report import workbook_bytes

    return workbook_bytes(build_form(framework, person, title))


@app.command("import")
@handled
def import_(
    forms: Annotated[list[Path], typer.Argument(help="Filled-in forms (.xlsx).")],
    into: Annotated[
        Path, typer.Option(help="Workspace to write score files into (its participants/).")
    ] = Path("."),
    force: Annotated[
        bool,
        typer.Option(help="Replace existing score files, keeping each old one as a backup."),
    ] = False,
) -> None:
    """Read filled-in forms and write one score file per form into INTO/participants/.

    Every form is checked first; if any has a problem (each is named by file, sheet and
    cell), nothing is written. An existing score file is replaced only with --force.
    """
    from bbtool.forms.importer import plan_import, write_import
    from bbtool.workspace.loader import display_path

    if not into.is_dir():
        raise UsageError(f"{display_path(into)}: no such folder")
    framework, _ = _form_framework(into)
    planned = plan_import(forms, into, framework, force=force)
    backups = write_import(planned)
    for item in planned:
        kept = f"; the old file is kept as {backups[item.target]}" if item.target in backups else ""
        typer.echo(f"wrote {item.target} (from {item.form}){kept}")
    typer.echo(f"Next: check them with: bbtool check {into}; then: bbtool report {into}")


def main() -> None:
    import os

    # pydantic looks through every installed package's entry points for plugins the
    # first time it builds a model: a tenth of `bbtool check`'s start-up, for a feature
    # bbtool has no use for. Skip it unless the user has said otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # A report on thousands of score files makes many small objects that all live until
    # bbtool exits, and almost no reference cycles; by default Python looks for cycles
    # every 700 allocations and re-scans the whole heap ever more often as it grows,
    # which took a sixth of the time at 10,000 participants. Look less often.
    gc.set_threshold(50_000, 20, 100)
    app(prog_name="bbtool")
