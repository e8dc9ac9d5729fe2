"""Metric alerts: a rule's threshold crossed (critical, warning), and back to normal (resolved).

Every message of an alert rule lands in the topic of the rule's name, so the
warning, the critical and the resolution of one incident read as one story.
"""

from __future__ import annotations

from integrations.common.monitoring import RESOLVED_CIRCLE, badge, text_of, time_of
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    code,
    global_time,
    md,
    text_block,
)
from integrations.webhooks.sentry.declaration import integration
from integrations.webhooks.sentry.text import facts, level_badge, titled

DESCRIPTION_CHARACTERS = 1000
_STATES = {"critical": ("fatal", "Critical"), "warning": ("warning", "Warning")}
_TITLE_PREFIXES = ("Resolved: ", "Critical: ", "Warning: ")


def rule_name(payload: Payload) -> str:
    """The alert rule's name; for payloads without it, the title Sentry wrote, less its state."""
    data = payload["data"]
    name = text_of(data["metric_alert"]["alert_rule"]["name"])
    if name:
        return name
    title = text_of(data["description_title"]) or text_of(data["metric_alert"]["title"]) or ""
    for prefix in _TITLE_PREFIXES:
        title = title.removeprefix(prefix)
    return title or "Metric alert"


def told(payload: Payload, heading: Markdown, *, resolved: bool) -> Message:
    """The state, the rule (linked), what it measured, since when, where; the rule is the topic."""
    data = payload["data"]
    incident = data["metric_alert"]
    rule = incident["alert_rule"]
    name = rule_name(payload)
    started = time_of(incident["date_started"]) or time_of(incident["date_detected"])
    closed = time_of(incident["date_closed"]) if resolved else None
    listed = rule["projects"].array(default=[]) or incident["projects"].array(default=[])
    projects = [project for node in listed if (project := text_of(node))]
    environment = text_of(rule["environment"])
    content = md("{heading}: {rule}").format(
        heading=heading, rule=titled(name, text_of(data["web_url"]))
    )
    description = text_of(data["description_text"])
    if description:
        content += md("\n") + text_block(description[:DESCRIPTION_CHARACTERS])
    details = facts(
        [
            md("since {}").format(global_time(started)) if started and not resolved else None,
            md("started {}").format(global_time(started)) if started and resolved else None,
            md("resolved {}").format(global_time(closed)) if closed else None,
            md("project {}").format(Markdown(", ").join(code(p) for p in projects))
            if projects
            else None,
            md("environment {}").format(code(environment)) if environment else None,
        ]
    )
    if details:
        content += md("\n") + details
    return Message(topic=name, content=content)


@integration.handles("metric_alert", action=("critical", "warning", "open"))
def on_metric_alert(payload: Payload, delivery: Delivery) -> Message:
    """The state (critical, warning or open), the rule, what it measured, since when, the
    projects and the environment.
    """
    level, word = _STATES.get(delivery.action, ("error", "Open"))
    return told(payload, level_badge(level, word), resolved=False)


# Sentry's list of metric alert actions said ``closed`` for a while (2024), ``resolved`` since.
@integration.handles("metric_alert", action=("resolved", "closed"))
def on_metric_alert_resolved(payload: Payload, delivery: Delivery) -> Message:
    """That the rule is back to normal (``resolved``, or ``closed`` as some versions say), what
    it measured, and when the incident started and ended.
    """
    return told(payload, badge(RESOLVED_CIRCLE, "Resolved"), resolved=True)
