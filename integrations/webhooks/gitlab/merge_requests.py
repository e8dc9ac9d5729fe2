"""Merge requests (``Merge Request Hook``), in the shared pull-request format.

GitLab says what happened in ``object_attributes.action``: ``open``,
``close``, ``reopen``, ``merge``, ``update`` (an edit, or commits pushed to
the source branch), and for approvals ``approval``/``approved`` (a user
approved; ``approved`` when that completed the approvals the rules ask for)
and ``unapproval``/``unapproved``. Merge requests take the ``PR #N`` topics
of the shared convention, so all four services' channels read alike.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    commit_line,
    edited,
    people,
    pull_request,
    review,
)
from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.edits import edits_of
from integrations.webhooks.gitlab.readers import (
    assignees_of,
    commit_of,
    description_of,
    names_of,
    ref_of,
    repo_of,
    user_of,
)

EVENT = "Merge Request Hook"


def told(
    payload: Payload,
    action: Markdown | str,
    *,
    branches: bool = False,
    after: str | None = None,
    detail: Markdown | None = None,
    body: str | None = None,
) -> Message:
    """A message about the merge request, in its topic; ``branches`` names its source and target."""
    attributes = payload["object_attributes"]
    ref = ref_of(attributes)
    repo, actor = repo_of(payload["project"]), user_of(payload["user"])
    source = attributes["source_branch"].string() if branches else None
    target = attributes["target_branch"].string() if branches else None
    return pull_request(
        repo,
        actor,
        ref,
        action,
        source=source,
        target=target,
        after=after,
        detail=detail,
        body=body,
    )


def people_sentence(payload: Payload) -> Markdown | None:
    """Who a new merge request is assigned to and who is asked to review it."""
    assignees = assignees_of(payload)
    reviewers = names_of(payload["reviewers"].array(default=[]))
    sentences = []
    if assignees:
        sentences.append(md("Assigned to {}.").format(people(assignees)))
    if reviewers:
        sentences.append(md("Review requested from {}.").format(people(reviewers)))
    return Markdown(" ").join(sentences) or None


def is_draft(attributes: Payload) -> bool:
    draft = attributes["draft"].boolean(default=None)
    return draft if draft is not None else attributes["work_in_progress"].boolean(default=False)


@integration.handles(EVENT, action="open")
def on_merge_request_opened(payload: Payload, delivery: Delivery) -> Message:
    """Who opened it, with the branches, assignees, reviewers and description; a draft says so."""
    attributes = payload["object_attributes"]
    return told(
        payload,
        "opened draft" if is_draft(attributes) else "opened",
        branches=True,
        body=description_of(attributes),
        detail=people_sentence(payload),
    )


@integration.handles(EVENT, action="reopen")
def on_merge_request_reopened(payload: Payload, delivery: Delivery) -> Message:
    """Who reopened it."""
    return told(payload, "reopened")


@integration.handles(EVENT, action="close")
def on_merge_request_closed(payload: Payload, delivery: Delivery) -> Message:
    """Who closed it without merging."""
    return told(payload, "closed", after="without merging")


@integration.handles(EVENT, action="merge")
def on_merge_request_merged(payload: Payload, delivery: Delivery) -> Message:
    """Who merged it, and its branches."""
    return told(payload, "merged", branches=True)


@integration.handles(EVENT, action=("approval", "approved"))
def on_merge_request_approved(payload: Payload, delivery: Delivery) -> Message:
    """Who approved it (`approved`: the approval that completed what the rules ask for)."""
    return review(
        repo_of(payload["project"]),
        user_of(payload["user"]),
        ref_of(payload["object_attributes"]),
        "approved",
    )


@integration.handles(EVENT, action=("unapproval", "unapproved"))
def on_merge_request_unapproved(payload: Payload, delivery: Delivery) -> Message:
    """Who withdrew their approval."""
    return told(payload, "withdrew their approval of")


@integration.handles(EVENT, action="update")
def on_merge_request_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """Who pushed new commits to it, and the latest one; or what an edit changed (the title,
    draft status, reviewers, assignees, labels, target branch or description), in the words
    the GitHub and Gitea integrations use: one change in a few words, several in a list.
    Nothing for an edit of anything else: time tracking and timestamps are bookkeeping."""
    attributes = payload["object_attributes"]
    # ``oldrev`` is set when commits were pushed to the source branch.
    if attributes["oldrev"].string(default=None):
        return pushed(payload)
    edits = edits_of(payload, user_of(payload["user"]))
    if edits is None:  # older GitLab did not say what changed
        return told(payload, "updated")
    return edited(
        repo_of(payload["project"]), user_of(payload["user"]), ref_of(attributes), "PR", edits
    )


def pushed(payload: Payload) -> Message:
    last = payload["object_attributes"]["last_commit"]
    detail = md("Latest commit: {}").format(commit_line(commit_of(last))) if last.exists() else None
    return told(payload, "pushed new commits to", detail=detail)
