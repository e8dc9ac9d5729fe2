"""The HTML of an example's parts: the request, the message card, the notes.

Pure functions of an ``Example``, so the Sphinx extension stays a thin
adapter and the markup can be tested without building a site. Everything
that comes from a page or a payload is HTML-escaped here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from html import escape
from urllib.parse import urlencode

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import JsonLexer

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


def request_block(path: str, headers: Iterable[tuple[str, str]]) -> str:
    """The request, and the button that copies it as a curl command (shown by the script)."""
    return (
        request_html(path, headers)
        + '<button type="button" class="zi-curl-button" hidden>Copy as curl</button>'
    )


def _code_block(inner_html: str, language: str, newline: str = "\n") -> str:
    # The same structure Sphinx gives highlighted blocks, so themes and the
    # copy button treat both alike.
    return (
        f'<div class="highlight-{language} notranslate"><div class="highlight">'
        f"<pre>{inner_html}{newline}</pre></div></div>"
    )


@lru_cache(maxsize=1)
def _json_lexer() -> JsonLexer:
    # Keep the payload's own leading and trailing newlines: the curl button
    # sends the text of the block, which must be the body byte for byte.
    return JsonLexer(stripnl=False, ensurenl=False)


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter[str]:
    return HtmlFormatter(nowrap=True)


def payload_html(example: Example) -> str:
    """The payload, collapsed, highlighted with the token classes Sphinx's blocks use.

    Highlighting here rather than through a Sphinx node saves a node per
    example and Sphinx's per-block formatter set-up; and the text stays
    exactly the body. A browser drops one newline right after ``<pre>``,
    so one is written there for it to drop.
    """
    text = example.body.text
    language = payload_language(example)
    inner = highlight(text, _json_lexer(), _formatter()) if language == "json" else escape(text)
    return (
        f'<details class="zi-payload"><summary>{payload_summary(example)}</summary>'
        + _code_block("\n" + inner, f"{language} zi-body", newline="")
        + "</details>"
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


def message_card(stream: str, topic: str, sender: str, content: str, integration: str = "") -> str:
    """A message as Zulip shows it: channel and topic, then the bot's message.

    The avatar is the sender's initial; the site's stylesheet of logos
    (``integrations.site``) shows the integration's logo over it. The time
    reads "now" until the script writes the reader's clock time.
    """
    return (
        '<div class="zi-message">'
        '<div class="zi-message-header">'
        f'<span class="zi-channel">#{escape(stream)}</span>'
        '<span class="zi-topic-separator">&gt;</span>'
        f'<span class="zi-topic">{escape(topic)}</span>'
        "</div>"
        '<div class="zi-message-row">'
        f'<div class="zi-avatar" data-integration="{escape(integration)}" aria-hidden="true">'
        f"{escape(sender[:1].upper())}</div>"
        '<div class="zi-message-main">'
        '<div class="zi-message-meta">'
        f'<div class="zi-sender">{escape(sender)} <span class="zi-bot-badge">bot</span></div>'
        '<span class="zi-message-time">now</span></div>'
        '<div class="zi-content rendered_markdown">'
        f"{render_markdown(content, highlight=True)}</div>"
        "</div></div></div>"
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


def outcome_html(example: Example, registry: Registry) -> str:
    """What the example documents: the message card, or a note for the other outcomes."""
    expected = example.expected
    if isinstance(expected, ExpectMessage):
        stream = dict(example.query).get("stream", "stream")
        sender = registry.get(example.integration).display_name
        source = _code_block(escape(expected.content), "text")
        return (
            '<div class="zi-outcome">'
            + message_card(stream, expected.topic, sender, expected.content, example.integration)
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
