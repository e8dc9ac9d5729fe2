"""Sentry: issues, alert rules, metric alerts and errors, told for whoever is on call.

Sentry's integration platform names the resource in ``Sentry-Hook-Resource``
and what happened in the body's ``action``; the legacy WebHooks plugin sends
a flat body without a header, which the body's shape recognises.
``declaration`` declares the integration; ``noise`` the options that leave
deliveries out; ``readers`` reads Sentry's shapes into records and ``text``
writes their pieces. Importing the handler modules registers their handlers
and ignores, in the order the documentation lists them.
"""

# isort: off
from integrations.webhooks.sentry.declaration import integration
from integrations.webhooks.sentry import (
    events,
    issues,
    metric_alerts,
    activity_alerts,
    comments,
    installation,
)

# isort: on

integration.ignores(
    "seer",
    reason=(
        "Seer's Autofix progress (root cause, solution, code, pull requests) is about"
        " fixing an issue, not about what is broken."
    ),
)
integration.ignores(
    "preprod_artifact",
    reason="Mobile build size analyses and build distributions are about builds, not incidents.",
)

__all__ = [
    "activity_alerts",
    "comments",
    "events",
    "installation",
    "integration",
    "issues",
    "metric_alerts",
]
