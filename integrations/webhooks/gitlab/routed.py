"""Events whose header does not say what happened: ``System Hook`` and ``Test Hook``.

An instance administrator's system hook sends every event with the header
``System Hook`` and names the event in the payload: ``event_name`` for
pushes, tag pushes and repository updates, ``object_kind`` for merge
requests. A ``Test Hook`` carries a sample payload, named by its
``object_kind``. Both are routed to the handler of the event they carry.
"""

from __future__ import annotations

from integrations.core import Message, Payload, UnsupportedEvent, WebhookRequest
from integrations.core.integration import Handler
from integrations.webhooks.gitlab.ci import job_hook, pipeline_hook
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.issues import issue_event
from integrations.webhooks.gitlab.merge_requests import merge_request
from integrations.webhooks.gitlab.notes import note_event
from integrations.webhooks.gitlab.project import (
    access_token_hook,
    deployment_hook,
    feature_flag_hook,
    milestone_hook,
    wiki_page_hook,
)
from integrations.webhooks.gitlab.pushes import branch_push, tag_push
from integrations.webhooks.gitlab.reactions import emoji_hook
from integrations.webhooks.gitlab.releases import release_hook


def nothing(payload: Payload, request: WebhookRequest) -> Message | None:
    """``repository_update`` follows every push a system hook also reports: nothing to add."""
    return None


SYSTEM_EVENTS: dict[str, Handler] = {
    "push": branch_push,
    "tag_push": tag_push,
    "merge_request": merge_request,
    "repository_update": nothing,
}

SAMPLE_EVENTS: dict[str, Handler] = {
    "push": branch_push,
    "tag_push": tag_push,
    "merge_request": merge_request,
    "issue": issue_event,
    "work_item": issue_event,
    "note": note_event,
    "pipeline": pipeline_hook,
    "build": job_hook,
    "wiki_page": wiki_page_hook,
    "release": release_hook,
    "deployment": deployment_hook,
    "emoji": emoji_hook,
    "feature_flag": feature_flag_hook,
    "milestone": milestone_hook,
    "access_token": access_token_hook,
}


def routed(
    event: str, table: dict[str, Handler], kind: str, payload: Payload, request: WebhookRequest
) -> Message | None:
    handler = table.get(kind)
    if handler is None:
        # A system hook's project, user, group and key events have no topic here.
        raise UnsupportedEvent(integration.name, f"{event} {kind}")
    return handler(payload, request)


@integration.handles("System Hook")
def system_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    # Merge request events have no event_name; the others have both.
    kind = payload["event_name"].string(default=None) or payload["object_kind"].string()
    return routed("System Hook", SYSTEM_EVENTS, kind, payload, request)


@integration.handles("Test Hook")
def test_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    # object_kind first: an access token's event_name is "expiring_access_token".
    kind = payload["object_kind"].string(default=None) or payload["event_name"].string()
    return routed("Test Hook", SAMPLE_EVENTS, kind, payload, request)
