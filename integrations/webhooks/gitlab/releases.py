"""Releases (``Release Hook``): created, updated or deleted.

GitLab's release payload says which release and what happened to it
(``action``), but not who did it, so the message names the release, not a
person: "Release v1.1 was created."
"""

from __future__ import annotations

from integrations.common.code_hosting import release
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.gitlab.common import dropped, for_action, project_repo
from integrations.webhooks.gitlab.declaration import integration

EVENT = "Release Hook"

# What happened, and whether the release notes are worth quoting.
ACTIONS = {
    "create": ("created", True),
    "update": ("updated", False),
    "delete": ("deleted", False),
}


@integration.handles(EVENT)
def release_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    action = payload["action"].string()
    verb, with_notes = for_action(EVENT, ACTIONS, action)
    if dropped(payload["project"]["visibility_level"], request):
        return None
    return release(
        project_repo(payload),
        None,
        payload["name"].string(default=""),
        payload["tag"].string(),
        verb,
        # A deleted release's page is gone.
        url=None if action == "delete" else payload["url"].string(default=None),
        body=payload["description"].string(default=None) if with_notes else None,
    )
