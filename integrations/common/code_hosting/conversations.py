"""Pull requests, issues, their comments and reviews, in the topics of the shared convention."""

from __future__ import annotations

from integrations.common.code_hosting.edits import Edit, told
from integrations.common.code_hosting.records import (
    Commit,
    Ref,
    Repo,
    User,
    area_topic,
    discussion_topic,
    issue_topic,
    pr_topic,
)
from integrations.common.code_hosting.text import (
    detail_text,
    paragraphs,
    quoted,
    ref_link,
    sha_link,
    who,
)
from integrations.core.markup import Markdown, code, escape, link, md
from integrations.core.message import Message


def pull_request(
    repo: Repo,
    actor: User,
    pr: Ref,
    action: Markdown | str,
    *,
    source: str | None = None,
    target: str | None = None,
    body: str | None = None,
    detail: Markdown | str | None = None,
    after: Markdown | str | None = None,
) -> Message:
    """``action`` is a past-tense verb phrase: "opened", "merged", "closed".

    ``after`` follows the reference ("closed PR #5 without merging");
    ``source``/``target`` branches are shown for openings; ``body`` is quoted
    as an excerpt; ``detail`` is a trusted or plain extra sentence.
    """
    head = md("{who} {action} {pr}").format(
        who=who(actor), action=action, pr=ref_link(pr.label, pr)
    )
    if after:
        head += md(" {}").format(after)
    if source and target:
        head += md(" from {} into {}").format(code(source), code(target))
    head += md(".")
    return Message(
        topic=pr_topic(repo, pr), content=paragraphs(head, detail_text(detail), quoted(body))
    )


def issue(
    repo: Repo,
    actor: User,
    item: Ref,
    action: Markdown | str,
    *,
    body: str | None = None,
    detail: Markdown | str | None = None,
    after: Markdown | str | None = None,
) -> Message:
    """Like ``pull_request``: ``after`` follows the reference ("closed issue #3 as not planned")."""
    head = md("{who} {action} {issue}").format(
        who=who(actor), action=action, issue=ref_link("issue", item)
    )
    if after:
        head += md(" {}").format(after)
    head += md(".")
    return Message(
        topic=issue_topic(repo, item), content=paragraphs(head, detail_text(detail), quoted(body))
    )


def edited(repo: Repo, actor: User, item: Ref, kind: str, edits: list[Edit]) -> Message | None:
    """An edit of a pull request (``kind="PR"``) or issue, told from what it changed.

    None when nothing a reader would see changed.
    """
    if not edits:
        return None
    words = told(edits)
    build = pull_request if kind == "PR" else issue
    return build(
        repo, actor, item, words.verb, after=words.after, detail=words.detail, body=words.text
    )


def comment(
    repo: Repo,
    actor: User,
    on: Ref,
    kind: str,
    text: str,
    *,
    url: str | None = None,
    verb: str = "commented",
) -> Message:
    """A comment on a PR (``kind="PR"``), an issue (``"issue"``) or a discussion."""
    what = link(verb, url) if url else escape(verb)
    label = on.label if kind == "PR" else kind
    body = quoted(text)
    # A comment with nothing left to show (only an image, a template) ends the sentence.
    head = md("{who} {verb} on {ref}{end}").format(
        who=who(actor), verb=what, ref=ref_link(label, on), end=":" if body else "."
    )
    topics = {"PR": pr_topic, "discussion": discussion_topic}
    topic = topics.get(kind, issue_topic)(repo, on)
    return Message(topic=topic, content=paragraphs(head, body))


def commit_comment(
    repo: Repo, actor: User, commit: Commit, text: str, *, url: str | None = None
) -> Message:
    """A comment on a commit, in the repository's topic."""
    what = link("commented", url) if url else escape("commented")
    body = quoted(text)
    head = md("{who} {verb} on commit {sha}{end}").format(
        who=who(actor), verb=what, sha=sha_link(commit.sha, commit.url), end=":" if body else "."
    )
    return Message(topic=area_topic(repo), content=paragraphs(head, body))


REVIEW_STATES = {
    "approved": "approved",
    "changes_requested": "requested changes on",
    "commented": "reviewed",
    "dismissed": "dismissed a review on",
}


def review(
    repo: Repo, actor: User, pr: Ref, state: str, *, body: str | None = None, url: str | None = None
) -> Message:
    verb = REVIEW_STATES.get(state.lower(), "reviewed")
    shown = link(verb, url) if url else escape(verb)
    head = md("{who} {verb} {pr}.").format(who=who(actor), verb=shown, pr=ref_link(pr.label, pr))
    return Message(topic=pr_topic(repo, pr), content=paragraphs(head, quoted(body)))
