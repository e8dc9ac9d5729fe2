"""Render Zulip-flavoured Markdown to HTML, for previews of messages.

This is not Zulip's renderer; it follows Zulip's syntax closely enough that
a preview in the docs looks like the message will, and that the escaping of
``integrations.core.markup`` can be tested against Zulip's rules.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

from integrations.zulip_markdown.inline import zulip_inline_plugin

__all__ = ["parser", "render"]


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.enable(["table", "strikethrough"])
    # Zulip makes links of bare URLs itself and has none of CommonMark's
    # <url> autolinks, setext headings, link reference definitions, image
    # syntax or raw HTML; leaving those rules out also makes rendering faster.
    md.disable(["autolink", "lheading", "reference", "image", "html_block", "html_inline"])
    md.use(zulip_inline_plugin)
    return md


def render(content: str) -> str:
    """The HTML of a message's content."""
    html: str = parser().render(content)
    return html
