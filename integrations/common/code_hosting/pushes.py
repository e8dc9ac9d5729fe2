"""Pushes: one skeleton for every code host, and the messages it writes.

A service's push payload is read into ``PushedRef`` records, one for each
branch or tag the push changed; ``ref_pushed`` then decides, the same way
for every service, what to say: a tag pushed or deleted, nothing for a
branch the ``branches`` option leaves out, a deleted branch, or the commits
of a new, forced or plain push.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from integrations.common.code_hosting.options import branch_wanted
from integrations.common.code_hosting.records import (
    Commit,
    Repo,
    User,
    area_topic,
    branch_topic,
    releases_topic,
    short,
)
from integrations.common.code_hosting.text import (
    first_line,
    paragraphs,
    plural,
    sha_link,
    who,
)
from integrations.core.markup import Markdown, bullet_list, code, escape, link, md
from integrations.core.message import Message
from integrations.core.routing import Delivery

COMMIT_LIMIT = 10  # commits listed in a push; the rest are counted


@dataclass(frozen=True)
class PushedRef:
    """One branch or tag a push changed, as the service described it.

    ``total`` is the number of commits when the service lists only some;
    ``more`` says there were more than those listed when it gives no count.
    ``url`` is the branch's or tag's page; ``compare_url`` the comparison.
    """

    name: str
    is_tag: bool = False
    created: bool = False
    deleted: bool = False
    forced: bool = False
    commits: Sequence[Commit] = ()
    total: int | None = None
    more: bool = False
    url: str | None = None
    compare_url: str | None = None
    before: str | None = None
    after: str | None = None


def ref_pushed(
    repo: Repo,
    pusher: User,
    pushed: PushedRef,
    delivery: Delivery,
    *,
    also: Sequence[Markdown] = (),
) -> Message | None:
    """The message for one ref a push changed; None for a branch ``branches`` leaves out.

    Tags are not subject to the branch filter. ``also`` lists the other refs
    the same push changed, one line each.
    """
    if pushed.is_tag:
        return tag(repo, pusher, pushed.name, deleted=pushed.deleted, url=pushed.url, also=also)
    if not branch_wanted(pushed.name, delivery):
        return None
    if pushed.deleted:
        return branch_deleted(repo, pusher, pushed.name, also=also)
    return push(
        repo,
        pusher,
        pushed.name,
        pushed.commits,
        total=pushed.total,
        created=pushed.created,
        forced=pushed.forced,
        compare_url=pushed.compare_url,
        branch_url=pushed.url,
        before=pushed.before,
        after=pushed.after,
        more=pushed.more,
        also=also,
    )


def refs_pushed(
    repo: Repo, pusher: User, changes: Sequence[PushedRef], delivery: Delivery
) -> Message | None:
    """One message for a push that changed several refs; None when none is to be told.

    One ref leads (the first branch that moved, else the first deleted, else
    the first tag) and the others follow as "Also in this push". The message
    goes to the topic they share; refs of different topics go together to
    the repository's topic, so a tag never lands in a branch's topic, nor
    one branch in another's. Branches ``branches`` leaves out are dropped
    first.
    """
    alone = [(pushed, ref_pushed(repo, pusher, pushed, delivery)) for pushed in changes]
    told = sorted(
        ((pushed, message) for pushed, message in alone if message is not None),
        key=lambda item: _lead_order(item[0]),
    )
    if not told:
        return None
    (lead, _), *others = told
    also = [_without_subject(other, pusher) for _, other in others]
    message = ref_pushed(repo, pusher, lead, delivery, also=also)
    if message is None or len({each.topic for _, each in told}) == 1:
        return message
    return Message(topic=area_topic(repo), content=message.content)


def _lead_order(pushed: PushedRef) -> int:
    return 2 if pushed.is_tag else 1 if pushed.deleted else 0


def _without_subject(message: Message, pusher: User) -> Markdown:
    """A ref's first sentence without the pusher it starts with: "pushed tag `v2`"."""
    head = message.content.split("\n\n", 1)[0]
    subject = who(pusher) + md(" ")
    if head.startswith(subject):
        head = head[len(subject) :]
    return Markdown(head.removesuffix("."))


def commit_line(commit: Commit) -> Markdown:
    title = first_line(commit.message) or "(no message)"
    line = md("{title} ({sha})").format(title=title, sha=sha_link(commit.sha, commit.url))
    if commit.author:
        line = md("{line} — {author}").format(line=line, author=commit.author)
    return line


def commit_list(commits: Sequence[Commit], total: int | None = None) -> Markdown:
    """Commits as a bulleted list of at most ten, then how many more there were."""
    total = len(commits) if total is None else max(total, len(commits))
    shown = [commit_line(commit) for commit in commits[:COMMIT_LIMIT]]
    listed = bullet_list(shown)
    left_out = total - len(shown)
    if left_out > 0:
        noun = "commit" if left_out == 1 else "commits"
        more = md("[and {count} more {noun}]").format(count=left_out, noun=noun)
        return Markdown("\n").join([listed, more]) if listed else more
    return listed


def branch_ref(branch: str, url: str | None = None) -> Markdown:
    return link(branch, url) if url else code(branch)


def also_in_push(also: Sequence[Markdown]) -> Markdown:
    """The other refs one push changed, under the message of the one it leads with."""
    if not also:
        return Markdown("")
    return md("Also in this push:\n") + bullet_list(
        list(also), limit=COMMIT_LIMIT, more="[and {count} more]"
    )


def push(
    repo: Repo,
    pusher: User,
    branch: str,
    commits: Sequence[Commit],
    *,
    total: int | None = None,
    created: bool = False,
    forced: bool = False,
    compare_url: str | None = None,
    branch_url: str | None = None,
    before: str | None = None,
    after: str | None = None,
    more: bool = False,
    also: Sequence[Markdown] = (),
) -> Message:
    """A push to a branch: new, forced or plain, with its commits."""
    count = len(commits) if total is None else max(total, len(commits))
    target = branch_ref(branch, branch_url)
    if created:
        head = md("{who} created branch {branch}").format(who=who(pusher), branch=target)
        head += md(" with {}.").format(plural(count, "commit")) if count else md(".")
    elif forced:
        head = md("{who} force-pushed {branch}").format(who=who(pusher), branch=target)
        if before and after:
            head += md(" from {} to {}").format(code(short(before)), code(short(after)))
        head += md(".")
    else:
        counted = plural(count, "commit")
        if more:
            counted = f"more than {counted}"
        pushed = link(counted, compare_url) if compare_url else escape(counted)
        head = md("{who} pushed {pushed} to {branch}.").format(
            who=who(pusher), pushed=pushed, branch=target
        )
    return Message(
        topic=branch_topic(repo, branch),
        content=paragraphs(head, commit_list(commits, total), also_in_push(also)),
    )


def branch_deleted(
    repo: Repo, pusher: User, branch: str, *, also: Sequence[Markdown] = ()
) -> Message:
    head = md("{who} deleted branch {branch}.").format(who=who(pusher), branch=code(branch))
    return Message(topic=branch_topic(repo, branch), content=paragraphs(head, also_in_push(also)))


def tag(
    repo: Repo,
    pusher: User,
    name: str,
    *,
    deleted: bool = False,
    url: str | None = None,
    also: Sequence[Markdown] = (),
) -> Message:
    verb = "deleted" if deleted else "pushed"
    label = code(name) if deleted or not url else link(name, url)
    head = md("{who} {verb} tag {tag}.").format(who=who(pusher), verb=verb, tag=label)
    return Message(topic=releases_topic(repo), content=paragraphs(head, also_in_push(also)))
