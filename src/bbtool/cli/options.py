"""Options and choices several commands share, declared once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

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
    typer.Option(
        "--no-text",
        help="With --anonymise: leave out evidence, reflections, and the action "
        "plan's notes and success (owners, roles or organisations, are kept).",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary.")]
FrameworkOpt = Annotated[
    Path | None,
    typer.Option(
        "--framework", metavar="FOLDER", help="Folder of another framework (default: built in)."
    ),
]
MAX_PARTICIPANTS = 500  # blank files or forms made at once


def _how_many(value: int | None) -> int | None:
    """--participants: from 1 to MAX_PARTICIPANTS (checked here rather than by a typer
    range, whose "<int range> [1<=x<=500]" would head the option in --help)."""
    if value is not None and not 1 <= value <= MAX_PARTICIPANTS:
        raise typer.BadParameter(f"{value} is not from 1 to {MAX_PARTICIPANTS}")
    return value


def participants_option(what: str) -> Any:
    """--participants N: how many blank ``what`` to make, 1 to MAX_PARTICIPANTS."""
    return typer.Option(
        metavar="N",
        callback=_how_many,
        help=f"Number of blank {what} to create (1 to {MAX_PARTICIPANTS}).",
    )


NamesFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--names-file",
        metavar="FILE",
        help="Participants' names, one a line (UTF-8; blank lines and lines starting "
        'with # are left out): for names with commas, such as "Shah, Priya".',
    ),
]


class GroupBy(str, Enum):
    sector = "sector"
    level = "level"
    organisation = "organisation"
    area = "area"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class CI(str, Enum):
    github = "github"
    gitlab = "gitlab"
