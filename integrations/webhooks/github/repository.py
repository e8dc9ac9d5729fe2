"""The repository itself: releases, the wiki, stars, forks, visibility, collaborators and teams."""

from __future__ import annotations

from integrations.common.code_hosting import activity, release, repo_link, who, wiki
from integrations.core import Delivery, Message, Payload, bold, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import repo_of, sender_of, user_of

PRERELEASE = "This is a pre-release."


def released(
    payload: Payload,
    action: str,
    *,
    linked: bool = True,
    body: str | None = None,
    detail: str | None = None,
) -> Message:
    node = payload["release"]
    return release(
        repo_of(payload["repository"]),
        sender_of(payload),
        node["name"].string(default=""),
        node["tag_name"].string(),
        action,
        url=node["html_url"].string(default=None) if linked else None,
        body=body,
        detail=detail,
    )


@integration.handles("release", action="published")
def on_release_published(payload: Payload, delivery: Delivery) -> Message:
    """The release, linked, with its notes; a pre-release says so."""
    node = payload["release"]
    prerelease = node["prerelease"].boolean(default=False)
    body = node["body"].string(default=None)
    return released(payload, "published", body=body, detail=PRERELEASE if prerelease else None)


@integration.handles("release", action="unpublished")
def on_release_unpublished(payload: Payload, delivery: Delivery) -> Message:
    """That the release was unpublished, linked."""
    return released(payload, "unpublished")


@integration.handles("release", action="deleted")
def on_release_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The release's name, without a dead link."""
    return released(payload, "deleted", linked=False)


integration.ignores(
    "release",
    action=("created", "edited", "released", "prereleased"),
    reason="GitHub sends `created`, `published` and `released` (or `prereleased`) together for "
    "one release, and `created` and `edited` alone for drafts nobody can see yet. `published` "
    "is the one message.",
)


@integration.handles("gollum")
def on_gollum(payload: Payload, delivery: Delivery) -> Message:
    """The wiki pages created or edited, and the edit's summary."""
    pages = [
        (page["action"].string(), page["title"].string(), page["html_url"].string(default=None))
        for page in payload["pages"]
    ]
    # Each page may carry the edit's summary; one push of several pages
    # usually shares one, so each different summary is quoted once.
    summaries = dict.fromkeys(
        summary.strip()
        for page in payload["pages"]
        if (summary := page["summary"].string(default=None)) and summary.strip()
    )
    summary = "\n".join(summaries) or None
    return wiki(repo_of(payload["repository"]), sender_of(payload), pages, summary=summary)


# Activity on the repository -----------------------------------------------------


def on_repo(payload: Payload, template: str, **fields: object) -> Message:
    """A sentence about the repository, in its topic: ``{who}`` did something to ``{repo}``."""
    sentence = md(template).format(
        who=who(sender_of(payload)), repo=repo_link(repo_of(payload["repository"])), **fields
    )
    return activity(repo_of(payload["repository"]), sentence)


STARS = {"created": "starred", "deleted": "unstarred"}


@integration.handles("star", action=("created", "deleted"))
def on_star(payload: Payload, delivery: Delivery) -> Message:
    """Who starred or unstarred the repository."""
    return on_repo(payload, "{who} {verb} {repo}.", verb=STARS[delivery.action])


@integration.handles("watch", action="started")
def on_watch(payload: Payload, delivery: Delivery) -> Message:
    """Who starred the repository: despite its name, this is GitHub's older event for stars.
    Choose `star` or `watch`, not both."""
    return on_repo(payload, "{who} starred {repo}.")


@integration.handles("fork")
def on_fork(payload: Payload, delivery: Delivery) -> Message:
    """Who forked the repository, and the fork."""
    fork = repo_of(payload["forkee"])
    shown = link(fork.name, fork.url) if fork.url else bold(fork.name)
    return on_repo(payload, "{who} forked the repository into {fork}.", fork=shown)


@integration.handles("public")
def on_public(payload: Payload, delivery: Delivery) -> Message:
    """That the repository was made public."""
    return on_repo(payload, "{who} made {repo} public.")


@integration.handles("repository", action="created")
def on_repository_created(payload: Payload, delivery: Delivery) -> Message:
    """Who created it, and whether it is private (organization webhooks)."""
    private = payload["repository"]["private"].boolean(default=False)
    kind = "private repository" if private else "repository"
    return on_repo(payload, "{who} created the {kind} {repo}.", kind=kind)


@integration.handles("repository", action="deleted")
def on_repository_deleted(payload: Payload, delivery: Delivery) -> Message:
    """Who deleted it, by its name: its page is gone."""
    name = bold(payload["repository"]["full_name"].string())
    return on_repo(payload, "{who} deleted the repository {name}.", name=name)


@integration.handles("repository", action=("archived", "unarchived"))
def on_repository_archived(payload: Payload, delivery: Delivery) -> Message:
    """Who archived or unarchived it."""
    return on_repo(payload, "{who} {verb} {repo}.", verb=delivery.action)


VISIBILITY = {"publicized": "public", "privatized": "private"}


@integration.handles("repository", action=("publicized", "privatized"))
def on_repository_visibility(payload: Payload, delivery: Delivery) -> Message:
    """Who made it public or private."""
    visibility = VISIBILITY[delivery.action]
    return on_repo(payload, "{who} made {repo} {visibility}.", visibility=visibility)


@integration.handles("member", action=("added", "removed"))
def on_member(payload: Payload, delivery: Delivery) -> Message:
    """The collaborator added to or removed from the repository."""
    return on_repo(
        payload,
        "{who} {verb} {member} as a collaborator on {repo}.",
        verb=delivery.action,
        member=who(user_of(payload["member"])),
    )


@integration.handles("team_add")
def on_team_add(payload: Payload, delivery: Delivery) -> Message:
    """The team given access to the repository."""
    team = bold(payload["team"]["name"].string())
    return on_repo(payload, "{who} gave the {team} team access to {repo}.", team=team)


integration.ignores(
    "repository_vulnerability_alert",
    reason="An alert names a vulnerable dependency before it is fixed, which is not for a "
    "channel that may be wider than the repository's maintainers; GitHub has replaced this "
    "event with `dependabot_alert`.",
)
