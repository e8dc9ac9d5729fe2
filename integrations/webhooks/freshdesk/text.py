"""The pieces every Freshdesk message is made of: the ticket's link, people, quoted text.

People are the requester and the agents: their names and e-mail addresses
are personal data, which ``hide_personal_data`` leaves out, together with
any e-mail address in the text of a ticket or a note.
"""

from __future__ import annotations

import re

from integrations.core import Delivery, Markdown, bold, escape, link, md
from integrations.core.bodies import quoted_body, without_email_addresses
from integrations.core.markup import inert_mentions
from integrations.webhooks.freshdesk.declaration import HIDE_PERSONAL_DATA
from integrations.webhooks.freshdesk.readers import Person, Ticket

# Freshdesk's inline images have no alt text; the file's name says what they are.
_IMAGE_WITHOUT_ALT = re.compile(
    r"<img\b(?![^>]*\balt=)([^>]*?)\bsrc=([\"'])([^\"'>]*)\2", re.IGNORECASE
)


def _named_image(match: re.Match[str]) -> str:
    name = match.group(3).split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    alt = re.sub(r"[^\w .-]", "", name)[:80] or "image"
    return f'<img alt="{alt}"{match.group(1)}src={match.group(2)}{match.group(3)}{match.group(2)}'


def hidden(delivery: Delivery) -> bool:
    return delivery.options[HIDE_PERSONAL_DATA]


def ticket_link(ticket: Ticket, *, capital: bool = False) -> Markdown:
    """``[ticket #11](…/helpdesk/tickets/11)``; the number alone when there is no address."""
    label = f"{'Ticket' if capital else 'ticket'} #{ticket.number}"
    return link(label, ticket.url) if ticket.url else escape(label)


def person(who: Person, role: str, delivery: Delivery) -> Markdown:
    """``**Ann Lee** (ann@example.com)``; ``a requester`` when hidden or unnamed."""
    if hidden(delivery) or not (who.name or who.email):
        return md("{} {}").format("an" if role[0] in "aeiou" else "a", role)
    if who.name and who.email and who.email != who.name:
        return md("{} ({})").format(bold(who.name), who.email)
    return bold(who.name or who.email or "")


def sentence(start: Markdown) -> Markdown:
    """A sentence that starts with ``start``, capitalised where it starts with a word."""
    if start[:1].islower():
        return Markdown(start[0].upper() + start[1:])
    return start


def requester_line(who: Person, delivery: Delivery) -> Markdown:
    """``Requester: **Bob** (bob@example.com)``; nothing when hidden or unknown."""
    if hidden(delivery) or not (who.name or who.email):
        return md("")
    return md("Requester: {}").format(person(who, "requester", delivery))


def quoted_html(html: str | None, delivery: Delivery) -> Markdown:
    """Freshdesk's HTML (a description, a note) as quoted Markdown; nothing when empty."""
    if not html:
        return md("")
    if hidden(delivery):
        html = without_email_addresses(html)
    # Mentions are made inert everywhere, code included: the core leaves them in
    # what it takes for a code span, which a heading's line end can cut short.
    body = quoted_body(inert_mentions(_IMAGE_WITHOUT_ALT.sub(_named_image, html)))
    return md("\n\n") + body if body else md("")
