"""Grafana Alerting (Grafana 8 and later): a notification about a group of alerts.

Grafana groups alerts by the notification policy's labels (by default the
rule's name and folder) and sends the group's alerts, firing and resolved,
in one payload. One alert is told in full; several are listed, firing
first, one line each.
"""

from __future__ import annotations

from integrations.common.monitoring import (
    FIRING,
    RESOLVED,
    Alert,
    Group,
    badge,
    dotted,
    group_of,
    lines,
    linked,
    links,
    paragraphs,
    wanted_alerts,
)
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    code,
    global_time,
    md,
)
from integrations.webhooks.grafana.declaration import ALERT, integration
from integrations.webhooks.grafana.readers import (
    ERROR,
    NO_DATA,
    alertname_of,
    links_of,
    rule_of,
)
from integrations.webhooks.grafana.text import NOT_EVALUATED, annotations_body, first_line, labels

LISTED = 10


def emoji_of(alert: Alert) -> Markdown:
    if not alert.firing:
        return RESOLVED
    return NOT_EVALUATED if alertname_of(alert) in (NO_DATA, ERROR) else FIRING


def state_of(alert: Alert) -> Markdown:
    """What the alert says first: its state, with "no data" and "error" told apart."""
    if not alert.firing:
        word = "Resolved"
    else:
        word = {NO_DATA: "No data", ERROR: "Error"}.get(alertname_of(alert) or "", "Firing")
    return badge(emoji_of(alert), word)


def name_of(alert: Alert, group: Group) -> Markdown:
    """The rule's name, linked to the rule; the group's when the alert has none of its own."""
    name = (
        rule_of(alert)
        or group.common_labels.get("alertname")
        or (f"alert {alert.fingerprint}" if alert.fingerprint else "Alert")
    )
    return bold(linked(name, alert.source_url))


def period(alert: Alert, *, opening: bool = False) -> Markdown | None:
    """Since when the alert fires, or when it fired and resolved."""
    words = ("Since", "Fired", "Resolved") if opening else ("since", "fired", "resolved")
    if not alert.firing and alert.ends is not None:
        if alert.starts is None:
            return md("{word} {end}").format(word=words[2], end=global_time(alert.ends))
        return md("{fired} {start}, resolved {end}").format(
            fired=words[1], start=global_time(alert.starts), end=global_time(alert.ends)
        )
    if alert.starts is None:
        return None
    return md("{word} {start}").format(word=words[0], start=global_time(alert.starts))


def values(alert: Alert) -> Markdown | None:
    if alert.values:
        return Markdown(" ").join(code(f"{key}={value}") for key, value in alert.values)
    return code(alert.value_string) if alert.value_string else None


def told(alert: Alert, group: Group) -> Markdown:
    """One alert in full: state, severity, name, since when, labels, values, links, annotations."""
    head = dotted([state_of(alert), bold(alert.severity or ""), name_of(alert, group)])
    # A "no data" or "error" alert's rule is its name already.
    shown_labels = labels(alert.labels, hide=("alertname", "severity", "rulename"))
    value_text = values(alert)
    details = lines(
        head,
        period(alert, opening=True),
        md("Labels: {}").format(shown_labels) if shown_labels else None,
        md("Values: {}").format(value_text) if value_text else None,
        links(links_of(alert)),
    )
    return paragraphs(details, annotations_body(alert.annotations), left_out(group.truncated))


def listed(alert: Alert, group: Group, same_name: bool) -> Markdown:
    """One alert on one line of a list: its state (by its emoji when its name follows), its
    values, the first line of its summary and of its description."""
    own = labels(alert.labels, hide=set(group.common_labels) | {"alertname", "severity"})
    summary = alert.annotations.get("summary") or ""
    description = alert.annotations.get("description") or ""
    parts = [
        state_of(alert)
        if same_name
        else md("{} {}").format(emoji_of(alert), name_of(alert, group)),
        bold(alert.severity or ""),
        period(alert),
        own,
        values(alert),
        first_line(summary) if summary else None,
        first_line(description) if description and description != summary else None,
        links(links_of(alert)),
    ]
    return md("* ") + dotted(parts)


def left_out(count: int) -> Markdown | None:
    if count <= 0:
        return None
    alerts = "alert" if count == 1 else "alerts"
    return md("Grafana left {count} more {alerts} out of this notification.").format(
        count=count, alerts=alerts
    )


def tally(alerts: list[Alert]) -> Markdown:
    firing = sum(alert.firing for alert in alerts)
    resolved = len(alerts) - firing
    if not firing:
        return badge(RESOLVED, f"{resolved} resolved")
    head = badge(FIRING, f"{firing} firing")
    return head + md(", {} resolved").format(resolved) if resolved else head


def summed_up(alerts: list[Alert], group: Group) -> Markdown:
    """Several alerts: a line with what they share, then one line each, firing first."""
    names = {rule_of(alert) for alert in alerts}
    same_name = len(names) == 1 and None not in names
    shared = labels(group.common_labels, hide=("alertname",))
    head = dotted([tally(alerts), name_of(alerts[0], group) if same_name else None, shared])
    ordered = sorted(alerts, key=lambda alert: not alert.firing)
    items = [listed(alert, group, same_name) for alert in ordered[:LISTED]]
    return paragraphs(head, lines(*items), more(len(ordered) - LISTED, group.truncated))


def more(unlisted: int, truncated: int) -> Markdown | None:
    """How many alerts the list leaves out, counting those Grafana left out of the notification."""
    unlisted = max(unlisted, 0)
    if not unlisted:
        return left_out(truncated)
    if not truncated:
        return md("…and {} more.").format(unlisted)
    return md("…and {total} more ({truncated} of them left out by Grafana).").format(
        total=unlisted + truncated, truncated=truncated
    )


def topic_of(group: Group) -> str:
    """Keyed on the rule, as Zulip names it: ``[High CPU]``, so firing and resolved meet.

    A group of several rules is keyed on what groups them; an alert without
    any name, on its fingerprint.
    """
    names = sorted({name for alert in group.alerts if (name := rule_of(alert))})
    if len(names) == 1:
        return f"[{names[0]}]"
    common = group.common_labels.get("alertname") or group.group_labels.get("alertname")
    if common:
        return f"[{common}]"
    if group.group_labels:
        return "[" + ", ".join(f"{k}={v}" for k, v in group.group_labels.items()) + "]"
    if names:
        return "[" + ", ".join(names) + "]"
    fingerprints = {alert.fingerprint for alert in group.alerts if alert.fingerprint}
    return f"[{fingerprints.pop()}]" if len(fingerprints) == 1 else "Grafana alerts"


@integration.handles(ALERT, action=("firing", "resolved"))
def on_alert(payload: Payload, delivery: Delivery) -> Message | None:
    """One alert in full: its state (firing, resolved, no data, error), severity, name, since
    when, labels, values, the summary and description quoted, and links to the runbook,
    dashboard, panel and silence. Several alerts: one line each (values, summary and
    description), firing first, at most ten."""
    group = group_of(payload, inherit_status=True)
    alerts = wanted_alerts(group, delivery)
    if not alerts:
        return None
    content = told(alerts[0], group) if len(alerts) == 1 else summed_up(alerts, group)
    return Message(topic=topic_of(group), content=content)
