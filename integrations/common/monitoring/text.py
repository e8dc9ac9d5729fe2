"""The pieces monitoring messages are built from: dotted facts, lines, lists, links.

A monitoring message is read at a glance, on a phone, at night: the state
first, then facts on one line separated by middle dots, or as a short list
of ``**Name**: value`` lines. Everything from a payload is untrusted and
goes through the core's escaping; names shown as code (labels, tags) can
neither mention anyone nor make markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from integrations.common.monitoring.readers import web_address
from integrations.core import Markdown, bold, bullet_list, code, escape, link, md

SEP = Markdown(" · ")

# A fact of a list: its name and its value, shown as ``**Name**: value``.
Fact = tuple[str, Markdown]


def text(value: str) -> Markdown:
    """Untrusted text in the middle of a line."""
    return escape(value, at_line_start=False)


def linked(label: str, url: str | None) -> Markdown:
    """The label, linked to ``url`` when that is a web address; plain text otherwise."""
    return link(label, url or "")


def cut(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters, ending in ``…`` when it was longer."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def plural(count: int, word: str) -> str:
    """``1 alert``, ``3 alerts``."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def dotted(items: Iterable[Markdown | None]) -> Markdown:
    """The known items on one line, separated by middle dots."""
    return SEP.join(item for item in items if item)


def capitalised(line: Markdown) -> Markdown:
    """A line that starts with the integration's own word, capitalised."""
    return Markdown(line[:1].upper() + line[1:])


def lines(*parts: Markdown | None) -> Markdown:
    """The non-empty parts, one per line."""
    return Markdown("\n").join(part for part in parts if part)


def paragraphs(*parts: Markdown | None) -> Markdown:
    """The non-empty parts, a blank line apart."""
    return Markdown("\n\n").join(part for part in parts if part)


def joined(items: Sequence[Markdown], limit: int | None = None, *, more: int = 0) -> Markdown:
    """``A, B and 3 more``: at most ``limit`` items, then how many are left (``more`` besides)."""
    shown = items if limit is None else items[:limit]
    left = len(items) - len(shown) + more
    listed = Markdown(", ").join(shown)
    return listed + md(" and {} more").format(str(left)) if left > 0 and shown else listed


def codes(names: Sequence[str], limit: int | None = None) -> Markdown:
    """Names from a payload as code spans, ``a``, ``b`` and how many more."""
    return joined([code(name) for name in names], limit)


def links(pairs: Iterable[tuple[str, str]]) -> Markdown:
    """``[Runbook](...) · [Dashboard](...)``: (label, address) pairs as links on one line."""
    return SEP.join(link(label, url) for label, url in pairs)


def web_link(label: str, url: str | None) -> Markdown | None:
    """A link, or nothing when there is no web address to link to."""
    address = web_address(url)
    return link(label, address) if address else None


def facts_list(facts: Sequence[Fact]) -> Markdown:
    """Facts as a bulleted list, one ``**Name**: value`` each."""
    return bullet_list([md("{}: {}").format(bold(name), value) for name, value in facts])


def headline(
    state: Markdown, about: Markdown | None, *, rank: str | None = None, by: str | None = None
) -> Markdown:
    """``**Acknowledged** (P1) by **Ann**: about``: the state, its rank, who acted, what about."""
    line = state
    if rank:
        line += md(" ({})").format(rank)
    if by:
        line += md(" by {}").format(bold(by))
    return line + md(": ") + about if about else line


def headed(head: Markdown, facts: Sequence[Fact], *bodies: Markdown | None) -> Markdown:
    """The headline, its facts listed below it, then each body (a quote, a note) apart."""
    return paragraphs(lines(head, facts_list(facts)), *bodies)
