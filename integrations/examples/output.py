"""Matching what a command printed against what a page shows.

A line ``...`` stands for any number of lines, and ``...`` inside a line for
any text, as in doctest's ellipsis; everything else must match exactly
(trailing spaces aside).
"""

from __future__ import annotations

import re


def output_pattern(expected: str) -> re.Pattern[str]:
    parts = []
    for line in expected.split("\n"):
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = [re.escape(piece) for piece in line.rstrip().split("...")]
            parts.append("[^\n]*".join(pieces) + r"[ \t]*\n")
    return re.compile("".join(parts))


def matches(expected: str, printed: str) -> bool:
    if not expected.strip():
        return not printed.strip()
    if printed and not printed.endswith("\n"):
        printed += "\n"
    return output_pattern(expected.rstrip("\n")).fullmatch(printed) is not None
