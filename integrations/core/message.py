"""A Zulip message: a topic and a Markdown body, kept within Zulip's limits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.core.fences import close_fences
from integrations.core.markup import Markdown, text_block

# Zulip's limits, counted in code points (MAX_TOPIC_NAME_LENGTH and
# MAX_MESSAGE_LENGTH on the server; /register reports both).
MAX_TOPIC_LENGTH = 60
MAX_CONTENT_LENGTH = 10_000
TOPIC_TRUNCATION = "..."
CONTENT_TRUNCATION = "\n[message truncated]"
EMPTY_TOPIC = "(no topic)"

_TOPIC_SPACES = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_PARTIAL_REFERENCE = re.compile(r"&#?[A-Za-z0-9]*\Z")


def truncate_topic(topic: str) -> str:
    """Fit ``topic`` on one line of at most 60 code points, as Zulip does."""
    topic = _TOPIC_SPACES.sub(" ", topic).strip()
    if not topic:
        return EMPTY_TOPIC
    if len(topic) <= MAX_TOPIC_LENGTH:
        return topic
    return topic[: MAX_TOPIC_LENGTH - len(TOPIC_TRUNCATION)].rstrip() + TOPIC_TRUNCATION


def truncate_content(content: str, limit: int = MAX_CONTENT_LENGTH) -> str:
    """Cut ``content`` to ``limit`` code points, ending with a truncation line.

    Zulip cuts at the limit and appends ``[message truncated]``. This also
    avoids cutting a character reference in half and closes a code block
    left open, so the end of the message still renders.
    """
    if len(content) <= limit:
        return content
    reserve = len(CONTENT_TRUNCATION)
    while True:
        cut = content[: limit - reserve]
        cut = _PARTIAL_REFERENCE.sub("", cut).rstrip()
        closing = close_fences(cut)[len(cut) :]
        if len(cut) + len(closing) + len(CONTENT_TRUNCATION) <= limit:
            return cut + closing + CONTENT_TRUNCATION
        reserve += len(closing)


def _neutral_start(content: str) -> str:
    # Zulip reads a message that starts with "/me", "/poll" or "/todo" as a
    # command; an integration's message never is one.
    if content.startswith("/"):
        return "&#47;" + content[1:]
    return content


@dataclass(frozen=True)
class Message:
    """What an integration posts: a topic and Zulip-Markdown content.

    Both are brought within Zulip's limits on creation. Content given as a
    plain ``str`` rather than ``Markdown`` is treated as untrusted text and
    escaped.
    """

    topic: str
    content: Markdown

    def __post_init__(self) -> None:
        given = self.content if isinstance(self.content, Markdown) else text_block(self.content)
        content = _neutral_start(given.strip("\n"))
        object.__setattr__(self, "topic", truncate_topic(self.topic))
        object.__setattr__(self, "content", Markdown(truncate_content(content)))
