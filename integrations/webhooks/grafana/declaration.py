"""The Grafana webhook, declared once: which payload version, its state, the noise options.

The noise options (``ignore_resolved``, ``min_severity``, ``labels``) are
the monitoring family's for groups of alerts, which Alertmanager's takes
too; a legacy alert is one alert, its tags its labels, back to ``ok``
resolved.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.common.monitoring import Labelled, alert_guards, group_of, strings_of
from integrations.core import (
    Actions,
    Delivery,
    DerivedEvent,
    HmacSignature,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)

ALERT = "alert"
LEGACY_ALERT = "legacy_alert"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """Grafana Alerting (8 and later) sends a list of ``alerts``; dashboard alerts (7) do not."""
    return ALERT if "alerts" in payload else LEGACY_ALERT


def zulip_names(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """Zulip's names for a delivery, for ``only_events``/``exclude_events``: the state itself."""
    return [delivery.action] if delivery.action else []


def alerts_of(payload: Payload, delivery: Delivery) -> Iterable[Labelled]:
    """Each alert's labels and whether it fires, for the noise guards."""
    if delivery.event == LEGACY_ALERT:
        return [(strings_of(payload["tags"]), delivery.action != "ok")]
    group = group_of(payload, inherit_status=True)
    return [(alert.labels, alert.firing) for alert in group.alerts]


integration = WebhookIntegration(
    name="grafana",
    display_name="Grafana",
    description="Grafana alerts, firing and resolved, with their labels, values and links.",
    categories=["monitoring"],
    events=DerivedEvent(
        "the payload's shape: alerts (Grafana Alerting) or a single rule's state (legacy)",
        event_of,
        in_payload=True,
    ),
    actions=Actions(
        per_event={ALERT: "status", LEGACY_ALERT: "state"},
        when_missing={ALERT: "firing"},
    ),
    # Grafana 12 and later sign the body when the contact point has an HMAC
    # secret (and no timestamp header): bare hex, in this header by default.
    signature=HmacSignature("X-Grafana-Alerting-Signature", "sha256"),
    guards=alert_guards(alerts_of),
    filter_names=zulip_names,
)
