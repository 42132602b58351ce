"""``bbtool``: the typer application with every command registered, and the entry point."""

from __future__ import annotations

import gc
import os

from bbtool.cli import forms, reports, scores, setup
from bbtool.cli.app import Command, app, unwrapped

# in the order --help lists them: a facilitator's, through a round
for name, command in (
    ("init", setup.init),
    ("form", forms.form),
    ("import", forms.import_),
    ("score", scores.score),
    ("check", scores.check),
    ("report", reports.report),
    ("compare", reports.compare),
    ("schema", scores.schema),
):
    app.command(name, cls=Command, help=unwrapped(command.__doc__))(command)

__all__ = ["app", "main"]


def main() -> None:
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
