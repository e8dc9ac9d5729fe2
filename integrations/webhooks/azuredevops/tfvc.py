"""``tfvc.checkin``: changesets checked in to Team Foundation Version Control.

The payload names the changeset, its author, who checked it in, and its
comment; not the project or the paths, so check-ins share one topic.
"""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, bold, link, md
from integrations.core.bodies import quoted_body
from integrations.webhooks.azuredevops.declaration import CHECKIN, integration
from integrations.webhooks.azuredevops.readers import (
    linked_in_message,
    name_of,
    page_of,
    user_of,
)

TFVC_TOPIC = "TFVC check-ins"


@integration.handles(CHECKIN)
def on_tfvc_checkin(payload: Payload, delivery: Delivery) -> Message:
    """Who checked in which changeset (linked), for whom when that is someone else, and its
    comment, quoted."""
    resource = payload["resource"]
    number = resource["changesetId"].integer()
    name = f"changeset {number}"
    page = page_of(resource) or linked_in_message(payload)
    changeset = link(name, page) if page else bold(name)
    checked_in_by = resource["checkedInBy"]
    who = user_of(checked_in_by if checked_in_by.exists() else resource["author"])
    head = md("{who} checked in {changeset}").format(who=bold(who.name), changeset=changeset)
    author = name_of(resource["author"])
    if author and author != who.name:
        head += md(" for {}").format(bold(author))
    comment = resource["comment"].string(default=None)
    content = head + md(":\n\n") + quoted_body(comment) if comment else head + md(".")
    return Message(topic=TFVC_TOPIC, content=content)


integration.ignores(
    "message.posted",
    reason="Team rooms, whose messages this event carried, are retired from Azure DevOps.",
)
