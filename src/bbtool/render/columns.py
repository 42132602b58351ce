"""A terminal table that keeps its main columns on a narrow terminal: the label and the
columns that must stay (n, the mean, the flags) in a first table, as many others as
fit beside them, and the rest in a second table named beneath it. Nothing is dropped.

Rows are a label and one cell per column; a row of a label alone heads a group (a
theme). Labels wrap at their spaces rather than being cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

Cell = str | Text

# between two columns of a table drawn without a box
_GAP = 2


@dataclass(frozen=True)
class Column:
    """One column: its heading, the narrowest it may be, and how it stays on a narrow
    terminal: ``keep`` columns are always in the first table; the others join it in
    ``rank`` order (lowest first) while they fit, and go to the second table if not."""

    heading: str
    min_width: int = 0
    keep: bool = False
    rank: int = 0
    justify: Literal["left", "right"] = "right"


def _width(cell: Cell) -> int:
    text = cell if isinstance(cell, Text) else Text(cell)
    return max((Text(line).cell_len for line in text.plain.split("\n")), default=0)


class SplitTable:
    """The table, drawn whole when it fits the width, split in two when not.

    ``label_room`` is the width the label is allowed to shrink to before a column
    moves to the second table; ``more`` names the second table.
    """

    def __init__(
        self,
        label: str,
        columns: Sequence[Column],
        rows: Sequence[tuple[Cell, ...]],
        *,
        more: str,
        label_room: int = 24,
    ) -> None:
        self.label = label
        self.columns = list(columns)
        self.rows = list(rows)
        self.more = more
        labels = [_width(row[0]) for row in self.rows]
        self.label_width = max([len(label), *labels])
        self.label_room = min(self.label_width, label_room)
        self.widths = [
            max(
                c.min_width,
                *(_width(line) for line in c.heading.split("\n")),
                *(_width(row[k + 1]) for row in self.rows if len(row) > k + 1),
            )
            for k, c in enumerate(self.columns)
        ]

    def split(self, width: int) -> list[list[int]]:
        """The columns of each table at ``width``: all in one when they fit beside a
        label of at least ``label_room``; else the kept ones and as many others as fit
        in the first, the rest in the ones after (each as full as the width allows)."""
        everything = list(range(len(self.columns)))
        if self._room(everything, width) >= self.label_room:
            return [everything]
        first = [k for k, c in enumerate(self.columns) if c.keep]
        others = sorted(
            (k for k, c in enumerate(self.columns) if not c.keep),
            key=lambda k: self.columns[k].rank,
        )
        left: list[int] = []
        for k in others:
            if self._room(sorted([*first, k]), width) >= self.label_room:
                first = sorted([*first, k])
            else:
                left.append(k)
        tables = [first]
        for k in sorted(left):
            if tables[1:] and self._room([*tables[-1], k], width) >= self.label_room:
                tables[-1].append(k)
            else:
                tables.append([k])
        return tables

    def _room(self, shown: list[int], width: int) -> int:
        """What is left for the label at ``width`` beside the columns ``shown``."""
        return width - sum(self.widths[k] + _GAP for k in shown)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for n, shown in enumerate(self.split(width)):
            if n:
                names = ", ".join(self.columns[k].heading.replace("\n", " ") for k in shown)
                yield Text(f"{self.more}: {names}", style="bold")
            yield self._table(shown, width)

    def _table(self, shown: list[int], width: int) -> Table:
        table = Table(box=None, pad_edge=False, header_style="bold")
        label = max(1, min(self.label_width, self._room(shown, width)))
        table.add_column(self.label, width=label, overflow="fold")
        for k in shown:
            column = self.columns[k]
            table.add_column(
                column.heading, justify=column.justify, no_wrap=True, min_width=self.widths[k]
            )
        for row in self.rows:
            if len(row) == 1:
                table.add_row(row[0])
            else:
                table.add_row(row[0], *(row[k + 1] for k in shown))
        return table
