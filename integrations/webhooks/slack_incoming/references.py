"""Slack's control sequences, entities and dates, as Zulip Markdown or plain text.

Slack writes what is not plain text between angle brackets: links
(``<https://example.com|label>``, ``<mailto:ada@example.com|Ada>``), people
(``<@U123>``), channels (``<#C123|general>``), group and broadcast mentions
(``<!subteam^S123|@ops>``, ``<!here>``) and localised dates
(``<!date^1392734382^{date_short}|Feb 18, 2014>``). Literal ``&``, ``<`` and
``>`` are written ``&amp;``, ``&lt;`` and ``&gt;``.

Nothing here can notify anyone in Zulip: people, groups and broadcasts
become the plain text Slack would show (``@ada``, ``@here``), and a date
becomes a Zulip global time, shown in each reader's time zone.
"""

from __future__ import annotations

import re

from integrations.core import Markdown, escape, link, parse_time
from integrations.core import global_time as core_global_time
from integrations.core.markup import safe_url

_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ENTITY = re.compile("&(?:amp|lt|gt);")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_DATE_TOKEN = re.compile(r"\{(?:date\w*|day\w*|time\w*|ago)\}")


def decode(text: str) -> str:
    """Slack's three entities as the characters they stand for."""
    return _ENTITY.sub(lambda match: _ENTITIES[match.group()], text)


def global_time(seconds: float) -> Markdown | None:
    """A Zulip global time for a Unix timestamp, or None when it is no real date."""
    moment = parse_time(seconds)
    return None if moment is None else core_global_time(moment)


def timestamp(text: str) -> float | None:
    """A Unix timestamp written as text (``1655945306`` or ``1655945306.123``)."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e12 else None  # no NaN, no year 30000


def _split(content: str) -> tuple[str, str]:
    """``target|label`` -> (target, label); the label is empty when absent."""
    target, _, label = content.partition("|")
    return target.strip(), decode(label).strip()


def reference(content: str) -> Markdown:
    """The Markdown for one control sequence, given what is between ``<`` and ``>``."""
    target, label = _split(content)
    if target.startswith("@"):
        return escape("@" + (label.lstrip("@") or target[1:]), at_line_start=False)
    if target.startswith("#"):
        return escape("#" + (label.lstrip("#") or target[1:]), at_line_start=False)
    if target.startswith("!"):
        return _command(target[1:], label)
    if _SCHEME.match(target):
        return _link(decode(target), label)
    # Not a control sequence Slack knows: the text as it was written.
    return escape(decode(f"<{content}>"), at_line_start=False)


def _link(url: str, label: str) -> Markdown:
    address = url.removeprefix("mailto:") if url.lower().startswith("mailto:") else None
    if not label or label in (url, address, url.rstrip("/")):
        if address is not None:
            return escape(address, at_line_start=False)  # Zulip links addresses itself
        if safe_url(url) is None:
            return escape(url, at_line_start=False)
        return link("", url)  # a bare address, which Zulip links
    return link(label, url)


def _command(command: str, label: str) -> Markdown:
    """``<!here>``, ``<!subteam^S123|@ops>``, ``<!date^...>``: what Slack shows, inert."""
    name, _, argument = command.partition("^")
    if name == "date":
        return _date(argument, label)
    if name == "subteam":
        return escape("@" + (label.lstrip("@") or argument or "group"), at_line_start=False)
    if name in ("here", "channel", "everyone"):
        return escape("@" + (label.lstrip("@") or name), at_line_start=False)
    return escape(label or name, at_line_start=False)


def _date(argument: str, fallback: str) -> Markdown:
    """``<!date^1392734382^Posted {date_short}^https://...|fallback>`` as a global time.

    The format's words before its first token and after its last stay
    around the time; the time itself is shown in the reader's zone and
    language by Zulip, so the tokens in between are not needed.
    """
    seconds, _, rest = argument.partition("^")
    template, _, _url = rest.partition("^")
    value = timestamp(seconds)
    time = global_time(value) if value is not None else None
    tokens = list(_DATE_TOKEN.finditer(template))
    if time is None or not tokens:
        return escape(fallback or decode(template) or seconds, at_line_start=False)
    before = escape(decode(template[: tokens[0].start()]), at_line_start=False)
    after = escape(decode(template[tokens[-1].end() :]), at_line_start=False)
    return before + time + after


def plain_reference(content: str) -> str:
    """The text a control sequence reads as, for code, where nothing is marked up."""
    target, label = _split(content)
    if target.startswith(("@", "#")):
        return target[0] + (label.lstrip(target[0]) or target[1:])
    if target.startswith("!"):
        name, _, argument = target[1:].partition("^")
        if name == "date":
            seconds = timestamp(argument.partition("^")[0])
            moment = None if seconds is None else parse_time(seconds)
            if label or moment is None:
                return label or argument
            return moment.strftime("%Y-%m-%d %H:%M UTC")
        if name == "subteam":
            return "@" + (label.lstrip("@") or argument)
        if name in ("here", "channel", "everyone"):
            return "@" + (label.lstrip("@") or name)
        return label or name
    if _SCHEME.match(target):
        url = decode(target)
        return url if not label or label == url else f"{label} ({url})"
    return decode(f"<{content}>")
