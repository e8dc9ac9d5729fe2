"""Reading the shapes GitHub's payloads share into the records of the code-hosting formats.

Most payloads carry the ``repository`` and the ``sender``; pull requests,
issues and discussions share one shape (number, title, page), read by
``ref_of``.
"""

from __future__ import annotations

from integrations.common.code_hosting import Commit, Ref, Repo, User
from integrations.core import Payload


def repo_of(node: Payload) -> Repo:
    """The repository as topics name it: ``owner/name``."""
    return Repo(node["full_name"].string(), node["html_url"].string(default=None))


def user_of(node: Payload) -> User:
    return User(node["login"].string(), node["html_url"].string(default=None))


def sender_of(payload: Payload) -> User:
    return user_of(payload["sender"])


def pusher_of(payload: Payload) -> User:
    """Who pushed: the sender's login, or ``pusher.name`` when there is no sender."""
    if payload["sender"].exists():
        return sender_of(payload)
    return User(payload["pusher"]["name"].string())


def commit_of(node: Payload, pusher: User) -> Commit:
    """A commit of a push; its author is named only when someone other than the pusher wrote it."""
    author = node["author"]
    name = author["username"].string(default=None) or author["name"].string()
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(),
        url=node["url"].string(default=None),
        author=None if name == pusher.name else name,
    )


def commit_at(repo: Repo, sha: str, message: str = "") -> Commit:
    """A commit known by its id (and its message, where the payload has it), linked to its page."""
    return Commit(sha, message, repo.page("commit", sha))


def ref_of(node: Payload) -> Ref:
    """A pull request, issue or discussion: its number, title and page."""
    return Ref(
        node["number"].integer(), node["title"].string(), node["html_url"].string(default=None)
    )


def assignees_of(node: Payload) -> list[User]:
    """Who an issue or pull request is assigned to; older payloads name only one ``assignee``."""
    listed = [user_of(item) for item in node["assignees"].array(default=[])]
    if not listed and node["assignee"].exists():
        listed = [user_of(node["assignee"])]
    return listed
