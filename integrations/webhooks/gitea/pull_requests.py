"""What only pull requests have: merges, new commits, review requests, and reviews.

Reviews come as their own events, one per verdict: ``pull_request_approved``,
``pull_request_rejected`` and ``pull_request_comment`` (a review that only
comments), each with ``action: reviewed``.
"""

from __future__ import annotations

from integrations.common.code_hosting import review
from integrations.core import Delivery, Message, Payload, bold, code, md
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.issues import told
from integrations.webhooks.gitea.readers import branches_of, pr_ref, repo_of, sender_of, user_of


@integration.handles("pull_request", action="closed")
def on_pull_request_closed(payload: Payload, delivery: Delivery) -> Message:
    """Merged (`merged: true`) or closed without merging, with its branches."""
    if payload["pull_request"]["merged"].boolean(default=False):
        return told(payload, delivery, "merged", branches=True)
    source, target = branches_of(payload["pull_request"])
    if source and target:
        after = md("without merging {} into {}").format(code(source), code(target))
        return told(payload, delivery, "closed", after=after)
    return told(payload, delivery, "closed", after="without merging")


@integration.handles("pull_request", action="synchronized")
def on_pull_request_synchronized(payload: Payload, delivery: Delivery) -> Message:
    """That new commits were pushed to it."""
    return told(payload, delivery, "pushed new commits to")


# What a review request added or withdrawn says, without and with the reviewer.
REVIEW_REQUESTS = {
    "review_requested": ("requested a review on", "requested a review from {} on"),
    "review_request_removed": (
        "withdrew a review request on",
        "withdrew the review request for {} on",
    ),
}


@integration.handles("pull_request", action=tuple(REVIEW_REQUESTS))
def on_review_request(payload: Payload, delivery: Delivery) -> Message:
    """The reviewer asked, or no longer asked."""
    unnamed, named = REVIEW_REQUESTS[delivery.action]
    reviewer = payload["requested_reviewer"]
    if not reviewer.exists():
        return told(payload, delivery, unnamed)
    return told(payload, delivery, md(named).format(bold(user_of(reviewer).name)))


# Review events and the verdict each one carries, in the shared wording.
VERDICTS = {
    "pull_request_approved": "approved",
    "pull_request_rejected": "changes_requested",
    "pull_request_comment": "commented",
}


@integration.handles(*VERDICTS, action="reviewed")
def on_reviewed(payload: Payload, delivery: Delivery) -> Message:
    """The verdict (approved, changes requested, or a review that only comments) and the
    review's text."""
    return review(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        pr_ref(payload),
        VERDICTS[delivery.event],
        body=payload["review"]["content"].string(default=None),
    )
