"""Payouts to your bank account, and transfers to connected accounts (Stripe Connect).

They are money leaving your Stripe balance, not any customer's: they have
topics of their own, ``payouts`` and ``transfers``.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import event_of, id_of, integer_of, text_of
from integrations.webhooks.stripe.text import (
    amount,
    clipped,
    described,
    facts,
    headline,
    told,
    when,
    words,
)

PAYOUT_STATES = {
    "payout.created": "Payout created",
    "payout.paid": "Payout paid",
    "payout.failed": "Payout failed",
    "payout.canceled": "Payout canceled",
}


def payout_failure(payout: Payload) -> Markdown | None:
    message = text_of(payout["failure_message"])
    code = text_of(payout["failure_code"])
    if message:
        return md("Failed: {}").format(clipped(message) + (f" ({code})" if code else ""))
    return md("Failed: {}").format(words(code)) if code else None


@integration.handles(*PAYOUT_STATES)
def on_payout(payload: Payload, delivery: Delivery) -> Message:
    """What happened to the payout, its amount, linked; when it arrives (or arrived), how
    (instant or standard), and why it failed."""
    event = event_of(payload)
    payout = event.object
    arrival = when(payout["arrival_date"])
    arrives = "Arrived" if delivery.event == "payout.paid" else "Expected"
    method = text_of(payout["method"])
    return told(
        "payouts",
        headline(
            event,
            PAYOUT_STATES[delivery.event],
            amount(payout),
            event.linked(text_of(payout["id"]), "payout"),
        ),
        facts(
            payout_failure(payout) if delivery.event == "payout.failed" else None,
            md("{arrives} {arrival}").format(arrives=arrives, arrival=arrival)
            if arrival and delivery.event in ("payout.created", "payout.paid")
            else None,
            md("{} payout").format(words(method).capitalize()) if method == "instant" else None,
            described(delivery, payout["description"]),
        ),
    )


integration.ignores(
    "payout.updated",
    "payout.reconciliation_completed",
    reason="A payout's metadata changed, or its transactions were reconciled: bookkeeping"
    " after the payout's own events.",
)


@integration.handles("transfer.created", "transfer.reversed")
def on_transfer(payload: Payload, delivery: Delivery) -> Message:
    """The transfer to a connected account, its amount, linked, and the account; for a
    reversal, how much came back."""
    event = event_of(payload)
    transfer = event.object
    destination = id_of(transfer["destination"])
    reversed_amount = integer_of(transfer["amount_reversed"])
    reversal = delivery.event == "transfer.reversed"
    return told(
        "transfers",
        headline(
            event,
            "Transfer reversed" if reversal else "Transfer created",
            amount(transfer),
            event.linked(text_of(transfer["id"]), "transfer"),
        ),
        facts(
            md("{} reversed").format(amount(transfer, "amount_reversed"))
            if reversal and reversed_amount
            else None,
            md("To {}").format(event.linked(destination, "account")) if destination else None,
            described(delivery, transfer["description"]),
        ),
    )


integration.ignores(
    "transfer.updated",
    reason="A transfer's description or metadata changed.",
)
