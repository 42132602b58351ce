"""``bbtool``: the typer application with every command registered, and the entry point."""

from __future__ import annotations

import gc
import os

from bbtool.cli import forms, reports, scores, setup
from bbtool.cli.app import app

# in the order --help lists them
for command in (
    setup.init,
    scores.score,
    scores.check,
    scores.schema,
    reports.report,
    reports.compare,
    forms.form,
):
    app.command()(command)
app.command("import")(forms.import_)

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
