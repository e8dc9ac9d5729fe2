"""Declaring integrations, dispatching events, and the URL options every webhook has."""

from __future__ import annotations

import json

import pytest

from integrations.core import (
    BadPayload,
    BadRequest,
    Headers,
    Registry,
    SingleEvent,
    UnsupportedEvent,
    WebhookIntegration,
    WebhookRequest,
    default_registry,
)
from integrations.core.integration import wanted
from integrations.core.registry import UnknownIntegration
from tests.conftest import make_body_integration, make_header_integration

PUSH = json.dumps({"ref": "refs/heads/main", "pusher": {"name": "octocat"}}).encode()


def request(
    *, body: bytes = PUSH, event: str | None = "push", query: dict[str, str] | None = None
) -> WebhookRequest:
    headers = Headers({"X-Demo-Event": event} if event else {})
    return WebhookRequest(body=body, headers=headers, query=query or {})


def test_header_event_dispatches_to_its_handler() -> None:
    message = make_header_integration().handle(request())
    assert message is not None
    assert message.topic == "demo / main"
    assert message.content == "octocat pushed to `main`."


def test_missing_event_header_is_a_bad_request() -> None:
    with pytest.raises(BadRequest, match="X-Demo-Event header"):
        make_header_integration().handle(request(event=None))


def test_unknown_event_is_unsupported_and_named() -> None:
    with pytest.raises(UnsupportedEvent) as caught:
        make_header_integration().handle(request(event="star"))
    assert caught.value.event == "star"
    assert "'star'" in str(caught.value)


def test_body_event_reads_the_field_and_names_its_path() -> None:
    alerts = make_body_integration()
    fired = json.dumps({"event": {"type": "fired"}, "title": "CPU"}).encode()
    processed = alerts.process(WebhookRequest(body=fired))
    assert processed.event == "fired"
    assert processed.message is not None
    with pytest.raises(BadPayload, match=r"^event\.type: expected a string, got an integer$"):
        alerts.handle(WebhookRequest(body=b'{"event": {"type": 3}}'))


def test_handler_may_post_nothing() -> None:
    assert make_header_integration().handle(request(event="ping")) is None


def test_topic_parameter_overrides_the_topic() -> None:
    message = make_header_integration().handle(request(query={"topic": "Deploys"}))
    assert message is not None
    assert message.topic == "Deploys"
    message = make_header_integration().handle(request(query={"topic": "  "}))
    assert message is not None
    assert message.topic == "demo / main"


@pytest.mark.parametrize(
    ("query", "passes"),
    [
        ({}, True),
        ({"only_events": "push"}, True),
        ({"only_events": "pull*, issues"}, False),
        ({"only_events": "p*"}, True),
        ({"exclude_events": "push"}, False),
        ({"exclude_events": "ping,star"}, True),
        ({"only_events": "*", "exclude_events": "pu?h"}, False),
    ],
)
def test_event_filters_use_wildcards(query: dict[str, str], passes: bool) -> None:
    assert wanted("push", query) is passes
    outcome = make_header_integration().handle(request(query=query))
    assert (outcome is not None) is passes


def test_filtered_out_unknown_event_is_still_unsupported() -> None:
    with pytest.raises(UnsupportedEvent):
        make_header_integration().handle(request(event="star", query={"exclude_events": "star"}))


def test_declaration_is_checked() -> None:
    common = {"display_name": "X", "description": "One line.", "events": SingleEvent("e")}
    with pytest.raises(ValueError, match="lower case"):
        WebhookIntegration(name="Bad Name", categories=["misc"], **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="categories"):
        WebhookIntegration(name="x", categories=["nonsense"], **common)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one line"):
        WebhookIntegration(
            name="x",
            categories=["misc"],
            display_name="X",
            description="a\nb",
            events=SingleEvent("e"),
        )
    hook = WebhookIntegration(name="x", categories=["misc"], **common)  # type: ignore[arg-type]
    hook.handles("e")(lambda payload, request: None)
    with pytest.raises(ValueError, match="two handlers"):
        hook.handles("e")(lambda payload, request: None)


def test_registry_finds_the_shipped_integrations() -> None:
    registry = default_registry()
    helloworld = registry.get("helloworld")
    assert helloworld.home is not None
    assert (helloworld.home / "fixtures" / "hello.json").is_file()
    with pytest.raises(UnknownIntegration, match=r"known: .*helloworld"):
        registry.get("nope")
    with pytest.raises(ValueError, match="two integrations"):
        Registry([helloworld, helloworld])
