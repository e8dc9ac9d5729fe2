"""The pieces every Sentry message is built from: the level badge, facts, the crash's code.

A message opens with its state or level, in a coloured circle and a bold
word, so the first words of a notification say how bad it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.common.monitoring import badge, capitalised, circle, cut, dotted, linked
from integrations.core import Markdown, code, code_block, global_time, md
from integrations.webhooks.sentry.readers import Event, Frame

# How many lines of source to show around the crash, and how much of each:
# every line an SDK sends (five either side, seven from Node), within reason.
CONTEXT_LINES = 10
LINE_CHARACTERS = 160
TITLE_CHARACTERS = 300

# Sentry's platform names, as code blocks name the language they highlight.
_LANGUAGES = {
    "python": "python",
    "javascript": "javascript",
    "node": "javascript",
    "go": "go",
    "ruby": "ruby",
    "java": "java",
    "php": "php",
    "csharp": "csharp",
    "elixir": "elixir",
    "dart": "dart",
    "rust": "rust",
    "cocoa": "swift",
}


def level_badge(level: str | None, word: str | None = None) -> Markdown:
    """``:red_circle: **Error**``: the level's colour and a bold word (the level's by default)."""
    level = (level or "").lower()
    said = word or (level.capitalize() if level else "Event")
    return badge(circle(level, ":white_circle:"), said)


def facts(items: Iterable[Markdown | None]) -> Markdown:
    """The facts that are known, on one line, separated by middle dots, the first capitalised."""
    return capitalised(dotted(items))


def titled(title: str, url: str | None) -> Markdown:
    """A title, linked to its page when there is one, cut to ``TITLE_CHARACTERS``."""
    return linked(cut(title, TITLE_CHARACTERS), url)


def event_facts(event: Event, *first: Markdown | None) -> Markdown:
    """When and where an event happened: environment, release, culprit, server."""
    return facts(
        [
            *first,
            global_time(event.when) if event.when else None,
            md("environment {}").format(code(event.environment)) if event.environment else None,
            md("release {}").format(code(event.release)) if event.release else None,
            code(event.culprit) if event.culprit else None,
            md("in {}").format(code(event.filename))
            if event.filename and not event.frame
            else None,
            md("server {}").format(code(event.server)) if event.server else None,
        ]
    )


def _cut(line: str) -> str:
    return cut(line.replace("\t", "    ").rstrip(), LINE_CHARACTERS)


def source(frame: Frame, platform: str | None) -> Markdown:
    """Where the crash happened, and the code around it, the crash line marked with ``>``."""
    before = list(frame.before[-CONTEXT_LINES:])
    after = list(frame.after[:CONTEXT_LINES])
    # Blank lines at the edges say nothing.
    while before and not before[0].strip():
        before.pop(0)
    while after and not after[-1].strip():
        after.pop()
    first = frame.lineno - len(before) if frame.lineno is not None else None
    lines = [*before, frame.line, *after]
    if first is not None and first > 0:
        width = len(str(first + len(lines) - 1))
        numbers = [str(first + index).rjust(width) for index in range(len(lines))]
    else:
        numbers = [""] * len(lines)
    marked = len(before)
    shown = "\n".join(
        f"{'>' if index == marked else ' '} {number} | {_cut(line)}".rstrip()
        if number
        else f"{'>' if index == marked else ' '} {_cut(line)}".rstrip()
        for index, (number, line) in enumerate(zip(numbers, lines, strict=True))
    )
    where = [code(frame.filename) if frame.filename else None]
    if frame.lineno is not None:
        where.append(md("line {}").format(str(frame.lineno)))
    if frame.function:
        where.append(md("in {}").format(code(frame.function)))
    language = _LANGUAGES.get((frame.platform or platform or "").lower(), "")
    heading = Markdown(", ").join(item for item in where if item)
    return (md("{}:\n").format(heading) if heading else Markdown("")) + code_block(shown, language)
