"""Stripe's event envelope read into one record, and the references a message links.

Every Stripe event is ``{"id", "type", "livemode", "data": {"object",
"previous_attributes"}, "account"?, "api_version"}``: ``data.object`` is the
object the event is about, as it is after the event, in the API version of
the webhook endpoint (or of the account, for older endpoints). Versions
rename and move fields (``account_balance`` became ``balance``, a
subscription's ``plan`` became its ``items``, ``billing`` became
``collection_method``), and any field may be null: everything beyond the
event's type is read as optional, and the readers try each version's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.core import Markdown, Payload, code, link

DASHBOARD = "https://dashboard.stripe.com"
# What Stripe's ids are made of; anything else is shown, not put in an address.
_ID = re.compile(r"[A-Za-z0-9_-]{1,255}\Z")

# Where the Dashboard shows each kind of object, by the ``object`` field.
PAGES = {
    "charge": "payments",
    "payment_intent": "payments",
    "refund": "refunds",
    "dispute": "disputes",
    "customer": "customers",
    "invoice": "invoices",
    "invoiceitem": "invoiceitems",
    "quote": "quotes",
    "subscription": "subscriptions",
    "payout": "payouts",
    "transfer": "connect/transfers",
    "account": "connect/accounts",
    "coupon": "coupons",
    "plan": "plans",
    "price": "prices",
    "product": "products",
}
# The same, by the prefix of an id, for objects known only by their id.
PREFIXES = {
    "ch": "charge",
    "py": "charge",
    "pi": "payment_intent",
    "re": "refund",
    "pyr": "refund",
    "dp": "dispute",
    "du": "dispute",
    "cus": "customer",
    "in": "invoice",
    "ii": "invoiceitem",
    "qt": "quote",
    "sub": "subscription",
    "po": "payout",
    "tr": "transfer",
    "acct": "account",
    "prod": "product",
    "price": "price",
    "plan": "plan",
}


@dataclass(frozen=True)
class Event:
    """One delivery: its type, whether it is live, the object, and what an update changed."""

    type: str
    live: bool
    object: Payload
    previous: Payload
    # The connected account an event of Stripe Connect happened on.
    account: str | None = None

    def page(self, kind: str | None, object_id: str | None) -> str | None:
        """The Dashboard page of an object; test-mode objects are under ``/test/``."""
        path = PAGES.get(kind or "")
        if object_id is None or path is None or not _ID.match(object_id):
            return None
        return f"{DASHBOARD}/{'' if self.live else 'test/'}{path}/{object_id}"

    def linked(
        self, object_id: str | None, kind: str | None = None, text: str | None = None
    ) -> Markdown:
        """An object's id (or ``text``), linked to its Dashboard page.

        Objects of a connected account live in that account's Dashboard, not
        the platform's: they are named, not linked.
        """
        if object_id is None:
            return Markdown("")
        kind = kind or PREFIXES.get(object_id.rpartition("_")[0] if "_" in object_id else "")
        # The platform's Dashboard shows its connected accounts themselves.
        url = None if self.account and kind != "account" else self.page(kind, object_id)
        shown = text or object_id
        return link(shown, url) if url else code(shown)


def event_of(payload: Payload) -> Event:
    data = payload["data"]
    return Event(
        type=payload["type"].string(),
        # An event that does not say is taken as live: it is real money until shown otherwise.
        live=payload["livemode"].boolean(default=True),
        object=data["object"],
        previous=data["previous_attributes"],
        account=text_of(payload["account"]),
    )


def text_of(node: Payload) -> str | None:
    """A string field that may be missing, null, empty, or of another type in another version."""
    value = node.raw() if node.exists() else None
    return value.strip() or None if isinstance(value, str) else None


def integer_of(node: Payload) -> int | None:
    value = node.raw() if node.exists() else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def id_of(node: Payload) -> str | None:
    """A reference to another object: its id, or the object itself when it is expanded."""
    value = node.raw() if node.exists() else None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return text_of(node["id"])
    return None


def customer_of(node: Payload) -> str | None:
    """The customer an object belongs to (a customer is its own)."""
    if text_of(node["object"]) == "customer":
        return text_of(node["id"])
    return id_of(node["customer"])


def first_of(node: Payload, *names: str) -> Payload:
    """The first of these fields that is present: the same thing under each version's name."""
    for name in names:
        if node[name].exists():
            return node[name]
    return node[names[-1]]
