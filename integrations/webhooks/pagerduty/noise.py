"""The noise options, as guards: resolved incidents, low urgency or priority, other services.

Each is read from the URL and applied by the core before any handler runs.
An event that does not say what an option asks about (a note names no
service, an early V1 incident no urgency) is always posted: an option never
hides what it cannot judge. ``ignore_resolved``, ``min_priority`` and the
services filter are the monitoring family's, as in Opsgenie.
"""

from __future__ import annotations

from integrations.common.monitoring import (
    ignore_resolved,
    min_priority,
    only_named,
    priority_rank,
    when_set,
)
from integrations.core import ChoiceOption, Delivery, PatternsOption, Payload
from integrations.webhooks.pagerduty.readers import delivery_of, ref_of

RESOLVED = ("incident.resolved", "incident.resolve")

MIN_URGENCY = ChoiceOption(
    "min_urgency",
    help="high: post only high-urgency incidents (events that do not say are posted).",
    choices=("low", "high"),
    default="low",
)
SERVICES = PatternsOption(
    "services",
    help="Post only events of these PagerDuty services (names, comma-separated, * wildcards).",
    placeholder="Checkout API,Payments*",
)


def resolved(payload: Payload, delivery: Delivery) -> bool:
    return delivery.event in RESOLVED


def low_urgency(payload: Payload, delivery: Delivery, least: str) -> bool:
    return delivery_of(payload).incident.urgency == "low"


def priority_of(payload: Payload, delivery: Delivery) -> int | None:
    return priority_rank(delivery_of(payload).incident.priority)


def service_names(payload: Payload, delivery: Delivery) -> list[str] | None:
    """The service an event is about: a service event's own, or its incident's."""
    event = delivery_of(payload)
    if delivery.event.startswith("service.") and event.data is not None:
        service = ref_of(event.data)
    else:
        service = event.incident.service
    return [service.name] if service else None


GUARDS = (
    ignore_resolved(resolved, help="Post nothing when an incident is resolved."),
    when_set(MIN_URGENCY, low_urgency),
    min_priority(priority_of),
    only_named(SERVICES, service_names),
)
