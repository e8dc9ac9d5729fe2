"""Builds: commit statuses (``status``) and Gitea Actions (``workflow_run``, ``workflow_job``)."""

from __future__ import annotations

from integrations.common.code_hosting import Commit, Repo, User, branch_wanted, ci_run
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


@handles("status")
def status_changed(payload: Payload, request: WebhookRequest) -> Message | None:
    state = payload["state"].string()
    if state == "pending":
        return None  # the check has only started; its result follows
    sha = payload["sha"].string()
    node = payload["commit"]
    commit = Commit(sha, node["message"].string(default=""), optional_url(node["url"]))
    return ci_run(
        repo_of(payload["repository"]),
        payload["context"].string() or "A status check",
        # Gitea does not say which branch the commit is on, so the status
        # goes to the repository's topic and the branch filter cannot apply.
        None,
        state,
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


def run_commit(run: Payload, repo: Repo) -> Commit:
    """The commit a run built, with its title.

    Gitea titles a run with the first line of its commit's message
    (``display_title``); a ``head_commit`` like GitHub's is read first.
    """
    sha = run["head_sha"].string()
    message = run["head_commit"]["message"].string(default=None)
    if message is None:
        message = run["display_title"].string(default="")
    return Commit(sha, message, page_url(repo, "commit", sha))


def for_pull_request(run: Payload) -> bool:
    """Whether a pull request triggered the run (``pull_request``, ``pull_request_sync``...)."""
    return run["event"].string(default="").startswith("pull_request")


@handles("workflow_run")
def workflow_run(payload: Payload, request: WebhookRequest) -> Message | None:
    if for_action("workflow_run", RUN_ACTIONS, payload) != "completed":
        return None  # a run is reported once, when it has a result
    run = payload["workflow_run"]
    branch = run["head_branch"].string(default=None) or None
    # The branch filter is for a branch's own runs, not for those of pull requests.
    if (
        branch is not None
        and not for_pull_request(run)
        and not branch_wanted(branch, request.query)
    ):
        return None
    result = run["conclusion"].string(default=None) or run["status"].string()
    repo = repo_of(payload["repository"])
    commit = run_commit(run, repo)
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
