"""The Gitea webhook, declared once: events, actions, signature, options, fixtures."""

from __future__ import annotations

from integrations.common.code_hosting import code_host
from integrations.core import (
    Actions,
    Delivery,
    HeaderEvent,
    HmacSignature,
    Payload,
)


def is_public(payload: Payload, delivery: Delivery) -> bool:
    """Only a repository anyone may see is public; one that does not say is not."""
    repository = payload["repository"]
    private = repository["private"].boolean(default=None)
    return private is False and not repository["internal"].boolean(default=False)


integration = code_host(
    name="gitea",
    display_name="Gitea",
    description="Pushes, pull requests, issues, releases and Actions runs from Gitea or Forgejo.",
    # Forgejo sends the same header and signature alongside its own X-Forgejo-* ones.
    events=HeaderEvent("X-Gitea-Event"),
    # The detail of most events is in ``action``; a commit status has a ``state``.
    actions=Actions("action", per_event={"status": "state", "delete": "ref_type"}),
    signature=HmacSignature("X-Gitea-Signature", "sha256"),
    is_public=is_public,
)
