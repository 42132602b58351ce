"""A comparison of two rounds as text: the terminal view, the JSON (at full precision)
and the Markdown. The rounds: tests/_rounds.py."""

from __future__ import annotations

import json

from rich.console import Console

from _rounds import IN_BOTH, INFO_NEW, INFO_OLD
from bbtool.core.comparison import Comparison
from bbtool.render.json import comparison_json as to_json
from bbtool.render.markdown import comparison_markdown as to_markdown
from bbtool.render.radar.comparison import COMPARE_FILE
from bbtool.render.terminal import comparison_view


def _terminal(comparison: Comparison, width: int = 120) -> list[str]:
    console = Console(width=width, record=True, highlight=False)
    console.print(comparison_view(comparison))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_terminal_shows_the_changes(comparison: Comparison) -> None:
    out = _terminal(comparison)
    assert out[0] == "Northbridge · 2025 spring → 2026 spring"
    assert (
        out[2] == "2025 spring: 10 participants; 2026 spring: 10 participants; 9 took part in both."
    )
    start = next(k for k, line in enumerate(out) if line.startswith("Enablers "))
    end = next(k for k, line in enumerate(out) if line.startswith("Moved most "))
    rows = {line.split("  ")[0]: line.split() for line in out[start:end] if "  " in line}
    info = rows["Information sharing"]
    assert info[2:6] == ["2.00", "2.56", "+0.56", "+0.62"]  # 5/8 = 0.625, to even
    assert info[-3:] == ["no", "longer", "low"]
    why = rows["Communicating the why"]
    assert why[3:6] == ["2.70", "2.40", "-0.30"]
    assert why[-3:] == ["LOW", "newly", "low"]
    assert rows["Senior leadership"][2:5] == ["3.80", "3.80", "0.00"]
    moved = out[out.index(next(line for line in out if line.startswith("Moved most"))) + 1 :]
    assert [line.split("  ")[0] for line in moved[:4]] == [
        "Information sharing",
        "Families as partners",
        "Communicating the why",
        "Locality organisation",
    ]
    assert moved[0].split()[2:] == ["+0.56", "2.00", "→", "2.56"]
    text = "\n".join(out)
    assert "In both rounds (9)" in text
    assert "Only in 2025 spring (1)  Oliver Bennett" in text
    assert "Only in 2026 spring (1)  Zara Okafor" in text


def test_terminal_fits_a_narrow_window(comparison: Comparison) -> None:
    for line in _terminal(comparison, width=80):
        assert len(line) <= 80


def test_json_keeps_full_precision(comparison: Comparison) -> None:
    data = json.loads(to_json(comparison))
    assert list(data) == [
        "framework",
        "scale",
        "old",
        "new",
        "participants",
        "themes",
        "enablers",
        "moved_most",
        "notes",
    ]
    assert data["old"] == {
        "area": "Northbridge",
        "round": "2025 spring",
        "participants": 10,
        "label": "2025 spring",
    }
    info = next(e for e in data["enablers"] if e["id"] == "information-sharing")
    assert info["old_mean"] == 2.0
    assert info["new_mean"] == INFO_NEW
    assert info["change"] == INFO_NEW - INFO_OLD
    assert info["same_people_change"] == 0.625
    assert info["flag_changes"] == ["no longer low"]
    assert (info["old_low"], info["new_low"]) == (True, False)
    assert data["participants"] == {
        "in_both": IN_BOTH,
        "only_old": ["Oliver Bennett"],
        "only_new": ["Zara Okafor"],
        "same_person": [],
        "maybe_same": [],
    }
    assert data["moved_most"] == comparison.moved_most
    assert data["scale"] == {"min": 1, "max": 5}


def test_markdown_tables_and_lists(comparison: Comparison) -> None:
    md = to_markdown(comparison, [COMPARE_FILE])
    lines = md.splitlines()
    assert lines[0] == "# Northbridge · 2025 spring → 2026 spring"
    assert f"![{COMPARE_FILE}]({COMPARE_FILE})" in lines
    assert "| Partnership and process: Information sharing | 2.00 | 2.56 | **▲ +0.56** | " in md
    why = next(line for line in lines if "Communicating the why" in line and line.startswith("|"))
    assert why.split(" | ")[1:4] == ["2.70", "2.40", "**▼ -0.30**"]
    assert why.endswith("| – | low | newly low |")
    assert "- **Information sharing**: +0.56 (2.00 → 2.56)" in lines
    assert "- **Locality organisation**: +0.30 (3.80 → 4.10)" in lines
    assert "- Only in 2025 spring (1): Oliver Bennett" in lines
    assert "- In both rounds (9): PRIYA SHAH, Tomasz Nowak" in md


# ------------------------------------------------------------------ targets

# the old round's targets against the new round's means (see the fixture)
TARGETS = {
    "Senior leadership": ("4", "3.80 (mean)", "not reached"),
    "Communicating the why": ("4", "2.40 (mean)", "not reached"),
    "Information sharing": ("3", "2.56 (mean)", "not reached"),
    "Families as partners": ("3", "3.40 (mean)", "reached"),
    "Continuous improvement": ("3", "2.78 (mean)", "not reached"),
}


def test_terminal_says_which_targets_were_reached(
    targets_comparison: Comparison, comparison: Comparison
) -> None:
    for width in (80, 120):
        out = _terminal(targets_comparison, width)
        start = next(k for k, line in enumerate(out) if line.startswith("Targets "))
        rows = {}
        for line in out[start + 2 : start + 7]:
            title, rest = line.split("  ", 1)
            target, value, kind, *word = rest.split()
            rows[title] = (target, f"{value} {kind}", " ".join(word))
        assert rows == TARGETS
        assert out[start + 7].startswith("1 of 5 targets reached.")
        assert all(len(line) <= width for line in out)
    # no targets, no section
    assert not any(line.startswith("Targets ") for line in _terminal(comparison))


def test_markdown_and_json_say_which_targets_were_reached(
    targets_comparison: Comparison, comparison: Comparison
) -> None:
    text = to_markdown(targets_comparison)
    table = text.split("## Targets\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table[0] == "| Enabler | Target | 2026 spring | Reached |"
    assert table[2:] == [
        f"| {title} | {target} | {value} | **{word}** |"
        for title, (target, value, word) in TARGETS.items()
    ]
    assert "1 of 5 targets reached. Each target is the one 2025 spring set" in text
    data = json.loads(to_json(targets_comparison))
    families = next(e for e in data["enablers"] if e["id"] == "families-as-partners")
    assert families["target"] == 3
    assert families["target_by"] == "mean"
    assert families["target_value"] == 3.4
    assert families["target_reached"] is True
    leadership = next(e for e in data["enablers"] if e["id"] == "leadership")
    assert (leadership["target_value"], leadership["target_reached"]) == (3.8, False)
    assert "## Targets" not in to_markdown(comparison)
    assert all(e["target"] is None for e in json.loads(to_json(comparison))["enablers"])


def test_when_nothing_moved_enough_the_outputs_say_by_how_much(comparison: Comparison) -> None:
    calm = comparison.model_copy(update={"moved_most": []})
    assert "No enabler's mean moved by 0.20 or more." in _terminal(calm)
    assert "No enabler's mean moved by 0.20 or more." in to_markdown(calm).splitlines()
