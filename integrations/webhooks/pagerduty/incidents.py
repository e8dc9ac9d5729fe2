"""An incident's life: triggered, acknowledged, unacknowledged, resolved, reopened, and who has it.

V3 names these events in the past tense (``incident.triggered``), V1 and V2
in the present (``incident.trigger``); one handler tells both.
"""

from __future__ import annotations

from integrations.common.monitoring import FIRING, RESOLVED, badge
from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.pagerduty.declaration import integration
from integrations.webhooks.pagerduty.readers import delivery_of
from integrations.webhooks.pagerduty.text import facts, headline, named, people, told

ACKNOWLEDGED = Markdown(":eyes:")


@integration.handles("incident.triggered", "incident.trigger")
def on_triggered(payload: Payload, delivery: Delivery) -> Message:
    """The new incident: its urgency and priority, title, service and who is assigned; in V1 and
    V2 the details its trigger sent, quoted."""
    event = delivery_of(payload)
    head = headline(badge(FIRING, "Triggered"), event.incident)
    return told(event, head, facts(event), quoted=event.incident.details)


@integration.handles("incident.acknowledged", "incident.acknowledge")
def on_acknowledged(payload: Payload, delivery: Delivery) -> Message:
    """Who acknowledged the incident, its urgency, service and who is assigned."""
    event = delivery_of(payload)
    head = headline(badge(ACKNOWLEDGED, "Acknowledged"), event.incident)
    return told(event, head, facts(event))


@integration.handles("incident.unacknowledged", "incident.unacknowledge")
def on_unacknowledged(payload: Payload, delivery: Delivery) -> Message:
    """That the incident is open again, unacknowledged (the acknowledgement timed out, or someone
    took it back), and who is assigned."""
    event = delivery_of(payload)
    head = headline(badge(FIRING, "Unacknowledged"), event.incident)
    return told(event, head, facts(event))


@integration.handles("incident.resolved", "incident.resolve")
def on_resolved(payload: Payload, delivery: Delivery) -> Message:
    """Who resolved the incident (or that it resolved itself), and since when it was open; a
    merge into another incident says so."""
    event = delivery_of(payload)
    merged = "merge" in (event.incident.resolve_reason or "")
    what = badge(RESOLVED, "Resolved") + md(" (merged into another incident)" if merged else "")
    head = headline(what, event.incident, with_severity=False)
    return told(event, head, facts(event, assignees=False, since=True))


@integration.handles("incident.reopened")
def on_reopened(payload: Payload, delivery: Delivery) -> Message:
    """Who reopened the resolved incident, its urgency and who is assigned now."""
    event = delivery_of(payload)
    head = headline(badge(FIRING, "Reopened"), event.incident)
    return told(event, head, facts(event))


@integration.handles("incident.reassigned", "incident.assign")
def on_reassigned(payload: Payload, delivery: Delivery) -> Message:
    """Who the incident is assigned to now, and who assigned it."""
    event = delivery_of(payload)
    assignees = event.incident.assignees
    what = md("**Reassigned** to {}").format(people(assignees) if assignees else "nobody")
    return told(event, headline(what, event.incident), facts(event, assignees=False))


@integration.handles("incident.escalated", "incident.escalate")
def on_escalated(payload: Payload, delivery: Delivery) -> Message:
    """Who the incident escalated to, when nobody acknowledged it in time or someone escalated
    it."""
    event = delivery_of(payload)
    assignees = event.incident.assignees
    what = md("**Escalated** to {}").format(people(assignees) if assignees else "the next level")
    return told(event, headline(what, event.incident), facts(event, assignees=False))


@integration.handles("incident.delegated", "incident.delegate")
def on_delegated(payload: Payload, delivery: Delivery) -> Message:
    """The escalation policy the incident was handed to, and who is assigned now."""
    event = delivery_of(payload)
    policy = event.incident.escalation_policy
    what = (
        md("**Delegated** to {}").format(named(policy))
        if policy
        else md("**Delegated** to another escalation policy")
    )
    return told(event, headline(what, event.incident), facts(event))
