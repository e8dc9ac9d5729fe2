"""``git.push``: branches and tags created, updated or deleted, with their commits.

One push may update several refs; Azure DevOps lists the push's commits
once, newest first, for all of them. The message leads with the first
branch that moved (else the first deleted, else the first tag), carries the
commits, and lists the other refs as "Also in this push". Azure does not
mark force pushes, so a forced push reads as an ordinary one.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    PushedRef,
    Repo,
    is_zero,
    paragraphs,
    refs_pushed,
    sha_link,
    strip_ref,
)
from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.azuredevops.declaration import PUSH, integration
from integrations.webhooks.azuredevops.readers import (
    branch_page,
    commit_of,
    compare_page,
    repo_of,
    user_of,
)


@integration.handles(PUSH)
def on_git_push(payload: Payload, delivery: Delivery) -> Message | None:
    """The commits, at most ten, oldest first, linked to the comparison; a new branch and a deleted
    branch are said as such, with the commit it points or pointed at, and a tag goes to the
    `releases` topic. A commit's author is named when it is not the pusher. Nothing for a branch
    `branches` leaves out."""
    resource = payload["resource"]
    repo = repo_of(resource["repository"])
    pusher = user_of(resource["pushedBy"])
    # Azure lists the newest commit first; messages read oldest first.
    commits = [
        commit_of(node, repo, pusher) for node in reversed(resource["commits"].array(default=[]))
    ]
    refs = resource["refUpdates"].array()
    newest = commits[-1].sha if commits else None
    # The push's commits belong to its only ref, or to the branch they lead to.
    changes = [
        pushed_ref(node, repo, commits if len(refs) == 1 or head_of(node) == newest else [])
        for node in refs
    ]
    message = refs_pushed(repo, pusher, changes, delivery)
    pointer = pointer_of(refs[0], repo) if len(refs) == 1 and not commits else None
    if message is None or pointer is None:
        return message
    return Message(topic=message.topic, content=paragraphs(message.content, pointer))


def pointer_of(node: Payload, repo: Repo) -> Markdown | None:
    """``It points at [0929a34](…).`` for a branch created without commits, ``It pointed at``
    for one deleted: the one commit such a push names, which Zulip's message carries too."""
    kind, _ = strip_ref(node["name"].string())
    before = node["oldObjectId"].string(default=None)
    after = head_of(node)
    if kind == "tag" or is_zero(before) == is_zero(after):
        return None
    sha = before if is_zero(after) else after
    if not sha:
        return None
    verb = "pointed" if is_zero(after) else "points"
    return md("It {} at {}.").format(verb, sha_link(sha, repo.page("commit", sha)))


def head_of(node: Payload) -> str | None:
    return node["newObjectId"].string(default=None)


def pushed_ref(node: Payload, repo: Repo, commits: list[Commit]) -> PushedRef:
    """One ref the push updated, with the commits that are its own."""
    kind, name = strip_ref(node["name"].string())
    before = node["oldObjectId"].string(default=None)
    after = head_of(node)
    deleted = is_zero(after)
    if kind == "tag":
        return PushedRef(name, is_tag=True, deleted=deleted, url=branch_page(repo, name))
    if deleted:
        return PushedRef(name, deleted=True)
    return PushedRef(
        name,
        created=is_zero(before),
        commits=commits,
        url=branch_page(repo, name),
        compare_url=compare_page(repo, before, after) if before and after else None,
    )


integration.ignores(
    "git.repo.created",
    "git.repo.deleted",
    "git.repo.forked",
    "git.repo.renamed",
    "git.repo.statuschanged",
    reason="Administration of the project's repositories, seldom news for a team's channel.",
)
integration.ignores(
    "ms.vss-endpoint.endpoint-created",
    "ms.vss-endpoint.endpoint-updated",
    reason="Administration of the project's service connections, seldom news for a team's channel.",
)
