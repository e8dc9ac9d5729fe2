"""The pieces of Stripe's messages: headline, facts, people, amounts, changes, topics.

Every message has the same shape, so money reads at a glance: a headline
with what happened first, in bold (marked as test mode when it was), then
the amount and the object, linked to the Dashboard; then a line of facts
(who paid, how, why it failed); then, for updates, what changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    escape,
    global_time,
    md,
    parse_time,
)
from integrations.webhooks.stripe.declaration import HIDE_PERSONAL_DATA
from integrations.webhooks.stripe.money import money
from integrations.webhooks.stripe.readers import Event, customer_of, integer_of, text_of

SEP = Markdown(" · ")
CHANGES_SHOWN = 10
TEXT_SHOWN = 200


def headline(event: Event, state: str, *parts: Markdown | None) -> Markdown:
    """``**Charge succeeded** (test mode): $1.00 · ch_123``: what happened first."""
    head = bold(state) + (Markdown(" (test mode)") if not event.live else Markdown(""))
    shown = [part for part in parts if part]
    return head + Markdown(": ") + SEP.join(shown) if shown else head


def facts(*parts: Markdown | None) -> Markdown:
    return SEP.join(part for part in parts if part)


def lines(*parts: Markdown | None) -> Markdown:
    return Markdown("\n").join(part for part in parts if part)


def amount(node: Payload, field: str = "amount", currency: str | None = None) -> Markdown | None:
    """An amount of the object, in its currency (or ``currency``); None when it has none."""
    value = integer_of(node[field])
    if value is None:
        return None
    return escape(money(value, currency or text_of(node["currency"]) or ""), at_line_start=False)


def when(node: Payload) -> Markdown | None:
    """A time Stripe sends (Unix seconds), in each reader's time zone; None when absent."""
    moment = moment_of(node)
    return global_time(moment) if moment is not None else None


def moment_of(node: Payload) -> datetime | None:
    value = integer_of(node)
    return parse_time(value) if value is not None else None


def words(value: str) -> str:
    """An enumerated value as words: ``needs_response`` reads ``needs response``."""
    return value.replace("_", " ")


