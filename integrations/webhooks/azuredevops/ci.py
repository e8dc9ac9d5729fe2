"""``build.complete``: a pipeline run's result, in its branch's or pull request's topic.

Resource version 2.0 (Azure Pipelines) sends ``result``, ``sourceBranch``,
``sourceVersion``, ``requestedFor``, ``reason``, the start and finish times
and, for builds a push or a pull request started, ``triggerInfo``
(``ci.message``, the commit's message; ``pr.number``). Version 1.0 (XAML
builds) sends the result in ``status`` and the branch and commit in
``sourceGetVersion`` (``LG:refs/heads/main:<sha>``). The payload does not
list a failed run's jobs: the message links to the run, whose page does,
and quotes the errors Azure DevOps lists (``validationResults``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.common.ci import (
    CANCELED,
    FAILED,
    STOPPED,
    SUCCEEDED,
    Commit,
    Kind,
    Result,
    commit_part,
    details,
    headline,
    lines,
    on_branch,
    result_of,
    time_of,
    time_taken,
    took,
)
from integrations.common.code_hosting import (
    Ref,
    Repo,
    area_topic,
    branch_topic,
    branch_wanted,
    pr_topic,
)
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    bullet_list,
    code,
    escape,
    link,
    md,
)
from integrations.webhooks.azuredevops.declaration import BUILD, integration
from integrations.webhooks.azuredevops.readers import (
    branch_of,
    linked_in_message,
    name_of,
    page_of,
    text_of,
    web_url,
    without_user,
)

# Azure Pipelines' results of a run, and of a release's deployment (``rejected``).
RESULTS = {
    "succeeded": SUCCEEDED,
    "partiallysucceeded": Result("Partially succeeded", Kind.FAILED),
    "failed": FAILED,
    "canceled": CANCELED,
    "stopped": STOPPED,
    "rejected": Result("Rejected", Kind.HALTED),
}
# Why a run started, as ``reason`` says it.
REASONS = {
    "manual": "manual",
    "individualci": "CI",
    "batchedci": "CI",
    "schedule": "scheduled",
    "pullrequest": "pull request",
    "buildcompletion": "after another build",
    "resourcetrigger": "resource trigger",
    "checkinshelveset": "gated check-in",
    "validateshelveset": "shelveset",
}
_PULL = re.compile(r"refs/pull/(\d+)/")
_GET_VERSION = re.compile(r"\ALG:(refs/[^:]+):([0-9a-fA-F]{7,40})\Z")


@dataclass(frozen=True)
class Source:
    """What a run built: its branch or pull request, and its commit."""

    branch: str | None
    pull: int | None
    sha: str | None


def source_of(resource: Payload) -> Source:
    ref = text_of(resource["sourceBranch"])
    sha = text_of(resource["sourceVersion"])
    # XAML builds (resource version 1.0): "LG:refs/heads/main:<sha>".
    legacy = _GET_VERSION.match(text_of(resource["sourceGetVersion"]) or "")
    if ref is None and legacy:
        ref, sha = legacy.group(1), sha or legacy.group(2)
    pull = _PULL.match(ref or "")
    if pull:
        triggered = text_of(resource["triggerInfo"]["pr.sourceBranch"])
        return Source(branch_of(triggered), int(pull.group(1)), sha)
    return Source(branch_of(ref), None, sha)


def repository_of(resource: Payload) -> Repo:
    """The repository built, or the pipeline when Azure names none."""
    node = resource["repository"]
    name = text_of(node["name"]) or text_of(resource["definition"]["name"])
    url = text_of(node["url"])
    kind = (text_of(node["type"]) or "").lower()
    # An Azure Repos or GitHub repository's address is its page; others' may not be.
    page = without_user(url).removesuffix(".git") if url and kind in ("tfsgit", "github") else None
    return Repo(name or "Azure Pipelines", web_url(page))


def topic_of(repo: Repo, source: Source, resource: Payload) -> str:
    """The branch's topic, where its pushes go; a pull request's, where it is discussed."""
    if source.pull is not None:
        title = text_of(resource["triggerInfo"]["pr.title"])
        if title:
            return pr_topic(repo, Ref(source.pull, title))
        return f"{repo.name} / PR #{source.pull}"
    return branch_topic(repo, source.branch) if source.branch else area_topic(repo)


def run_line(resource: Payload, payload: Payload, result: str | None, source: Source) -> Markdown:
    """``**Failed**: [run 20241202.1](...) of **CI** on `main`.``"""
    number = text_of(resource["buildNumber"])
    url = page_of(resource) or web_url(text_of(resource["url"])) or linked_in_message(payload)
    # Azure's build numbers are names (``20241202.1``), not counts: no ``#``.
    what = link(f"run {number}" if number else "a run", url or "")
    pipeline = text_of(resource["definition"]["name"])
    if pipeline:
        what += md(" of {}").format(bold(pipeline))
    where = on_branch(source.branch)
    if source.pull is not None:
        where = md(" for PR #{}").format(source.pull)
        if source.branch:
            where += md(" ({})").format(code(source.branch))
    return headline(bold(result_of(result, RESULTS).word), what, where=where)


def details_of(resource: Payload, repo: Repo, source: Source) -> Markdown:
    """The commit, who the run was for and why, and how long it took, on one line."""
    commit = None
    if source.sha:
        message = text_of(resource["triggerInfo"]["ci.message"]) or ""
        commit = Commit(source.sha, message, repo.page("commit", source.sha))
    requested = resource["requestedFor"]
    if not requested.exists():
        requested = resource["requests"][0]["requestedFor"]
    person = name_of(requested)
    reason = REASONS.get((text_of(resource["reason"]) or "").lower())
    why = md("{}").format(reason) if reason else None
    if person:
        why = md("for {}").format(bold(person)) + (md(" ({})").format(reason) if reason else md(""))
    time = time_taken(time_of(resource["startTime"]), time_of(resource["finishTime"]))
    return details(commit_part(commit) if commit else None, why, took(time))


def errors_of(resource: Payload) -> Markdown:
    """The errors Azure DevOps lists for the run, at most five."""
    messages = [
        escape(text)
        for node in resource["validationResults"].array(default=[])
        if (node["result"].string(default="") or "").lower() == "error"
        and (text := text_of(node["message"]))
    ]
    return bullet_list(messages, limit=5) if messages else md("")


@integration.handles(BUILD)
def on_build_complete(payload: Payload, delivery: Delivery) -> Message | None:
    """The result first, then the run (linked) and its pipeline, the branch or pull request, the
    commit (short SHA linked, first line of its message), who it ran for and why, and how long it
    took; for a failure, the errors Azure DevOps lists. Nothing for a branch `branches` leaves
    out."""
    resource = payload["resource"]
    source = source_of(resource)
    if source.pull is None and not branch_wanted(source.branch, delivery):
        return None
    result = text_of(resource["result"]) or text_of(resource["status"])
    repo = repository_of(resource)
    content = lines(
        run_line(resource, payload, result, source),
        details_of(resource, repo, source),
        errors_of(resource),
    )
    return Message(topic=topic_of(repo, source, resource), content=content)


integration.ignores(
    "ms.vss-pipelines.run-state-changed-event",
    reason="Build completed (`build.complete`) reports each run's result, with its branch, commit"
    " and who ran it; subscribe to that instead.",
)
integration.ignores(
    "ms.vss-pipelines.stage-state-changed-event",
    "ms.vss-pipelines.job-state-changed-event",
    reason="A message for each stage and job of every run would bury the results; the run's"
    " result (`build.complete`) links to them.",
)
integration.ignores(
    "ms.vss-pipelinechecks-events.approval-pending",
    "ms.vss-pipelinechecks-events.approval-completed",
    reason="Azure DevOps asks the approvers itself; the run's result follows.",
)
