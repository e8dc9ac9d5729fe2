"""Planning: milestones, projects, sub-issues and dependencies between issues.

A milestone's and a project's news go to the repository's and the
organization's topics; a sub-issue or a dependency to the topic of the
issue it changes (the parent, the blocked issue). GitHub tells both sides
of each link, one delivery each: the parent's side and the blocked issue's
side are posted, their mirrors are not.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Repo,
    area_topic,
    issue,
    paragraphs,
    quoted,
    ref_link,
    renamed_from,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.issues import elsewhere
from integrations.webhooks.github.readers import (
    long_date,
    organization_of,
    ref_of,
    repo_of,
    sender_of,
)

# Milestones -----------------------------------------------------------------------------


def milestone_link(node: Payload, *, linked: bool = True) -> Markdown:
    title = node["title"].string(default="") or "?"
    url = node["html_url"].string(default=None)
    return link(title, url) if url and linked else bold(title)


def in_repository(payload: Payload, delivery: Delivery, *parts: Markdown) -> Message:
    return Message(
        topic=area_topic(repo_of(payload["repository"], delivery)), content=paragraphs(*parts)
    )


@integration.handles("milestone", action="created")
def on_milestone_created(payload: Payload, delivery: Delivery) -> Message:
    """The milestone, linked, its due date and its description."""
    node = payload["milestone"]
    head = md("{who} created the milestone {milestone}").format(
        who=who(sender_of(payload)), milestone=milestone_link(node)
    )
    due = node["due_on"].string(default="")
    head += md(", due on {}.").format(long_date(due)) if due else md(".")
    return in_repository(payload, delivery, head, quoted(node["description"].string(default=None)))


@integration.handles("milestone", action="closed")
def on_milestone_closed(payload: Payload, delivery: Delivery) -> Message:
    """The milestone, and how many of its issues and pull requests were closed or left open."""
    node = payload["milestone"]
    head = md("{who} closed the milestone {milestone}.").format(
        who=who(sender_of(payload)), milestone=milestone_link(node)
    )
    closed = node["closed_issues"].integer(default=None)
    still_open = node["open_issues"].integer(default=None)
    counts = Markdown("")
    if closed is not None and still_open is not None:
        counts = md("Its issues and pull requests: {closed} closed, {open} still open.").format(
            closed=closed, open=still_open
        )
    return in_repository(payload, delivery, head, counts)


@integration.handles("milestone", action="opened")
def on_milestone_opened(payload: Payload, delivery: Delivery) -> Message:
    """That a closed milestone was opened again."""
    head = md("{who} reopened the milestone {milestone}.").format(
        who=who(sender_of(payload)), milestone=milestone_link(payload["milestone"])
    )
    return in_repository(payload, delivery, head)


@integration.handles("milestone", action="deleted")
def on_milestone_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The milestone's title, without a dead link."""
    head = md("{who} deleted the milestone {milestone}.").format(
        who=who(sender_of(payload)), milestone=milestone_link(payload["milestone"], linked=False)
    )
    return in_repository(payload, delivery, head)


@integration.handles("milestone", action="edited")
def on_milestone_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The former title, the new due date or the new description. **Nothing** for an edit that
    changed none of them."""
    node, changes = payload["milestone"], payload["changes"]
    notes: list[Markdown] = []
    if changes["title"]["from"].exists():
        notes.append(renamed_from(changes["title"]["from"].string()))
    if changes["due_on"].exists():
        due = node["due_on"].string(default="")
        was = changes["due_on"]["from"].string(default="")
        note = md("It is now due on {}").format(long_date(due)) if due else md("It has no due date")
        notes.append(note + (md(" (was {}).").format(long_date(was)) if was else md(".")))
    text = None
    if changes["description"].exists():
        text = node["description"].string(default="")
        notes.append(md("Edited the description.") if text else md("The description was removed."))
    if not notes:
        return None
    head = md("{who} edited the milestone {milestone}.").format(
        who=who(sender_of(payload)), milestone=milestone_link(node)
    )
    return in_repository(payload, delivery, head, Markdown(" ").join(notes), quoted(text or None))


integration.ignores(
    "label",
    reason="Creating or editing a repository's labels is bookkeeping; the labels put on issues "
    "and pull requests are told with them.",
)


# Projects ---------------------------------------------------------------------------------

integration.ignores(
    "project",
    "project_card",
    "project_column",
    reason="Projects (classic), which GitHub has replaced with the new Projects: cards moved "
    "between columns are board bookkeeping.",
)

PROJECT_VERBS = {
    "created": "created",
    "closed": "closed",
    "reopened": "reopened",
    "deleted": "deleted",
}


@integration.handles("projects_v2", action=("created", "closed", "reopened", "deleted"))
def on_project(payload: Payload, delivery: Delivery) -> Message:
    """The project created, closed, reopened or deleted, in the organization's topic."""
    project = payload["projects_v2"]
    title = project["title"].string(default="") or "(untitled)"
    number = project["number"].integer(default=None)
    name = f"{title} (#{number})" if number is not None else title
    head = md("{who} {verb} the project {project}.").format(
        who=who(sender_of(payload)), verb=PROJECT_VERBS[delivery.action], project=bold(name)
    )
    return Message(topic=f"{organization_of(payload)} organization", content=head)


