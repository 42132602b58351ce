"""``bbtool score``, ``check`` and ``schema``: one participant's file, every file of a
round checked (for CI and pre-commit), and the schema editors check files against."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from bbtool.cli.console import console
from bbtool.cli.handled import err, handled_read_only, print_problems
from bbtool.cli.options import CheckFormat, FrameworkOpt
from bbtool.errors import UsageError


@handled_read_only
def score(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="One participant's score file.")],
    framework_dir: FrameworkOpt = None,
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
    from bbtool.app.interview import interview
    from bbtool.render.terminal import answers_view
    from bbtool.workspace.loader import framework_for, load_framework, load_score_file

    if interactive and file.is_dir():
        raise UsageError(f"{file}: is a folder; give the score file to fill in")
    if not interactive and not file.is_file():
        raise UsageError(f"{file}: no such file")
    framework = load_framework(framework_dir) if framework_dir else framework_for(file)
    if interactive:
        interview(file, framework, _ask, _say)
        if not file.is_file():
            return
    record, warnings = load_score_file(file, framework)
    console().print(answers_view(record, framework))
    print_problems(warnings)


def _width() -> int:
    """The terminal's width (COLUMNS where set; 80 when it cannot be told)."""
    return shutil.get_terminal_size((80, 24)).columns


def _say(text: str) -> None:
    """A line of ``score --interactive``, wrapped at word boundaries to the terminal."""
    from bbtool.render.text import wrapped

    for line in wrapped(text, _width()):
        typer.echo(line)


def _ask(prompt: str) -> str:
    """One answer for ``score --interactive``, from standard input, its prompt wrapped
    like every line. A byte that is not UTF-8 (typed in a terminal set to Latin-1)
    arrives as a lone surrogate, which the questionnaire refuses with a message,
    instead of failing the read."""
    from bbtool.render.text import wrapped

    if isinstance(sys.stdin, io.TextIOWrapper) and sys.stdin.errors == "strict":
        sys.stdin.reconfigure(errors="surrogateescape")
    *before, last = wrapped(prompt, _width() - 1)  # room for the answer's first letter
    for line in before:
        typer.echo(line)
    try:
        return input(f"{last} ")
    except (EOFError, KeyboardInterrupt):  # end of input or Ctrl-C: stop, as q does
        typer.echo()
        return "q"


@handled_read_only
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="Workspaces, folders of workspaces, or single score files (default: .).",
            show_default=False,
        ),
    ] = None,
    format_: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="text|json|github|gitlab",
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
        typer.Option(
            metavar="FILE",
            help="Write the chosen format to this file, and plain lines to the terminal.",
        ),
    ] = None,
    framework_dir: Annotated[
        Path | None,
        typer.Option(
            "--framework",
            metavar="FOLDER",
            help="Check a framework folder (enablers.yaml, challenges.yaml, "
            "casestudies.yaml) on its own, besides any PATHS.",
        ),
    ] = None,
) -> None:
    """Check score files and bbtool.yaml without writing anything: for CI and pre-commit.

    With --framework FOLDER, a framework's own files are checked too (alone when no
    PATHS are given): for whoever writes one.

    Exit 0 when everything is valid (warnings allowed unless --strict), 1 when a
    problem was found, 2 for a usage error.
    """
    from bbtool.app.check import check_paths
    from bbtool.files import write_all
    from bbtool.render.problems import as_text, render

    given = paths or ([] if framework_dir else [Path(".")])
    result = check_paths(given, output, framework_dir)
    if format_ is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        format_ = CheckFormat.github if github else CheckFormat.text
    rendered = render(
        result.problems, format_.value, files=result.files, workspaces=result.workspaces
    )
    if output is not None:
        write_all({output: rendered.encode()})
        rendered = as_text(result.problems)
    typer.echo(rendered, nl=False)
    errors, warnings = len(result.errors), len(result.warnings)
    if format_ != CheckFormat.json or output is not None:
        err(f"bbtool: {errors} error(s), {warnings} warning(s) in {result.files} file(s) checked")
    if errors or (strict and warnings):
        raise typer.Exit(1)


@handled_read_only
def schema(
    framework_dir: FrameworkOpt = None,
    actions: Annotated[
        bool, typer.Option("--actions", help="The schema of actions.yaml, the action plan.")
    ] = False,
) -> None:
    """Print a JSON Schema (draft 7) for score files, for editors and other tools.

    'bbtool init' writes it as bbtool.schema.json and points every template at it.
    With --actions, the schema of actions.yaml ('init --from' writes it as
    actions.schema.json). Run in a workspace, it is for the workspace's framework.
    """
    import json

    from bbtool.render.schema import actions_schema, score_file_schema
    from bbtool.workspace.loader import load_framework, workspace_framework

    framework = load_framework(framework_dir) if framework_dir else workspace_framework(Path("."))
    data = actions_schema(framework) if actions else score_file_schema(framework)
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
