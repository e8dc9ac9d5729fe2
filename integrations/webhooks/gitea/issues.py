"""Issues and pull requests: the actions Gitea sends for both, and those of issues alone.

Gitea sends the same actions for issues (``issues``) and pull requests
(``pull_request``): assigned, label_updated, milestoned... Each handler here
answers both events and writes in the topic of the issue or the pull
request; those only pull requests have are in ``pull_requests``.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Ref,
    edited,
    issue,
    listing,
    people,
    plural,
    pull_request,
)
from integrations.common.code_hosting.github_style import (
    ISSUES_AND_PULL_REQUESTS,
    is_pull,
    item_of,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.edits import edits_of
from integrations.webhooks.gitea.readers import (
    assignee_names,
    branches_of,
    issue_ref,
    label_names,
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
    after: Markdown | str | None = None,
    branches: bool = False,
    linked: bool = True,
) -> Message:
    """A message about the issue or pull request, in its topic.

    ``branches`` names a pull request's source and target branches;
    ``linked=False`` names it without its page, which is gone.
    """
    repo = repo_of(payload["repository"], delivery)
    actor = sender_of(payload)
    ref = pr_ref(payload) if is_pull(delivery) else issue_ref(payload, repo)
    if not linked:
        ref = Ref(ref.number, ref.title, None, ref.label)
    if not is_pull(delivery):
        return issue(repo, actor, ref, action, body=body, detail=detail, after=after)
    source, target = branches_of(payload["pull_request"]) if branches else (None, None)
    return pull_request(
        repo,
        actor,
        ref,
        action,
        source=source,
        target=target,
        body=body,
        detail=detail,
        after=after,
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="opened")
def on_opened(payload: Payload, delivery: Delivery) -> Message:
    """The issue or pull request, who it is assigned to, and its description; a pull
    request's branches."""
    item = item_of(payload, delivery)
    names = assignee_names(item)
    detail = md("Assigned to {}.").format(people(names)) if names else None
    body = item["body"].string(default=None)
    return told(payload, delivery, "opened", body=body, detail=detail, branches=is_pull(delivery))


@integration.handles("issues", action="closed")
def on_issue_closed(payload: Payload, delivery: Delivery) -> Message:
    """The fact."""
    return told(payload, delivery, "closed")


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="reopened")
def on_reopened(payload: Payload, delivery: Delivery) -> Message:
    """The fact; a pull request's branches."""
    return told(payload, delivery, "reopened", branches=is_pull(delivery))


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="deleted")
def on_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The fact, without a link to the page that is gone."""
    return told(payload, delivery, "deleted", linked=False)


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="edited")
def on_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """What the edit changed: the former title, the new target branch, or the new
    description, quoted."""
    item = item_of(payload, delivery)
    repo = repo_of(payload["repository"], delivery)
    if is_pull(delivery):
        ref, kind = pr_ref(payload), "PR"
    else:
        ref, kind = issue_ref(payload, repo), "issue"
    return edited(repo, sender_of(payload), ref, kind, edits_of(payload, item)) or told(
        payload, delivery, "edited"
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action=("assigned", "unassigned"))
def on_assignment(payload: Payload, delivery: Delivery) -> Message:
    """Who was assigned, and who is assigned now. Gitea sends one delivery for each person
    added or removed without naming them, so a name is given where the list of assignees
    proves it."""
    names = assignee_names(item_of(payload, delivery))
    now = md("Assigned now: {}.").format(people(names))
    if delivery.action == "assigned":
        if len(names) == 1:
            return told(payload, delivery, md("assigned {} to").format(bold(names[0])))
        return told(payload, delivery, "added an assignee to", detail=now)
    if not names:
        return told(payload, delivery, "removed the last assignee from")
    return told(payload, delivery, "removed an assignee from", detail=now)


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="label_updated")
def on_labels_updated(payload: Payload, delivery: Delivery) -> Message:
    """The labels added and removed, where the payload lists them (newer Gitea); otherwise
    the labels after the change."""
    changes = payload["changes"]
    added = label_names(changes["added_labels"])
    removed = label_names(changes["removed_labels"])
    if added and not removed:
        noun = "label" if len(added) == 1 else "labels"
        action = md("added the {} {} to").format(listing(added), noun)
        return told(payload, delivery, action)
    if removed and not added:
        noun = "label" if len(removed) == 1 else "labels"
        action = md("removed the {} {} from").format(listing(removed), noun)
        return told(payload, delivery, action)
    if added and removed:
        detail = md("Added {}; removed {}.").format(listing(added), listing(removed))
        return told(payload, delivery, "changed the labels of", detail=detail)
    labels = labels_of(item_of(payload, delivery))
    return told(
        payload, delivery, "changed the labels of", detail=md("Labels now: {}.").format(labels)
    )


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="label_cleared")
def on_labels_cleared(payload: Payload, delivery: Delivery) -> Message:
    """That every label was removed, and which, where the payload lists them."""
    removed = label_names(payload["changes"]["removed_labels"])
    if not removed:
        return told(payload, delivery, "removed every label from")
    detail = md("Removed {}: {}.").format(plural(len(removed), "label"), listing(removed))
    return told(payload, delivery, "removed every label from", detail=detail)


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
