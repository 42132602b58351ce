"""How figures read in text outputs (terminal and Markdown): one place, one rounding;
and how a radar spoke's title is wrapped, for the PNG and SVG charts alike."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from bbtool.core.comparison import Comparison, EnablerChange
from bbtool.core.results import EnablerResult, ItemResult, Report

NONE = "–"
LABEL_WRAP = 14  # characters per line of a radar spoke's title (PNG and meeting view)
LABEL_LINES = 2  # lines of a spoke's title, before its figures


def wrap_label(text: str, keep: str = "") -> str:
    """A radar spoke's title on at most two lines of ``LABEL_WRAP`` characters, cut
    short with "…" if longer, with ``keep`` (an indicator's number) whole at its end:
    the title gives way, never the number."""
    tail = f" {keep}" if keep else ""
    lines = textwrap.wrap(text + tail, LABEL_WRAP)
    if not lines:
        return text
    if len(lines) <= LABEL_LINES and lines[-1].endswith(keep):
        return "\n".join(lines)
    cut = textwrap.wrap(text, LABEL_WRAP, max_lines=LABEL_LINES, placeholder="…" + tail)
    return "\n".join(cut)


_MARKER = re.compile(r"(\s*)(- |\d+\. |\(\d+/\d+\) )?")


def wrapped(text: str, width: int) -> list[str]:
    """A line of the terminal's conversation (score -i) wrapped at word boundaries to
    ``width``, each following line indented under the first's words (past its "- ",
    "1. " or "(2/6) "); a word longer than the width is left whole."""
    if len(text) <= width:
        return [text]
    found = _MARKER.match(text)
    indent, marker = (found.group(1), found.group(2) or "") if found else ("", "")
    hanging = indent + (" " * len(marker) if marker else "  " if indent else "")
    return textwrap.wrap(
        text,
        max(width, len(hanging) + 10),
        subsequent_indent=hanging,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [text]


def says_areas(name: str) -> bool:
    """Whether a folder of areas is named for what it holds ("areas", "London areas"),
    so that "areas" is not said twice after it."""
    return name.strip().casefold().endswith("areas")


def areas_stem(name: str) -> str:
    """The name of a folder of areas' report files: ``<folder>-areas``, or the folder's
    name alone when it says areas already (``areas``, not ``areas-areas``)."""
    return name if says_areas(name) else f"{name}-areas"


def grouped_place(by: str, area: str, round_: str) -> str:
    """Where a chart of groups comes from: "Northbridge, 2026 spring"; by area, the
    round alone when the folder's name only says "areas" again."""
    return round_ if by == "area" and says_areas(area) else f"{area}, {round_}"


def none_moved(comparison: Comparison) -> str:
    """What "moved most" says when no enabler's mean moved enough to count."""
    return f"No enabler's mean moved by {figure(comparison.moved_at)} or more."


def moved_rule(comparison: Comparison) -> str:
    """What "moved most" lists, with the smallest change it counts."""
    return (
        "The five enablers whose mean changed most, up or down (more if tied), "
        f"by {figure(comparison.moved_at)} or more."
    )


def figure(value: float | None, places: int = 2) -> str:
    """A mean, consensus or agreement as every text output shows it: two places, or
    a dash for none."""
    return NONE if value is None else f"{value:.{places}f}"


def signed(value: float | None) -> str:
    """A difference with its sign (+0.20, -1.00); 0.00 when it rounds to nothing."""
    if value is None:
        return NONE
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text


def agreed_cells(item: ItemResult) -> list[str]:
    """Agreed score, its gap to the mean (signed) and the target, for agreed columns."""
    if not isinstance(item, EnablerResult):
        return ["", "", ""]
    return [
        NONE if item.agreed is None else str(item.agreed),
        signed(item.gap),
        NONE if item.target is None else str(item.target),
    ]


