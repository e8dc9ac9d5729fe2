"""What an ``update`` of an issue or merge request changed, in a verb and a sentence.

GitLab sends ``action: update`` for every edit and lists the edited fields
in ``changes`` as ``{"previous": ..., "current": ...}``. Only the changes a
reader cares about make a message; bookkeeping ones (``updated_at``, time
tracking) make none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from integrations.core import Payload
from integrations.webhooks.gitlab.common import plain_list, unique_names


@dataclass(frozen=True)
class Change:
    verb: str  # what the actor did, when this is the only change: "renamed"
    summary: str  # the change as a sentence, in a list of changes
    alone: bool = True  # whether the sentence adds anything to the verb on its own


def _names(node: Payload) -> list[str]:
    return unique_names(node.array(default=[]))


def _title(change: Payload) -> Change:
    previous = change["previous"].string(default="")
    return Change("renamed", f"Previous title: {previous}." if previous else "Renamed.")


def _description(change: Payload) -> Change:
    return Change("edited the description of", "Edited the description.", alone=False)


def _assignees(change: Payload) -> Change:
    current = _names(change["current"])
    return Change("assigned" if current else "unassigned", f"Assignees: {plain_list(current)}.")


def _reviewers(change: Payload) -> Change:
    current = _names(change["current"])
    added = set(current) - set(_names(change["previous"]))
    verb = "requested a review of" if added else "changed the reviewers of"
    return Change(verb, f"Reviewers: {plain_list(current)}.")


def _labels(change: Payload) -> Change:
    titles = [label["title"].string() for label in change["current"].array(default=[])]
    return Change("relabelled", f"Labels: {plain_list(titles, 'none')}.")


def _draft(change: Payload) -> Change:
    draft = change["current"].boolean(default=False)
    return Change("updated", "Marked as draft." if draft else "Marked as ready.")


def _target_branch(change: Payload) -> Change:
    return Change("retargeted", f"Target branch: {change['current'].string(default='')}.")


def _due_date(change: Payload) -> Change:
    due = change["current"].string(default=None)
    return Change("updated", f"Due date: {due}." if due else "Due date removed.")


def _confidential(change: Payload) -> Change:
    secret = change["current"].boolean(default=False)
    return Change("updated", "Made confidential." if secret else "Made visible to everyone.")


Reader = Callable[[Payload], Change]

# In the order the sentences are listed; ``work_in_progress`` is the older
# name of ``draft``.
READERS: dict[str, Reader] = {
    "title": _title,
    "draft": _draft,
    "work_in_progress": _draft,
    "reviewers": _reviewers,
    "assignees": _assignees,
    "labels": _labels,
    "target_branch": _target_branch,
    "due_date": _due_date,
    "confidential": _confidential,
    "description": _description,
}


def changes_of(payload: Payload) -> list[Change] | None:
    """The changes worth telling, or None when the payload does not list them (older GitLab)."""
    changes = payload["changes"]
    if not changes.exists():
        return None
    present = changes.object()
    found = [read(present[key]) for key, read in READERS.items() if key in present]
    # Both names of the draft flag may come together; say it once.
    unique: dict[str, Change] = {change.summary: change for change in found}
    return list(unique.values())


def verb_and_detail(changes: list[Change]) -> tuple[str, str | None]:
    """One change: its own verb; several: "updated" and every change in a sentence."""
    if len(changes) == 1:
        only = changes[0]
        return only.verb, only.summary if only.alone else None
    return "updated", " ".join(change.summary for change in changes)
