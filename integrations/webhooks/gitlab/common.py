"""Reading the parts most GitLab payloads share: the project, people, privacy, actions.

GitLab's payloads put the project in ``project`` (``path_with_namespace``,
``web_url``, ``visibility_level``), the person who acted in ``user`` (or, for
pushes, in ``user_name``), and what happened to an issue, merge request or
wiki page in ``object_attributes.action``. The readers here turn those into
the records of the shared code-hosting formats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar
from urllib.parse import quote, urlsplit

from integrations.common.code_hosting import Repo, User, private_ignored
from integrations.core import (
    Payload,
    UnsupportedEvent,
    WebhookRequest,
)
from integrations.webhooks.gitlab.declaration import integration

T = TypeVar("T")

PUBLIC = 20  # GitLab's visibility_level: 0 private, 10 internal, 20 public


# The project -----------------------------------------------------------------


def project_repo(payload: Payload) -> Repo:
    """The project as readers know it: ``group/project``, like the other services' full names."""
    project = payload["project"]
    return Repo(project["path_with_namespace"].string(), project["web_url"].string(default=None))


def job_repo(payload: Payload) -> Repo:
    """The project of a job event: ``project`` in newer payloads, ``repository`` in older ones."""
    if payload["project"].exists():
        return project_repo(payload)
    repository = payload["repository"]
    homepage = repository["homepage"].string(default=None)
    # Old job payloads name the project only by its display name; its page's
    # path is the ``group/project`` every other event uses.
    path = urlsplit(homepage).path.strip("/") if homepage else ""
    return Repo(path or repository["name"].string(), homepage)


def page(repo: Repo, *parts: str) -> str | None:
    """A page of the project, such as ``-/tree/main``; None when the project has no URL."""
    if not repo.url:
        return None
    return "/".join([repo.url.rstrip("/"), *(quote(part, safe="/") for part in parts)])


def dropped(visibility: Payload, request: WebhookRequest, *, confidential: bool = False) -> bool:
    """Whether ``ignore_private_repositories`` drops this event.

    Only public projects post: private and internal ones (internal ones are
    visible to every signed-in user, not to everyone) are dropped, and so
    are confidential issues and comments, which are private even in a
    public project. A project that does not say how visible it is counts as
    private, so the option never leaks what it was asked to hide. Without
    the option nothing is read, and nothing dropped.
    """
    if not private_ignored(True, request.query):
        return False
    return confidential or visibility.integer(default=None) != PUBLIC


# People ----------------------------------------------------------------------


def user_of(node: Payload) -> User:
    """A GitLab user by the name GitLab shows (``name``), or the username without one."""
    name = node["name"].string(default=None) or node["username"].string(default=None)
    return User(name or "Someone")


def unique_names(nodes: Sequence[Payload]) -> list[str]:
    """The names of a list of users, each once, in order (GitLab may repeat one)."""
    seen: dict[str, None] = {}
    for node in nodes:
        seen.setdefault(user_of(node).name, None)
    return list(seen)


# Text ------------------------------------------------------------------------

HIDDEN_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def visible_text(text: str | None) -> str | None:
    """A description as GitLab shows it: without its ``<!-- hidden comments -->``."""
    if text is None:
        return None
    return HIDDEN_COMMENT.sub("", text).strip()


# Actions ---------------------------------------------------------------------


def for_action(event: str, table: Mapping[str, T], action: str) -> T:
    """What ``table`` holds for ``action``; an action not in it is unsupported."""
    if action not in table:
        raise UnsupportedEvent(integration.name, f"{event}.{action}")
    return table[action]
