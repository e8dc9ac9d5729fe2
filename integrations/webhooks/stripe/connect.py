"""Accounts: your own account's settings, and connected accounts (Stripe Connect).

Events of a connected account say which in the event's ``account``; they
land in one topic, ``account updates``, as in Zulip's Stripe integration.
"""

from __future__ import annotations

from integrations.core import Delivery, Markdown, Message, Payload, md
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe.readers import Event, event_of, text_of
from integrations.webhooks.stripe.text import change_list, changes, facts, headline, told

TOPIC = "account updates"


def account_name(account: Payload) -> str | None:
    """The account's business name, wherever its version keeps it."""
    return (
        text_of(account["business_profile"]["name"])
        or text_of(account["settings"]["dashboard"]["display_name"])
        or text_of(account["business_name"])
        or text_of(account["display_name"])
    )


def account_link(event: Event, account_id: str | None) -> Markdown:
    return event.linked(account_id, "account")


@integration.handles("account.updated")
def on_account_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """The account, linked, by its business name; what changed, old and new (whether it may
    take charges and receive payouts...). Nothing for an update that does not say what
    changed."""
    event = event_of(payload)
    account = event.object
    found = changes(event, delivery)
    if not found:
        return None
    name = account_name(account)
    return told(
        TOPIC,
        headline(
            event,
            "Account updated",
            account_link(event, text_of(account["id"])),
            md("{}").format(name) if name else None,
        ),
        change_list(found),
    )


@integration.handles("account.application.authorized", "account.application.deauthorized")
def on_application(payload: Payload, delivery: Delivery) -> Message:
    """The application (a Connect platform, a Stripe app) connected to an account or
    disconnected from it, and the account."""
    event = event_of(payload)
    application = event.object
    name = text_of(application["name"]) or text_of(application["id"])
    state = (
        "Application connected"
        if delivery.event == "account.application.authorized"
        else "Application disconnected"
    )
    return told(
        TOPIC,
        headline(event, state, md("{}").format(name) if name else None),
        facts(
            md("Account {}").format(account_link(event, event.account)) if event.account else None
        ),
    )


integration.ignores(
    "account.external_account.created",
    "account.external_account.updated",
    "account.external_account.deleted",
    "capability.updated",
    "person.created",
    "person.updated",
    "person.deleted",
    reason="Connected accounts' bank accounts, capabilities and representatives: personal and"
    " compliance details; `account.updated` says when charges or payouts are affected.",
)
