"""PagerDuty's three webhook versions read into one model: an incident, who acted, and when.

* V3 (webhook subscriptions, today's): ``{"event": {"event_type", "agent",
  "data"}}``; ``data`` is the incident itself, or for notes, status updates
  and responders an object that refers to it;
* V2 (generic V2 webhook extensions): ``{"messages": [{"event",
  "incident", "log_entries"}]}``;
* V1 (retired in 2022, still sent by old set-ups until then):
  ``{"messages": [{"type", "data": {"incident"}}]}``; its later payloads
  carry the incident's ``urgency`` too.

V1 and V2 wrap their message in a list, which PagerDuty documents as always
holding one; the last is the one told, and any before it are named.
Everything beyond the event's name is optional here: each version, and
each event, leaves out different parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from integrations.common.monitoring import scalar_of, text_of, time_of, web_address_of
from integrations.core import Payload

_NUMBERED = re.compile(r"\[#(\d+)\]\s*(.*)\Z", re.DOTALL)


def text_if_any(node: Payload) -> str | None:
    """A field that is text in some payloads and an object in others (a trigger's details)."""
    value = scalar_of(node)
    return (value.strip() or None) if isinstance(value, str) else None


@dataclass(frozen=True)
class Ref:
    """Someone or something PagerDuty names, with its page: a user, a service, a policy."""

    name: str
    url: str | None = None


def ref_of(node: Payload) -> Ref | None:
    """A reference (``summary``, or ``name``/``email`` in V1), or None when it names nothing."""
    name = node["summary"].string(default=None) or node["name"].string(default=None)
    if not name:
        email = node["email"].string(default="")
        name = email.partition("@")[0] or None
    return Ref(name, web_address_of(node["html_url"])) if name else None


def refs_of(nodes: list[Payload]) -> tuple[Ref, ...]:
    found = (ref_of(node) for node in nodes)
    unique: dict[str, Ref] = {}
    for ref in found:
        if ref is not None:
            unique.setdefault(ref.name, ref)
    return tuple(unique.values())


def resolve_reason_of(node: Payload) -> str | None:
    """Why the incident was resolved: V2 documents the text ``"merged"``, V3 an object whose
    ``type`` says it (``merge_resolve_reason``); either may come in either version."""
    if isinstance(scalar_of(node), str):
        return text_of(node)
    return text_of(node["type"])


def says_nobody(assignments: Payload) -> bool:
    """An assignment list that is there and empty: nobody is assigned (absent says nothing)."""
    return assignments.exists() and not assignments.array(default=[])


@dataclass(frozen=True)
class Incident:
    """What a reader needs of an incident, whichever version told it."""

    version: int
    number: int | None = None
    title: str | None = None
    url: str | None = None
    status: str | None = None
    urgency: str | None = None
    priority: str | None = None
    service: Ref | None = None
    assignees: tuple[Ref, ...] = ()
    unassigned: bool = False  # the payload says nobody is assigned (an empty list)
    escalation_policy: Ref | None = None
    created: datetime | None = None
    details: str | None = None
    resolve_reason: str | None = None


@dataclass(frozen=True)
class Event:
    """One PagerDuty event: what happened (as PagerDuty names it), to what, by whom, when."""

    kind: str
    incident: Incident
    agent: Ref | None = None
    at: datetime | None = None
    data: Payload | None = None
    earlier: tuple[tuple[str, int | None], ...] = ()


# V3 --------------------------------------------------------------------


def v3_incident(data: Payload) -> Incident:
    """The incident of a V3 event: ``data`` itself, or the incident ``data`` refers to."""
    if data["type"].string(default="incident") != "incident":
        # Notes, responders... refer to it; a role assignment refers to it in each assignment.
        for node in (data["incident"], data["incident_role_assignments"][0]["incident"]):
            if node.exists():
                return v3_reference(node)
    return Incident(
        version=3,
        number=data["number"].integer(default=None),
        title=text_of(data["title"]),
        url=web_address_of(data["html_url"]),
        status=data["status"].string(default=None),
        urgency=data["urgency"].string(default=None),
        priority=data["priority"]["summary"].string(default=None),
        service=ref_of(data["service"]),
        assignees=refs_of(data["assignees"].array(default=[])),
        unassigned=says_nobody(data["assignees"]),
        escalation_policy=ref_of(data["escalation_policy"]),
        created=time_of(data["created_at"]),
        resolve_reason=resolve_reason_of(data["resolve_reason"]),
    )


def v3_reference(node: Payload) -> Incident:
    """An incident known only by reference: its summary, which may start with ``[#12]``."""
    summary = node["summary"].string(default="") or ""
    numbered = _NUMBERED.match(summary)
    number, title = (int(numbered.group(1)), numbered.group(2)) if numbered else (None, summary)
    return Incident(
        version=3, number=number, title=title.strip() or None, url=web_address_of(node["html_url"])
    )


def v3_delivery(event: Payload) -> Event:
    data = event["data"]
    return Event(
        kind=event["event_type"].string(),
        incident=v3_incident(data),
        agent=ref_of(event["agent"]),
        at=time_of(event["occurred_at"]),
        data=data,
    )


# V2 --------------------------------------------------------------------


def v2_incident(node: Payload, entry: Payload) -> Incident:
    service = node["service"]
    channel = entry["channel"]
    details = text_if_any(channel["details"])
    return Incident(
        version=2,
        number=node["incident_number"].integer(default=None),
        title=text_of(node["title"]) or text_of(node["description"]),
        url=web_address_of(node["html_url"]),
        status=node["status"].string(default=None),
        urgency=node["urgency"].string(default=None),
        priority=node["priority"]["summary"].string(default=None),
        service=ref_of(service),
        assignees=refs_of([item["assignee"] for item in node["assignments"].array(default=[])]),
        unassigned=says_nobody(node["assignments"]),
        escalation_policy=ref_of(node["escalation_policy"]),
        created=time_of(node["created_at"]),
        details=details,
        resolve_reason=resolve_reason_of(node["resolve_reason"]),
    )


def v2_delivery(message: Payload) -> Event:
    entry = message["log_entries"][0]
    node = message["incident"]
    agent = ref_of(entry["agent"]) or ref_of(node["last_status_change_by"])
    return Event(
        kind=message["event"].string(),
        incident=v2_incident(node, entry),
        agent=agent,
        at=time_of(message["created_on"]),
        data=entry,
    )


# V1 --------------------------------------------------------------------


def v1_incident(node: Payload) -> Incident:
    summary = node["trigger_summary_data"]
    subject = text_of(summary["subject"])
    description = text_of(summary["description"])
    assigned = [item["object"] for item in node["assigned_to"].array(default=[])]
    assignees = refs_of(assigned) or refs_of([node["assigned_to_user"]])
    return Incident(
        version=1,
        number=node["incident_number"].integer(default=None),
        title=subject or description,
        url=web_address_of(node["html_url"]),
        status=node["status"].string(default=None),
        urgency=node["urgency"].string(default=None),
        service=ref_of(node["service"]),
        assignees=assignees,
        unassigned=not assignees and says_nobody(node["assigned_to"]),
        escalation_policy=ref_of(node["escalation_policy"]),
        created=time_of(node["created_on"]),
        details=description if subject else None,
    )


def v1_agent(kind: str, node: Payload) -> Ref | None:
    """Who acted: V1 names the resolver and the acknowledgers, and the last to change the state."""
    if kind == "incident.resolve":
        found = ref_of(node["resolved_by_user"])
    elif kind == "incident.acknowledge":
        found = next(
            (
                ref
                for item in reversed(node["acknowledgers"].array(default=[]))
                if (ref := ref_of(item["object"]))
            ),
            None,
        )
    else:
        found = None
    return found or ref_of(node["last_status_change_by"])


def v1_delivery(message: Payload) -> Event:
    kind = message["type"].string()
    node = message["data"]["incident"]
    return Event(
        kind=kind,
        incident=v1_incident(node),
        agent=v1_agent(kind, node),
        at=time_of(message["created_on"]),
        data=node,
    )


# Any version -----------------------------------------------------------


def is_v2(message: Payload) -> bool:
    return "event" in message


def kind_of_message(message: Payload) -> str:
    return message["event" if is_v2(message) else "type"].string()


def number_of_message(message: Payload) -> int | None:
    node = message["incident"] if is_v2(message) else message["data"]["incident"]
    return node["incident_number"].integer(default=None)


def delivery_of(payload: Payload) -> Event:
    """The event a payload carries, in the model, whichever version sent it."""
    if "messages" not in payload:
        return v3_delivery(payload["event"])
    messages = payload["messages"].array()
    if not messages:
        event_name(payload)  # raises, naming the empty list
    last = messages[-1]
    told = v2_delivery(last) if is_v2(last) else v1_delivery(last)
    earlier = tuple(
        (kind_of_message(message), number_of_message(message)) for message in messages[:-1]
    )
    return Event(told.kind, told.incident, told.agent, told.at, told.data, earlier)


def event_name(payload: Payload) -> str:
    """PagerDuty's name for the event: V3's ``event_type``, or the last message's V1/V2 type."""
    if "messages" in payload:
        messages = payload["messages"].array()
        if messages:
            return kind_of_message(messages[-1])
        return payload["messages"][0]["event"].string()  # names the empty list as the problem
    return payload["event"]["event_type"].string()
