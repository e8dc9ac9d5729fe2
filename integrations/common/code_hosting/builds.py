"""CI runs and deployments: what ran on the code and where it went."""

from __future__ import annotations

from integrations.common.code_hosting.records import (
    Commit,
    Repo,
    User,
    area_topic,
    branch_topic,
    deployment_topic,
)
from integrations.common.code_hosting.text import first_line, paragraphs, sha_link, who
from integrations.core.markup import bold, code, escape, link, md
from integrations.core.message import Message

CI_RESULTS = {
    "success": "succeeded",
    "failure": "failed",
    "failed": "failed",
    "error": "failed with an error",
    "errored": "failed with an error",
    "warning": "finished with warnings",
    "stopped": "was stopped",
    "manual": "is waiting for a manual action",
    "cancelled": "was cancelled",
    "canceled": "was cancelled",
    "skipped": "was skipped",
    "timed_out": "timed out",
    "action_required": "needs action",
    "neutral": "finished",
    "stale": "went stale",
    "running": "is running",
    "pending": "is pending",
    "in_progress": "is running",
    "queued": "is queued",
}


def ci_result(status: str) -> str:
    return CI_RESULTS.get(status.lower(), f"finished ({status})")


def ci_run(
    repo: Repo,
    name: str,
    branch: str | None,
    status: str,
    *,
    url: str | None = None,
    commit: Commit | None = None,
    actor: User | None = None,
    detail: str | None = None,
) -> Message:
    """A CI pipeline, workflow or check suite reaching a state."""
    title = link(name, url) if url else bold(name)
    head = md("{title} {result}").format(title=title, result=ci_result(status))
    if branch:
        head += md(" on {}").format(code(branch))
    if commit:
        head += md(" for {}").format(sha_link(commit.sha, commit.url))
        commit_title = first_line(commit.message)
        if commit_title:
            head += md(" ({})").format(commit_title)
    head += md(".")
    if actor:
        head += md(" Triggered by {}.").format(who(actor))
    topic = branch_topic(repo, branch) if branch else area_topic(repo)
    return Message(topic=topic, content=paragraphs(head, escape(detail or "")))


def deployment(
    repo: Repo,
    environment: str,
    status: str,
    *,
    actor: User | None = None,
    commit: Commit | None = None,
    url: str | None = None,
) -> Message:
    target = link(environment, url) if url else bold(environment)
    head = md("Deployment to {env} {result}").format(env=target, result=ci_result(status))
    if commit:
        head += md(" for {}").format(sha_link(commit.sha, commit.url))
    if actor:
        head += md(" by {}").format(who(actor))
    return Message(topic=deployment_topic(repo, environment), content=head + md("."))
