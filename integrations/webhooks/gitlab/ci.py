"""CI: pipelines (``Pipeline Hook``) and jobs (``Job Hook``; ``Build Hook`` in older GitLab).

GitLab sends an event at every status change of a pipeline or job
(created, pending, running, then success...). Only the end of a run posts;
the steps on the way post nothing, so a pipeline makes one message, not four.
A pipeline of a merge request goes to the merge request's topic, one of a tag
to the releases topic, one of a branch to the branch's topic; ``branches``
limits those of branches, as it limits pushes.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import (
    Commit,
    Ref,
    Repo,
    User,
    area_topic,
    branch_wanted,
    ci_run,
    listing,
    pr_topic,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, code, md
from integrations.webhooks.gitlab.common import (
    dropped,
    job_repo,
    page,
    project_repo,
    user_of,
)
from integrations.webhooks.gitlab.declaration import integration

# Statuses that end a run; the others (created, waiting_for_resource,
# preparing, pending, running, manual, scheduled) are steps on the way.
FINISHED = frozenset({"success", "failed", "canceled", "skipped"})
JOB_FINISHED = frozenset({"success", "failed", "canceled"})  # a skipped job never ran
# The ref of a merge request pipeline's jobs: the merge request's, not a branch.
MERGE_REQUEST_REF = re.compile(r"refs/merge-requests/(\d+)/(?:head|merge|train)")


def actor_of(payload: Payload) -> User | None:
    user = payload["user"]
    return user_of(user) if user.exists() else None


def placed(message: Message, topic: str) -> Message:
    return Message(topic=topic, content=message.content)


# Pipelines -----------------------------------------------------------------


def pipeline_commit(payload: Payload) -> Commit | None:
    commit = payload["commit"]
    if not commit.exists():
        return None
    return Commit(
        sha=commit["id"].string(),
        message=commit["message"].string(default=""),
        url=commit["url"].string(default=None),
    )


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


def merge_request_of(payload: Payload) -> Ref | None:
    node = payload["merge_request"]
    if not node.exists():
        return None
    return Ref(node["iid"].integer(), node["title"].string(), node["url"].string(default=None))


@integration.handles("Pipeline Hook")
def pipeline_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    attributes = payload["object_attributes"]
    status = attributes["status"].string()
    if status not in FINISHED:
        return None
    ref = attributes["ref"].string()
    merge_request = merge_request_of(payload)
    tag = attributes["tag"].boolean(default=False)
    if merge_request is None and not tag and not branch_wanted(ref, request.query):
        return None
    if dropped(payload["project"]["visibility_level"], request):
        return None
    repo = project_repo(payload)
    number = attributes["id"].integer()
    # Newer GitLab sends the name a pipeline may be given (``workflow:name``).
    name = attributes["name"].string(default=None) or f"Pipeline #{number}"
    url = attributes["url"].string(default=None) or page(repo, f"-/pipelines/{number}")
    message = ci_run(
        repo,
        name,
        ref,
        status,
        url=url,
        commit=pipeline_commit(payload),
        actor=actor_of(payload),
        detail=failed_jobs(payload) if status == "failed" else None,
    )
    if merge_request is not None:
        return placed(message, pr_topic(repo, merge_request))
    if tag:
        return placed(message, area_topic(repo, "releases"))
    return message


# Jobs ----------------------------------------------------------------------


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
    return Commit(sha=sha, message=message, url=page(repo, f"-/commit/{sha}"))


def job_visibility(payload: Payload) -> Payload:
    project = payload["project"]
    if project.exists():
        return project["visibility_level"]
    return payload["repository"]["visibility_level"]


@integration.handles("Job Hook", "Build Hook")
def job_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    status = payload["build_status"].string()
    if status not in JOB_FINISHED:
        return None
    ref = payload["ref"].string()
    tag = payload["tag"].boolean(default=False)
    merge_request = MERGE_REQUEST_REF.fullmatch(ref)
    if not tag and not merge_request and not branch_wanted(ref, request.query):
        return None
    if dropped(job_visibility(payload), request):
        return None
    repo = job_repo(payload)
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
        url=page(repo, f"-/jobs/{number}"),
        commit=job_commit(payload, repo),
        actor=actor_of(payload),
        detail=detail,
    )
    if tag:
        return placed(message, area_topic(repo, "releases"))
    return message
