"""What an ``update`` of an issue or merge request changed, in a verb and a sentence.

GitLab sends ``action: update`` for every edit and lists the edited fields
in ``changes`` as ``{"previous": ..., "current": ...}``. Only the changes a
reader cares about make a message; bookkeeping ones (``updated_at``, time
tracking) make none. The words are those the GitHub and Gitea integrations
use for the same changes ("assigned **Ann** to", "Renamed from **Old**.").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from integrations.common.code_hosting import listing, people, renamed_from, retargeted
from integrations.core import Markdown, Payload, code, md
from integrations.webhooks.gitlab.common import unique_names


@dataclass(frozen=True)
class Change:
    """One changed field, told two ways.

    Alone, it is ``verb`` (before the reference) and ``after`` (after it):
    "**Ann** assigned **Bo** to issue #3", "marked PR #5 as ready for
    review"; ``summary`` follows when ``alone`` says it adds something. With
    other changes, the message says "updated" and lists every ``summary``.
    """

    verb: Markdown
    summary: Markdown
    alone: bool = True
    after: str | None = None


def _names(node: Payload) -> list[str]:
    return unique_names(node.array(default=[]))


def _added_and_removed(
    change: Payload, read: Callable[[Payload], list[str]]
) -> tuple[list[str], list[str], list[str]]:
    """The values now, those added and those removed, in GitLab's order."""
    previous, current = read(change["previous"]), read(change["current"])
    added = [value for value in current if value not in previous]
    removed = [value for value in previous if value not in current]
    return current, added, removed


def _whom(names: Sequence[str], actor: str) -> Markdown:
    """People in bold, or "themselves" when it is only the one who acted."""
    return md("themselves") if list(names) == [actor] else people(names)


def _title(change: Payload, actor: str) -> Change:
    return Change(md("edited"), renamed_from(change["previous"].string(default="")))


def _description(change: Payload, actor: str) -> Change:
    return Change(md("edited the description of"), md("Edited the description."), alone=False)


def _assignees(change: Payload, actor: str) -> Change:
    current, added, removed = _added_and_removed(change, _names)
    summary = md("Assigned now: {}.").format(people(current))
    if added and not removed:
        return Change(md("assigned {} to").format(_whom(added, actor)), summary, alone=False)
    if removed and not added:
        return Change(md("unassigned {} from").format(_whom(removed, actor)), summary, alone=False)
    return Change(md("changed the assignees of"), summary)


def _reviewers(change: Payload, actor: str) -> Change:
    current, added, removed = _added_and_removed(change, _names)
    summary = md("Reviewers now: {}.").format(people(current))
    if added and not removed:
        verb = md("requested a review from {} on").format(people(added))
        return Change(verb, summary, alone=False)
    if removed and not added:
        verb = md("withdrew the review request for {} on").format(people(removed))
        return Change(verb, summary, alone=False)
    return Change(md("changed the reviewers of"), summary)


def _label_titles(node: Payload) -> list[str]:
    return [label["title"].string() for label in node.array(default=[])]


def _labels(change: Payload, actor: str) -> Change:
    current, added, removed = _added_and_removed(change, _label_titles)
    summary = md("Labels now: {}.").format(listing([code(title) for title in current], "none"))
    for titles, template in ((added, "added {} to"), (removed, "removed {} from")):
        if titles and not (added and removed):
            noun = "the label" if len(titles) == 1 else "the labels"
            shown = listing([code(title) for title in titles], "none")
            verb = md(template).format(md("{} {}").format(noun, shown))
            return Change(verb, summary, alone=False)
    return Change(md("changed the labels of"), summary)


def _draft(change: Payload, actor: str) -> Change:
    if change["current"].boolean(default=False):
        return Change(md("converted"), md("Marked as draft."), alone=False, after="to a draft")
    return Change(md("marked"), md("Marked as ready."), alone=False, after="as ready for review")


def _target_branch(change: Payload, actor: str) -> Change:
    summary = retargeted(
        change["current"].string(default=""), change["previous"].string(default="")
    )
    return Change(md("edited"), summary)


def _due_date(change: Payload, actor: str) -> Change:
    due = change["current"].string(default=None)
    return Change(
        md("updated"), md("Due date: {}.").format(due) if due else md("Due date removed.")
    )


def _confidential(change: Payload, actor: str) -> Change:
    secret = change["current"].boolean(default=False)
    return Change(
        md("updated"), md("Made confidential." if secret else "Made visible to everyone.")
    )


Reader = Callable[[Payload, str], Change]

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


def changes_of(payload: Payload, actor: str) -> list[Change] | None:
    """The changes worth telling, or None when the payload does not list them (older GitLab).

    ``actor`` is the name of who made them, who is "themselves" when they
    assign or unassign only themselves.
    """
    changes = payload["changes"]
    if not changes.exists():
        return None
    present = changes.object()
    found = [read(present[key], actor) for key, read in READERS.items() if key in present]
    # Both names of the draft flag may come together; say it once.
    unique: dict[str, Change] = {change.summary: change for change in found}
    return list(unique.values())


@dataclass(frozen=True)
class Told:
    """How a list of changes reads: the verb, what follows the reference, a detail."""

    verb: Markdown
    after: str | None
    detail: Markdown | None


def told(changes: list[Change]) -> Told:
    """One change: its own words; several: "updated" and every change in a sentence."""
    if len(changes) == 1:
        only = changes[0]
        return Told(only.verb, only.after, only.summary if only.alone else None)
    return summed_up(changes)


def summed_up(changes: list[Change]) -> Told:
    return Told(md("updated"), None, Markdown(" ").join(change.summary for change in changes))
