"""Code and where it goes: pushes, branches and tags, commit comments, releases,
the wiki, deployments and GitHub Pages builds. Statuses, checks and Actions
runs are in ``ci``.
"""

from __future__ import annotations

from integrations.common.code_hosting import (
    Commit,
    User,
    branch_deleted,
    branch_wanted,
    ci_run,
    commit_comment,
    deployment,
    push,
    release,
    strip_ref,
    tag,
    wiki,
)
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.github.common import (
    action_of,
    handles,
    page_url,
    repo_of,
    sender_of,
    unsupported,
)

# Branches GitHub's merge queue creates and deletes on its own for every
# queued pull request; their pushes say nothing a person did.
MERGE_QUEUE_PREFIX = "refs/heads/gh-readonly-queue/"


# Pushes, branches and tags -------------------------------------------------


def pusher_of(payload: Payload) -> User:
    """Who pushed: the sender's login, or ``pusher.name`` when there is no sender."""
    if payload["sender"].exists():
        return sender_of(payload)
    return User(payload["pusher"]["name"].string())


def commit_of(node: Payload, pusher: User) -> Commit:
    author = node["author"]
    name = author["username"].string(None) or author["name"].string()
    return Commit(
        sha=node["id"].string(),
        message=node["message"].string(),
        url=node["url"].string(None),
        # The author is named only when someone other than the pusher wrote it.
        author=None if name == pusher.name else name,
    )


@handles("push")
def on_push(payload: Payload, request: WebhookRequest) -> Message | None:
    ref = payload["ref"].string()
    if ref.startswith(MERGE_QUEUE_PREFIX):
        return None
    kind, name = strip_ref(ref)
    repo = repo_of(payload)
    pusher = pusher_of(payload)
    deleted = payload["deleted"].boolean()
    if kind == "tag":
        url = None if deleted else page_url(repo, "tree", name)
        return tag(repo, pusher, name, deleted=deleted, url=url)
    if not branch_wanted(name, request.query):
        return None
    if deleted:
        return branch_deleted(repo, pusher, name)
    commits = [commit_of(node, pusher) for node in payload["commits"]]
    return push(
        repo,
        pusher,
        name,
        commits,
        # GitHub's timeline events cap ``commits`` and give the true count in
        # ``size``; webhook deliveries list every commit and carry no size.
        total=payload["size"].integer(None),
        created=payload["created"].boolean(),
        forced=payload["forced"].boolean(),
        compare_url=payload["compare"].string(None),
        branch_url=page_url(repo, "tree", name),
        before=payload["before"].string(None),
        after=payload["after"].string(None),
    )


# GitHub sends a ``push`` with every branch or tag created or deleted, and
# that push reports it; ``create`` and ``delete`` would say it twice.


@handles("create", "delete")
def on_create_or_delete(payload: Payload, request: WebhookRequest) -> None:
    return None


# Comments on commits, releases, the wiki -----------------------------------


@handles("commit_comment")
def on_commit_comment(payload: Payload, request: WebhookRequest) -> Message:
    action = payload["action"].string("created")
    if action != "created":
        raise unsupported("commit_comment", action)
    repo = repo_of(payload)
    comment = payload["comment"]
    sha = comment["commit_id"].string()
    return commit_comment(
        repo,
        sender_of(payload),
        Commit(sha, "", page_url(repo, "commit", sha)),
        comment["body"].string(),
        url=comment["html_url"].string(None),
    )


# A release that is published without being drafted first is delivered as
# "created", "published" and "released" at once; "published" is the one
# message. Drafts ("created", "edited") are not public yet.
RELEASE_QUIET = frozenset({"created", "edited", "released", "prereleased"})
PRERELEASE = "This is a pre-release."


@handles("release")
def on_release(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    if action in RELEASE_QUIET:
        return None
    if action not in ("published", "unpublished", "deleted"):
        raise unsupported("release", action)
    node = payload["release"]
    gone = action == "deleted"
    return release(
        repo_of(payload),
        sender_of(payload),
        node["name"].string(""),
        node["tag_name"].string(),
        action,
        url=None if gone else node["html_url"].string(None),
        body=node["body"].string(None) if action == "published" else None,
        detail=PRERELEASE if action == "published" and node["prerelease"].boolean(False) else None,
    )


@handles("gollum")
def on_gollum(payload: Payload, request: WebhookRequest) -> Message:
    pages = [
        (page["action"].string(), page["title"].string(), page["html_url"].string(None))
        for page in payload["pages"]
    ]
    # Each page may carry the edit's summary; one push of several pages
    # usually shares one, so each different summary is quoted once.
    summaries = dict.fromkeys(
        summary.strip()
        for page in payload["pages"]
        if (summary := page["summary"].string(None)) and summary.strip()
    )
    summary = "\n".join(summaries) or None
    return wiki(repo_of(payload), sender_of(payload), pages, summary=summary)


# Deployments and Pages -------------------------------------------------------


@handles("deployment")
def on_deployment(payload: Payload, request: WebhookRequest) -> Message | None:
    action = payload["action"].string("created")
    if action != "created":
        raise unsupported("deployment", action)
    repo = repo_of(payload)
    node = payload["deployment"]
    sha = node["sha"].string()
    return deployment(
        repo,
        node["environment"].string(),
        "pending",
        actor=sender_of(payload),
        commit=Commit(sha, "", page_url(repo, "commit", sha)),
    )


# Statuses on the way to a result, and "inactive", which GitHub sets on the
# previous deployment when a new one succeeds.
DEPLOYMENT_QUIET = frozenset({"pending", "queued", "in_progress", "inactive"})


@handles("deployment_status")
def on_deployment_status(payload: Payload, request: WebhookRequest) -> Message | None:
    status = payload["deployment_status"]
    state = status["state"].string()
    if state in DEPLOYMENT_QUIET:
        return None
    repo = repo_of(payload)
    node = payload["deployment"]
    sha = node["sha"].string()
    return deployment(
        repo,
        status["environment"].string("") or node["environment"].string(),
        state,
        actor=sender_of(payload),
        commit=Commit(sha, "", page_url(repo, "commit", sha)),
        url=status["environment_url"].string(None)
        or status["log_url"].string(None)
        or status["target_url"].string(None),
    )


PAGES_RESULTS = {"built": "success", "errored": "failure"}


@handles("page_build")
def on_page_build(payload: Payload, request: WebhookRequest) -> Message | None:
    build = payload["build"]
    result = PAGES_RESULTS.get(build["status"].string(""))
    if result is None:
        return None  # queued or building
    repo = repo_of(payload)
    sha = build["commit"].string(None)
    return ci_run(
        repo,
        "GitHub Pages build",
        None,
        result,
        commit=Commit(sha, "", page_url(repo, "commit", sha)) if sha else None,
        actor=User(build["pusher"]["login"].string()),
        detail=build["error"]["message"].string(None),
    )
