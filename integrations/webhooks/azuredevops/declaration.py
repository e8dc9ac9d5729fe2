"""The Azure DevOps webhook, declared once: event, merge outcome, branch filter, secret, delivery.

The event is the body's ``eventType``, the names Zulip's Azure DevOps
integration filters on too. Azure DevOps signs nothing, but a service hook
may send basic-auth credentials and headers of the user's choosing: a
shared secret in ``X-Zulip-Webhook-Secret`` is checked when one is
configured.
"""

from __future__ import annotations

from integrations.common.code_hosting import BRANCHES
from integrations.core import (
    Actions,
    DerivedEvent,
    Payload,
    TokenHeader,
    WebhookIntegration,
    WebhookRequest,
)

PUSH = "git.push"
PR_CREATED = "git.pullrequest.created"
PR_UPDATED = "git.pullrequest.updated"
PR_MERGED = "git.pullrequest.merged"
PR_MERGE_ATTEMPTED = "git.pullrequest.merge.attempted"
PR_COMMENTED = "ms.vss-code.git-pullrequest-comment-event"
BUILD = "build.complete"
DEPLOYMENT_STARTED = "ms.vss-release.deployment-started-event"
DEPLOYMENT_COMPLETED = "ms.vss-release.deployment-completed-event"
CHECKIN = "tfvc.checkin"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """The body's ``eventType``; ``eventId`` in the reference's samples of newer pipeline events."""
    named = payload["eventType"]
    if not named.exists() and payload["eventId"].exists():
        named = payload["eventId"]
    return named.string()


def delivery_id_of(request: WebhookRequest, payload: Payload) -> str | None:
    """The subscription and the event: what one delivery is, and stays on a retry.

    Azure DevOps names the event in ``id`` and the service hook in
    ``subscriptionId``; it sends a notification again with the same payload
    when the first try failed. One event sent to two service hooks has one
    ``id``, so the event alone would make the second look like a repeat.
    """
    subscription = payload["subscriptionId"].string(default=None)
    event = payload["id"].string(default=None)
    if not subscription or not event:
        return None
    return f"{subscription}/{event}"[:200]


# What a service hook's "Trigger on this type of event" list calls each event.
TRIGGERS = {
    PUSH: "Code pushed",
    PR_CREATED: "Pull request created",
    PR_UPDATED: "Pull request updated",
    PR_MERGED: "Pull request merge attempted",
    PR_MERGE_ATTEMPTED: "Pull request merge attempted",
    PR_COMMENTED: "Pull request commented on",
    BUILD: "Build completed",
    DEPLOYMENT_STARTED: "Release deployment started",
    DEPLOYMENT_COMPLETED: "Release deployment completed",
    CHECKIN: "Code checked in",
    "workitem.created": "Work item created",
    "workitem.updated": "Work item updated",
    "workitem.commented": "Work item commented on",
    "workitem.deleted": "Work item deleted",
    "workitem.restored": "Work item restored",
}

integration = WebhookIntegration(
    name="azuredevops",
    display_name="Azure DevOps",
    description="Repos pushes and pull requests, Pipelines builds and releases, Boards work items.",
    categories=["version-control", "continuous-integration", "project-management"],
    events=DerivedEvent("the field eventType of the payload", event_of, in_payload=True),
    # A merge says how it went: only a merge that succeeded is news.
    actions=Actions(
        per_event={PR_MERGED: "resource.mergeStatus", PR_MERGE_ATTEMPTED: "resource.mergeStatus"},
        when_missing={PR_MERGED: "notSet", PR_MERGE_ATTEMPTED: "notSet"},
    ),
    options=[BRANCHES],
    signature=TokenHeader("X-Zulip-Webhook-Secret"),
    triggers=TRIGGERS,
    delivery_id=delivery_id_of,
)
