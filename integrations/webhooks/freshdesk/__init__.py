"""Freshdesk: the tickets of a help desk, from the automation rules that post them.

Freshdesk posts what an automation rule's **Trigger webhook** action is
given: a body the user pastes, of Freshdesk placeholders. ``declaration``
reads its ``triggered_event`` as the event (``{note_type:private}`` is
``private_note``); ``readers`` reads the body; importing the handler modules
registers their handlers, in the order the documentation lists them.
"""

# isort: off
from integrations.webhooks.freshdesk.declaration import integration
from integrations.webhooks.freshdesk import tickets, notes, others

# isort: on

__all__ = ["integration", "notes", "others", "tickets"]
