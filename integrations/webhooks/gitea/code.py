"""Code: pushes to branches and tags, and the create and delete events that go with them.

Gitea sends a ``push`` for every new branch and for every new or deleted
tag, followed by a ``create`` or ``delete``. Only branch deletions come
without a push. So ``push`` reports branches and tags, ``delete`` reports
deleted branches, and the rest post nothing rather than the same news twice.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    Repo,
    User,
    branch_deleted,
    branch_wanted,
    is_zero,
    push,
    strip_ref,
    tag,
)
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.gitea.common import (
    handles,
    optional_url,
    page_url,
    repo_of,
    sender_of,
    user_of,
)


def pusher_of(payload: Payload) -> User:
    node = payload["pusher"] if payload["pusher"].exists() else payload["sender"]
    return user_of(node)


def commit_of(node: Payload, pusher: User) -> Commit:
    author = node["author"]
    login = author["username"].string(default=None)
    name = author["name"].string(default=None) or login
    # Naming the author on every line is noise when it is the pusher.
    shown = None if pusher.name in (login, name) else name
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(),
        url=optional_url(node["url"]),
        author=shown,
    )


@handles("push")
def pushed(payload: Payload, request: WebhookRequest) -> Message | None:
    kind, name = strip_ref(payload["ref"].string())
    repo = repo_of(payload["repository"])
    pusher = pusher_of(payload)
    after = payload["after"].string(default=None)
    if kind == "tag":
        return tag_pushed(repo, pusher, name, deleted=is_zero(after))
    if not branch_wanted(name, request.query):
        return None
    if is_zero(after):
        return branch_deleted(repo, pusher, name)
    return branch_pushed(payload, repo, pusher, name, after)


def tag_pushed(repo: Repo, pusher: User, name: str, *, deleted: bool) -> Message:
    return tag(repo, pusher, name, deleted=deleted, url=page_url(repo, "src", "tag", name))


def branch_pushed(
    payload: Payload, repo: Repo, pusher: User, branch: str, after: str | None
) -> Message:
    before = payload["before"].string(default=None)
    branch_url = page_url(repo, "src", "branch", branch)
    if is_zero(before):
        # For a new branch Gitea lists the branch's latest commits, old ones
        # included, so the list would mislead: report the creation alone.
        return push(repo, pusher, branch, [], created=True, branch_url=branch_url)
    # Gitea lists the newest commit first; messages read oldest first, as
    # those of the other services do.
    commits = [commit_of(node, pusher) for node in reversed(payload["commits"].array(default=[]))]
    total = payload["total_commits"].integer(default=None)
    # Gitea does not flag force pushes; a push that adds no commits moved the
    # branch back to an earlier commit, which only a force push can do.
    rewound = not commits and not total
    return push(
        repo,
        pusher,
        branch,
        commits,
        total=total,
        forced=rewound,
        compare_url=optional_url(payload["compare_url"]),
        branch_url=branch_url,
        before=before,
        after=after,
    )


@handles("create")
def created(payload: Payload, request: WebhookRequest) -> Message | None:
    """Nothing: the ``push`` Gitea sends with every new branch or tag reports it."""
    return None


@handles("delete")
def deleted(payload: Payload, request: WebhookRequest) -> Message | None:
    ref_type = payload["ref_type"].string()
    if ref_type != "branch":
        return None  # a deleted tag is reported by the push that comes with it
    _, branch = strip_ref(payload["ref"].string())
    if not branch_wanted(branch, request.query):
        return None
    return branch_deleted(repo_of(payload["repository"]), sender_of(payload), branch)
