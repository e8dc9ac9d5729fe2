"""CI: pipelines (``Pipeline Hook``), jobs (``Job Hook``; ``Build Hook`` in older GitLab) and
deployments (``Deployment Hook``), and the approvals of deployments to protected environments.

GitLab sends an event at every status change of a pipeline or job
(created, pending, running, then success...): the status is the action.
By default only the end of a run posts, so a pipeline makes one message,
not four; ``pipeline_progress`` adds the queued and running ones. A
pipeline lists its jobs, their results and their artifacts, as Zulip's own
integration does. A merge request's pipeline goes to the merge request's
topic, one of a tag to the releases topic, one of a branch to the branch's
topic; ``branches`` limits those of branches, as it limits pushes.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import (
    Commit,
    Repo,
    branch_wanted,
    ci_run,
    deployment_topic,
    first_line,
    paragraphs,
    pr_topic,
    quoted,
    releases_topic,
    sha_link,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, bullet_list, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.options import PIPELINE_PROGRESS
from integrations.webhooks.gitlab.readers import (
    actor_of,
    commit_of,
    mr_ref,
    project_of,
    repo_of,
    user_of,
)

# The statuses a run goes through before its result, left out even with
# pipeline_progress (which posts the queued and running ones).
QUIET = (
    "created",
    "waiting_for_resource",
    "preparing",
    "waiting_for_callback",
    "canceling",
    "manual",
    "scheduled",
)
PROGRESS = ("pending", "running")
# The ref of a merge request pipeline's jobs: the merge request's, not a branch.
MERGE_REQUEST_REF = re.compile(r"refs/merge-requests/(\d+)/(?:head|merge|train)")


def placed(message: Message, topic: str) -> Message:
    return Message(topic=topic, content=message.content)


# Pipelines -----------------------------------------------------------------


@integration.handles("Pipeline Hook", action=("success", "failed", "canceled", "skipped"))
def on_pipeline(payload: Payload, delivery: Delivery) -> Message | None:
    """The pipeline's result, its commit and who started it, then each job with its result
    and its artifacts' links. A merge request's pipeline posts in the merge request's topic,
    a tag's in the `releases` topic."""
    attributes = payload["object_attributes"]
    merge_request = payload["merge_request"]
    tag = attributes["tag"].boolean(default=False)
    ref = attributes["ref"].string(default="")
    if not merge_request.exists() and not tag and not branch_wanted(ref, delivery):
        return None
    repo = repo_of(payload["project"], delivery)
    number = attributes["id"].integer()
    # Newer GitLab sends the name a pipeline may be given (``workflow:name``).
    name = attributes["name"].string(default=None) or f"Pipeline #{number}"
    url = attributes["url"].string(default=None) or repo.page(f"-/pipelines/{number}")
    commit = payload["commit"]
    message = ci_run(
        repo,
        name,
        ref or None,
        attributes["status"].string(),
        url=url,
        commit=commit_of(commit) if commit.exists() else None,
        actor=actor_of(payload),
        detail=jobs_of(payload, repo),
    )
    if merge_request.exists():
        return placed(message, pr_topic(repo, mr_ref(merge_request, delivery)))
    if tag:
        return placed(message, releases_topic(repo))
    return message


@integration.handles("Pipeline Hook", action=PROGRESS)
def on_pipeline_progress(payload: Payload, delivery: Delivery) -> Message | None:
    """With `pipeline_progress`: the pipeline queued or running, as above; nothing without it,
    since the result follows."""
    return on_pipeline(payload, delivery) if delivery.options[PIPELINE_PROGRESS] else None


integration.ignores("Pipeline Hook", action=QUIET, reason="The result follows.")

# How a job's status reads in a pipeline's list.
JOB_STATES = {
    "success": "succeeded",
    "failed": "failed",
    "canceled": "was cancelled",
    "canceling": "is being cancelled",
    "skipped": "was skipped",
    "manual": "waits to be started by hand",
    "scheduled": "is scheduled",
    "created": "has not started",
    "waiting_for_resource": "waits for a resource",
    "preparing": "is preparing",
    "pending": "is pending",
    "running": "is running",
}
JOB_LIMIT = 15  # jobs listed under a pipeline; the rest are counted


def jobs_of(payload: Payload, repo: Repo) -> Markdown:
    """Each job of the pipeline in stage order, with its result and artifacts. A long list
    shows first the jobs that did not succeed, which are the news."""
    stages = [
        stage.string(default="")
        for stage in payload["object_attributes"]["stages"].array(default=[])
    ]
    builds = payload["builds"].array(default=[])

    def order(build: Payload) -> tuple[int, int]:
        stage = build["stage"].string(default="")
        place = stages.index(stage) if stage in stages else len(stages)
        return place, build["id"].integer(default=0)

    builds.sort(key=order)
    if len(builds) > JOB_LIMIT:
        builds.sort(key=lambda build: build["status"].string(default="") == "success")
    lines = [job_line(build, repo) for build in builds]
    return bullet_list(lines, limit=JOB_LIMIT, more="[and {count} more jobs]")


def job_line(build: Payload, repo: Repo) -> Markdown:
    """'[test](…/jobs/5) failed (allowed to fail) — artifacts: [report.zip](…) (browse)'."""
    number = build["id"].integer(default=None)
    page = repo.page("-/jobs", str(number)) if number is not None else None
    name = build["name"].string(default="job")
    status = build["status"].string(default="")
    line = md("{job} {state}").format(
        job=link(name, page) if page else bold(name), state=JOB_STATES.get(status, status)
    )
    if status == "failed" and build["allow_failure"].boolean(default=False):
        line += md(" (allowed to fail)")
    artifact = build["artifacts_file"]["filename"].string(default=None)
    if artifact and page:
        line += md(" — artifacts: {file} ({browse})").format(
            file=link(artifact, f"{page}/artifacts/download"),
            browse=link("browse", f"{page}/artifacts/browse"),
        )
    return line


