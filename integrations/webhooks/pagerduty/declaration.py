"""The PagerDuty webhook, declared once: events of every version, signature, noise options."""

from __future__ import annotations

from collections.abc import Iterable

from integrations.core import (
    Delivery,
    DerivedEvent,
    HmacSignature,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)
from integrations.webhooks.pagerduty.noise import GUARDS
from integrations.webhooks.pagerduty.readers import event_name


def event_of(request: WebhookRequest, payload: Payload) -> str:
    return event_name(payload)


# Zulip's names for PagerDuty's events, which its only_events/exclude_events
# take; "delineated" is how Zulip spells a V1 delegation.
ZULIP_NAMES = {
    "incident.trigger": "triggered",
    "incident.triggered": "triggered",
    "incident.acknowledge": "acknowledged",
    "incident.acknowledged": "acknowledged",
    "incident.unacknowledge": "unacknowledged",
    "incident.unacknowledged": "unacknowledged",
    "incident.resolve": "resolved",
    "incident.resolved": "resolved",
    "incident.assign": "assigned",
    "incident.reassigned": "reassigned",
    "incident.escalate": "escalated",
    "incident.delegate": "delineated",
}


def zulip_names(payload: Payload, delivery: Delivery) -> Iterable[str]:
    name = ZULIP_NAMES.get(delivery.event)
    return [name] if name else []


integration = WebhookIntegration(
    name="pagerduty",
    display_name="PagerDuty",
    description="PagerDuty incidents: triggered, acknowledged, escalated, resolved, notes.",
    categories=["monitoring"],
    events=DerivedEvent(
        "the payload: event.event_type (V3), or the type or event of its messages (V1, V2)",
        event_of,
        in_payload=True,
    ),
    signature=HmacSignature("X-PagerDuty-Signature", "sha256", prefix="v1=", several=True),
    guards=GUARDS,
    filter_names=zulip_names,
)
