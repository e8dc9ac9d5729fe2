"""Customers and their discounts, each customer in a topic of their own.

A customer's topic is their id (``cus_…``), as Zulip's Stripe integration
names it: their charges, invoices and subscriptions land there too.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import Event, event_of, id_of, integer_of, text_of
from integrations.webhooks.stripe.text import (
    amount,
    change_list,
    changes,
    clipped,
    described,
    facts,
    headline,
    hidden,
    person,
    told,
    topic_of,
    when,
)

NO_CUSTOMER_TOPIC = "customers"
METADATA_SHOWN = 5

CUSTOMER_STATES = {"customer.created": "Customer created", "customer.deleted": "Customer deleted"}


def metadata(node: Payload) -> Markdown | None:
    """The customer's metadata, ``key: value``, as your own systems set it."""
    found = node.object(default={})
    pairs = [
        md("{key}: {value}").format(key=key, value=clipped(value))
        for key, value in ((key, text_of(found[key])) for key in list(found)[:METADATA_SHOWN])
        if value
    ]
    return facts(*pairs) if pairs else None


@integration.handles(*CUSTOMER_STATES)
def on_customer(payload: Payload, delivery: Delivery) -> Message:
    """The customer, linked; their name and e-mail address, description and metadata (none of
    them with `hide_personal_data`)."""
    event = event_of(payload)
    customer = event.object
    shown = not hidden(delivery)
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(
            event,
            CUSTOMER_STATES[delivery.event],
            event.linked(text_of(customer["id"]), "customer"),
        ),
        facts(
            person(delivery, text_of(customer["name"]), text_of(customer["email"])),
            described(delivery, customer["description"]),
        ),
        metadata(customer["metadata"]) if shown else None,
    )


@integration.handles("customer.updated")
def on_customer_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """What changed (balance, e-mail address, name...), old and new; personal data is said to
    have changed, without its values, with `hide_personal_data`. Nothing when only Stripe's
    bookkeeping changed."""
    event = event_of(payload)
    found = changes(event, delivery, skip=("currency",))
    if not found:
        return None
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, "Customer updated", event.linked(text_of(event.object["id"]), "customer")),
        change_list(found),
    )


# Discounts ------------------------------------------------------------------

DISCOUNT_STATES = {
    "customer.discount.created": "Discount applied",
    "customer.discount.updated": "Discount changed",
    "customer.discount.deleted": "Discount removed",
}


def coupon_of(discount: Payload) -> Payload:
    """The coupon: the discount's own field, or its ``source`` since 2025."""
    if discount["coupon"].exists():
        return discount["coupon"]
    return discount["source"]["coupon"]


def coupon_name(coupon: Payload) -> str | None:
    """``25.5% off``, ``$5.00 off``, or the coupon's name."""
    name = text_of(coupon["name"])
    if name:
        return name
    for field in ("percent_off_precise", "percent_off"):
        percent = coupon[field].raw() if coupon[field].exists() else None
        if isinstance(percent, int | float) and not isinstance(percent, bool):
            return f"{percent:g}% off"
    off = amount(coupon, "amount_off")
    return f"{off} off" if off else None


def duration(coupon: Payload) -> Markdown | None:
    kind = text_of(coupon["duration"])
    months = integer_of(coupon["duration_in_months"])
    if kind == "repeating" and months:
        return md("For {} months").format(months)
    if kind == "once":
        return Markdown("Once")
    if kind == "forever":
        return Markdown("Forever")
    return None


def coupon_link(event: Event, coupon: Payload) -> Markdown | None:
    """The coupon, by how much it takes off, linked; a coupon known by its id alone, by that."""
    coupon_id = id_of(coupon)
    name = (
        coupon_name(coupon) if isinstance(coupon.raw() if coupon.exists() else None, dict) else None
    )
    if coupon_id is None:
        return md("{}").format(name) if name else None
    return event.linked(coupon_id, "coupon", name)


@integration.handles(*DISCOUNT_STATES)
def on_discount(payload: Payload, delivery: Delivery) -> Message:
    """The coupon (how much off, linked), for how long, until when, and the subscription it
    applies to."""
    event = event_of(payload)
    discount = event.object
    coupon = coupon_of(discount)
    ends = when(discount["end"])
    subscription = id_of(discount["subscription"])
    promotion = id_of(discount["promotion_code"])
    running = delivery.event != "customer.discount.deleted"
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, DISCOUNT_STATES[delivery.event], coupon_link(event, coupon)),
        facts(
            duration(coupon) if running else None,
            md("Until {}").format(ends) if ends and running else None,
            md("Promotion code {}").format(event.linked(promotion)) if promotion else None,
            md("Subscription {}").format(event.linked(subscription, "subscription"))
            if subscription
            else None,
        ),
    )


integration.ignores(
    "customer.source.created",
    "customer.source.updated",
    "customer.source.deleted",
    "customer.source.expiring",
    "customer.tax_id.created",
    "customer.tax_id.updated",
    "customer.tax_id.deleted",
    reason="A customer's saved cards, bank accounts and tax ids: personal payment details, not"
    " payments (Zulip's integration posted sources; they are left out here on purpose).",
)