# Jobs ----------------------------------------------------------------------

JOBS = ("Job Hook", "Build Hook")


@integration.handles(*JOBS, action=("success", "failed", "canceled"))
def on_job(payload: Payload, delivery: Delivery) -> Message | None:
    """The job's result, its stage, and why it failed. A tag's job posts in the `releases`
    topic; a merge request pipeline's job in the project's topic, naming the merge request (a
    job does not carry its title)."""
    status = payload["build_status"].string()
    ref = payload["ref"].string(default="")
    tag = payload["tag"].boolean(default=False)
    merge_request = MERGE_REQUEST_REF.fullmatch(ref)
    if not tag and not merge_request and not branch_wanted(ref, delivery):
        return None
    repo = project_of(payload, delivery)
    number = payload["build_id"].integer()
    detail = job_detail(payload, status)
    if merge_request:
        # A job does not carry its merge request's title, which its topic
        # needs: the job goes to the project's topic and names the merge request.
        detail = f"Pipeline of MR #{merge_request[1]}. {detail or ''}".strip()
    message = ci_run(
        repo,
        f"Job {payload['build_name'].string(default=str(number))}",
        None if merge_request or not ref else ref,
        status,
        url=repo.page(f"-/jobs/{number}"),
        commit=job_commit(payload, repo),
        actor=actor_of(payload),
        detail=detail,
    )
    if tag:
        return placed(message, releases_topic(repo))
    return message


@integration.handles(*JOBS, action=PROGRESS)
def on_job_progress(payload: Payload, delivery: Delivery) -> Message | None:
    """With `pipeline_progress`: the job queued or running, as above; nothing without it."""
    return on_job(payload, delivery) if delivery.options[PIPELINE_PROGRESS] else None


integration.ignores(*JOBS, action=QUIET, reason="The result follows.")
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


def job_commit(payload: Payload, repo: Repo) -> Commit | None:
    """The job's commit: ``sha`` (``commit.id`` is the pipeline's number, not the commit's)."""
    sha = payload["sha"].string(default=None) or payload["commit"]["sha"].string(default=None)
    if sha is None:
        return None
    message = payload["commit"]["message"].string(default="")
    return Commit(sha=sha, message=message, url=repo.page(f"-/commit/{sha}"))


# Deployments ---------------------------------------------------------------

DEPLOYMENT_RESULTS = {
    "running": "started",
    "success": "succeeded",
    "failed": "failed",
    "canceled": "was cancelled",
}


@integration.handles("Deployment Hook", action=tuple(DEPLOYMENT_RESULTS))
def on_deployment(payload: Payload, delivery: Delivery) -> Message:
    """The deployment's environment (linked to the job that deployed), its result, its commit
    and who deployed, in the `Deployment on <environment>` topic; a successful one links to
    the environment's address."""
    repo = repo_of(payload["project"], delivery)
    environment = payload["environment"].string()
    status = payload["status"].string()
    # The job that deployed; deployments made through the API have none.
    job = payload["deployable_url"].string(default=None)
    head = md("Deployment to {env} {result}").format(
        env=link(environment, job) if job else bold(environment), result=DEPLOYMENT_RESULTS[status]
    )
    head += deployed_commit(payload)
    if payload["user"].exists():
        head += md(" by {}").format(who(user_of(payload["user"])))
    head += md(".")
    # Where the deployed environment is, once there is something to see there:
    # the link GitLab's own "View deployment" button opens.
    address = payload["environment_external_url"].string(default=None)
    shown = link("View deployment", address) if address and status == "success" else None
    return Message(
        topic=deployment_topic(repo, environment), content=paragraphs(head, shown or Markdown(""))
    )


def deployed_commit(payload: Payload) -> Markdown:
    """' for 279484c (Add new file)': the commit deployed, when the payload names it."""
    sha = payload["short_sha"].string(default=None)
    if not sha:
        return Markdown("")
    said = md(" for {}").format(sha_link(sha, payload["commit_url"].string(default=None)))
    title = first_line(payload["commit_title"].string(default=""))
    return said + md(" ({})").format(title) if title else said


APPROVAL_VERBS = {"approved": "approved", "rejected": "rejected"}


@integration.handles("Deployment Hook", action=tuple(APPROVAL_VERBS))
def on_deployment_approval(payload: Payload, delivery: Delivery) -> Message:
    """Who approved or rejected a deployment to a protected environment, with their comment
    (GitLab Premium); a rejected deployment then also fails."""
    repo = repo_of(payload["project"], delivery)
    environment = payload["environment"].string()
    job = payload["deployable_url"].string(default=None)
    head = md("Deployment to {env}").format(
        env=link(environment, job) if job else bold(environment)
    )
    head += deployed_commit(payload)
    head += md(" was {verb}").format(verb=APPROVAL_VERBS[payload["status"].string()])
    # ``approver`` acted; ``user`` started the deployment.
    approver = payload["approver"]
    if approver.exists():
        head += md(" by {}").format(who(user_of(approver)))
    comment = payload["approval"]["comment"].string(default=None)
    return Message(
        topic=deployment_topic(repo, environment),
        content=paragraphs(head + md("."), quoted(comment)),
    )


integration.ignores(
    "Deployment Hook",
    action=("created", "blocked", "skipped"),
    reason="It has not run: a deployment posts when it starts and when it ends.",
)
