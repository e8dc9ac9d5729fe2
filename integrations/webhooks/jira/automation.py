"""Issues an automation rule sends: the body of its **Send web request** action.

Jira Automation can post the issue a rule ran on, in one of two shapes the
action offers: *Issue data (Jira format)*, ``{"issue": {...}}`` as in a
webhook, and *Issue data (Automation format)*, the issue itself at the top.
Neither says what happened (the rule knows, the body does not), so the
message tells the issue as it is now.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.jira.declaration import AUTOMATION, integration
from integrations.webhooks.jira.readers import issue_from, people_of
from integrations.webhooks.jira.text import comment_of, issue_link, person, quoted


@integration.handles(AUTOMATION)
def on_automation_web_request(payload: Payload, delivery: Delivery) -> Message:
    """The issue the rule ran on, as it is now: its type, status, priority and assignee (the
    body does not say what the rule reacted to); a comment the body carries, quoted."""
    node = payload["issue"] if payload["issue"].exists() else payload
    issue = issue_from(node)
    facts: list[Markdown] = []
    if issue.type:
        article = "an" if issue.type[:1].lower() in "aeiou" else "a"
        facts.append(md("{} {}").format(article, issue.type))
    if issue.status:
        facts.append(md("status {}").format(bold(issue.status)))
    if issue.priority:
        facts.append(md("priority {}").format(bold(issue.priority)))
    facts.append(md("assigned to {}").format(person(issue.assignee, delivery, nobody="nobody")))
    said = md("An automation rule sent {}: {}.").format(issue_link(issue), md(", ").join(facts))
    comment = comment_of(payload["comment"])
    if comment is not None:
        body = quoted(comment["body"], people_of(payload), delivery)
        if body:
            said += md("\n\n") + body
    return Message(topic=issue.topic, content=said)
