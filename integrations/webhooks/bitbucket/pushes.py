"""``repo:push``: branches and tags created, updated, force-pushed or deleted.

One push can carry several changes (``git push --all``, a branch and its
tags). A handler posts one message, so one change is the message and goes
to its own topic: the first branch that received commits, else the first
branch deleted, else the first tag. The other changes follow as an "Also in
this push" list of one line each. Changes to branches that ``branches=``
leaves out are dropped before choosing; tags are not subject to that filter.

Bitbucket lists at most five commits per change, newest first, and sets
``truncated`` when there were more; the count of the others is not sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from integrations.common.code_hosting import (
    COMMIT_LIMIT,
    Commit,
    Repo,
    User,
    branch_deleted,
    branch_wanted,
    push,
    tag,
    who,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, bullet_list, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.entities import account, actor, html_url, ignored, repository

# A change's message, given the lines of the other changes to list below it.
Compose = Callable[[Sequence[Markdown]], Message]


@dataclass(frozen=True)
class Change:
    """One ref the push touched, and how to write its message."""

    is_tag: bool
    deleted: bool
    name: str
    compose: Compose

    def rank(self) -> int:
        """Which change leads the message: commits first, then deletions, then tags."""
        return 2 if self.is_tag else 1 if self.deleted else 0


@integration.handles("repo:push")
def repo_push(payload: Payload, request: WebhookRequest) -> Message | None:
    if ignored(payload, request):
        return None
    repo, pusher = repository(payload), actor(payload)
    changes = [read_change(repo, pusher, change) for change in payload["push"]["changes"]]
    kept = [
        change for change in changes if change.is_tag or branch_wanted(change.name, request.query)
    ]
    # A push without changes (Bitbucket sends some), or none the filter kept: nothing to say.
    if not kept:
        return None
    first, *others = sorted(kept, key=Change.rank)
    return first.compose([also_line(change.compose(()), pusher) for change in others])


def also_line(message: Message, pusher: User) -> Markdown:
    """A change's first sentence without its subject, as in "pushed tag `v2`".

    The sentence comes from a shared builder, which starts with the pusher in
    bold; the list sits under a sentence that already names them.
    """
    head = message.content.split("\n\n", 1)[0]
    subject = who(pusher) + md(" ")
    if head.startswith(subject):
        head = head[len(subject) :]
    return Markdown(head.removesuffix("."))


def with_others(message: Message, others: Sequence[Markdown]) -> Message:
    """A tag or a deleted branch, followed by the push's other changes.

    The shared ``push`` lists them itself (``also``); ``tag`` and
    ``branch_deleted`` cannot yet, so this adds the same list the same way.
    """
    if not others:
        return message
    also = md("Also in this push:\n") + bullet_list(
        list(others), limit=COMMIT_LIMIT, more="[and {count} more]"
    )
    return Message(topic=message.topic, content=Markdown("\n\n").join([message.content, also]))


def read_change(repo: Repo, pusher: User, change: Payload) -> Change:
    new, old = change["new"], change["old"]
    # A deleted ref has no "new"; the old one says what it was.
    ref = new if new.exists() else old
    is_tag = ref["type"].string() == "tag"
    name = ref["name"].string()
    deleted = not new.exists()
    if is_tag:
        message = tag(repo, pusher, name, deleted=deleted, url=html_url(ref))
        return Change(is_tag, deleted, name, lambda others: with_others(message, others))
    if deleted:
        gone = branch_deleted(repo, pusher, name)
        return Change(is_tag, deleted, name, lambda others: with_others(gone, others))
    return Change(
        is_tag,
        deleted,
        name,
        lambda others: branch_push(
            repo, pusher, name, change, created=not old.exists(), also=others
        ),
    )


def branch_push(
    repo: Repo,
    pusher: User,
    branch: str,
    change: Payload,
    *,
    created: bool,
    also: Sequence[Markdown],
) -> Message:
    # Bitbucket lists the newest commit first; messages read oldest first.
    commits = [
        read_commit(commit, pusher) for commit in reversed(change["commits"].array(default=[]))
    ]
    created = change["created"].boolean(default=created)
    forced = change["forced"].boolean(default=False)
    truncated = change["truncated"].boolean(default=False)
    if created and truncated:
        # "with 5 commits" would be wrong and the real count is not sent:
        # report the new branch, whose page lists its commits.
        commits = []
    return push(
        repo,
        pusher,
        branch,
        commits,
        created=created,
        forced=forced,
        more=truncated,
        compare_url=html_url(change),
        branch_url=html_url(change["new"]),
        before=change["old"]["target"]["hash"].string(default=None) if forced else None,
        after=change["new"]["target"]["hash"].string(default=None) if forced else None,
        also=also,
    )


def read_commit(commit: Payload, pusher: User) -> Commit:
    return Commit(
        sha=commit["hash"].string(),
        message=commit["message"].string(default=""),
        url=html_url(commit),
        author=author_unless(commit["author"], pusher),
    )


def author_unless(author: Payload, pusher: User) -> str | None:
    """The commit's author, left out when it is the pusher (the usual case)."""
    if author["user"].exists():
        name = account(author["user"]).name
    else:
        # "Name <address>": the name only; addresses stay out of the channel.
        name = author["raw"].string(default="").split("<", 1)[0].strip()
    return name if name and name != pusher.name else None
