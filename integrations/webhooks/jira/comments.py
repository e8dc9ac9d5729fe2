"""Comments: ``comment_created``, ``comment_updated`` and ``comment_deleted``.

Jira also reports a comment as an update of its issue (``issue_commented``,
see ``issues``); both tell it with ``text.told_comment``, which says when a
comment is visible to a role or group only, or, in Jira Service
Management, internal (hidden from the customer).
"""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, md
from integrations.webhooks.jira.declaration import integration
from integrations.webhooks.jira.readers import issue_of, people_of, person_of
from integrations.webhooks.jira.text import issue_link, person, told_comment, who


@integration.handles("comment_created")
def on_comment_created(payload: Payload, delivery: Delivery) -> Message:
    """The comment, quoted, in its issue's topic, marked when it is internal or restricted."""
    comment = payload["comment"]
    actor = who(person_of(comment["author"]), delivery)
    return told_comment(
        issue_of(payload), actor, md("commented on"), comment, people_of(payload), delivery
    )


@integration.handles("comment_updated")
def on_comment_updated(payload: Payload, delivery: Delivery) -> Message:
    """The comment as it reads now, quoted."""
    comment = payload["comment"]
    editor = person_of(comment["updateAuthor"]) or person_of(comment["author"])
    return told_comment(
        issue_of(payload),
        who(editor, delivery),
        md("edited a comment on"),
        comment,
        people_of(payload),
        delivery,
    )


@integration.handles("comment_deleted")
def on_comment_deleted(payload: Payload, delivery: Delivery) -> Message:
    """Whose comment was deleted. Its text is left out: a comment is often deleted because it
    said something it should not have."""
    issue = issue_of(payload)
    author = person_of(payload["comment"]["author"])
    if author:
        said = md("A comment by {} on {} was deleted.").format(
            person(author, delivery), issue_link(issue)
        )
    else:
        said = md("A comment on {} was deleted.").format(issue_link(issue))
    return Message(topic=issue.topic, content=said)
