"""Run an example through its integration and compare what came out."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from integrations.core.errors import IntegrationError, UnsupportedEvent
from integrations.core.integration import WebhookIntegration
from integrations.core.message import Message
from integrations.core.registry import Registry
from integrations.core.request import Headers, WebhookRequest
from integrations.examples.model import (
    Example,
    ExpectError,
    ExpectMessage,
    ExpectNothing,
    ExpectUnsupported,
)

OutcomeKind = Literal["message", "nothing", "unsupported", "error"]


@dataclass(frozen=True)
class Outcome:
    """What the integration did with an example's request."""

    kind: OutcomeKind
    message: Message | None = None
    error: str | None = None
    event: str | None = None
    skipped: str | None = None  # why nothing was posted, when the core decided it

    def describe(self) -> str:
        if self.kind == "message":
            return "posted a message"
        if self.kind == "nothing":
            return f"posted nothing ({self.skipped})" if self.skipped else "posted nothing"
        if self.kind == "unsupported":
            return f"rejected the event as unsupported ({self.error})"
        return f"rejected the request: {self.error}"


@dataclass(frozen=True)
class Mismatch:
    """How an outcome differs from what the doc says, and where the doc says it."""

    line: int
    summary: str
    diff: str = ""


def webhook_of(example: Example, registry: Registry) -> WebhookIntegration:
    integration = registry.get(example.integration)
    if not isinstance(integration, WebhookIntegration):
        raise TypeError(f"{example.integration} is not a webhook integration")
    return integration


def request_for(example: Example, integration: WebhookIntegration) -> WebhookRequest:
    """The HTTP request an example stands for: its event, headers, query and body."""
    headers: list[tuple[str, str]] = [("Content-Type", example.content_type)]
    if example.event is not None:
        headers += integration.event_source.headers_for(example.event).items()
    given = {name.lower() for name, _ in example.headers}
    query = dict(example.query)
    unsigned = WebhookRequest(
        body=example.body_bytes,
        headers=Headers(headers),
        query=query,
        url=example_url(integration.name, query),
    )
    signature = integration.signature
    if example.secret and signature is not None and signature.header.lower() not in given:
        # A genuine request is signed; an example shows a forged one by
        # writing the header itself.
        headers += signature.sign(unsigned, example.secret).items()
    headers += example.headers  # written-out headers win over derived ones
    return WebhookRequest(
        body=example.body_bytes, headers=Headers(headers), query=query, url=unsigned.url
    )


EXAMPLE_SITE = "https://your-org.zulipchat.com"


def example_url(name: str, query: dict[str, str]) -> str:
    """The URL an example's request is sent to, as the service would call it."""
    parameters = "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
    return f"{EXAMPLE_SITE}/api/v1/external/{name}" + (f"?{parameters}" if parameters else "")


def run_example(example: Example, registry: Registry) -> Outcome:
    integration = webhook_of(example, registry)
    request = request_for(example, integration)
    try:
        processed = integration.process(request, secret=example.secret)
    except UnsupportedEvent as error:
        return Outcome("unsupported", error=str(error), event=error.event)
    except IntegrationError as error:
        return Outcome("error", error=str(error))
    if processed.message is None:
        return Outcome("nothing", event=processed.event, skipped=processed.skipped)
    return Outcome("message", message=processed.message, event=processed.event)


def compare(example: Example, outcome: Outcome, registry: Registry) -> Mismatch | None:
    """None when the outcome is what the example documents."""
    integration = webhook_of(example, registry)
    if (
        example.event is not None
        and outcome.event is not None
        and integration.event_source.in_payload
        and outcome.event != example.event
    ):
        return Mismatch(
            example.line_of("event"),
            f"the payload carries the event {outcome.event!r}, the example says {example.event!r}",
        )
    expected = example.expected
    if isinstance(expected, ExpectMessage):
        if outcome.message is None:
            return Mismatch(
                expected.content_line,
                f"expected a message, but the integration {outcome.describe()}",
            )
        return _compare_message(expected, outcome.message)
    if isinstance(expected, ExpectNothing) and outcome.kind != "nothing":
        return Mismatch(
            expected.line,
            f"expected nothing to be posted, but the integration {outcome.describe()}",
        )
    if isinstance(expected, ExpectUnsupported) and outcome.kind != "unsupported":
        return Mismatch(
            expected.line,
            f"expected an unsupported event, but the integration {outcome.describe()}",
        )
    if isinstance(expected, ExpectError):
        if outcome.kind != "error":
            return Mismatch(
                expected.line, f"expected an error, but the integration {outcome.describe()}"
            )
        if outcome.error != expected.text:
            return Mismatch(
                expected.line,
                "the error differs",
                _diff(expected.text, outcome.error or "", "documented error", "actual error"),
            )
    return None


def _compare_message(expected: ExpectMessage, actual: Message) -> Mismatch | None:
    topic_differs = expected.topic != actual.topic
    content_differs = expected.content != actual.content
    if not topic_differs and not content_differs:
        return None
    if topic_differs and content_differs:
        summary = "the topic and the message differ"
    else:
        summary = "the topic differs" if topic_differs else "the message differs"
    line = expected.topic_line if topic_differs and not content_differs else expected.content_line
    documented = f"topic: {expected.topic}\n\n{expected.content}"
    produced = f"topic: {actual.topic}\n\n{actual.content}"
    return Mismatch(line, summary, _diff(documented, produced, "documented", "actual"))


def _diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(),
        actual.splitlines(),
        fromfile=expected_name,
        tofile=actual_name,
        lineterm="",
    )
    return "\n".join(lines)
