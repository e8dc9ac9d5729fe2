"""What people add to an incident: notes, status updates, priorities, responders.

Notes and status updates are written by people, often in Markdown, and
are quoted as written (mentions made inert). V3 sends these events with a
reference to the incident instead of the incident itself.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.pagerduty.declaration import integration
from integrations.webhooks.pagerduty.readers import Event, delivery_of, ref_of, text_if_any
from integrations.webhooks.pagerduty.text import facts, headline, named, told


def data_of(event: Event) -> Payload:
    return event.data if event.data is not None else Payload({})


def written(event: Event, *fields: str) -> str | None:
    """The first of ``fields`` of the event's data that holds text (V2 keeps it in ``channel``)."""
    data = data_of(event)
    for node in (data, data["channel"]):
        for name in fields:
            text = text_if_any(node[name])
            if text:
                return text
    return None


@integration.handles("incident.priority_updated")
def on_priority_updated(payload: Payload, delivery: Delivery) -> Message:
    """The incident's new priority, and who changed it."""
    event = delivery_of(payload)
    priority = event.incident.priority
    what = (
        md("**Priority** changed to {}").format(bold(priority))
        if priority
        else md("**Priority** removed")
    )
    head = headline(what, event.incident, with_severity=False)
    return told(event, head, facts(event))


@integration.handles("incident.urgency_updated")
def on_urgency_updated(payload: Payload, delivery: Delivery) -> Message:
    """The incident's new urgency (high pages people, low does not), and who changed it."""
    event = delivery_of(payload)
    urgency = event.incident.urgency
    what = (
        md("**Urgency** changed to {}").format(bold(urgency))
        if urgency
        else md("**Urgency** changed")
    )
    head = headline(what, event.incident, with_severity=False)
    return told(event, head, facts(event))


@integration.handles("incident.title_updated")
def on_title_updated(payload: Payload, delivery: Delivery) -> Message:
    """The incident's new title, and who changed it. The topic follows the title, so this
    message opens the incident's new topic."""
    event = delivery_of(payload)
    head = headline(md("**Title changed**"), event.incident, with_severity=False)
    return told(event, head, facts(event, assignees=False))


@integration.handles("incident.annotated", "incident.annotate")
def on_annotated(payload: Payload, delivery: Delivery) -> Message:
    """The note, quoted, and who wrote it."""
    event = delivery_of(payload)
    head = headline(md("**Note added**"), event.incident, with_severity=False)
    note = written(event, "content", "summary", "notes")
    return told(event, head, facts(event, assignees=False), quoted=note)


@integration.handles("incident.status_update_published")
def on_status_update_published(payload: Payload, delivery: Delivery) -> Message:
    """The status update, quoted, and who published it."""
    event = delivery_of(payload)
    head = headline(md("**Status update**"), event.incident, with_severity=False)
    message = written(event, "message")
    return told(event, head, facts(event, assignees=False), quoted=message)


@integration.handles("incident.responder.added")
def on_responder_added(payload: Payload, delivery: Delivery) -> Message:
    """Who was asked to help with the incident (a person, or an escalation policy), by whom,
    and the request's message, quoted."""
    event = delivery_of(payload)
    data = data_of(event)
    responder = ref_of(data["user"]) or ref_of(data["escalation_policy"])
    what = md("**Responder requested**: {}").format(named(responder) if responder else "someone")
    head = headline(what, event.incident, with_severity=False)
    return told(event, head, facts(event, assignees=False), quoted=written(event, "message"))


@integration.handles("incident.responder.replied")
def on_responder_replied(payload: Payload, delivery: Delivery) -> Message:
    """Whether the requested responder accepted or declined to help."""
    event = delivery_of(payload)
    data = data_of(event)
    responder = ref_of(data["user"]) or event.agent
    state = data["state"].string(default=None) or "answered"
    what = bold(f"Responder request {state}") + (
        md(" by {}").format(named(responder)) if responder else Markdown("")
    )
    head = headline(what, event.incident, with_severity=False)
    return told(event, head, md(""), quoted=written(event, "message"))


@integration.handles("incident.role.assigned")
def on_role_assigned(payload: Payload, delivery: Delivery) -> Message:
    """Who now holds which incident role (an Incident Commander, a Scribe...), and who chose
    them."""
    event = delivery_of(payload)
    held: list[Markdown] = []
    for assignment in data_of(event)["incident_role_assignments"].array(default=[]):
        person = ref_of(assignment["assignee"])
        role = assignment["role"]["summary"].string(default=None) or "a role"
        held.append(md("{} as {}").format(named(person) if person else "someone", bold(role)))
    what = md("**Role assigned**: {}").format(Markdown(", ").join(held) if held else "someone")
    head = headline(what, event.incident, with_severity=False)
    return told(event, head, facts(event, assignees=False))


integration.ignores(
    "incident.conference_bridge.updated",
    "incident.custom_field_values.updated",
    "incident.incident_type.changed",
    "incident.service_updated",
    reason="Bookkeeping on the incident's page; the incident's own events say what matters.",
)
integration.ignores(
    "incident.workflow.started",
    "incident.workflow.completed",
    "incident.action_invocation.created",
    "incident.action_invocation.updated",
    "incident.action_invocation.terminated",
    "incident.task.created",
    "incident.task.updated",
    "incident.task.completed",
    reason="Automation and early-access events; accepted so that PagerDuty, which disables a"
    " webhook after three refused deliveries, keeps sending the others.",
)
