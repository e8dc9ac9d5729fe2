"""What an ``edited`` issue or pull request changed, read into the shared model of an edit.

Gitea lists the old values in ``changes.<field>.from``: the title, the
target branch (``ref``) and the description (``body``); the new ones are
those of the issue or pull request itself.
"""

from __future__ import annotations

from integrations.common.code_hosting import Edit, new_description, renamed, retargeted
from integrations.core import Payload, code, md


def edits_of(payload: Payload, item: Payload) -> list[Edit]:
    """What an ``edited`` delivery changed: ``changes.<field>.from`` holds the old values."""
    changes = payload["changes"]
    edits = []
    old_title = changes["title"]["from"].string(default=None)
    if old_title is not None:
        edits.append(renamed(old_title))
    old_target = changes["ref"]["from"].string(default=None)
    if old_target is not None:
        # A pull request names its target in ``base``; an issue's ref has none.
        new_target = item["base"]["ref"].string(default=None)
        note = (
            retargeted(new_target, old_target)
            if new_target
            else md("The target branch was {}.").format(code(old_target))
        )
        edits.append(Edit("edited", note))
    if changes["body"]["from"].string(default=None) is not None:
        edits.append(new_description(item["body"].string(default="")))
    return edits
