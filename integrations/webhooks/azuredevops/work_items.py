"""Boards: work items created, updated, commented on, deleted and restored, one topic each.

A work item's topic is ``<project> / <type> #<id> <title>``, so a bug's
history reads in one place. ``workitem.updated`` sends what changed as
``fields`` of ``oldValue``/``newValue`` and the item as it is now in
``revision``; the other events send the item's ``fields`` themselves.
People come as ``Name <address>`` text, or as identities in newer
payloads. Descriptions and comments are HTML, quoted as Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from integrations.common.ci import details
from integrations.core import (
    BadPayload,
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    bullet_list,
    escape,
    link,
    md,
)
from integrations.core.bodies import quoted_body
from integrations.webhooks.azuredevops.declaration import integration
from integrations.webhooks.azuredevops.readers import (
    linked_in_message,
    name_of,
    page_of,
    text_of,
)

# Fields a reader knows by another name than the last part of their reference name.
LABELS = {
    "System.Title": "Title",
    "System.State": "State",
    "System.Reason": "Reason",
    "System.AssignedTo": "Assigned to",
    "System.AreaPath": "Area",
    "System.IterationPath": "Iteration",
    "System.Tags": "Tags",
    "System.BoardColumn": "Board column",
    "System.BoardLane": "Board lane",
    "Microsoft.VSTS.Common.Priority": "Priority",
    "Microsoft.VSTS.Common.Severity": "Severity",
    "Microsoft.VSTS.Scheduling.StoryPoints": "Story points",
    "Microsoft.VSTS.Scheduling.RemainingWork": "Remaining work",
    "Microsoft.VSTS.Scheduling.Effort": "Effort",
}
# Bookkeeping Azure DevOps changes on every update.
NOISE = {
    "System.Rev",
    "System.AuthorizedDate",
    "System.RevisedDate",
    "System.ChangedDate",
    "System.ChangedBy",
    "System.AuthorizedAs",
    "System.PersonId",
    "System.Watermark",
    "System.CommentCount",
    "System.History",  # a comment made with the update: quoted, not listed
    "System.BoardColumnDone",
    "Microsoft.VSTS.Common.StateChangeDate",
    "Microsoft.VSTS.Common.ActivatedDate",
    "Microsoft.VSTS.Common.ActivatedBy",
    "Microsoft.VSTS.Common.ResolvedDate",
    "Microsoft.VSTS.Common.ResolvedBy",
    "Microsoft.VSTS.Common.ClosedDate",
    "Microsoft.VSTS.Common.ClosedBy",
}
# Long HTML fields: a change is said, not shown.
HTML_FIELDS = {
    "System.Description",
    "Microsoft.VSTS.TCM.ReproSteps",
    "Microsoft.VSTS.Common.AcceptanceCriteria",
    "Microsoft.VSTS.TCM.SystemInfo",
}
CHANGE_LIMIT = 10


@dataclass(frozen=True)
class WorkItem:
    number: int
    kind: str
    title: str
    project: str | None
    url: str | None
    fields: Payload  # the item's fields as they are now

    @property
    def topic(self) -> str:
        name = f"{self.kind} #{self.number} {self.title}".strip()
        return f"{self.project} / {name}" if self.project else name

    @property
    def shown(self) -> Markdown:
        name = f"{self.kind} #{self.number}"
        return link(name, self.url) if self.url else bold(name)


def item_page(payload: Payload, number: int, project: str | None) -> str | None:
    """The item's page: its ``html`` link, Azure's message, or the project's boards address."""
    resource = payload["resource"]
    page = page_of(resource) or page_of(resource["revision"]) or linked_in_message(payload)
    if page:
        return page
    base = text_of(payload["resourceContainers"]["project"]["baseUrl"])
    if base and project:
        return f"{base.rstrip('/')}/{quote(project)}/_workitems/edit/{number}"
    return None


def item_of(payload: Payload) -> WorkItem:
    resource = payload["resource"]
    revision = resource["revision"]
    # workitem.updated: the update's own ``id``; the item is ``workItemId`` (or the revision's).
    if revision.exists():
        fields = revision["fields"]
        number = resource["workItemId"].integer(default=0) or revision["id"].integer()
    else:
        fields = resource["fields"]
        number = resource["id"].integer()
    project = text_of(fields["System.TeamProject"])
    return WorkItem(
        number=number,
        kind=text_of(fields["System.WorkItemType"]) or "Work item",
        title=fields["System.Title"].string(default=""),
        project=project,
        url=item_page(payload, number, project),
        fields=fields,
    )


def value_of(node: Payload) -> str | None:
    """A field's value as text: text, a number, yes/no, or a person."""
    if not node.exists():
        return None
    for read in (node.string, node.number, node.boolean):
        try:
            value = read()
        except BadPayload:
            continue
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            return f"{value:g}"
        return name_of(node) if "<" in value and "@" in value else value.strip() or None
    return name_of(node)


