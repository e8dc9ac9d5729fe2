"""Grafana's payloads read into records: an alert of Grafana Alerting, a legacy dashboard alert.

Grafana Alerting's notifications are Alertmanager's group of alerts with
more per alert, read by the monitoring family's ``group_of`` (an alert
without a status has the group's). Grafana leaves fields empty rather than
out (``"dashboardURL": ""``), and versions differ in what they send
(``values`` since 9, ``imageURL`` only with screenshots), so everything
but an alert's status is optional here. Legacy dashboard alerts (Grafana 7)
are one rule and its state.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.common.monitoring import (
    Alert,
    scalar_of,
    strings_of,
    text_of,
    web_address,
    web_address_of,
)
from integrations.core import Payload

# The alert names Grafana gives a rule's "no data" and "error" states; the
# rule's own name is then in the ``rulename`` label.
NO_DATA = "DatasourceNoData"
ERROR = "DatasourceError"


def alertname_of(alert: Alert) -> str | None:
    return alert.labels.get("alertname") or None


def rule_of(alert: Alert) -> str | None:
    """The rule's name: for its "no data" and "error" alerts, the rule they are about."""
    name = alertname_of(alert)
    if name in (NO_DATA, ERROR) and alert.labels.get("rulename"):
        return alert.labels["rulename"]
    return name


def links_of(alert: Alert) -> list[tuple[str, str]]:
    """The alert's pages, as (label, address): runbook, dashboard, panel, silence, image."""
    candidates = [
        ("Runbook", web_address(alert.annotations.get("runbook_url"))),
        ("Dashboard", alert.dashboard_url),
        ("Panel", alert.panel_url),
        ("Silence", alert.silence_url),
        ("Image", alert.image_url),
    ]
    return [(label, url) for label, url in candidates if url]


@dataclass(frozen=True)
class Match:
    """A legacy alert's evaluated series: its metric and value (None: no value)."""

    metric: str
    value: str | None


@dataclass(frozen=True)
class LegacyAlert:
    """A dashboard alert of Grafana 7 and earlier: one rule and its state."""

    state: str
    rule: str
    rule_url: str | None
    title: str | None
    message: str
    matches: tuple[Match, ...]
    tags: dict[str, str]
    image_url: str | None

    @property
    def severity(self) -> str | None:
        return self.tags.get("severity") or None


def legacy_alert_of(payload: Payload, state: str) -> LegacyAlert:
    title = text_of(payload["title"])
    # Grafana 4 wrote the two addresses in snake_case, ``rule_url`` and ``image_url``.
    return LegacyAlert(
        state=state,
        rule=text_of(payload["ruleName"]) or untitled(title) or "Grafana alert",
        rule_url=web_address_of(payload["ruleUrl"]) or web_address_of(payload["rule_url"]),
        title=title,
        message=payload["message"].string(default=""),
        matches=tuple(
            Match(node["metric"].string(default="") or "value", value_of(node["value"]))
            for node in payload["evalMatches"].array(default=[])
        ),
        tags=strings_of(payload["tags"]),
        image_url=web_address_of(payload["imageUrl"]) or web_address_of(payload["image_url"]),
    )


def value_of(node: Payload) -> str | None:
    """A matched metric's value as Grafana sent it, every digit kept (``21.573108436586445``)."""
    value = scalar_of(node)
    return None if value is None or isinstance(value, bool) else str(value)


def untitled(title: str | None) -> str | None:
    """A legacy title without the state Grafana puts before it: ``[Alerting] CPU`` is ``CPU``."""
    if not title:
        return None
    if title.startswith("["):
        _, bracket, rest = title.partition("]")
        if bracket and rest.strip():
            return rest.strip()
    return title
