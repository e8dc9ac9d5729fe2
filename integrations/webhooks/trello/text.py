"""The pieces of Trello's messages: the topic, who acted, linked cards and boards, bodies.

Every message is one sentence with the person who acted first, in bold, as
Trello's own activity feed reads; comments and descriptions follow it,
quoted with their Markdown.
"""

from __future__ import annotations

from integrations.core import Markdown, Message, Payload, bold, link, md
from integrations.core.bodies import body_markdown, quoted_body
from integrations.core.fences import fence_longer_than
from integrations.webhooks.trello.readers import Named, board_of, creator_of

# Every action of a board lands in the board's topic, as in Zulip's Trello
# integration; actions that name no board (rare) share this one.
NO_BOARD_TOPIC = "Trello"


def topic_of(payload: Payload) -> str:
    """Zulip's topic: the board's name (its new name when it was renamed)."""
    board = board_of(payload)
    return board.name if board is not None else NO_BOARD_TOPIC


def named(thing: Named) -> Markdown:
    """A card or board, linked to its page when Trello gave its short link."""
    return link(thing.name, thing.url) if thing.url else bold(thing.name)


def who(payload: Payload) -> Markdown:
    return bold(creator_of(payload))


def said(payload: Payload, sentence: Markdown, *, body: Markdown | None = None) -> Message:
    """The message: one sentence, then any body, in the board's topic."""
    content = sentence + md("\n\n") + body if body else sentence
    return Message(topic=topic_of(payload), content=content)


def quoted(text: str | None) -> Markdown:
    """A comment or description, with its Markdown, in a quote it cannot leave."""
    return quoted_body(text)


def previously(text: str | None, title: str) -> Markdown:
    """What a description said before, in a spoiler the reader opens."""
    body = body_markdown(text or "")
    if not body:
        return Markdown("")
    fence = fence_longer_than(body, "`")
    return Markdown(f"{fence}spoiler {title}\n{body}\n{fence}")
