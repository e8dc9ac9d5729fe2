"""Legacy dashboard alerts (Grafana 7 and earlier, and later versions with legacy alerting on).

Each notification is about one rule and its new state, with the series
that matched (``evalMatches``) and the message the rule's author wrote.
"""

from __future__ import annotations

from integrations.common.monitoring import (
    FIRING,
    RESOLVED,
    SEP,
    badge,
    dotted,
    lines,
    linked,
    paragraphs,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, link, md
from integrations.webhooks.grafana.declaration import LEGACY_ALERT, integration
from integrations.webhooks.grafana.readers import LegacyAlert, legacy_alert_of
from integrations.webhooks.grafana.text import NOT_EVALUATED, labels, prose

MATCHES_SHOWN = 10

STATES = {
    "alerting": badge(FIRING, "Alerting"),
    "ok": badge(RESOLVED, "OK"),
    "no_data": badge(NOT_EVALUATED, "No data"),
    "pending": bold("Pending"),
    "paused": badge(Markdown(":zzz:"), "Paused"),
    "unknown": bold("Unknown"),
}


def matches(alert: LegacyAlert) -> Markdown | None:
    """The series that matched and their values, at most ``MATCHES_SHOWN``."""
    if not alert.matches:
        return None
    shown = SEP.join(
        md("{metric}: {value}").format(
            metric=match.metric, value=code(match.value) if match.value else "no value"
        )
        for match in alert.matches[:MATCHES_SHOWN]
    )
    extra = len(alert.matches) - MATCHES_SHOWN
    return shown + md(" (and {} more)").format(extra) if extra > 0 else shown


def legacy_topic(alert: LegacyAlert) -> str:
    """The rule's name in brackets, ``[CPU load]``, whatever its state: what Grafana Alerting
    topics are keyed on too, so a rule keeps its topic when Grafana is upgraded."""
    return f"[{alert.rule}]"


@integration.handles(
    LEGACY_ALERT, action=("alerting", "ok", "no_data", "pending", "paused", "unknown")
)
def on_legacy_alert(payload: Payload, delivery: Delivery) -> Message:
    """The rule's new state and name, the series that matched with their values, its tags, the
    message its author wrote, quoted, and the panel's image."""
    alert = legacy_alert_of(payload, delivery.action)
    name = bold(linked(alert.rule, alert.rule_url))
    state = STATES.get(alert.state) or bold(alert.state)
    head = dotted([state, bold(alert.severity or ""), name])
    tags = labels(alert.tags, hide=("severity",))
    details = lines(
        head,
        matches(alert),
        md("Tags: {}").format(tags) if tags else None,
        link("Image", alert.image_url) if alert.image_url else None,
    )
    return Message(topic=legacy_topic(alert), content=paragraphs(details, prose(alert.message)))
