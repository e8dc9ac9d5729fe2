"""Code: pushes to branches and tags, and the ``create`` and ``delete`` events that go with them.

GitHub sends a ``push`` for every branch or tag created, updated or
deleted, so ``push`` reports them all and ``create`` and ``delete`` post
nothing rather than the same news twice.
"""

from __future__ import annotations

from integrations.common.code_hosting import PushedRef, Repo, ref_pushed, strip_ref
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import commit_of, pusher_of, repo_of

# Branches GitHub's merge queue creates and deletes on its own for every
# queued pull request; their pushes say nothing a person did.
MERGE_QUEUE_PREFIX = "refs/heads/gh-readonly-queue/"


@integration.handles("push")
def on_push(payload: Payload, delivery: Delivery) -> Message | None:
    """The commits, at most ten, linked to the comparison; a new branch, a force push (with the
    old and new head) and a deleted branch are said as such, and a tag pushed or deleted goes to
    the `releases` topic. A commit's author is named when it is not the pusher. **Nothing** for
    the `gh-readonly-queue/...` branches GitHub's merge queue creates and deletes for every
    queued pull request."""
    ref = payload["ref"].string()
    # Not an action of its own: only the branch's name says it is the merge queue's.
    if ref.startswith(MERGE_QUEUE_PREFIX):
        return None
    repo = repo_of(payload["repository"])
    return ref_pushed(repo, pusher_of(payload), pushed_ref(payload, repo, ref), delivery)


def pushed_ref(payload: Payload, repo: Repo, ref: str) -> PushedRef:
    kind, name = strip_ref(ref)
    deleted = payload["deleted"].boolean()
    url = repo.page("tree", name)
    if kind == "tag":
        return PushedRef(name, is_tag=True, deleted=deleted, url=url)
    if deleted:
        return PushedRef(name, deleted=True)
    pusher = pusher_of(payload)
    return PushedRef(
        name,
        commits=[commit_of(node, pusher) for node in payload["commits"]],
        # GitHub's timeline events cap ``commits`` and give the true count in
        # ``size``; webhook deliveries list every commit and carry no size.
        total=payload["size"].integer(default=None),
        created=payload["created"].boolean(),
        forced=payload["forced"].boolean(),
        url=url,
        compare_url=payload["compare"].string(default=None),
        before=payload["before"].string(default=None),
        after=payload["after"].string(default=None),
    )


integration.ignores(
    "create",
    "delete",
    reason="GitHub sends a `push` with every branch or tag created or deleted, and that push "
    "reports it. Subscribe to pushes for branch and tag news.",
)
