"""Stripe: payments, refunds, disputes, billing, customers, payouts and accounts.

Stripe names nothing in a header: each request is one event object whose
``type`` is the event. ``declaration`` declares the integration (with the
``Stripe-Signature`` check and the ``hide_personal_data`` option),
``readers`` reads the event envelope and the references messages link,
``money`` writes amounts, ``text`` the shared pieces of messages; the
handler modules follow, in the order the documentation lists them, and
``noise`` declares what is left out.
"""

# isort: off
from integrations.webhooks.stripe.declaration import integration
from integrations.webhooks.stripe import (
    charges,
    payments,
    invoices,
    subscriptions,
    customers,
    payouts,
    connect,
    noise,
)

# isort: on

__all__ = [
    "charges",
    "connect",
    "customers",
    "integration",
    "invoices",
    "noise",
    "payments",
    "payouts",
    "subscriptions",
]
