"""How figures read in text outputs (terminal and Markdown): one place, one rounding."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bbtool.core.results import EnablerResult, ItemResult

NONE = "–"


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
