"""Comments on pull requests, issues and commits.

A comment on a pull request's conversation arrives as an ``issue_comment``
whose issue carries a ``pull_request`` object; an inline comment on its
code as a ``pull_request_review_comment``. Comments on discussions are in
``discussions``.
"""

from __future__ import annotations

from integrations.common.code_hosting import Ref, comment, commit_comment, issue, pull_request
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.edits import new_text
from integrations.webhooks.github.readers import commit_at, ref_of, repo_of, sender_of

EVENTS = ("issue_comment", "pull_request_review_comment")


def commented_on(payload: Payload, delivery: Delivery) -> tuple[Ref, str]:
    """The pull request or issue a comment is on, and which of the two it is."""
    if delivery.event == "pull_request_review_comment":
        return ref_of(payload["pull_request"]), "PR"
    node = payload["issue"]
    return ref_of(node), "PR" if node["pull_request"].exists() else "issue"


def commented(payload: Payload, delivery: Delivery, text: str, verb: str) -> Message:
    on, kind = commented_on(payload, delivery)
    return comment(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        on,
        kind,
        text,
        url=payload["comment"]["html_url"].string(default=None),
        verb=verb,
    )


@integration.handles(*EVENTS, action="created")
def on_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, in the topic of its issue or pull request: a comment on a pull request's
    conversation arrives as an `issue_comment`, an inline one on its code as a
    `pull_request_review_comment`."""
    return commented(payload, delivery, payload["comment"]["body"].string(default=""), "commented")


@integration.handles(*EVENTS, action="edited")
def on_comment_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The new text. **Nothing** when a comment is saved unchanged."""
    text = new_text(payload, payload["comment"])
    if text is None:
        return None
    return commented(payload, delivery, text, "edited a comment")


@integration.handles(*EVENTS, action="deleted")
def on_comment_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The fact, in the topic of its issue or pull request, without the text or a dead link."""
    on, kind = commented_on(payload, delivery)
    build = pull_request if kind == "PR" else issue
    return build(
        repo_of(payload["repository"], delivery), sender_of(payload), on, "deleted a comment on"
    )


integration.ignores(
    "issue_comment",
    action=("pinned", "unpinned"),
    reason="Pinning shows a comment first on its issue; the comment was posted when it was "
    "written.",
)


@integration.handles("commit_comment", action="created")
def on_commit_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment and its commit, in the repository's topic."""
    repo = repo_of(payload["repository"], delivery)
    node = payload["comment"]
    return commit_comment(
        repo,
        sender_of(payload),
        commit_at(repo, node["commit_id"].string()),
        node["body"].string(default=""),
        url=node["html_url"].string(default=None),
    )
