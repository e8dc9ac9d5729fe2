"""Issues and comments: ``issues`` and ``issue_comment`` (comments on pull requests too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integrations.common.code_hosting import Ref, Repo, User, comment, issue, pull_request
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.gitea.changes import SHARED
from integrations.webhooks.gitea.common import (
    for_action,
    handles,
    issue_ref,
    optional_url,
    repo_of,
    sender_of,
)


@handles("issues")
def issue_changed(payload: Payload, request: WebhookRequest) -> Message:
    read = for_action("issues", SHARED, payload)
    repo = repo_of(payload["repository"])
    change = read(payload["issue"], payload)
    return issue(
        repo,
        sender_of(payload),
        issue_ref(payload, repo),
        change.action,
        body=change.body,
        detail=change.detail,
    )


@dataclass(frozen=True)
class Thread:
    """The issue or pull request a comment belongs to."""

    repo: Repo
    ref: Ref
    pull: bool


CommentBuilder = Callable[[Payload, Thread, User], Message]


def posted(verb: str) -> CommentBuilder:
    def build(payload: Payload, thread: Thread, actor: User) -> Message:
        note = payload["comment"]
        kind = "PR" if thread.pull else "issue"
        text = note["body"].string()
        url = optional_url(note["html_url"])
        return comment(thread.repo, actor, thread.ref, kind, text, url=url, verb=verb)

    return build


def removed(payload: Payload, thread: Thread, actor: User) -> Message:
    # The comment is gone: say so, without its text or a dead link.
    build = pull_request if thread.pull else issue
    return build(thread.repo, actor, thread.ref, "deleted a comment on")


COMMENT_ACTIONS: dict[str, CommentBuilder] = {
    "created": posted("commented"),
    "edited": posted("edited a comment"),
    "deleted": removed,
}


def on_pull_request(payload: Payload) -> bool:
    is_pull = payload["is_pull"].boolean(default=None)
    if is_pull is None:  # older payloads lack is_pull; a pull request has this field
        return payload["issue"]["pull_request"].exists()
    return is_pull


@handles("issue_comment")
def commented(payload: Payload, request: WebhookRequest) -> Message:
    build = for_action("issue_comment", COMMENT_ACTIONS, payload)
    repo = repo_of(payload["repository"])
    pull = on_pull_request(payload)
    thread = Thread(repo, issue_ref(payload, repo, pull=pull), pull)
    return build(payload, thread, sender_of(payload))
