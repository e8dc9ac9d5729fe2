"""Where the code goes: deployments, their statuses, and GitHub Pages builds."""

from __future__ import annotations

from integrations.common.code_hosting import User, ci_run, deployment
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import commit_at, repo_of, sender_of


@integration.handles("deployment", action="created")
def on_deployment(payload: Payload, delivery: Delivery) -> Message:
    """The deployment, its environment and commit, as pending."""
    repo = repo_of(payload["repository"])
    node = payload["deployment"]
    return deployment(
        repo,
        node["environment"].string(),
        "pending",
        actor=sender_of(payload),
        commit=commit_at(repo, node["sha"].string()),
    )


@integration.handles("deployment_status", action=("success", "failure", "error"))
def on_deployment_status(payload: Payload, delivery: Delivery) -> Message:
    """The deployment's result, linked to the environment (or else to its log)."""
    status = payload["deployment_status"]
    repo = repo_of(payload["repository"])
    node = payload["deployment"]
    return deployment(
        repo,
        status["environment"].string(default="") or node["environment"].string(),
        status["state"].string(),
        actor=sender_of(payload),
        commit=commit_at(repo, node["sha"].string()),
        url=status["environment_url"].string(default=None)
        or status["log_url"].string(default=None)
        or status["target_url"].string(default=None),
    )


integration.ignores(
    "deployment_status",
    action=("pending", "queued", "in_progress", "waiting"),
    reason="The result follows.",
)
integration.ignores(
    "deployment_status",
    action="inactive",
    reason="GitHub sets it on the previous deployment when a new one succeeds.",
)

# The Pages builds that have a result; others are still queued or building.
PAGES_RESULTS = {"built": "success", "errored": "failure"}


@integration.handles("page_build")
def on_page_build(payload: Payload, delivery: Delivery) -> Message | None:
    """The GitHub Pages build's result and the error. **Nothing** while it is building."""
    build = payload["build"]
    result = PAGES_RESULTS.get(build["status"].string(default=""))
    if result is None:
        return None
    repo = repo_of(payload["repository"])
    sha = build["commit"].string(default=None)
    return ci_run(
        repo,
        "GitHub Pages build",
        None,
        result,
        commit=commit_at(repo, sha) if sha else None,
        actor=User(build["pusher"]["login"].string()),
        detail=build["error"]["message"].string(default=None),
    )
