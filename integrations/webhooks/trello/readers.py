"""Trello's shapes read into small records: who acted, the board, the card, a list, a member.

Everything in ``action.data`` beyond what an action is about is optional:
Trello sends what the action touched, and older actions (and those of
automations) leave out names it sends today. A card or board is linked by
its ``shortLink``, which every action carries for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from integrations.core import Payload

TRELLO = "https://trello.com"


def data_of(payload: Payload) -> Payload:
    return payload["action"]["data"]


def text_of(node: Payload) -> str | None:
    """A name or text Trello may leave out, or send empty."""
    text = node.string(default=None)
    return text if text and text.strip() else None


@dataclass(frozen=True)
class Named:
    """Something with a name and, where Trello gives its short link, a page."""

    name: str
    url: str | None = None


def creator_of(payload: Payload) -> str:
    """Who did it: their full name, else their username (automations may send neither)."""
    creator = payload["action"]["memberCreator"]
    return text_of(creator["fullName"]) or text_of(creator["username"]) or "Someone"


def member_of(payload: Payload) -> str:
    """The member an action added or removed (``action.member``)."""
    member = payload["action"]["member"]
    return (
        text_of(member["fullName"])
        or text_of(member["username"])
        or text_of(data_of(payload)["member"]["name"])
        or "a member"
    )


def board_of(payload: Payload) -> Named | None:
    """The board the action happened on, linked."""
    board = data_of(payload)["board"]
    name = text_of(board["name"])
    if name is None:
        return None
    short = text_of(board["shortLink"])
    return Named(name, f"{TRELLO}/b/{short}" if short else None)


def card_of(payload: Payload) -> Named:
    """The card, linked; a card known only by its number (a deleted one) is ``card #12``."""
    card = data_of(payload)["card"]
    short = text_of(card["shortLink"])
    name = text_of(card["name"])
    if name is None:
        number = card["idShort"].integer(default=None)
        name = f"card #{number}" if number is not None else "a card"
    return Named(name, f"{TRELLO}/c/{short}" if short else None)


def list_name(node: Payload) -> str | None:
    return text_of(node["name"])


def is_self(payload: Payload) -> bool:
    """Whether the member an action added or removed is the one who acted."""
    action = payload["action"]
    member = action["member"]["id"].string(default=None) or data_of(payload)["idMember"].string(
        default=None
    )
    return member is not None and member == action["idMemberCreator"].string(default=None)
