"""Reading the shapes GitHub's payloads share into the records of the code-hosting formats.

Most payloads carry the ``repository`` and the ``sender``; pull requests,
issues and discussions share one shape (number, title, page), read by
``ref_of``. Events about an organization carry its ``organization``
instead of a repository.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from integrations.common.code_hosting import Commit, Ref, Repo, User, topic_name
from integrations.core import Delivery, Payload

# How GitHub shows an account that no longer exists, which payloads give as null.
GHOST = "ghost"


def repo_of(node: Payload, delivery: Delivery) -> Repo:
    """The repository: topics name it by its short ``name``, as Zulip's GitHub integration does
    (or ``owner/name`` with the ``full_repository_name`` option); sentences by its full name."""
    full = node["full_name"].string(default=None)
    short = node["name"].string(default=None) or (full or "").rpartition("/")[2]
    if not short:
        # Neither name: the error names the field a reader expects.
        short = node["name"].string()
    if full is None:
        # GitHub's oldest push payloads name the owner (by ``name``) but not the full name.
        owner = node["owner"]
        login = owner["login"].string(default=None) or owner["name"].string(default=None)
        full = f"{login}/{short}" if login else None
    return Repo(topic_name(short, full, delivery), web_page_of(node), full)


def web_page_of(node: Payload) -> str | None:
    """The repository's web page: ``html_url``, or in GitHub's oldest push payloads the ``url``
    they carry instead, which is then the page (elsewhere ``url`` is the API's address)."""
    page = node["html_url"].string(default=None)
    if page is not None:
        return page
    url = node["url"].string(default=None)
    if url is None or "/api/" in url or urlsplit(url).netloc.startswith("api."):
        return None
    return url


def user_of(node: Payload) -> User:
    """A GitHub account by its login; a deleted one (null) is GitHub's ``ghost``."""
    login = node["login"].string(default=None) or node["name"].string(default=None)
    return User(login or GHOST, node["html_url"].string(default=None) if login else None)


def sender_of(payload: Payload) -> User:
    return user_of(payload["sender"])


def pusher_of(payload: Payload) -> User:
    """Who pushed: the sender's login, or ``pusher.name`` when there is no sender."""
    if payload["sender"].exists():
        return sender_of(payload)
    return User(payload["pusher"]["name"].string(default="") or GHOST)


def organization_of(payload: Payload) -> str:
    """The organization's login, as topics about it name it."""
    return payload["organization"]["login"].string()


def commit_of(node: Payload, pusher: User) -> Commit:
    """A commit of a push; its author is named only when someone other than the pusher wrote it."""
    author = node["author"]
    name = author["username"].string(default=None) or author["name"].string(default=None)
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(default=""),
        url=node["url"].string(default=None),
        author=None if name in (None, pusher.name) else name,
    )


def commit_at(repo: Repo, sha: str, message: str = "") -> Commit:
    """A commit known by its id (and its message, where the payload has it), linked to its page."""
    return Commit(sha, message, repo.page("commit", sha))


def ref_of(node: Payload) -> Ref:
    """A pull request, issue or discussion: its number, title and page."""
    return Ref(
        node["number"].integer(),
        node["title"].string(default=""),
        node["html_url"].string(default=None),
    )


def assignees_of(node: Payload) -> list[User]:
    """Who an issue or pull request is assigned to; older payloads name only one ``assignee``."""
    listed = [user_of(item) for item in node["assignees"].array(default=[])]
    if not listed and node["assignee"].exists():
        listed = [user_of(node["assignee"])]
    return listed


def long_date(stamp: str) -> str:
    """``2020-01-05T00:00:00+00:00`` -> ``January 5, 2020``; the text itself if it is not a date."""
    try:
        day = date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp
    return f"{day:%B} {day.day}, {day.year}"
