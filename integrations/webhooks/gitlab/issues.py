"""Issues and other work items (``Issue Hook``) and confidential ones (``Confidential Issue
Hook``).

GitLab says what happened in ``object_attributes.action``: ``open``,
``close``, ``reopen`` or ``update``. Confidential issues arrive under their
own event, only to webhooks with the "Confidential issues events" trigger;
they post like any issue and say that they are confidential (the
``ignore_private_repositories`` guard drops them). Work items other than
issues (tasks, incidents, epics...) come as issues with ``object_kind:
work_item`` and say their type; a group's (epics) post in the group's topic.
"""

from __future__ import annotations

from dataclasses import replace

from integrations.common.code_hosting import Edit, Repo, issue, people, told
from integrations.core import Delivery, Markdown, Message, Payload, escape, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.edits import edits_of
from integrations.webhooks.gitlab.readers import (
    assignees_of,
    description_of,
    group_of_url,
    is_confidential,
    issue_ref,
    repo_of,
    user_of,
)

EVENTS = ("Issue Hook", "Confidential Issue Hook")


def where(payload: Payload, delivery: Delivery) -> Repo | None:
    """The project, or for a group's work item (an epic) the group its page belongs to; None
    for a group's work item without a page. Only work items can lack a project."""
    if payload["project"].exists() or payload["object_kind"].string(default="") != "work_item":
        return repo_of(payload["project"], delivery)
    return group_of_url(payload["object_attributes"]["url"].string(default=None), delivery)


def kind_of(attributes: Payload) -> Markdown | None:
    """ "(a task)" for a work item that is not an issue; nothing for an issue."""
    kind = attributes["type"].string(default="") or "Issue"
    if kind == "Issue":
        return None
    words = kind.replace("_", " ").lower()
    article = "an" if words[:1] in "aeiou" else "a"
    return md("({} {})").format(article, words)


def said(
    payload: Payload,
    delivery: Delivery,
    verb: Markdown | str,
    *,
    body: str | None = None,
    detail: Markdown | None = None,
) -> Message | None:
    """A message about the issue, in its topic; nothing for a work item of no known place."""
    repo = where(payload, delivery)
    if repo is None:
        return None
    attributes = payload["object_attributes"]
    # "closed confidential issue #3": the reader sees it is not for everyone.
    action = escape(verb) + md(" confidential") if is_confidential(payload) else verb
    actor = user_of(payload["user"])
    ref = issue_ref(attributes)
    return issue(repo, actor, ref, action, body=body, detail=detail, after=kind_of(attributes))


@integration.handles(*EVENTS, action="open")
def on_issue_opened(payload: Payload, delivery: Delivery) -> Message | None:
    """Who opened it, with the assignees and description, saying so when it is confidential
    and what kind of work item it is when it is not an issue (a task, an epic...)."""
    assignees = assignees_of(payload)
    detail = md("Assigned to {}.").format(people(assignees)) if assignees else None
    body = description_of(payload["object_attributes"])
    return said(payload, delivery, "opened", body=body, detail=detail)


@integration.handles(*EVENTS, action="close")
def on_issue_closed(payload: Payload, delivery: Delivery) -> Message | None:
    """Who closed it, saying so when it is confidential."""
    return said(payload, delivery, "closed")


@integration.handles(*EVENTS, action="reopen")
def on_issue_reopened(payload: Payload, delivery: Delivery) -> Message | None:
    """Who reopened it, saying so when it is confidential."""
    return said(payload, delivery, "reopened")


@integration.handles(*EVENTS, action="update")
def on_issue_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """As for merge requests: what an edit changed (the title, the new description,
    assignees added and removed, labels, due date, confidentiality, discussion locked), or
    nothing for bookkeeping."""
    edits = edits_of(payload, user_of(payload["user"]))
    if edits is None:  # older payloads do not say what changed
        return said(payload, delivery, "updated")
    if not edits:
        return None
    words = told([as_issue_edit(edit) for edit in edits])
    return said(payload, delivery, words.verb, detail=words.detail, body=words.text)


def as_issue_edit(edit: Edit) -> Edit:
    """Only merge requests have words after the reference ("as ready for review"): an issue
    that claims such a change is told by its note."""
    if edit.after is None:
        return edit
    return replace(edit, verb=md("updated"), after=None, note_alone=True)
