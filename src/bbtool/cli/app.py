"""The typer application every command module adds its commands to, and how its
commands read in --help."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from bbtool import __version__

app = typer.Typer(
    name="bbtool",
    help="Run the Beyond Boundaries self-evaluation of early years integration from plain files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # -h as well as --help, on every command (click hands it down to each)
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Command(TyperCommand):
    """A command whose usage line names its arguments as their metavars say (FILE,
    [DIR], FORMS...), not as typer writes them (``{file}``, ``{forms}...``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(param.metavar or (param.name or "").upper())
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


def unwrapped(doc: str | None) -> str:
    """A command's docstring as its --help text: each paragraph one line, so that the
    terminal wraps it at its own width (rich keeps a docstring's line breaks)."""
    paragraphs = inspect.cleandoc(doc or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


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
