"""GitHub: pushes, pull requests, issues, discussions, releases, checks, security alerts and more.

GitHub names the event in the ``X-GitHub-Event`` header and, for most
events, what happened in the payload's ``action``; a commit status says it
in its ``state``, a deployment status in ``deployment_status.state``.
``declaration`` declares the integration (and ``filters`` Zulip's names of
its deliveries); ``readers`` reads GitHub's shapes into the shared records;
importing the handler modules registers their handlers and ignores, in the
order the documentation lists them.
"""

# isort: off
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github import (
    ping,
    pushes,
    issues,
    pull_requests,
    comments,
    discussions,
    planning,
    releases,
    repository,
    ci,
    deployments,
    security,
    scanning,
    advisories,
    settings,
    organization,
    sponsors,
    apps,
)

# isort: on

__all__ = [
    "advisories",
    "apps",
    "ci",
    "comments",
    "deployments",
    "discussions",
    "integration",
    "issues",
    "organization",
    "ping",
    "planning",
    "pull_requests",
    "pushes",
    "releases",
    "repository",
    "scanning",
    "security",
    "settings",
    "sponsors",
]
