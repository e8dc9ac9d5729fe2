"""Code: pushes to branches and tags, and the create and delete events that go with them.

Gitea sends a `push` for every new branch and for every new or deleted
tag, followed by a ``create`` or ``delete``. Only branch deletions come
without a push. So `push` reports branches and tags, ``delete`` reports
deleted branches, and the rest post nothing rather than the same news twice.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    PushedRef,
    Repo,
    is_zero,
    ref_pushed,
    strip_ref,
)
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.readers import (
    commit_of,
    optional_url,
    pusher_of,
    repo_of,
    sender_of,
)


@integration.handles("push")
def on_push(payload: Payload, delivery: Delivery) -> Message | None:
    """The commits, at most ten, linked to the comparison; a new branch, a force push (with the
    old and new head) and a deleted branch are said as such. A commit's author is named when
    it is not the pusher. A tag pushed or deleted goes to the `releases` topic."""
    repo = repo_of(payload["repository"], delivery)
    return ref_pushed(repo, pusher_of(payload), pushed_ref(payload, repo), delivery)


def pushed_ref(payload: Payload, repo: Repo) -> PushedRef:
    kind, name = strip_ref(payload["ref"].string())
    after = payload["after"].string(default=None)
    if kind == "tag":
        return PushedRef(
            name, is_tag=True, deleted=is_zero(after), url=repo.page("src", "tag", name)
        )
    before = payload["before"].string(default=None)
    # Gitea's Test Delivery sends the branch's latest commit with before equal
    # to after, on an empty repository a fake commit whose ID is all zeros:
    # nothing moved, so it neither deletes nor creates the branch.
    tested = before is not None and before == after
    if is_zero(after) and not tested:
        return PushedRef(name, deleted=True)
    url = repo.page("src", "branch", name)
    if is_zero(before) and not tested:
        # For a new branch Gitea lists the branch's latest commits, old ones
        # included, so the list would mislead: report the creation alone.
        return PushedRef(name, created=True, url=url)
    pusher = pusher_of(payload)
    # Gitea lists the newest commit first; messages read oldest first.
    commits = [commit_of(node, pusher) for node in reversed(payload["commits"].array(default=[]))]
    total = payload["total_commits"].integer(default=None)
    return PushedRef(
        name,
        commits=commits,
        total=total,
        # Gitea does not flag force pushes; a push that adds no commits moved
        # the branch back to an earlier commit, which only a force push can do.
        forced=not commits and not total,
        url=url,
        # A test's comparison of a commit with itself shows nothing.
        compare_url=None if tested else optional_url(payload["compare_url"]),
        before=before,
        after=after,
    )


integration.ignores(
    "create",
    reason="The `push` Gitea sends with it reports the new branch or tag (tick **Push** too).",
)


@integration.handles("delete", action="branch")
def on_branch_deleted(payload: Payload, delivery: Delivery) -> Message | None:
    """The branch deleted."""
    _, branch = strip_ref(payload["ref"].string())
    pushed = PushedRef(branch, deleted=True)
    return ref_pushed(
        repo_of(payload["repository"], delivery), sender_of(payload), pushed, delivery
    )


integration.ignores(
    "delete", action="tag", reason="The `push` that comes with it reports the deleted tag."
)
