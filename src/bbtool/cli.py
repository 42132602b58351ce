"""The command line: parse arguments, call the library, turn errors into exit codes.

Exit codes: 0 success; 1 invalid input or an output that could not be written;
2 a usage error (a missing folder, a bad option).
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from bbtool import __version__
from bbtool.errors import BbtoolError, InputError, OutputError, Problem, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from bbtool.models import Framework

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

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            _print_problems(exc.problems)
            errors = sum(p.severity == "error" for p in exc.problems)
            files = len({p.path for p in exc.problems if p.severity == "error"})
            _err(f"bbtool: {errors} error(s) in {files} file(s); nothing was written")
            raise typer.Exit(1) from None
        except UsageError as exc:
            _err(f"bbtool: {exc}")
            raise typer.Exit(2) from None
        except OutputError as exc:
            _err(f"bbtool: {exc}; nothing was written")
            raise typer.Exit(1) from None
        except BbtoolError as exc:  # pragma: no cover - every subclass is handled above
            _err(f"bbtool: {exc}")
            raise typer.Exit(1) from None

    return wrapper


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

    return Console(highlight=False, width=None if sys.stdout.isatty() else 110)


# ------------------------------------------------------------------------- init


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
) -> None:
    """Create a workspace: bbtool.yaml and a template score file per participant.

    Never overwrites a file that exists already.
    """
    from bbtool.loader import CONFIG, PARTICIPANTS, load_framework
    from bbtool.output import safe_name, write_new
    from bbtool.templates import score_template, workspace_config

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
    written: list[Path] = []
    kept: list[Path] = []
    config = directory / CONFIG
    (written if write_new(config, workspace_config(area, round_).encode()) else kept).append(config)
    width = max(2, len(str(len(people))))
    for i, person in enumerate(people, 1):
        stem = safe_name(person, fallback="participant") if names is not None else "participant"
        target = directory / PARTICIPANTS / f"{i:0{width}d}-{stem}.yaml"
        text = score_template(framework, person)
        (written if write_new(target, text.encode()) else kept).append(target)
    for path in written:
        typer.echo(f"wrote {path}")
    for path in kept:
        typer.echo(f"kept {path} (exists already; not overwritten)")
    typer.echo(
        f"Next: each participant fills in their file in {directory / PARTICIPANTS}, "
        f"then run: bbtool report {directory}"
    )


# ------------------------------------------------------------------------ score


@app.command()
@handled
def score(
    file: Annotated[Path, typer.Argument(help="One participant's score file.")],
    framework_dir: Annotated[
        Path | None,
        typer.Option("--framework", help="Folder of another framework (default: built in)."),
    ] = None,
) -> None:
    """Check one score file and show that participant's answers.

    Exit 0 when the file is valid (warnings are shown), 1 when it is not.
    """
    from bbtool.loader import load_framework, load_score_file
    from bbtool.terminal import answers_view

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    framework = load_framework(framework_dir) if framework_dir else _workspace_framework(file)
    record, warnings = load_score_file(file, framework)
    _console().print(answers_view(record, framework))
    _print_problems(warnings)


def _workspace_framework(file: Path) -> Framework:
    """The framework of the workspace a score file is in (checked as ``report`` checks
    it), or the built-in one for a file outside any workspace."""
    from bbtool.loader import CONFIG, PARTICIPANTS, load_framework, load_settings

    folder = file.resolve().parent
    if folder.name != PARTICIPANTS or not (folder.parent / CONFIG).is_file():
        return load_framework()
    return load_settings(folder.parent)[1]


# ----------------------------------------------------------------------- report


class GroupBy(str, Enum):
    sector = "sector"
    level = "level"
    organisation = "organisation"


@app.command()
@handled
def report(
    directory: Annotated[Path, typer.Argument(help="Workspace folder.")] = Path("."),
    json_: Annotated[bool, typer.Option("--json", help="Write <name>.json.")] = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Write the <name>.xlsx workbook.")] = False,
    radar: Annotated[bool, typer.Option("--radar", help="Write radar charts as PNG.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Write <name>.md.")] = False,
    by: Annotated[
        GroupBy | None,
        typer.Option(help="Also show results per group of participants."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Folder for output files (default: DIR/report).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary.")] = False,
) -> None:
    """Score every participant's file and show the group's results.

    With output options, also write files into --out (all of them, or none).
    """
    from bbtool.loader import load_workspace
    from bbtool.output import safe_name, write_all
    from bbtool.scoring import score as score_all
    from bbtool.scoring import score_groups
    from bbtool.terminal import report_view

    workspace = load_workspace(directory)
    framework, records = workspace.framework, workspace.records
    config, thresholds = workspace.config, workspace.thresholds
    result = score_all(
        framework, records, area=config.area, round=config.round, thresholds=thresholds
    )
    groups = None
    if by is not None:
        groups = score_groups(
            framework,
            records,
            by=by.value,
            area=config.area,
            round=config.round,
            thresholds=thresholds,
        )
    out = out or directory / "report"
    stem = safe_name(f"{result.area}-{result.round}", fallback="report")
    files: dict[Path, bytes] = {}
    images: list[str] = []
    if radar:
        from bbtool.radar import build_radars, figure_bytes

        figures = build_radars(result, framework, groups=groups, group_by=by.value if by else None)
        for name, figure in figures.items():
            files[out / name] = figure_bytes(figure)
            images.append(name)
    if xlsx:
        from bbtool.workbook import build_workbook, workbook_bytes

        book = build_workbook(
            result, framework, records, {by.value: groups} if by and groups else None
        )
        files[out / f"{stem}.xlsx"] = workbook_bytes(book)
    if markdown:
        from bbtool.markdown_report import to_markdown

        files[out / f"{stem}.md"] = to_markdown(result, images).encode()
    if json_:
        from bbtool.json_report import to_json

        files[out / f"{stem}.json"] = to_json(result, groups, by.value if by else None).encode()
    write_all(files)
    for note in workspace.notes:
        _err(note)
    _print_problems(workspace.warnings)
    if not quiet:
        _console().print(report_view(result))
    for path in files:
        typer.echo(f"wrote {path}")


def main() -> None:
    app(prog_name="bbtool")
