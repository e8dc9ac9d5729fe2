"""GitHub's shapes of issues and pull requests, which Gitea and Forgejo follow.

Both send ``issues`` and ``pull_request`` events whose payloads carry the
item under the key of the same name, and share many actions between them
(assigned, labeled, edited...). A handler declared for both events asks
here which one it got.
"""

from __future__ import annotations

from integrations.core.payload import Payload
from integrations.core.routing import Delivery

ISSUES_AND_PULL_REQUESTS = ("issues", "pull_request")


def is_pull(delivery: Delivery) -> bool:
    """Whether the delivery is about a pull request (else an issue)."""
    return delivery.event == "pull_request"


def item_of(payload: Payload, delivery: Delivery) -> Payload:
    """The issue or the pull request the delivery is about."""
    return payload["pull_request"] if is_pull(delivery) else payload["issue"]
