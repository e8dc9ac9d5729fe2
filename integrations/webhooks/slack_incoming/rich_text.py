"""Slack's ``rich_text`` blocks as Zulip Markdown.

A rich text block is structured, not marked up: sections of styled runs,
lists with an indentation level, quotes and preformatted text. Every run's
text is literal (a ``*`` typed in Slack is a star), so it is escaped, and
the style around it is Zulip's own markup: ``**bold**``, ``*italic*``,
``~~strike~~``, `` `code` ``. People, groups, channels and broadcasts
become the plain text Slack shows (``@U123``, ``@here``, ``#C123``); emoji
their character; dates a global time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from integrations.core import Markdown, Payload, code, code_block, escape, link
from integrations.webhooks.slack_incoming.references import global_time
from integrations.webhooks.slack_incoming.values import number_of, text_of

_STYLES = ("bold", "italic", "strike", "code")
_EMOJI_NAME = re.compile(r"[\w+-]+\Z")
_CODE_POINTS = re.compile(r"[0-9a-fA-F]{2,6}(?:-[0-9a-fA-F]{2,6})*\Z")
_DATE_TOKEN = re.compile(r"\{(?:date\w*|day\w*|time\w*|ago)\}")


@dataclass(frozen=True)
class Run:
    """A piece of a line: literal ``text`` in a style, or ``markup`` already made."""

    text: str = ""
    markup: Markdown | None = None
    style: frozenset[str] = frozenset()


BREAK = Run(text="\n")


def render(block: Payload) -> Markdown:
    """The block's sections, lists, quotes and preformatted text, in order."""
    out: list[str] = []
    lists = _ListLayout()
    for element in block["elements"].array(default=[]):
        kind = element["type"].string(default="")
        if kind == "rich_text_list":
            piece = lists.render(element)
            if piece and out and lists.continues:
                out[-1] = f"{out[-1]}\n{piece}"
                continue
        else:
            lists.reset()
            renderer = _CONTAINERS.get(kind)
            piece = renderer(element) if renderer else Markdown("")
        if piece.strip():
            out.append(piece)
            lists.continues = kind == "rich_text_list"
    return Markdown("\n\n".join(out))


def _section(element: Payload) -> Markdown:
    return Markdown("\n".join(_lines(runs_of(element))))


def _quote(element: Payload) -> Markdown:
    lines = _lines(runs_of(element))
    return Markdown("\n".join(f"> {line}".rstrip() for line in lines))


def _preformatted(element: Payload) -> Markdown:
    text = "".join(run.text for run in runs_of(element, plain=True))
    return code_block(text) if text.strip() else Markdown("")


_CONTAINERS: dict[str, Callable[[Payload], Markdown]] = {
    "rich_text_section": _section,
    "rich_text_quote": _quote,
    "rich_text_preformatted": _preformatted,
}


class _ListLayout:
    """Where each indentation level of consecutive lists starts, so they nest."""

    def __init__(self) -> None:
        self.columns: dict[int, int] = {}  # indent -> column of its items' text
        self.continues = False  # the last piece is a list the next may extend

    def reset(self) -> None:
        self.columns.clear()
        self.continues = False

    def render(self, element: Payload) -> Markdown:
        indent = max(0, min(element["indent"].integer(default=0), 8))
        ordered = element["style"].string(default="bullet") == "ordered"
        number = max(0, element["offset"].integer(default=0))
        for deeper in [level for level in self.columns if level >= indent]:
            del self.columns[deeper]
        parents = [level for level in self.columns if level < indent]
        start = self.columns[max(parents)] if parents else 0
        lines: list[str] = []
        for item in element["elements"].array(default=[]):
            text = _lines(runs_of(item))
            if not any(line.strip() for line in text):
                continue
            number += 1
            marker = f"{number}. " if ordered else "* "
            column = start + len(marker)
            self.columns[indent] = column
            lines.append(" " * start + marker + text[0])
            lines.extend(" " * column + line if line else "" for line in text[1:])
        return Markdown("\n".join(lines))


def runs_of(container: Payload, *, plain: bool = False) -> list[Run]:
    """The runs of a section, quote or preformatted element, in order."""
    runs: list[Run] = []
    for element in container["elements"].array(default=[]):
        runs.extend(_runs(element, plain=plain))
    return runs


