"""A workspace with an ``agreed.yaml``: three participants whose means are easy to work
out, and the scores and targets their partnership agreed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bbtool.core.results import Report
from bbtool.core.scoring import score
from bbtool.workspace.loader import load_workspace

MakeWorkspace = Callable[..., Path]  # the conftest fixture

# leadership: 2, 3, 5 (mean 10/3); common-agenda: 4, 4, 5 (mean 13/3);
# joint-governance: one skip, nobody counted
PEOPLE = {
    "a.yaml": "participant:\n  name: Ann\nscores:\n  leadership: 2\n  common-agenda: 4\n"
    "  joint-governance: skip\n",
    "b.yaml": "participant:\n  name: Bob\nscores:\n  leadership: 3\n  common-agenda: 4\n",
    "c.yaml": "participant:\n  name: Cy\nscores:\n  leadership: 5\n  common-agenda: 5\n",
}
AGREED = """\
agreed:
  leadership: 4
  common-agenda: 3
  joint-governance: skip
  locality: 2
targets:
  leadership: 5
  joint-governance: 3
  single-service: 4
notes:
  leadership: "Board agreed 4: the strategy is signed off, not yet funded"
"""
USE = "use a whole number from 1 to 5, or skip"


def agreed_workspace(
    make_workspace: MakeWorkspace, agreed: str | None = AGREED, name: str = "ws"
) -> Path:
    """The workspace (``agreed=None``: without agreed.yaml), as a path relative to the
    temporary folder: run from there (the ``in_tmp`` fixture)."""
    root = make_workspace(PEOPLE, name=name)
    if agreed is not None:
        (root / "agreed.yaml").write_text(agreed, encoding="utf-8")
    return Path(root.name)


def agreed_report(root: Path) -> Report:
    """The workspace at ``root`` scored with its agreed scores."""
    ws = load_workspace(root)
    return score(ws.framework, ws.records, area="Testham", round="2026 spring", agreed=ws.agreed)
