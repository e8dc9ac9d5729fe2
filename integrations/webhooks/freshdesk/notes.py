"""Notes: public ones, which the requester sees in the portal, and private ones, for agents."""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, bold, md
from integrations.webhooks.freshdesk.declaration import integration
from integrations.webhooks.freshdesk.readers import (
    fields_of,
    note_of,
    requester_of,
    text_of,
    ticket_of,
)
from integrations.webhooks.freshdesk.text import (
    hidden,
    quoted_html,
    requester_line,
    sentence,
    ticket_link,
)

KINDS = {
    "public_note": md("a **public note** (the requester sees it)"),
    "private_note": md("a **private note** (agents only)"),
}
# The placeholder that holds the note, in the body the page gives.
FIELDS = {
    "public_note": "ticket_latest_public_comment",
    "private_note": "ticket_latest_private_comment",
}


@integration.handles("public_note", "private_note")
def on_note(payload: Payload, delivery: Delivery) -> Message:
    """Who added a public or a private note, marked as such, and the note, quoted, where the
    rule's body sends it."""
    node = fields_of(payload)
    ticket = ticket_of(node)
    kind = KINDS[delivery.event]
    text = text_of(node[FIELDS[delivery.event]])
    note = note_of(text) if text else None
    if note and note.author and not hidden(delivery):
        said = md("{} added {} to {}").format(bold(note.author), kind, ticket_link(ticket))
    else:
        said = sentence(md("{} was added to {}").format(kind, ticket_link(ticket)))
    quoted = quoted_html(note.html if note else None, delivery)
    said += (md(":") + quoted + md("\n")) if quoted else md(".")
    requester = requester_line(requester_of(node), delivery)
    return Message(topic=ticket.topic, content=said + md("\n") + requester if requester else said)
