"""Pull requests and their reviews.

``pull_request`` carries every change to a pull request in its ``action``.
Reviews come as their own events, one per verdict: ``pull_request_approved``,
``pull_request_rejected`` and ``pull_request_comment`` (a review that only
comments), each with ``action: reviewed``.
"""

from __future__ import annotations

from integrations.common.code_hosting import pull_request, review
from integrations.core import Message, Payload, WebhookRequest, bold, md
from integrations.core.integration import Handler
from integrations.webhooks.gitea.changes import SHARED, Change, ChangeReader, plain
from integrations.webhooks.gitea.common import (
    for_action,
    handles,
    pr_ref,
    repo_of,
    sender_of,
    user_of,
)
from integrations.webhooks.gitea.issues import commented


def closed(item: Payload, payload: Payload) -> Change:
    if item["merged"].boolean(default=False):
        return Change("merged")
    return Change("closed", after="without merging")


def review_requested(item: Payload, payload: Payload) -> Change:
    reviewer = payload["requested_reviewer"]
    if not reviewer.exists():
        return Change("requested a review on")
    return Change(md("requested a review from {} on").format(bold(user_of(reviewer).name)))


def review_request_removed(item: Payload, payload: Payload) -> Change:
    reviewer = payload["requested_reviewer"]
    if not reviewer.exists():
        return Change("withdrew a review request on")
    return Change(md("withdrew the review request for {} on").format(bold(user_of(reviewer).name)))


PR_CHANGES: dict[str, ChangeReader] = {
    **SHARED,
    "closed": closed,
    "synchronized": plain("pushed new commits to"),
    "review_requested": review_requested,
    "review_request_removed": review_request_removed,
}

# Openings and merges name the branches: where the work comes from and goes.
SHOW_BRANCHES = frozenset({"opened", "merged"})


@handles("pull_request")
def pull_request_changed(payload: Payload, request: WebhookRequest) -> Message:
    read = for_action("pull_request", PR_CHANGES, payload)
    pr = payload["pull_request"]
    change = read(pr, payload)
    source = target = None
    if change.action in SHOW_BRANCHES:
        source, target = pr["head"]["ref"].string(), pr["base"]["ref"].string()
    return pull_request(
        repo_of(payload["repository"]),
        sender_of(payload),
        pr_ref(payload),
        change.action,
        source=source,
        target=target,
        body=change.body,
        detail=change.detail,
        after=change.after,
    )


# Review events and the verdict each one carries, in the shared wording.
REVIEW_EVENTS = {
    "pull_request_approved": "approved",
    "pull_request_rejected": "changes_requested",
    "pull_request_comment": "commented",
}
REVIEW_ACTIONS = {"reviewed": "reviewed"}  # the one action Gitea sends with a review


def reviewed(event: str, state: str) -> Handler:
    def handle(payload: Payload, request: WebhookRequest) -> Message | None:
        if payload["comment"].exists() and payload["issue"].exists():
            # A plain comment on a pull request: Gitea's event type for those
            # is also named pull_request_comment, so accept that shape too.
            return commented(payload, request)
        for_action(event, REVIEW_ACTIONS, payload)
        return review(
            repo_of(payload["repository"]),
            sender_of(payload),
            pr_ref(payload),
            state,
            body=payload["review"]["content"].string(default=None),
        )

    return handle


for review_event, verdict in REVIEW_EVENTS.items():
    handles(review_event)(reviewed(review_event, verdict))
