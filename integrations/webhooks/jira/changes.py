"""What an issue update changed, from its ``changelog``, told as sentences or a list.

Each changelog item names a field by the name Jira shows (``status``,
``Fix Version``, ``Sprint``, a custom field's own name such as ``Story
Points``) and gives its old and new values as text (``fromString``,
``toString``). A site in another language shows its own names
(``Статус``); Jira's own fields are then known by their ``fieldId``.
Fields with several values differ: a version, a component, an attachment
or a link comes as one item per value added (no old value) or removed (no
new value); labels and sprints come as the whole list before and after,
which is compared here. Time tracking and ranking move
with every log of work and drag on a board, and are left out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from integrations.core import BadPayload, Delivery, Markdown, Payload, bold, code, md
from integrations.webhooks.jira.readers import text_of
from integrations.webhooks.jira.text import hidden

# Fields that change as a side effect of logging work or ordering a board.
NOISE = frozenset(
    {
        "rank",
        "worklogid",
        "worklog id",
        "timespent",
        "time spent",
        "timeestimate",
        "remaining estimate",
        "timeoriginalestimate",
        "original estimate",
        "aggregatetimespent",
        "aggregatetimeestimate",
        "aggregatetimeoriginalestimate",
        "workratio",
        "remoteissuelink",
        "lastviewed",
    }
)
PEOPLE = frozenset({"assignee", "reporter", "creator"})
# Fields whose values are the whole list, before and after: labels split on spaces,
# sprints on commas.
LISTS = {"labels": " ", "sprint": ","}
NAMES = {
    "status": "Status",
    "assignee": "Assignee",
    "reporter": "Reporter",
    "priority": "Priority",
    "resolution": "Resolution",
    "summary": "Summary",
    "description": "Description",
    "environment": "Environment",
    "labels": "Labels",
    "duedate": "Due date",
    "issuetype": "Type",
    "project": "Project",
    "key": "Key",
    "parent": "Parent",
    # Jira Cloud's name for the parent of an issue in the changelog (no ``fieldId``).
    "issueparentassociation": "Parent",
}
LONG_TEXT = frozenset({"description", "environment"})
# Fields Jira reports one value at a time, added or removed.
ADDED_ONE_BY_ONE = frozenset(
    {"fix version", "version", "component", "attachment", "link", "epic child", "watchers"}
)
# The same fields by their ``fieldId``, for sites that name them in another language.
BY_ID = {
    "fixversions": "fix version",
    "versions": "version",
    "components": "component",
    "attachment": "attachment",
}


@dataclass(frozen=True)
class Change:
    """One field changed: its name as Jira shows it, and its old and new values as text.

    ``field_id`` is Jira's own id of the field (``fieldId``): a site in
    another language names its fields in that language (``Статус``), and the
    id says which of Jira's own fields it is.
    """

    field: str
    old: str | None
    new: str | None
    field_id: str | None = None

    @property
    def key(self) -> str:
        own = (self.field_id or "").lower()
        if own in NAMES:
            return own
        return BY_ID.get(own, self.field.lower())

    @property
    def label(self) -> str:
        return NAMES.get(self.key, self.field[:1].upper() + self.field[1:])


def changes_of(payload: Payload) -> list[Change]:
    """The changelog's items worth telling, in Jira's order."""
    try:
        items = payload["changelog"]["items"].array(default=[])
    except BadPayload:
        return []
    changes = []
    for item in items:
        field = text_of(item["field"])
        field_id = text_of(item["fieldId"])
        if not field or {field.lower(), (field_id or "").lower()} & NOISE:
            continue
        old, new = text_of(item["fromString"]), text_of(item["toString"])
        if old is None and new is None:
            old, new = text_of(item["from"]), text_of(item["to"])
        change = Change(field, old, new, field_id)
        if old == new and change.key not in LONG_TEXT:
            continue
        changes.append(change)
    return changes


def _values(text: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (text or "").split(separator) if part.strip()]


def _shown(change: Change, values: list[str]) -> Markdown:
    """Values of a field: labels as code, as Jira shows them; others in bold."""
    style = code if change.key == "labels" else bold
    return md(", ").join(style(value) for value in values)


def line(change: Change, delivery: Delivery, people: Collection[str] = ()) -> Markdown:
    """One change as a line of a list: ``Status: To Do → **In Progress**``.

    With names hidden, a field that names a person (the assignee, or a custom
    field whose value is someone the payload names) only says it changed.
    """
    label = change.label
    if hidden(delivery) and (change.key in PEOPLE or change.old in people or change.new in people):
        return md("{}: changed").format(label)
    if change.key in LONG_TEXT:
        return md("{}: {}").format(label, "removed" if change.new is None else "updated")
    if change.key in LISTS:
        separator = LISTS[change.key]
        before, after = _values(change.old, separator), _values(change.new, separator)
        added = [value for value in after if value not in before]
        removed = [value for value in before if value not in after]
        parts = []
        if added:
            parts.append(md("added {}").format(_shown(change, added)))
        if removed:
            parts.append(md("removed {}").format(_shown(change, removed)))
        return md("{}: {}").format(label, md("; ").join(parts) or md("changed"))
    if change.key in ADDED_ONE_BY_ONE:
        if change.old is None:
            return md("{}: added {}").format(label, bold(change.new or ""))
        if change.new is None:
            return md("{}: removed {}").format(label, change.old)
    if change.old is None:
        return md("{}: {}").format(label, bold(change.new or ""))
    if change.new is None:
        if change.key in PEOPLE:
            return md("{}: nobody (was {})").format(label, change.old)
        return md("{}: removed (was {})").format(label, change.old)
    return md("{}: {} → {}").format(label, change.old, bold(change.new))
