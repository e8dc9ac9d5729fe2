"""Legacy alert channel notifications: an incident opened, acknowledged or closed.

New Relic's alert notification channels posted a fixed snake_case body.
Channels moved to workflows keep sending it from a template New Relic
wrote for them, where ``current_state`` holds a workflow state (``ACTIVATED``)
and ``incident_id`` the issue's id.
"""

from __future__ import annotations

from integrations.common.monitoring import (
    Fact,
    headed,
    headline,
    joined,
    linked,
    links,
    text,
    web_address,
)
from integrations.core import (
    BadPayload,
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    duration,
    global_time,
    link,
    md,
)
from integrations.core.bodies import quoted_body
from integrations.webhooks.newrelic.declaration import LEGACY_INCIDENT, integration
from integrations.webhooks.newrelic.readers import Template
from integrations.webhooks.newrelic.text import template_note

STATES = {
    "OPEN": "Opened",
    "ACKNOWLEDGED": "Acknowledged",
    "CLOSED": "Closed",
    "CREATED": "Opened",
    "ACTIVATED": "Activated",
}
STILL_OPEN = {"OPEN", "CREATED", "ACTIVATED"}
EXPECTED = ("current_state", "severity", "incident_id", "incident_url", "condition_name")
TARGETS_SHOWN = 5


def topic_of(template: Template) -> str:
    """``Incident 5678: High CPU``: keyed on the incident, so its updates share a topic."""
    number = template.text("incident_id")
    condition = template.text("condition_name") or template.text("policy_name")
    if number and not number.isdigit():
        number = number[:8]  # a workflow issue's UUID: its start is enough
    if number:
        return f"Incident {number}: {condition}" if condition else f"Incident {number}"
    return condition or "New Relic incident alerts"


def targets_of(template: Template) -> Markdown:
    """The targets' names, linked, with their type: ``[web-01](...) (Host)``."""
    try:
        items = template.payload["targets"].array(default=[])
    except BadPayload:
        return md("")
    shown: list[Markdown] = []
    for item in items[:TARGETS_SHOWN]:
        target = Template(item)
        name = target.text("name")
        if not name:
            continue
        url = target.text("link")
        kind = target.text("type")
        entry = linked(name, url)
        shown.append(entry + md(" ({})").format(kind) if kind and kind != "N/A" else entry)
    return joined(shown, more=max(len(items) - TARGETS_SHOWN, 0))


def facts_of(template: Template, state: str) -> list[Fact]:
    facts: list[Fact] = []
    details = template.text("details")
    condition = template.text("condition_name")
    if details and condition:
        facts.append(("Condition", text(condition)))
    policy = template.text("policy_name")
    if policy:
        policy_url = template.text("policy_url")
        facts.append(("Policy", link(policy, policy_url) if policy_url else text(policy)))
    targets = targets_of(template)
    if targets:
        facts.append(("Targets", targets))
    account = template.text("account_name")
    if account:
        facts.append(("Account", text(account)))
    moment = template.time("timestamp")
    if moment:
        facts.append(("At", global_time(moment)))
    took = template.count("duration")
    if state == "CLOSED" and took:
        facts.append(("Open for", md("{}").format(duration(took / 1000))))
    pages = [
        (label, url)
        for label, field in (("Runbook", "runbook_url"), ("Chart", "violation_chart_url"))
        if (url := web_address(template.text(field)))
    ]
    acknowledge = web_address(template.text("incident_acknowledge_url"))
    if state in STILL_OPEN and acknowledge:
        pages.append(("Acknowledge", acknowledge))
    if pages:
        facts.append(("Links", links(pages)))
    return facts


@integration.handles(LEGACY_INCIDENT)
def on_legacy_incident(payload: Payload, delivery: Delivery) -> Message:
    """The incident's state (opened, acknowledged and by whom, closed) and severity, linked;
    its condition, policy, targets and time, with links to the runbook, the chart and, while
    it is open, where to acknowledge it."""
    template = Template(payload)
    state = (template.text("current_state") or "").upper()
    owner = template.text("owner")
    acknowledged = state == "ACKNOWLEDGED" and owner and owner.upper() != "N/A"
    what = template.text("details") or template.text("condition_name") or "an incident"
    head = headline(
        bold(STATES.get(state, state.title() or "Update")),
        linked(what, template.text("incident_url")),
        rank=template.text("severity"),
        by=owner if acknowledged else None,
    )
    content = headed(
        head,
        facts_of(template, state),
        quoted_body(template.text("condition_description")),
        template_note(template, template.missing(EXPECTED)),
    )
    return Message(topic=topic_of(template), content=content)
