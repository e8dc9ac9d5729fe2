"""One model of an edit: what changed in a pull request or issue, told alone or together.

Every code host reads what an edit changed into ``Edit`` records (the
title, the target branch, the description, assignees, labels, a status...),
and ``told`` turns them into the words of the shared builders: one change in
its own words ("**Ann** marked PR #5 as ready for review."), several as
"updated" followed by every note, unless one of them leads ("**Bo** resolved
issue #1." and then the other changes). A note is a sentence, or a fragment
such as ``changed_field``'s "Priority: major → critical"; fragments in a row
are joined by "; ".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from integrations.core.markup import Markdown, bold, code, md


@dataclass(frozen=True)
class Edit:
    """One changed field.

    Alone, it reads "<who> ``verb`` <reference> ``after``." and then
    ``note`` when ``note_alone`` says the note adds something; among other
    changes, the message says "updated" and lists every ``note`` — unless
    this edit ``leads``: then it reads as it would alone, followed by the
    others' notes. ``text`` is a new description or body, quoted below.
    ``fragment`` marks a note that is not a sentence ("Title: Bug → Crash").
    """

    verb: Markdown | str
    note: Markdown
    after: Markdown | str | None = None
    note_alone: bool = True
    text: str | None = None
    fragment: bool = False
    leads: bool = False


@dataclass(frozen=True)
class Told:
    """How a list of edits reads: the verb, what follows the reference, a detail, a text."""

    verb: Markdown | str
    after: Markdown | str | None
    detail: Markdown | None
    text: str | None


def told(edits: Sequence[Edit]) -> Told:
    """One edit: its own words; several: the leading edit's words, or "updated", and the notes."""
    texts = [edit.text for edit in edits if edit.text is not None]
    text = texts[0] if texts else None
    lead = edits[0] if len(edits) == 1 else next((edit for edit in edits if edit.leads), None)
    # The lead's note is left out where its verb already says it all, as when alone.
    noted = [edit for edit in edits if edit.note and (edit is not lead or edit.note_alone)]
    detail = joined(noted) or None
    if lead is None:
        return Told(md("updated"), None, detail, text)
    return Told(lead.verb, lead.after, detail, text)


def joined(edits: Sequence[Edit]) -> Markdown:
    """The notes in order: "; " between fragments, a full stop where a sentence follows one,
    a space after a sentence."""
    notes = edits[0].note if edits else Markdown("")
    for before, edit in pairwise(edits):
        if not before.fragment:
            notes += md(" ")
        else:
            notes += md("; ") if edit.fragment else md(". ")
        notes += edit.note
    return notes


def unique(edits: Sequence[Edit]) -> list[Edit]:
    """Each note once (two names of one field may both change, as GitLab's draft flags)."""
    seen: dict[str, Edit] = {}
    for edit in edits:
        seen.setdefault(edit.note, edit)
    return list(seen.values())


def renamed_from(old_title: str) -> Markdown:
    """The note on an edit that changed a title."""
    return md("Renamed from {}.").format(bold(old_title)) if old_title else md("Renamed.")


def retargeted(new_branch: str, old_branch: str) -> Markdown:
    """The note on an edit that moved a pull request onto another target branch."""
    return md("The target branch is now {} (was {}).").format(code(new_branch), code(old_branch))


def changed_field(label: str, old: str, new: str) -> Edit:
    """A field that changed from one value to another, as the fragment "Label: old → new"."""
    return Edit(md("updated"), md("{}: {} → {}").format(label, old, new), fragment=True)


def renamed(old_title: str) -> Edit:
    return Edit("edited", renamed_from(old_title))


def new_target(new_branch: str, old_branch: str) -> Edit:
    return Edit("edited", retargeted(new_branch, old_branch))


def new_description(text: str) -> Edit:
    """A description changed: quoted when there is one, said to be removed when it is empty."""
    if not text.strip():
        return Edit("edited", md("The description was removed."))
    return Edit("edited", md("Edited the description."), note_alone=False, text=text)
