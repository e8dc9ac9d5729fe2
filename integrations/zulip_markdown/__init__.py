"""Render Zulip-flavoured Markdown to HTML, for previews of messages.

This is not Zulip's renderer; it follows Zulip's syntax and the HTML its
server produces (the class names its web app styles) closely enough that a
preview in the docs looks like the message will, and that the escaping of
``integrations.core.markup`` can be tested against Zulip's rules.

What it reads: CommonMark without raw HTML, images, setext headings, link
reference definitions, ``<url>`` autolinks or backslash escapes (Zulip has
none of these); tables and ``~~strikethrough~~``; single newlines as line
breaks; no ``_`` emphasis; mentions, group mentions, wildcards, channel,
topic and message links, ``:emoji:``, ``$$inline math$$``, ``<time:...>``,
bare-URL links; fenced code, ```` ```quote ````, ```` ```spoiler ```` and
```` ```math ```` blocks, which nest as in Zulip; mentions inside quotes are
silent.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from integrations.zulip_markdown.blocks import zulip_blocks_plugin
from integrations.zulip_markdown.inline import zulip_inline_plugin

__all__ = ["parser", "render"]


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.enable(["table", "strikethrough"])
    # Zulip makes links of bare URLs itself and has none of CommonMark's
    # <url> autolinks, setext headings, link reference definitions, image
    # syntax, raw HTML or backslash escapes; leaving those rules out also
    # makes rendering faster.
    md.disable(
        ["autolink", "lheading", "reference", "image", "html_block", "html_inline", "escape"]
    )
    md.use(zulip_inline_plugin)
    md.use(zulip_blocks_plugin)
    return md


def render(content: str, *, highlight: bool = False) -> str:
    """The HTML of a message's content.

    ``highlight`` marks up code blocks with Pygments inside Zulip's
    ``<div class="codehilite">``, as the previews show them; without it a
    code block is a plain ``<pre><code>``, the structure the escaping tests
    compare against.
    """
    html: str = parser().render(content, {"highlight": highlight})
    return html
