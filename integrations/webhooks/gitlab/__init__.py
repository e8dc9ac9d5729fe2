"""GitLab: pushes, merge requests, issues, comments, CI, releases and more, as messages.

GitLab names the trigger in the ``X-Gitlab-Event`` header (``Push Hook``,
``Merge Request Hook``...) and what happened in the payload, usually in
``object_attributes.action``. Importing the modules below registers their
handlers on the integration declared in ``declaration``:

* ``pushes``: ``Push Hook``, ``Tag Push Hook``;
* ``merge_requests``: ``Merge Request Hook``;
* ``issues``: ``Issue Hook``, ``Confidential Issue Hook``;
* ``notes``: ``Note Hook``, ``Confidential Note Hook``;
* ``ci``: ``Pipeline Hook``, ``Job Hook`` (``Build Hook`` in older GitLab);
* ``releases``: ``Release Hook``;
* ``project``: ``Wiki Page Hook``, ``Deployment Hook``, ``Feature Flag Hook``,
  ``Milestone Hook``, ``Resource Access Token Hook``;
* ``reactions``: ``Emoji Hook``;
* ``routed``: ``System Hook`` and ``Test Hook``, which name the event in the payload.

Group-only events (``Member Hook``, ``Subgroup Hook``, ``Project Hook``) and
``Vulnerability Hook`` have no handler: the framework answers them as
unsupported events.
"""

from integrations.webhooks.gitlab import (
    ci,
    issues,
    merge_requests,
    notes,
    project,
    pushes,
    reactions,
    releases,
    routed,
)
from integrations.webhooks.gitlab.declaration import integration

__all__ = [
    "ci",
    "integration",
    "issues",
    "merge_requests",
    "notes",
    "project",
    "pushes",
    "reactions",
    "releases",
    "routed",
]
