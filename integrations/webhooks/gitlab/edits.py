"""What an ``update`` of a merge request or issue changed, read into the shared model of an edit.

GitLab sends ``action: update`` for every edit and lists the edited fields
in ``changes`` as ``{"previous": ..., "current": ...}``. Only the changes a
reader cares about are read; bookkeeping ones (``updated_at``, time
tracking) are not, so an update of those alone tells nothing. A new
description is quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from integrations.common.code_hosting import (
    Edit,
    User,
    listing,
    people,
    renamed,
    retargeted,
    unique,
)
from integrations.core import Markdown, Payload, bold, code, md
from integrations.webhooks.gitlab.readers import HIDDEN_COMMENT, names_of, user_of


def edits_of(payload: Payload, actor: User) -> list[Edit] | None:
    """The edits worth telling, or None when the payload does not list them (older GitLab).

    ``actor`` made them, and is "themselves" when they assign or unassign
    only themselves.
    """
    changes = payload["changes"]
    if not changes.exists():
        return None
    present = changes.object()
    read_all = (read(present[key], actor.name) for key, read in READERS.items() if key in present)
    found = [edit for edit in read_all if edit is not None]
    # Both names of the draft flag may come together; say it once.
    return unique(found)


def _names(node: Payload) -> list[str]:
    return names_of(node.array(default=[]))


def _label_titles(node: Payload) -> list[str]:
    return [label["title"].string() for label in node.array(default=[])]


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


def _title(change: Payload, actor: str) -> Edit:
    return renamed(change["previous"].string(default=""))


def _description(change: Payload, actor: str) -> Edit:
    """The new description, quoted below the message (without GitLab's hidden comments)."""
    text = HIDDEN_COMMENT.sub("", change["current"].string(default="")).strip()
    if not text:
        return Edit(
            md("removed the description of"), md("Removed the description."), note_alone=False
        )
    verb = md("edited the description of")
    return Edit(verb, md("Edited the description."), note_alone=False, text=text)


def _locked(change: Payload, actor: str) -> Edit:
    if change["current"].boolean(default=False):
        return Edit(md("locked the discussion on"), md("Discussion locked."), note_alone=False)
    return Edit(md("unlocked the discussion on"), md("Discussion unlocked."), note_alone=False)


def _assignees(change: Payload, actor: str) -> Edit:
    current, added, removed = _added_and_removed(change, _names)
    note = md("Assigned now: {}.").format(people(current))
    if added and not removed:
        return Edit(md("assigned {} to").format(_whom(added, actor)), note, note_alone=False)
    if removed and not added:
        return Edit(md("unassigned {} from").format(_whom(removed, actor)), note, note_alone=False)
    return Edit(md("changed the assignees of"), note)


def _reviewers(change: Payload, actor: str) -> Edit | None:
    if isinstance(change.raw(), list):
        return _review_states(change, actor)
    previous, current = _names(change["previous"]), _names(change["current"])
    return _reviewers_changed(previous, current)


def _reviewers_changed(previous: list[str], current: list[str]) -> Edit:
    added = [name for name in current if name not in previous]
    removed = [name for name in previous if name not in current]
    note = md("Reviewers now: {}.").format(people(current))
    if added and not removed:
        verb = md("requested a review from {} on").format(people(added))
        return Edit(verb, note, note_alone=False)
    if removed and not added:
        verb = md("withdrew the review request for {} on").format(people(removed))
        return Edit(verb, note, note_alone=False)
    return Edit(md("changed the reviewers of"), note)


# What a reviewer's new ``state`` says when they submit their review.
REVIEW_VERBS = {"requested_changes": "requested changes to", "reviewed": "reviewed"}


def _review_states(change: Payload, actor: str) -> Edit | None:
    """Newer GitLab sends the reviewers as ``[before, after]``, each with a ``state``, when a
    review is submitted or asked for again: tell who submitted theirs (changes requested, or
    reviewed), or who is asked again; None when only a state GitLab keeps for itself changed
    (a review started, an approval, which has its own action)."""
    halves = change.array()
    before = {user_of(node).name: node for node in (halves[0].array(default=[]) if halves else [])}
    after = halves[1].array(default=[]) if len(halves) > 1 else []
    current = names_of(after)
    note = md("Reviewers now: {}.").format(people(current))
    asked = [
        name
        for name, node in ((user_of(node).name, node) for node in after)
        if node["re_requested"].boolean(default=False)
        and name in before
        and not before[name]["re_requested"].boolean(default=False)
    ]
    if asked:
        verb = md("requested a new review from {} on").format(people(asked))
        return Edit(verb, note, note_alone=False)
    for node in after:
        name = user_of(node).name
        state = node["state"].string(default="")
        previous = before[name]["state"].string(default="") if name in before else ""
        if state != previous and state in REVIEW_VERBS:
            if name == actor:
                return Edit(md(REVIEW_VERBS[state]), note, note_alone=False)
            said = md("{} {}").format(bold(name), REVIEW_VERBS[state].removesuffix(" to"))
            return Edit(md("updated"), said + md("."))
    if current != list(before):
        return _reviewers_changed(list(before), current)
    return None


def _labels(change: Payload, actor: str) -> Edit:
    current, added, removed = _added_and_removed(change, _label_titles)
    note = md("Labels now: {}.").format(listing([code(title) for title in current], "none"))
    for titles, template in ((added, "added {} to"), (removed, "removed {} from")):
        if titles and not (added and removed):
            noun = "the label" if len(titles) == 1 else "the labels"
            shown = listing([code(title) for title in titles], "none")
            verb = md(template).format(md("{} {}").format(noun, shown))
            return Edit(verb, note, note_alone=False)
    return Edit(md("changed the labels of"), note)


def _draft(change: Payload, actor: str) -> Edit:
    if change["current"].boolean(default=False):
        return Edit(md("converted"), md("Marked as draft."), after="to a draft", note_alone=False)
    return Edit(md("marked"), md("Marked as ready."), after="as ready for review", note_alone=False)


def _auto_merge(change: Payload, actor: str) -> Edit | None:
    """Auto-merge set: the merge request merges once its pipeline succeeds. Its end is not
    told: GitLab also clears it itself, when the pipeline fails or the merge happens."""
    if not change["current"].boolean(default=False):
        return None
    return Edit(md("set"), md("Set to auto-merge."), after="to auto-merge", note_alone=False)


def _target_branch(change: Payload, actor: str) -> Edit:
    note = retargeted(change["current"].string(default=""), change["previous"].string(default=""))
    return Edit(md("edited"), note)


def _due_date(change: Payload, actor: str) -> Edit:
    due = change["current"].string(default=None)
    return Edit(md("updated"), md("Due date: {}.").format(due) if due else md("Due date removed."))


def _confidential(change: Payload, actor: str) -> Edit:
    secret = change["current"].boolean(default=False)
    return Edit(md("updated"), md("Made confidential." if secret else "Made visible to everyone."))


Reader = Callable[[Payload, str], Edit | None]

# In the order the notes are listed; ``work_in_progress`` is the older name
# of ``draft``.
READERS: dict[str, Reader] = {
    "title": _title,
    "draft": _draft,
    "work_in_progress": _draft,
    "reviewers": _reviewers,
    "assignees": _assignees,
    "labels": _labels,
    "target_branch": _target_branch,
    "merge_when_pipeline_succeeds": _auto_merge,
    "due_date": _due_date,
    "confidential": _confidential,
    "discussion_locked": _locked,
    "description": _description,
}
