"""Shared fixtures: small integrations made for testing the machinery."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from integrations.core import (
    BodyEvent,
    Delivery,
    HeaderEvent,
    Headers,
    Message,
    Payload,
    Registry,
    WebhookIntegration,
    WebhookRequest,
    code,
    default_registry,
    md,
)

if TYPE_CHECKING:
    from tests.gateway_support import PostgresServer, StandinProcess

pytest_plugins = ["pytester"]


def webhook_request(
    integration: WebhookIntegration,
    event: str | None,
    body: Any,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> WebhookRequest:
    """A JSON request carrying ``event`` where the integration reads it (None: no event)."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    given = {"Content-Type": "application/json"}
    if event is not None:
        given.update(integration.event_source.headers_for(event))
    return WebhookRequest(
        body=raw, headers=Headers({**given, **(headers or {})}), query=query or {}
    )


def make_header_integration(home: Path | None = None) -> WebhookIntegration:
    """A service that names its event in a header, like GitHub."""
    demo = WebhookIntegration(
        name="demo",
        display_name="Demo",
        description="A test service that names its event in a header.",
        categories=["misc"],
        events=HeaderEvent("X-Demo-Event"),
        home=home,
    )

    @demo.handles("push")
    def push(payload: Payload, delivery: Delivery) -> Message:
        branch = payload["ref"].string().removeprefix("refs/heads/")
        who = payload["pusher"]["name"].string()
        return Message(
            topic=f"demo / {branch}", content=md("{} pushed to {}.").format(who, code(branch))
        )

    demo.ignores("ping", reason="The service's test delivery says nothing to the channel.")

    return demo


def make_body_integration(home: Path | None = None) -> WebhookIntegration:
    """A service that names its event in the body, like Sentry."""
    alerts = WebhookIntegration(
        name="alerts",
        display_name="Alerts",
        description="A test service that names its event in the body.",
        categories=["monitoring"],
        events=BodyEvent("event", "type"),
        home=home,
    )

    @alerts.handles("fired")
    def fired(payload: Payload, delivery: Delivery) -> Message:
        return Message(topic="alerts", content=md("Alert: {}").format(payload["title"].string()))

    return alerts


@pytest.fixture
def fixtures_home(tmp_path: Path) -> Path:
    home = tmp_path / "demo-home"
    (home / "fixtures").mkdir(parents=True)
    (home / "fixtures" / "push.json").write_text(
        json.dumps({"ref": "refs/heads/main", "pusher": {"name": "octocat"}}, indent=2) + "\n"
    )
    (home / "fixtures" / "broken.json").write_text('{\n  "ref": \n}\n')
    return home


@pytest.fixture
def registry(fixtures_home: Path) -> Registry:
    helloworld = default_registry().get("helloworld")
    return Registry(
        [helloworld, make_header_integration(fixtures_home), make_body_integration(fixtures_home)]
    )


# The gateway's processes -------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server per test process, started from Debian's packages."""
    # Imported here, as below: only the gateway's tests pay for the stand-in's import.
    from tests.gateway_support import postgres_server

    with postgres_server() as server:
        yield server


@pytest.fixture
def standin_process() -> Iterator[StandinProcess]:
    from tests.gateway_support import StandinProcess

    standin = StandinProcess()
    try:
        yield standin
    finally:
        standin.stop()
