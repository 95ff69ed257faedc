"""Terminal tables that fit the terminal: no number cut short, no word broken.

A column is never narrower than its longest word (or its longest figure), so the terminal wraps
a cell only between words. When the columns cannot all fit, the lowest-priority ones (the last
in the list) are left out and a note below the table names them; when even the first columns
cannot fit side by side, every row is printed as a stack of "header: value" lines.

Examples
--------
>>> import os
>>> from rich.console import Console
>>> console = Console(width=30, file=open(os.devnull, "w"), record=True)
>>> cols = [Column("State"), Column("Agreement", numeric=True), Column("Roll calls", numeric=True)]
>>> print_fitted(console, cols, [["Kazakhstan", "0.852", "66"]])
['Roll calls']
>>> "0.852" in console.export_text()
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ujym.i18n import _

_BORDER = 3  # a column's share of the box: a rule and one space of padding each side
_EDGE = 1  # the box's closing rule


@dataclass(frozen=True)
class Column:
    """A column of a terminal table: its header, whether it holds figures, whether it may be left
    out to fit (``keep=False``; columns are left out from the last one back).
    """

    header: str
    numeric: bool = False
    keep: bool = False


def longest_word(text: str) -> int:
    """The width of ``text``'s longest unbreakable piece: words split at ASCII spaces and line
    breaks only (a no-break space holds a figure's thousands together).

    >>> longest_word("68\u00a0163\u00a0000 persons")
    10
    """
    return max((len(word) for line in text.split("\n") for word in line.split(" ")), default=0)


def unbreakable_parentheses(text: str) -> str:
    r"""``text`` with the spaces inside its parentheses made no-break: ``insufficient (n = 1)``
    wraps before the parenthesis, never inside it.

    >>> unbreakable_parentheses("insufficient (n = 1)").split(" ")
    ['insufficient', '(n\xa0=\xa01)']
    """
    return re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(" ", "\u00a0"), text)


def min_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's narrowest width that breaks no word and cuts no figure."""
    widths = []
    for i, col in enumerate(columns):
        cells = [row[i] for row in rows]
        width = max([longest_word(col.header), *(longest_word(c) for c in cells)])
        widths.append(width)
    return widths


def widths_to_fit(natural: Sequence[int], least: Sequence[int], width: int) -> list[int]:
    """Column widths within ``width``: each column's natural width (its longest cell), the widest
    narrowed first, never below ``least`` (its longest word).

    >>> widths_to_fit([30, 5, 40], [10, 5, 12], 60)
    [22, 5, 23]
    """
    out = [max(n, m) for n, m in zip(natural, least, strict=True)]
    while not _fits(out, width):
        room = [w - m for w, m in zip(out, least, strict=True)]
        widest = max(range(len(out)), key=lambda i: (out[i] if room[i] > 0 else -1, -i))
        if room[widest] <= 0:
            break
        out[widest] -= 1
    return out


def _fits(widths: Sequence[int], width: int) -> bool:
    return sum(widths) + _BORDER * len(widths) + _EDGE <= width


def choose_columns(columns: Sequence[Column], widths: Sequence[int], width: int) -> list[int]:
    """The indices of the columns that fit in ``width``: every column when possible, otherwise
    the kept ones and, in order, as many of the others as fit.
    """
    chosen = list(range(len(columns)))
    if _fits(widths, width):
        return chosen
    chosen = [i for i in chosen if columns[i].keep]
    for i, col in enumerate(columns):
        if not col.keep and _fits([widths[j] for j in [*chosen, i]], width):
            chosen.append(i)
    return sorted(chosen)


def print_fitted(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
) -> list[str]:
    """Print ``rows`` as a table that fits ``console.width``; returns the headers left out.

    Every column is at least as wide as its longest word (a figure is one word: its thousands
    are held by no-break spaces); the columns that do not fit are left out, named in a note; when not even the kept ones
    fit, each row becomes a stack of "header: value" lines.
    """
    widths = min_widths(columns, rows)
    chosen = choose_columns(columns, widths, console.width)
    if not chosen or not _fits([widths[i] for i in chosen], console.width):
        print_stacked(console, columns, rows, title=title)
        return []
    natural = [
        max(len(line) for text in (columns[i].header, *(row[i] for row in rows))
            for line in text.split("\n"))
        for i in chosen
    ]  # fmt: skip
    fitted = widths_to_fit(natural, [widths[i] for i in chosen], console.width)
    table = Table(title=title)
    for i, w in zip(chosen, fitted, strict=True):
        col = columns[i]
        table.add_column(
            col.header,
            justify="right" if col.numeric else "left",
            width=w,
            overflow="fold",  # never reached: no cell holds a word wider than its column
        )
    for row in rows:
        table.add_row(*(Text(row[i]) for i in chosen))
    console.print(table)
    left_out = [columns[i].header for i in range(len(columns)) if i not in chosen]
    if left_out:
        console.print(
            _(
                "Left out to fit the terminal: {columns}. A wider terminal, or --format csv, shows them."
            ).format(columns="; ".join(h.replace("\n", " ") for h in left_out)),
            soft_wrap=False,
        )
    return left_out


def print_stacked(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
) -> None:
    """Every row as a block of "header: value" lines (for a terminal too narrow for a table)."""
    if title:
        console.print(Text(title, style="bold"))
    for row in rows:
        console.print()
        for col, cell in zip(columns, row, strict=True):
            console.print(Text(f"{col.header}: {cell}"))


__all__ = [
    "Column",
    "choose_columns",
    "longest_word",
    "min_widths",
    "print_fitted",
    "print_stacked",
    "unbreakable_parentheses",
    "widths_to_fit",
]
