"""``repo:*`` events other than pushes: forks, settings, commit comments and build statuses."""

from __future__ import annotations

import re
from collections.abc import Callable

from integrations.common.code_hosting import (
    Commit,
    Repo,
    activity,
    branch_wanted,
    ci_run,
    commit_comment,
    fork,
    who,
)
from integrations.core import Message, Payload, WebhookRequest, bullet_list, md
from integrations.webhooks.bitbucket.changes import changed
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.entities import (
    account,
    actor,
    html_url,
    ignored,
    repository,
    text,
)

# Repository settings worth a line when they change, in the order shown.
SETTINGS = {
    "name": "Name",
    "full_name": "Full name",
    "description": "Description",
    "website": "Website",
    "language": "Language",
    "mainbranch": "Main branch",
    "is_private": "Private",
    "has_issues": "Issue tracker",
    "has_wiki": "Wiki",
    "fork_policy": "Forking",
    "project": "Project",
}

# Bitbucket's build states, as the shared CI wording names them; any other
# state is shown as Bitbucket names it.
BUILD_STATES = {"SUCCESSFUL": "success", "FAILED": "failed", "STOPPED": "stopped"}
# A build that has only started; its result follows in another status.
IN_PROGRESS = "INPROGRESS"
HEX = re.compile(r"[0-9a-f]{7,64}\Z")


Build = Callable[[Payload, WebhookRequest], Message | None]


def guarded(build: Build) -> Build:
    """A handler that posts nothing for private repositories when asked to."""

    def handle(payload: Payload, request: WebhookRequest) -> Message | None:
        return None if ignored(payload, request) else build(payload, request)

    return handle


def plain(build: Callable[[Payload], Message]) -> Build:
    """A handler for an event that no URL option other than privacy concerns."""

    def handle(payload: Payload, request: WebhookRequest) -> Message | None:
        return build(payload)

    return handle


def forked(payload: Payload) -> Message:
    new = payload["fork"]
    into = Repo(new["full_name"].string(), html_url(new))
    return fork(repository(payload), actor(payload), into)


def settings_changed(payload: Payload) -> Message:
    changes = payload["changes"]
    lines = [changed(label, changes[field]) for field, label in SETTINGS.items()]
    listed = bullet_list([line for line in lines if line])
    head = md("{who} changed the repository settings").format(who=who(actor(payload)))
    content = head + md(":\n\n") + listed if listed else head + md(".")
    return activity(repository(payload), content)


def transferred(payload: Payload) -> Message:
    sentence = md("{who} transferred the repository").format(who=who(actor(payload)))
    previous = payload["previous_owner"]
    if previous.exists():
        sentence += md(" from {}").format(who(account(previous)))
    return activity(repository(payload), sentence + md("."))


def happened(verb: str) -> Callable[[Payload], Message]:
    """A sentence saying who did ``verb`` to the repository: created, deleted..."""

    def build(payload: Payload) -> Message:
        sentence = md("{who} {verb} the repository.").format(who=who(actor(payload)), verb=verb)
        return activity(repository(payload), sentence)

    return build


def commit_commented(payload: Payload) -> Message:
    said = payload["comment"]
    sha = payload["commit"]["hash"].string()
    # The comment's copy of the commit carries the web link; the top-level one may not.
    url = html_url(said["commit"]) or html_url(payload["commit"])
    return commit_comment(
        repository(payload),
        actor(payload),
        Commit(sha=sha, message="", url=url),
        text(said),
        url=html_url(said),
    )


def build_status(payload: Payload, request: WebhookRequest) -> Message | None:
    status = payload["commit_status"]
    state = status["state"].string()
    if state.upper() == IN_PROGRESS:
        return None
    branch = status["refname"].string(default=None) or None
    if branch is not None and not branch_wanted(branch, request.query):
        return None
    repo = repository(payload)
    name = status["name"].string(default="") or status["key"].string(default="") or "Build"
    return ci_run(
        repo,
        name,
        branch,
        BUILD_STATES.get(state.upper(), state),
        url=status["url"].string(default=None),
        commit=status_commit(status, repo),
        detail=status["description"].string(default=None),
    )


def status_commit(status: Payload, repo: Repo) -> Commit | None:
    """The commit a status is about; older payloads only link to it in the API."""
    commit = status["commit"]
    sha = commit["hash"].string(default=None)
    if sha is None:
        api_url = status["links"]["commit"]["href"].string(default="")
        tail = api_url.rstrip("/").rsplit("/", 1)[-1]
        sha = tail if HEX.match(tail) else None
    if not sha:
        return None
    url = html_url(commit) or (f"{repo.url.rstrip('/')}/commits/{sha}" if repo.url else None)
    return Commit(sha=sha, message=commit["message"].string(default=""), url=url)


REPOSITORY_EVENTS: dict[str, Build] = {
    "repo:fork": plain(forked),
    "repo:updated": plain(settings_changed),
    "repo:transfer": plain(transferred),
    "repo:created": plain(happened("created")),
    "repo:imported": plain(happened("imported")),
    "repo:deleted": plain(happened("deleted")),
    "repo:commit_comment_created": plain(commit_commented),
    # Bitbucket sends the same payload when a status is first set and when it changes.
    "repo:commit_status_created": build_status,
    "repo:commit_status_updated": build_status,
}

for _event, _build in REPOSITORY_EVENTS.items():
    integration.handles(_event)(guarded(_build))
