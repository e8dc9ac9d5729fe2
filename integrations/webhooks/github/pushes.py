"""Code: pushes to branches and tags, and the ``create`` and ``delete`` events that go with them.

GitHub sends a ``push`` for every branch or tag created, updated or
deleted, so ``push`` reports them all and ``create`` and ``delete`` post
nothing rather than the same news twice.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    PushedRef,
    Repo,
    is_zero,
    paragraphs,
    ref_pushed,
    repo_link,
    strip_ref,
)
from integrations.common.code_hosting.pushes import branch_ref
from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.github.declaration import INCLUDE_REPOSITORY_NAME, integration
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
    queued pull request. With `include_repository_name`, a push to a branch names the
    repository too."""
    ref = payload["ref"].string()
    # Not an action of its own: only the branch's name says it is the merge queue's.
    if ref.startswith(MERGE_QUEUE_PREFIX):
        return None
    repo = repo_of(payload["repository"], delivery)
    pushed = pushed_ref(payload, repo, ref)
    message = ref_pushed(repo, pusher_of(payload), pushed, delivery)
    if message is None or pushed.is_tag or not delivery.options[INCLUDE_REPOSITORY_NAME]:
        return message
    return of_repository(message, repo, pushed)


def of_repository(message: Message, repo: Repo, pushed: PushedRef) -> Message:
    """The push message with the repository after the branch: "to main of owner/repo".

    The branch is shown in the message's first sentence exactly as the shared
    push messages show it, so the repository goes right after it.
    """
    head, gap, rest = message.content.partition("\n\n")
    branch = code(pushed.name) if pushed.deleted else branch_ref(pushed.name, pushed.url)
    named = branch + md(" of {}").format(repo_link(repo))
    head = Markdown(head.replace(branch, named, 1))
    return Message(topic=message.topic, content=paragraphs(head, Markdown(rest)) if gap else head)


def pushed_ref(payload: Payload, repo: Repo, ref: str) -> PushedRef:
    kind, name = strip_ref(ref)
    after = payload["after"].string(default=None)
    before = payload["before"].string(default=None)
    # Relayed timeline events lack the flags; the all-zero ids say the same.
    deleted = payload["deleted"].boolean(default=is_zero(after))
    url = repo.page("tree", name)
    if kind == "tag":
        return PushedRef(name, is_tag=True, deleted=deleted, url=url)
    if deleted:
        return PushedRef(name, deleted=True)
    pusher = pusher_of(payload)
    return PushedRef(
        name,
        commits=[commit_of(node, pusher) for node in payload["commits"].array(default=[])],
        # GitHub's timeline events cap ``commits`` and give the true count in
        # ``size``; webhook deliveries list every commit and carry no size.
        total=payload["size"].integer(default=None),
        created=payload["created"].boolean(default=is_zero(before)),
        forced=payload["forced"].boolean(default=False),
        url=url,
        compare_url=payload["compare"].string(default=None),
        before=before,
        after=after,
    )


integration.ignores(
    "create",
    "delete",
    reason="GitHub sends a `push` with every branch or tag created or deleted, and that push "
    "reports it. Subscribe to pushes for branch and tag news.",
)
