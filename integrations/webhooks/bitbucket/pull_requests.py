"""``pullrequest:*``: a pull request's life and its reviews, each in the pull request's topic.

Bitbucket names the action in the event key itself (``pullrequest:fulfilled``
is a merge), so each key, or each group of keys that read alike, has its
handler. Comments on pull requests are in ``comments``.
"""

from __future__ import annotations

from integrations.common.code_hosting import people, pull_request, review, short
from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.readers import actor_of, pr_ref, repo_of, user_of


def branch_of(side: Payload, repo_name: str) -> str:
    """A source or destination branch; ``owner/fork:branch`` when it lives in another repository."""
    name = side["branch"]["name"].string()
    home = side["repository"]["full_name"].string(default=repo_name)
    return name if home == repo_name else f"{home}:{name}"


def reviewers_of(pr: Payload, template: str) -> Markdown | None:
    """The reviewers in ``template`` ("Reviewers: {}."), or nothing when there are none."""
    named = [user_of(person).name for person in pr["reviewers"].array(default=[])]
    return md(template).format(people(named)) if named else None


def told(
    payload: Payload,
    action: str,
    *,
    branches: bool = False,
    body: str | None = None,
    detail: Markdown | str | None = None,
) -> Message:
    """A message about the pull request, in its topic; ``branches`` names its source and target."""
    repo, actor, ref = repo_of(payload["repository"]), actor_of(payload), pr_ref(payload)
    pr = payload["pullrequest"]
    source = branch_of(pr["source"], repo.name) if branches else None
    target = branch_of(pr["destination"], repo.name) if branches else None
    return pull_request(
        repo,
        actor,
        ref,
        action,
        source=source,
        target=target,
        body=body,
        detail=detail,
    )


@integration.handles("pullrequest:created")
def on_pull_request_created(payload: Payload, delivery: Delivery) -> Message:
    """The pull request opened, its branches, reviewers and description."""
    pr = payload["pullrequest"]
    return told(
        payload,
        "opened",
        branches=True,
        body=pr["description"].string(default=""),
        detail=reviewers_of(pr, "Review requested from {}."),
    )


@integration.handles("pullrequest:updated")
def on_pull_request_updated(payload: Payload, delivery: Delivery) -> Message:
    """That it was updated, with its reviewers now: Bitbucket does not say what changed."""
    # The title, the description or the reviewers; those listed are the ones after the change.
    return told(payload, "updated", detail=reviewers_of(payload["pullrequest"], "Reviewers: {}."))


@integration.handles("pullrequest:push")
def on_pull_request_push(payload: Payload, delivery: Delivery) -> Message:
    """That new commits were pushed to it, and its new head."""
    source = payload["pullrequest"]["source"]
    head = source["commit"]["hash"].string(default="")
    detail = None
    if head:
        branch = branch_of(source, repo_of(payload["repository"]).name)
        detail = md("{} is now at {}.").format(code(branch), code(short(head)))
    return told(payload, "pushed new commits to", detail=detail)


# Review keys and the verdict each one carries, in the shared wording.
VERDICTS = {
    "pullrequest:approved": "approved",
    "pullrequest:changes_request_created": "changes_requested",
}


@integration.handles(*VERDICTS)
def on_review(payload: Payload, delivery: Delivery) -> Message:
    """The approval, or the request for changes."""
    return review(
        repo_of(payload["repository"]),
        actor_of(payload),
        pr_ref(payload),
        VERDICTS[delivery.event],
    )


WITHDRAWALS = {
    "pullrequest:unapproved": "withdrew their approval of",
    "pullrequest:changes_request_removed": "withdrew their request for changes on",
}


@integration.handles(*WITHDRAWALS)
def on_review_withdrawn(payload: Payload, delivery: Delivery) -> Message:
    """The approval or the request for changes withdrawn."""
    return told(payload, WITHDRAWALS[delivery.event])


@integration.handles("pullrequest:fulfilled")
def on_pull_request_fulfilled(payload: Payload, delivery: Delivery) -> Message:
    """The merge, and its branches."""
    return told(payload, "merged", branches=True)


@integration.handles("pullrequest:rejected")
def on_pull_request_rejected(payload: Payload, delivery: Delivery) -> Message:
    """That it was declined, with the reason."""
    reason = payload["pullrequest"]["reason"].string(default="").strip()
    return told(payload, "declined", detail=f"Reason: {reason}" if reason else None)
