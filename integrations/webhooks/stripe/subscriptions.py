"""Subscriptions and their trials, in the customer's topic.

A subscription bills a customer for one or more prices (plans, in versions
before 2020) on a schedule. What it bills is read from its ``items`` where
the version has them, and from its ``plan`` and ``quantity`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.money import money
from integrations.webhooks.stripe.readers import Event, event_of, integer_of, text_of
from integrations.webhooks.stripe.text import (
    change_list,
    changes,
    collection,
    facts,
    headline,
    told,
    topic_of,
    when,
    words,
)

NO_CUSTOMER_TOPIC = "subscriptions"


@dataclass(frozen=True)
class Plan:
    """What a subscription bills: a price (or a plan), how much, how often, how many."""

    id: str | None
    kind: str
    name: str | None
    price: str | None
    quantity: int | None
    others: int = 0


def plan_of(subscription: Payload) -> Plan | None:
    items = subscription["items"]["data"].array(default=[])
    if items:
        item = items[0]
        price = item["price"] if item["price"].exists() else item["plan"]
        quantity = integer_of(item["quantity"])
        others = len(items) - 1
    elif subscription["plan"].exists():
        price, quantity, others = subscription["plan"], integer_of(subscription["quantity"]), 0
    else:
        return None
    kind = text_of(price["object"]) or "plan"
    return Plan(
        id=text_of(price["id"]),
        kind=kind,
        name=text_of(price["nickname"]) or text_of(price["name"]),
        price=price_text(price),
        quantity=quantity,
        others=others,
    )


def price_text(price: Payload) -> str | None:
    """``$8.00 per month``, ``€90.00 every 3 months``."""
    value = integer_of(price["unit_amount"])
    if value is None:
        value = integer_of(price["amount"])
    currency = text_of(price["currency"])
    if value is None or currency is None:
        return None
    recurring = price["recurring"] if price["recurring"].exists() else price
    interval = text_of(recurring["interval"])
    count = integer_of(recurring["interval_count"]) or 1
    if interval is None:
        return money(value, currency)
    every = f"per {interval}" if count == 1 else f"every {count} {interval}s"
    return f"{money(value, currency)} {every}"


def plan_line(event: Event) -> Markdown | None:
    plan = plan_of(event.object)
    if plan is None:
        return None
    named = event.linked(plan.id, plan.kind, plan.name) if plan.id else md("{}").format(plan.name)
    parts = [md("Plan {}").format(named)]
    if plan.price:
        each = "{} each" if plan.quantity and plan.quantity > 1 else "{}"
        parts.append(md(each).format(plan.price))
    if plan.quantity is not None and plan.quantity != 1:
        parts.append(md("quantity {}").format(plan.quantity))
    if plan.others:
        more = "and {} more item" if plan.others == 1 else "and {} more items"
        parts.append(md(more).format(plan.others))
    return facts(*parts)


def link(event: Event) -> Markdown:
    return event.linked(text_of(event.object["id"]), "subscription")


# A new billing period: every renewal moves it, and the renewal's invoice tells it.
RENEWAL = ("current_period_start", "current_period_end")


def billed(items: Payload) -> list[tuple[str | None, int | None]]:
    """What a list of items bills: each item's price (or plan) and quantity."""
    found = []
    for item in items["data"].array(default=[]):
        price = item["price"] if item["price"].exists() else item["plan"]
        found.append((text_of(price["id"]), integer_of(item["quantity"])))
    return found


def plan_changed(event: Event, previous: Payload) -> bool:
    """Whether the update changed what is billed. Since 2025 every renewal lists the ``items``
    as changed (their billing period moved): the prices and quantities say whether they did."""
    if previous["plan"].exists() or previous["quantity"].exists():
        return True
    if not previous["items"].exists():
        return False
    before, after = billed(previous["items"]), billed(event.object["items"])
    if len(before) != len(after):
        return True
    # The items before may be partial: what they leave out did not change.
    return any(
        (old_price is not None and old_price != price)
        or (old_count is not None and old_count != count)
        for (old_price, old_count), (price, count) in zip(before, after, strict=True)
    )


@integration.handles("customer.subscription.created")
def on_subscription_created(payload: Payload, delivery: Delivery) -> Message:
    """The new subscription, linked, and its status; the plan, its price and quantity, how it is
    paid, and when its trial ends."""
    event = event_of(payload)
    subscription = event.object
    status = text_of(subscription["status"])
    trial = when(subscription["trial_end"]) if status == "trialing" else None
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(
            event,
            "Subscription created",
            link(event),
            md("{}").format(words(status)) if status else None,
        ),
        plan_line(event),
        facts(collection(subscription), md("Trial ends {}").format(trial) if trial else None),
    )


@integration.handles("customer.subscription.updated")
def on_subscription_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """Its new status first, when that changed, then what else changed; the plan when it
    changed. Nothing when only Stripe's bookkeeping changed, or only the billing period with
    it (a renewal, which its invoice tells)."""
    event = event_of(payload)
    previous = event.previous.object(default={})
    status = text_of(event.object["status"])
    status_changed = "status" in previous and status
    new_plan = plan_changed(event, event.previous)
    skip = ("status", "items", "plan", "quantity")
    if not (changes(event, delivery, skip=skip + RENEWAL) or status_changed or new_plan):
        return None
    found = changes(event, delivery, skip=skip)
    state = "Subscription updated"
    if status_changed:
        state = f"Subscription is now {words(status or '')}"
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, state, link(event)),
        plan_line(event) if new_plan else None,
        change_list(found),
    )


@integration.handles("customer.subscription.deleted")
def on_subscription_deleted(payload: Payload, delivery: Delivery) -> Message:
    """That the subscription ended, linked; when, why, and the plan it was on."""
    event = event_of(payload)
    subscription = event.object
    ended = when(subscription["ended_at"]) or when(subscription["canceled_at"])
    reason = text_of(subscription["cancellation_details"]["reason"])
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, "Subscription canceled", link(event)),
        facts(
            md("Ended {}").format(ended) if ended else None,
            md("Reason: {}").format(words(reason)) if reason else None,
        ),
        plan_line(event),
    )


@integration.handles("customer.subscription.trial_will_end")
def on_trial_ending(payload: Payload, delivery: Delivery) -> Message:
    """That the trial is about to end (Stripe says so three days before), when, and the plan
    that is billed then."""
    event = event_of(payload)
    ends = when(event.object["trial_end"])
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, "Trial ending", link(event), md("ends {}").format(ends) if ends else None),
        plan_line(event),
    )


@integration.handles("customer.subscription.paused", "customer.subscription.resumed")
def on_subscription_paused(payload: Payload, delivery: Delivery) -> Message:
    """That the subscription was paused (its trial ended without a payment method) or resumed."""
    event = event_of(payload)
    state = (
        "Subscription paused"
        if delivery.event == "customer.subscription.paused"
        else "Subscription resumed"
    )
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC), headline(event, state, link(event)), plan_line(event)
    )


integration.ignores(
    "customer.subscription.pending_update_applied",
    "customer.subscription.pending_update_expired",
    reason="A change waiting for its payment, applied or dropped: the subscription's"
    " `customer.subscription.updated` says what changed.",
)
