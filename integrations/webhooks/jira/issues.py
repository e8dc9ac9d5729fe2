"""Issues: created, updated (fields, transitions, comments made with an update) and deleted.

Every message goes to the issue's topic, ``PROJ-123: summary``. An update
tells what its changelog says changed; Jira also reports a comment as an
update of its issue (``issue_commented``), with the comment in the payload.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, bold, bullet_list, md
from integrations.webhooks.jira.changes import Change, changes_of, line
from integrations.webhooks.jira.declaration import UPDATED, integration
from integrations.webhooks.jira.readers import Issue, actor_of, issue_of, people_of, text_of
from integrations.webhooks.jira.text import (
    assigned,
    comment_of,
    hidden,
    issue_link,
    person,
    quoted,
    told_comment,
    who,
)

# What a list of changes starts with: where the issue is, and who has it.
FIRST = {"status": 0, "assignee": 1}


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


@integration.handles("jira:issue_created")
def on_issue_created(payload: Payload, delivery: Delivery) -> Message:
    """Who created the issue, its type, priority and assignee, and its description, quoted."""
    issue = issue_of(payload)
    facts: list[Markdown] = []
    if issue.type:
        facts.append(md("{} {}").format(_article(issue.type), issue.type))
    if issue.priority:
        facts.append(md("priority {}").format(bold(issue.priority)))
    if issue.assignee:
        facts.append(md("assigned to {}").format(person(issue.assignee, delivery)))
    else:
        facts.append(md("unassigned"))
    said = md("{} created {}: {}.").format(
        who(actor_of(payload), delivery), issue_link(issue), md(", ").join(facts)
    )
    description = quoted(payload["issue"]["fields"]["description"], people_of(payload), delivery)
    if description:
        said += md("\n\n") + description
    return Message(topic=issue.topic, content=said)


@integration.handles("jira:issue_deleted")
def on_issue_deleted(payload: Payload, delivery: Delivery) -> Message:
    """Who deleted the issue, without a link to its page, which is gone."""
    issue = issue_of(payload)
    said = md("{} deleted {}.").format(who(actor_of(payload), delivery), issue.key)
    return Message(topic=issue.topic, content=said)


def _transition(payload: Payload) -> Change | None:
    """The status change of an old Jira's transition payload, which has no changelog."""
    node = payload["transition"]
    old, new = text_of(node["from_status"]), text_of(node["to_status"])
    return Change("status", old, new) if new else None


def _sentence(actor: Markdown, issue: Issue, change: Change, delivery: Delivery) -> Markdown:
    """A status or assignee change alone, as a sentence."""
    link = issue_link(issue)
    if change.key == "status":
        if change.old:
            return md("{} moved {} from {} to {}{}.").format(
                actor, link, bold(change.old), bold(change.new or ""), assigned(issue, delivery)
            )
        return md("{} moved {} to {}{}.").format(
            actor, link, bold(change.new or ""), assigned(issue, delivery)
        )
    if change.new:
        return md("{} assigned {} to {}.").format(actor, link, person(change.new, delivery))
    if change.old and not hidden(delivery):
        return md("{} unassigned {} (was {}).").format(actor, link, bold(change.old))
    return md("{} unassigned {}.").format(actor, link)


@integration.handles(UPDATED)
def on_issue_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """What changed: a status transition, the assignee, every other field that changed (a custom
    field by its name), and a comment made with it, quoted. An update that changed only time
    tracking or ranking posts nothing."""
    issue = issue_of(payload)
    actor = who(actor_of(payload), delivery)
    kind = text_of(payload["issue_event_type_name"])
    changes = changes_of(payload)
    if not any(change.key == "status" for change in changes):
        transition = _transition(payload)
        changes += [transition] if transition else []
    if kind == "issue_assigned" and not any(change.key == "assignee" for change in changes):
        # An assignment by the REST API, an automation rule or a bulk edit may
        # come with an empty changelog: the issue's assignee says who has it now.
        changes.append(Change("assignee", None, issue.assignee))
    changes.sort(key=lambda change: FIRST.get(change.key, len(FIRST)))
    comment = comment_of(payload["comment"])
    people = people_of(payload)
    if kind == "issue_comment_deleted" and not changes:
        said = md("{} deleted a comment on {}{}.").format(
            actor, issue_link(issue), assigned(issue, delivery)
        )
        return Message(topic=issue.topic, content=said)
    if comment is not None and not changes:
        verb = "edited a comment on" if kind == "issue_comment_edited" else "commented on"
        return told_comment(issue, actor, md(verb), comment, people, delivery)
    if not changes:
        return None
    if len(changes) == 1 and changes[0].key in ("status", "assignee") and comment is None:
        said = _sentence(actor, issue, changes[0], delivery)
    else:
        also = md(" and commented") if comment is not None else md("")
        said = md("{} updated {}{}{}:\n").format(
            actor, issue_link(issue), assigned(issue, delivery), also
        ) + bullet_list([line(change, delivery, set(people.values())) for change in changes])
    if any(change.key == "description" and change.new for change in changes):
        description = quoted(payload["issue"]["fields"]["description"], people, delivery)
        if description:
            said += md("\n\nThe description now:\n") + description
    if comment is not None:
        said += md("\n\n") + quoted(comment["body"], people, delivery)
    return Message(topic=issue.topic, content=said)
