"""Charges, their refunds and their disputes.

A charge is one attempt to move money from a customer; Stripe's older
integrations create them directly, newer ones through a payment intent
(``payments``), and both send the charge events. Refunds and disputes have
topics of their own, as in Zulip's Stripe integration: ``refunds`` and
``disputes``.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import Event, event_of, id_of, integer_of, text_of
from integrations.webhooks.stripe.text import (
    amount,
    clipped,
    described,
    facts,
    headline,
    person,
    told,
    topic_of,
    when,
    words,
)

# Card brands and payment methods as their owners write them (Stripe sends ``mastercard``).
BRANDS = {
    "visa": "Visa",
    "mastercard": "Mastercard",
    "amex": "American Express",
    "american express": "American Express",
    "discover": "Discover",
    "diners": "Diners Club",
    "jcb": "JCB",
    "unionpay": "UnionPay",
    "cartes_bancaires": "Cartes Bancaires",
    "eftpos_au": "eftpos",
    "interac": "Interac",
}
METHODS = {
    "ach_credit_transfer": "ACH credit transfer",
    "ach_debit": "ACH debit",
    "us_bank_account": "ACH Direct Debit",
    "sepa_debit": "SEPA Direct Debit",
    "bacs_debit": "Bacs Direct Debit",
    "au_becs_debit": "BECS Direct Debit",
    "acss_debit": "pre-authorized debit",
    "customer_balance": "bank transfer",
    "ideal": "iDEAL",
    "p24": "Przelewy24",
    "paypal": "PayPal",
    "wechat_pay": "WeChat Pay",
    "cashapp": "Cash App Pay",
    "afterpay_clearpay": "Afterpay",
}

CHARGE_STATES = {
    "charge.succeeded": "Charge succeeded",
    "charge.failed": "Charge failed",
    "charge.pending": "Charge pending",
    "charge.captured": "Charge captured",
    "charge.expired": "Uncaptured charge expired",
    "charge.refunded": "Charge refunded",
}


def payment_method(charge: Payload) -> Markdown | None:
    """How the customer paid: ``Visa credit card``, ``sepa debit``; never the card's number.

    Newer versions say it in ``payment_method_details``, older ones in the
    charge's ``source`` (a card, or a source of some ``type`` that keeps its
    details under that type), the oldest (before 2015) in its ``card``,
    whose brand was its ``type`` before mid-2014.
    """
    details = charge["payment_method_details"]
    kind = text_of(details["type"])
    card = details["card"]
    if kind is None:
        source = charge["source"] if charge["source"].exists() else charge["card"]
        kind_of_source = text_of(source["object"])
        if kind_of_source in ("card", "bank_account"):
            kind, card = kind_of_source, source
        else:
            kind = text_of(source["type"])
            card = source[kind] if kind else source
    if kind != "card":
        return md("{}").format(METHODS.get(kind, words(kind))) if kind else None
    brand = text_of(card["brand"]) or text_of(card["type"])
    funding = text_of(card["funding"])
    parts = [
        BRANDS.get(brand.lower(), brand) if brand else None,
        funding if funding != "unknown" else None,
        "card",
    ]
    return md("{}").format(" ".join(part for part in parts if part))


def payer(charge: Payload, delivery: Delivery) -> Markdown | None:
    billing = charge["billing_details"]
    source = charge["source"]
    name = (
        text_of(billing["name"])
        or text_of(source["name"])
        or text_of(source["owner"]["name"])
        or text_of(charge["card"]["name"])
    )
    email = text_of(charge["receipt_email"]) or text_of(billing["email"])
    return person(delivery, name, email)


def failure(node: Payload) -> Markdown | None:
    """Why a payment failed, in Stripe's words, with its code."""
    message = text_of(node["failure_message"]) or text_of(node["outcome"]["seller_message"])
    code = text_of(node["failure_code"]) or text_of(node["outcome"]["reason"])
    if message and code:
        return md("Failed: {message} ({code})").format(message=clipped(message), code=code)
    if message or code:
        return md("Failed: {}").format(clipped(message or code or ""))
    return None


def risk(charge: Payload) -> Markdown | None:
    level = text_of(charge["outcome"]["risk_level"])
    return md("Risk: {}").format(level) if level in ("elevated", "highest") else None


def refunded(charge: Payload) -> Markdown | None:
    part = integer_of(charge["amount_refunded"])
    whole = integer_of(charge["amount"])
    if not part:
        return None
    if whole is not None and part < whole:
        return md("{} refunded").format(amount(charge, "amount_refunded"))
    return Markdown("refunded in full")


