"""A notification about a group of Prometheus-style alerts, as Alertmanager and Grafana send it.

Alertmanager's webhook receiver (``version: "4"``) sends one notification
per group of alerts: the group's labels, the labels and annotations all its
alerts share, and every alert with its own. Grafana Alerting's webhook
contact point sends the same shape with more per alert (``silenceURL``,
``dashboardURL``, ``panelURL``, ``imageURL``, ``values``) and an
``orgId``. Both are read here into the same records; everything but the
list of alerts is optional, since versions differ in what they send.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from integrations.common.monitoring.readers import (
    scalar_of,
    strings_of,
    text_of,
    time_of,
    web_address_of,
)
from integrations.core import Payload

FIRING = "firing"
RESOLVED = "resolved"


def number_text(node: Payload) -> str | None:
    """A metric's value as a reader wants it: integers whole, others to 6 significant digits."""
    value = scalar_of(node)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


@dataclass(frozen=True)
class Alert:
    """One alert of a group."""

    status: str
    labels: dict[str, str]
    annotations: dict[str, str]
    starts: datetime | None = None
    ends: datetime | None = None
    source_url: str | None = None  # the rule's graph or page (``generatorURL``)
    silence_url: str | None = None
    dashboard_url: str | None = None
    panel_url: str | None = None
    image_url: str | None = None
    fingerprint: str | None = None
    values: tuple[tuple[str, str], ...] = ()  # Grafana's evaluated values, by query
    value_string: str | None = None

    @property
    def firing(self) -> bool:
        # Anything but "resolved" is treated as firing: it is safer to say too much.
        return self.status != RESOLVED

    @property
    def severity(self) -> str | None:
        return self.labels.get("severity") or None

    def field(self, name: str) -> str | None:
        """A label, or else an annotation, of this name (how Zulip's ``name``/``desc`` read)."""
        return self.labels.get(name) or self.annotations.get(name) or None


def alert_of(node: Payload, group_status: str | None = None) -> Alert:
    """An alert; given ``group_status``, an alert without a status of its own has the group's."""
    values = tuple(
        (key, text)
        for key, value in node["values"].object(default={}).items()
        if (text := number_text(value)) is not None
    )
    return Alert(
        status=(text_of(node["status"]) or group_status)
        if group_status
        else node["status"].string(),
        labels=strings_of(node["labels"]),
        annotations=strings_of(node["annotations"]),
        starts=time_of(node["startsAt"]),
        ends=time_of(node["endsAt"]),
        source_url=web_address_of(node["generatorURL"]),
        silence_url=web_address_of(node["silenceURL"]),
        dashboard_url=web_address_of(node["dashboardURL"]),
        panel_url=web_address_of(node["panelURL"]),
        image_url=web_address_of(node["imageURL"]),
        fingerprint=text_of(node["fingerprint"]),
        values=values,
        value_string=text_of(node["valueString"]),
    )


@dataclass(frozen=True)
class Group:
    """One notification: a group of alerts and what they share."""

    status: str
    alerts: tuple[Alert, ...]
    receiver: str | None = None
    group_labels: dict[str, str] = field(default_factory=dict)
    common_labels: dict[str, str] = field(default_factory=dict)
    common_annotations: dict[str, str] = field(default_factory=dict)
    external_url: str | None = None
    truncated: int = 0  # alerts the sender left out (``max_alerts``)
    from_grafana: bool = False  # Grafana's notifications carry an ``orgId``


def group_of(payload: Payload, *, inherit_status: bool = False) -> Group:
    """The notification; with ``inherit_status``, alerts without a status have the group's.

    Alertmanager's alerts always carry their status, and one without is a
    malformed body; Grafana's contact point is read more leniently.
    """
    status = text_of(payload["status"]) or FIRING
    inherited = status if inherit_status else None
    return Group(
        status=status,
        alerts=tuple(alert_of(node, inherited) for node in payload["alerts"].array()),
        receiver=text_of(payload["receiver"]),
        group_labels=strings_of(payload["groupLabels"]),
        common_labels=strings_of(payload["commonLabels"]),
        common_annotations=strings_of(payload["commonAnnotations"]),
        external_url=web_address_of(payload["externalURL"]),
        truncated=max(payload["truncatedAlerts"].integer(default=0), 0),
        from_grafana=payload["orgId"].exists(),
    )
