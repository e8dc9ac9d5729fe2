"""Block Kit blocks as Zulip Markdown, one renderer per block type.

What each block becomes is declared in ``RENDERERS``; a block of any other
type (interactive ``input`` blocks, ``call``, types Slack adds later) is
skipped, never an error. Interactive elements (select menus, date
pickers, buttons that only call back the sending app) are dropped: Zulip
cannot run them. A button or overflow option that opens a URL is a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integrations.core import Markdown, Payload, code, escape, link, md, text_block
from integrations.core.bodies import body_markdown
from integrations.webhooks.slack_incoming import rich_text
from integrations.webhooks.slack_incoming.layout import (
    fits_a_cell,
    lines_or_paragraphs,
    paragraphs,
    side_by_side,
)
from integrations.webhooks.slack_incoming.mrkdwn import (
    inert_across_lines,
    mrkdwn,
    normalized,
    outside_fences,
)
from integrations.webhooks.slack_incoming.references import decode
from integrations.webhooks.slack_incoming.values import items_of

LINKS = " · "  # between buttons shown as links
_WHOLE_BOLD = re.compile(r"\*\*(?!\*)(.+)(?<!\*)\*\*\Z")


def text_object(node: Payload) -> Markdown:
    """A text object (``{"type": "mrkdwn", "text": ...}``) as Markdown.

    ``plain_text`` is literal; ``mrkdwn``, and a bare string where an
    object belongs, is Slack's formatting.
    """
    if not node.exists():
        return Markdown("")
    if isinstance(node.raw(), str):
        return mrkdwn(node.string())
    text = node["text"].string(default="")
    if node["type"].string(default="mrkdwn") == "plain_text":
        return plain(text)
    return mrkdwn(text)


def plain(text: str) -> Markdown:
    """Plain text, shown as written (Slack's entities decoded)."""
    return text_block(decode(normalized(text)))


def plain_line(node: Payload) -> str:
    """The text of a text object or string, on one line, not yet escaped."""
    if not node.exists():
        return ""
    if isinstance(node.raw(), str):
        return " ".join(decode(node.string()).split())
    return " ".join(decode(node["text"].string(default="")).split())


def render_blocks(nodes: list[Payload]) -> list[Markdown]:
    """Each block's Markdown, in order; blocks with nothing to show give nothing."""
    return [piece for piece in map(render_block, nodes) if piece.strip()]


def render_block(node: Payload) -> Markdown:
    renderer = RENDERERS.get(node["type"].string(default=""))
    return renderer(node) if renderer else Markdown("")


def _header(block: Payload) -> Markdown:
    title = plain_line(block["text"])
    return md("## {}").format(title) if title.strip() else Markdown("")


def _section(block: Payload) -> Markdown:
    return paragraphs(
        [
            text_object(block["text"]),
            element(block["accessory"]),  # beside the text in Slack
            fields([text_object(field) for field in items_of(block["fields"])]),
        ]
    )


def fields(converted: list[Markdown]) -> Markdown:
    """A section's fields: side by side when each is a name and a short value.

    Slack shows fields in two columns; the usual field is a bold name on
    one line and its value on the next (``*Status:*\\nFiring``), which
    becomes a table with the names as its header.
    """
    kept = [field.strip("\n") for field in converted if field.strip()]
    pairs = [field.split("\n") for field in kept]
    if len(kept) >= 2 and all(len(pair) == 2 and all(map(fits_a_cell, pair)) for pair in pairs):
        # A header is bold already, and says what follows without a colon.
        names = [_WHOLE_BOLD.sub(r"\1", name).rstrip(":") for name, _ in pairs]
        return side_by_side(names, [value for _, value in pairs])
    return lines_or_paragraphs(kept)


def _context(block: Payload) -> Markdown:
    pieces = [element(node) for node in items_of(block["elements"])]
    kept = [piece for piece in pieces if piece.strip()]
    if all("\n" not in piece for piece in kept):
        return Markdown(LINKS.join(kept))
    return paragraphs(kept)


def _divider(block: Payload) -> Markdown:
    return Markdown("---")


def _image(block: Payload) -> Markdown:
    label = plain_line(block["title"]) or block["alt_text"].string(default="") or "Image"
    return image_link(block, label)


def image_link(node: Payload, label: str) -> Markdown:
    """A link to an image by its ``image_url``, or a hosted file's ``slack_file.url``."""
    url = node["image_url"].string(default="") or node["slack_file"]["url"].string(default="")
    return link(label, url) if url else escape(label)


def _actions(block: Payload) -> Markdown:
    pieces = [element(node) for node in items_of(block["elements"])]
    return Markdown(LINKS.join(piece for piece in pieces if piece.strip()))


def _video(block: Payload) -> Markdown:
    title = plain_line(block["title"]) or block["alt_text"].string(default="") or "Video"
    url = block["title_url"].string(default="") or block["video_url"].string(default="")
    source = block["provider_name"].string(default="") or block["author_name"].string(default="")
    headline = md("📺 {}").format(link(title, url))
    if source:
        headline += md(" ({})").format(source)
    return paragraphs([headline, text_object(block["description"])])


def _file(block: Payload) -> Markdown:
    name = block["external_id"].string(default="")
    return md("📎 A remote file, {}").format(code(name)) if name else Markdown("")


def _markdown(block: Payload) -> Markdown:
    """Slack's ``markdown`` block holds standard Markdown, kept like a body."""
    body = body_markdown(block["text"].string(default=""))
    return Markdown(outside_fences(body, inert_across_lines))


def _table(block: Payload) -> Markdown:
    """A ``table`` block as a Zulip table, its first row the header."""
    rows = [[_cell(cell) for cell in items_of(row)] for row in items_of(block["rows"])]
    rows = [row for row in rows if row]
    if not rows:
        return Markdown("")
    width = max(len(row) for row in rows)
    lines = []
    for index, row in enumerate(rows):
        cells = row + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + " --- |" * width)
    return Markdown("\n".join(lines))


def _cell(node: Payload) -> str:
    """One table cell, on one line, without a ``|`` that would end it early."""
    if node["type"].string(default="") == "rich_text":
        text = " ".join(rich_text.render(node).split("\n"))
    else:
        text = escape(node["text"].string(default=""), at_line_start=False)
    return text.replace("|", "&#124;")


RENDERERS: dict[str, Callable[[Payload], Markdown]] = {
    "header": _header,
    "section": _section,
    "context": _context,
    "divider": _divider,
    "image": _image,
    "actions": _actions,
    "rich_text": rich_text.render,
    "video": _video,
    "file": _file,
    "markdown": _markdown,
    "table": _table,
}


# Elements: in a section's accessory, an actions block or a context block ----


def element(node: Payload) -> Markdown:
    """An image, a text, or a button or overflow menu that opens a URL; else nothing."""
    if not node.exists():
        return Markdown("")
    kind = node["type"].string(default="")
    if kind == "image":
        return image_link(node, node["alt_text"].string(default="") or "Image")
    if kind in ("mrkdwn", "plain_text"):
        return text_object(node)
    if kind == "button":
        return _button(node)
    if kind == "overflow":
        options = [_button(option) for option in items_of(node["options"])]
        return Markdown(LINKS.join(option for option in options if option))
    return Markdown("")


def _button(node: Payload) -> Markdown:
    url = node["url"].string(default="")
    label = plain_line(node["text"]) or url
    return link(label, url) if url else Markdown("")
