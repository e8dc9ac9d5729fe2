"""Bitbucket's common entities (account, repository, pull request, issue, comment), read once.

Bitbucket Cloud represents these the same way in every payload, so each
handler reads them through the functions here and hands the shared
code-hosting builders plain records.
"""

from __future__ import annotations

from integrations.common.code_hosting import Ref, Repo, User, private_ignored
from integrations.core import Payload, WebhookRequest


def html_url(entity: Payload) -> str | None:
    """The web page of an entity: its ``links.html.href``, when it has one."""
    return entity["links"]["html"]["href"].string(default=None)


def repository(payload: Payload) -> Repo:
    """The repository as readers know it: ``workspace/slug``."""
    repo = payload["repository"]
    return Repo(name=repo["full_name"].string(), url=html_url(repo))


def account(entity: Payload) -> User:
    """A user or team. Since 2019 Bitbucket shows ``display_name``; the nickname is a fallback."""
    name = entity["display_name"].string(default=None) or entity["nickname"].string()
    return User(name=name or "Someone", url=html_url(entity))


def actor(payload: Payload) -> User:
    return account(payload["actor"])


def ignored(payload: Payload, request: WebhookRequest) -> bool:
    """Whether ``ignore_private_repositories`` drops this event.

    A repository that does not say whether it is private counts as private,
    so the option never leaks what it was asked to hide.
    """
    is_private = payload["repository"]["is_private"].boolean(default=True)
    return private_ignored(is_private, request.query)


def pull_request(payload: Payload) -> Ref:
    pr = payload["pullrequest"]
    return Ref(number=pr["id"].integer(), title=pr["title"].string(), url=html_url(pr))


def issue(payload: Payload) -> Ref:
    item = payload["issue"]
    return Ref(number=item["id"].integer(), title=item["title"].string(), url=html_url(item))


def text(entity: Payload) -> str:
    """The raw Markdown a person wrote (``content.raw``); empty when there is none."""
    return entity["content"]["raw"].string(default="")
