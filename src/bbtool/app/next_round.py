"""``bbtool init NEW --from OLD``: what the next round takes from the last.

The same framework and thresholds, the same participants (blank templates, with each
person's organisation, sector and level as last time; or the names given), the actions
still open and the targets; nothing of anyone's answers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bbtool.core.models import Framework, Participant, person_key
from bbtool.errors import UsageError
from bbtool.render.templates import actions_yaml, carried_settings, targets_yaml
from bbtool.workspace.layout import (
    ACTIONS,
    ACTIONS_SCHEMA_LINE,
    AGREED,
    display_path,
)
from bbtool.workspace.loader import load_workspace


@dataclass
class Carried:
    """What the new round starts from."""

    area: str
    framework: Framework
    settings: str  # bbtool.yaml lines after area and round
    people: list[str]
    # each person's organisation, sector and level last time, by person_key
    details: dict[str, Participant] = field(default_factory=dict)
    files: list[tuple[Path, str]] = field(default_factory=list)  # agreed.yaml, actions.yaml
    source: str = ""  # the last round's folder, as shown
    # each file: what it carries, and what was left behind
    what: dict[Path, tuple[str, str]] = field(default_factory=dict)

    def notes(self, kept: list[Path]) -> list[str]:
        """What was carried into the files written; a file there already was kept as
        it is, and nothing was carried into it."""
        carried = [text + left for path, (text, left) in self.what.items() if path not in kept]
        notes = [f"carried {' and '.join(carried)} from {self.source}"] if carried else []
        for path, (text, _) in self.what.items():
            if path in kept:
                notes.append(
                    f"note: {display_path(path)} was there already and is kept as it is: "
                    f"the {text} of {self.source} were not carried into it (move it away "
                    "and run init --from again to carry them)"
                )
        return notes


def carried_from(old: Path, new: Path, round_: str | None) -> Carried:
    """What ``new`` takes from the round in ``old`` (checked as ``report`` checks it).
    UsageError when ``old`` is not a workspace or is ``new`` itself."""
    if not old.is_dir():
        raise UsageError(f"--from {display_path(old)}: no such folder")
    if old.resolve() == new.resolve():
        raise UsageError("--from: the new round needs its own folder, not the last round's")
    last = load_workspace(old)
    if round_ is not None and round_.strip() == last.config.round:
        raise UsageError(f"--round {round_!r}: is the last round's name; give this round's")
    framework_dir = None
    if last.config.framework:
        where = (old / last.config.framework).resolve()
        try:
            framework_dir = Path(os.path.relpath(where, new.resolve())).as_posix()
        except ValueError:  # another drive, on Windows
            framework_dir = str(where)
    carried = Carried(
        area=last.config.area,
        framework=last.framework,
        settings=carried_settings(framework_dir, last.config.thresholds, last.config.levels),
        people=[r.name for r in last.records],
        details={person_key(r.name): r.answers.participant for r in last.records},
        source=display_path(old),
    )
    name = last.config.round
    targets = last.agreed.targets if last.agreed is not None else {}
    if last.actions is not None:
        still_open = [a for a in last.actions.plan.actions if a.open]
        text = actions_yaml(still_open, name, ACTIONS_SCHEMA_LINE)
        carried.files.append((new / ACTIONS, text))  # init writes actions.schema.json
        closed = len(last.actions.plan.actions) - len(still_open)
        carried.what[new / ACTIONS] = (
            f"{len(still_open)} open action(s)",
            f" ({closed} done or dropped left behind)",
        )
    if targets:
        carried.files.append((new / AGREED, targets_yaml(targets, name)))
        carried.what[new / AGREED] = (f"{len(targets)} target(s)", "")
    return carried
