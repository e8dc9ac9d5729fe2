"""``issue:*``: issues of a repository's own issue tracker, their changes and comments."""

from __future__ import annotations

from integrations.common.code_hosting import comment, issue
from integrations.core import Markdown, Message, Payload, WebhookRequest, bold, md
from integrations.webhooks.bitbucket.changes import changed
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.entities import (
    account,
    actor,
    html_url,
    ignored,
    repository,
    text,
)
from integrations.webhooks.bitbucket.entities import issue as read_issue

# The statuses Bitbucket's tracker has: new, open, submitted, on hold,
# resolved, duplicate, invalid, wontfix, closed.
OPEN = frozenset({"new", "open", "submitted"})
# Status changes that read as a verb; any other is listed with the changes.
STATUS_VERBS = {"resolved": "resolved", "closed": "closed"}

# Changed fields worth a line, in the order they are shown. The description
# ("content") is quoted instead.
FIELDS = {
    "title": "Title",
    "kind": "Kind",
    "priority": "Priority",
    "assignee": "Assignee",
    "milestone": "Milestone",
    "component": "Component",
    "version": "Version",
}


@integration.handles("issue:created")
def created(payload: Payload, request: WebhookRequest) -> Message | None:
    if ignored(payload, request):
        return None
    details = payload["issue"]
    return issue(
        repository(payload),
        actor(payload),
        read_issue(payload),
        "opened",
        body=text(details),
        detail=summary(details),
    )


def summary(details: Payload) -> Markdown | None:
    """What the tracker says about a new issue: "A major bug. Assigned to **Ann**."."""
    kind = details["kind"].string(default="")
    priority = details["priority"].string(default="")
    what = " ".join(part for part in (priority, kind) if part)
    sentences = [md("A {}.").format(what)] if what else []
    if details["assignee"].exists():
        sentences.append(md("Assigned to {}.").format(bold(account(details["assignee"]).name)))
    return Markdown(" ").join(sentences) or None


@integration.handles("issue:updated")
def updated(payload: Payload, request: WebhookRequest) -> Message | None:
    if ignored(payload, request):
        return None
    changes = payload["changes"]
    status = changes["status"] if changes["status"].exists() else changes["state"]
    action = status_action(status)
    remark = text(payload["comment"])
    described = changes["content"].exists()
    return issue(
        repository(payload),
        actor(payload),
        read_issue(payload),
        action,
        # A comment written with the change says why; else a new description is worth reading.
        body=remark or (text(payload["issue"]) if described else ""),
        detail=change_summary(changes, status, action, remark=remark, described=described),
    )


def status_action(status: Payload) -> str:
    """The verb for a status change: resolved, closed, reopened, or updated for the rest."""
    if not status.exists():
        return "updated"
    new = status["new"].string(default="").lower()
    old = status["old"].string(default="").lower()
    if new in STATUS_VERBS:
        return STATUS_VERBS[new]
    if new in OPEN and old and old not in OPEN:
        return "reopened"
    return "updated"


def change_summary(
    changes: Payload, status: Payload, action: str, *, remark: str, described: bool
) -> str | None:
    """Status: new → on hold; Priority: major → critical. The description changed."""
    lines = [] if action in STATUS_VERBS.values() else [changed("Status", status)]
    lines += [changed(label, changes[field]) for field, label in FIELDS.items()]
    sentences = ["; ".join(line for line in lines if line)]
    if described:
        sentences.append("The description changed." if remark else "The description now reads:")
    return ". ".join(sentence for sentence in sentences if sentence) or None


@integration.handles("issue:comment_created")
def commented(payload: Payload, request: WebhookRequest) -> Message | None:
    if ignored(payload, request):
        return None
    said = payload["comment"]
    return comment(
        repository(payload),
        actor(payload),
        read_issue(payload),
        "issue",
        text(said),
        url=html_url(said),
    )
