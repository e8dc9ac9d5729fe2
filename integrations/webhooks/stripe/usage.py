"""Usage-based billing: alerts on a customer's usage or credit, and meters' rejected usage.

A billing alert (``billing.alert.triggered``, since 2024) fires when a
customer's usage on a meter reaches a threshold, or their credit balance
falls to one; it lands in the customer's topic, with their invoices. A
meter's errors come as Stripe's newer *thin* events (``v1.billing.meter.…``):
an id and a reference to the object, no snapshot of it, so the message says
what happened to which meter, and the Dashboard tells the rest. A thin
event may carry a little ``data`` (a summary, a count of errors): it is
read when it is there.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.money import money
from integrations.webhooks.stripe.readers import event_of, id_of, integer_of, text_of
from integrations.webhooks.stripe.text import clipped, facts, headline, hidden, told, topic_of

NO_CUSTOMER_TOPIC = "billing alerts"
METERS_TOPIC = "billing meters"


def threshold_facts(triggered: Payload) -> list[Markdown | None]:
    """What crossed which threshold: usage on a meter, or a credit balance, by the alert's
    type; a type Stripe adds later says only its value."""
    alert = triggered["alert"]
    value = integer_of(triggered["value"])
    kind = text_of(alert["alert_type"])
    if kind == "credit_balance_threshold":
        limit = alert["credit_balance_threshold"]["lte"]["monetary"]
        currency = text_of(triggered["currency"]) or text_of(limit["currency"])
        at = integer_of(limit["value"])
        return [
            md("Credit balance {}").format(money(value, currency))
            if value is not None and currency
            else None,
            md("alert at {} or less").format(money(at, currency))
            if at is not None and currency
            else None,
        ]
    usage = alert["usage_threshold"]
    gte = integer_of(usage["gte"])
    meter = id_of(usage["meter"])
    return [
        md("Usage {}").format(f"{value:,}") if value is not None else None,
        md("alert at {}").format(f"{gte:,}") if gte is not None else None,
        md("Meter {}").format(code(meter)) if meter else None,
    ]


@integration.handles("billing.alert.triggered")
def on_billing_alert(payload: Payload, delivery: Delivery) -> Message:
    """The alert, by its title (by its id with `hide_personal_data`); the usage (or credit
    balance) that triggered it and the threshold, and the meter it watches."""
    event = event_of(payload)
    triggered = event.object
    alert = triggered["alert"]
    # A title is your team's own words, and may name the customer: kept back like a description.
    title = None if hidden(delivery) else text_of(alert["title"])
    alert_id = id_of(alert)
    named = md("{}").format(clipped(title)) if title else code(alert_id) if alert_id else None
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, "Billing alert triggered", named),
        facts(*threshold_facts(triggered)),
    )


METER_STATES = {
    "v1.billing.meter.error_report_triggered": "Meter usage rejected",
    "v1.billing.meter.no_meter_found": "Usage sent to an unknown meter",
}


@integration.handles(*METER_STATES)
def on_meter_error(payload: Payload, delivery: Delivery) -> Message:
    """That usage events your systems sent were rejected, for which meter; Stripe's summary
    and the number of errors when the event carries them."""
    event = event_of(payload)
    meter = text_of(payload["related_object"]["id"])
    data = payload["data"]
    summary = text_of(data["developer_message_summary"])
    errors = integer_of(data["reason"]["error_count"])
    return told(
        METERS_TOPIC,
        headline(
            event,
            METER_STATES[delivery.event],
            md("meter {}").format(code(meter)) if meter else None,
        ),
        facts(
            md("{}").format(clipped(summary)) if summary else None,
            md("{} {}").format(errors, "error" if errors == 1 else "errors") if errors else None,
        ),
    )
