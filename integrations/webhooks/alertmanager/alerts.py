"""A notification's message: its state and severity, what the alerts say, each alert, the links.

The message opens with the state (firing or resolved) in a coloured circle,
the group's alert name and severity; then the summary and description the
alerts share; then the alerts themselves, one line each, firing before
resolved, at most ``LISTED`` and a count of the rest; then the labels they
share and the links back (runbook, dashboard, silence, Alertmanager).
"""

from __future__ import annotations

from integrations.common.monitoring import (
    RESOLVED_CIRCLE,
    Alert,
    Group,
    badge,
    capitalised,
    circle,
    dotted,
    group_of,
    plural,
    wanted_alerts,
    web_link,
)
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    bullet_list,
    escape,
    global_time,
    md,
)
from integrations.core.bodies import quoted_body
from integrations.webhooks.alertmanager.declaration import DESC, integration
from integrations.webhooks.alertmanager.text import (
    annotation_links,
    graph_url,
    labels_line,
    short,
    silence_url,
)
from integrations.webhooks.alertmanager.topics import topic_of

LISTED = 10  # alerts listed, at most; the rest are counted
BUDGET = 9000  # characters a message aims to stay within (Zulip's limit is 10,000)
DESCRIPTION_CHARACTERS = 1500
SUMMARY_CHARACTERS = 300
TEXT_CHARACTERS = 200  # of an alert's own text, on its line
LABELS_PER_ALERT = 5

# Labels the first line says already.
_SAID = ("alertname", "severity")
# Annotations that describe an alert, in the order they are preferred.
_TEXTS = ("summary", "description", "message")


def text_of_alert(alert: Alert, group: Group, delivery: Delivery) -> str | None:
    """An alert's text on its line: the ``desc`` field, or its own summary or description."""
    chosen = delivery.options[DESC].strip()
    if chosen:
        return alert.field(chosen)
    for key in _TEXTS:
        value = alert.annotations.get(key)
        if value and group.common_annotations.get(key) != value:
            return value
    return None


def alert_line(alert: Alert, group: Group, delivery: Delivery) -> Markdown:
    """One alert: its name and text when not shared, its own labels, since when, its links."""
    common = group.common_labels
    name = alert.labels.get("alertname")
    text = text_of_alert(alert, group, delivery)
    said = escape(short(text, TEXT_CHARACTERS), at_line_start=False) if text else None
    if name and common.get("alertname") != name:
        said = md("{}: {}").format(bold(name), said) if said else bold(name)
    own = [
        (key, value)
        for key, value in alert.labels.items()
        if common.get(key) != value and key != "alertname"
    ]
    started = global_time(alert.starts) if alert.starts else None
    if alert.firing:
        when = [md("since {}").format(started) if started else None]
    else:
        ended = md("resolved {}").format(global_time(alert.ends)) if alert.ends else None
        when = [md("started {}").format(started) if started else None, ended]
    source = "graph" if "/graph" in (alert.source_url or "") else "source"
    facts = dotted(
        [
            *when,
            web_link(source, graph_url(alert.source_url)),
            web_link("silence", alert.silence_url) if alert.firing else None,
            web_link("dashboard", alert.dashboard_url),
            web_link("panel", alert.panel_url),
            *annotation_links(alert.annotations, group.common_annotations),
        ]
    )
    told = [item for item in (said, labels_line(own, LABELS_PER_ALERT)) if item]
    return dotted([*told, facts]) if told else capitalised(facts)


