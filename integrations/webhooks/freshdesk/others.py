"""What an automation rule may fire on that this integration does not post."""

from __future__ import annotations

from integrations.webhooks.freshdesk.declaration import OTHER, integration

integration.ignores(
    OTHER,
    reason="Any other event a rule fires on (a type or due date changed, a reply sent, a ticket "
    "deleted...) is accepted and posts nothing, as in Zulip's own Freshdesk integration.",
)
