"""Stripe: payments, refunds, disputes, billing, customers, payouts, accounts, identity.

Stripe names nothing in a header: each request is one event object whose
``type`` is the event. ``declaration`` declares the integration (with the
``Stripe-Signature`` check and the ``hide_personal_data`` option),
``readers`` reads the event envelope and the references messages link,
``money`` writes amounts, ``text`` the shared pieces of messages; the
handler modules follow, in the order the documentation lists them
(``quotes``, Stripe Identity's checks in ``identity``, billing alerts and
meters in ``usage``, Stripe's test ping in ``destinations``), and ``noise``
declares what is left out.
"""

# isort: off
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe import (
    charges,
    payments,
    invoices,
    quotes,
    subscriptions,
    customers,
    payouts,
    connect,
    identity,
    usage,
    destinations,
    noise,
)

# isort: on

__all__ = [
    "charges",
    "connect",
    "customers",
    "destinations",
    "identity",
    "integration",
    "invoices",
    "noise",
    "payments",
    "payouts",
    "quotes",
    "subscriptions",
    "usage",
]
