"""What ``issue:updated`` and ``repo:updated`` changed, read into the shared model of an edit.

Bitbucket lists the changed fields in ``changes.<field>``, each with its
``old`` and ``new`` value: a string, an object with a name (an account, a
milestone, a branch), a yes or no, or nothing. Each becomes a
``changed_field`` edit, "Title: Bug → Crash". An issue's status may lead
instead: "resolved", "closed" or "reopened" become the verb.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import replace

from integrations.common.code_hosting import Edit, changed_field
from integrations.core import BadPayload, Payload, md
from integrations.webhooks.bitbucket.readers import text_of

VALUE_CHARACTERS = 80  # of one old or new value; descriptions can be long
NAME_KEYS = ("display_name", "nickname", "name", "title")

# The statuses Bitbucket's tracker has: new, open, submitted, on hold,
# resolved, duplicate, invalid, wontfix, closed.
OPEN = frozenset({"new", "open", "submitted"})
# Status changes that read as a verb; any other is listed with the changes.
STATUS_VERBS = {"resolved": "resolved", "closed": "closed"}

# An issue's changed fields worth a note, in the order they are shown. The
# description ("content") is quoted instead.
ISSUE_FIELDS = {
    "title": "Title",
    "kind": "Kind",
    "priority": "Priority",
    "assignee": "Assignee",
    "milestone": "Milestone",
    "component": "Component",
    "version": "Version",
}


def issue_edits_of(payload: Payload, *, remark: str) -> list[Edit]:
    """What an ``issue:updated`` changed: its status, its fields, its description.

    ``remark`` is the comment written with the change: when there is one, it
    is quoted rather than a new description.
    """
    changes = payload["changes"]
    status = changes["status"] if changes["status"].exists() else changes["state"]
    edits = [status_edit(status)] if status.exists() else []
    edits += edits_of(changes, ISSUE_FIELDS)
    if changes["content"].exists():
        if remark:
            edits.append(Edit("updated", md("The description changed.")))
        else:
            text = text_of(payload["issue"])
            edits.append(Edit("updated", md("The description now reads:"), text=text))
    return edits


def status_edit(status: Payload) -> Edit:
    """Resolved or closed lead as the verb alone; reopened leads and still says from what."""
    edit = field_edit("Status", status)
    new = status["new"].string(default="").lower()
    old = status["old"].string(default="").lower()
    if new in STATUS_VERBS:
        return replace(edit, verb=STATUS_VERBS[new], note_alone=False, leads=True)
    if new in OPEN and old and old not in OPEN:
        return replace(edit, verb="reopened", leads=True)
    return edit


def edits_of(changes: Payload, labels: Mapping[str, str]) -> list[Edit]:
    """An edit for each field of ``labels`` that changed, in the order of ``labels``."""
    return [
        field_edit(label, changes[field])
        for field, label in labels.items()
        if changes[field].exists()
    ]


def field_edit(label: str, change: Payload) -> Edit:
    """A change as "Title: Bug → Crash on start"."""
    return changed_field(label, shown(change["old"]), shown(change["new"]))


def shown(value: Payload) -> str:
    """A changed value as text: a string, the name of an object, yes or no; "none" for nothing."""
    if not value.exists():
        return "none"
    named = [value[key].string(default="") for key in NAME_KEYS if key in value]
    if named:
        return next((clipped(name) for name in named if name), "none")
    with suppress(BadPayload):
        return clipped(value.string()) or "none"
    with suppress(BadPayload):
        return "yes" if value.boolean() else "no"
    with suppress(BadPayload):
        return str(value.integer())
    # A list or an object without a name: say so rather than fail the whole message.
    return "(not shown)"


def clipped(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= VALUE_CHARACTERS else line[: VALUE_CHARACTERS - 1].rstrip() + "…"