def heading(group: Group, firing: list[Alert], resolved: list[Alert]) -> Markdown:
    """``:red_circle: **Firing**: **HighLatency** · severity **critical** · 2 alerts``."""
    severity = group.common_labels.get("severity")
    if firing:
        state = badge(circle(severity, ":red_circle:"), "Firing")
    else:
        state = badge(RESOLVED_CIRCLE, "Resolved")
    name = group.common_labels.get("alertname") or group.group_labels.get("alertname")
    total = len(firing) + len(resolved)
    counts = (
        f"{len(firing)} firing, {len(resolved)} resolved"
        if firing and resolved
        else plural(total, "alert")
    )
    about = dotted(
        [
            bold(name) if name else None,
            md("severity {}").format(bold(severity)) if severity else None,
            md("{}").format(counts) if total > 1 else None,
        ]
    )
    return state + md(": ") + about if about else state


def listing(lines: list[Markdown], limit: int) -> Markdown:
    """A bulleted list and a blank line: a line right after it would continue its last item."""
    return bullet_list(lines, limit=limit, more="* and {count} more") + md("\n")


def footer(group: Group, firing: list[Alert], resolved: list[Alert]) -> Markdown:
    """The runbook and dashboard links the alerts share, a silence, the sender's page."""
    silence = None
    # Grafana links a silence per alert; resolved alerts need none.
    if firing and not any(alert.silence_url for alert in (*firing, *resolved)):
        matched = firing[0].labels if len(firing) + len(resolved) == 1 else group.common_labels
        silence = web_link("silence", silence_url(group.external_url, matched))
    return dotted(
        [
            *annotation_links(group.common_annotations, {}),
            silence,
            web_link("Grafana" if group.from_grafana else "Alertmanager", group.external_url),
        ]
    )


class Notification:
    """The parts of one message, the alerts' lines written once; ``told(limit)`` lists that many."""

    def __init__(
        self, group: Group, firing: list[Alert], resolved: list[Alert], delivery: Delivery
    ) -> None:
        self.group = group
        self.firing = [alert_line(alert, group, delivery) for alert in firing]
        self.resolved = [alert_line(alert, group, delivery) for alert in resolved]
        self.head = [heading(group, firing, resolved)]
        summary = group.common_annotations.get("summary")
        if summary:
            self.head.append(escape(short(summary, SUMMARY_CHARACTERS)))
        description = group.common_annotations.get("description")
        if description:
            self.head.append(quoted_body(description, limit=DESCRIPTION_CHARACTERS))
        self.tail: list[Markdown] = []
        if group.truncated > 0:
            self.tail.append(
                md("Alertmanager left {} out of this notification (`max_alerts`).").format(
                    plural(group.truncated, "alert")
                )
            )
        shared = [(key, value) for key, value in group.common_labels.items() if key not in _SAID]
        labels = labels_line(shared, 2 * LABELS_PER_ALERT)
        if labels:
            self.tail.append(md("Labels: {}").format(labels))
        links = footer(group, firing, resolved)
        if links:
            self.tail.append(links)

    def told(self, limit: int) -> Markdown:
        parts = list(self.head)
        if len(self.firing) + len(self.resolved) == 1:
            parts += self.firing or self.resolved
        else:
            if self.firing:
                parts.append(listing(self.firing, limit))
            if self.resolved:
                if self.firing:
                    parts.append(badge(RESOLVED_CIRCLE, "Resolved"))
                parts.append(listing(self.resolved, max(limit - len(self.firing), 3)))
        return Markdown("\n").join(part for part in (*parts, *self.tail) if part)


@integration.handles("alerts")
def on_alerts(payload: Payload, delivery: Delivery) -> Message | None:
    """The group's state and severity, the summary and description its alerts share, each alert
    (firing first) with the labels that set it apart, since when and its graph, and links to the
    runbook, a new silence and Alertmanager."""
    group = group_of(payload)
    shown = wanted_alerts(group, delivery)
    if not shown:
        return None
    notification = Notification(
        group,
        [alert for alert in shown if alert.firing],
        [alert for alert in shown if not alert.firing],
        delivery,
    )
    limit = LISTED
    content = notification.told(limit)
    while len(content) > BUDGET and limit > 1:
        limit -= 1
        content = notification.told(limit)
    return Message(topic=topic_of(group, delivery), content=content)
