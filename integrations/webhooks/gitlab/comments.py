"""Comments (``Note Hook``, ``Confidential Note Hook``) on merge requests, issues, commits,
snippets and designs.

``object_attributes`` is the comment; its ``noteable_type`` says what it is
on, and the payload carries that thing under its own key (``merge_request``,
``issue``, ``commit``, ``snippet``; a design only in the comment's
``position``). Each goes to the topic of what it is on, as in Zulip's own
integration: the merge request's, the issue's, ``<project> / snippet #N
<title>``, ``<project> / design <file>``; comments on commits go to the
project's. Since GitLab 16.11 a comment has an ``action``: ``create``, or
``update`` when it is edited.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    area_topic,
    comment,
    commit_comment,
    paragraphs,
    quoted,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, escape, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import (
    commit_of,
    issue_ref,
    mr_ref,
    repo_of,
    thing_named,
    user_of,
)

EVENTS = ("Note Hook", "Confidential Note Hook")


@integration.handles(*EVENTS, action="create")
def on_comment(payload: Payload, delivery: Delivery) -> Message | None:
    """The comment, in the topic of what it is on: a merge request, an issue, a snippet or a
    design (linked to it); on a commit or anything else, in the project's topic. Nothing for
    the notes GitLab writes itself ("changed the title"), which repeat other events."""
    note = payload["object_attributes"]
    if note["system"].boolean(default=False):
        return None
    repo, actor = repo_of(payload["project"], delivery), user_of(payload["user"])
    text = note["note"].string(default="")
    url = note["url"].string(default=None)
    kind = noteable_type(payload)
    if kind == "MergeRequest":
        merge_request = paged(mr_ref(payload["merge_request"], delivery), repo, "merge_requests")
        return comment(repo, actor, merge_request, "PR", text, url=url)
    if kind == "Issue":
        return comment(
            repo, actor, paged(issue_ref(payload["issue"]), repo, "issues"), "issue", text, url=url
        )
    if kind == "Commit":
        return commit_comment(repo, actor, commit_of(payload["commit"]), text, url=url)
    if kind == "Snippet":
        return on_snippet(payload, repo, actor, text, url)
    if kind == "DesignManagement::Design":
        return on_design(payload, repo, actor, text)
    return commented(area_topic(repo), actor, thing_named(kind), text, url)


def paged(ref: Ref, repo: Repo, kind: str) -> Ref:
    """The merge request or issue with its page, which some comments leave out (older GitLab,
    and GitLab's own documented samples); the project's page and the number make it."""
    if ref.url is not None:
        return ref
    return replace(ref, url=repo.page("-", kind, str(ref.number)))


# What a comment may be on, by the key that carries it, for payloads without
# ``noteable_type`` (some hand-made and older samples).
NOTEABLE_KEYS = {
    "merge_request": "MergeRequest",
    "issue": "Issue",
    "commit": "Commit",
    "snippet": "Snippet",
}


def noteable_type(payload: Payload) -> str:
    """What the comment is on: ``noteable_type``, or the thing the payload carries."""
    kind = payload["object_attributes"]["noteable_type"].string(default=None)
    if kind:
        return kind
    return next((name for key, name in NOTEABLE_KEYS.items() if payload[key].exists()), "")


integration.ignores(
    *EVENTS, action="update", reason="An edited comment was posted when it was written."
)


def on_snippet(payload: Payload, repo: Repo, actor: User, text: str, url: str | None) -> Message:
    """A comment on a snippet, in the snippet's topic; older GitLab gives no snippet URL."""
    snippet = payload["snippet"]
    number = snippet["id"].integer()
    title = snippet["title"].string(default="")
    page = snippet["url"].string(default=None) or repo.page("-/snippets", str(number))
    thing = md("snippet {}").format(link(title, page) if page and title else title or number)
    return commented(area_topic(repo, f"snippet #{number} {title}"), actor, thing, text, url)


def on_design(payload: Payload, repo: Repo, actor: User, text: str) -> Message:
    """A comment on a design, in the design's topic. GitLab sends no URL for it: the design's
    file, ``designs/issue-<n>/<name>``, says which issue's page shows it."""
    note = payload["object_attributes"]
    path = PurePosixPath(note["position"]["new_path"].string(default=""))
    name = path.name or "design"
    issue = path.parent.name.removeprefix("issue-")
    page = repo.page("-/issues", issue, "designs", name) if issue.isdigit() else None
    url = note["url"].string(default=None)
    if url is None and page is not None and note["id"].integer(default=None) is not None:
        url = f"{page}#note_{note['id'].integer()}"
    thing = md("design {}").format(link(name, page) if page else name)
    if issue.isdigit():
        issue_page = repo.page("-/issues", issue)
        label = f"issue #{issue}"
        thing += md(" of {}").format(link(label, issue_page) if issue_page else label)
    return commented(area_topic(repo, f"design {name}"), actor, thing, text, url)


def commented(topic: str, actor: User, thing: Markdown, text: str, url: str | None) -> Message:
    """'**Ann** commented on <thing>:' and the comment, quoted."""
    verb = link("commented", url) if url else escape("commented")
    head = md("{who} {verb} on {thing}:").format(who=who(actor), verb=verb, thing=thing)
    return Message(topic=topic, content=paragraphs(head, quoted(text)))
