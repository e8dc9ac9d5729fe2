"""The repository itself: releases, the wiki, forks, and repositories created or deleted."""

from __future__ import annotations

from integrations.common.code_hosting import activity, fork, release, who, wiki
from integrations.core import Delivery, Message, Payload, bold, link, md
from integrations.webhooks.gitea.declaration import integration
from integrations.webhooks.gitea.readers import optional_url, repo_of, sender_of

PRERELEASE = "This is a pre-release."


@integration.handles("release", action=("published", "updated", "deleted"))
def on_release(payload: Payload, delivery: Delivery) -> Message | None:
    """The release and its notes; a pre-release says so, and a deleted release is named
    without a link or notes. Nothing for a draft, which is for the maintainers until it is
    published."""
    item = payload["release"]
    if item["draft"].boolean(default=False):
        return None
    action = delivery.action
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


@integration.handles("wiki", action=("created", "edited", "deleted"))
def on_wiki(payload: Payload, delivery: Delivery) -> Message:
    """The page and the edit summary."""
    action = delivery.action
    repo = repo_of(payload["repository"])
    page = payload["page"].string()
    url = None if action == "deleted" else repo.page("wiki", page)
    # The edit summary, when the author wrote one, says what changed.
    summary = payload["comment"].string(default=None)
    return wiki(repo, sender_of(payload), [(action, page, url)], summary=summary)


@integration.handles("fork")
def on_fork(payload: Payload, delivery: Delivery) -> Message:
    """Who forked the repository, and the fork."""
    # In Gitea's fork payload ``forkee`` is the repository that was forked
    # (whose webhook fires) and ``repository`` is the new fork.
    return fork(repo_of(payload["forkee"]), sender_of(payload), repo_of(payload["repository"]))


@integration.handles("repository", action=("created", "deleted"))
def on_repository(payload: Payload, delivery: Delivery) -> Message:
    """Who created or deleted it (organisation webhooks)."""
    action = delivery.action
    repo = repo_of(payload["repository"])
    shown = link(repo.name, repo.url) if repo.url and action == "created" else bold(repo.name)
    sentence = md("{who} {action} the repository {repo}.").format(
        who=who(sender_of(payload)), action=action, repo=shown
    )
    return activity(repo, sentence)