def label_of(field: str) -> str:
    if field in LABELS:
        return LABELS[field]
    if field.endswith("Kanban.Column"):
        return "Board column"
    if field.endswith("Kanban.Lane"):
        return "Board lane"
    return field.rsplit(".", 1)[-1]


def change_line(field: str, change: Payload) -> Markdown | None:
    label = label_of(field)
    if field in HTML_FIELDS:
        return md("{} changed").format(label)
    old, new = value_of(change["oldValue"]), value_of(change["newValue"])
    if old == new:
        return None
    if new is None:
        return md("{}: {} removed").format(label, escape(old or ""))
    if old is None:
        return md("{}: {}").format(label, bold(new))
    return md("{}: {} → {}").format(label, escape(old), bold(new))


def updater_of(payload: Payload, item: WorkItem) -> str | None:
    """Who made an update: its ``revisedBy``, the change of ``ChangedBy``, or the item's."""
    resource = payload["resource"]
    return (
        name_of(resource["revisedBy"])
        or name_of(resource["fields"]["System.ChangedBy"]["newValue"])
        or name_of(item.fields["System.ChangedBy"])
    )


def said_by(person: str | None, verb: str, item: WorkItem) -> Markdown:
    """``**Ann** created [Bug #5](...)``; ``[Bug #5](...) was created`` when nobody is named."""
    if person:
        return md("{who} {verb} {item}").format(who=bold(person), verb=verb, item=item.shown)
    return md("{item} was {verb}").format(item=item.shown, verb=verb)


def state_line(item: WorkItem) -> Markdown:
    """``State **New** · assigned to **Ann** · priority 2``; nothing it does not have."""
    state = value_of(item.fields["System.State"])
    assignee = value_of(item.fields["System.AssignedTo"])
    priority = value_of(item.fields["Microsoft.VSTS.Common.Priority"])
    return details(
        md("state {}").format(bold(state)) if state else None,
        md("assigned to {}").format(bold(assignee)) if assignee else None,
        md("priority {}").format(priority) if priority else None,
    )


def with_state(head: Markdown, item: WorkItem) -> Markdown:
    state = state_line(item)
    return head + md("\n") + state if state else head


def compose(item: WorkItem, *parts: Markdown) -> Message:
    return Message(topic=item.topic, content=Markdown("\n\n").join(part for part in parts if part))


@integration.handles("workitem.created")
def on_work_item_created(payload: Payload, delivery: Delivery) -> Message:
    """Who created the work item, its type, number and title, its state, assignee and priority,
    and its description (or a bug's repro steps), quoted."""
    item = item_of(payload)
    head = said_by(value_of(item.fields["System.CreatedBy"]), "created", item)
    head += md(": {}").format(item.title) if item.title else md(".")
    body = item.fields["System.Description"].string(default=None) or item.fields[
        "Microsoft.VSTS.TCM.ReproSteps"
    ].string(default=None)
    return compose(item, with_state(head, item), quoted_body(body))


@integration.handles("workitem.updated")
def on_work_item_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """Who changed the work item and what: each field from its old value to the new one (a new
    state, assignee, title...), at most ten, and a comment made with the change, quoted. Nothing
    for an update that changed only Azure DevOps' bookkeeping."""
    item = item_of(payload)
    changes = payload["resource"]["fields"].object(default={})
    lines = [
        line
        for field, change in changes.items()
        if field not in NOISE and (line := change_line(field, change)) is not None
    ]
    comment = (
        changes["System.History"]["newValue"].string(default=None)
        if "System.History" in changes
        else None
    )
    if not lines and not comment:
        return None
    head = said_by(updater_of(payload, item), "updated", item) + md(":" if lines else ".")
    listed = bullet_list(lines, limit=CHANGE_LIMIT, more="[and {count} more changes]")
    return compose(item, head + (md("\n") + listed if lines else md("")), quoted_body(comment))


@integration.handles("workitem.commented")
def on_work_item_commented(payload: Payload, delivery: Delivery) -> Message:
    """Who commented on the work item, and the comment, quoted."""
    item = item_of(payload)
    head = said_by(name_of(item.fields["System.ChangedBy"]), "commented on", item) + md(":")
    comment = item.fields["System.History"].string(default="")
    return compose(item, head, quoted_body(comment))


@integration.handles("workitem.deleted", "workitem.restored")
def on_work_item_deleted_or_restored(payload: Payload, delivery: Delivery) -> Message:
    """The work item deleted (to the recycle bin) or restored, with its title and state."""
    item = item_of(payload)
    verb = "deleted" if delivery.event == "workitem.deleted" else "restored"
    head = md("{item} was {verb}").format(item=item.shown, verb=verb)
    head += md(": {}").format(item.title) if item.title else md(".")
    return compose(item, with_state(head, item))
