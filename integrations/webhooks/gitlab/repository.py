"""The project itself: wiki pages, releases, milestones, feature flags and access tokens."""

from __future__ import annotations

from integrations.common.code_hosting import Repo, activity, release, who, wiki
from integrations.core import Delivery, Message, Payload, bold, code, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import repo_of, user_of

# Wiki pages ------------------------------------------------------------------

WIKI_VERBS = {"create": "created", "update": "edited", "delete": "deleted"}


@integration.handles("Wiki Page Hook", action=tuple(WIKI_VERBS))
def on_wiki_page(payload: Payload, delivery: Delivery) -> Message:
    """Who created, edited or deleted which page, and the edit's commit message unless it is
    GitLab's default."""
    attributes = payload["object_attributes"]
    action = attributes["action"].string()
    # A deleted page has no page to link to.
    url = None if action == "delete" else attributes["url"].string(default=None)
    title = attributes["title"].string()
    summary = edit_summary(attributes["message"].string(default=None), title)
    return wiki(
        repo_of(payload["project"]),
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
    """The release and, for a new one, its notes. GitLab does not say who made the change."""
    action = payload["action"].string()
    return release(
        repo_of(payload["project"]),
        None,
        payload["name"].string(default=""),
        payload["tag"].string(),
        RELEASE_VERBS[action],
        # A deleted release's page is gone; the notes are news only when it is new.
        url=None if action == "delete" else payload["url"].string(default=None),
        body=payload["description"].string(default=None) if action == "create" else None,
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
    """The milestone and what happened to it (GitLab does not say who did it). Nothing for a
    group's milestone, which belongs to no project's topic."""
    project = payload["project"]
    if not project.exists():
        return None
    action = payload["action"].string()
    repo = repo_of(project)
    milestone = payload["object_attributes"]
    title = milestone["title"].string()
    url = None if action == "delete" else repo.page(f"-/milestones/{milestone['iid'].integer()}")
    shown = link(title, url) if url else bold(title)
    phrase = MILESTONE_PHRASES[action]
    return activity(repo, md("Milestone {title} {phrase}.").format(title=shown, phrase=phrase))


# Feature flags ---------------------------------------------------------------


@integration.handles("Feature Flag Hook")
def on_feature_flag(payload: Payload, delivery: Delivery) -> Message:
    """Who turned which flag on or off."""
    flag = payload["object_attributes"]
    state = "on" if flag["active"].boolean() else "off"
    sentence = md("{who} turned {state} feature flag {flag}.").format(
        who=who(user_of(payload["user"])), state=state, flag=code(flag["name"].string())
    )
    return activity(repo_of(payload["project"]), sentence)


# Access tokens ---------------------------------------------------------------


@integration.handles("Resource Access Token Hook")
def on_access_token(payload: Payload, delivery: Delivery) -> Message:
    """Which project or group access token expires, and when: GitLab warns a week before."""
    token = payload["object_attributes"]
    sentence = md("Access token {name} expires on {date}.").format(
        name=bold(token["name"].string()), date=token["expires_at"].string()
    )
    return activity(token_owner(payload), sentence)


def token_owner(payload: Payload) -> Repo:
    """The project, or the group, whose access token it is."""
    if payload["project"].exists():
        return repo_of(payload["project"])
    group = payload["group"]
    name = group["full_path"].string(default=None) or group["group_name"].string()
    return Repo(name)
