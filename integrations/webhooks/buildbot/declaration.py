"""The Buildbot webhook, declared once: the event is read from the body, either reporter's.

``ZulipStatusPush`` (what Zulip's Buildbot documentation sets up) says the
event in ``event``: ``new`` or ``finished``, the names Zulip's integration
filters on too. ``HttpStatusPush`` posts Buildbot's build record, which has
no ``event``; its ``complete`` tells a finished build from a new one.
"""

from __future__ import annotations

from integrations.core import (
    BadPayload,
    DerivedEvent,
    Payload,
    TokenHeader,
    WebhookIntegration,
    WebhookRequest,
)

NEW, FINISHED = "new", "finished"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """``event`` when the reporter says it, else ``complete``: finished or new."""
    payload.object()  # a body that is a list or a string is refused, saying so
    event = payload["event"].string(default=None)
    if event is not None:
        return event
    complete = payload["complete"].boolean(default=None)
    if complete is None:
        raise BadPayload(
            "event",
            "expected new or finished, but it is missing (and so is complete):"
            " is this Buildbot's ZulipStatusPush or HttpStatusPush?",
        )
    return FINISHED if complete else NEW


integration = WebhookIntegration(
    name="buildbot",
    display_name="Buildbot",
    description="Buildbot builds starting and finishing: result, builder, branch and failing step.",
    categories=["continuous-integration"],
    events=DerivedEvent(
        "the body's `event` (ZulipStatusPush), or its `complete` (HttpStatusPush)",
        event_of,
        in_payload=True,
    ),
    # HttpStatusPush can send a header of the user's choosing; ZulipStatusPush cannot.
    signature=TokenHeader("X-Zulip-Webhook-Secret"),
)
