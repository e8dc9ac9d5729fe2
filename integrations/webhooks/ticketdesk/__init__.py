"""Ticket Desk: the guide's second example, a made-up ticket tracker.

Hello World has a single event; Ticket Desk shows the rest of what a
declaration says, in the guide's "Events, actions and options" page: the
event comes from a header, what happened to a ticket from the payload's
``action``, some events and actions are left out on purpose, and a URL
option changes what the messages say.
"""

from integrations.core import (
    Actions,
    ChoiceOption,
    Delivery,
    HeaderEvent,
    Markdown,
    Message,
    Payload,
    WebhookIntegration,
    bold,
    escape,
    link,
    md,
)
from integrations.core.bodies import quoted_body

# [declaration]
DETAIL = ChoiceOption(
    "detail",
    help="How much a message says: full quotes a new ticket's description, brief does not.",
    choices=("full", "brief"),
    default="full",
)

integration = WebhookIntegration(
    name="ticketdesk",
    display_name="Ticket Desk",
    description="The guide's second example: a ticket tracker with events, actions and options.",
    categories=["misc"],
    events=HeaderEvent("X-TicketDesk-Event"),
    actions=Actions("action"),
    options=[DETAIL],
)
# [/declaration]


# [ticket]
def ticket_topic(ticket: Payload) -> str:
    return f"Ticket #{ticket['id'].integer()}: {ticket['title'].string()}"


def ticket_link(ticket: Payload) -> Markdown:
    number = f"ticket #{ticket['id'].integer()}"
    url = ticket["url"].string(default=None)
    return link(number, url) if url else escape(number)


@integration.handles("ticket", action=("opened", "closed", "reopened"))
def on_ticket(payload: Payload, delivery: Delivery) -> Message:
    """Who opened, closed or reopened the ticket; a new ticket's description, quoted."""
    ticket = payload["ticket"]
    content = md("{who} {action} {ticket}.").format(
        who=bold(payload["actor"]["name"].string()),
        action=delivery.action,
        ticket=ticket_link(ticket),
    )
    description = ticket["description"].string(default="")
    if delivery.action == "opened" and description and delivery.options[DETAIL] == "full":
        content += md("\n\n") + quoted_body(description)
    return Message(topic=ticket_topic(ticket), content=content)


@integration.handles("ticket", action="assigned")
def on_ticket_assigned(payload: Payload, delivery: Delivery) -> Message:
    """Who the ticket is assigned to now."""
    ticket = payload["ticket"]
    content = md("{who} assigned {ticket} to {assignee}.").format(
        who=bold(payload["actor"]["name"].string()),
        ticket=ticket_link(ticket),
        assignee=bold(ticket["assignee"]["name"].string()),
    )
    return Message(topic=ticket_topic(ticket), content=content)


integration.ignores(
    "ticket",
    action=("labeled", "unlabeled"),
    reason="Labels are bookkeeping, mostly done by automations.",
)
# [/ticket]


@integration.handles("comment")
def on_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, quoted, in its ticket's topic."""
    ticket = payload["ticket"]
    content = md("{who} commented on {ticket}:\n\n").format(
        who=bold(payload["actor"]["name"].string()), ticket=ticket_link(ticket)
    ) + quoted_body(payload["comment"]["text"].string())
    return Message(topic=ticket_topic(ticket), content=content)


integration.ignores("ping", reason="Ticket Desk's test delivery only checks the URL answers.")
