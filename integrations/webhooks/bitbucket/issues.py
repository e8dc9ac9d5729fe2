"""``issue:created`` and ``issue:updated``: the issues of a repository's own tracker.

What an update changed is read in ``edits``; comments on issues
(``issue:comment_created``) are in ``comments``.
"""

from __future__ import annotations

from integrations.common.code_hosting import issue, told
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.edits import issue_edits_of
from integrations.webhooks.bitbucket.readers import (
    actor_of,
    issue_ref,
    repo_of,
    text_of,
    user_of,
)


@integration.handles("issue:created")
def on_issue_created(payload: Payload, delivery: Delivery) -> Message:
    """The issue, its kind, priority, assignee and description."""
    details = payload["issue"]
    return issue(
        repo_of(payload["repository"], delivery),
        actor_of(payload),
        issue_ref(payload),
        "opened",
        body=text_of(details),
        detail=summary_of(details),
    )


def summary_of(details: Payload) -> Markdown | None:
    """What the tracker says about a new issue: "A major bug. Assigned to **Ann**."."""
    kind = details["kind"].string(default="")
    priority = details["priority"].string(default="")
    what = " ".join(part for part in (priority, kind) if part)
    sentences = [md("A {}.").format(what)] if what else []
    if details["assignee"].exists():
        sentences.append(md("Assigned to {}.").format(bold(user_of(details["assignee"]).name)))
    return Markdown(" ").join(sentences) or None


@integration.handles("issue:updated")
def on_issue_updated(payload: Payload, delivery: Delivery) -> Message:
    """Resolved, closed, reopened or updated, with what changed and the comment that came
    with it."""
    remark = text_of(payload["comment"])
    words = told(issue_edits_of(payload, remark=remark))
    return issue(
        repo_of(payload["repository"], delivery),
        actor_of(payload),
        issue_ref(payload),
        words.verb,
        # A comment written with the change says why; else a new description is worth reading.
        body=remark or words.text,
        detail=words.detail,
        after=words.after,
    )
