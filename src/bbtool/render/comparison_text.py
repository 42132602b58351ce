"""Two rounds compared, for the terminal (rich), as Markdown and as JSON.

Each function builds a renderable or text from a :class:`~bbtool.core.comparison.Comparison`;
the shell prints or saves it. Changes are new minus old: shown to two places with
their sign, kept at full precision in the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bbtool.core.comparison import Comparison, EnablerChange
from bbtool.render.text import md_cell, md_table, signed

# ------------------------------------------------------------------- formatting


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def direction(change: float | None) -> int:
    """1 up, -1 down, 0 no change to two places (or nothing to compare)."""
    text = signed(change)
    return 0 if text in ("–", "0.00") else (1 if text.startswith("+") else -1)


def flags(values: Sequence[str]) -> str:
    return " ".join(values) if values else "–"


def same_people(e: EnablerChange) -> str:
    """The change among the people who scored it both times, with how many they are."""
    return (
        "–"
        if e.same_people_change is None
        else f"{signed(e.same_people_change)} ({e.same_people_n})"
    )


def people(n: int) -> str:
    return f"{n} participant" if n == 1 else f"{n} participants"


def intro(comparison: Comparison) -> str:
    """Who took part: each round's head count, and how many took part in both."""
    old, new = comparison.old, comparison.new
    return (
        f"{old.label}: {people(old.participants)}; {new.label}: {people(new.participants)}; "
        f"{len(comparison.in_both)} took part in both."
    )


READING = (
    "Change is the new round's figure minus the old one's: above 0, the enabler scored "
    "higher this time. Same people: the average change among those who scored the "
    "enabler in both rounds (how many in brackets), so a change in who took part "
    "does not hide or fake one."
)


# --------------------------------------------------------------------- terminal

_UP, _DOWN = "green", "red"


def _change_text(change: float | None, bold: bool = False) -> Text:
    way = direction(change)
    style = _UP if way > 0 else _DOWN if way < 0 else "dim"
    return Text(signed(change), style=f"bold {style}" if bold else style)


def _flag_text(values: Sequence[str]) -> Text:
    text = Text()
    for k, flag in enumerate(values):
        if k:
            text.append(" ")
        text.append(flag.upper(), style="bold red" if flag == "low" else "bold magenta")
    return text if values else Text("–", style="dim")


def _heading(label: str) -> str:
    """A round's name as a column heading: over two lines, at its middle space."""
    words = label.split()
    if len(words) < 2:
        return f"\n{label}"
    best = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(label) / 2))
    return f"{' '.join(words[:best])}\n{' '.join(words[best:])}"


def comparison_view(comparison: Comparison) -> RenderableType:
    """The comparison for the terminal: themes, enablers, moved most, participants."""
    c = comparison
    parts: list[RenderableType] = [
        Text.assemble((c.title, "bold"), "\n", (c.framework, "dim")),
        Text(intro(c)),
        Rule("Themes", align="left"),
    ]
    themes = Table(box=None, pad_edge=False, header_style="bold")
    themes.add_column("Theme", overflow="ellipsis", no_wrap=True, ratio=1)
    for label in (_heading(c.old.label), _heading(c.new.label), "\nChange"):
        themes.add_column(label, justify="right", no_wrap=True, min_width=6)
    for t in c.themes:
        themes.add_row(t.title, num(t.old_mean), num(t.new_mean), _change_text(t.change))
    parts += [themes, Rule("Enablers", align="left")]

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Enabler", overflow="ellipsis", no_wrap=True, ratio=1, min_width=12)
    # headings over two lines, so the figures sit close; only the label gives way
    for label in (_heading(c.old.label), _heading(c.new.label), "\nChange", "Same\npeople"):
        table.add_column(label, justify="right", no_wrap=True, min_width=5)
    table.add_column("Consensus\nold → new", justify="right", no_wrap=True, min_width=11)
    table.add_column("Flags\nnow", no_wrap=True)
    changed = max((len(", ".join(e.flag_changes)) for e in c.enablers), default=0)
    table.add_column("What\nchanged", no_wrap=True, min_width=max(7, changed))
    titles = {t.id: t.title for t in c.themes}
    theme = None
    for e in c.enablers:
        if e.theme != theme:
            theme = e.theme
            table.add_row(Text(titles.get(e.theme, e.theme), style="bold dim"))
        table.add_row(
            e.short_title,
            num(e.old_mean),
            num(e.new_mean),
            _change_text(e.change, bold=e.id in c.moved_most),
            same_people(e),
            f"{num(e.old_consensus)} → {num(e.new_consensus)}",
            _flag_text(e.new_flags),
            ", ".join(e.flag_changes) or "",
        )
    parts += [table, Rule("Moved most", align="left"), _moved_most(c)]
    parts += [Rule("Participants", align="left"), _participants(c)]
    notes = [READING, *c.notes]
    parts.append(Text("\n".join(notes), style="dim"))
    return Group(*parts)


