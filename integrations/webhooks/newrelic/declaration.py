"""The New Relic webhook, declared once: which payload it is, the secret header, the noise options.

New Relic notifies through a workflow's webhook, whose body is a template
(the ``issue`` event: ``issueUrl``, ``title``, ``state``...). Its older
alert notification channels posted a fixed body in snake_case
(``incident_id``, ``current_state``...), and New Relic's migration of those
channels to workflows keeps producing it: that is the ``legacy_incident``
event. The payload's shape tells them apart; no header names the event.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.common.monitoring import ignore_resolved, only_named, when_set
from integrations.core import (
    ChoiceOption,
    Delivery,
    DerivedEvent,
    PatternsOption,
    Payload,
    TokenHeader,
    WebhookIntegration,
    WebhookRequest,
)
from integrations.webhooks.newrelic.readers import Template

ISSUE = "issue"
LEGACY_INCIDENT = "legacy_incident"
_LEGACY_FIELDS = ("current_state", "incident_id", "condition_name", "event_type")


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """``legacy_incident`` for the alert channels' snake_case body, ``issue`` for the rest."""
    payload.object()  # a template that built a list or a string is refused, saying so
    legacy = any(payload[name].exists() for name in _LEGACY_FIELDS)
    return LEGACY_INCIDENT if legacy else ISSUE


def state_of(payload: Payload, delivery: Delivery) -> str | None:
    """The state as New Relic spells it: ``ACTIVATED``, ``CLOSED``; ``OPEN`` for a legacy one."""
    name = "current_state" if delivery.event == LEGACY_INCIDENT else "state"
    state = Template(payload).text(name)
    return state.upper() if state else None


def zulip_names(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """Zulip's names for a notification, for ``only_events``/``exclude_events``: its state."""
    state = state_of(payload, delivery)
    return [state] if state else []


# New Relic's priorities, highest first; a legacy channel's severities map
# to them as New Relic's own migration of channels does.
PRIORITIES = ("critical", "high", "medium", "low")
_SEVERITIES = {"warning": "high", "info": "low"}


def priority_rank(word: str | None) -> int | None:
    """0 for critical ... 3 for low; None when the payload's word is not one of them."""
    if word is None:
        return None
    word = _SEVERITIES.get(word.strip().lower(), word.strip().lower())
    return PRIORITIES.index(word) if word in PRIORITIES else None


MIN_PRIORITY = ChoiceOption(
    "min_priority",
    help="Leave out issues of a lower priority; notifications without one are posted.",
    choices=("all", "low", "medium", "high", "critical"),
    default="all",
)
POLICIES = PatternsOption(
    "policies",
    help="Post only issues of these alert policies (comma-separated, * wildcards).",
    placeholder="Golden Signals,prod-*",
)


def closed(payload: Payload, delivery: Delivery) -> bool:
    return state_of(payload, delivery) == "CLOSED"


def too_low(payload: Payload, delivery: Delivery, least: str) -> bool:
    name = "severity" if delivery.event == LEGACY_INCIDENT else "priority"
    rank = priority_rank(Template(payload).text(name))
    return rank is not None and rank > PRIORITIES.index(least)


def policies(payload: Payload, delivery: Delivery) -> list[str] | None:
    """The issue's alert policies; None when the payload names none."""
    template = Template(payload)
    return template.texts("alertPolicyNames") + template.texts("policy_name") or None


integration = WebhookIntegration(
    name="newrelic",
    display_name="New Relic",
    description="New Relic issues as they open, are acknowledged and close, with their entities.",
    categories=["monitoring"],
    events=DerivedEvent(
        "the payload's shape: a workflow's issue, or a legacy alert channel's incident",
        event_of,
        in_payload=True,
    ),
    # New Relic signs nothing, but sends the custom headers a webhook is given.
    signature=TokenHeader("X-Zulip-Webhook-Secret"),
    guards=[
        ignore_resolved(
            closed, help="Post nothing when an issue (or a legacy incident) is closed."
        ),
        when_set(MIN_PRIORITY, too_low),
        only_named(POLICIES, policies),
    ],
    filter_names=zulip_names,
)
