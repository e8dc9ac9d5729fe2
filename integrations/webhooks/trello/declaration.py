"""The Trello webhook, declared once: the action type as the event, what changed as the action.

Trello posts ``{"action": {...}, "model": {...}}``: ``action.type`` is the
event (``createCard``, ``commentCard``...). An update (``updateCard``,
``updateList``, ``updateBoard``) says what it changed only by the fields it
lists in ``action.data.old``, with their values before: that field is the
update's action, named as Trello's own action filters name it
(``updateCard:idList`` is a card moved to another list).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from integrations.core import (
    Actions,
    BodyEvent,
    HmacSignature,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)
from integrations.core.signatures import body_and_url

OLD = ("action", "data", "old")

# The fields an update can change, the ones told first: a card moved to
# another list also changes its position, which alone would be ignored.
CHANGED_FIELDS: Mapping[str, Sequence[str]] = {
    "updateCard": (
        "idList",
        "closed",
        "name",
        "desc",
        "due",
        "dueComplete",
        "start",
        "dueReminder",
        "recurrenceRule",
        "pos",
        "cover",
        "idAttachmentCover",
        "locationName",
        "address",
        "coordinates",
        "isTemplate",
    ),
    "updateList": ("closed", "name", "pos", "idBoard", "softLimit", "color", "subscribed"),
    "updateBoard": ("closed", "name", "desc", "prefs", "idOrganization", "labelNames"),
}


# The action of an update whose ``old`` names no field (Trello sends none; other
# senders of its format may): there is nothing to tell.
NOTHING_CHANGED = "nothing"


class ChangedField(Actions):
    """The action of an update is the field it changed: the first of ``fields`` in ``old``.

    An update that changed a field not listed is the action of that field's
    name, which nothing declares, so the core refuses it as unsupported
    (``updateCard.newField``).
    """

    def __init__(self, fields: Mapping[str, Sequence[str]]) -> None:
        super().__init__(per_event={event: ".".join(OLD) for event in fields})
        self.fields = {event: tuple(names) for event, names in fields.items()}

    def action_of(self, event: str, payload: Payload) -> str:
        old = payload
        for key in OLD:
            old = old[key]
        # Null values count: "due": null is a due date set.
        changed = list(old.object(default={}))
        if not changed:
            return NOTHING_CHANGED
        return next((name for name in self.fields[event] if name in changed), changed[0])


def action_id(request: WebhookRequest, payload: Payload) -> str | None:
    """Trello's id of the action: the same when it retries a delivery, unique per action."""
    return payload["action"]["id"].string(default=None)


integration = WebhookIntegration(
    name="trello",
    display_name="Trello",
    description="Trello cards, lists and boards: created, moved, commented, assigned, done.",
    categories=["project-management"],
    events=BodyEvent("action", "type"),
    actions=ChangedField(CHANGED_FIELDS),
    signature=HmacSignature("X-Trello-Webhook", "sha1", encoding="base64", signed=body_and_url),
    delivery_id=action_id,
)
integration.ignores(
    *CHANGED_FIELDS,
    action=NOTHING_CHANGED,
    reason="An update that names no changed field: there is nothing to tell.",
)
