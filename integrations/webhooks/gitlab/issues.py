"""Issues (``Issue Hook``) and confidential issues (``Confidential Issue Hook``).

GitLab says what happened in ``object_attributes.action``: ``open``,
``close``, ``reopen`` or ``update``. Confidential issues arrive under their
own event, only to webhooks with the "Confidential issues events" trigger;
they post like any issue and say that they are confidential (the
``ignore_private_repositories`` guard drops them). Work items (tasks,
incidents) come as issues too; those of a group rather than a project post
nothing.
"""

from __future__ import annotations

from dataclasses import replace

from integrations.common.code_hosting import Edit, issue, people, told
from integrations.core import Delivery, Markdown, Message, Payload, escape, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.edits import edits_of
from integrations.webhooks.gitlab.readers import (
    assignees_of,
    description_of,
    is_confidential,
    ref_of,
    repo_of,
    user_of,
)

EVENTS = ("Issue Hook", "Confidential Issue Hook")


def of_a_group(payload: Payload) -> bool:
    """A group's work item (an epic): it belongs to no project's topic."""
    return not payload["project"].exists() and (
        payload["object_kind"].string(default=None) == "work_item"
    )


def said(
    payload: Payload,
    verb: Markdown | str,
    *,
    body: str | None = None,
    detail: Markdown | None = None,
) -> Message | None:
    """A message about the issue, in its topic; nothing for a group's work item."""
    if of_a_group(payload):
        return None
    ref = ref_of(payload["object_attributes"])
    # "closed confidential issue #3": the reader sees it is not for everyone.
    action = escape(verb) + md(" confidential") if is_confidential(payload) else verb
    repo, actor = repo_of(payload["project"]), user_of(payload["user"])
    return issue(repo, actor, ref, action, body=body, detail=detail)


@integration.handles(*EVENTS, action="open")
def on_issue_opened(payload: Payload, delivery: Delivery) -> Message | None:
    """Who opened it, with the assignees and description, saying so when it is confidential.
    Nothing for a work item of a group (an epic): it belongs to no project's topic."""
    assignees = assignees_of(payload)
    detail = md("Assigned to {}.").format(people(assignees)) if assignees else None
    body = description_of(payload["object_attributes"])
    return said(payload, "opened", body=body, detail=detail)


@integration.handles(*EVENTS, action="close")
def on_issue_closed(payload: Payload, delivery: Delivery) -> Message | None:
    """Who closed it, saying so when it is confidential."""
    return said(payload, "closed")


@integration.handles(*EVENTS, action="reopen")
def on_issue_reopened(payload: Payload, delivery: Delivery) -> Message | None:
    """Who reopened it, saying so when it is confidential."""
    return said(payload, "reopened")


@integration.handles(*EVENTS, action="update")
def on_issue_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """As for merge requests: what an edit changed (the title, assignees, labels, due date,
    confidentiality or description), or nothing for bookkeeping."""
    edits = edits_of(payload, user_of(payload["user"]))
    if edits is None:  # older payloads do not say what changed
        return said(payload, "updated")
    if not edits:
        return None
    words = told([as_issue_edit(edit) for edit in edits])
    return said(payload, words.verb, detail=words.detail)


def as_issue_edit(edit: Edit) -> Edit:
    """Only merge requests have words after the reference ("as ready for review"): an issue
    that claims such a change is told by its note."""
    if edit.after is None:
        return edit
    return replace(edit, verb=md("updated"), after=None, note_alone=True)
