"""Gitea (and Forgejo): repository events as messages, one module per family of events.

Gitea names the event in ``X-Gitea-Event`` with a coarse name (``issues``
covers label and milestone changes too) and the detail in the payload's
``action``. ``declaration`` declares the integration; ``readers`` reads
Gitea's shapes into the shared records; importing the handler modules
registers their handlers and ignores, in the order the documentation lists
them.
"""

# isort: off
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea import (
    pushes,
    pull_requests,
    issues,
    comments,
    repository,
    packages,
    ci,
)

# isort: on

__all__ = [
    "ci",
    "comments",
    "integration",
    "issues",
    "packages",
    "pull_requests",
    "pushes",
    "repository",
]
