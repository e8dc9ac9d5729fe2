"""One message per alert action: what happened first, then the alert and what matters about it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from integrations.common.monitoring import (
    Fact,
    codes,
    headed,
    headline,
    linked,
    scalar_of,
    text,
    text_of,
)
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    bullet_list,
    code,
    duration,
    global_time,
    md,
)
from integrations.core.bodies import quoted_body
from integrations.webhooks.opsgenie.declaration import (
    CUSTOM,
    EU_REGION,
    TOPIC_PER_ALERT,
    integration,
)
from integrations.webhooks.opsgenie.readers import Alert, actor_of, alert_of, listed, priority_of

DETAILS_SHOWN = 10


def topic_of(payload: Payload, alert: Alert, delivery: Delivery) -> str:
    """The Opsgenie integration's name, as Zulip names it; or the alert's own topic."""
    if delivery.options[TOPIC_PER_ALERT]:
        return alert.name
    return text_of(payload["integrationName"]) or "Opsgenie"


def reference(alert: Alert, delivery: Delivery) -> Markdown:
    """``[#23](page) Disk full``: the alert's short id, linked, and its message."""
    url = alert.url(delivery.options[EU_REGION])
    label = f"#{alert.tiny_id}" if alert.tiny_id else "alert"
    shown = linked(label, url)
    return shown + md(" ") + text(alert.message) if alert.message else shown


def age_of(alert: Alert, delivery: Delivery) -> list[Fact]:
    """Since when the alert is open; for one closed, for how long it was."""
    if alert.created is None or delivery.event == "Create":
        return []
    if delivery.event == "Close" and alert.updated and alert.updated > alert.created:
        return [
            ("Open for", md("{}").format(duration((alert.updated - alert.created).total_seconds())))
        ]
    return [("Open since", global_time(alert.created))]


def facts_of(
    alert: Alert, payload: Payload, delivery: Delivery, extra: Sequence[Fact]
) -> list[Fact]:
    """What a reader wants next to the headline: the action's own facts, then the alert's."""
    facts = list(extra)
    if alert.entity:
        facts.append(("Entity", text(alert.entity)))
    if alert.tags:
        facts.append(("Tags", codes(alert.tags)))
    if alert.source and alert.source != actor_of(payload):
        facts.append(("Source", text(alert.source)))
    return facts + age_of(alert, delivery)


def details_of(payload: Payload) -> list[Markdown]:
    """The alert's custom details (Create and custom actions, when the webhook sends them)."""
    details = payload["alert"]["details"].object(default={})
    # Opsgenie keeps details as text; an integration that sent a number or a list is shown as sent.
    return [md("{}: {}").format(bold(key), shown(value)) for key, value in sorted(details.items())]


def shown(value: Payload) -> str:
    scalar = scalar_of(value)
    if scalar is None:
        return json.dumps(value.raw(), ensure_ascii=False) if value.exists() else ""
    return str(scalar)


def alert_message(
    payload: Payload,
    delivery: Delivery,
    state: Markdown,
    extra: Sequence[Fact] = (),
    body: Markdown | None = None,
) -> Message:
    """``**Acknowledged** (P1) by **ann**: [#23](...) Disk full``, the facts listed, the body."""
    alert = alert_of(payload)
    head = headline(state, reference(alert, delivery), rank=alert.priority, by=actor_of(payload))
    content = headed(head, facts_of(alert, payload, delivery, extra), body)
    return Message(topic=topic_of(payload, alert, delivery), content=content)


def description_and_details(payload: Payload) -> Markdown:
    parts = []
    description = quoted_body(payload["alert"]["description"].string(default=None))
    if description:
        parts.append(description)
    details = details_of(payload)
    if details:
        parts.append(
            md("**Details**\n")
            + bullet_list(details, limit=DETAILS_SHOWN, more="[and {count} more details]")
        )
    return md("\n\n").join(parts)


@integration.handles("Create")
def on_create(payload: Payload, delivery: Delivery) -> Message:
    """The new alert, its priority, entity, tags and source; its description and details
    when the webhook is set to send them."""
    return alert_message(payload, delivery, md("**Opened**"), body=description_and_details(payload))


STATES = {
    "Acknowledge": md("**Acknowledged**"),
    "UnAcknowledge": md("**Unacknowledged**"),
    "Close": md("**Closed**"),
    "Delete": md("**Deleted**"),
    "TakeOwnership": md("**Ownership taken**"),
}


@integration.handles(*STATES)
def on_state_change(payload: Payload, delivery: Delivery) -> Message:
    """Who acknowledged, unacknowledged, closed or deleted the alert, or took ownership of it."""
    return alert_message(payload, delivery, STATES[delivery.event])


@integration.handles("AddNote")
def on_add_note(payload: Payload, delivery: Delivery) -> Message:
    """Who added a note, and the note, quoted."""
    note = quoted_body(payload["alert"]["note"].string(default=None))
    return alert_message(payload, delivery, md("**Note added**"), body=note)


@integration.handles("AssignOwnership")
def on_assign_ownership(payload: Payload, delivery: Delivery) -> Message:
    """Who the alert is assigned to now, and by whom."""
    owner = text_of(payload["alert"]["owner"])
    extra = [("Owner", text(owner))] if owner else []
    return alert_message(payload, delivery, md("**Assigned**"), extra)


@integration.handles("AddRecipient", "AddTeam")
def on_add_responder(payload: Payload, delivery: Delivery) -> Message:
    """The recipient or team added to the alert, and by whom."""
    field, label, state = (
        ("recipient", "Recipient", md("**Recipient added**"))
        if delivery.event == "AddRecipient"
        else ("team", "Team", md("**Team added**"))
    )
    added = text_of(payload["alert"][field])
    extra = [(label, text(added))] if added else []
    return alert_message(payload, delivery, state, extra)


@integration.handles("AddTags", "RemoveTags")
def on_tags(payload: Payload, delivery: Delivery) -> Message:
    """The tags added or removed, and by whom."""
    adding = delivery.event == "AddTags"
    changed = listed(payload["alert"]["addedTags" if adding else "removedTags"].string(default=""))
    extra = [("Added" if adding else "Removed", codes(changed))] if changed else []
    state = md("**Tags added**") if adding else md("**Tags removed**")
    return alert_message(payload, delivery, state, extra)


@integration.handles("Escalate")
def on_escalate(payload: Payload, delivery: Delivery) -> Message:
    """Who the alert was escalated to, and by which escalation policy."""
    extra: list[Fact] = []
    notified = payload["escalationNotify"]
    name = text_of(notified["name"])
    if name:
        kind = text_of(notified["entity"])
        extra.append(("To", bold(name) + (md(" ({})").format(kind) if kind else md(""))))
    escalation = text_of(payload["escalationName"])
    if escalation:
        extra.append(("Escalation", text(escalation)))
    return alert_message(payload, delivery, md("**Escalated**"), extra)


@integration.handles("UpdatePriority")
def on_update_priority(payload: Payload, delivery: Delivery) -> Message:
    """The alert's new priority (in the headline) and the one it had, and who changed it."""
    before = priority_of(payload["alert"], "oldPriority")
    extra = [("Was", text(before))] if before else []
    return alert_message(payload, delivery, md("**Priority changed**"), extra)


# Actions Opsgenie defines that say all they need in their headline.
CHANGES = {
    "UpdateMessage": md("**Message changed**"),
    "Snooze": md("**Snoozed**"),
    "SnoozeEnded": md("**Snooze ended**"),
    "AddResponder": md("**Responder added**"),
    "AddDetails": md("**Details added**"),
    "RemoveDetails": md("**Details removed**"),
    "EscalateToNext": md("**Escalated to the next level**"),
}


@integration.handles(*CHANGES)
def on_change(payload: Payload, delivery: Delivery) -> Message:
    """Who changed the alert's message, snoozed it (or saw its snooze end), added a responder,
    added or removed details, or escalated it to the next level."""
    return alert_message(payload, delivery, CHANGES[delivery.event])


@integration.handles("UpdateDescription")
def on_update_description(payload: Payload, delivery: Delivery) -> Message:
    """Who changed the alert's description, and the new description, quoted."""
    description = quoted_body(payload["alert"]["description"].string(default=None))
    return alert_message(payload, delivery, md("**Description changed**"), body=description)


@integration.handles(CUSTOM)
def on_custom_action(payload: Payload, delivery: Delivery) -> Message:
    """Who ran a custom action (or an action Opsgenie added since), named as Opsgenie sends it;
    the alert's description and details when the webhook sends them."""
    action = md("{} **run**").format(code(payload["action"].string()))
    return alert_message(payload, delivery, action, body=description_and_details(payload))
