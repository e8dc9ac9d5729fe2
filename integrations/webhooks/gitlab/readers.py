"""Reading the shapes GitLab's payloads share into the records of the code-hosting formats.

GitLab's payloads put the project in ``project`` (``path_with_namespace``,
``web_url``, ``visibility_level``), the person who acted in ``user`` (or,
for pushes, in ``user_name``), and a merge request, issue or comment in
``object_attributes``; a comment carries what it is on under that thing's
own key (``merge_request``, ``issue``...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from integrations.common.code_hosting import Commit, Ref, Repo, User
from integrations.core import Payload

PUBLIC = 20  # GitLab's visibility_level: 0 private, 10 internal, 20 public

# GitLab's ``event_type`` of an issue or comment only some people may see.
CONFIDENTIAL_TYPES = frozenset({"confidential_issue", "confidential_note"})


# The project -----------------------------------------------------------------


def repo_of(project: Payload) -> Repo:
    """The project as readers know it: ``group/project``, like the other services' full names."""
    return Repo(project["path_with_namespace"].string(), project["web_url"].string(default=None))


def job_repo_of(payload: Payload) -> Repo:
    """The project of a job: ``project`` in newer payloads, ``repository`` in older ones."""
    if payload["project"].exists():
        return repo_of(payload["project"])
    repository = payload["repository"]
    homepage = repository["homepage"].string(default=None)
    # Old job payloads name the project only by its display name; its page's
    # path is the ``group/project`` every other event uses.
    path = urlsplit(homepage).path.strip("/") if homepage else ""
    return Repo(path or repository["name"].string(), homepage)


def visibility_of(payload: Payload) -> int | None:
    """How visible the project is; None when the payload does not say.

    Old job payloads say it in ``repository``; a group's events (``group``)
    do not say how visible the group is.
    """
    for owner in ("project", "repository", "group"):
        if payload[owner].exists():
            level: int | None = payload[owner]["visibility_level"].integer(default=None)
            return level
    return None


def is_confidential(payload: Payload) -> bool:
    """A confidential issue, or a comment on one or marked internal: private even in a public
    project."""
    return (
        payload["object_attributes"]["confidential"].boolean(default=False)
        or payload["issue"]["confidential"].boolean(default=False)
        or payload["event_type"].string(default=None) in CONFIDENTIAL_TYPES
    )


# People ----------------------------------------------------------------------


def user_of(node: Payload) -> User:
    """A GitLab user by the name GitLab shows (``name``), or the username without one."""
    name = node["name"].string(default=None) or node["username"].string(default=None)
    return User(name or "Someone")


def pusher_of(payload: Payload) -> User:
    """Push payloads name the pusher in ``user_name`` (``user_username`` is the handle)."""
    name = payload["user_name"].string(default=None) or payload["user_username"].string(
        default=None
    )
    return User(name or "Someone")


def actor_of(payload: Payload) -> User | None:
    """Who started a pipeline, job or deployment; None when GitLab does not say."""
    user = payload["user"]
    return user_of(user) if user.exists() else None


def names_of(nodes: Sequence[Payload]) -> list[str]:
    """The names of a list of users, each once, in order (GitLab may repeat one)."""
    seen: dict[str, None] = {}
    for node in nodes:
        seen.setdefault(user_of(node).name, None)
    return list(seen)


def assignees_of(payload: Payload) -> list[str]:
    """Who a merge request or issue is assigned to: ``assignees``, or one ``assignee`` in older
    payloads."""
    assignees = names_of(payload["assignees"].array(default=[]))
    if not assignees and payload["assignee"].exists():
        assignees = names_of([payload["assignee"]])
    return assignees


# Merge requests, issues, commits -----------------------------------------------


def ref_of(node: Payload) -> Ref:
    """A merge request or issue (``iid``, ``title``, ``url``): in ``object_attributes``, or
    under its own key in comments, reactions and pipelines."""
    return Ref(node["iid"].integer(), node["title"].string(), node["url"].string(default=None))


def commit_of(node: Payload, pusher: User | None = None) -> Commit:
    """A commit: one of a push (given its ``pusher``), or the one a comment or pipeline is about.

    A pushed commit's author is worth naming only when someone else pushed it.
    """
    author = None
    if pusher is not None:
        name = node["author"]["name"].string(default=None)
        author = name if name and name != pusher.name else None
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(default=""),
        url=node["url"].string(default=None),
        author=author,
    )


HIDDEN_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def description_of(attributes: Payload) -> str | None:
    """A description as GitLab shows it: without its ``<!-- hidden comments -->``."""
    text = attributes["description"].string(default=None)
    if text is None:
        return None
    return HIDDEN_COMMENT.sub("", text).strip()
