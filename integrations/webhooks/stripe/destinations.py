"""Stripe's test delivery: the ping an event destination is sent to check that it is reached.

Event destinations (Stripe's newer name for webhook endpoints) can be
pinged from Workbench; the ping is a thin event,
``v2.core.event_destination.ping``, that names the destination. It is posted,
so whoever set the destination up sees the channel is reached.
"""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, code, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import event_of, text_of
from integrations.webhooks.stripe.text import headline, told

TOPIC = "event destinations"


@integration.handles("v2.core.event_destination.ping")
def on_ping(payload: Payload, delivery: Delivery) -> Message:
    """That Stripe reached this destination, and which destination it is."""
    event = event_of(payload)
    destination = text_of(payload["related_object"]["id"])
    return told(
        TOPIC,
        headline(
            event,
            "Ping",
            md("Stripe reached event destination {}").format(code(destination))
            if destination
            else md("Stripe reached this event destination"),
        ),
    )
