"""Putting converted pieces together: paragraphs, lines and side-by-side tables.

Slack lays fields out in two columns; Zulip has tables. Fields that say
little each (a status, a duration, a branch) read best side by side, as a
table whose header holds their names; anything longer, or with more than
one line, reads better as lines of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from integrations.core import Markdown

TABLE_COLUMNS = 4  # wider tables wrap badly on a phone
CELL_CHARACTERS = 50  # what a reader sees: a link counts as its label
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
# A first line that opens a block: a quote, a heading, a list item, a fence, a rule.
OPENS_A_BLOCK = re.compile(
    r" {0,3}(?:[>|]|#{1,6}(?:\s|\Z)|[-*+](?:\s|\Z)|\d{1,9}[.)](?:\s|\Z)|`{3}|~{3}|-{3,}\s*\Z)"
)


def paragraphs(pieces: Iterable[str]) -> Markdown:
    """Pieces separated by blank lines; empty ones left out."""
    return Markdown("\n\n".join(piece.strip("\n").rstrip() for piece in pieces if piece.strip()))


def lines_or_paragraphs(pieces: Sequence[str]) -> Markdown:
    """Consecutive one-line pieces a line each; anything longer a paragraph of its own.

    A one-line piece that opens a block (a quote, a list item) is a
    paragraph too: the next line would otherwise continue it.
    """
    groups: list[list[str]] = []
    for piece in (piece.strip("\n") for piece in pieces if piece.strip()):
        if "\n" in piece or OPENS_A_BLOCK.match(piece):
            groups.append([piece])
            groups.append([])
        elif groups and groups[-1]:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return paragraphs("\n".join(group) for group in groups)


def fits_a_cell(text: str) -> bool:
    """One short line (as a reader sees it) that cannot end a table cell early."""
    shown = _LINK.sub(r"\1", text)
    return "\n" not in text and "|" not in text and len(shown) <= CELL_CHARACTERS


def _chunks(count: int) -> list[int]:
    """Near-equal table widths of at most TABLE_COLUMNS for ``count`` columns."""
    tables = -(-count // TABLE_COLUMNS)
    base, extra = divmod(count, tables)
    return [base + 1 if index < extra else base for index in range(tables)]


def side_by_side(headers: Sequence[str], values: Sequence[str]) -> Markdown:
    """Columns of a header and a value each, in tables of at most TABLE_COLUMNS.

    Every cell must fit (``fits_a_cell``); headers are already Markdown.
    """
    tables: list[str] = []
    start = 0
    for width in _chunks(len(headers)):
        names = headers[start : start + width]
        cells = values[start : start + width]
        start += width
        tables.append(
            "\n".join(
                (
                    "| " + " | ".join(names) + " |",
                    "|" + " --- |" * width,
                    "| " + " | ".join(cells) + " |",
                )
            )
        )
    return paragraphs(tables)
