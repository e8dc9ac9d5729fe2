"""The one event: a message in Slack's format, posted as Zulip Markdown.

What Slack shows is what is posted: the ``blocks`` when there are any,
the ``text`` otherwise (with blocks, Slack uses it only for notifications),
then the ``attachments``. When the blocks show nothing Zulip can (only
interactive elements, or types it does not know), the ``text`` stands in
for them, as it does in Slack's notifications.
"""

from __future__ import annotations

import re

from integrations.core import BadRequest, Delivery, Markdown, Message, Payload, md
from integrations.core.options import TOPIC
from integrations.webhooks.slack_incoming.attachments import render_attachment
from integrations.webhooks.slack_incoming.blocks import render_blocks
from integrations.webhooks.slack_incoming.declaration import CHANNEL_AS_TOPIC, integration
from integrations.webhooks.slack_incoming.layout import OPENS_A_BLOCK, paragraphs
from integrations.webhooks.slack_incoming.mrkdwn import inert_across_lines, mrkdwn, outside_fences
from integrations.webhooks.slack_incoming.values import flag_or, items_of, text_of

NOTHING_TO_POST = (
    "nothing to post: the payload has no text, and its blocks and attachments"
    " hold nothing Zulip can show"
)
_EMOJI = re.compile(r":[a-z0-9_+-]+:\Z")


@integration.handles("message")
def on_message(payload: Payload, delivery: Delivery) -> Message | None:
    """The message with its Slack formatting turned into Zulip's: the blocks (or else the
    `text`, after the sender's `icon_emoji`), then the attachments, each with its colour as a
    coloured circle. Mentions of people, groups and `@here` become plain text.

    A payload that says nothing (no text, every attachment field null) posts
    nothing, as in Zulip's integration; one whose blocks and attachments
    leave nothing readable is refused, saying so.
    """
    blocks = items_of(payload["blocks"])
    attachments = items_of(payload["attachments"])
    shown = render_blocks(blocks)
    if not shown:
        shown = [_text(payload)]
    shown += [render_attachment(node) for node in attachments]
    # Pieces put together could spell a mention over a line break: none is left.
    content = Markdown(outside_fences(paragraphs(shown), inert_across_lines))
    if not content.strip():
        if not blocks and not any(map(_says_something, attachments)):
            return None
        raise BadRequest(NOTHING_TO_POST)
    return Message(topic=topic_of(payload, delivery), content=content)


def _says_something(attachment: Payload) -> bool:
    """Whether an attachment holds any value at all (Zulip's fixtures send all-null ones)."""
    value = attachment.raw() if attachment.exists() else None
    if not isinstance(value, dict):
        return value is not None
    return any(item not in (None, "", [], {}) for item in value.values())


def _text(payload: Payload) -> Markdown:
    styled = flag_or(payload["mrkdwn"], True)  # ``false``: no Slack formatting
    text = mrkdwn(text_of(payload["text"]) or "", styled=styled)
    icon = payload["icon_emoji"].string(default="").strip()
    if text and _EMOJI.match(icon) and not OPENS_A_BLOCK.match(text):
        return md("{} ").format(icon) + text
    return text


def topic_of(payload: Payload, delivery: Delivery) -> str:
    """The URL's ``topic``; else the payload's ``channel`` when the URL asks; else its sender.

    The sender is the payload's ``username`` (``Alertmanager``,
    ``DeployBot``), so each tool posting to one URL gets a topic of its own;
    without one, Zulip's ``(no topic)``.
    """
    chosen = delivery.options[TOPIC].strip()
    if chosen:
        return chosen
    if delivery.options[CHANNEL_AS_TOPIC]:
        channel = re.sub(r"\A[#@]", "", (text_of(payload["channel"]) or "").strip())
        if channel.strip():
            return channel
    return (text_of(payload["username"]) or "").strip()
