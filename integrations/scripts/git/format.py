"""Messages about pushes: commit lists and the sentence above them.

Nothing here runs git; it formats what a hook (or, later, a webhook such as
GitHub's) found out about a push. Every function takes plain values, escapes
all of them, and returns Zulip Markdown:

* ``commit_line(commit)``: one commit, as a list item shows it;
* ``commit_list(commits, total=..., limit=...)``: a bulleted list that ends
  with "[and N more commits]" when there are more than ``limit``;
* ``pushed``, ``branch_created``, ``branch_deleted``, ``force_pushed``,
  ``tag_pushed``, ``tags_pushed``, ``tag_deleted``: the whole message for
  each kind of change.

``line`` arguments take any function from ``Commit`` to ``Markdown``, so a
user's configuration can choose how a commit looks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from integrations.core.markup import Markdown, bold, bullet_list, code, link, md

DEFAULT_LIMIT = 20
SHORT_ID = 7


@dataclass(frozen=True)
class Commit:
    """A commit as a message shows it. ``url`` links its id when given."""

    id: str
    subject: str
    author: str
    url: str | None = None
    merge: bool = False
    # The abbreviation people know, if not the first 7 characters (hg uses 12).
    short: str | None = None

    @property
    def short_id(self) -> str:
        return self.short or self.id[:SHORT_ID]


CommitLine = Callable[[Commit], Markdown]


def commit_line(commit: Commit) -> Markdown:
    """``Fix the parser (`1a2b3c4`) by Alice``, the id linked when the commit has a URL."""
    commit_id = link(commit.short_id, commit.url) if commit.url else code(commit.short_id)
    subject = commit.subject.strip() or "(no message)"
    return md("{subject} ({id}) by {author}").format(
        subject=subject, id=commit_id, author=commit.author
    )


def count(number: int, noun: str) -> str:
    """``1 commit``, ``2 commits``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def commit_list(
    commits: Sequence[Commit],
    *,
    total: int | None = None,
    limit: int = DEFAULT_LIMIT,
    line: CommitLine = commit_line,
) -> Markdown:
    """A bulleted list of at most ``limit`` commits, then how many were left out.

    ``total`` is the number of commits in the push when ``commits`` holds only
    the first of them (a hook need not read ten thousand commits to list 20).
    """
    total = len(commits) if total is None else max(total, len(commits))
    shown = [line(commit) for commit in commits[:limit]]
    left_out = total - len(shown)
    listed = bullet_list(shown)
    if left_out > 0:
        noun = "commit" if left_out == 1 else "commits"
        more = md("[and {count} more {noun}]").format(count=str(left_out), noun=noun)
        listed = Markdown("\n").join([listed, more]) if shown else more
    return listed


def _with_list(sentence: Markdown, listed: Markdown) -> Markdown:
    return sentence + Markdown("\n\n") + listed if listed else sentence


def pushed(
    pusher: str,
    branch: str,
    commits: Sequence[Commit],
    *,
    total: int | None = None,
    limit: int = DEFAULT_LIMIT,
    line: CommitLine = commit_line,
) -> Markdown:
    """A fast-forward push of new commits to an existing branch."""
    number = len(commits) if total is None else total
    sentence = md("{pusher} pushed {count} to branch {branch}.").format(
        pusher=bold(pusher), count=count(number, "commit"), branch=code(branch)
    )
    return _with_list(sentence, commit_list(commits, total=number, limit=limit, line=line))


def branch_created(
    pusher: str,
    branch: str,
    head: str,
    commits: Sequence[Commit],
    *,
    total: int | None = None,
    limit: int = DEFAULT_LIMIT,
    line: CommitLine = commit_line,
) -> Markdown:
    """A new branch; ``commits`` are those no other branch had."""
    number = len(commits) if total is None else total
    if number == 0:
        return md("{pusher} created branch {branch} at {head}.").format(
            pusher=bold(pusher), branch=code(branch), head=code(head[:SHORT_ID])
        )
    sentence = md("{pusher} created branch {branch} with {count}.").format(
        pusher=bold(pusher), branch=code(branch), count=count(number, "new commit")
    )
    return _with_list(sentence, commit_list(commits, total=number, limit=limit, line=line))


def branch_deleted(pusher: str, branch: str, old: str) -> Markdown:
    return md("{pusher} deleted branch {branch} (it was at {old}).").format(
        pusher=bold(pusher), branch=code(branch), old=code(old[:SHORT_ID])
    )


def force_pushed(
    pusher: str,
    branch: str,
    removed: Sequence[Commit],
    added: Sequence[Commit],
    *,
    removed_total: int | None = None,
    added_total: int | None = None,
    limit: int = DEFAULT_LIMIT,
    line: CommitLine = commit_line,
) -> Markdown:
    """A push that rewrote history: some commits left the branch, others came."""
    gone = len(removed) if removed_total is None else removed_total
    came = len(added) if added_total is None else added_total
    parts = [
        md("{pusher} force-pushed branch {branch}: {gone} removed, {came} added.").format(
            pusher=bold(pusher),
            branch=code(branch),
            gone=count(gone, "commit"),
            came=count(came, "commit"),
        )
    ]
    if gone:
        parts.append(md("Removed:\n") + commit_list(removed, total=gone, limit=limit, line=line))
    if came:
        parts.append(md("Added:\n") + commit_list(added, total=came, limit=limit, line=line))
    return Markdown("\n\n").join(parts)


def tag_pushed(
    pusher: str, tag: str, target: str, *, moved: bool = False, kind: str = "commit"
) -> Markdown:
    """A tag at a commit; ``kind`` names what else it tags (a ``tree``, a ``blob``)."""
    template = (
        "{pusher} moved tag {tag} to {target}."
        if moved
        else "{pusher} pushed tag {tag} at {target}."
    )
    target_id = code(target[:SHORT_ID])
    shown = target_id if kind == "commit" else md("{kind} {id}").format(kind=kind, id=target_id)
    return md(template).format(pusher=bold(pusher), tag=code(tag), target=shown)


def tags_pushed(
    pusher: str, tags: Sequence[tuple[str, str]], *, total: int, limit: int = DEFAULT_LIMIT
) -> Markdown:
    """Many new tags at once (an imported history): the first ones with their
    targets, then how many more; ``total`` counts them all."""
    sentence = md("{pusher} pushed {count}.").format(pusher=bold(pusher), count=count(total, "tag"))
    shown = [
        md("{tag} at {target}").format(tag=code(tag), target=code(target[:SHORT_ID]))
        for tag, target in tags[:limit]
    ]
    listed = bullet_list(shown)
    left_out = total - len(shown)
    if left_out > 0:
        more = md("[and {count}]").format(count=count(left_out, "more tag"))
        listed = Markdown("\n").join([listed, more]) if shown else more
    return _with_list(sentence, listed)


def tag_deleted(pusher: str, tag: str) -> Markdown:
    return md("{pusher} deleted tag {tag}.").format(pusher=bold(pusher), tag=code(tag))
