"""``bbtool init``: a workspace, and the repository files for CI and pre-commit."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from bbtool.cli.handled import err, handled, print_created, say
from bbtool.cli.options import CI, NamesFileOpt, participants_option


@handled
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Workspace folder to create.")
    ] = Path("."),
    area: Annotated[
        str | None, typer.Option(metavar="AREA", help="Local area the self-evaluation is for.")
    ] = None,
    round_: Annotated[
        str | None,
        typer.Option("--round", metavar="ROUND", help="Name of this round, e.g. '2026 spring'."),
    ] = None,
    participants: Annotated[int | None, participants_option("score files")] = None,
    names: Annotated[
        str | None,
        typer.Option(metavar='"A,B"', help="Participants' names, separated by commas."),
    ] = None,
    names_file: NamesFileOpt = None,
    ci: Annotated[
        CI | None,
        typer.Option(
            metavar="github|gitlab",
            help="Also write a CI file, at the root of the git repository holding DIR, "
            "that checks every round on each change and builds their reports: github "
            "(.github/workflows/bbtool.yml) or gitlab (.gitlab-ci.yml). Needs "
            "--install-from.",
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
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="OLD",
            help="Start the next round from the workspace OLD: its settings and framework, "
            "blank files for its participants (or --names), its open actions and its "
            "targets; none of its answers.",
        ),
    ] = None,
    framework: Annotated[
        Path | None,
        typer.Option(
            "--framework",
            metavar="FOLDER",
            help="Use another framework (a folder holding enablers.yaml): bbtool.yaml "
            "names it, and the templates and schema are made for it.",
        ),
    ] = None,
    pre_commit: Annotated[
        bool,
        typer.Option(
            "--pre-commit",
            help="Also write .pre-commit-config.yaml at the repository's root: 'bbtool "
            "check' on every score file, bbtool.yaml, agreed.yaml, actions.yaml and "
            "names.yaml committed.",
        ),
    ] = False,
) -> None:
    """Create a workspace: bbtool.yaml, a template score file per participant,
    bbtool.schema.json (so editors check score files as they are typed) and a
    .gitignore that keeps reports and backups out of git.

    Never overwrites a file that exists already: run it again with more names and
    only the new people's files are written.
    """
    from bbtool.app.init import InitRequest, init

    service = ci.value if ci else None
    request = InitRequest(
        directory,
        area,
        round_,
        participants,
        names,
        service,
        install_from,
        pre_commit,
        from_,
        framework,
        names_file,
    )
    done = init(request, _beside_cwd)
    for warning in done.warnings:
        err(warning)
    print_created(done.written, done.kept, done.faulty)
    for note in done.notes:
        say(note)
    where = shlex.quote(str(directory))
    say(
        f"Next: each participant fills in their file in {done.participants_folder}; "
        f"check them with: bbtool check {where}; then: bbtool report {where}"
    )
    if done.faulty:
        raise typer.Exit(1)


def _beside_cwd(path: Path) -> Path:
    """``path`` relative to the working folder where it lies below it (as people type)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
