"""The HTML of an example's parts: the request, the message card, the notes.

Pure functions of an ``Example``, so the Sphinx extension stays a thin
adapter and the markup can be tested without building a site. Everything
that comes from a page or a payload is HTML-escaped here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from urllib.parse import urlencode

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import JsonLexer

from integrations.core.registry import Registry
from integrations.examples.model import (
    BrokenBlock,
    Example,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
    FixtureBody,
)
from integrations.examples.run import request_for, webhook_of
from integrations.zulip_markdown import render as render_markdown

PLACEHOLDER_QUERY = {"api_key": "BOT_API_KEY", "stream": "STREAM"}


def webhook_path(example: Example, registry: Registry) -> tuple[str, list[tuple[str, str]]]:
    """The URL path an example posts to, and the headers it sends."""
    integration = webhook_of(example, registry)
    request = request_for(example, integration)
    query = {**PLACEHOLDER_QUERY, **request.query}
    path = f"/api/v1/external/{integration.name}?{urlencode(query, safe='*,')}"
    return path, list(request.headers.items())


def request_text(path: str, headers: Iterable[tuple[str, str]]) -> str:
    return "\n".join([f"POST {path} HTTP/1.1", *(f"{name}: {value}" for name, value in headers)])


def request_html(path: str, headers: Iterable[tuple[str, str]]) -> str:
    """The request line and headers, as plain text in a code block.

    Not highlighted: a long page has hundreds of these, and every span
    would weigh on it; the lines read well enough as they are.
    """
    return code_block(escape(request_text(path, headers)), "http zi-headers")


def code_block(inner_html: str, language: str, newline: str = "\n") -> str:
    """A code block as Sphinx writes one, so the theme and the copy button treat both alike."""
    return (
        f'<div class="highlight-{language} notranslate"><div class="highlight">'
        f"<pre>{inner_html}{newline}</pre></div></div>"
    )


def text_block(text: str) -> str:
    """Plain text as a code block."""
    return code_block(escape(text), "text")


@lru_cache(maxsize=1)
def _json_lexer() -> JsonLexer:
    # Keep the payload's own leading and trailing newlines: the curl button
    # sends the text of the block, which must be the body byte for byte.
    return JsonLexer(stripnl=False, ensurenl=False)


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True)


def body_block(text: str, language: str) -> str:
    """A payload as a code block, highlighted with the token classes Sphinx's blocks use.

    Highlighting here rather than through a Sphinx node saves a node per
    example and Sphinx's per-block formatter set-up; and the text stays
    exactly the body. A browser drops one newline right after ``<pre>``,
    so one is written there for it to drop.
    """
    inner = highlight(text, _json_lexer(), _formatter()) if language == "json" else escape(text)
    return code_block("\n" + inner, f"{language} zi-body", newline="")


def payload_html(summary: str, inner: str) -> str:
    """The collapsed payload, around its block (or a link to its file)."""
    return f'<details class="zi-payload"><summary>{summary}</summary>{inner}</details>'


def title_html(example: Example) -> str:
    anchor = f"example-{example.id}"
    return (
        f'<p class="zi-example-title"><strong>{escape(example.title)}</strong>'
        f'<a class="headerlink" href="#{anchor}">¶</a></p>'
    )


def broken_html(block: BrokenBlock) -> str:
    """What stands in for an example that could not be read (the build warns as well)."""
    errors = "\n".join(str(error) for error in block.errors)
    return (
        f'<p class="zi-example-title"><strong>{escape(block.title or block.id)}</strong></p>'
        '<div class="zi-note zi-error"><p>This example is not shown: its block is malformed.</p>'
        + text_block(errors)
        + "</div>"
    )


def payload_summary(example: Example) -> str:
    label = "Payload"
    if isinstance(example.body, FixtureBody):
        label += f" · {example.body.name}"
    label += f" · {len(example.body_bytes):,} bytes"
    return label


def payload_language(example: Example) -> str:
    try:
        json.loads(example.body.text)
    except ValueError:
        return "text"
    return "json"


def message_card(stream: str, topic: str, sender: str, content: str, integration: str = "") -> str:
    """A message as Zulip shows it: channel and topic, then the bot's message.

    The avatar is drawn by the stylesheet from the row's attributes: the
    sender's initial, under the integration's logo (the site's stylesheet
    of logos, ``integrations.site``). The time reads "now" until the script
    writes the reader's clock time. A long page holds hundreds of these, so
    the markup around the content is kept short.
    """
    return (
        '<div class="zi-message">'
        + _channel_bar(stream, topic)
        + _message_row(
            sender, integration, bot=True, content=render_markdown(content, highlight=True)
        )
        + "</div>"
    )


def _channel_bar(channel: str, topic: str) -> str:
    return (
        '<div class="zi-message-header">'
        f'<span class="zi-channel">#{escape(channel)}</span> &gt; '
        f'<span class="zi-topic">{escape(topic)}</span></div>'
    )


def _message_row(
    sender: str, integration: str, *, bot: bool, after_name: str = "", content: str | None = None
) -> str:
    """One message under its recipient bar: the sender's line, then the content's HTML, if any.

    ``after_name`` continues the sender's line (a ``/me`` message's text).
    """
    badge = ' <span class="zi-bot-badge">bot</span>' if bot else ""
    body = "" if content is None else f'<div class="zi-content rendered_markdown">{content}</div>'
    return (
        f'<div class="zi-message-row" data-integration="{escape(integration)}"'
        f' data-initial="{escape(sender[:1].upper())}"><div class="zi-message-main">'
        f'<p class="zi-sender">{escape(sender)}{badge}{after_name}'
        f'<span class="zi-message-time">now</span></p>{body}</div></div>'
    )


def code_css(light: str, dark: str) -> str:
    """Pygments colours for code blocks in previews, light and dark like the theme's.

    Zulip marks code up as ``<div class="codehilite">``, which the theme's
    own highlighting rules (scoped to ``.highlight``) do not reach.
    """
    scope = ".rendered_markdown .codehilite"

    def token_rules(style: str) -> str:
        # Token colours only: the stylesheet gives the block its background,
        # and Pygments' unscoped rules (pre, line numbers) would reach the whole site.
        formatter: HtmlFormatter[str] = HtmlFormatter(style=style)
        defs: str = formatter.get_style_defs(scope)  # type: ignore[no-untyped-call]
        rules = defs.splitlines()
        return "\n".join(rule for rule in rules if rule.startswith(f"{scope} ."))

    light_rules = token_rules(light)
    dark_rules = token_rules(dark)
    forced = dark_rules.replace(scope, f'body[data-theme="dark"] {scope}')
    automatic = dark_rules.replace(scope, f'body:not([data-theme="light"]) {scope}')
    return f"{light_rules}\n{forced}\n@media (prefers-color-scheme: dark) {{\n{automatic}\n}}\n"


NOTES = {
    ExpectNothing: ("zi-nothing", "Nothing is posted for this request."),
    ExpectUnsupported: (
        "zi-unsupported",
        "The integration does not support this event: it answers with an error and posts nothing.",
    ),
    ExpectError: ("zi-error", "The integration rejects this request with the error:"),
}


def channel_of(example: Example) -> str:
    """The channel a preview names: the example URL's, else one named after the integration.

    Teams often give each service a channel of its own (``#github``,
    ``#sentry``); a placeholder such as ``#stream`` reads as a mistake.
    """
    given = dict(example.query).get("stream", "").strip()
    return given or example.integration.replace("_", "-")


def outcome_card(example: Example, registry: Registry) -> tuple[str, str | None]:
    """The message card, or a note for the other outcomes; and the message's source, if any."""
    expected = example.expected
    if isinstance(expected, ExpectMessage):
        stream = channel_of(example)
        sender = registry.get(example.integration).display_name
        card = message_card(stream, expected.topic, sender, expected.content, example.integration)
        return card, expected.content
    css, text = NOTES[type(expected)]
    body = f"<p>{escape(text)}</p>"
    if isinstance(expected, ExpectError):
        body += text_block(expected.text)
    return f'<div class="zi-note {css}">{body}</div>', None


MESSAGE_SOURCE_SUMMARY = "Message source (Zulip Markdown)"


def message_source_html(inner: str) -> str:
    """The collapsed source of a message, around its block (or a link to its file)."""
    return (
        f'<details class="zi-message-source"><summary>{MESSAGE_SOURCE_SUMMARY}</summary>'
        f"{inner}</details>"
    )


def outcome_text(example: Example) -> str:
    """The outcome for builders without HTML."""
    expected = example.expected
    if isinstance(expected, ExpectMessage):
        return f"topic: {expected.topic}\n\n{expected.content}"
    text = NOTES[type(expected)][1]
    if isinstance(expected, ExpectError):
        text += f"\n{expected.text}"
    return text


@dataclass(frozen=True)
class ChatMessage:
    """One message of a conversation with a chat bot (Hubot), as its page shows it."""

    sender: str
    content: str
    channel: str = ""
    topic: str = ""
    # A direct message: everyone in the conversation, its sender included.
    people: tuple[str, ...] = ()
    bot: bool = False
    integration: str = ""


def _recipient_bar(message: ChatMessage) -> str:
    if message.people:
        names = ", ".join(sorted(set(message.people)))
        return (
            '<div class="zi-message-header zi-dm-header"><span class="zi-channel">'
            f'Direct messages</span> &gt; <span class="zi-topic">{escape(names)}</span></div>'
        )
    return _channel_bar(message.channel, message.topic)


def _chat_row(message: ChatMessage) -> str:
    """A row like a message card's; a person's has no bot badge.

    A ``/me`` message of one paragraph reads as Zulip shows it: the sender's
    name, then the rest, on one line.
    """
    sender, integration, bot = message.sender, message.integration, message.bot
    if message.content.startswith("/me "):
        rest = render_markdown(message.content[4:], highlight=True).strip()
        if rest.startswith("<p>") and rest.endswith("</p>") and rest.count("<p>") == 1:
            me = f' <span class="zi-me-message">{rest[3:-4]}</span>'
            return _message_row(sender, integration, bot=bot, after_name=me)
    content = render_markdown(message.content, highlight=True).strip()
    return _message_row(sender, integration, bot=bot, content=content)


def conversation(messages: Iterable[ChatMessage]) -> str:
    """Messages as Zulip shows them: one recipient bar over each run of them in one place."""
    groups: list[tuple[str, list[str]]] = []
    for message in messages:
        bar = _recipient_bar(message)
        if groups and groups[-1][0] == bar:
            groups[-1][1].append(_chat_row(message))
        else:
            groups.append((bar, [_chat_row(message)]))
    return "".join(
        f'<div class="zi-message zi-conversation">{bar}{"".join(rows)}</div>'
        for bar, rows in groups
    )
