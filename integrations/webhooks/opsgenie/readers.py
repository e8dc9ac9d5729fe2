"""Reading Opsgenie's alert action payloads into what a message needs.

Every action carries an ``alert`` object, but how much of the alert it
holds varies: ``Create`` and custom actions carry the most (priority,
description, details), an old-style ``Escalate`` only the alert's id. So
everything but the action itself is read as optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from integrations.common.monitoring import priority_rank, scalar_of, text_of
from integrations.core import BadPayload, Payload, parse_time

# Opsgenie's priorities: P1 (the highest) to P5.
_RANKS = range(1, 6)
# Beyond this, an Opsgenie time is in nanoseconds (``updatedAt``), not milliseconds.
_NANOSECONDS_FROM = 10**14


def _number_or_text(node: Payload) -> int | str | None:
    """An integer or a string field, whichever it is; None when absent or neither."""
    value = scalar_of(node)
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None


def rank_of(node: Payload) -> int | None:
    """1 (P1, the highest) to 5; None when absent or not a priority Opsgenie knows.

    Opsgenie sends ``"P3"``; older payloads sent the bare number ``3``.
    """
    value = _number_or_text(node)
    rank = priority_rank(str(value)) if value is not None else None
    return rank if rank in _RANKS else None


def priority_of(alert: Payload, field: str = "priority") -> str | None:
    """The alert's priority as Opsgenie shows it (``P3``); None when the payload has none.

    ``field`` is ``oldPriority`` for the one an UpdatePriority replaced.
    """
    node = alert[field]
    value = _number_or_text(node)
    if value is None:
        if node.exists():
            raise BadPayload(node.path, f"expected a priority such as P3, {_kind(node)}")
        return None
    rank = rank_of(node)
    if rank is not None:
        return f"P{rank}"
    return str(value).strip() or None


def _kind(node: Payload) -> str:
    try:
        node.string()
    except BadPayload as error:
        return error.problem.removeprefix("expected a string, ")
    return "a string"


def tags_of(alert: Payload, *, strict: bool = True) -> tuple[str, ...] | None:
    """The alert's tags; None when the payload does not list them.

    ``strict=False`` (for the noise options) reads what it can instead of
    failing on a malformed list.
    """
    try:
        items = alert["tags"].array(default=None)
    except BadPayload:
        if strict:
            raise
        return None
    if items is None:
        return None
    if strict:
        return tuple(tag.string() for tag in items)
    return tuple(text for tag in items if isinstance(text := _number_or_text(tag), str))


def listed(text: str) -> list[str]:
    """``"tag1,tag2"`` (how ``addedTags`` and ``removedTags`` come) as names."""
    return [part.strip() for part in text.split(",") if part.strip()]


def moment_of(node: Payload) -> datetime | None:
    """A time Opsgenie gives as an integer: ``createdAt`` in milliseconds, ``updatedAt`` in
    nanoseconds (as its samples show). Some deliveries send the same digits as text
    (``"1625246954020000000"``). None when absent or unreadable."""
    value = _number_or_text(node)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or value <= 0:
        return None
    return parse_time(value // 1_000_000 if value > _NANOSECONDS_FROM else value)


@dataclass(frozen=True)
class Alert:
    """The alert an action is about, as much as the payload says of it."""

    id: str | None
    tiny_id: str | None
    message: str | None
    priority: str | None
    tags: tuple[str, ...]
    entity: str | None
    source: str | None
    alias: str | None
    created: datetime | None
    updated: datetime | None

    def url(self, eu: bool) -> str | None:
        """The alert's page (the address Zulip's integration links to as well)."""
        if self.id is None:
            return None
        host = "app.eu.opsgenie.com" if eu else "app.opsgenie.com"
        return f"https://{host}/alert/V2#/show/{self.id}"

    @property
    def name(self) -> str:
        """How a topic names the alert: ``#23: Disk full``, or its alias or id."""
        if self.tiny_id and self.message:
            return f"#{self.tiny_id}: {self.message}"
        if self.message:
            return self.message
        return self.alias or (f"alert {self.id}" if self.id else "Opsgenie alert")


def alert_of(payload: Payload) -> Alert:
    alert = payload["alert"]
    return Alert(
        id=text_of(alert["alertId"]),
        tiny_id=text_of(alert["tinyId"]),
        message=text_of(alert["message"]),
        priority=priority_of(alert),
        tags=tags_of(alert) or (),
        entity=text_of(alert["entity"]),
        source=text_of(alert["source"]),
        alias=text_of(alert["alias"]),
        created=moment_of(alert["createdAt"]),
        updated=moment_of(alert["updatedAt"]),
    )


def actor_of(payload: Payload) -> str | None:
    """Who took the action: the alert's ``username`` (a person, or ``System``)."""
    return text_of(payload["alert"]["username"])
