"""Merge requests (``Merge Request Hook``), in the shared pull-request format, as ``MR #N``.

GitLab says what happened in ``object_attributes.action``: ``open``,
``close``, ``reopen``, ``merge``, ``update`` (an edit, or commits pushed to
the source branch), and for approvals ``approval``/``approved`` (a user
approved; ``approved`` when that completed the approvals the rules ask for)
and ``unapproval``/``unapproved``. Merge requests are "MR #N" in topics and
text, as in Zulip's own integration; ``use_merge_request_title=false``
leaves the title out of their topics.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    commit_line,
    edited,
    paragraphs,
    people,
    pr_topic,
    pull_request,
    ref_link,
)
from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.edits import edits_of
from integrations.webhooks.gitlab.readers import (
    assignees_of,
    commit_of,
    description_of,
    merge_request_project,
    mr_ref,
    names_of,
    repo_of,
    user_of,
)

EVENT = "Merge Request Hook"


def told(
    payload: Payload,
    delivery: Delivery,
    action: Markdown | str,
    *,
    branches: bool = False,
    after: str | None = None,
    detail: Markdown | None = None,
    body: str | None = None,
) -> Message:
    """A message about the merge request, in its topic; ``branches`` names its source and target."""
    attributes = payload["object_attributes"]
    source = attributes["source_branch"].string(default=None) if branches else None
    target = attributes["target_branch"].string(default=None) if branches else None
    return pull_request(
        repo_of(merge_request_project(payload), delivery),
        user_of(payload["user"]),
        mr_ref(attributes, delivery),
        action,
        source=source,
        target=target,
        after=after,
        detail=detail,
        body=body,
    )


def people_sentence(payload: Payload) -> Markdown | None:
    """Who the merge request is assigned to and who is asked to review it."""
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
        delivery,
        "opened draft" if is_draft(attributes) else "opened",
        branches=True,
        body=description_of(attributes),
        detail=people_sentence(payload),
    )


@integration.handles(EVENT, action="reopen")
def on_merge_request_reopened(payload: Payload, delivery: Delivery) -> Message:
    """Who reopened it."""
    return told(payload, delivery, "reopened")


@integration.handles(EVENT, action="close")
def on_merge_request_closed(payload: Payload, delivery: Delivery) -> Message:
    """Who closed it without merging."""
    return told(payload, delivery, "closed", after="without merging")


@integration.handles(EVENT, action="merge")
def on_merge_request_merged(payload: Payload, delivery: Delivery) -> Message:
    """Who merged it, and its branches."""
    return told(payload, delivery, "merged", branches=True)


@integration.handles(EVENT, action="approval")
def on_merge_request_approval(payload: Payload, delivery: Delivery) -> Message:
    """Who approved it, when the rules ask for more approvals than theirs."""
    return told(payload, delivery, "approved")


@integration.handles(EVENT, action="approved")
def on_merge_request_approved(payload: Payload, delivery: Delivery) -> Message:
    """Who approved it, and that it now has every approval its rules ask for."""
    detail = md("It has all the approvals it needs.")
    return told(payload, delivery, "approved", detail=detail)


@integration.handles(EVENT, action="unapproval")
def on_merge_request_unapproval(payload: Payload, delivery: Delivery) -> Message:
    """Who withdrew their approval; or, since GitLab 18.6, that a push reset the approvals."""
    return reset(payload, delivery) or told(payload, delivery, "withdrew their approval of")


@integration.handles(EVENT, action="unapproved")
def on_merge_request_unapproved(payload: Payload, delivery: Delivery) -> Message:
    """Who withdrew their approval, or that a push reset the approvals, and that the merge
    request no longer has the approvals its rules ask for."""
    detail = md("It no longer has all the approvals it needs.")
    return reset(payload, delivery, detail) or told(
        payload, delivery, "withdrew their approval of", detail=detail
    )


# Whose approvals GitLab resets itself (``system_action``) when commits are
# pushed, as the project's approval settings ask.
RESET_APPROVALS = {
    "approvals_reset_on_push": "The approvals of {mr} were reset by a push.",
    "code_owner_approvals_reset_on_push": "The code owners' approvals of {mr} were reset by a "
    "push.",
}


def reset(payload: Payload, delivery: Delivery, detail: Markdown | None = None) -> Message | None:
    """GitLab's own withdrawal of approvals (``system: true``), which nobody did by hand; None
    for a person's."""
    attributes = payload["object_attributes"]
    if not attributes["system"].boolean(default=False):
        return None
    ref = mr_ref(attributes, delivery)
    action = attributes["system_action"].string(default="")
    template = RESET_APPROVALS.get(action, "The approvals of {mr} were reset.")
    sentence = md(template).format(mr=ref_link(ref.label, ref))
    repo = repo_of(merge_request_project(payload), delivery)
    return Message(topic=pr_topic(repo, ref), content=paragraphs(sentence, detail or Markdown("")))


@integration.handles(EVENT, action="update")
def on_merge_request_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """Who pushed new commits to it, and the latest one; or what an edit changed (the title,
    the new description, draft status, reviewers or assignees added and removed, labels,
    target branch, auto-merge set, discussion locked), who submitted a review asking for
    changes, or who was asked for a review again: one change in a few words, several in a list.
    Nothing for an edit of anything else: time tracking and timestamps are bookkeeping. An
    older GitLab that does not say what changed gets the description quoted."""
    attributes = payload["object_attributes"]
    # ``oldrev`` is set when commits were pushed to the source branch.
    if attributes["oldrev"].string(default=None):
        return pushed(payload, delivery)
    actor = user_of(payload["user"])
    edits = edits_of(payload, actor)
    if edits is None:  # older GitLab did not say what changed
        body = description_of(attributes)
        return told(payload, delivery, "updated", detail=people_sentence(payload), body=body)
    repo = repo_of(merge_request_project(payload), delivery)
    return edited(repo, actor, mr_ref(attributes, delivery), "PR", edits)


def pushed(payload: Payload, delivery: Delivery) -> Message:
    last = payload["object_attributes"]["last_commit"]
    detail = md("Latest commit: {}").format(commit_line(commit_of(last))) if last.exists() else None
    return told(payload, delivery, "pushed new commits to", detail=detail)
