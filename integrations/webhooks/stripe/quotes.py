"""Quotes: an offer of prices to a customer, finalized, then accepted, canceled or expiring.

A quote is drafted by your own team; what follows is the customer's answer
or the clock's, which sales and billing want to see: it lands in the
customer's topic, with the invoice or subscription an accepted quote makes.
"""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import event_of, id_of, text_of
from integrations.webhooks.stripe.text import (
    amount,
    described,
    facts,
    headline,
    told,
    topic_of,
    when,
)

NO_CUSTOMER_TOPIC = "quotes"

QUOTE_STATES = {
    "quote.finalized": "Quote finalized",
    "quote.accepted": "Quote accepted",
    "quote.canceled": "Quote canceled",
    "quote.will_expire": "Quote expiring",
}


@integration.handles(*QUOTE_STATES)
def on_quote(payload: Payload, delivery: Delivery) -> Message:
    """What happened to the quote, its total, and the quote, by its number, linked; when it
    expires, what it says, and the invoice and subscription an accepted quote made."""
    event = event_of(payload)
    quote = event.object
    expires = when(quote["expires_at"])
    open_ = delivery.event in ("quote.finalized", "quote.will_expire")
    invoice = id_of(quote["invoice"])
    subscription = id_of(quote["subscription"])
    return told(
        topic_of(event, NO_CUSTOMER_TOPIC),
        headline(
            event,
            QUOTE_STATES[delivery.event],
            amount(quote, "amount_total"),
            event.linked(text_of(quote["id"]), "quote", text_of(quote["number"])),
        ),
        facts(
            md("Expires {}").format(expires) if expires and open_ else None,
            described(delivery, quote["description"]),
            md("Invoice {}").format(event.linked(invoice, "invoice")) if invoice else None,
            md("Subscription {}").format(event.linked(subscription, "subscription"))
            if subscription
            else None,
        ),
    )


integration.ignores(
    "quote.created",
    reason="A draft quote your own team made: it is posted once finalized and sent.",
)
