"""The UptimeRobot webhook, declared once: the alert's type as the event, and the noise options.

The event is the kind of alert, read from the template's
``alert_type_friendly_name`` (``Down``, ``Up``) or, when the template does
not have it or names it otherwise, ``alert_type`` (1 down, 2 up, 3 an SSL
certificate or a domain about to expire). ``down`` and ``up`` are Zulip's
names for them too.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from integrations.common.monitoring import ignore_resolved, only_named
from integrations.core import (
    BadPayload,
    Delivery,
    DerivedEvent,
    PatternsOption,
    Payload,
    WebhookIntegration,
    WebhookRequest,
    json_body,
)
from integrations.webhooks.uptimerobot.readers import VARIABLES, monitor_of, value_of

DOWN, UP, SSL_EXPIRY = "down", "up", "ssl_expiry"
_BY_NUMBER = {"1": DOWN, "2": UP, "3": SSL_EXPIRY}


def body_of(request: WebhookRequest) -> Any:
    """The POST value's JSON; or UptimeRobot's own variables, sent as form fields or in the URL.

    An alert contact that sends its default POST parameters posts them as a
    form (``monitorFriendlyName=...&alertType=1``); one without a POST value
    has only the variables its owner wrote into the URL's query.
    """
    text = request.body.strip()
    # A JSON POST value sent without "Send as JSON" still arrives as JSON, whatever its type.
    if request.content_type == "application/x-www-form-urlencoded" and not text.startswith(b"{"):
        return dict(parse_qsl(text.decode("utf-8", "replace"), keep_blank_values=True))
    if not text:
        named = {key: value for key, value in request.query.items() if key in _NAMES}
        if named:
            return named
    return json_body(request)


# UptimeRobot's variables by either of their names.
_NAMES = frozenset(VARIABLES) | frozenset(VARIABLES.values())


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """``down``, ``up`` or ``ssl_expiry``; another type is an event of its own name.

    A friendly name the integration does not know (one in another language,
    or a domain's expiry, which UptimeRobot also sends as type 3) gives way
    to a known ``alert_type``.
    """
    payload.object()  # a template that built a list or a string is refused, saying so
    name = value_of(payload, "alert_type_friendly_name")
    number = value_of(payload, "alert_type")
    word = name.strip().lower() if name is not None else None
    if word in (DOWN, UP):
        return word
    if word is not None and "ssl" in word:
        return SSL_EXPIRY
    if number in _BY_NUMBER:
        return _BY_NUMBER[number]
    if word is not None:
        return word.replace(" ", "_")
    if number is not None:
        return f"alert_type_{number}"
    raise BadPayload(
        "alert_type_friendly_name",
        "expected Up or Down, but it is missing (and so is alert_type):"
        " check the alert contact's POST value",
    )


MONITORS = PatternsOption(
    "monitors",
    help="Post only alerts of these monitors, by name (comma-separated, * wildcards).",
    placeholder="Web Server,api-*",
)


def back_up(payload: Payload, delivery: Delivery) -> bool:
    return delivery.event == UP


def monitor_names(payload: Payload, delivery: Delivery) -> list[str] | None:
    """The monitor's name and what it watches; None when the template sends neither."""
    monitor = monitor_of(payload)
    return [name for name in (monitor.name, monitor.url) if name] or None


integration = WebhookIntegration(
    name="uptimerobot",
    display_name="UptimeRobot",
    description="UptimeRobot monitors going down and back up, and certificates about to expire.",
    categories=["monitoring"],
    events=DerivedEvent(
        "the alert's type: `alert_type_friendly_name`, or else `alert_type`",
        event_of,
        in_payload=True,
    ),
    body=body_of,
    guards=[
        ignore_resolved(back_up, help="Post nothing when a monitor is back up."),
        only_named(MONITORS, monitor_names),
    ],
)
