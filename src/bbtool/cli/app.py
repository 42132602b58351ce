"""The typer application every command module adds its commands to."""

from __future__ import annotations

from typing import Annotated

import typer

from bbtool import __version__

app = typer.Typer(
    name="bbtool",
    help="Run the Beyond Boundaries self-evaluation of early years integration from plain files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
