"""Reading the shapes Bitbucket's payloads share into the records of the code-hosting formats.

Bitbucket Cloud writes its entities the same way in every payload: a
``repository``, accounts (``actor``, authors, reviewers), pull requests,
issues and comments, each with its web page in ``links.html.href``.
"""

from __future__ import annotations

from integrations.common.code_hosting import Commit, Ref, Repo, User, topic_name
from integrations.core import Delivery, Payload


def html_url(entity: Payload) -> str | None:
    """The web page of an entity: its ``links.html.href``, when it has one."""
    return entity["links"]["html"]["href"].string(default=None) or None


def repo_of(node: Payload, delivery: Delivery) -> Repo:
    """A repository: topics name it as Zulip does, by its display ``name`` ("Widgets"), or by
    ``workspace/slug`` with the ``full_repository_name`` option; sentences by ``workspace/slug``.
    """
    full = node["full_name"].string(default=None) or None
    name = node["name"].string(default=None) or (full or "").rsplit("/", 1)[-1]
    if not name:
        name = node["full_name"].string()  # neither: the error names the field
    return Repo(topic_name(name, full, delivery), html_url(node), full)


def user_of(node: Payload) -> User:
    """A user or team. Since 2019 Bitbucket shows ``display_name``; the nickname is a fallback."""
    name = node["display_name"].string(default=None) or node["nickname"].string(default=None)
    return User(name or "Someone", html_url(node))


def actor_of(payload: Payload) -> User:
    return user_of(payload["actor"])


def commit_of(node: Payload, pusher: User) -> Commit:
    return Commit(
        sha=node["hash"].string(),
        message=node["message"].string(default=""),
        url=html_url(node),
        author=author_unless(node["author"], pusher),
    )


def author_unless(author: Payload, pusher: User) -> str | None:
    """A commit's author, left out when it is the pusher (the usual case)."""
    if author["user"].exists():
        name = user_of(author["user"]).name
    else:
        # "Name <address>": the name only; addresses stay out of the channel.
        name = author["raw"].string(default="").split("<", 1)[0].strip()
    return name if name and name != pusher.name else None


def pr_ref(payload: Payload) -> Ref:
    pr = payload["pullrequest"]
    return Ref(pr["id"].integer(), pr["title"].string(), html_url(pr))


def issue_ref(payload: Payload) -> Ref:
    issue = payload["issue"]
    return Ref(issue["id"].integer(), issue["title"].string(), html_url(issue))


def text_of(entity: Payload) -> str:
    """The raw Markdown a person wrote (``content.raw``); empty when there is none."""
    return entity["content"]["raw"].string(default="")