integration.ignores(
    "projects_v2",
    action="edited",
    reason="A project's settings (its description, fields, visibility) are the board's "
    "bookkeeping.",
)
integration.ignores(
    "projects_v2_item",
    reason="Items added to a project, moved, or given a field's value: board bookkeeping, one "
    "delivery per change, that does not name the project or the item's title.",
)
integration.ignores(
    "projects_v2_status_update",
    reason="The delivery does not name the project the status update is about.",
)


# Sub-issues and dependencies -----------------------------------------------------------------


def issue_elsewhere(node: Payload, repo_node: Payload, here: Repo) -> Markdown:
    """An issue linked from another: ``issue #5`` in the same repository, else ``owner/repo#5``."""
    ref = ref_of(node)
    full = repo_node["full_name"].string(default=None)
    if full and here.full_name and full != here.full_name:
        return elsewhere(full, ref.number, ref.url)
    return ref_link("issue", ref)


def topic_repo(payload: Payload, delivery: Delivery, side: str) -> Repo:
    """The repository of the issue a message is about: the delivery's, else that side's."""
    node = payload["repository"] if payload["repository"].exists() else payload[f"{side}_repo"]
    return repo_of(node, delivery)


SUB_ISSUES = {
    "sub_issue_added": "added {sub} as a sub-issue of",
    "sub_issue_removed": "removed the sub-issue {sub} from",
}


@integration.handles("sub_issues", action=("sub_issue_added", "sub_issue_removed"))
def on_sub_issue(payload: Payload, delivery: Delivery) -> Message:
    """The sub-issue added to or removed from an issue, in the parent issue's topic."""
    repo = topic_repo(payload, delivery, "parent_issue")
    sub = issue_elsewhere(payload["sub_issue"], payload["sub_issue_repo"], repo)
    action = md(SUB_ISSUES[delivery.action]).format(sub=sub)
    return issue(repo, sender_of(payload), ref_of(payload["parent_issue"]), action)


integration.ignores(
    "sub_issues",
    action=("parent_issue_added", "parent_issue_removed"),
    reason="The sub-issue's side of a link GitHub also sends from the parent's side, which is "
    "posted.",
)

DEPENDENCIES = {
    "blocked_by_added": ("marked", "as blocked by {other}"),
    "blocked_by_removed": ("marked", "as no longer blocked by {other}"),
}


@integration.handles("issue_dependencies", action=("blocked_by_added", "blocked_by_removed"))
def on_issue_dependency(payload: Payload, delivery: Delivery) -> Message:
    """The issue that blocks another, added or removed, in the blocked issue's topic."""
    repo = topic_repo(payload, delivery, "blocked_issue")
    other = issue_elsewhere(payload["blocking_issue"], payload["blocking_issue_repo"], repo)
    verb, after = DEPENDENCIES[delivery.action]
    blocked = ref_of(payload["blocked_issue"])
    return issue(repo, sender_of(payload), blocked, verb, after=md(after).format(other=other))


integration.ignores(
    "issue_dependencies",
    action=("blocking_added", "blocking_removed"),
    reason="The blocking issue's side of a link GitHub also sends from the blocked issue's "
    "side, which is posted.",
)
