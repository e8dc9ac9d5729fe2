"""PagerDuty itself: services created, updated or deleted, and the test event.

These are V3 events; V1 and V2 webhooks only ever told of incidents.
"""

from __future__ import annotations

from integrations.common.monitoring import SEP
from integrations.core import Delivery, Message, Payload, md
from integrations.webhooks.pagerduty.declaration import integration
from integrations.webhooks.pagerduty.readers import delivery_of, ref_of, refs_of
from integrations.webhooks.pagerduty.text import named, people

_VERBS = {"service.created": "created", "service.updated": "updated", "service.deleted": "deleted"}


@integration.handles("service.created", "service.updated", "service.deleted")
def on_service(payload: Payload, delivery: Delivery) -> Message:
    """The service created, updated or deleted, its teams, and who did it."""
    event = delivery_of(payload)
    data = event.data if event.data is not None else payload["event"]["data"]
    service = ref_of(data)
    teams = refs_of(data["teams"].array(default=[]))
    head = md("**Service {verb}**: {service}").format(
        verb=_VERBS[delivery.event], service=named(service) if service else "a service"
    )
    parts = [head]
    if teams:
        parts.append(md("Teams: {}").format(people(teams)))
    if event.agent is not None:
        parts.append(md("By {}").format(named(event.agent)))
    topic = f"Service {service.name}" if service else "PagerDuty services"
    return Message(topic=topic, content=SEP.join(parts))


integration.ignores(
    "service.custom_field_values.updated",
    reason="Bookkeeping on the service's page; accepted so that a subscription to every event"
    " keeps working.",
)


@integration.handles("pagey.ping")
def on_ping(payload: Payload, delivery: Delivery) -> Message:
    """That PagerDuty's test event arrived: the webhook is set up."""
    agent = ref_of(payload["event"]["agent"])
    sent = md(", sent by {}").format(named(agent)) if agent else ""
    content = md("PagerDuty's test event arrived{sent}: this webhook is set up.").format(sent=sent)
    return Message(topic="PagerDuty", content=content)
