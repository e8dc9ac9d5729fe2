"""Where the code goes: deployments, their statuses and reviews, and GitHub Pages builds."""

from __future__ import annotations

from integrations.common.code_hosting import (
    ci_run,
    deployment,
    deployment_topic,
    listing,
    paragraphs,
    quoted,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, escape, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import commit_at, repo_of, sender_of, user_of


@integration.handles("deployment", action="created")
def on_deployment(payload: Payload, delivery: Delivery) -> Message:
    """The deployment, its environment and commit, as pending."""
    repo = repo_of(payload["repository"], delivery)
    node = payload["deployment"]
    return deployment(
        repo,
        node["environment"].string(),
        "pending",
        actor=sender_of(payload),
        commit=commit_at(repo, node["sha"].string()),
    )


# The results a deployment status reports that call for its description: why it failed.
FAILED = ("failure", "error")


@integration.handles("deployment_status", action=("success", "failure", "error"))
def on_deployment_status(payload: Payload, delivery: Delivery) -> Message:
    """The deployment's result, linked to the environment (or else to its log); a failed one
    says why, in the status's description."""
    status = payload["deployment_status"]
    repo = repo_of(payload["repository"], delivery)
    node = payload["deployment"]
    state = status["state"].string()
    message = deployment(
        repo,
        status["environment"].string(default="") or node["environment"].string(),
        state,
        actor=sender_of(payload),
        commit=commit_at(repo, node["sha"].string()),
        url=status["environment_url"].string(default=None)
        or status["log_url"].string(default=None)
        or status["target_url"].string(default=None),
    )
    description = status["description"].string(default="").strip()
    if state not in FAILED or not description:
        return message
    return Message(topic=message.topic, content=paragraphs(message.content, escape(description)))


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


# Reviews of deployments to protected environments ----------------------------------


def environments_of(payload: Payload) -> list[str]:
    """The environments a review is about: one for a request, one per job for a verdict."""
    names = [payload["environment"].string(default="")]
    names += [
        run["environment"].string(default="")
        for run in payload["workflow_job_runs"].array(default=[])
    ]
    names.append(payload["workflow_job_run"]["environment"].string(default=""))
    return list(dict.fromkeys(name for name in names if name))


def run_link(payload: Payload) -> Markdown:
    """The workflow run that waits for the review, linked."""
    run = payload["workflow_run"]
    name = run["name"].string(default="") or "a workflow run"
    url = run["html_url"].string(default=None)
    return link(name, url) if url else bold(name)


def reviewer_of(node: Payload) -> Markdown:
    """A required reviewer: a person, or a team."""
    reviewer = node["reviewer"]
    if node["type"].string(default="") == "Team":
        return md("the {} team").format(bold(reviewer["name"].string(default="") or "?"))
    return who(user_of(reviewer))


@integration.handles("deployment_review", action="requested")
def on_deployment_review_requested(payload: Payload, delivery: Delivery) -> Message:
    """The workflow run waiting to deploy, the environment, and who may approve it."""
    repo = repo_of(payload["repository"], delivery)
    environments = environments_of(payload) or ["an environment"]
    requestor = payload["requestor"]
    actor = user_of(requestor) if requestor.exists() else sender_of(payload)
    head = md("{run}, started by {who}, waits for a review to deploy to {env}.").format(
        run=run_link(payload),
        who=who(actor),
        env=listing([bold(name) for name in environments]),
    )
    reviewers = [reviewer_of(node) for node in payload["reviewers"].array(default=[])]
    asked = md("Reviewers: {}.").format(listing(reviewers)) if reviewers else Markdown("")
    return Message(topic=deployment_topic(repo, environments[0]), content=paragraphs(head, asked))


VERDICTS = {"approved": "approved", "rejected": "rejected"}


@integration.handles("deployment_review", action=("approved", "rejected"))
def on_deployment_reviewed(payload: Payload, delivery: Delivery) -> Message:
    """Who approved or rejected the deployment, to which environment, and their comment."""
    repo = repo_of(payload["repository"], delivery)
    environments = environments_of(payload) or ["an environment"]
    approver = payload["approver"]
    actor = user_of(approver) if approver.exists() else sender_of(payload)
    head = md("{who} {verdict} the deployment of {run} to {env}.").format(
        who=who(actor),
        verdict=VERDICTS[delivery.action],
        run=run_link(payload),
        env=listing([bold(name) for name in environments]),
    )
    comment = payload["comment"].string(default=None)
    return Message(
        topic=deployment_topic(repo, environments[0]), content=paragraphs(head, quoted(comment))
    )


integration.ignores(
    "deployment_protection_rule",
    reason="Sent to the GitHub App that implements a custom protection rule, which answers it; "
    "the deployment's review and result are posted.",
)


# GitHub Pages ------------------------------------------------------------------------

# The Pages builds that have a result; others are still queued or building.
PAGES_RESULTS = {"built": "success", "errored": "failure"}


@integration.handles("page_build")
def on_page_build(payload: Payload, delivery: Delivery) -> Message | None:
    """The GitHub Pages build's result and the error. **Nothing** while it is building."""
    build = payload["build"]
    result = PAGES_RESULTS.get(build["status"].string(default=""))
    if result is None:
        return None
    repo = repo_of(payload["repository"], delivery)
    sha = build["commit"].string(default=None)
    pusher = build["pusher"]
    return ci_run(
        repo,
        "GitHub Pages build",
        None,
        result,
        commit=commit_at(repo, sha) if sha else None,
        actor=user_of(pusher) if pusher.exists() else None,
        detail=build["error"]["message"].string(default=None),
    )
