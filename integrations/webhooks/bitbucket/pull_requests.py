"""``pullrequest:*``: a pull request's life and its reviews, each in the pull request's topic.

Bitbucket names the action in the event key itself (``pullrequest:fulfilled``
is a merge), so each key, or each group of keys that read alike, has its
handler. Comments on pull requests are in ``comments``.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Repo,
    people,
    pull_request,
    review,
    sha_link,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.readers import actor_of, pr_ref, repo_of, user_of


def branch_of(side: Payload, repo: Repo) -> str:
    """A source or destination branch; ``workspace/fork:branch`` when it lives in another
    repository."""
    name = side["branch"]["name"].string()
    home = side["repository"]["full_name"].string(default=None)
    return name if home in (None, repo.full_name) else f"{home}:{name}"


def reviewer_names(pr: Payload) -> list[str]:
    return [user_of(person).name for person in pr["reviewers"].array(default=[])]


def told(
    payload: Payload,
    delivery: Delivery,
    action: str,
    *,
    branches: bool = False,
    after: str | None = None,
    body: str | None = None,
    detail: Markdown | str | None = None,
) -> Message:
    """A message about the pull request, in its topic; ``branches`` names its source and target."""
    repo = repo_of(payload["repository"], delivery)
    pr = payload["pullrequest"]
    return pull_request(
        repo,
        actor_of(payload),
        pr_ref(payload),
        action,
        after=after,
        source=branch_of(pr["source"], repo) if branches else None,
        target=branch_of(pr["destination"], repo) if branches else None,
        body=body,
        detail=detail,
    )


@integration.handles("pullrequest:created")
def on_pull_request_created(payload: Payload, delivery: Delivery) -> Message:
    """The pull request opened (as a draft, if it is one), its branches, reviewers and
    description."""
    pr = payload["pullrequest"]
    named = reviewer_names(pr)
    return told(
        payload,
        delivery,
        "opened",
        branches=True,
        after="as a draft" if pr["draft"].boolean(default=False) else None,
        body=pr["description"].string(default=""),
        detail=md("Review requested from {}.").format(people(named)) if named else None,
    )


@integration.handles("pullrequest:updated")
def on_pull_request_updated(payload: Payload, delivery: Delivery) -> Message:
    """That it was updated, and the pull request as it stands now: its branches, whether it is a
    draft, its reviewers and its description. Bitbucket does not say what changed."""
    pr = payload["pullrequest"]
    return told(
        payload,
        delivery,
        "updated",
        body=pr["description"].string(default=""),
        detail=standing(pr, repo_of(payload["repository"], delivery)),
    )


def standing(pr: Payload, repo: Repo) -> Markdown | None:
    """The pull request as it stands, as in "Now: `lazy-load` into `main`, a draft."."""
    parts = []
    if pr["source"]["branch"]["name"].exists() and pr["destination"]["branch"]["name"].exists():
        source, target = branch_of(pr["source"], repo), branch_of(pr["destination"], repo)
        parts.append(md("{} into {}").format(code(source), code(target)))
    if pr["draft"].boolean(default=False):
        parts.append(md("a draft"))
    named = reviewer_names(pr)
    if named:
        parts.append(md("with reviewers {}").format(people(named)))
    return md("Now: {}.").format(Markdown(", ").join(parts)) if parts else None


@integration.handles("pullrequest:push")
def on_pull_request_push(payload: Payload, delivery: Delivery) -> Message:
    """That new commits were pushed to it, and its new head."""
    source = payload["pullrequest"]["source"]
    head = source["commit"]["hash"].string(default="")
    detail = None
    if head:
        repo = repo_of(payload["repository"], delivery)
        detail = md("{} is now at {}.").format(
            code(branch_of(source, repo)), sha_link(head, repo.page("commits", head))
        )
    return told(payload, delivery, "pushed new commits to", detail=detail)


# Review keys and the verdict each one carries, in the shared wording.
VERDICTS = {
    "pullrequest:approved": "approved",
    "pullrequest:changes_request_created": "changes_requested",
}


@integration.handles(*VERDICTS)
def on_review(payload: Payload, delivery: Delivery) -> Message:
    """The approval, or the request for changes."""
    return review(
        repo_of(payload["repository"], delivery),
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
    return told(payload, delivery, WITHDRAWALS[delivery.event])


@integration.handles("pullrequest:fulfilled")
def on_pull_request_fulfilled(payload: Payload, delivery: Delivery) -> Message:
    """The merge, and its branches."""
    return told(payload, delivery, "merged", branches=True)


@integration.handles("pullrequest:rejected")
def on_pull_request_rejected(payload: Payload, delivery: Delivery) -> Message:
    """That it was declined, with the reason."""
    reason = payload["pullrequest"]["reason"].string(default="").strip()
    return told(payload, delivery, "declined", detail=f"Reason: {reason}" if reason else None)
