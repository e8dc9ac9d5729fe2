"""The repository itself: releases, the wiki, forks, and repositories created or deleted."""

from __future__ import annotations

from integrations.common.code_hosting import activity, fork, release, who, wiki
from integrations.core import Message, Payload, WebhookRequest, bold, link, md
from integrations.webhooks.gitea.common import (
    for_action,
    handles,
    optional_url,
    page_url,
    repo_of,
    sender_of,
)

RELEASE_ACTIONS = {"published": "published", "updated": "updated", "deleted": "deleted"}
PRERELEASE = "This is a pre-release."


@handles("release")
def released(payload: Payload, request: WebhookRequest) -> Message | None:
    action = for_action("release", RELEASE_ACTIONS, payload)
    item = payload["release"]
    if item["draft"].boolean(default=False):
        return None  # a draft is for the maintainers until it is published
    gone = action == "deleted"  # no page to link, no notes worth quoting
    prerelease = item["prerelease"].boolean(default=False)
    return release(
        repo_of(payload["repository"]),
        sender_of(payload),
        item["name"].string(default=""),
        item["tag_name"].string(),
        action,
        url=None if gone else optional_url(item["html_url"]),
        body=None if gone else item["body"].string(default=None),
        detail=PRERELEASE if prerelease and not gone else None,
    )


WIKI_ACTIONS = {"created": "created", "edited": "edited", "deleted": "deleted"}


@handles("wiki")
def wiki_changed(payload: Payload, request: WebhookRequest) -> Message:
    action = for_action("wiki", WIKI_ACTIONS, payload)
    repo = repo_of(payload["repository"])
    page = payload["page"].string()
    url = None if action == "deleted" else page_url(repo, "wiki", page)
    # The edit summary, when the author wrote one, says what changed.
    summary = payload["comment"].string(default=None)
    return wiki(repo, sender_of(payload), [(action, page, url)], summary=summary)


@handles("fork")
def forked(payload: Payload, request: WebhookRequest) -> Message:
    # In Gitea's fork payload ``forkee`` is the repository that was forked
    # (whose webhook fires) and ``repository`` is the new fork.
    return fork(repo_of(payload["forkee"]), sender_of(payload), repo_of(payload["repository"]))


REPOSITORY_ACTIONS = {"created": "created", "deleted": "deleted"}


@handles("repository")
def repository_changed(payload: Payload, request: WebhookRequest) -> Message:
    action = for_action("repository", REPOSITORY_ACTIONS, payload)
    repo = repo_of(payload["repository"])
    shown = link(repo.name, repo.url) if repo.url and action == "created" else bold(repo.name)
    sentence = md("{who} {action} the repository {repo}.").format(
        who=who(sender_of(payload)), action=action, repo=shown
    )
    return activity(repo, sentence)
