"""Azure DevOps: service hooks of Repos, Pipelines, Boards and TFVC as messages.

An Azure DevOps **Web Hooks** service hook posts JSON whose ``eventType``
names the event (``git.push``, ``build.complete``, ``workitem.updated``...);
a pull request's merge says how it went in ``resource.mergeStatus``.
``declaration`` declares the integration; ``readers`` reads Azure's shapes
(repositories, identities, links) into the code-hosting family's records;
importing the handler modules registers their handlers and ignores, in the
order the documentation lists them.
"""

# isort: off
from integrations.webhooks.azuredevops.declaration import integration
from integrations.webhooks.azuredevops import (
    pushes,
    pull_requests,
    comments,
    ci,
    releases,
    work_items,
    tfvc,
)

# isort: on

__all__ = [
    "ci",
    "comments",
    "integration",
    "pull_requests",
    "pushes",
    "releases",
    "tfvc",
    "work_items",
]
