"""Reading Azure DevOps' shapes into the code-hosting family's records.

Azure DevOps repeats a few shapes: a ``repository`` (whose web address is
``webUrl``, or ``remoteUrl``, which may carry the user's name), an identity
(``displayName``; work item fields give a person as ``Name <address>`` or,
in newer payloads, as an identity), and ``_links`` whose ``web`` or ``html``
is the page a person opens (``url`` is mostly the REST API's address).
Real payloads differ between resource versions, so only what a message
cannot do without is required.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from integrations.common.ci import person_name
from integrations.common.ci import text_of as text_of  # optional text, for every module here
from integrations.common.code_hosting import Commit, Ref, Repo, User, strip_ref
from integrations.core import BadPayload, Payload

_API = re.compile(r"/_apis/", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def page_of(node: Payload) -> str | None:
    """The web page in a node's ``_links``: ``web``, else ``html``."""
    links = node["_links"]
    return text_of(links["web"]["href"]) or text_of(links["html"]["href"])


def web_url(url: str | None) -> str | None:
    """``url`` unless it is a REST API address, which shows JSON to a person."""
    return url if url and not _API.search(url) else None


def linked_in_message(payload: Payload) -> str | None:
    """The first web address in Azure's own ``message.markdown``, where ``_links`` has none."""
    markdown = payload["message"]["markdown"].string(default=None) or ""
    found = _MARKDOWN_LINK.search(markdown)
    return web_url(found.group(1)) if found else None


def without_user(url: str) -> str:
    """``https://ann@dev.azure.com/...`` as ``https://dev.azure.com/...``: no clone user."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def repo_of(node: Payload) -> Repo:
    """A Git repository, named in topics by ``name`` as Zulip's integration names it."""
    name = text_of(node["name"])
    if name is None:
        raise BadPayload(node["name"].path, "expected the repository's name, but it is missing")
    url = text_of(node["webUrl"]) or text_of(node["remoteUrl"])
    project = text_of(node["project"]["name"])
    full = f"{project}/{name}" if project and project != name else None
    return Repo(name, without_user(url).rstrip("/") if url else None, full)


def branch_page(repo: Repo, branch: str) -> str | None:
    """A branch's files, as Azure Repos addresses them (``?version=GB<branch>``)."""
    return f"{repo.url}?version=GB{quote(branch, safe='/')}" if repo.url else None


def compare_page(repo: Repo, before: str, after: str) -> str | None:
    if not repo.url:
        return None
    return f"{repo.url}/branchCompare?baseVersion=GC{before}&targetVersion=GC{after}&_a=files"


def name_of(node: Payload) -> str | None:
    """A person: a work item's ``Name <address>`` text, or an identity's ``displayName``."""
    try:
        text = text_of(node)
    except BadPayload:  # not text: an identity object, or a mistake its reading names
        text = text_of(node["displayName"]) or text_of(node["uniqueName"])
    return person_name(text) if text else None


def user_of(node: Payload) -> User:
    name = name_of(node)
    if name is None:
        raise BadPayload(node["displayName"].path, "expected a name, but it is missing")
    return User(name)


def optional_user(node: Payload) -> User | None:
    name = name_of(node)
    return User(name) if name else None


def commit_of(node: Payload, repo: Repo, pusher: User) -> Commit:
    sha = node["commitId"].string()
    author = text_of(node["author"]["name"])
    return Commit(
        sha=sha,
        message=node["comment"].string(default=""),
        url=repo.page("commit", sha) or web_url(text_of(node["url"])),
        # Naming the author on every line is noise when it is the pusher.
        author=author if author and author != pusher.name else None,
    )


def pr_ref(node: Payload, repo: Repo) -> Ref:
    """A pull request: ``pullRequestId``, ``title`` and its page."""
    number = node["pullRequestId"].integer()
    page = page_of(node)
    if page is not None:
        page = page.split("#", 1)[0]
    title = node["title"].string(default="")
    return Ref(number, title, page or repo.page("pullrequest", str(number)))


def branch_of(ref: str | None) -> str | None:
    """``refs/heads/main`` as ``main``; None for none."""
    if not ref:
        return None
    return strip_ref(ref)[1]
