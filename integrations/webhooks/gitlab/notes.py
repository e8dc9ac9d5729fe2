"""Comments (``Note Hook``, ``Confidential Note Hook``) on commits, merge requests,
issues, snippets and designs.

``object_attributes.noteable_type`` says what was commented on, and the
payload carries that thing under its own key (``commit``, ``merge_request``,
``issue``, ``snippet``). Comments on merge requests and issues go to their
topics; the others to the project's. Since GitLab 16.11 an edited comment
is sent again with ``action: update``; it posts nothing, as the comment was
already posted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from integrations.common.code_hosting import (
    Commit,
    Ref,
    Repo,
    User,
    activity,
    comment,
    commit_comment,
    quoted,
    who,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, code, escape, link, md
from integrations.webhooks.gitlab.common import dropped, project_repo, user_of
from integrations.webhooks.gitlab.declaration import integration


@dataclass(frozen=True)
class Note:
    repo: Repo
    actor: User
    text: str
    url: str | None
    payload: Payload


def ref_of(node: Payload) -> Ref:
    return Ref(node["iid"].integer(), node["title"].string(), node["url"].string(default=None))


def on_merge_request(note: Note) -> Message:
    on = ref_of(note.payload["merge_request"])
    return comment(note.repo, note.actor, on, "PR", note.text, url=note.url)


def on_issue(note: Note) -> Message:
    on = ref_of(note.payload["issue"])
    return comment(note.repo, note.actor, on, "issue", note.text, url=note.url)


def on_commit(note: Note) -> Message:
    node = note.payload["commit"]
    commit = Commit(
        sha=node["id"].string(),
        message=node["message"].string(default=""),
        url=node["url"].string(default=None),
    )
    return commit_comment(note.repo, note.actor, commit, note.text, url=note.url)


def in_project_topic(note: Note, thing: Markdown) -> Message:
    """A comment on something without a topic of its own: "commented on snippet X:"."""
    verb = link("commented", note.url) if note.url else escape("commented")
    head = md("{who} {verb} on {thing}:").format(who=who(note.actor), verb=verb, thing=thing)
    body = quoted(note.text)
    return activity(note.repo, Markdown("\n\n").join([head, body]) if body else head)


def on_snippet(note: Note) -> Message:
    snippet = note.payload["snippet"]
    title = snippet["title"].string()
    url = snippet["url"].string(default=None)
    return in_project_topic(note, md("snippet {}").format(link(title, url) if url else title))


def on_design(note: Note) -> Message:
    # Design comments carry the design's file in their position, not a design object.
    path = note.payload["object_attributes"]["position"]["new_path"].string(default="")
    name = PurePosixPath(path).name
    return in_project_topic(note, md("design {}").format(code(name)) if name else md("a design"))


NOTEABLES: dict[str, Callable[[Note], Message]] = {
    "MergeRequest": on_merge_request,
    "Issue": on_issue,
    "Commit": on_commit,
    "Snippet": on_snippet,
    "DesignManagement::Design": on_design,
}


def is_confidential(payload: Payload) -> bool:
    """A comment on a confidential issue, or an internal one (GitLab says "confidential_note")."""
    on_secret_issue = payload["issue"]["confidential"].boolean(default=False)
    return on_secret_issue or payload["event_type"].string(default=None) == "confidential_note"


@integration.handles("Note Hook", "Confidential Note Hook")
def note_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    return note_event(payload, request)


def note_event(payload: Payload, request: WebhookRequest) -> Message | None:
    attributes = payload["object_attributes"]
    if attributes["action"].string(default="create") != "create":
        return None  # an edit of a comment already posted
    if attributes["system"].boolean(default=False):
        return None  # GitLab's own notes ("changed the title") repeat other events
    if dropped(
        payload["project"]["visibility_level"], request, confidential=is_confidential(payload)
    ):
        return None
    note = Note(
        project_repo(payload),
        user_of(payload["user"]),
        attributes["note"].string(default=""),
        attributes["url"].string(default=None),
        payload,
    )
    kind = attributes["noteable_type"].string()
    tell = NOTEABLES.get(kind)
    if tell is None:
        return in_project_topic(note, md("a {}").format(kind))
    return tell(note)
