"""GitHub Sponsors: sponsorships of the account the webhook belongs to.

A sponsor who chose to keep their sponsorship private is not named: the
channel may be wider than the people they chose to tell.
"""

from __future__ import annotations

from integrations.common.code_hosting import who
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import long_date, user_of

# Zulip's topic for GitHub Sponsors: one account's sponsorships in one place.
SPONSORS_TOPIC = "sponsors"


def is_private(payload: Payload) -> bool:
    return payload["sponsorship"]["privacy_level"].string(default="public") == "private"


def sponsored(payload: Payload, template: str, **fields: object) -> Message:
    """A sentence in the `sponsors` topic, with ``{sponsor}`` and ``{tier}`` filled in."""
    node = payload["sponsorship"]
    sponsor = (
        Markdown("A private sponsor") if is_private(payload) else who(user_of(node["sponsor"]))
    )
    sentence = md(template).format(
        sponsor=sponsor, tier=bold(node["tier"]["name"].string(default="") or "?"), **fields
    )
    return Message(topic=SPONSORS_TOPIC, content=sentence)


def old_tier(payload: Payload) -> Markdown:
    return bold(payload["changes"]["tier"]["from"]["name"].string(default="") or "?")


def effective_date(payload: Payload) -> str:
    return long_date(payload["effective_date"].string(default="") or "a day to come")


@integration.handles("sponsorship", action="created")
def on_sponsorship_created(payload: Payload, delivery: Delivery) -> Message:
    """The new sponsor, unless private, and the tier."""
    account = bold(payload["sponsorship"]["sponsorable"]["login"].string())
    return sponsored(payload, "{sponsor} started sponsoring {account} at {tier}.", account=account)


@integration.handles("sponsorship", action="cancelled")
def on_sponsorship_cancelled(payload: Payload, delivery: Delivery) -> Message:
    """The sponsor, unless private, and the tier they left."""
    return sponsored(payload, "{sponsor} cancelled their {tier} sponsorship.")


@integration.handles("sponsorship", action="pending_cancellation")
def on_sponsorship_pending_cancellation(payload: Payload, delivery: Delivery) -> Message:
    """The sponsor, unless private, the tier, and the day the sponsorship will end."""
    return sponsored(
        payload,
        "{sponsor} will end their {tier} sponsorship on {when}.",
        when=effective_date(payload),
    )


@integration.handles("sponsorship", action="pending_tier_change")
def on_sponsorship_pending_tier_change(payload: Payload, delivery: Delivery) -> Message:
    """The sponsor, unless private, the tier now and the one to come, and from when."""
    return sponsored(
        payload,
        "{sponsor} will change their sponsorship from {old} to {tier} on {when}.",
        when=effective_date(payload),
        old=old_tier(payload),
    )


@integration.handles("sponsorship", action="tier_changed")
def on_sponsorship_tier_changed(payload: Payload, delivery: Delivery) -> Message:
    """The sponsor, unless private, and the former and new tier."""
    return sponsored(
        payload, "{sponsor} changed their sponsorship from {old} to {tier}.", old=old_tier(payload)
    )


@integration.handles("sponsorship", action="edited")
def on_sponsorship_edited(payload: Payload, delivery: Delivery) -> Message:
    """That a sponsorship was made public (naming the sponsor) or private (without naming them):
    its visibility is all a sponsor can edit."""
    if is_private(payload):
        return sponsored(payload, "A sponsor made their sponsorship private.")
    return sponsored(payload, "{sponsor} made their sponsorship public.")
