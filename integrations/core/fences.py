"""Zulip's fenced blocks, read the way Zulip reads them.

A fence is a line of three or more backticks or tildes, optionally followed
by a language (``quote``, ``spoiler Header``, ``python``...). Zulip closes a
block only on a line that is exactly its opening fence; ``quote`` and
``spoiler`` blocks hold Markdown, so fences inside them open blocks of their
own, which nest; a code block holds text, in which only its own fence means
anything. ``integrations.zulip_markdown`` renders by the same rule.

Text from a payload must not leave a block it is put in, nor leave one of
its own open to swallow what follows: ``close_fences`` closes what a text
leaves open, and ``fence_longer_than`` gives a fence no line of a text can
close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Up to three spaces, ``` or ~~~ (or longer), an optional language and header.
OPENING = re.compile(r" {0,3}(`{3,}|~{3,}) *(?:\{?\.?([a-zA-Z0-9_+\-./#]+)[^`~]*)?\s*\Z")
CONTAINERS = frozenset({"quote", "quoted", "spoiler"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Fence:
    marker: str  # the opening run: ``` or ~~~~...
    nests: bool  # a quote or spoiler, which holds Markdown


def open_fences(text: str) -> list[Fence]:
    """The blocks ``text`` leaves open at its end, outermost first."""
    stack: list[Fence] = []
    for line in _LINE_BREAK.split(text):
        if stack and line.strip() == stack[-1].marker:
            stack.pop()
            continue
        if stack and not stack[-1].nests:
            continue  # inside a code block only its own fence counts
        opening = OPENING.match(line)
        if opening:
            language = (opening.group(2) or "").lower()
            stack.append(Fence(opening.group(1), language in CONTAINERS))
    return stack


def close_fences(text: str) -> str:
    """``text`` with a closing line for each block it leaves open, innermost first."""
    stack = open_fences(text)
    if not stack:
        return text
    closing = "\n".join(fence.marker for fence in reversed(stack))
    return f"{text.rstrip()}\n{closing}"


def fence_longer_than(text: str, char: str = "~") -> str:
    """A fence of ``char`` longer than any run of it that starts a line of ``text``.

    No line of ``text`` can then close a block opened with it.
    """
    runs = re.findall(rf"^ {{0,3}}({re.escape(char)}+)", text, re.MULTILINE)
    return char * max(3, max((len(run) + 1 for run in runs), default=0))
