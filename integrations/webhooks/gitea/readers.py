"""Reading the shapes Gitea's payloads share into the records of the code-hosting formats.

Gitea's payloads reuse a few shapes: ``repository``, users (``sender``,
``pusher``), issues and pull requests. Real payloads leave fields out or
null (Gitea's own sample payloads have pull requests without branches), so
only what a message cannot do without is required.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    Ref,
    Repo,
    User,
    is_zero,
    listing,
    people,
    topic_name,
)
from integrations.core import BadPayload, Delivery, Markdown, Payload, code


def optional_url(node: Payload) -> str | None:
    """A URL field, or None when it is absent or empty (Gitea sends "" for none)."""
    return node.string(default=None) or None


def repo_of(node: Payload, delivery: Delivery) -> Repo:
    """A repository, named in topics as Zulip's Gitea integration names it: by ``name``.

    With ``full_repository_name`` topics use ``owner/name``; sentences always do.
    """
    full = node["full_name"].string(default=None) or None
    short = node["name"].string(default=None) or (full.rsplit("/", 1)[-1] if full else None)
    if not short:
        raise BadPayload(node["name"].path, "expected the repository's name, but it is missing")
    return Repo(topic_name(short, full, delivery), optional_url(node["html_url"]), full)


def user_of(node: Payload) -> User:
    """A Gitea user by login; Gogs-style payloads may only carry ``username``."""
    name = node["login"].string(default=None) or node["username"].string(default=None)
    if not name:
        raise BadPayload(node["login"].path, "expected the user's login, but it is missing")
    return User(name)


def sender_of(payload: Payload) -> User:
    return user_of(payload["sender"])


def pusher_of(payload: Payload) -> User:
    node = payload["pusher"] if payload["pusher"].exists() else payload["sender"]
    return user_of(node)


def commit_of(node: Payload, pusher: User) -> Commit:
    author = node["author"]
    login = author["username"].string(default=None)
    name = author["name"].string(default=None) or login
    # Naming the author on every line is noise when it is the pusher.
    shown = None if pusher.name in (login, name) else name
    sha = node["id"].string()
    return Commit(
        sha=sha,
        message=node["message"].string(default=""),
        # The fake commit of a test on an empty repository has no page.
        url=None if is_zero(sha) else optional_url(node["url"]),
        author=shown,
    )


def issue_ref(payload: Payload, repo: Repo, *, pull: bool = False) -> Ref:
    """The ``issue`` of the payload: an issue, or the issue side of a pull request."""
    issue = payload["issue"]
    number = issue["number"].integer()
    # Older payloads only carry the API address in ``url``; build the page's instead.
    page = repo.page("pulls" if pull else "issues", str(number))
    return Ref(number, issue["title"].string(default=""), optional_url(issue["html_url"]) or page)


def pr_ref(payload: Payload) -> Ref:
    """The pull request by its number, the one its page shows (never Gitea's database ``id``)."""
    pr = payload["pull_request"]
    # The top-level ``number`` is the pull request's index in every Gitea payload.
    number = payload["number"].integer(default=None)
    if number is None:
        number = pr["number"].integer()
    return Ref(number, pr["title"].string(default=""), optional_url(pr["html_url"]))


def branches_of(pr: Payload) -> tuple[str | None, str | None]:
    """A pull request's source and target branches, where the payload names them
    (Gogs names them in ``head_branch`` and ``base_branch``)."""
    source = pr["head"]["ref"].string(default=None) or pr["head_branch"].string(default=None)
    target = pr["base"]["ref"].string(default=None) or pr["base_branch"].string(default=None)
    return source or None, target or None


def names_of(people_node: Payload) -> list[str]:
    """The logins of a list of users (assignees, reviewers); none for null."""
    return [user_of(person).name for person in people_node.array(default=[])]


def assignee_names(item: Payload) -> list[str]:
    """Who an issue or pull request is assigned to: ``assignees``, or the one ``assignee``
    of the Gitea versions before multiple assignees, whose payloads have no list."""
    names = names_of(item["assignees"])
    if not names and item["assignee"].exists():
        names = [user_of(item["assignee"]).name]
    return names


def assignees_of(item: Payload) -> Markdown:
    """Who an issue or pull request is assigned to now, as bold names."""
    return people(assignee_names(item))


def label_names(labels: Payload) -> list[Markdown]:
    """Label names as code spans, as Gitea shows them: ``bug``, ``kind/feature``."""
    return [code(label["name"].string()) for label in labels.array(default=[])]


def labels_of(item: Payload) -> Markdown:
    return listing(label_names(item["labels"]), "none")
