"""One harness for testing any webhook integration: requests, fixtures and checked messages.

The doc examples show what an integration posts for the payloads a reader
cares about; focused tests hold the rest (huge payloads, odd versions,
options at their edges). They all build requests the same way, here::

    github = WebhookHarness("github")
    message = github.message("push", github.fixture("push__1_commit.json"))
    assert message.topic == "..."

A request carries its event where the integration reads it (a header, or
nothing when the payload names it), is signed when a secret is given, and
every message that comes back is checked against Zulip's limits.
``assert_inert`` checks that untrusted text in a message pings nobody and
makes no link or HTML of its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from integrations.core.integration import Processed, WebhookIntegration
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH, Message
from integrations.core.registry import default_registry
from integrations.core.request import Headers, WebhookRequest
from integrations.examples.run import example_url
from integrations.zulip_markdown import render


class WebhookHarness:
    """Builds requests for one webhook integration and runs them through it."""

    def __init__(self, integration: WebhookIntegration | str) -> None:
        if isinstance(integration, str):
            found = default_registry().get(integration)
            if not isinstance(found, WebhookIntegration):
                raise TypeError(f"{integration} is not a webhook integration")
            integration = found
        self.integration = integration

    # Payloads -------------------------------------------------------------

    @property
    def fixtures(self) -> Path:
        if self.integration.fixtures is None:
            raise LookupError(f"{self.integration.name} has no fixtures folder")
        return self.integration.fixtures

    def fixture(self, name: str) -> Any:
        """A shipped fixture, parsed (a fresh copy each time, free to change)."""
        return json.loads((self.fixtures / name).read_text())

    def fixture_bytes(self, name: str) -> bytes:
        return (self.fixtures / name).read_bytes()

    # Requests -------------------------------------------------------------

    def request(
        self,
        event: str | None,
        body: Any,
        *,
        query: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        secret: str | None = None,
        content_type: str = "application/json",
    ) -> WebhookRequest:
        """A request carrying ``event`` where the integration reads it (None: no event header).

        ``body`` is sent as it is when it is bytes, as JSON otherwise; with a
        ``secret`` it is signed as the service would sign it. ``headers``
        given here win over the derived ones.
        """
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        given: dict[str, str] = {"Content-Type": content_type}
        if event is not None:
            given.update(self.integration.event_source.headers_for(event))
        url = example_url(self.integration.name, query or {})
        signature = self.integration.signature
        if secret is not None and signature is not None:
            unsigned = WebhookRequest(body=raw, headers=Headers(given), query=query or {}, url=url)
            given.update(signature.sign(unsigned, secret))
        return WebhookRequest(
            body=raw, headers=Headers({**given, **(headers or {})}), query=query or {}, url=url
        )

    def fixture_request(
        self,
        name: str,
        *,
        query: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> WebhookRequest:
        """A shipped fixture as the service sends it, its event named by its file name."""
        event = self.integration.event_for_fixture(name)
        return self.request(event, self.fixture_bytes(name), query=query, headers=headers)

    # Running --------------------------------------------------------------

    def process(self, event: str | None, body: Any, **options: Any) -> Processed:
        secret = options.get("secret")
        return self.integration.process(self.request(event, body, **options), secret=secret)

    def post(self, event: str | None, body: Any, **options: Any) -> Message | None:
        """What the integration posts for this request (None: nothing); errors propagate."""
        message = self.process(event, body, **options).message
        if message is not None:
            check_limits(message)
        return message

    def message(self, event: str | None, body: Any, **options: Any) -> Message:
        """The message the request must produce; fails when it posts nothing."""
        message = self.post(event, body, **options)
        if message is None:
            raise AssertionError(f"{self.integration.name}: {event} posted nothing")
        return message


def check_limits(message: Message) -> None:
    """Every message fits Zulip's limits: the core guarantees it, this proves it."""
    if len(message.topic) > MAX_TOPIC_LENGTH:
        raise AssertionError(f"topic of {len(message.topic)} characters: {message.topic!r}")
    if not message.topic.strip():
        raise AssertionError("empty topic")
    if len(message.content) > MAX_CONTENT_LENGTH:
        raise AssertionError(f"content of {len(message.content)} characters")


# The elements Zulip makes of Markdown (MathML aside): anything else in the
# HTML would be markup taken from a payload, such as a <b> or <script>.
_MARKDOWN_ELEMENTS = frozenset(
    {"a", "blockquote", "br", "code", "del", "div", "em", "hr", "li", "math", "ol", "p", "pre"}
    | {"span", "strong", "table", "tbody", "td", "th", "thead", "time", "tr", "ul"}
    | {f"h{level}" for level in range(1, 7)}
)
_ELEMENT = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_CODE = re.compile(r"<(code|pre)\b[^>]*>.*?</\1>", re.DOTALL)
_MATH = re.compile(r"<math\b[^>]*>.*?</math>", re.DOTALL)
_PING = re.compile(r'class="[^"]*\b(?:user-mention|user-group-mention|topic-mention)\b')


# The preview renderer makes a mention of ``@*`` and ``*`` around a line
# break; Zulip looks the name up, and no name holds a line break.
_SPLIT_MENTION = re.compile(r'<span class="[^"]*mention[^"]*">[^<]*\n[^<]*</span>')


def assert_pings_nobody(content: str) -> None:
    """No live mention outside code in ``content`` as Zulip renders it.

    For bodies, which keep their Markdown (links included): ``assert_inert``
    holds names and titles to more.
    """
    page = _SPLIT_MENTION.sub("", render(content))
    assert not _PING.search(_CODE.sub("", page)), content


def assert_inert(content: str) -> None:
    """Untrusted text in ``content`` pings nobody, links nowhere odd and brings no HTML.

    ``content`` is rendered as Zulip would render it. Outside code, no
    mention of a person, group or wildcard is live; every link goes to an
    http(s) or mailto address (no ``javascript:``, no ``data:``, nothing
    relative to the Zulip server); and every element is
    one Zulip makes of Markdown, so a ``<b>`` or ``<script>`` from a payload
    can only have come out as text.
    """
    page = render(content)
    prose = _CODE.sub("", page)
    ping = _PING.search(prose)
    if ping:
        raise AssertionError(f"a live mention ({ping.group()!r}) in {content!r}")
    for opening in re.findall(r"<a\b[^>]*>", page):
        href = re.search(r'\bhref="([^"]*)"', opening)
        if href is None or not re.match(r"https?://|mailto:", href.group(1), re.IGNORECASE):
            raise AssertionError(f"a link that is not to a web address, {opening}, in {content!r}")
    for name in _ELEMENT.findall(_MATH.sub("", page)):
        if name.lower() not in _MARKDOWN_ELEMENTS:
            raise AssertionError(f"a <{name}> element, not made of Markdown, in {content!r}")
