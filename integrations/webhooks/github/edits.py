"""What an ``edited`` delivery changed, read into the shared model of an edit.

GitHub lists the old values in ``changes.<field>.from``: the title, the
text (``body``) and, for a pull request, the target branch
(``changes.base.ref.from``). A comment or review saved without a change
still carries ``changes.body``, equal to the text it has now.
"""

from __future__ import annotations

from integrations.common.code_hosting import Edit, new_description, new_target, renamed
from integrations.core import Payload


def new_text(payload: Payload, item: Payload) -> str | None:
    """The text an edit gave ``item`` (its ``body``); None when the edit did not change it."""
    before = payload["changes"]["body"]["from"]
    if not before.exists():
        return None
    text = item["body"].string(default="")
    return None if before.string() == text else text


def edits_of(payload: Payload, item: Payload) -> list[Edit]:
    """What an edit of a pull request, issue or discussion changed that a reader would see."""
    changes = payload["changes"]
    edits = []
    old_title = changes["title"]["from"]
    if old_title.exists():
        edits.append(renamed(old_title.string()))
    text = new_text(payload, item)
    if text is not None:
        edits.append(new_description(text))
    # Only a pull request has a target branch (``base``) to move.
    old_target = changes["base"]["ref"]["from"]
    if old_target.exists() and item["base"].exists():
        edits.append(new_target(item["base"]["ref"].string(), old_target.string()))
    return edits
