"""``repo:push``: branches and tags created, updated, force-pushed or deleted.

One push can carry several changes (``git push --all``, a branch and its
tags). A handler posts one message, so the first branch change (or, with
none, the first tag) is the message and goes to its own topic; the other
changes follow as an "Also in this push" list of one line each. Changes to
branches that ``branches=`` leaves out are dropped before choosing; tags are
not subject to that filter.

Bitbucket lists at most five commits per change, newest first, and sets
``truncated`` when there were more; the count of the others is not sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.common.code_hosting import (
    COMMIT_LIMIT,
    Commit,
    Repo,
    User,
    branch_deleted,
    branch_ref,
    branch_topic,
    branch_wanted,
    commit_list,
    push,
    tag,
    who,
)
from integrations.core import (
    Markdown,
    Message,
    Payload,
    WebhookRequest,
    bullet_list,
    escape,
    link,
    md,
)
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.entities import account, actor, html_url, ignored, repository


@dataclass(frozen=True)
class Change:
    """One ref the push touched, and the message it makes on its own."""

    is_tag: bool
    name: str
    message: Message


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
    # Branch changes first: their commits matter more than the tags beside them.
    first, *others = sorted(kept, key=lambda change: change.is_tag)
    return with_others(first.message, others)


def with_others(message: Message, others: list[Change]) -> Message:
    if not others:
        return message
    lines = [headline(change.message) for change in others]
    also = md("Also in this push:\n") + bullet_list(lines, limit=COMMIT_LIMIT)
    return Message(topic=message.topic, content=Markdown("\n\n").join([message.content, also]))


def headline(message: Message) -> Markdown:
    """The first sentence of a change's message, which says what happened to its ref."""
    return Markdown(message.content.split("\n\n", 1)[0])


def read_change(repo: Repo, pusher: User, change: Payload) -> Change:
    new, old = change["new"], change["old"]
    # A deleted ref has no "new"; the old one says what it was.
    ref = new if new.exists() else old
    is_tag = ref["type"].string() == "tag"
    name = ref["name"].string()
    if is_tag:
        message = tag(repo, pusher, name, deleted=not new.exists(), url=html_url(ref))
    elif not new.exists():
        message = branch_deleted(repo, pusher, name)
    else:
        message = branch_push(repo, pusher, name, change, created=not old.exists())
    return Change(is_tag=is_tag, name=name, message=message)


def branch_push(
    repo: Repo, pusher: User, branch: str, change: Payload, *, created: bool
) -> Message:
    # Bitbucket lists the newest commit first; messages read oldest first.
    commits = [
        read_commit(commit, pusher) for commit in reversed(change["commits"].array(default=[]))
    ]
    created = change["created"].boolean(default=created)
    forced = change["forced"].boolean(default=False)
    branch_url = html_url(change["new"])
    if change["truncated"].boolean(default=False) and not forced:
        return unlisted_push(repo, pusher, branch, commits, created, html_url(change), branch_url)
    return push(
        repo,
        pusher,
        branch,
        commits,
        created=created,
        forced=forced,
        compare_url=html_url(change),
        branch_url=branch_url,
        before=change["old"]["target"]["hash"].string(default=None) if forced else None,
        after=change["new"]["target"]["hash"].string(default=None) if forced else None,
    )


def unlisted_push(
    repo: Repo,
    pusher: User,
    branch: str,
    commits: list[Commit],
    created: bool,
    compare_url: str | None,
    branch_url: str | None,
) -> Message:
    """A push with more commits than Bitbucket listed, and no count of the others.

    The shared ``push`` needs the total; here only "more than N" is known.
    """
    count = escape(f"more than {len(commits)} commits")
    target = branch_ref(repo, branch, branch_url)
    if created:
        head = md("{who} created branch {branch} with {count}.")
    else:
        count = link(count, compare_url) if compare_url else count
        head = md("{who} pushed {count} to {branch}.")
    head = head.format(who=who(pusher), branch=target, count=count)
    return Message(
        topic=branch_topic(repo, branch),
        content=Markdown("\n\n").join([head, commit_list(commits)]),
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
