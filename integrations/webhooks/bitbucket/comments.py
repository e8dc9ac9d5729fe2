"""Comments: on pull requests (``pullrequest:comment_*``), issues and commits.

A pull request's comment has five keys: created, updated, resolved and
reopened (a comment thread's state) and deleted. A comment on a line of
the diff says which file and line (``inline``). Issues and commits only
tell of new comments.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    User,
    comment,
    commit_comment,
    paragraphs,
    pr_topic,
    quoted,
    ref_link,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, escape, link, md
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.readers import (
    actor_of,
    html_url,
    issue_ref,
    pr_ref,
    repo_of,
    text_of,
    user_of,
)

# Each key of a comment on a pull request, and the words that link to it.
VERBS = {
    "pullrequest:comment_created": "commented",
    "pullrequest:comment_updated": "edited a comment",
    "pullrequest:comment_resolved": "resolved a comment",
    "pullrequest:comment_reopened": "reopened a comment",
}


@integration.handles(*VERBS)
def on_pull_request_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, quoted, in the pull request's topic, with the file and line it is on: new or
    edited, or its thread resolved or reopened (naming whose comment it was)."""
    said, actor = payload["comment"], actor_of(payload)
    verb, url = VERBS[delivery.event], html_url(said)
    head = md("{who} {verb}").format(who=who(actor), verb=link(verb, url) if url else escape(verb))
    if delivery.event != "pullrequest:comment_created":
        head += by_someone_else(said, actor)
    head += md(" {}:").format(on_pull_request(said, payload))
    topic = pr_topic(repo_of(payload["repository"], delivery), pr_ref(payload))
    return Message(topic=topic, content=paragraphs(head, quoted(text_of(said))))


@integration.handles("pullrequest:comment_deleted")
def on_pull_request_comment_deleted(payload: Payload, delivery: Delivery) -> Message:
    """That a comment was deleted, and whose; its text, posted when it was written, is not
    repeated."""
    said, actor = payload["comment"], actor_of(payload)
    head = md("{who} deleted a comment").format(who=who(actor))
    head += by_someone_else(said, actor) + md(" {}.").format(on_pull_request(said, payload))
    topic = pr_topic(repo_of(payload["repository"], delivery), pr_ref(payload))
    return Message(topic=topic, content=head)


def on_pull_request(said: Payload, payload: Payload) -> Markdown:
    """Where a comment is: on PR #7, or on `src/app.js` (line 12) in PR #7 on the diff."""
    pr = ref_link("PR", pr_ref(payload))
    path = said["inline"]["path"].string(default=None)
    if not path:
        return md("on {}").format(pr)
    place = code(path)
    inline = said["inline"]
    line = inline["to"].integer(default=None) or inline["from"].integer(default=None)
    if line:
        place += md(" (line {})").format(line)
    return md("on {} in {}").format(place, pr)


def by_someone_else(said: Payload, actor: User) -> Markdown:
    """Whose comment it is, " by **Bo**", when not the actor's own; nothing when it is or is
    unsaid."""
    if not said["user"].exists():
        return Markdown("")
    author = user_of(said["user"])
    return md(" by {}").format(who(author)) if author.name != actor.name else Markdown("")


@integration.handles("issue:comment_created")
def on_issue_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, quoted, in the issue's topic."""
    said = payload["comment"]
    return comment(
        repo_of(payload["repository"], delivery),
        actor_of(payload),
        issue_ref(payload),
        "issue",
        text_of(said),
        url=html_url(said),
    )


@integration.handles("repo:commit_comment_created")
def on_commit_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment and its commit, in the repository's topic.

    Bitbucket's trigger: Commit comment created.
    """
    said = payload["comment"]
    commit = payload["commit"] if payload["commit"]["hash"].exists() else said["commit"]
    repo, sha = repo_of(payload["repository"], delivery), commit["hash"].string()
    # The comment's copy of the commit carries the web link; the top-level one
    # may not, and older payloads give the commit as its hash alone.
    url = html_url(said["commit"]) or html_url(payload["commit"]) or repo.page("commits", sha)
    return commit_comment(
        repo,
        actor_of(payload),
        Commit(sha=sha, message="", url=url),
        text_of(said),
        url=html_url(said),
    )
