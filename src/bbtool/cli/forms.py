"""``bbtool form`` and ``import``: Excel forms for participants, and their answers back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bbtool.cli.handled import err, handled, print_created, say
from bbtool.cli.options import NamesFileOpt, participants_option


@handled
def form(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="[DIR]", help="Workspace folder (its framework is used, if it has one)."
        ),
    ] = Path("."),
    participants: Annotated[int | None, participants_option("forms")] = None,
    names: Annotated[
        str | None,
        typer.Option(
            metavar='"A,B"', help="Participants' names, separated by commas: one form each."
        ),
    ] = None,
    names_file: NamesFileOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(metavar="DIR", help="Folder for the forms (default: DIR/forms)."),
    ] = None,
) -> None:
    """Write an Excel form per participant, for people who would rather not edit YAML.

    Each form has the instructions and scale, a sheet per theme, and the challenges;
    only the answer boxes can be changed. Bring them back with 'bbtool import'.
    Never overwrites a form that exists already.
    """
    from bbtool.app.forms import write_forms

    done = write_forms(
        directory, participants=participants, names=names, out=out, names_file=names_file
    )
    for warning in done.warnings:
        err(warning)
    print_created(done.written, done.kept, done.faulty)
    say(
        "Next: send each form to its participant; when they come back, run: "
        f"bbtool import {done.folder}/*.xlsx --into {directory}"
    )

    if done.faulty:
        raise typer.Exit(1)


@handled
def import_(
    forms: Annotated[
        list[Path], typer.Argument(metavar="FORMS...", help="Filled-in forms (.xlsx).")
    ],
    into: Annotated[
        Path,
        typer.Option(
            metavar="DIR", help="Workspace to write score files into (its participants/)."
        ),
    ] = Path("."),
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace existing score files, keeping each old one as a backup."
        ),
    ] = False,
) -> None:
    """Read filled-in forms and write one score file per form into INTO/participants/.

    Every form is checked first; if any has a problem (each is named by file, sheet and
    cell), nothing is written. An existing score file is replaced only with --force.
    """
    from bbtool.app.forms import import_forms

    done = import_forms(forms, into, force=force)
    for item in done.planned:
        backup = done.backups.get(item.target)
        kept = f"; the old file is kept as {backup}" if backup is not None else ""
        say(f"wrote {item.target} (from {item.form}){kept}")
    say(f"Next: check them with: bbtool check {into}; then: bbtool report {into}")
