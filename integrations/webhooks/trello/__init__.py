"""Trello: cards, lists and boards, one topic per board.

Trello names nothing in a header: the payload's ``action.type`` is the
event, and an update says what it changed by the fields of
``action.data.old``, which ``declaration`` declares as the update's action.
``readers`` reads Trello's shapes; the handler modules tell cards, lists and
boards, in the order the documentation lists them.
"""

# isort: off
from integrations.webhooks.trello.declaration import integration
from integrations.webhooks.trello import cards, lists, boards

# isort: on

__all__ = ["boards", "cards", "integration", "lists"]
