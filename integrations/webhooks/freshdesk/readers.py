"""Reading the body a Freshdesk automation rule posts: its event, the ticket and the people.

The body is the JSON the page tells the user to paste into the rule, whose
values are Freshdesk placeholders (``{{ticket.id}}``). Freshdesk fills a
placeholder it has no value for with an empty string, and a rule written
for Zulip's own integration lacks the fields this one added, so everything
but the event and the ticket's number is optional.

``triggered_event`` is Freshdesk's description of what fired the rule, in a
notation of its own that is not JSON: ``{ticket_action:created}``,
``{note_type:private}``, ``{status:{from:4,to:6}}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.core import BadPayload, Payload
from integrations.core.payload import describe

# Freshdesk's default statuses and priorities by the number ``triggered_event``
# gives; a status an account added has a number of its own, above these.
STATUSES = {
    "2": "Open",
    "3": "Pending",
    "4": "Resolved",
    "5": "Closed",
    "6": "Waiting on Customer",
    "7": "Waiting on Third Party",
}
PRIORITIES = {"1": "Low", "2": "Medium", "3": "High", "4": "Urgent"}

_TRIGGER = re.compile(r"\{\s*(?P<name>[A-Za-z_][\w ]*?)\s*:\s*(?P<value>.*?)\s*\}\Z", re.DOTALL)
# The first change only: what follows it (another change, when a rule matched several) is
# left to the body's fields.
_CHANGE = re.compile(r"\{\s*from\s*:\s*(?P<old>[^,{}]*?)\s*,\s*to\s*:\s*(?P<new>[^,{}]*?)\s*\}")
_NOTE_AUTHOR = re.compile(r"\A\s*([^:<>\n]{1,100}?)\s+:\s+(?=\S)")
# What the rule's event names the changes it reports, by Freshdesk's field.
CHANGED = {
    "status": "status_changed",
    "priority": "priority_changed",
    "responder_id": "agent_assigned",
    "group_id": "group_assigned",
}


@dataclass(frozen=True)
class Trigger:
    """What fired the rule: ``ticket_action`` and ``created``, or a change ``from`` ``to``."""

    name: str
    value: str = ""
    old: str | None = None
    new: str | None = None

    @property
    def event(self) -> str:
        """The event's name here: ``ticket_created``, ``private_note``, ``status_changed``..."""
        if self.name == "ticket_action":
            return f"ticket_{self.value}"
        if self.name == "note_type":
            return f"{self.value}_note"
        if self.old is not None or self.new is not None:
            return CHANGED.get(self.name, self.name)
        return self.name


def _plain(value: str) -> str:
    return value.strip().strip("\"'").strip()


UNSAID = Trigger("ticket")


def trigger_of(ticket: Payload) -> Trigger:
    """``triggered_event`` read; a value in another notation is refused, naming it.

    A body without it (one a user wrote without the line) is ``UNSAID``: the
    ticket, with nothing said of what happened to it.
    """
    node = ticket["triggered_event"]
    text = (text_of(node) or "").replace('"', "")
    if not text:
        return UNSAID
    found = _TRIGGER.match(text)
    if not found:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise BadPayload(
            node.path,
            f"expected Freshdesk's {{name:value}}, such as {{note_type:public}}: {shown!r}",
        )
    name = found.group("name").strip().lower().replace(" ", "_")
    value = found.group("value")
    change = _CHANGE.match(value)
    if change:
        return Trigger(name, old=_plain(change.group("old")), new=_plain(change.group("new")))
    return Trigger(name, _plain(value).lower().replace(" ", "_"))


def text_of(node: Payload) -> str | None:
    """A text field; None when it is absent, null, empty, or a placeholder left unfilled.

    A number is read as its text: a rule may leave the quotes off ``{{ticket.id}}``.
    """
    try:
        text = node.string(default=None)
    except BadPayload:
        try:
            text = str(node.integer())
        except BadPayload:
            raise BadPayload(node.path, f"expected text, got {describe(node.raw())}") from None
    if text is None:
        return None
    text = text.strip()
    if not text or (text.startswith("{{") and text.endswith("}}")):
        return None
    return text


@dataclass(frozen=True)
class Ticket:
    number: str
    subject: str | None
    url: str | None
    type: str | None
    status: str | None
    priority: str | None

    @property
    def topic(self) -> str:
        """``#11: Printer on fire``, as Zulip's Freshdesk integration names it."""
        return f"#{self.number}: {self.subject}" if self.subject else f"#{self.number}"


def ticket_of(ticket: Payload) -> Ticket:
    number = text_of(ticket["ticket_id"])
    if number is None:
        raise BadPayload(
            ticket["ticket_id"].path, "expected the ticket's number, but it is missing or empty"
        )
    return Ticket(
        number=number.lstrip("#"),
        subject=text_of(ticket["ticket_subject"]),
        url=text_of(ticket["ticket_url"]),
        type=text_of(ticket["ticket_type"]),
        status=text_of(ticket["ticket_status"]),
        priority=text_of(ticket["ticket_priority"]),
    )


@dataclass(frozen=True)
class Person:
    name: str | None
    email: str | None


def fields_of(payload: Payload) -> Payload:
    """The rule's fields: inside ``freshdesk_webhook``, as Freshdesk's simple webhook and
    Zulip's body put them, or at the top of a body written without it."""
    wrapped = payload["freshdesk_webhook"]
    if wrapped.exists() or not payload["ticket_id"].exists():
        return wrapped
    return payload


def requester_of(ticket: Payload) -> Person:
    """The requester, under the names Zulip's body and Freshdesk's simple webhook give them."""
    for prefix in ("requester_", "ticket_requester_", "ticket_contact_"):
        person = Person(text_of(ticket[prefix + "name"]), text_of(ticket[prefix + "email"]))
        if person.name or person.email:
            return person
    return Person(None, None)


def agent_of(ticket: Payload) -> Person:
    """The agent the ticket is assigned to, where the rule's body sends it."""
    return Person(text_of(ticket["ticket_agent_name"]), text_of(ticket["ticket_agent_email"]))


@dataclass(frozen=True)
class Note:
    author: str | None
    html: str


def note_of(text: str) -> Note:
    """``{{ticket.latest_private_comment}}``: ``Ann Lee : <div>the note</div>``."""
    author = _NOTE_AUTHOR.match(text)
    if author is None:
        return Note(None, text)
    return Note(author.group(1).strip(), text[author.end() :])


def named(value: str | None, names: dict[str, str], kind: str) -> str | None:
    """A status or priority by name: Freshdesk's own for its numbers, ``status 9`` for others."""
    if value is None or value.lower() in ("", "null", "none", "nil"):
        return None
    if value.isdigit():
        return names.get(value, f"{kind} {value}")
    return value
