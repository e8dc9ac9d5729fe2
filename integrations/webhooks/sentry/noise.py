"""Noise control: the URL options that leave some deliveries out, each applied by a guard.

The core asks each guard after routing and before the handler; a guard
reads the payload only when its option is set, so without options nothing
here can fail.
"""

from __future__ import annotations

from integrations.common.monitoring import ignore_resolved, only_named, text_of, when_set
from integrations.core import ChoiceOption, Delivery, PatternsOption, Payload
from integrations.webhooks.sentry.readers import LEVELS, tags_of

MIN_LEVEL = ChoiceOption(
    "min_level",
    help="Post only events, issues and metric alerts of this level or a more severe one.",
    choices=LEVELS,
    default=LEVELS[0],
)
ENVIRONMENTS = PatternsOption(
    "environments",
    help="Post only what happened in these environments (comma-separated, * wildcards).",
    placeholder="production,staging-*",
)

# A metric alert's trigger as a level: critical is the most severe a metric alert gets.
_METRIC_LEVELS = {"critical": "fatal", "warning": "warning"}


def level_of(payload: Payload, delivery: Delivery) -> str | None:
    """The level a delivery is at (an activity alert's is its issue's); None when it has none
    (comments, a resolved metric alert)."""
    event = delivery.event
    if event == "metric_alert":
        return _METRIC_LEVELS.get(delivery.action)
    if event == "event_alert":
        return text_of(payload["data"]["event"]["level"])
    if event == "error":
        return text_of(payload["data"]["error"]["level"])
    if event in ("issue", "activity_alert"):
        return text_of(payload["data"]["issue"]["level"])
    if event == "webhooks_plugin":
        return text_of(payload["level"]) or text_of(payload["event"]["level"])
    return None


def environment_of(payload: Payload, delivery: Delivery) -> str | None:
    """The environment a delivery is about; None when the payload does not say (issues)."""
    event = delivery.event
    if event == "metric_alert":
        return text_of(payload["data"]["metric_alert"]["alert_rule"]["environment"])
    node = {
        "event_alert": payload["data"]["event"],
        "error": payload["data"]["error"],
        "webhooks_plugin": payload["event"],
    }.get(event)
    if node is None:
        return None
    return text_of(node["environment"]) or tags_of(node["tags"]).get("environment")


def _resolved(payload: Payload, delivery: Delivery) -> bool:
    if delivery.event == "metric_alert":
        return delivery.action in ("resolved", "closed")
    return delivery.action == "resolved" and delivery.event == "issue"


def _below_level(payload: Payload, delivery: Delivery, least: str) -> bool:
    """Below the minimum level; without a level, or with one Sentry does not define, it passes."""
    level = level_of(payload, delivery)
    return level in LEVELS and LEVELS.index(level) < LEVELS.index(least)


def _environments(payload: Payload, delivery: Delivery) -> list[str] | None:
    environment = environment_of(payload, delivery)
    return [environment] if environment else None


GUARDS = (
    ignore_resolved(
        _resolved, help="Post nothing when an issue is resolved or a metric alert resolves."
    ),
    when_set(MIN_LEVEL, _below_level),
    only_named(ENVIRONMENTS, _environments),
)
