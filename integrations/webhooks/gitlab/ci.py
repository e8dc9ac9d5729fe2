"""CI: pipelines (``Pipeline Hook``), jobs (``Job Hook``; ``Build Hook`` in older GitLab) and
deployments (``Deployment Hook``).

GitLab sends an event at every status change of a pipeline or job
(created, pending, running, then success...): the status is the action.
Only the end of a run posts, so a pipeline makes one message, not four. A
pipeline of a merge request goes to the merge request's topic, one of a tag
to the releases topic, one of a branch to the branch's topic; ``branches``
limits those of branches, as it limits pushes.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import (
    Commit,
    Repo,
    area_topic,
    branch_wanted,
    ci_run,
    deployment,
    listing,
    pr_topic,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import (
    actor_of,
    commit_of,
    job_repo_of,
    ref_of,
    repo_of,
)

# The statuses of a pipeline or job on its way to a result.
ON_THE_WAY = (
    "created",
    "waiting_for_resource",
    "preparing",
    "waiting_for_callback",
    "pending",
    "running",
    "canceling",
    "manual",
    "scheduled",
)
# The ref of a merge request pipeline's jobs: the merge request's, not a branch.
MERGE_REQUEST_REF = re.compile(r"refs/merge-requests/(\d+)/(?:head|merge|train)")


def placed(message: Message, topic: str) -> Message:
    return Message(topic=topic, content=message.content)


# Pipelines -----------------------------------------------------------------


@integration.handles("Pipeline Hook", action=("success", "failed", "canceled", "skipped"))
def on_pipeline(payload: Payload, delivery: Delivery) -> Message | None:
    """The pipeline's result, its commit, who started it, and the jobs that failed. A merge
    request's pipeline posts in the merge request's topic, a tag's in the `releases` topic."""
    attributes = payload["object_attributes"]
    status = attributes["status"].string()
    ref = attributes["ref"].string()
    merge_request = payload["merge_request"]
    tag = attributes["tag"].boolean(default=False)
    if not merge_request.exists() and not tag and not branch_wanted(ref, delivery):
        return None
    repo = repo_of(payload["project"])
    number = attributes["id"].integer()
    # Newer GitLab sends the name a pipeline may be given (``workflow:name``).
    name = attributes["name"].string(default=None) or f"Pipeline #{number}"
    url = attributes["url"].string(default=None) or repo.page(f"-/pipelines/{number}")
    commit = payload["commit"]
    message = ci_run(
        repo,
        name,
        ref,
        status,
        url=url,
        commit=commit_of(commit) if commit.exists() else None,
        actor=actor_of(payload),
        detail=failed_jobs(payload) if status == "failed" else None,
    )
    if merge_request.exists():
        return placed(message, pr_topic(repo, ref_of(merge_request)))
    if tag:
        return placed(message, area_topic(repo, "releases"))
    return message


integration.ignores("Pipeline Hook", action=ON_THE_WAY, reason="The result follows.")


def failed_jobs(payload: Payload) -> Markdown | None:
    """The jobs that made a pipeline fail (not those allowed to fail)."""
    names = [
        code(build["name"].string())
        for build in payload["builds"].array(default=[])
        if build["status"].string(default="") == "failed"
        and not build["allow_failure"].boolean(default=False)
    ]
    if not names:
        return None
    noun = "job" if len(names) == 1 else "jobs"
    return md("Failed {}: {}.").format(noun, listing(names, "none"))


# Jobs ----------------------------------------------------------------------

JOBS = ("Job Hook", "Build Hook")


@integration.handles(*JOBS, action=("success", "failed", "canceled"))
def on_job(payload: Payload, delivery: Delivery) -> Message | None:
    """The job's result, its stage, and why it failed. A tag's job posts in the `releases`
    topic; a merge request pipeline's job in the project's topic, naming the merge request (a
    job does not carry its title)."""
    status = payload["build_status"].string()
    ref = payload["ref"].string()
    tag = payload["tag"].boolean(default=False)
    merge_request = MERGE_REQUEST_REF.fullmatch(ref)
    if not tag and not merge_request and not branch_wanted(ref, delivery):
        return None
    repo = job_repo_of(payload)
    number = payload["build_id"].integer()
    detail = job_detail(payload, status)
    if merge_request:
        # A job does not carry its merge request's title, which its topic
        # needs: the job goes to the project's topic and names the merge request.
        detail = f"Pipeline of PR #{merge_request[1]}. {detail or ''}".strip()
    message = ci_run(
        repo,
        f"Job {payload['build_name'].string()}",
        None if merge_request else ref,
        status,
        url=repo.page(f"-/jobs/{number}"),
        commit=job_commit(payload, repo),
        actor=actor_of(payload),
        detail=detail,
    )
    if tag:
        return placed(message, area_topic(repo, "releases"))
    return message


integration.ignores(*JOBS, action=ON_THE_WAY, reason="The result follows.")
integration.ignores(*JOBS, action="skipped", reason="A skipped job never ran.")


def job_detail(payload: Payload, status: str) -> str | None:
    """The job's stage, and for a failure why it failed and whether that is allowed."""
    sentences = []
    stage = payload["build_stage"].string(default=None)
    if stage:
        sentences.append(f"Stage: {stage}.")
    if status == "failed":
        reason = payload["build_failure_reason"].string(default=None)
        if reason and reason != "unknown_failure":
            sentences.append(f"Reason: {reason.replace('_', ' ')}.")
        if payload["build_allow_failure"].boolean(default=False):
            sentences.append("The job is allowed to fail.")
    return " ".join(sentences) or None


def job_commit(payload: Payload, repo: Repo) -> Commit:
    sha = payload["sha"].string()
    message = payload["commit"]["message"].string(default="")
    return Commit(sha=sha, message=message, url=repo.page(f"-/commit/{sha}"))


# Deployments ---------------------------------------------------------------


@integration.handles("Deployment Hook", action=("running", "success", "failed", "canceled"))
def on_deployment(payload: Payload, delivery: Delivery) -> Message:
    """The deployment's environment, result, commit and who deployed, in the `deployments`
    topic."""
    commit = Commit(
        sha=payload["short_sha"].string(),
        message=payload["commit_title"].string(default=""),
        url=payload["commit_url"].string(default=None),
    )
    return deployment(
        repo_of(payload["project"]),
        payload["environment"].string(),
        payload["status"].string(),
        actor=actor_of(payload),
        commit=commit,
        # The job that deployed; deployments made through the API have none.
        url=payload["deployable_url"].string(default=None),
    )


integration.ignores(
    "Deployment Hook",
    action=("created", "blocked", "skipped"),
    reason="It has not run: a deployment posts when it starts and when it ends.",
)
