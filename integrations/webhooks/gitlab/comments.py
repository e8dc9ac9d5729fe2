"""Comments (``Note Hook``, ``Confidential Note Hook``) on merge requests, issues, commits,
snippets and designs.

``object_attributes`` is the comment; its ``noteable_type`` says what it is
on, and the payload carries that thing under its own key (``merge_request``,
``issue``, ``commit``, ``snippet``). Comments on merge requests and issues go
to their topics; the others to the project's. Since GitLab 16.11 a comment
has an ``action``: ``create``, or ``update`` when it is edited.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from integrations.common.code_hosting import (
    Repo,
    User,
    activity,
    comment,
    commit_comment,
    quoted,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, escape, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import commit_of, ref_of, repo_of, user_of

EVENTS = ("Note Hook", "Confidential Note Hook")


@integration.handles(*EVENTS, action="create")
def on_comment(payload: Payload, delivery: Delivery) -> Message | None:
    """The comment: on a merge request or an issue, in its topic; on a commit, a snippet, a
    design or anything else, in the project's topic. Nothing for the notes GitLab writes
    itself ("changed the title"), which repeat other events."""
    note = payload["object_attributes"]
    if note["system"].boolean(default=False):
        return None
    repo, actor = repo_of(payload["project"]), user_of(payload["user"])
    text = note["note"].string(default="")
    url = note["url"].string(default=None)
    kind = note["noteable_type"].string()
    if kind == "MergeRequest":
        return comment(repo, actor, ref_of(payload["merge_request"]), "PR", text, url=url)
    if kind == "Issue":
        return comment(repo, actor, ref_of(payload["issue"]), "issue", text, url=url)
    if kind == "Commit":
        return commit_comment(repo, actor, commit_of(payload["commit"]), text, url=url)
    return in_project_topic(repo, actor, on_what(payload, kind), text, url)


integration.ignores(
    *EVENTS, action="update", reason="An edited comment was posted when it was written."
)


def on_what(payload: Payload, kind: str) -> Markdown:
    """What a comment without a topic of its own is on: a snippet, a design, or another kind."""
    if kind == "Snippet":
        snippet = payload["snippet"]
        title = snippet["title"].string()
        url = snippet["url"].string(default=None)
        return md("snippet {}").format(link(title, url) if url else title)
    if kind == "DesignManagement::Design":
        # Design comments carry the design's file in their position, not a design object.
        path = payload["object_attributes"]["position"]["new_path"].string(default="")
        name = PurePosixPath(path).name
        return md("design {}").format(code(name)) if name else md("a design")
    return md("a {}").format(kind)


def in_project_topic(
    repo: Repo, actor: User, thing: Markdown, text: str, url: str | None
) -> Message:
    """A comment in the project's topic: "commented on snippet X:"."""
    verb = link("commented", url) if url else escape("commented")
    head = md("{who} {verb} on {thing}:").format(who=who(actor), verb=verb, thing=thing)
    body = quoted(text)
    return activity(repo, Markdown("\n\n").join([head, body]) if body else head)
