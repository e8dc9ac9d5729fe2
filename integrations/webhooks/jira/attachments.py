"""Attachments: ``attachment_created``, told in its issue's topic when the payload names the issue.

Jira Cloud's attachment events describe the file and who added it; some
also carry the issue it was added to. The issue's own update tells of the
file as well (``Attachment`` in its changelog), so an event that names no
issue has nowhere to go and posts nothing.
"""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, bold, link, md
from integrations.webhooks.jira.declaration import integration
from integrations.webhooks.jira.readers import issue_of, person_of, text_of
from integrations.webhooks.jira.text import issue_link, who


@integration.handles("attachment_created")
def on_attachment_created(payload: Payload, delivery: Delivery) -> Message | None:
    """Who attached which file, linked to its download, to which issue, in the issue's topic.
    A payload that names no issue posts nothing: the issue's update tells of the file
    (`Attachment` in its changelog)."""
    if not payload["issue"].exists():
        return None
    attachment = payload["attachment"]
    issue = issue_of(payload)
    name = text_of(attachment["filename"]) or "a file"
    address = text_of(attachment["content"])
    file = link(name, address) if address else bold(name)
    said = md("{} attached {} to {}.").format(
        who(person_of(attachment["author"]), delivery), file, issue_link(issue)
    )
    return Message(topic=issue.topic, content=said)