# Markdown's own characters, and $ (GitHub reads $...$ as mathematics) and ~ (struck
# through): in participants' and areas' words they are meant as they are.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|#$~])")


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no table breaks, no HTML, no markup."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def md_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], figures: int, labels: int = 1
) -> list[str]:
    """A Markdown table: ``labels`` columns of words (a label, a bar), then ``figures``
    columns of numbers (aligned right), then any columns of words."""
    words_after = len(header) - labels - figures
    align = ["---"] * labels + ["--:"] * figures + ["---"] * words_after
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


_EIGHTHS = " ▏▎▍▌▋▊▉"


def text_bar(value: float | None, low: int, high: int, width: int = 10) -> str:
    """``value`` on the scale ``low``..``high`` as a bar of block characters in
    ``width`` cells (to an eighth of a cell), the rest shaded: a chart that shows
    wherever text does (a CI job summary, a terminal). Empty text for no value."""
    if value is None or high <= low:
        return ""
    share = min(max((value - low) / (high - low), 0.0), 1.0)
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[part] if part else "")
    return bar + "░" * (width - len(bar))


# ------------------------------------------------------------ comparison words


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


def who_took_part(c: Comparison) -> list[tuple[str, list[str]]]:
    return [
        ("In both rounds", c.in_both),
        (f"Only in {c.old.label}", c.only_old),
        (f"Only in {c.new.label}", c.only_new),
    ]


def same_person_lines(c: Comparison) -> list[str]:
    """The people confirmed alike under two names (names.yaml), and the names that may
    be one person's, each with what to do."""
    out = [f"{new} was named {old!r} in {c.old.label} (names.yaml)." for old, new in c.same_person]
    out += [
        f"{old!r} ({c.old.label}) and {new!r} ({c.new.label}) may be the same person; "
        f'if so, add "{old}": "{new}" under same_person: in names.yaml in the new '
        "round's folder"
        for old, new in c.maybe_same
    ]
    return out


# ------------------------------------------------------------------- targets


def with_targets(c: Comparison) -> list[EnablerChange]:
    """The enablers the old round set a target for, in framework order."""
    return [e for e in c.enablers if e.target is not None]


def target_measure(e: EnablerChange) -> str:
    """What the new round's figure was, and which: "4 (agreed)", "3.50 (mean)", or a dash."""
    if e.target_value is None or e.target_by is None:
        return NONE
    shown = figure(e.target_value) if e.target_by == "mean" else str(e.target_value)
    return f"{shown} ({e.target_by})"


def target_word(e: EnablerChange) -> str:
    """Whether the new round reached the old round's target, in words."""
    if e.target_reached is None:
        return "no scores" if e.target is not None else NONE
    return "reached" if e.target_reached else "not reached"


def targets_reached(c: Comparison) -> str:
    reached = sum(1 for e in c.enablers if e.target_reached)
    return f"{reached} of {len(with_targets(c))} targets reached."


def targets_rule(c: Comparison) -> str:
    return (
        f"Each target is the one {c.old.label} set in its agreed.yaml, judged on "
        f"{c.new.label}'s agreed score where it has one, else on its mean."
    )


def targets_note(c: Comparison) -> str:
    """How many targets the new round reached, and how they were judged."""
    return f"{targets_reached(c)} {targets_rule(c)}"


def taking_part(report: Report) -> str:
    """How many took part, and how many score files hold no answer yet: "3
    participants; 2 not returned yet"."""
    n, waiting = len(report.participants), len(report.not_returned)
    said = f"{n} participant{'' if n == 1 else 's'}"
    return said + (f"; {waiting} not returned yet" if waiting else "")


def not_returned(report: Report) -> str | None:
    """Whose score file holds no answer yet, by name (anonymised names under
    --anonymise), or None when everyone's does."""
    if not report.not_returned:
        return None
    names = ", ".join(p.name for p in report.not_returned)
    return f"Not returned yet (no answer in their score file): {names}"