def _style_of(element: Payload) -> frozenset[str]:
    style = element["style"]
    return frozenset(name for name in _STYLES if style[name].boolean(default=False))


def _runs(element: Payload, *, plain: bool) -> list[Run]:
    """One inline element as runs; a text with line breaks becomes several."""
    kind = element["type"].string(default="")
    style = _style_of(element)
    if kind == "text":
        text = element["text"].string(default="")
        runs: list[Run] = []
        for index, part in enumerate(text.split("\n")):
            if index:
                runs.append(BREAK)
            if part:
                runs.append(Run(text=part, style=style))
        return runs
    if kind == "link":
        url = element["url"].string(default="")
        label = element["text"].string(default="")
        if plain:
            return [Run(text=label if label and label != url else url)]
        return [Run(markup=link(label, url) if label else link("", url), style=style)]
    if kind == "emoji":
        return [Run(text=_emoji(element), style=style)]
    said = _plain_element(kind, element)
    if said is not None:
        return [Run(text=said, style=style)]
    if kind == "date":
        return [_date(element, style=style, plain=plain)]
    return []


def _plain_element(kind: str, element: Payload) -> str | None:
    """People, groups, channels, broadcasts, teams and colours as the text Slack shows."""
    if kind == "user":
        return "@" + element["user_id"].string(default="someone")
    if kind == "usergroup":
        return "@" + element["usergroup_id"].string(default="group")
    if kind == "channel":
        return "#" + element["channel_id"].string(default="channel")
    if kind == "broadcast":
        return "@" + element["range"].string(default="here")
    if kind == "team":
        return element["team_id"].string(default="")
    if kind == "color":
        return element["value"].string(default="")
    return None


def _emoji(element: Payload) -> str:
    """The emoji's character when Slack gives its code points; else ``:name:``."""
    points = element["unicode"].string(default="")
    if _CODE_POINTS.match(points):
        values = [int(point, 16) for point in points.split("-")]
        if all(0x20 < value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF for value in values):
            return "".join(chr(value) for value in values)
    name = element["name"].string(default="")
    return f":{name}:" if _EMOJI_NAME.match(name) else name


def _date(element: Payload, *, style: frozenset[str], plain: bool) -> Run:
    seconds = number_of(element["timestamp"])
    fallback = element["fallback"].string(default="") or text_of(element["format"]) or ""
    time = global_time(seconds) if seconds is not None else None
    if time is None or plain:
        return Run(text=fallback or (str(int(seconds)) if seconds is not None else ""))
    return Run(markup=time, style=style)


def _lines(runs: list[Run]) -> list[str]:
    """The runs as lines of Markdown; runs of one style are escaped together."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        if run is BREAK:
            lines.append([])
            continue
        current = lines[-1]
        if (
            current
            and run.markup is None
            and current[-1].markup is None
            and current[-1].style == run.style
        ):
            current[-1] = Run(text=current[-1].text + run.text, style=run.style)
        else:
            current.append(run)
    rendered = [_line(line) for line in lines]
    while rendered and not rendered[-1].strip():
        rendered.pop()
    while rendered and not rendered[0].strip():
        rendered.pop(0)
    return rendered


def _line(runs: list[Run]) -> str:
    pieces: list[str] = []
    for index, run in enumerate(runs):
        if run.markup is not None:
            core, lead, trail = str(run.markup), "", ""
        elif "code" in run.style:
            stripped = run.text.strip()
            lead, trail = _edges(run.text)
            core = str(code(stripped)) if stripped else ""
        else:
            stripped = run.text.strip()
            lead, trail = _edges(run.text)
            core = str(escape(stripped, at_line_start=index == 0 or not "".join(pieces).strip()))
        if not "".join(pieces).strip():
            lead = ""  # nothing before it on the line
        pieces.append(lead + _styled(core, run.style) + trail)
    return "".join(pieces).rstrip()


def _edges(text: str) -> tuple[str, str]:
    """The spaces before and after ``text``, which stay outside its style's markers."""
    if not text.strip():
        return " " if text else "", ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead, trail


def _styled(core: str, style: frozenset[str]) -> str:
    if not core:
        return core
    if "strike" in style:
        core = f"~~{core}~~"
    if "italic" in style:
        core = f"*{core}*"
    if "bold" in style:
        core = f"**{core}**"
    return core
