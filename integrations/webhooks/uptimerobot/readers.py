"""Reading the body an UptimeRobot alert contact posts: a template its owner wrote.

UptimeRobot fills the ``*variables*`` of the **POST value** its user pasted
and sends the result. So the field names are the user's: Zulip's template
uses ``monitor_friendly_name``, older templates and many others the
variables' own names (``monitorFriendlyName``); both are read. Values come
as strings even when they are numbers, and a variable UptimeRobot has no
value for is sometimes left as written (``*alertFriendlyDuration*``), which
reads as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.core import BadPayload, Payload

_PLACEHOLDER = re.compile(r"\*[A-Za-z]+\*\Z")

# Zulip's field names, and UptimeRobot's own names for the same variables.
VARIABLES = {
    "monitor_id": "monitorID",
    "monitor_url": "monitorURL",
    "monitor_friendly_name": "monitorFriendlyName",
    "alert_type": "alertType",
    "alert_type_friendly_name": "alertTypeFriendlyName",
    "alert_details": "alertDetails",
    "alert_duration": "alertDuration",
    "alert_friendly_duration": "alertFriendlyDuration",
    "alert_datetime": "alertDateTime",
    "ssl_expiry_date": "sslExpiryDate",
    "ssl_expiry_days_left": "sslExpiryDaysLeft",
    "domain_expire_date": "domainExpireDate",
}


def value_of(payload: Payload, name: str) -> str | None:
    """The field ``name`` (snake_case) or its camelCase twin, as text; None when absent.

    A number is read as its digits; an empty value or a variable left
    unfilled reads as absent. Anything else (a list, an object) is a
    template mistake, named.
    """
    for key in (name, VARIABLES[name]):
        node = payload[key]
        if not node.exists():
            continue
        try:
            text = node.string()
        except BadPayload:
            try:
                text = str(node.integer())
            except BadPayload:
                raise BadPayload(node.path, "expected text or a number") from None
        text = text.strip()
        if text and not _PLACEHOLDER.match(text):
            return text
    return None


def seconds_of(payload: Payload, name: str) -> int | None:
    """A whole number of seconds (a duration, or a Unix time); None when absent or not one."""
    text = value_of(payload, name)
    return int(text) if text is not None and text.isdigit() else None


@dataclass(frozen=True)
class Monitor:
    """The monitor an alert is about: its name, what it watches, its id."""

    name: str | None
    url: str | None
    id: str | None

    @property
    def topic(self) -> str:
        """The monitor's name, as Zulip names the topic; what it watches when it has none."""
        return self.name or self.url or "UptimeRobot"

    @property
    def page(self) -> str | None:
        """The monitor in UptimeRobot's dashboard."""
        if self.id is None or not self.id.isdigit():
            return None
        return f"https://dashboard.uptimerobot.com/monitors/{self.id}"


def monitor_of(payload: Payload) -> Monitor:
    return Monitor(
        name=value_of(payload, "monitor_friendly_name"),
        url=value_of(payload, "monitor_url"),
        id=value_of(payload, "monitor_id"),
    )
