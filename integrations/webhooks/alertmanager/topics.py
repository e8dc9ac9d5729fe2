"""A notification's topic: Zulip's ``name`` label when its alerts agree on it, else the group's.

Zulip's own integration posts each alert under the value of its ``name``
label or annotation (``instance`` unless the URL says otherwise). One
notification here is one message, so that value is the topic when every
alert of the notification has the same one, which keeps the topics of a
webhook moved from Zulip. Otherwise (alerts on several instances, or
without that label) the topic is the group's name: the values of the
labels Alertmanager grouped by, the alert's name first, the same for every
notification of the group, firing or resolved.
"""

from __future__ import annotations

from integrations.common.monitoring import Group
from integrations.core import Delivery
from integrations.webhooks.alertmanager.declaration import NAME

FALLBACK = "Alertmanager"


def group_name(group: Group) -> str:
    """``HighLatency / eu-1``: the group's alert name, then its other grouping labels' values."""
    labels = dict(group.group_labels)
    name = labels.pop("alertname", None) or group.common_labels.get("alertname")
    if not name:
        # A sender that leaves commonLabels empty (Grafana OnCall's demo alert) still
        # names its alerts; one name they share is the group's.
        shared = {alert.labels.get("alertname") for alert in group.alerts}
        name = shared.pop() if len(shared) == 1 else None
    parts = [part for part in (name, *labels.values()) if part]
    return " / ".join(parts) or group.receiver or FALLBACK


def topic_of(group: Group, delivery: Delivery) -> str:
    field = delivery.options[NAME].strip() or NAME.default
    values = {alert.field(field) for alert in group.alerts}
    if len(values) == 1:
        (value,) = values
        if value:
            return value
    return group_name(group)
