"""Workflows and jobs as they finish, in their branch's topic."""

from __future__ import annotations

from dataclasses import replace

from integrations.common.ci import (
    branch_topic,
    commit_line,
    headline,
    lines,
    named,
    text_of,
    time_taken,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.circleci.declaration import JOB, WORKFLOW, integration
from integrations.webhooks.circleci.readers import Pipeline, Run, pipeline_of, run_of
from integrations.webhooks.circleci.text import TRIGGERS, circleci_result, ran_on


def notes(pipeline: Pipeline) -> list[Markdown]:
    said: list[Markdown] = []
    if pipeline.number is not None:
        said.append(md("pipeline #{}").format(pipeline.number))
    trigger = TRIGGERS.get(pipeline.trigger or "")
    if trigger:
        said.append(md(trigger))
    author = pipeline.commit.author if pipeline.commit else None
    if pipeline.actor and pipeline.actor != author:
        said.append(md("pushed by {}").format(bold(pipeline.actor)))
    return said


def message(payload: Payload, what: Markdown, run: Run) -> Message:
    pipeline = pipeline_of(payload)
    content = lines(
        headline(
            circleci_result(run.status).badge(),
            what,
            where=ran_on(pipeline.branch, pipeline.tag),
            time=time_taken(run.started, run.stopped),
            notes=notes(pipeline),
        ),
        commit_line(pipeline.commit) if pipeline.commit else None,
    )
    topic = branch_topic(payload["project"]["name"].string(), pipeline.branch)
    return Message(topic=topic, content=content)


@integration.handles(WORKFLOW)
def on_workflow_completed(payload: Payload, delivery: Delivery) -> Message:
    """The workflow's result, linked, with its branch or tag, the commit (short SHA linked,
    subject, author), how long it took, the pipeline's number and how it was started."""
    workflow = run_of(payload["workflow"], started="created_at")
    return message(payload, md("workflow {}").format(named(workflow.name, workflow.url)), workflow)


@integration.handles(JOB)
def on_job_completed(payload: Payload, delivery: Delivery) -> Message:
    """The job's result, linked to its page, and its workflow, with the branch, the commit
    and how long the job ran."""
    job = run_of(payload["job"], started="started_at")
    workflow = payload["workflow"]
    workflow_url = text_of(workflow["url"])
    number = payload["job"]["number"].integer(default=None)
    if workflow_url and number is not None:
        # The job's page, as CircleCI's app addresses it under its workflow.
        job = replace(job, url=f"{workflow_url.rstrip('/')}/jobs/{number}")
    workflow_name = text_of(workflow["name"])
    what = md("job {}").format(named(job.name, job.url))
    if workflow_name:
        what += md(" of workflow {}").format(named(workflow_name, workflow_url))
    return message(payload, what, job)
