"""GitLab: pushes, merge requests, issues, comments, CI, releases and more, as messages.

GitLab names the event in the ``X-Gitlab-Event`` header (``Push Hook``,
``Merge Request Hook``...) and what happened in the payload: in
``object_attributes.action`` for merge requests, issues, comments and wiki
pages, in the top-level ``action`` of releases and milestones, in the status
of pipelines, jobs and deployments, in ``event_type`` for emoji, in
``event_name`` for the events of groups and system hooks. A system hook
(``System Hook``) names its event in the payload; ``declaration`` reads it
there. ``readers`` reads GitLab's shapes into the shared records;
``filters`` gives Zulip's names of the events; importing the handler
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
    vulnerabilities,
    groups,
    instance,
    webhook,
)

# isort: on

__all__ = [
    "ci",
    "comments",
    "groups",
    "instance",
    "integration",
    "issues",
    "merge_requests",
    "pushes",
    "reactions",
    "repository",
    "vulnerabilities",
    "webhook",
]
