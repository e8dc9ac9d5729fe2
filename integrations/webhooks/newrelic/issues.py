"""Workflow notifications: one message per issue update, its state and priority first."""

from __future__ import annotations

from integrations.common.monitoring import (
    Fact,
    codes,
    headed,
    headline,
    linked,
    links,
    text,
    web_address,
)
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    duration,
    global_time,
    md,
)
from integrations.core.bodies import quoted_body
from integrations.webhooks.newrelic.declaration import ISSUE, integration
from integrations.webhooks.newrelic.readers import Template
from integrations.webhooks.newrelic.text import custom_fields, template_note

# The fields New Relic's default template and the one on this integration's
# page both have; Zulip's integration expects the same ones.
EXPECTED = (
    "issueUrl",
    "title",
    "priority",
    "totalIncidents",
    "state",
    "createdAt",
    "updatedAt",
    "alertPolicyNames",
    "alertConditionNames",
)
# Zulip's topic for notifications that carry no title.
FALLBACK_TOPIC = "New Relic incident alerts"
STATES = {"CREATED": "Opened", "ACTIVATED": "Activated", "CLOSED": "Closed"}
# The trigger each state comes with anyway; any other is worth saying.
USUAL_TRIGGERS = {"INCIDENT_ADDED", "STATE_CHANGE", "INCIDENT_CLOSED"}
# The lists a message names: label for one, label for several, field.
LISTS = (
    ("Entity", "Entities", "impactedEntities"),
    ("Policy", "Policies", "alertPolicyNames"),
    ("Condition", "Conditions", "alertConditionNames"),
)
ISSUES_PAGE = "https://one.newrelic.com/alerts-ai"
NAMES_SHOWN = 10  # entities, policies or conditions named; the rest are counted


def person(template: Template, name: str) -> str | None:
    """A person's name, or None; New Relic writes ``N/A`` for nobody."""
    who = template.text(name)
    return who if who and who.upper() != "N/A" else None


def issue_head(template: Template, state: str, acknowledger: str | None) -> Markdown:
    """``**Acknowledged** (HIGH) by **Ann**: [title](issue page)``."""
    phrase = "Acknowledged" if acknowledger else STATES.get(state, state.title() or "Update")
    title = template.text("title")
    url = template.text("issueUrl")
    issue = linked(title or "issue", url) if title or url else None
    line = headline(bold(phrase), issue, rank=template.text("priority"), by=acknowledger)
    if issue:
        return line
    # Without the issue's own page, New Relic's list of issues is where to look.
    return line + md(" of an {} the payload does not name").format(linked("issue", ISSUES_PAGE))


def times(template: Template, state: str) -> list[Fact]:
    created = template.time("createdAt")
    updated = template.time("updatedAt")
    facts: list[Fact] = []
    if created:
        facts.append(("Since", global_time(created)))
    if updated and (created is None or int(updated.timestamp()) != int(created.timestamp())):
        facts.append(("Closed" if state == "CLOSED" else "Updated", global_time(updated)))
    if state == "CLOSED" and created and updated and updated > created:
        facts.append(("Open for", md("{}").format(duration((updated - created).total_seconds()))))
    return facts


def facts_of(template: Template, state: str, acknowledger: str | None) -> list[Fact]:
    facts: list[Fact] = []
    owner = person(template, "owner")
    if owner and not acknowledger:
        facts.append(("Acknowledged by", text(owner)))
    for one, several, field in LISTS:
        found = template.texts(field)
        if found:
            facts.append((several if len(found) > 1 else one, codes(found, NAMES_SHOWN)))
    count = template.count("totalIncidents")
    if count is not None:
        facts.append(("Incidents", md("{}").format(count)))
    facts += times(template, state)
    trigger = template.text("trigger")
    if trigger and trigger.upper() not in USUAL_TRIGGERS:
        facts.append(("Trigger", text(trigger.replace("_", " ").lower())))
    runbooks = [url for url in template.texts("runbookUrl") if web_address(url)]
    if runbooks:
        labels = [f"runbook {n}" if len(runbooks) > 1 else "runbook" for n in range(1, 9)]
        facts.append(("Runbook", links(list(zip(labels, runbooks, strict=False)))))
    workflow = template.text("workflowName")
    if workflow:
        facts.append(("Workflow", text(workflow)))
    return facts + custom_fields(template)


@integration.handles(ISSUE)
def on_issue(payload: Payload, delivery: Delivery) -> Message:
    """The issue's state (opened, activated, acknowledged and by whom, closed and after how
    long) and priority, linked; its entities, policies, conditions, times, runbook and custom
    fields. What the payload template lacks is said at the end, and the message still posted."""
    template = Template(payload)
    state = (template.text("state") or "").upper()
    acknowledger = person(template, "acknowledgedBy")
    if acknowledger is None and state == "ACTIVATED":
        acknowledger = person(template, "owner")
    content = headed(
        issue_head(template, state, acknowledger),
        facts_of(template, state, acknowledger),
        quoted_body("\n\n".join(template.texts("conditionDescription"))),
        template_note(template, template.missing(EXPECTED)),
    )
    return Message(topic=template.text("title") or FALLBACK_TOPIC, content=content)
