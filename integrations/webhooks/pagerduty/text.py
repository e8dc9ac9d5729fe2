"""The pieces of PagerDuty's messages: the topic, the headline, the facts line, people.

Every message about an incident has the same shape, so one can be read at
a glance: a headline with what happened first, then the urgency and
priority, then the incident; a line of who acted, the service and who is
assigned; then any text someone wrote (a note, a status update), quoted.
"""

from __future__ import annotations

from collections.abc import Sequence

from integrations.common.monitoring import SEP, joined, lines, linked, paragraphs
from integrations.core import Markdown, Message, bold, global_time, md
from integrations.core.bodies import quoted_body
from integrations.webhooks.pagerduty.readers import Event, Incident, Ref

PEOPLE_SHOWN = 5
BODY_CHARACTERS = 3000

# How an earlier message of the same V1/V2 delivery is named.
_VERBS = {
    "incident.trigger": "triggered",
    "incident.acknowledge": "acknowledged",
    "incident.unacknowledge": "unacknowledged",
    "incident.resolve": "resolved",
    "incident.assign": "assigned",
    "incident.escalate": "escalated",
    "incident.delegate": "delegated",
    "incident.annotate": "annotated",
}


def named(ref: Ref) -> Markdown:
    """A person, service or policy, linked to its PagerDuty page when there is one."""
    return linked(ref.name, ref.url)


def people(refs: Sequence[Ref]) -> Markdown:
    return joined([named(ref) for ref in refs], PEOPLE_SHOWN)


def incident_name(incident: Incident) -> str:
    if incident.title and incident.number is not None:
        return f"{incident.title} (#{incident.number})"
    if incident.number is not None:
        return f"#{incident.number}"
    return incident.title or "an incident"


def incident_link(incident: Incident) -> Markdown:
    return linked(incident_name(incident), incident.url)


def topic_of(incident: Incident) -> str:
    """Zulip's topics: ``Incident 3`` for V1 and V2, ``Incident Disk full (#3)`` for V3.

    Every event of an incident carries its number and title, so trigger,
    acknowledgement and resolution share the topic; notes, status updates
    and responder requests carry only a reference, whose title PagerDuty
    may or may not prefix with the number.
    """
    if incident.version < 3 and incident.number is not None:
        return f"Incident {incident.number}"
    if incident.title or incident.number is not None:
        return f"Incident {incident_name(incident)}"
    return "PagerDuty incidents"


def severity(incident: Incident) -> list[Markdown]:
    """The urgency and priority, as PagerDuty names them: ``high urgency``, ``P1``."""
    parts: list[Markdown] = []
    if incident.urgency:
        parts.append(md("{} urgency").format(incident.urgency))
    if incident.priority:
        parts.append(bold(incident.priority))
    return parts


def headline(what: Markdown, incident: Incident, *, with_severity: bool = True) -> Markdown:
    """What happened, then how severe the incident is, then the incident, linked."""
    return SEP.join([what, *(severity(incident) if with_severity else []), incident_link(incident)])


def facts(
    event: Event,
    *,
    assignees: bool = True,
    since: bool = False,
) -> Markdown:
    """Who acted, the service, who is assigned (and since when the incident is open)."""
    incident = event.incident
    parts: list[Markdown] = []
    # A service that acted on its own incident (a timeout, an API call) is said once.
    if event.agent is not None and event.agent != incident.service:
        parts.append(md("By {}").format(named(event.agent)))
    if incident.service is not None:
        parts.append(md("Service {}").format(named(incident.service)))
    if assignees and incident.assignees:
        parts.append(md("Assigned to {}").format(people(incident.assignees)))
    elif assignees and incident.unassigned:
        parts.append(md("Assigned to nobody"))
    if since and incident.created is not None:
        parts.append(md("Open since {}").format(global_time(incident.created)))
    return SEP.join(parts)


def earlier(event: Event) -> Markdown | None:
    """The messages a V1/V2 delivery held before the one told."""
    if not event.earlier:
        return None
    said = Markdown(", ").join(
        md("{number} {verb}").format(
            number=f"#{number}" if number is not None else "an incident",
            verb=_VERBS.get(kind, kind),
        )
        for kind, number in event.earlier
    )
    return md("Earlier in this delivery: {}.").format(said)


def told(event: Event, head: Markdown, details: Markdown, *, quoted: str | None = None) -> Message:
    """The message every incident event shares: headline, facts, any text, earlier messages."""
    body = quoted_body(quoted, limit=BODY_CHARACTERS)
    content = paragraphs(lines(head, details), body, earlier(event))
    return Message(topic=topic_of(event.incident), content=content)
