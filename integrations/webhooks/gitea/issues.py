"""Issues and pull requests: the actions Gitea sends for both, and those of issues alone.

Gitea sends the same actions for issues (``issues``) and pull requests
(``pull_request``): assigned, label_updated, milestoned... Each handler here
answers both events and writes in the topic of the issue or the pull
request; those only pull requests have are in ``pull_requests``.
"""

from __future__ import annotations

from integrations.common.code_hosting import edited, issue, pull_request
from integrations.common.code_hosting.github_style import (
    ISSUES_AND_PULL_REQUESTS,
    is_pull,
    item_of,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.edits import edits_of
from integrations.webhooks.gitea.readers import (
    assignees_of,
    issue_ref,
    labels_of,
    pr_ref,
    repo_of,
    sender_of,
)


def told(
    payload: Payload,
    delivery: Delivery,
    action: Markdown | str,
    *,
    body: str | None = None,
    detail: Markdown | str | None = None,
    after: str | None = None,
    branches: bool = False,
) -> Message:
    """A message about the issue or pull request, in its topic.

    ``branches`` names a pull request's source and target branches.
    """
    repo = repo_of(payload["repository"])
    actor = sender_of(payload)
    if not is_pull(delivery):
        ref = issue_ref(payload, repo)
        return issue(repo, actor, ref, action, body=body, detail=detail, after=after)
    pr = payload["pull_request"]
    source = pr["head"]["ref"].string() if branches else None
    target = pr["base"]["ref"].string() if branches else None
    return pull_request(
        repo,
        actor,
        pr_ref(payload),
        action,
        source=source,
        target=target,
        body=body,
        detail=detail,
        after=after,
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="opened")
def on_opened(payload: Payload, delivery: Delivery) -> Message:
    """The issue or pull request and its description; a pull request's branches."""
    body = item_of(payload, delivery)["body"].string(default=None)
    return told(payload, delivery, "opened", body=body, branches=is_pull(delivery))


@integration.handles("issues", action="closed")
def on_issue_closed(payload: Payload, delivery: Delivery) -> Message:
    """The fact."""
    return told(payload, delivery, "closed")


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="reopened")
def on_reopened(payload: Payload, delivery: Delivery) -> Message:
    """The fact."""
    return told(payload, delivery, "reopened")


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="edited")
def on_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The former title or target branch, or the new description."""
    item = item_of(payload, delivery)
    repo = repo_of(payload["repository"])
    if is_pull(delivery):
        ref, kind = pr_ref(payload), "PR"
    else:
        ref, kind = issue_ref(payload, repo), "issue"
    return edited(repo, sender_of(payload), ref, kind, edits_of(payload, item)) or told(
        payload, delivery, "edited"
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action=("assigned", "unassigned"))
def on_assignment(payload: Payload, delivery: Delivery) -> Message:
    """Who is assigned after the change (Gitea does not say who was added or removed)."""
    assigned = assignees_of(item_of(payload, delivery))
    return told(
        payload,
        delivery,
        "changed the assignees of",
        detail=md("Assigned now: {}.").format(assigned),
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="label_updated")
def on_labels_updated(payload: Payload, delivery: Delivery) -> Message:
    """The labels after the change."""
    labels = labels_of(item_of(payload, delivery))
    return told(
        payload, delivery, "changed the labels of", detail=md("Labels now: {}.").format(labels)
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="label_cleared")
def on_labels_cleared(payload: Payload, delivery: Delivery) -> Message:
    """That every label was removed."""
    return told(payload, delivery, "removed every label from")


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="milestoned")
def on_milestoned(payload: Payload, delivery: Delivery) -> Message:
    """The milestone set."""
    title = item_of(payload, delivery)["milestone"]["title"].string(default=None)
    if title is None:
        return told(payload, delivery, "set a milestone on")
    return told(payload, delivery, md("set milestone {} on").format(bold(title)))


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="demilestoned")
def on_demilestoned(payload: Payload, delivery: Delivery) -> Message:
    """That the milestone was removed."""
    return told(payload, delivery, "removed the milestone from")
