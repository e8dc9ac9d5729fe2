"""The Freshdesk webhook, declared once: where its event is, and its option.

Freshdesk has no webhook of its own to subscribe to: an automation rule's
**Trigger webhook** action posts a body the user writes, and the page gives
the one to paste. Its ``triggered_event`` says what fired the rule, in
Freshdesk's own notation; the event is read from it (``{note_type:private}``
is the event ``private_note``). Zulip's integration reads the same body, so
a rule set up for Zulip keeps working; Freshdesk's *Simple* webhook sends
the same wrapper, and a body written without it is read from its top.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.core import (
    Delivery,
    DerivedEvent,
    FlagOption,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)
from integrations.webhooks.freshdesk.readers import fields_of, trigger_of

HIDE_PERSONAL_DATA = FlagOption(
    "hide_personal_data",
    help="Leave out the names and e-mail addresses of requesters and agents, and any e-mail "
    "address in ticket text.",
)


# The events this integration posts; a rule may fire on many more (a type
# changed, a reply sent...), which are all the event ``other``. ``ticket`` is
# a body that does not say what fired the rule.
POSTED = (
    "ticket",
    "ticket_created",
    "status_changed",
    "priority_changed",
    "agent_assigned",
    "group_assigned",
    "public_note",
    "private_note",
)
OTHER = "other"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """The event ``freshdesk_webhook.triggered_event`` names, or ``other``."""
    node = fields_of(payload)
    node.object()  # every field is in it: say so when it is missing
    event = trigger_of(node).event
    return event if event in POSTED else OTHER


def own_name(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """Another event is also known by the name Freshdesk gives it (``ticket_type``)."""
    if delivery.event == OTHER:
        yield trigger_of(fields_of(payload)).event


integration = WebhookIntegration(
    name="freshdesk",
    display_name="Freshdesk",
    description="Freshdesk tickets opened, noted, assigned, and their status and priority.",
    categories=["customer-support"],
    events=DerivedEvent(
        "the `triggered_event` of the body the automation rule posts", event_of, in_payload=True
    ),
    options=[HIDE_PERSONAL_DATA],
    filter_names=own_name,
)
