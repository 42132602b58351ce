"""Two rounds to compare, made on disk: the demo (as last year's round, "2025 spring")
and a copy of it with a few scores changed by hand (this year's, "2026 spring"), so
every change can be worked out on paper:

- information sharing: Priya 2 -> 4, Tomasz 2 -> 4, Ciarán 2 -> 3;
- communicating the why: Priya 4 -> 3, Grace 4 -> 2;
- locality: Lucia, Kwame and Aisha 3 -> 4;
- families as partners: Tomasz 2 -> 3, Lucia 1 -> 3, Kwame 2 -> 3;
- Oliver Bennett left and Zara Okafor joined, giving every score Oliver gave, so the
  other enablers' scores are the same numbers as before;
- Priya wrote her name in capitals this time (still the same person).

The ``rounds``, ``round_reports`` and ``comparison`` fixtures load, score and compare
them once a session; the CLI tests make their own copies with :func:`make_rounds`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from _demo import DEMO

STEM = "compare-northbridge-2025-spring-to-2026-spring"

# information sharing, last year: 2 2 3 2 1 2 1 skip 2 3 -> 18 over 9 counted
INFO_OLD = 18 / 9
# this year: 4 4 3 3 1 2 1 skip 2 3 -> 23 over 9
INFO_NEW = 23 / 9
# families as partners: 4 2 5 4 3 1 2 4 2 3 = 30 over 10; then 4 3 5 4 3 3 3 4 2 3 = 34
FAMILIES_OLD, FAMILIES_NEW = 30 / 10, 34 / 10
# communicating the why: 4 2 4 2 2 2 3 2 2 4 = 27 over 10; then 3 2 2 2 2 2 3 2 2 4 = 24
WHY_OLD, WHY_NEW = 27 / 10, 24 / 10
# locality: 4 4 4 4 4 3 3 4 3 5 = 38 over 10; then 4 4 4 4 4 4 4 4 4 5 = 41
LOCALITY_OLD, LOCALITY_NEW = 38 / 10, 41 / 10
IN_BOTH = [
    "PRIYA SHAH",
    "Tomasz Nowak",
    "Grace Adeyemi",
    "Ciarán Murphy",
    "Fatima Begum",
    "Lucia Fernandes",
    "Kwame Asante",
    "Hannah Cohen",
    "Aisha Rahman",
]


def set_once(path: Path, old: str, new: str) -> None:
    """Replace ``old``, which ``path`` holds exactly once, by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path.name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _copy(where: Path) -> Path:
    return Path(shutil.copytree(DEMO, where, ignore=shutil.ignore_patterns("report")))


def make_rounds(where: Path) -> tuple[Path, Path]:
    """Last year's round (the demo, renamed) and this year's (changed as the module says)."""
    old, new = _copy(where / "old"), _copy(where / "new")
    set_once(old / "bbtool.yaml", 'round: "2026 spring"', 'round: "2025 spring"')
    p = new / "participants"
    changes: dict[str, list[tuple[str, str | int, str | int]]] = {
        "01-priya-shah.yaml": [("name", "Priya Shah", "PRIYA SHAH")],
        "02-tomasz-nowak.yaml": [("information-sharing", 2, 4), ("families-as-partners", 2, 3)],
        "04-ciaran-murphy.yaml": [("information-sharing", 2, 3)],
        "03-grace-adeyemi.yaml": [("communicating-why", 4, 2)],
        "06-lucia-fernandes.yaml": [("locality", 3, 4), ("families-as-partners", 1, 3)],
        "07-kwame-asante.yaml": [("locality", 3, 4), ("families-as-partners", 2, 3)],
        "09-aisha-rahman.yaml": [("locality", 3, 4)],
    }
    changes["01-priya-shah.yaml"] += [("information-sharing", 2, 4), ("communicating-why", 4, 3)]
    for file, edits in changes.items():
        for key, before, after in edits:
            set_once(p / file, f"  {key}: {before}\n", f"  {key}: {after}\n")
    oliver = p / "10-oliver-bennett.yaml"
    zara = oliver.read_text(encoding="utf-8").replace("Oliver Bennett", "Zara Okafor")
    (p / "11-zara-okafor.yaml").write_text(zara, encoding="utf-8")
    oliver.unlink()
    return old, new
