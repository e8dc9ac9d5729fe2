"""The Alertmanager webhook, declared once: one kind of notification, Zulip's options, noise guards.

Alertmanager's webhook receiver sends no event header and one shape of
body: a group of alerts. Zulip's own integration takes two URL options,
kept here with their meaning: ``name``, the label (or annotation) whose
value is the topic, and ``desc``, the one that describes each alert. The
noise options (``ignore_resolved``, ``min_severity``, ``labels``) are the
monitoring family's for groups of alerts, which Grafana's takes too.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.common.monitoring import Labelled, alert_guards, group_of
from integrations.core import Delivery, Payload, SingleEvent, TextOption, WebhookIntegration

NAME = TextOption(
    "name",
    help="The label or annotation whose value names the topic, as in Zulip's own integration.",
    default="instance",
    placeholder="instance",
)
DESC = TextOption(
    "desc",
    help="The label or annotation that describes each alert (default: its summary or description).",
    placeholder="alertname",
)


def alerts_of(payload: Payload, delivery: Delivery) -> Iterable[Labelled]:
    """Each alert's labels and whether it fires, for the noise guards."""
    return [(alert.labels, alert.firing) for alert in group_of(payload).alerts]


integration = WebhookIntegration(
    name="alertmanager",
    display_name="Prometheus Alertmanager",
    description=(
        "Prometheus Alertmanager notifications: each group's firing and resolved alerts, compactly."
    ),
    categories=["monitoring"],
    events=SingleEvent("alerts"),
    options=[NAME, DESC],
    guards=alert_guards(alerts_of),
)
