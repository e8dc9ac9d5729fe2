"""Bitbucket Cloud: pushes, pull requests, issues, comments and build statuses.

The event is the ``X-Event-Key`` header (``repo:push``, ``pullrequest:created``).
Each module registers the handlers of one family of events on the
integration declared in ``declaration``:

* ``pushes``: ``repo:push`` (branches and tags);
* ``pull_requests``: ``pullrequest:*``;
* ``issues``: ``issue:*``;
* ``repository``: the other ``repo:*`` events.

``pipeline:span_created`` and ``project:updated`` have no handler: the
framework answers them as unsupported events.
"""

from integrations.webhooks.bitbucket import issues, pull_requests, pushes, repository
from integrations.webhooks.bitbucket.declaration import integration

__all__ = ["integration", "issues", "pull_requests", "pushes", "repository"]
