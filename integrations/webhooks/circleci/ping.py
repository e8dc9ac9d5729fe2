"""The test ping of a webhook's settings page."""

from __future__ import annotations

from integrations.common.ci import text_of
from integrations.core import Delivery, Message, Payload, bold, md
from integrations.webhooks.circleci.declaration import PING, integration

# Zulip's topic for CircleCI's test event, so a webhook moved from Zulip keeps it.
PING_TOPIC = "Test event"


@integration.handles(PING)
def on_ping(payload: Payload, delivery: Delivery) -> Message:
    """That the webhook's test ping arrived, naming the webhook, in the topic `Test event`."""
    name = text_of(payload["webhook"]["name"])
    said = md("the webhook {}").format(bold(name)) if name else md("this webhook")
    content = md(":check_mark: CircleCI's test ping for {} arrived: the URL works.").format(said)
    return Message(topic=PING_TOPIC, content=content)
