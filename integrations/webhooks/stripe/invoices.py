"""Invoices and invoice items, in their customer's topic.

An invoice is created as a draft, finalized, sent or charged, then paid,
voided or marked uncollectible; Stripe sends an event for each step, and an
``invoice.updated`` for the rest. ``invoice.paid`` and
``invoice.payment_succeeded`` both come when a payment succeeds (the first
also when one is marked paid outside Stripe): a webhook usually needs only
one of them.
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
    collection,
    described,
    facts,
    headline,
    person,
    told,
    topic_of,
    when,
    words,
)

NO_CUSTOMER_TOPIC = "invoices"

INVOICE_STATES = {
    "invoice.created": "Invoice created",
    "invoice.finalized": "Invoice finalized",
    "invoice.sent": "Invoice sent",
    "invoice.paid": "Invoice paid",
    "invoice.payment_succeeded": "Invoice payment succeeded",
    "invoice.payment_failed": "Invoice payment failed",
    "invoice.payment_action_required": "Invoice payment needs the customer's action",
    "invoice.upcoming": "Invoice upcoming",
    "invoice.voided": "Invoice voided",
    "invoice.marked_uncollectible": "Invoice marked uncollectible",
    "invoice.deleted": "Draft invoice deleted",
    "invoice.overdue": "Invoice overdue",
    "invoice.will_be_due": "Invoice due soon",
    "invoice.finalization_failed": "Invoice could not be finalized",
}
PAID = ("invoice.paid", "invoice.payment_succeeded")


def invoice_link(event: Event) -> Markdown:
    """The invoice, by its number where it has one, linked; an upcoming one has neither."""
    invoice = event.object
    return event.linked(text_of(invoice["id"]), "invoice", text_of(invoice["number"]))


def subscription_of(invoice: Payload) -> str | None:
    """The subscription an invoice bills: a field of its own in older versions, of its
    ``parent`` since 2025."""
    return id_of(invoice["subscription"]) or id_of(
        invoice["parent"]["subscription_details"]["subscription"]
    )


def billed_to(invoice: Payload, delivery: Delivery) -> Markdown | None:
    return person(delivery, text_of(invoice["customer_name"]), text_of(invoice["customer_email"]))


def attempts(invoice: Payload) -> Markdown | None:
    count = integer_of(invoice["attempt_count"])
    retry = when(invoice["next_payment_attempt"])
    said = md("Attempt {}").format(count) if count else None
    if retry:
        return facts(said, md("{} {}").format("next attempt" if said else "Next attempt", retry))
    return said


@integration.handles(*INVOICE_STATES)
def on_invoice(payload: Payload, delivery: Delivery) -> Message:
    """What happened to the invoice first, then the amount due (or paid), and the invoice,
    linked; its total and why it was made, when it is due, payment attempts, who it bills and
    for which subscription."""
    event = event_of(payload)
    invoice = event.object
    paid = delivery.event in PAID
    reason = text_of(invoice["billing_reason"])
    subscription = subscription_of(invoice)
    error = text_of(invoice["last_finalization_error"]["message"])
    upcoming = delivery.event == "invoice.upcoming"
    created = delivery.event == "invoice.created"
    due = when(invoice["due_date"])
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(
            event,
            INVOICE_STATES[delivery.event],
            amount(invoice, "amount_paid" if paid else "amount_due"),
            invoice_link(event),
        ),
        facts(
            md("Failed: {}").format(clipped(error)) if error else None,
            md("Total {}").format(amount(invoice, "total"))
            if created and amount(invoice, "total")
            else None,
            md("Reason: {}").format(words(reason)) if reason and created else None,
            md("Due {}").format(due) if due and not paid else None,
            attempts(invoice) if delivery.event == "invoice.payment_failed" else None,
            md("Billed {}").format(when(invoice["next_payment_attempt"]))
            if upcoming and when(invoice["next_payment_attempt"])
            else None,
            collection(invoice) if created or delivery.event == "invoice.finalized" else None,
            billed_to(invoice, delivery),
            md("Subscription {}").format(event.linked(subscription, "subscription"))
            if subscription
            else None,
        ),
    )


# Fields an invoice's update changes along with the one that matters.
INVOICE_NOISE = ("paid", "attempted", "auto_advance", "closed", "forgiven", "status")


@integration.handles("invoice.updated")
def on_invoice_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """Its new status first, when that changed, then what else changed; nothing when only
    Stripe's bookkeeping changed."""
    event = event_of(payload)
    invoice = event.object
    status = text_of(invoice["status"])
    status_changed = "status" in event.previous.object(default={}) and status
    found = changes(event, delivery, skip=INVOICE_NOISE)
    if not found and not status_changed:
        return None
    state = f"Invoice is now {words(status or '')}" if status_changed else "Invoice updated"
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(event, state, amount(invoice, "total"), invoice_link(event)),
        change_list(found),
    )


# Invoice items --------------------------------------------------------------

ITEM_STATES = {
    "invoiceitem.created": "Invoice item created",
    "invoiceitem.deleted": "Invoice item deleted",
}


def item_headline(event: Event, state: str) -> Markdown:
    item = event.object
    return headline(event, state, amount(item), event.linked(text_of(item["id"]), "invoiceitem"))


@integration.handles(*ITEM_STATES)
def on_invoice_item(payload: Payload, delivery: Delivery) -> Message:
    """The item's amount, linked; what it is for, how many, and the invoice it is on."""
    event = event_of(payload)
    item = event.object
    quantity = integer_of(item["quantity"])
    invoice = id_of(item["invoice"])
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        item_headline(event, ITEM_STATES[delivery.event]),
        facts(
            described(delivery, item["description"]),
            md("Quantity {}").format(quantity) if quantity is not None and quantity != 1 else None,
            md("On invoice {}").format(event.linked(invoice, "invoice")) if invoice else None,
        ),
    )


@integration.handles("invoiceitem.updated")
def on_invoice_item_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """What changed on the item (its description, quantity, amount...); nothing when only
    Stripe's bookkeeping changed."""
    event = event_of(payload)
    found = changes(event, delivery)
    if not found:
        return None
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        item_headline(event, "Invoice item updated"),
        change_list(found),
    )
