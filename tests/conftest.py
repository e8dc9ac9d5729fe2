"""Shared fixtures: small integrations made for testing the machinery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integrations.core import (
    BodyEvent,
    HeaderEvent,
    Message,
    Payload,
    Registry,
    WebhookIntegration,
    WebhookRequest,
    code,
    default_registry,
    md,
)

pytest_plugins = ["pytester"]


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
    def push(payload: Payload, request: WebhookRequest) -> Message:
        branch = payload["ref"].string().removeprefix("refs/heads/")
        who = payload["pusher"]["name"].string()
        return Message(
            topic=f"demo / {branch}", content=md("{} pushed to {}.").format(who, code(branch))
        )

    @demo.handles("ping")
    def ping(payload: Payload, request: WebhookRequest) -> Message | None:
        return None

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
    def fired(payload: Payload, request: WebhookRequest) -> Message:
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
