"""Slack's legacy ``attachments`` as Zulip Markdown.

Monitoring and CI tools (Alertmanager, Grafana, Jenkins, Sentry's older
plugin...) still send their messages as attachments: a coloured bar beside
a title, some text, fields, an image and a footer. Each attachment becomes
a few paragraphs: its colour as a circle before its first line, the title
in bold (a link when it has one), its ``mrkdwn`` text, its fields (short
ones side by side), its blocks, images and buttons as links, then the
footer with its time as a global time. The ``fallback`` text is shown only
when nothing else is.
"""

from __future__ import annotations

from integrations.core import Markdown, Payload, bold, escape, link, md
from integrations.webhooks.slack_incoming.blocks import LINKS, plain_line, render_blocks
from integrations.webhooks.slack_incoming.colors import marker
from integrations.webhooks.slack_incoming.layout import (
    OPENS_A_BLOCK,
    fits_a_cell,
    lines_or_paragraphs,
    paragraphs,
    side_by_side,
)
from integrations.webhooks.slack_incoming.mrkdwn import mrkdwn
from integrations.webhooks.slack_incoming.references import global_time
from integrations.webhooks.slack_incoming.values import flag_of, items_of, number_of, text_of


def render_attachment(node: Payload) -> Markdown:
    """One attachment as paragraphs, its colour marking its first line."""
    pretext = mrkdwn(text_of(node["pretext"]) or "")
    headlines = [_author(node), _title(node)]
    body = [
        mrkdwn(text_of(node["text"]) or ""),
        legacy_fields(items_of(node["fields"])),
        *render_blocks(items_of(node["blocks"])),
        _image(node["image_url"], "Image"),
        _image(node["thumb_url"], "Thumbnail"),
        _actions(items_of(node["actions"])),
        _footer(node),
    ]
    if not any(piece.strip() for piece in [pretext, *headlines, *body]):
        body = [mrkdwn(text_of(node["fallback"]) or "")]
    pieces = [pretext, *headlines, *body]
    circle = marker(text_of(node["color"]) or "")
    if circle is not None:
        pieces = _marked(circle, pieces, first=[headline for headline in headlines if headline])
    return paragraphs(pieces)


def _marked(circle: str, pieces: list[Markdown], *, first: list[Markdown]) -> list[Markdown]:
    """The circle before the first headline, or else the first paragraph, or on its own."""
    kept = [piece for piece in pieces if piece.strip()]
    if not kept:
        return pieces
    target = first[0] if first else kept[0]
    index = pieces.index(target)
    if OPENS_A_BLOCK.match(target):
        return [*pieces[:index], Markdown(circle), *pieces[index:]]
    return [*pieces[:index], Markdown(f"{circle} ") + target, *pieces[index + 1 :]]


def _author(node: Payload) -> Markdown:
    name = text_of(node["author_name"]) or ""
    url = node["author_link"].string(default="")
    return link(name, url) if name.strip() else Markdown("")


def _title(node: Payload) -> Markdown:
    title = " ".join((text_of(node["title"]) or "").split())
    if not title:
        return Markdown("")
    url = node["title_link"].string(default="")
    return md("**{}**").format(link(title, url)) if url else bold(title)


def legacy_fields(nodes: list[Payload]) -> Markdown:
    """Fields in order: runs of short ones side by side, the others a line each."""
    pieces: list[Markdown] = []
    run: list[tuple[str, Markdown]] = []

    def flush() -> None:
        if len(run) >= 2:
            pieces.append(side_by_side([escape(title) for title, _ in run], [v for _, v in run]))
        else:
            pieces.extend(_field_line(title, value) for title, value in run)
        run.clear()

    for node in nodes:
        title = " ".join((text_of(node["title"]) or "").split())
        value = mrkdwn(text_of(node["value"]) or "")
        if not title and not value:
            continue
        if flag_of(node["short"]) and title and value and fits_a_cell(value + title):
            run.append((title, value))
            continue
        flush()
        pieces.append(_field_line(title, value))
    flush()
    return lines_or_paragraphs(pieces)


def _field_line(title: str, value: Markdown) -> Markdown:
    if not title:
        return value
    if not value:
        return bold(title)
    if "\n" in value:
        return md("{}\n{}").format(bold(title), value)
    return md("{}: {}").format(bold(title), value)


def _image(node: Payload, label: str) -> Markdown:
    url = node.string(default="")
    return link(label, url) if url.strip() else Markdown("")


def _actions(nodes: list[Payload]) -> Markdown:
    """Legacy buttons (Alertmanager's ``actions``) that open a URL, as links."""
    links = []
    for action in nodes:
        url = action["url"].string(default="")
        label = plain_line(action["text"]) or url
        if url and label:
            links.append(link(label, url))
    return Markdown(LINKS.join(piece for piece in links if piece))


def _footer(node: Payload) -> Markdown:
    footer = mrkdwn(text_of(node["footer"]) or "")
    seconds = number_of(node["ts"])
    time = global_time(seconds) if seconds else None
    if time is None:
        return footer
    if not footer or "\n" in footer:
        return paragraphs([footer, time])
    return footer + Markdown(LINKS) + time
