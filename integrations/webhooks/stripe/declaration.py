"""The Stripe webhook, declared once: the event's type, its signature, its id, the privacy option.

Stripe posts one event object per request; its ``type`` (``charge.succeeded``,
``customer.subscription.updated``) is the event, the same name Stripe's
Dashboard lists and Zulip's ``only_events`` takes. Its ``id`` (``evt_…``) is
the same when Stripe retries a delivery, and is the delivery's id.
"""

from __future__ import annotations

from integrations.core import BodyEvent, FlagOption, Payload, WebhookIntegration, WebhookRequest
from integrations.core.signatures import TimestampedSignature

HIDE_PERSONAL_DATA = FlagOption(
    "hide_personal_data",
    help="Leave out names and e-mail addresses, and the descriptions and metadata you set.",
)


def event_id(request: WebhookRequest, payload: Payload) -> str | None:
    """Stripe's ``evt_…`` id: one per event, the same on each retry."""
    return payload["id"].string(default=None)


integration = WebhookIntegration(
    name="stripe",
    display_name="Stripe",
    description="Stripe payments, refunds, disputes, invoices, subscriptions, customers, payouts.",
    categories=["financial"],
    events=BodyEvent("type"),
    signature=TimestampedSignature("Stripe-Signature", tolerance=300),
    options=[HIDE_PERSONAL_DATA],
    delivery_id=event_id,
)
