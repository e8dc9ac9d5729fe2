"""Payment intents and Checkout sessions: a customer paying, from start to outcome.

A payment intent follows one payment through its attempts; a Checkout
session is a customer going through Stripe's hosted payment page. Both land
in the customer's topic, like their charges, or in ``payments`` when the
customer paid without an account.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import event_of, id_of, text_of
from integrations.webhooks.stripe.text import (
    amount,
    clipped,
    described,
    facts,
    headline,
    person,
    told,
    topic_of,
    words,
)

NO_CUSTOMER_TOPIC = "payments"

INTENT_STATES = {
    "payment_intent.succeeded": "Payment succeeded",
    "payment_intent.payment_failed": "Payment failed",
    "payment_intent.canceled": "Payment canceled",
    "payment_intent.requires_action": "Payment needs the customer's action",
    "payment_intent.processing": "Payment processing",
}


def last_error(intent: Payload) -> Markdown | None:
    """Why the last attempt failed, in Stripe's words, with the decline code."""
    error = intent["last_payment_error"]
    message = text_of(error["message"])
    code = text_of(error["decline_code"]) or text_of(error["code"])
    if message and code:
        return md("Failed: {message} ({code})").format(message=clipped(message), code=code)
    if message or code:
        return md("Failed: {}").format(clipped(message or code or ""))
    return None


@integration.handles(*INTENT_STATES)
def on_payment_intent(payload: Payload, delivery: Delivery) -> Message:
    """Where the payment stands first, then its amount, linked; why it failed or was canceled,
    who pays, and what for."""
    event = event_of(payload)
    intent = event.object
    failed = last_error(intent) if delivery.event == "payment_intent.payment_failed" else None
    canceled = text_of(intent["cancellation_reason"])
    invoice = id_of(intent["invoice"])
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(
            event,
            INTENT_STATES[delivery.event],
            amount(intent),
            event.linked(text_of(intent["id"]), "payment_intent"),
        ),
        facts(
            failed,
            md("Reason: {}").format(words(canceled)) if canceled else None,
            person(delivery, None, text_of(intent["receipt_email"])),
            described(delivery, intent["description"]),
            md("Invoice {}").format(event.linked(invoice, "invoice")) if invoice else None,
        ),
    )


integration.ignores(
    "payment_intent.created",
    "payment_intent.amount_capturable_updated",
    "payment_intent.partially_funded",
    reason="Steps on the way to a payment (created, authorised and ready to capture, partly"
    " funded by bank transfer): the payment's outcome, and a capture, are posted.",
)


# Checkout -------------------------------------------------------------------

CHECKOUT_STATES = {
    "checkout.session.completed": "Checkout completed",
    "checkout.session.async_payment_succeeded": "Checkout payment succeeded",
    "checkout.session.async_payment_failed": "Checkout payment failed",
    "checkout.session.expired": "Checkout expired",
}


# A completed session whose payment is still to come says so.
PAYMENT_STATUS = {
    "unpaid": "Not paid yet: the payment method takes time",
    "no_payment_required": "No payment required",
}


@integration.handles(*CHECKOUT_STATES)
def on_checkout(payload: Payload, delivery: Delivery) -> Message:
    """How the customer's visit to Checkout ended, the amount; whether it is paid, who paid,
    and the payment, subscription or invoice it made, linked."""
    event = event_of(payload)
    session = event.object
    details = session["customer_details"]
    status = text_of(session["payment_status"])
    unpaid = delivery.event == "checkout.session.completed" and status in PAYMENT_STATUS
    made = [
        ("Subscription", id_of(session["subscription"]), "subscription"),
        ("Payment", id_of(session["payment_intent"]), "payment_intent"),
        ("Invoice", id_of(session["invoice"]), "invoice"),
    ]
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(
            event,
            CHECKOUT_STATES[delivery.event],
            amount(session, "amount_total"),
        ),
        facts(
            md("{}").format(PAYMENT_STATUS[status or ""]) if unpaid else None,
            person(
                delivery,
                text_of(details["name"]),
                text_of(details["email"]) or text_of(session["customer_email"]),
            ),
            *(
                md("{what} {link}").format(what=what, link=event.linked(found, kind))
                for what, found, kind in made
                if found
            ),
        ),
    )
