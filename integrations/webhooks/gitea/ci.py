"""Builds: commit statuses (``status``) and Gitea Actions (``workflow_run``, ``workflow_job``)."""

from __future__ import annotations

from integrations.common.code_hosting import Commit, User, branch_wanted, ci_run
from integrations.core import Message, Payload, WebhookRequest
from integrations.webhooks.gitea.common import (
    for_action,
    handles,
    optional_url,
    page_url,
    repo_of,
    sender_of,
    user_of,
)

# Commit status states in the shared wording: Gitea's "error" is a failure
# of the check itself, which readers treat the same way.
STATUS_RESULTS = {"error": "failure"}


@handles("status")
def status_changed(payload: Payload, request: WebhookRequest) -> Message | None:
    state = payload["state"].string()
    if state == "pending":
        return None  # the check has only started; its result follows
    # The commit's title is left out: the shared sentence would run it on
    # without a full stop; the linked commit is one click away.
    commit = Commit(payload["sha"].string(), "", optional_url(payload["commit"]["url"]))
    return ci_run(
        repo_of(payload["repository"]),
        payload["context"].string() or "A status check",
        None,  # Gitea does not say which branch the commit is on
        STATUS_RESULTS.get(state, state),
        url=optional_url(payload["target_url"]),
        commit=commit,
        detail=payload["description"].string(default=None),
    )


RUN_ACTIONS = {"requested": "requested", "in_progress": "in_progress", "completed": "completed"}


def run_name(payload: Payload) -> str:
    run = payload["workflow_run"]
    name = (
        payload["workflow"]["name"].string(default=None)
        or run["path"].string(default=None)
        or "Workflow"
    )
    number = run["run_number"].integer(default=None)
    return f"{name} #{number}" if number is not None else name


def run_actor(payload: Payload) -> User:
    actor = payload["workflow_run"]["trigger_actor"]
    return user_of(actor) if actor.exists() else sender_of(payload)


@handles("workflow_run")
def workflow_run(payload: Payload, request: WebhookRequest) -> Message | None:
    if for_action("workflow_run", RUN_ACTIONS, payload) != "completed":
        return None  # a run is reported once, when it has a result
    run = payload["workflow_run"]
    branch = run["head_branch"].string(default=None) or None
    if branch is not None and not branch_wanted(branch, request.query):
        return None
    result = run["conclusion"].string(default=None) or run["status"].string()
    repo = repo_of(payload["repository"])
    sha = run["head_sha"].string()
    commit = Commit(sha, "", page_url(repo, "commit", sha))
    return ci_run(
        repo,
        run_name(payload),
        branch,
        result,
        url=optional_url(run["html_url"]),
        commit=commit,
        actor=run_actor(payload),
    )


@handles("workflow_job")
def workflow_job(payload: Payload, request: WebhookRequest) -> Message | None:
    """Nothing: the run's own event reports how its jobs ended, in one message."""
    return None
