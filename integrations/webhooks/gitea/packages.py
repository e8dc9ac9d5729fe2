"""Packages: a version published to, or deleted from, Gitea's package registry (``package``).

A package belongs to a user or an organisation, and is linked to one of
their repositories only if someone linked it; the message goes to that
repository's topic, or else to a topic named for the owner.
"""

from __future__ import annotations

from integrations.common.code_hosting import area_topic, who
from integrations.core import Delivery, Message, Payload, bold, link, md
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.readers import optional_url, repo_of, sender_of, user_of

VERBS = {"created": "published", "deleted": "deleted"}


def owner_topic(payload: Payload) -> str:
    """The topic of a package no repository claims: its owner's name."""
    package = payload["package"]
    for node in (package["owner"], payload["organization"], payload["sender"]):
        if node.exists():
            return user_of(node).name
    return "packages"


@integration.handles("package", action=tuple(VERBS))
def on_package(payload: Payload, delivery: Delivery) -> Message:
    """The package, its type and version, linked to its page unless it was deleted; in the
    topic of the repository it is linked to, or else of its owner."""
    package = payload["package"]
    kind = package["type"].string(default="")
    version = package["version"].string(default="")
    shown = " ".join(part for part in (package["name"].string(), version) if part)
    url = optional_url(package["html_url"])
    named = link(shown, url) if url and delivery.action == "created" else bold(shown)
    what = f"the {kind} package" if kind else "the package"
    content = md("{who} {verb} {what} {package}.").format(
        who=who(sender_of(payload)), verb=VERBS[delivery.action], what=what, package=named
    )
    repository = package["repository"]
    if not repository.exists():
        repository = payload["repository"]
    if repository.exists():
        topic = area_topic(repo_of(repository, delivery))
    else:
        topic = owner_topic(payload)
    return Message(topic=topic, content=content)
