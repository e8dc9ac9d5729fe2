"""Gitea (and Forgejo): repository events as messages, one module per family of events.

Gitea names the event in ``X-Gitea-Event`` with a coarse name (``issues``
covers label and milestone changes too) and the detail in the payload's
``action``. Importing the modules below registers their handlers.
"""

from integrations.webhooks.gitea import ci, code, issues, pulls, repository
from integrations.webhooks.gitea.declaration import integration

__all__ = ["ci", "code", "integration", "issues", "pulls", "repository"]
