"""The messages about Trac tickets. Plain values in, Zulip Markdown out; no Trac here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from integrations.core.config import ConfigError
from integrations.core.markup import Markdown, bold, bullet_list, code, link, md, quote

DEFAULT_TOPIC = "#{id}: {summary}"
# Fields shown when a ticket is created, in this order, when set.
SUMMARY_FIELDS = ("type", "priority", "component", "milestone", "version", "owner")
# Fields whose values are too long for a list of changes.
LONG_FIELDS = ("description",)


@dataclass(frozen=True)
class Ticket:
    id: int
    summary: str
    fields: Mapping[str, str]
    url: str | None = None

    @property
    def label(self) -> Markdown:
        name = f"ticket #{self.id}"
        return link(name, self.url) if self.url else bold(name)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


def topic(template: str, ticket: Ticket) -> str:
    """The topic for ``ticket``: ``{id}``, ``{summary}`` and any ticket field filled in."""
    values = {name: value for name, value in ticket.fields.items() if name.isidentifier()}
    values.update(id=str(ticket.id), summary=ticket.summary)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"[zulip] topic = {template}: cannot fill in {exc}") from None


def created(ticket: Ticket, reporter: str) -> Markdown:
    parts = [
        md("{reporter} created {ticket}: {summary}").format(
            reporter=bold(reporter), ticket=ticket.label, summary=bold(ticket.summary)
        )
    ]
    shown = [
        md("{name}: {value}").format(name=name, value=ticket.fields[name])
        for name in SUMMARY_FIELDS
        if ticket.fields.get(name, "").strip()
    ]
    if shown:
        parts.append(bullet_list(shown))
    description = ticket.fields.get("description", "")
    if description.strip():
        parts.append(quote(description))
    return Markdown("\n\n").join(parts)


def _change_line(change: FieldChange) -> Markdown:
    if change.field in LONG_FIELDS:
        return md("{field} changed").format(field=change.field)
    if not change.old.strip():
        return md("{field} set to {new}").format(field=change.field, new=bold(change.new))
    if not change.new.strip():
        return md("{field} cleared (was {old})").format(field=change.field, old=change.old)
    return md("{field}: {old} → {new}").format(
        field=change.field, old=change.old, new=bold(change.new)
    )


def changed(
    ticket: Ticket, author: str, changes: Sequence[FieldChange], comment: str
) -> Markdown | None:
    """A change of fields, a comment, or both; None if there is neither."""
    if not changes and not comment.strip():
        return None
    verb = "updated" if changes else "commented on"
    parts = [
        md("{author} {verb} {ticket}: {summary}").format(
            author=bold(author), verb=verb, ticket=ticket.label, summary=ticket.summary
        )
    ]
    if changes:
        parts.append(bullet_list([_change_line(change) for change in changes]))
    if comment.strip():
        parts.append(quote(comment))
    return Markdown("\n\n").join(parts)


def deleted(ticket: Ticket) -> Markdown:
    return md("{ticket} was deleted: {summary}").format(
        ticket=bold(f"Ticket #{ticket.id}"), summary=ticket.summary
    )


def attached(ticket: Ticket, author: str, filename: str, description: str) -> Markdown:
    """A file attached to the ticket, with what its uploader said of it."""
    sentence = md("{author} attached {file} to {ticket}: {summary}").format(
        author=bold(author), file=code(filename), ticket=ticket.label, summary=ticket.summary
    )
    if not description.strip():
        return sentence
    return Markdown("\n\n").join([sentence, quote(description)])
