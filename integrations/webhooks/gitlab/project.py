"""The project's other events: wiki pages, deployments, feature flags, milestones,
expiring access tokens.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    Repo,
    activity,
    deployment,
    who,
    wiki,
)
from integrations.core import Message, Payload, WebhookRequest, bold, code, link, md
from integrations.webhooks.gitlab.common import dropped, for_action, page, project_repo, user_of
from integrations.webhooks.gitlab.declaration import integration

# Wiki pages ------------------------------------------------------------------

WIKI_EVENT = "Wiki Page Hook"
WIKI_ACTIONS = {"create": "created", "update": "edited", "delete": "deleted"}


@integration.handles(WIKI_EVENT)
def wiki_page_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    attributes = payload["object_attributes"]
    action = attributes["action"].string()
    verb = for_action(WIKI_EVENT, WIKI_ACTIONS, action)
    if dropped(payload["project"]["visibility_level"], request):
        return None
    # A deleted page has no page to link to.
    url = None if action == "delete" else attributes["url"].string(default=None)
    title = attributes["title"].string()
    summary = edit_summary(attributes["message"].string(default=None), title)
    return wiki(
        project_repo(payload), user_of(payload["user"]), [(verb, title, url)], summary=summary
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


# Deployments -----------------------------------------------------------------

# GitLab sends a deployment event when one starts, succeeds, fails or is
# canceled; any other status (created, blocked, skipped) posts nothing.
DEPLOYMENT_STATUSES = frozenset({"running", "success", "failed", "canceled"})


@integration.handles("Deployment Hook")
def deployment_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    status = payload["status"].string()
    if status not in DEPLOYMENT_STATUSES:
        return None
    if dropped(payload["project"]["visibility_level"], request):
        return None
    commit = Commit(
        sha=payload["short_sha"].string(),
        message=payload["commit_title"].string(default=""),
        url=payload["commit_url"].string(default=None),
    )
    user = payload["user"]
    return deployment(
        project_repo(payload),
        payload["environment"].string(),
        status,
        actor=user_of(user) if user.exists() else None,
        commit=commit,
        # The job that deployed; deployments made through the API have none.
        url=payload["deployable_url"].string(default=None),
    )


# Feature flags ---------------------------------------------------------------


@integration.handles("Feature Flag Hook")
def feature_flag_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    if dropped(payload["project"]["visibility_level"], request):
        return None
    flag = payload["object_attributes"]
    state = "on" if flag["active"].boolean() else "off"
    sentence = md("{who} turned {state} feature flag {flag}.").format(
        who=who(user_of(payload["user"])), state=state, flag=code(flag["name"].string())
    )
    return activity(project_repo(payload), sentence)


# Milestones ------------------------------------------------------------------

MILESTONE_EVENT = "Milestone Hook"
MILESTONE_ACTIONS = {
    "create": "was created",
    "close": "was closed",
    "reopen": "was reopened",
    "delete": "was deleted",
}


@integration.handles(MILESTONE_EVENT)
def milestone_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    action = payload["action"].string()
    phrase = for_action(MILESTONE_EVENT, MILESTONE_ACTIONS, action)
    project = payload["project"]
    if not project.exists():
        return None  # a group's milestone belongs to no project topic
    if dropped(project["visibility_level"], request):
        return None
    repo = project_repo(payload)
    milestone = payload["object_attributes"]
    title = milestone["title"].string()
    url = None if action == "delete" else page(repo, f"-/milestones/{milestone['iid'].integer()}")
    shown = link(title, url) if url else bold(title)
    return activity(repo, md("Milestone {title} {phrase}.").format(title=shown, phrase=phrase))


# Access tokens ---------------------------------------------------------------


def token_owner(payload: Payload) -> tuple[Repo, Payload]:
    """The project, or the group, whose access token it is, and how visible it is.

    Group payloads do not say how visible the group is, so
    ``ignore_private_repositories`` drops them.
    """
    if payload["project"].exists():
        return project_repo(payload), payload["project"]["visibility_level"]
    group = payload["group"]
    name = group["full_path"].string(default=None) or group["group_name"].string()
    return Repo(name), group["visibility_level"]


@integration.handles("Resource Access Token Hook")
def access_token_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    """GitLab warns a week before a project or group access token expires."""
    repo, visibility = token_owner(payload)
    if dropped(visibility, request):
        return None
    token = payload["object_attributes"]
    sentence = md("Access token {name} expires on {date}.").format(
        name=bold(token["name"].string()), date=token["expires_at"].string()
    )
    return activity(repo, sentence)
