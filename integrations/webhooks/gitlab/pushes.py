"""Pushes to branches (``Push Hook``) and tags (``Tag Push Hook``)."""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    User,
    branch_deleted,
    branch_wanted,
    is_zero,
    push,
    strip_ref,
    tag,
)
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.gitlab.common import dropped, page, project_repo
from integrations.webhooks.gitlab.declaration import integration


def pusher_of(payload: Payload) -> User:
    """Push payloads name the pusher in ``user_name`` (``user_username`` is the handle)."""
    name = payload["user_name"].string(default=None) or payload["user_username"].string(
        default=None
    )
    return User(name or "Someone")


def commit_of(node: Payload, pusher: User) -> Commit:
    author = node["author"]["name"].string(default=None)
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(default=""),
        url=node["url"].string(default=None),
        # The author is worth naming only when someone else pushed the commit.
        author=author if author and author != pusher.name else None,
    )


@integration.handles("Push Hook")
def push_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    return branch_push(payload, request)


def branch_push(payload: Payload, request: WebhookRequest) -> Message | None:
    """A push to a branch: created, deleted, rewound (forced) or plain."""
    _, branch = strip_ref(payload["ref"].string())
    if not branch_wanted(branch, request.query):
        return None
    if dropped(payload["project"]["visibility_level"], request):
        return None
    repo = project_repo(payload)
    pusher = pusher_of(payload)
    before, after = payload["before"].string(), payload["after"].string()
    if is_zero(after):
        return branch_deleted(repo, pusher, branch)
    # GitLab lists at most 20 commits and counts them all in total_commits_count.
    commits = [commit_of(node, pusher) for node in payload["commits"].array()]
    total = payload["total_commits_count"].integer(default=len(commits))
    branch_url = page(repo, "-/tree", branch)
    if is_zero(before):
        return push(repo, pusher, branch, commits, total=total, created=True, branch_url=branch_url)
    return push(
        repo,
        pusher,
        branch,
        commits,
        total=total,
        # GitLab has no "forced" flag. A push to an existing branch that adds
        # no commit moved it back or sideways, which only a force push can do.
        forced=total == 0 and not commits,
        before=before,
        after=after,
        compare_url=page(repo, f"-/compare/{before}...{after}"),
        branch_url=branch_url,
    )


@integration.handles("Tag Push Hook")
def tag_push_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    return tag_push(payload, request)


def tag_push(payload: Payload, request: WebhookRequest) -> Message | None:
    _, name = strip_ref(payload["ref"].string())
    if dropped(payload["project"]["visibility_level"], request):
        return None
    repo = project_repo(payload)
    # A deleted tag points nowhere: ``after`` is all zeros and there is no checkout_sha.
    deleted = (
        is_zero(payload["after"].string(default=None))
        or payload["checkout_sha"].string(default=None) is None
    )
    url = None if deleted else page(repo, "-/tags", name)
    return tag(repo, pusher_of(payload), name, deleted=deleted, url=url)
