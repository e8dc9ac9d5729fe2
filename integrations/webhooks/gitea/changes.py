"""What an ``issues`` or ``pull_request`` action changed, in words.

Gitea sends the same actions for issues and pull requests (assigned,
label_updated, milestoned...). Each reader here turns one action into a
``Change``: the verb phrase for the shared ``issue``/``pull_request``
builders, an optional extra sentence and the text to quote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integrations.common.code_hosting import renamed_from, retargeted
from integrations.core import Markdown, Payload, bold, code, md
from integrations.webhooks.gitea.common import assignees_of, labels_of


@dataclass(frozen=True)
class Change:
    action: str  # "closed", or Markdown such as "set milestone **v1** on"
    detail: Markdown | None = None
    body: str | None = None
    after: str | None = None  # follows the reference: "closed PR #5 without merging"


# Each reader gets the issue or pull request, then the whole payload.
ChangeReader = Callable[[Payload, Payload], Change]


def plain(action: str) -> ChangeReader:
    """A change that needs no more than its verb."""

    def read(item: Payload, payload: Payload) -> Change:
        return Change(action)

    return read


def opened(item: Payload, payload: Payload) -> Change:
    return Change("opened", body=item["body"].string(default=None))


def edited(item: Payload, payload: Payload) -> Change:
    changes = payload["changes"]
    sentences = []
    old_title = changes["title"]["from"].string(default=None)
    if old_title is not None:
        sentences.append(renamed_from(old_title))
    old_target = changes["ref"]["from"].string(default=None)
    if old_target is not None:
        # A pull request names its target in ``base``; an issue's ref has none.
        new_target = item["base"]["ref"].string(default=None)
        sentence = (
            retargeted(new_target, old_target)
            if new_target
            else md("The target branch was {}.").format(code(old_target))
        )
        sentences.append(sentence)
    # Quote the new description only when it is what changed.
    body_changed = changes["body"]["from"].string(default=None) is not None
    return Change(
        "edited",
        detail=Markdown(" ").join(sentences) or None,
        body=item["body"].string(default=None) if body_changed else None,
    )


def reassigned(item: Payload, payload: Payload) -> Change:
    # Gitea sends the assignees after the change, not who was added or removed.
    return Change(
        "changed the assignees of", detail=md("Assigned now: {}.").format(assignees_of(item))
    )


def relabelled(item: Payload, payload: Payload) -> Change:
    return Change("changed the labels of", detail=md("Labels now: {}.").format(labels_of(item)))


def milestoned(item: Payload, payload: Payload) -> Change:
    title = item["milestone"]["title"].string(default=None)
    if title is None:
        return Change("set a milestone on")
    return Change(md("set milestone {} on").format(bold(title)))


# The actions issues and pull requests share.
SHARED: dict[str, ChangeReader] = {
    "opened": opened,
    "closed": plain("closed"),
    "reopened": plain("reopened"),
    "edited": edited,
    "assigned": reassigned,
    "unassigned": reassigned,
    "label_updated": relabelled,
    "label_cleared": plain("removed every label from"),
    "milestoned": milestoned,
    "demilestoned": plain("removed the milestone from"),
}
