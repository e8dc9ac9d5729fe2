"""The Opsgenie webhook, declared once: events, the secret header, options and noise guards.

Opsgenie posts one JSON body per alert action and names the action in the
body's ``action``: ``Create``, ``Acknowledge``, ``Close``... A custom action
(a button a team adds to its alerts) arrives under its own name, which no
list can hold, so every action Opsgenie does not define is the event
``CustomAction``; ``only_events``/``exclude_events`` also know it by its own
name, as Zulip's integration does.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.common.monitoring import ignore_resolved, min_priority, only_named
from integrations.core import (
    BadPayload,
    Delivery,
    DerivedEvent,
    FlagOption,
    PatternsOption,
    Payload,
    TokenHeader,
    WebhookIntegration,
    WebhookRequest,
)
from integrations.webhooks.opsgenie.readers import rank_of, tags_of

# The alert actions Opsgenie documents for its webhook integration, by the
# name it sends in ``action``.
ACTIONS = (
    "Create",
    "Acknowledge",
    "UnAcknowledge",
    "AddNote",
    "Close",
    "Delete",
    "AddRecipient",
    "AddTeam",
    "AssignOwnership",
    "TakeOwnership",
    "Escalate",
    "AddTags",
    "RemoveTags",
    "UpdatePriority",
    "UpdateMessage",
    "UpdateDescription",
    "Snooze",
    "SnoozeEnded",
    "AddResponder",
    "AddDetails",
    "RemoveDetails",
    "EscalateToNext",
)
CUSTOM = "CustomAction"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """The action, or ``CustomAction`` for one Opsgenie does not define."""
    node = payload["action"]
    action = node.string()
    if not action.strip():
        raise BadPayload(node.path, "expected the action's name, got an empty string")
    return action if action in ACTIONS else CUSTOM


def zulip_names(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """A custom action is also known by its own name (``TestAction``), as in Zulip."""
    if delivery.event == CUSTOM:
        yield payload["action"].string()


EU_REGION = FlagOption(
    "eu_region",
    help="Link to Opsgenie's EU site, app.eu.opsgenie.com, instead of app.opsgenie.com.",
)
TOPIC_PER_ALERT = FlagOption(
    "topic_per_alert",
    help="Give each alert its own topic (#23: message) instead of the integration's name.",
)
TAGS = PatternsOption(
    "tags",
    help="Post only alerts with one of these tags (* wildcards); payloads without tags pass.",
    placeholder="production,db-*",
)


def closed(payload: Payload, delivery: Delivery) -> bool:
    return delivery.event == "Close"


def priority_of(payload: Payload, delivery: Delivery) -> int | None:
    return rank_of(payload["alert"]["priority"])


def tags(payload: Payload, delivery: Delivery) -> tuple[str, ...] | None:
    return tags_of(payload["alert"], strict=False)


integration = WebhookIntegration(
    name="opsgenie",
    display_name="Opsgenie",
    description="Opsgenie alerts as they are opened, acknowledged, escalated, noted and closed.",
    categories=["monitoring"],
    events=DerivedEvent(
        "the payload's `action`; an action Opsgenie does not define is a custom action",
        event_of,
        in_payload=True,
    ),
    # Opsgenie signs nothing, but sends the custom headers its webhook is given.
    signature=TokenHeader("X-Zulip-Webhook-Secret"),
    options=[EU_REGION, TOPIC_PER_ALERT],
    guards=[
        ignore_resolved(closed, help="Post nothing when an alert is closed."),
        min_priority(priority_of),
        only_named(TAGS, tags),
    ],
    filter_names=zulip_names,
)
