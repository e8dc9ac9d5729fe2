"""Comments: on pull requests (``pullrequest:comment_*``), issues and commits.

A pull request's comment has five keys: created, updated, resolved and
reopened (a comment thread's state) and deleted. Issues and commits only
tell of new comments.
"""

from __future__ import annotations

from integrations.common.code_hosting import Commit, comment, commit_comment, pull_request
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.readers import (
    actor_of,
    html_url,
    issue_ref,
    pr_ref,
    repo_of,
    text_of,
)

# Each key of a comment on a pull request or an issue, and the words that link to it.
VERBS = {
    "pullrequest:comment_created": "commented",
    "pullrequest:comment_updated": "edited a comment",
    "pullrequest:comment_resolved": "resolved a comment",
    "pullrequest:comment_reopened": "reopened a comment",
    "issue:comment_created": "commented",
}


@integration.handles(*VERBS)
def on_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, quoted, in the topic of its pull request or issue: new or edited, or its
    thread resolved or reopened."""
    said = payload["comment"]
    on_issue = delivery.event.startswith("issue:")
    return comment(
        repo_of(payload["repository"]),
        actor_of(payload),
        issue_ref(payload) if on_issue else pr_ref(payload),
        "issue" if on_issue else "PR",
        text_of(said),
        url=html_url(said),
        verb=VERBS[delivery.event],
    )


@integration.handles("pullrequest:comment_deleted")
def on_pull_request_comment_deleted(payload: Payload, delivery: Delivery) -> Message:
    """That a comment was deleted; its text is not repeated."""
    return pull_request(
        repo_of(payload["repository"]), actor_of(payload), pr_ref(payload), "deleted a comment on"
    )


@integration.handles("repo:commit_comment_created")
def on_commit_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment and its commit, in the repository's topic.

    Bitbucket's trigger: Commit comment created.
    """
    said = payload["comment"]
    sha = payload["commit"]["hash"].string()
    # The comment's copy of the commit carries the web link; the top-level one may not.
    url = html_url(said["commit"]) or html_url(payload["commit"])
    return commit_comment(
        repo_of(payload["repository"]),
        actor_of(payload),
        Commit(sha=sha, message="", url=url),
        text_of(said),
        url=html_url(said),
    )
