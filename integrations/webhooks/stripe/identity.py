"""Stripe Identity: checks of a person's identity document, and their outcome.

A verification session asks someone for an identity document (and a selfie,
or an id number); what a team needs in chat is its outcome: verified, or
waiting for the person to try again, with Stripe's reason, or canceled.
What was verified (names, dates of birth, document numbers) is never read:
the Dashboard shows it to the people allowed to see it. A session names
its customer since 2024 (``related_customer``): it lands in their topic.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import event_of, id_of, text_of
from integrations.webhooks.stripe.text import clipped, headline, told, words

NO_CUSTOMER_TOPIC = "identity"

VERIFICATION_STATES = {
    "identity.verification_session.verified": "Identity verified",
    "identity.verification_session.requires_input": "Identity verification needs input",
    "identity.verification_session.canceled": "Identity verification canceled",
}


@integration.handles(*VERIFICATION_STATES)
def on_verification(payload: Payload, delivery: Delivery) -> Message:
    """The session's outcome, the session and what it checks (a document, an id number);
    why the person must try again, in Stripe's words. Never what was verified."""
    event = event_of(payload)
    session = event.object
    session_id = text_of(session["id"])
    kind = text_of(session["type"])
    reason = text_of(session["last_error"]["reason"])
    error = text_of(session["last_error"]["code"])
    customer = id_of(session["related_customer"])
    failed = delivery.event == "identity.verification_session.requires_input"
    return told(
        customer or NO_CUSTOMER_TOPIC,
        headline(
            event,
            VERIFICATION_STATES[delivery.event],
            code(session_id) if session_id else None,
            md("{} check").format(words(kind)) if kind else None,
        ),
        why(reason, error) if failed else None,
    )


def why(reason: str | None, error: str | None) -> Markdown | None:
    """Why the person must try again: Stripe's sentence and its code."""
    if reason and error:
        return md("Reason: {reason} ({code})").format(reason=clipped(reason), code=error)
    if reason or error:
        return md("Reason: {}").format(clipped(reason or words(error or "")))
    return None


integration.ignores(
    "identity.verification_session.created",
    "identity.verification_session.processing",
    "identity.verification_session.redacted",
    reason="A verification started, being processed, or its data erased on request: its"
    " outcome (verified, needing the person again, canceled) is posted.",
)
