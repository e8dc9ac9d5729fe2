"""Reading the parts every Gitea payload shares, and registering handlers.

Gitea's payloads reuse a few shapes: ``repository``, users (``sender``,
``pusher``), issues and pull requests. The readers here turn them into the
records of the shared code-hosting formats.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar
from urllib.parse import quote

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    handles_public_only,
    listing,
    people,
)
from integrations.core import (
    BadPayload,
    Markdown,
    Payload,
    UnsupportedEvent,
    code,
)
from integrations.webhooks.gitea.declaration import integration

T = TypeVar("T")


def not_public(repository: Payload) -> bool:
    """Whether a repository is private, internal, or does not say.

    Only a repository anyone may see is public; one that does not say how
    visible it is counts as private, so the option never leaks what it was
    asked to hide.
    """
    private = repository["private"].boolean(default=None)
    return private is None or private or repository["internal"].boolean(default=False)


handles = handles_public_only(integration, not_public)


def for_action(event: str, table: Mapping[str, T], payload: Payload) -> T:
    """What ``table`` holds for the payload's ``action``; an action not in it is unsupported."""
    action = payload["action"].string()
    if action not in table:
        raise UnsupportedEvent(integration.name, f"{event}.{action}")
    return table[action]


# Records --------------------------------------------------------------------


def optional_url(node: Payload) -> str | None:
    """A URL field, or None when it is absent or empty (Gitea sends "" for none)."""
    return node.string(default=None) or None


def repo_of(node: Payload) -> Repo:
    return Repo(node["full_name"].string(), optional_url(node["html_url"]))


def user_of(node: Payload) -> User:
    """A Gitea user by login; Gogs-style payloads may only carry ``username``."""
    name = node["login"].string(default=None) or node["username"].string(default=None)
    if not name:
        raise BadPayload(node["login"].path, "expected the user's login, but it is missing")
    return User(name)


def sender_of(payload: Payload) -> User:
    return user_of(payload["sender"])


def page_url(repo: Repo, *parts: str) -> str | None:
    """A page of the repository on Gitea, such as ``src/branch/main``; None without its URL."""
    if not repo.url:
        return None
    return "/".join([repo.url.rstrip("/"), *(quote(part, safe="/") for part in parts)])


def issue_ref(payload: Payload, repo: Repo, *, pull: bool = False) -> Ref:
    """The ``issue`` of the payload: an issue, or the issue side of a pull request."""
    issue = payload["issue"]
    number = issue["number"].integer()
    # Older payloads only carry the API address in ``url``; build the page's instead.
    page = page_url(repo, "pulls" if pull else "issues", str(number))
    return Ref(number, issue["title"].string(), optional_url(issue["html_url"]) or page)


def pr_ref(payload: Payload) -> Ref:
    pr = payload["pull_request"]
    # The top-level ``number`` is the pull request's index in every Gitea payload.
    number = payload["number"].integer(default=None)
    if number is None:
        number = pr["number"].integer()
    return Ref(number, pr["title"].string(), optional_url(pr["html_url"]))


# Small sentences --------------------------------------------------------------


def assignees_of(item: Payload) -> Markdown:
    """Who an issue or pull request is assigned to now, as bold names."""
    return people([user_of(person).name for person in item["assignees"].array(default=[])])


def labels_of(item: Payload) -> Markdown:
    labels = [code(label["name"].string()) for label in item["labels"].array(default=[])]
    return listing(labels, "none")
