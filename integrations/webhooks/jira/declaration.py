"""The Jira webhook, declared once: where the event is, the signature, the delivery id, the option.

Jira names the event in the payload's ``webhookEvent``: ``jira:issue_updated``,
``comment_created``, ``sprint_started``... Jira Server 5 and 6 left it out of
a transition's payload, which carries a ``transition`` instead; that is an
issue update, as in Zulip's integration.

``jira:issue_updated`` covers every change to an issue, a comment made on it
included; ``issue_event_type_name`` says which (``issue_commented``,
``issue_assigned``...), but not always (older versions leave it out) and not
from a closed list (an administrator can add event types). So the event is
routed as a whole, its handler tells from the payload what changed, and
``only_events``/``exclude_events`` also know an update by its
``issue_event_type_name``.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.core import (
    BadPayload,
    Delivery,
    DerivedEvent,
    FlagOption,
    HmacSignature,
    Payload,
    UnsupportedEvent,
    WebhookIntegration,
    WebhookRequest,
)

NAME = "jira"
UPDATED = "jira:issue_updated"
NO_EVENT = "(no webhookEvent)"
# The body of an automation rule's "Send web request" action: the issue, no event.
AUTOMATION = "automation_web_request"
DELIVERY_HEADER = "X-Atlassian-Webhook-Identifier"

HIDE_PERSONAL_DATA = FlagOption(
    "hide_personal_data",
    help="Leave out people's names (who acted, assignees, mentions) and any e-mail address in "
    "descriptions and comments.",
)


def is_issue(node: Payload) -> bool:
    """Whether a node is an issue as the REST API writes it: a ``key`` and ``fields``."""
    try:
        return (
            bool(node["key"].string(default=None))
            and node["fields"].object(default=None) is not None
        )
    except BadPayload:
        return False


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """``webhookEvent``; an issue update for Jira's old transition payload, which lacks it; an
    automation rule's web request for a body that is an issue, or holds one, and names no event."""
    payload.object()  # a body that is not an object says so first
    node = payload["webhookEvent"]
    try:
        event = node.string(default=None)
    except BadPayload:
        raise BadPayload(node.path, "expected the name of a Jira event") from None
    if event and event.strip():
        return event.strip()
    if payload["transition"].exists():
        return UPDATED
    if is_issue(payload["issue"]) or is_issue(payload):
        return AUTOMATION
    raise UnsupportedEvent(NAME, NO_EVENT)


def update_type(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """An issue update is also known by its ``issue_event_type_name`` (``issue_commented``)."""
    if delivery.event == UPDATED:
        try:
            kind = payload["issue_event_type_name"].string(default=None)
        except BadPayload:
            kind = None
        if kind:
            yield kind


def delivery_id(request: WebhookRequest, payload: Payload) -> str | None:
    """Jira Cloud names each delivery, the same on its retries."""
    value = request.headers.get(DELIVERY_HEADER, "").strip()
    return value[:200] or None


integration = WebhookIntegration(
    name=NAME,
    display_name="Jira",
    description="Jira issues, comments, sprints and releases, from Cloud, Server or Data Center.",
    categories=["project-management"],
    events=DerivedEvent(
        "the payload's `webhookEvent` (a transition payload of old Jira versions is an update; an"
        " issue without it, an automation rule's web request)",
        event_of,
        in_payload=True,
    ),
    # Jira Cloud signs a webhook given a secret (WebSub's scheme); Server and
    # Data Center send no signature, so leave the secret unset for them.
    signature=HmacSignature("X-Hub-Signature", "sha256", prefix="sha256="),
    options=[HIDE_PERSONAL_DATA],
    filter_names=update_type,
    delivery_id=delivery_id,
    # Jira encodes the URL's stream and topic twice; Zulip decodes them again.
    unquote_url_parameters=True,
)
