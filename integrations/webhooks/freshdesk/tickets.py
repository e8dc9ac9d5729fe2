"""Tickets: opened, and a change of status, priority, agent or group.

Freshdesk reports a change by the numbers of its old and new values
(``{status:{from:4,to:6}}``); the new value is also in the body by name
(``ticket_status``), which is the one to trust for a status an account
added. An automation rule reports only the first change that matched it, so
a message tells one change.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.freshdesk.declaration import integration
from integrations.webhooks.freshdesk.readers import (
    PRIORITIES,
    STATUSES,
    Person,
    agent_of,
    fields_of,
    named,
    requester_of,
    text_of,
    ticket_of,
    trigger_of,
)
from integrations.webhooks.freshdesk.text import (
    person,
    quoted_html,
    requester_line,
    sentence,
    ticket_link,
)


@integration.handles("ticket_created")
def on_ticket_created(payload: Payload, delivery: Delivery) -> Message:
    """Who opened the ticket, its type, priority, status and agent, and its description,
    quoted."""
    node = fields_of(payload)
    ticket = ticket_of(node)
    facts: list[Markdown] = []
    if ticket.type:
        facts.append(md("{}").format(ticket.type))
    if ticket.priority:
        facts.append(md("priority {}").format(bold(ticket.priority)))
    if ticket.status:
        facts.append(md("status {}").format(bold(ticket.status)))
    agent = agent_of(node)
    if agent.name or agent.email:
        facts.append(md("assigned to {}").format(person(agent, "agent", delivery)))
    said = md("{} opened {}").format(
        sentence(person(requester_of(node), "requester", delivery)), ticket_link(ticket)
    )
    said += md(": ") + md(", ").join(facts) + md(".") if facts else md(".")
    said += quoted_html(text_of(node["ticket_description"]), delivery)
    return Message(topic=ticket.topic, content=said)


def changed(payload: Payload, delivery: Delivery, what: Markdown) -> Message:
    """``[Ticket #11](…) <what>.`` and whose ticket it is."""
    node = fields_of(payload)
    ticket = ticket_of(node)
    said = md("{} {}.").format(ticket_link(ticket, capital=True), what)
    requester = requester_line(requester_of(node), delivery)
    return Message(topic=ticket.topic, content=said + md("\n") + requester if requester else said)


def now_and_before(new: str | None, old: str | None, noun: str = "") -> Markdown:
    """``now **Waiting on Customer** (was Resolved)``."""
    now = md("is now {}{}").format(bold(new or "unknown"), md(" ") + noun if noun else md(""))
    return now + md(" (was {})").format(old) if old and old != new else now


@integration.handles("ticket")
def on_ticket(payload: Payload, delivery: Delivery) -> Message:
    """The ticket's status, priority and type, for a rule whose body does not say what fired
    it (it lacks `triggered_event`)."""
    node = fields_of(payload)
    ticket = ticket_of(node)
    facts: list[Markdown] = []
    if ticket.status:
        facts.append(md("status {}").format(bold(ticket.status)))
    if ticket.priority:
        facts.append(md("priority {}").format(bold(ticket.priority)))
    if ticket.type:
        facts.append(md("{}").format(ticket.type))
    what = md("changed: ") + md(", ").join(facts) if facts else md("changed")
    return changed(payload, delivery, what)


@integration.handles("status_changed")
def on_status_changed(payload: Payload, delivery: Delivery) -> Message:
    """The new status and the one before."""
    node = fields_of(payload)
    trigger = trigger_of(node)
    new = text_of(node["ticket_status"]) or named(trigger.new, STATUSES, "status")
    old = named(trigger.old, STATUSES, "status")
    return changed(payload, delivery, now_and_before(new, old))


@integration.handles("priority_changed")
def on_priority_changed(payload: Payload, delivery: Delivery) -> Message:
    """The new priority and the one before."""
    node = fields_of(payload)
    trigger = trigger_of(node)
    new = text_of(node["ticket_priority"]) or named(trigger.new, PRIORITIES, "priority")
    old = named(trigger.old, PRIORITIES, "priority")
    return changed(payload, delivery, now_and_before(new, old, "priority"))


def unassigned(value: str | None) -> bool:
    return value is None or value.lower() in ("", "null", "none", "nil", "0")


@integration.handles("agent_assigned")
def on_agent_assigned(payload: Payload, delivery: Delivery) -> Message:
    """The agent the ticket is assigned to now, or that it is no longer assigned."""
    node = fields_of(payload)
    trigger = trigger_of(node)
    agent = agent_of(node)
    if unassigned(trigger.new) and not (agent.name or agent.email):
        return changed(payload, delivery, md("is no longer assigned to an agent"))
    if not (agent.name or agent.email):
        agent = Person(f"agent {trigger.new}", None)
    return changed(
        payload, delivery, md("is now assigned to {}").format(person(agent, "agent", delivery))
    )


@integration.handles("group_assigned")
def on_group_assigned(payload: Payload, delivery: Delivery) -> Message:
    """The group the ticket is assigned to now, or that it is in no group any more."""
    node = fields_of(payload)
    trigger = trigger_of(node)
    group = text_of(node["ticket_group"])
    if unassigned(trigger.new) and not group:
        return changed(payload, delivery, md("is no longer assigned to a group"))
    name = group or f"group {trigger.new}"
    return changed(payload, delivery, md("is now assigned to the group {}").format(bold(name)))
