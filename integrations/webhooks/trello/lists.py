"""Lists: added to a board, renamed, archived or restored, deleted."""

from __future__ import annotations

from integrations.core import Delivery, Message, Payload, bold, md
from integrations.webhooks.trello.declaration import integration
from integrations.webhooks.trello.readers import board_of, data_of, list_name, text_of
from integrations.webhooks.trello.text import named, said, who


def list_of(payload: Payload) -> str:
    return list_name(data_of(payload)["list"]) or "a list"


@integration.handles("createList")
def on_list_created(payload: Payload, delivery: Delivery) -> Message:
    """The list added, and the board it was added to."""
    board = board_of(payload)
    if board is None:
        sentence = md("{who} added the list {name}.").format(
            who=who(payload), name=bold(list_of(payload))
        )
    else:
        sentence = md("{who} added the list {name} to {board}.").format(
            who=who(payload), name=bold(list_of(payload)), board=named(board)
        )
    return said(payload, sentence)


@integration.handles("updateList", action="name")
def on_list_renamed(payload: Payload, delivery: Delivery) -> Message:
    """The list's old name and its new one."""
    old = text_of(data_of(payload)["old"]["name"])
    if old is None:
        return said(
            payload,
            md("{who} renamed the list {name}.").format(
                who=who(payload), name=bold(list_of(payload))
            ),
        )
    return said(
        payload,
        md("{who} renamed the list {old} to {name}.").format(
            who=who(payload), old=bold(old), name=bold(list_of(payload))
        ),
    )


@integration.handles("updateList", action="closed")
def on_list_archived(payload: Payload, delivery: Delivery) -> Message:
    """That the list was archived, or restored from the archive."""
    closed = data_of(payload)["list"]["closed"].boolean(default=True)
    verb = "archived the list {name}" if closed else "restored the list {name} from the archive"
    return said(
        payload, md("{who} " + verb + ".").format(who=who(payload), name=bold(list_of(payload)))
    )


@integration.handles("deleteList")
def on_list_deleted(payload: Payload, delivery: Delivery) -> Message:
    """That the list was deleted for good (archiving it is `updateList.closed`)."""
    return said(
        payload,
        md("{who} deleted the list {name}.").format(who=who(payload), name=bold(list_of(payload))),
    )


integration.ignores(
    "sortList",
    reason="Sorting a list's cards (by date, by name): how the board is arranged, not work done"
    " on it.",
)
integration.ignores(
    "updateList",
    action=("pos", "idBoard", "softLimit", "color", "subscribed"),
    reason="Reordering lists, moving them to another board, their card limits, colours and"
    " who follows them: how the board is arranged, not work done on it.",
)
integration.ignores(
    "moveListToBoard",
    "moveListFromBoard",
    reason="A list moved between boards: its cards keep their own history.",
)
