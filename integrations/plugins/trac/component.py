"""The Trac component: Trac calls it when a ticket is created, changed or deleted, and when
a file is attached to one.

Settings are the ``[zulip]`` section of ``trac.ini``: ``email``, ``api_key``,
``site`` (else ``ZULIP_*`` or ``~/.zuliprc``), ``channel``, ``topic`` and
``events``. A failure to post is logged to Trac's log and to standard error
in one line; the ticket is saved whatever happens.
"""

from __future__ import annotations

import sys
from typing import Any

from trac.attachment import IAttachmentChangeListener  # type: ignore[import-untyped]
from trac.config import ListOption, Option  # type: ignore[import-untyped]
from trac.core import Component, implements  # type: ignore[import-untyped]
from trac.ticket.api import ITicketChangeListener  # type: ignore[import-untyped]
from trac.ticket.model import Ticket  # type: ignore[import-untyped]

import integrations
from integrations.core.client import ZulipError, user_agent
from integrations.core.config import ConfigError, load_settings
from integrations.core.markup import Markdown
from integrations.core.message import Message
from integrations.plugins.trac import messages

USER_AGENT = user_agent("Trac", integrations.__version__)
EVENTS = ("created", "changed", "commented", "attached", "deleted")


class ZulipTicketNotifier(Component):  # type: ignore[misc]
    """Posts ticket events to a Zulip channel, one topic per ticket."""

    implements(ITicketChangeListener, IAttachmentChangeListener)

    email = Option("zulip", "email", "", doc="The bot's email (else ZULIP_EMAIL or ~/.zuliprc).")
    api_key = Option("zulip", "api_key", "", doc="The bot's API key.")
    site = Option("zulip", "site", "", doc="The Zulip server, e.g. https://example.zulipchat.com.")
    channel = Option("zulip", "channel", "trac", doc="The channel messages go to.")
    topic = Option(
        "zulip",
        "topic",
        messages.DEFAULT_TOPIC,
        doc="The topic: {id}, {summary} and any ticket field are filled in.",
    )
    events = ListOption(
        "zulip", "events", ",".join(EVENTS), doc="Which events to post: " + ", ".join(EVENTS)
    )

    # ITicketChangeListener -------------------------------------------------

    def ticket_created(self, ticket: Any) -> None:
        if self._wants("created"):
            info = self._ticket(ticket)
            self._post(info, messages.created(info, ticket["reporter"] or "anonymous"))

    def ticket_changed(
        self, ticket: Any, comment: str | None, author: str | None, old_values: dict[str, Any]
    ) -> None:
        changes = [
            messages.FieldChange(field, _value(old), _value(ticket[field]))
            for field, old in old_values.items()
            if _value(old) != _value(ticket[field])
        ]
        if not self._wants("changed" if changes else "commented"):
            return
        info = self._ticket(ticket)
        content = messages.changed(info, author or "anonymous", changes, comment or "")
        if content is not None:
            self._post(info, content)

    def ticket_deleted(self, ticket: Any) -> None:
        if self._wants("deleted"):
            info = self._ticket(ticket)
            self._post(info, messages.deleted(info))

    def ticket_comment_modified(
        self, ticket: Any, cdate: Any, author: str, comment: str, old_comment: str
    ) -> None:
        pass  # edits of old comments are not news

    def ticket_change_deleted(self, ticket: Any, cdate: Any, changes: Any) -> None:
        pass

    # IAttachmentChangeListener ---------------------------------------------

    def attachment_added(self, attachment: Any) -> None:
        if attachment.parent_realm != "ticket" or not self._wants("attached"):
            return  # wiki pages' attachments are not tickets'
        try:
            ticket = Ticket(self.env, attachment.parent_id)
        except Exception as exc:  # the ticket went away meanwhile: say so, never fail the upload
            self._report(f"attachment {attachment.filename} not posted: {exc}")
            return
        info = self._ticket(ticket)
        author = attachment.author or "anonymous"
        content = messages.attached(
            info, author, attachment.filename, _value(attachment.description)
        )
        self._post(info, content)

    def attachment_deleted(self, attachment: Any) -> None:
        pass  # removing a file is housekeeping, not news

    def attachment_moved(
        self, attachment: Any, old_parent_realm: str, old_parent_id: str, old_filename: str
    ) -> None:
        pass

    # Helpers ---------------------------------------------------------------

    def _wants(self, event: str) -> bool:
        return event in [name.strip() for name in self.events]

    def _ticket(self, ticket: Any) -> messages.Ticket:
        fields = {name: _value(ticket[name]) for name in ticket.values}
        base = (self.env.base_url or "").rstrip("/")
        url = f"{base}/ticket/{ticket.id}" if base else None
        return messages.Ticket(ticket.id, _value(ticket["summary"]), fields, url)

    def _post(self, ticket: messages.Ticket, content: Markdown) -> None:
        try:
            zulip = load_settings(
                email=self.email, api_key=self.api_key, site=self.site, source="[zulip] of trac.ini"
            )
            message = Message(topic=messages.topic(self.topic, ticket), content=content)
            with zulip.client(USER_AGENT) as client:
                client.send(self.channel, message)
        except (ConfigError, ZulipError) as exc:
            self._report(f"ticket #{ticket.id} not posted: {exc}")
        except Exception as exc:  # a bug: never break saving the ticket
            self._report(f"ticket #{ticket.id} not posted: unexpected {type(exc).__name__}: {exc}")

    def _report(self, line: str) -> None:
        self.log.warning("zulip: %s", line)
        print(f"zulip: {line}", file=sys.stderr)


def _value(value: Any) -> str:
    return "" if value is None else str(value)