def charge_state(charge: Payload, event_type: str) -> str:
    """``Charge partly refunded`` only when the charge says a part of it was: a charge that
    does not say how much is simply refunded."""
    if event_type == "charge.refunded":
        part = integer_of(charge["amount_refunded"])
        whole = integer_of(charge["amount"])
        full = charge["refunded"].exists() and charge["refunded"].raw() is True
        if not full and part and whole is not None and part < whole:
            return "Charge partly refunded"
    return CHARGE_STATES[event_type]


@integration.handles(*CHARGE_STATES)
def on_charge(payload: Payload, delivery: Delivery) -> Message:
    """The charge's outcome first, then its amount, linked; how and by whom it was paid, what
    it pays (an invoice, a description), and why it failed."""
    event = event_of(payload)
    charge = event.object
    charge_id = text_of(charge["id"])
    failed = failure(charge) if delivery.event == "charge.failed" else None
    return told(
        topic_of(event, "charges"),
        headline(
            event,
            charge_state(charge, delivery.event),
            amount(charge),
            event.linked(charge_id, "charge"),
        ),
        facts(
            failed,
            refunded(charge) if delivery.event == "charge.refunded" else None,
            payment_method(charge),
            payer(charge, delivery),
            described(delivery, charge["description"]),
            md("Invoice {}").format(event.linked(id_of(charge["invoice"]), "invoice"))
            if id_of(charge["invoice"])
            else None,
            risk(charge),
        ),
    )


integration.ignores(
    "charge.updated",
    reason="A charge's description or metadata changed, or its balance transaction was"
    " attached: bookkeeping after the charge's own events, which say what matters.",
)


# Refunds --------------------------------------------------------------------

REFUND_STATES = {
    "succeeded": "Refund succeeded",
    "pending": "Refund pending",
    "failed": "Refund failed",
    "canceled": "Refund canceled",
    "requires_action": "Refund needs action",
}


def refund_state(event: Event, event_type: str) -> str:
    if event_type == "refund.created":
        return "Refund issued"
    if event_type == "refund.failed":
        return "Refund failed"
    return REFUND_STATES.get(text_of(event.object["status"]) or "", "Refund updated")


@integration.handles("charge.refund.updated", "refund.created", "refund.updated", "refund.failed")
def on_refund(payload: Payload, delivery: Delivery) -> Message:
    """The refund's state first, then its amount, linked, and the payment it refunds; why it
    was made, and why it failed."""
    event = event_of(payload)
    refund = event.object
    paid = id_of(refund["charge"]) or id_of(refund["payment_intent"])
    reason = text_of(refund["reason"])
    failed = text_of(refund["failure_reason"])
    return told(
        "refunds",
        headline(
            event,
            refund_state(event, delivery.event),
            amount(refund),
            event.linked(text_of(refund["id"]), "refund"),
        ),
        facts(
            md("Failed: {}").format(words(failed)) if failed else None,
            md("Payment {}").format(event.linked(paid)) if paid else None,
            md("Reason: {}").format(words(reason)) if reason else None,
        ),
    )


# Disputes -------------------------------------------------------------------

NEEDS_EVIDENCE = ("needs_response", "warning_needs_response")
DISPUTE_CLOSED = {"won": "Dispute won", "lost": "Dispute lost"}
DISPUTE_STATES = {
    "charge.dispute.created": "Dispute opened",
    "charge.dispute.updated": "Dispute updated",
    "charge.dispute.funds_withdrawn": "Dispute funds withdrawn",
    "charge.dispute.funds_reinstated": "Dispute funds reinstated",
}


@integration.handles(
    "charge.dispute.created",
    "charge.dispute.updated",
    "charge.dispute.closed",
    "charge.dispute.funds_withdrawn",
    "charge.dispute.funds_reinstated",
)
def on_dispute(payload: Payload, delivery: Delivery) -> Message:
    """What happened to the dispute (opened, won, lost...), its amount, linked; the reason,
    its status, the disputed payment, and when evidence is due."""
    event = event_of(payload)
    dispute = event.object
    status = text_of(dispute["status"])
    if delivery.event == "charge.dispute.closed":
        state = DISPUTE_CLOSED.get(status or "", "Dispute closed")
    else:
        state = DISPUTE_STATES[delivery.event]
    reason = text_of(dispute["reason"])
    paid = id_of(dispute["charge"]) or id_of(dispute["payment_intent"])
    due = when(dispute["evidence_details"]["due_by"]) if status in NEEDS_EVIDENCE else None
    return told(
        "disputes",
        headline(event, state, amount(dispute), event.linked(text_of(dispute["id"]), "dispute")),
        facts(
            md("Reason: {}").format(words(reason)) if reason else None,
            md("Status: {}").format(words(status)) if status else None,
            md("Evidence due by {}").format(due) if due else None,
            md("Payment {}").format(event.linked(paid)) if paid else None,
        ),
    )
