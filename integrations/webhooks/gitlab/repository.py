"""The project itself: wiki pages, releases, milestones, feature flags, access and deploy
tokens."""

from __future__ import annotations

import re

from integrations.common.code_hosting import Repo, activity, release, who, wiki
from integrations.core import Delivery, Message, Payload, bold, code, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import group_repo, repo_of, user_of

# Wiki pages ------------------------------------------------------------------

WIKI_VERBS = {"create": "created", "update": "edited", "delete": "deleted"}


@integration.handles("Wiki Page Hook", action=tuple(WIKI_VERBS))
def on_wiki_page(payload: Payload, delivery: Delivery) -> Message:
    """Who created, edited or deleted which page, and the edit's commit message unless it is
    GitLab's default."""
    attributes = payload["object_attributes"]
    action = delivery.action
    # A deleted page has no page to link to.
    url = None if action == "delete" else attributes["url"].string(default=None)
    title = attributes["title"].string(default=None) or attributes["slug"].string()
    summary = edit_summary(attributes["message"].string(default=None), title)
    return wiki(
        repo_of(payload["project"], delivery),
        user_of(payload["user"]),
        [(WIKI_VERBS[action], title, url)],
        summary=summary,
    )


# Commit messages GitLab proposes for a wiki edit; left as they are, they say
# no more than the list of pages does.
DEFAULT_SUMMARIES = ("create", "update", "delete")


def edit_summary(message: str | None, title: str) -> str | None:
    """The commit message the author wrote for the edit, unless it is GitLab's default."""
    if not message or not message.strip():
        return None
    words = message.strip().split(" ", 1)
    proposed = len(words) == 2 and words[0].lower() in DEFAULT_SUMMARIES and words[1] == title
    return None if proposed else message


# Releases --------------------------------------------------------------------

RELEASE_VERBS = {"create": "created", "update": "updated", "delete": "deleted"}


@integration.handles("Release Hook", action=tuple(RELEASE_VERBS))
def on_release(payload: Payload, delivery: Delivery) -> Message:
    """The release and its notes (a deleted one only by name). GitLab does not say who made
    the change."""
    action = delivery.action
    deleted = action == "delete"
    return release(
        repo_of(payload["project"], delivery),
        None,
        payload["name"].string(default=""),
        payload["tag"].string(),
        RELEASE_VERBS[action],
        # A deleted release's page and notes are gone.
        url=None if deleted else payload["url"].string(default=None),
        body=None if deleted else payload["description"].string(default=None),
    )


# Milestones ------------------------------------------------------------------

MILESTONE_PHRASES = {
    "create": "was created",
    "close": "was closed",
    "reopen": "was reopened",
    "delete": "was deleted",
}


@integration.handles("Milestone Hook", action=tuple(MILESTONE_PHRASES))
def on_milestone(payload: Payload, delivery: Delivery) -> Message | None:
    """The milestone, what happened to it and, for a new one, its due date (GitLab does not
    say who did it). Nothing for a group's milestone, whose payload names no group."""
    project = payload["project"]
    if not project.exists():
        return None
    action = delivery.action
    repo = repo_of(project, delivery)
    milestone = payload["object_attributes"]
    title = milestone["title"].string()
    number = milestone["iid"].integer(default=None)
    url = None if action == "delete" or number is None else repo.page(f"-/milestones/{number}")
    shown = link(title, url) if url else bold(title)
    sentence = md("Milestone {title} {phrase}").format(
        title=shown, phrase=MILESTONE_PHRASES[action]
    )
    due = milestone["due_date"].string(default=None)
    if action == "create" and due:
        sentence += md(", due on {}").format(due)
    return activity(repo, sentence + md("."))


# Feature flags ---------------------------------------------------------------


@integration.handles("Feature Flag Hook")
def on_feature_flag(payload: Payload, delivery: Delivery) -> Message:
    """Who turned which flag on or off, linked to the project's feature flags."""
    repo = repo_of(payload["project"], delivery)
    flag = payload["object_attributes"]
    name = flag["name"].string()
    page = repo.page("-/feature_flags")
    sentence = md("{who} turned {state} feature flag {flag}.").format(
        who=who(user_of(payload["user"])),
        state="on" if flag["active"].boolean(default=False) else "off",
        flag=link(name, page) if page else code(name),
    )
    return activity(repo, sentence)


# Access tokens ---------------------------------------------------------------


@integration.handles("Resource Access Token Hook")
def on_access_token(payload: Payload, delivery: Delivery) -> Message:
    """Which project or group access token expires, and when (GitLab warns days before), linked
    to the project's access tokens. A group's token posts in the group's topic."""
    token = payload["object_attributes"]
    owner, kind = token_owner(payload, delivery)
    name = token["name"].string()
    page = owner.page("-/settings/access_tokens")
    sentence = md("{kind} access token {name} expires on {date}.").format(
        kind=kind,
        name=link(name, page) if page else bold(name),
        date=bold(token["expires_at"].string()),
    )
    return activity(owner, sentence)


@integration.handles("Resource Deploy Token Hook")
def on_deploy_token(payload: Payload, delivery: Delivery) -> Message:
    """Which project or group deploy token expires, and on which day (GitLab 18.4 and later
    warn days before), linked to the project's repository settings, where deploy tokens are
    managed. A group's token posts in the group's topic."""
    token = payload["object_attributes"]
    owner, kind = token_owner(payload, delivery)
    name = token["name"].string()
    page = owner.page("-/settings/repository")
    # "2025-08-03 07:57:25 UTC": the day is what a reader acts on.
    expires = token["expires_at"].string()
    sentence = md("{kind} deploy token {name} expires on {date}.").format(
        kind=kind,
        name=link(name, page) if page else bold(name),
        date=bold(expires[:10] if DAY.match(expires) else expires),
    )
    return activity(owner, sentence)


DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def token_owner(payload: Payload, delivery: Delivery) -> tuple[Repo, str]:
    """The project, or the group, whose access token it is, and which of the two it is."""
    if payload["project"].exists():
        return repo_of(payload["project"], delivery), "Project"
    group = payload["group"]
    full = group["full_path"].string(default=None) or group["group_path"].string(default=None)
    name = group["group_name"].string(default=None) or full or group["group_name"].string()
    return group_repo(name, full, None, delivery), "Group"
