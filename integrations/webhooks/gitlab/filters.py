"""Zulip's names of GitLab's events, so ``only_events``/``exclude_events`` of a URL moved from
Zulip's own integration filter the same deliveries.

Zulip names an event by GitLab's header and, for some events, one more
word: ``Merge Request Hook open``, ``Note Hook MergeRequest``. It names a
system hook's events by their ``event_name`` in title case: ``Push Hook``,
``Project Create Hook``. The header alone (``Push Hook``, ``Pipeline
Hook``...) is already a name every delivery answers to.
"""

from __future__ import annotations

from collections.abc import Callable

from integrations.core import Delivery, Payload


def action(payload: Payload, delivery: Delivery) -> str:
    """The action, "open" when the payload has none (as Zulip reads it)."""
    return delivery.action or payload["object_attributes"]["action"].string(default="open")


def noteable_type(payload: Payload, delivery: Delivery) -> str:
    """What a comment is on: ``MergeRequest``, ``Issue``, ``Commit``, ``Snippet``..."""
    return payload["object_attributes"]["noteable_type"].string(default="")


# The word Zulip adds to the header of these events.
SECOND_WORD: dict[str, Callable[[Payload, Delivery], str]] = {
    "Issue Hook": action,
    "Confidential Issue Hook": action,
    "Merge Request Hook": action,
    "Wiki Page Hook": action,
    "Note Hook": noteable_type,
    "Confidential Note Hook": noteable_type,
}

# Events a system hook may have sent: Zulip names them by ``event_name``.
SYSTEM_HOOK_EVENTS = frozenset({"Project Hook", "Member Hook", "System Hook"})


def system_name(kind: str) -> str:
    """``project_create`` -> ``Project Create Hook``, as Zulip spells a system hook's event."""
    return kind.split("__")[0].replace("_", " ").title() + " Hook"


def zulip_names(payload: Payload, delivery: Delivery) -> list[str]:
    """Zulip's name for the delivery, besides the header every delivery answers to."""
    word = SECOND_WORD.get(delivery.event)
    if word is not None:
        return [f"{delivery.event} {word(payload, delivery)}"]
    if delivery.event in SYSTEM_HOOK_EVENTS:
        kind = payload["event_name"].string(default=None) or payload["object_kind"].string(
            default=None
        )
        return [system_name(kind)] if kind else []
    return []
