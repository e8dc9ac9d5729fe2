"""GitLab: pushes, merge requests, issues, comments, CI, releases and more, as messages.

GitLab names the event in the ``X-Gitlab-Event`` header (``Push Hook``,
``Merge Request Hook``...) and what happened in the payload: in
``object_attributes.action`` for merge requests, issues, comments and wiki
pages, in the top-level ``action`` of releases and milestones, in the status
of pipelines, jobs and deployments, in ``event_type`` for emoji. A system
hook (``System Hook``) and the samples of the "Test" button (``Test Hook``)
name their event in the payload; ``declaration`` reads it there. ``readers``
reads GitLab's shapes into the shared records; importing the handler
modules registers their handlers and ignores, in the order the
documentation lists them.
"""

# isort: off
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab import (
    pushes,
    merge_requests,
    issues,
    comments,
    ci,
    repository,
    reactions,
)

# isort: on

__all__ = [
    "ci",
    "comments",
    "integration",
    "issues",
    "merge_requests",
    "pushes",
    "reactions",
    "repository",
]
