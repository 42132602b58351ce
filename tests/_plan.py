"""Two hand-written rounds with an action plan, every figure worked out on paper.

Round one ("2025", meeting 2025-03-01), four people:
- leadership 2, 2, 3, 1: mean 2.00, low; agreed 2, target 3;
- common-agenda 1, 1, 5, 5: mean 3.00, polarised (two camps of two), and no action;
- locality 4, 4, 4, 4: mean 4.00; target 4.

Round two ("2026", meeting 2026-03-01): Dee left, Eve joined.
- leadership 3, 4, 3 and Eve 1: mean 2.75; among Ann, Bob and Cy +1, +2, 0: +1.00;
  agreed 3, so the target 3 is reached (by the agreed score);
- common-agenda 2, 2, 4 and Eve 4: mean 3.00;
- locality 4, 4, 5 and Eve 3: mean 4.00, reached by the mean (no agreed score);
  among the same three +1/3.

The plans: see ``ACTIONS_OLD`` and ``ACTIONS_NEW`` (line numbers matter to the tests).
"""

from __future__ import annotations

from pathlib import Path

PEOPLE_OLD = {
    "ann": ("Ann", 2, 1, 4),
    "bob": ("Bob", 2, 1, 4),
    "cy": ("Cy", 3, 5, 4),
    "dee": ("Dee", 1, 5, 4),
}
PEOPLE_NEW = {
    "ann": ("Ann", 3, 2, 4),
    "bob": ("Bob", 4, 2, 4),
    "cy": ("Cy", 3, 4, 5),
    "eve": ("Eve", 1, 4, 3),
}

ACTIONS_OLD = """\
actions:
  - id: board-charter
    title: Write a board charter
    enablers: [leadership]
    owner: Director of Children's Services
    due: 2025-09-30
    status: agreed
    success: Leadership agreed at 3 next round
  - id: data-deal
    title: Agree a data deal
    enablers: [locality]
    status: in-progress
  - id: old-late
    title: Late thing
    enablers: [locality]
    owner: Council
    due: 2025-01-31
    status: agreed
  - id: gone
    title: Dropped thing
    enablers: [locality]
    status: dropped
"""
# the warnings of ACTIONS_OLD, as check prints them (meeting date 2025-03-01)
OLD_WARNINGS = [
    "actions.yaml:1:1: warning: common-agenda is flagged polarised and no action names it; "
    "add an action that names it (status: proposed, until the meeting decides)",
    "actions.yaml:9:5: warning: action 'data-deal' is in-progress but has no owner and no due date",
    "actions.yaml:17:10: warning: action 'old-late' was due 2025-01-31 and is agreed, not "
    "done or dropped, as of 2025-03-01 (the meeting date)",
    "actions.yaml:19:5: warning: action 'gone' is dropped without a note; say what happened "
    "in notes:",
]

ACTIONS_NEW = """\
actions:
  - id: board-charter
    title: Write a board charter
    enablers: [leadership]
    owner: Director of Children's Services
    due: 2025-09-30
    status: done
    completed: 2025-10-15
    notes: Signed in October.
  - id: data-deal
    title: Agree a data deal
    enablers: [locality]
    owner: ICB data lead
    due: 2025-12-31
    status: in-progress
  - id: gone
    title: Dropped thing
    enablers: [locality]
    status: dropped
    notes: Merged into data-deal.
  - id: agenda-day
    title: A day on the common agenda
    enablers: [common-agenda]
    status: proposed
"""


def _score_file(name: str, leadership: int, agenda: int, locality: int) -> str:
    return (
        f"participant:\n  name: {name}\nscores:\n  leadership: {leadership}\n"
        f"  common-agenda: {agenda}\n  locality: {locality}\n"
    )


def write_round(
    root: Path,
    round_: str,
    date: str,
    people: dict[str, tuple[str, int, int, int]],
    *,
    agreed: str | None = None,
    actions: str | None = None,
) -> Path:
    (root / "participants").mkdir(parents=True)
    (root / "bbtool.yaml").write_text(
        f'area: Testham\nround: "{round_}"\ndate: {date}\n', encoding="utf-8"
    )
    for stem, (name, *scores) in people.items():
        text = _score_file(name, *scores)
        (root / "participants" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    if agreed is not None:
        (root / "agreed.yaml").write_text(agreed, encoding="utf-8")
    if actions is not None:
        (root / "actions.yaml").write_text(actions, encoding="utf-8")
    return root


def make_plan_rounds(where: Path) -> tuple[Path, Path]:
    """Round one and round two, with their agreed scores and plans."""
    old = write_round(
        where / "old",
        "2025",
        "2025-03-01",
        PEOPLE_OLD,
        agreed="agreed:\n  leadership: 2\ntargets:\n  leadership: 3\n  locality: 4\n",
        actions=ACTIONS_OLD,
    )
    new = write_round(
        where / "new",
        "2026",
        "2026-03-01",
        PEOPLE_NEW,
        agreed="agreed:\n  leadership: 3\n",
        actions=ACTIONS_NEW,
    )
    return old, new