def clipped(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_SHOWN else text[: TEXT_SHOWN - 1] + "…"


def hidden(delivery: Delivery) -> bool:
    return delivery.options[HIDE_PERSONAL_DATA]


def described(delivery: Delivery, node: Payload) -> Markdown | None:
    """Free text your systems attached (``“Order 1042”``); nothing with ``hide_personal_data``,
    since it may name someone."""
    text = text_of(node)
    if text is None or hidden(delivery):
        return None
    return md("“{}”").format(clipped(text))


def person(delivery: Delivery, name: str | None, email: str | None) -> Markdown | None:
    """Who: ``Jane Doe (jane@example.com)``; nothing with ``hide_personal_data``."""
    if hidden(delivery):
        return None
    if name and email:
        return md("{name} ({email})").format(name=bold(name), email=email)
    if name:
        return bold(name)
    return escape(email, at_line_start=False) if email else None


# How an invoice or subscription is paid, as a reader says it.
COLLECTION = {
    "send_invoice": "Billed by invoice",
    "charge_automatically": "Charged automatically",
}


def collection(node: Payload) -> Markdown | None:
    """``collection_method`` (``billing`` before 2019): billed by invoice or charged."""
    method = text_of(node["collection_method"]) or text_of(node["billing"])
    if method is None:
        return None
    return md("{}").format(COLLECTION.get(method, words(method).capitalize()))


def topic_of(event: Event, fallback: str) -> str:
    """Zulip's topic: the object's customer, where it has one (their id, as Zulip names it)."""
    return customer_of(event.object) or fallback


def told(topic: str, *parts: Markdown | None) -> Message:
    return Message(topic=topic, content=lines(*parts))


# What an update changed -----------------------------------------------------

# Fields that only restate others, or change with every update.
NOISE = frozenset(
    {
        "updated",
        "webhooks_delivered_at",
        "status_transitions",
        "lines",
        "invoice_pdf",
        "hosted_invoice_url",
        "ending_balance",
        "payment_intent",
        "latest_invoice",
        "default_source",
        "default_payment_method",
        "next_payment_attempt",
        "delinquent",
        "number",
        "livemode",
        "object",
        "id",
        "invoice",
        "sources",
        "subscriptions",
        "finalized_at",
        "tax_info_verification",
        "requirements",
        "future_requirements",
    }
)
# Personal data: said to have changed, without the values, with hide_personal_data.
PERSONAL = frozenset(
    {"email", "name", "customer_email", "customer_name", "receipt_email", "description"}
    | {"metadata", "individual", "business_profile"}
)
# Never shown, only said to have changed: addresses and telephone numbers.
PRIVATE = frozenset(
    {"address", "phone", "shipping", "customer_address", "customer_phone", "customer_shipping"}
    | {"billing_details", "tax_ids", "customer_tax_ids", "invoice_settings", "external_accounts"}
)
TIME_SUFFIXES = ("_at", "_date", "_end", "_start", "_anchor")
TIME_FIELDS = frozenset({"start", "created", "date", "trial_end", "cancel_at", "arrival_date"})
AMOUNT_FIELDS = frozenset(
    {"account_balance", "balance", "total", "subtotal", "unit_amount", "tax", "total_excluding_tax"}
)


def is_amount(field: str) -> bool:
    return field == "amount" or field.startswith("amount_") or field in AMOUNT_FIELDS


def is_time(field: str) -> bool:
    return field in TIME_FIELDS or field.endswith(TIME_SUFFIXES)


def value_text(field: str, node: Payload, currency: str) -> Markdown | None:
    """One value of a changed field, as a reader reads it; None for a nested object."""
    value = node.raw() if node.exists() else None
    if value is None:
        return Markdown("none")
    if isinstance(value, bool):
        return Markdown("yes" if value else "no")
    if isinstance(value, int) and is_amount(field) and currency:
        return escape(money(value, currency), at_line_start=False)
    if isinstance(value, int) and is_time(field):
        moment = parse_time(value)
        return global_time(moment) if moment is not None else escape(str(value))
    if isinstance(value, int | float):
        return escape(str(value))
    if isinstance(value, str):
        shown = words(value) if field in ("status", "collection_method", "billing") else value
        return escape(clipped(shown), at_line_start=False) if shown.strip() else Markdown("none")
    return None


def field_name(field: str) -> str:
    return field.replace("_", " ").capitalize()


def changes(event: Event, delivery: Delivery, *, skip: Iterable[str] = ()) -> list[Markdown]:
    """What an update changed, from ``previous_attributes``: ``Status: draft → open``."""
    previous = event.previous.object(default={})
    currency = text_of(event.object["currency"]) or ""
    left_out = NOISE | set(skip)
    found: list[Markdown] = []
    for field in sorted(previous):
        if field in left_out:
            continue
        name = field_name(field)
        if field in PRIVATE or (field in PERSONAL and hidden(delivery)):
            found.append(md("{} changed").format(name))
            continue
        old = value_text(field, previous[field], currency)
        new = value_text(field, event.object[field], currency)
        if old is None or new is None:
            found.append(md("{} changed").format(name))
        elif old != new:
            found.append(md("{name}: {old} → {new}").format(name=name, old=old, new=new))
    return found


def change_list(found: list[Markdown]) -> Markdown | None:
    """The changes as a list, at most ten, then how many more."""
    if not found:
        return None
    shown = [md("* ") + item for item in found[:CHANGES_SHOWN]]
    extra = len(found) - CHANGES_SHOWN
    if extra > 0:
        shown.append(md("* and {} more").format(extra))
    return Markdown("\n").join(shown)
