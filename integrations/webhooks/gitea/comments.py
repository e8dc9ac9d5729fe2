"""Comments on issues and pull requests: ``issue_comment``, and ``pull_request_comment``.

Gitea's event for a plain comment on a pull request's conversation is
``issue_comment``; some versions name it ``pull_request_comment``, the name
of a review that only comments, with the comment's own actions.
"""

from __future__ import annotations

from integrations.common.code_hosting import comment, issue, pull_request
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.readers import issue_ref, optional_url, repo_of, sender_of

EVENTS = ("issue_comment", "pull_request_comment")
VERBS = {"created": "commented", "edited": "edited a comment"}


def on_pull_request(payload: Payload, delivery: Delivery) -> bool:
    if delivery.event == "pull_request_comment":
        return True
    is_pull = payload["is_pull"].boolean(default=None)
    if is_pull is None:  # older payloads lack is_pull; a pull request has this field
        return payload["issue"]["pull_request"].exists()
    return is_pull


@integration.handles(*EVENTS, action=("created", "edited"))
def on_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, in its issue's or pull request's topic."""
    repo = repo_of(payload["repository"], delivery)
    pull = on_pull_request(payload, delivery)
    note = payload["comment"]
    return comment(
        repo,
        sender_of(payload),
        issue_ref(payload, repo, pull=pull),
        "PR" if pull else "issue",
        note["body"].string(default=""),
        url=optional_url(note["html_url"]),
        verb=VERBS[delivery.action],
    )


@integration.handles(*EVENTS, action="deleted")
def on_comment_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The fact, without the text or a dead link."""
    repo = repo_of(payload["repository"], delivery)
    pull = on_pull_request(payload, delivery)
    build = pull_request if pull else issue
    return build(
        repo, sender_of(payload), issue_ref(payload, repo, pull=pull), "deleted a comment on"
    )
