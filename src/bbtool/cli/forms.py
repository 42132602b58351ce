"""``bbtool form`` and ``import``: Excel forms for participants, and their answers back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bbtool.cli.handled import err, handled, print_created, say
from bbtool.cli.options import NamesFileOpt, participants_option

if TYPE_CHECKING:
    from bbtool.app.forms import Imported


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
            metavar='"A,B"',
            help="Participants' names, separated by commas: one form each (default: "
            "the names in the workspace's score files).",
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
    if done.from_files:
        n = done.from_files
        who = "the participant" if n == 1 else f"the {n} participants"
        say(f"Forms for {who} named in the score files in {directory / 'participants'}")
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
            "--force",
            help="Replace score files whose answers a form changes, keeping each old one "
            "as a backup.",
        ),
    ] = False,
) -> None:
    """Read filled-in forms and write one score file per form into INTO/participants/.

    Every form is checked first; if any has a problem (each is named by file, sheet and
    cell), nothing is written. Run it again as more forms come back: a form holding the
    same answers as its score file, or no answer at all, is passed over; one that would
    change a score file is refused, unless --force (which keeps that file as a backup).
    """
    from bbtool.app.forms import import_forms

    done = import_forms(forms, into, force=force)
    _print_import(done)
    if done.plan.refused:
        n = len(done.plan.refused)
        forms_were = "1 form was" if n == 1 else f"{n} forms were"
        err(
            f"bbtool: {forms_were} not imported; to replace the score files they would "
            "change, run again with --force (each old file is kept as a backup)"
        )
        raise typer.Exit(1)
    say(f"Next: check them with: bbtool check {into}; then: bbtool report {into}")


def _print_import(done: Imported) -> None:
    plan = done.plan
    for item in plan.write:
        backup = done.backups.get(item.target)
        if backup is not None:
            say(f"replaced {item.target} (from {item.form}); the old file is kept as {backup}")
        elif item.filled:
            say(f"wrote {item.target} (from {item.form}; it held no answer yet)")
        else:
            say(f"wrote {item.target} (from {item.form})")
    for form, target in plan.unchanged:
        say(f"unchanged {target} (from {form}: the same answers; passed over)")
    for form in plan.blank:
        say(f"passed over {form}: no answer in it yet (not filled in)")
    for form, target in plan.refused:
        what = plan.changes.get(target)
        err(
            f"bbtool: {form}: would change {target}, which exists already"
            + (f" ({what})" if what else "")
            + "; not imported"
        )
