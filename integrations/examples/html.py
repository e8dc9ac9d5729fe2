"""The HTML of an example's parts: the request, the message card, the notes.

Pure functions of an ``Example``, so the Sphinx extension stays a thin
adapter and the markup can be tested without building a site. Everything
that comes from a page or a payload is HTML-escaped here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from urllib.parse import urlencode

from integrations.core.registry import Registry
from integrations.examples.model import (
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
    """The request line and headers, marked up with Pygments' token classes.

    Highlighting costs Sphinx about half a millisecond per block; with
    thousands of examples that would dominate the build, and these few
    lines are simple to mark up here.
    """
    lines = [
        f'<span class="nf">POST</span> <span class="nn">{escape(path)}</span>'
        ' <span class="kr">HTTP</span><span class="o">/</span><span class="m">1.1</span>'
    ]
    lines += [
        f'<span class="n">{escape(name)}</span><span class="o">:</span>'
        f' <span class="s">{escape(value)}</span>'
        for name, value in headers
    ]
    return _code_block("\n".join(lines), "http zi-headers")


def _code_block(inner_html: str, language: str) -> str:
    # The same structure Sphinx gives highlighted blocks, so themes and the
    # copy button treat both alike.
    return (
        f'<div class="highlight-{language} notranslate"><div class="highlight">'
        f"<pre>{inner_html}\n</pre></div></div>"
    )


def title_html(example: Example) -> str:
    anchor = f"example-{example.id}"
    return (
        f'<p class="zi-example-title"><strong>{escape(example.title)}</strong>'
        f'<a class="headerlink" href="#{anchor}" title="Link to this example">¶</a></p>'
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


def message_card(stream: str, topic: str, sender: str, content: str) -> str:
    """A message as Zulip shows it: channel and topic, then the bot's message."""
    return (
        '<div class="zi-message">'
        '<div class="zi-message-header">'
        f'<span class="zi-channel">#{escape(stream)}</span>'
        '<span class="zi-topic-separator">&gt;</span>'
        f'<span class="zi-topic">{escape(topic)}</span>'
        "</div>"
        '<div class="zi-message-row">'
        f'<div class="zi-avatar" aria-hidden="true">{escape(sender[:1].upper())}</div>'
        '<div class="zi-message-main">'
        f'<div class="zi-sender">{escape(sender)} <span class="zi-bot-badge">bot</span></div>'
        f'<div class="zi-content rendered_markdown">{render_markdown(content)}</div>'
        "</div></div></div>"
    )


NOTES = {
    ExpectNothing: ("zi-nothing", "Nothing is posted for this request."),
    ExpectUnsupported: (
        "zi-unsupported",
        "The integration does not support this event: it answers with an error and posts nothing.",
    ),
    ExpectError: ("zi-error", "The integration rejects this request with the error:"),
}


def outcome_html(example: Example, registry: Registry) -> str:
    """What the example documents: the message card, or a note for the other outcomes."""
    expected = example.expected
    if isinstance(expected, ExpectMessage):
        stream = dict(example.query).get("stream", "stream")
        sender = registry.get(example.integration).display_name
        source = _code_block(escape(expected.content), "text")
        return (
            '<div class="zi-outcome">'
            + message_card(stream, expected.topic, sender, expected.content)
            + '<details class="zi-message-source">'
            + "<summary>Message source (Zulip Markdown)</summary>"
            + source
            + "</details></div>"
        )
    css, text = NOTES[type(expected)]
    body = f"<p>{escape(text)}</p>"
    if isinstance(expected, ExpectError):
        body += _code_block(escape(expected.text), "text")
    return f'<div class="zi-outcome"><div class="zi-note {css}">{body}</div></div>'


def outcome_text(example: Example) -> str:
    """The outcome for builders without HTML."""
    expected = example.expected
    if isinstance(expected, ExpectMessage):
        return f"topic: {expected.topic}\n\n{expected.content}"
    text = NOTES[type(expected)][1]
    if isinstance(expected, ExpectError):
        text += f"\n{expected.text}"
    return text