def _moved_most(c: Comparison) -> RenderableType:
    if not c.moved_most:
        return Text("No enabler's mean changed.", style="dim")
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("Enabler")
    table.add_column("Change", justify="right")
    table.add_column("From → to")
    for enabler_id in c.moved_most:
        e = c.enabler(enabler_id)
        table.add_row(
            e.short_title, _change_text(e.change), f"{num(e.old_mean)} → {num(e.new_mean)}"
        )
    return table


def _participants(c: Comparison) -> RenderableType:
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("Who", no_wrap=True)
    table.add_column("Names", overflow="fold")
    for label, names in _who(c):
        table.add_row(f"{label} ({len(names)})", ", ".join(names) or "–")
    return table


def _who(c: Comparison) -> list[tuple[str, list[str]]]:
    return [
        ("In both rounds", c.in_both),
        (f"Only in {c.old.label}", c.only_old),
        (f"Only in {c.new.label}", c.only_new),
    ]


# --------------------------------------------------------------------- Markdown


def _md_change(change: float | None, bold: bool = False) -> str:
    text = signed(change)
    way = direction(change)
    text = f"▲ {text}" if way > 0 else f"▼ {text}" if way < 0 else text
    return f"**{text}**" if bold and way else text


def to_markdown(comparison: Comparison, images: Sequence[str] = ()) -> str:
    """The comparison as GitHub-flavoured Markdown, with the given images linked."""
    c = comparison
    old, new = md_cell(c.old.label), md_cell(c.new.label)
    out = [
        f"# {md_cell(c.title)}",
        "",
        f"{md_cell(c.framework)}. {md_cell(intro(c))}",
        "",
    ]
    out += [f"![{md_cell(name)}]({name})" for name in images]
    if images:
        out.append("")
    out += ["## Themes", ""]
    out += md_table(
        ["Theme", old, new, "Change"],
        [
            [md_cell(t.title), num(t.old_mean), num(t.new_mean), _md_change(t.change)]
            for t in c.themes
        ],
        figures=3,
    )
    themes = {t.id: t.title for t in c.themes}
    out += ["", "## Enablers", ""]
    out += md_table(
        [
            "Enabler",
            old,
            new,
            "Change",
            "Same people",
            f"Consensus {old}",
            f"Consensus {new}",
            f"Flags {old}",
            f"Flags {new}",
            "What changed",
        ],
        [
            [
                md_cell(f"{themes.get(e.theme, e.theme)}: {e.short_title}"),
                num(e.old_mean),
                num(e.new_mean),
                _md_change(e.change, bold=e.id in c.moved_most),
                same_people(e),
                num(e.old_consensus),
                num(e.new_consensus),
                flags(e.old_flags),
                flags(e.new_flags),
                ", ".join(e.flag_changes),
            ]
            for e in c.enablers
        ],
        figures=6,
    )
    out += ["", md_cell(READING), "", "## Moved most", ""]
    if not c.moved_most:
        out.append("No enabler's mean changed.")
    for enabler_id in c.moved_most:
        e = c.enabler(enabler_id)
        out.append(
            f"- **{md_cell(e.short_title)}**: {signed(e.change)} "
            f"({num(e.old_mean)} → {num(e.new_mean)})"
        )
    out += ["", "## Participants", ""]
    for label, names in _who(c):
        listed = ", ".join(md_cell(n) for n in names) or "–"
        out.append(f"- {md_cell(label)} ({len(names)}): {listed}")
    for note in c.notes:
        out += ["", md_cell(note)]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------- JSON


def to_json(comparison: Comparison) -> str:
    """The comparison as JSON: every figure and change at full precision."""
    data = comparison.model_dump(mode="json")
    ordered: dict[str, Any] = {
        "framework": data["framework"],
        "scale": {"min": data["scale_min"], "max": data["scale_max"]},
        "old": data["old"],
        "new": data["new"],
        "participants": {
            "in_both": data["in_both"],
            "only_old": data["only_old"],
            "only_new": data["only_new"],
        },
        "themes": data["themes"],
        "enablers": data["enablers"],
        "moved_most": data["moved_most"],
        "notes": data["notes"],
    }
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
