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
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from integrations.core.integration import Processed, WebhookIntegration
from integrations.core.message import MAX_CONTENT_LENGTH, MAX_TOPIC_LENGTH, Message
from integrations.core.registry import default_registry
from integrations.core.request import Headers, WebhookRequest


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
        signature = self.integration.signature
        if secret is not None and signature is not None:
            given.update(signature.sign(raw, secret))
        return WebhookRequest(
            body=raw, headers=Headers({**given, **(headers or {})}), query=query or {}
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
