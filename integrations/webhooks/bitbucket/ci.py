"""Builds: the statuses Bitbucket Pipelines and other CI services set on commits.

Bitbucket sends ``repo:commit_status_created`` when a build first reports,
usually as in progress, and ``repo:commit_status_updated`` when its result
comes, with the same payload; the build's ``state`` is declared as the
action of both, so a build in progress is left out by declaration.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import Commit, Repo, branch_wanted, ci_run
from integrations.core import Delivery, Message, Payload
from integrations.webhooks.bitbucket.declaration import integration
from integrations.webhooks.bitbucket.readers import html_url, repo_of

STATUS_EVENTS = ("repo:commit_status_created", "repo:commit_status_updated")
# Bitbucket's build results, as the shared CI wording names them.
RESULTS = {"SUCCESSFUL": "success", "FAILED": "failed", "STOPPED": "stopped"}
HEX = re.compile(r"[0-9a-f]{7,64}\Z")


@integration.handles(*STATUS_EVENTS, action=tuple(RESULTS))
def on_commit_status(payload: Payload, delivery: Delivery) -> Message | None:
    """The build's result, its branch and its commit. A status that names no branch goes to the
    repository's topic.

    Bitbucket's triggers: Build status created, Build status updated.
    """
    status = payload["commit_status"]
    branch = status["refname"].string(default=None) or None
    if not branch_wanted(branch, delivery):
        return None
    repo = repo_of(payload["repository"], delivery)
    name = status["name"].string(default="") or status["key"].string(default="") or "Build"
    return ci_run(
        repo,
        name,
        branch,
        RESULTS[delivery.action],
        url=status["url"].string(default=None),
        commit=status_commit(status, repo),
        detail=status["description"].string(default=None),
    )


integration.ignores(*STATUS_EVENTS, action="INPROGRESS", reason="The result follows.")
integration.ignores(
    "pipeline:span_created",
    reason="Tracing data of each step of a pipeline run, too fine-grained for a channel; "
    "the pipeline's result comes as a build status.",
)


def status_commit(status: Payload, repo: Repo) -> Commit | None:
    """The commit a status is about; older payloads only link to it in the API."""
    commit = status["commit"]
    sha = commit["hash"].string(default=None)
    if sha is None:
        api_url = status["links"]["commit"]["href"].string(default="")
        tail = api_url.rstrip("/").rsplit("/", 1)[-1]
        sha = tail if HEX.match(tail) else None
    if not sha:
        return None
    url = html_url(commit) or repo.page("commits", sha)
    return Commit(sha=sha, message=commit["message"].string(default=""), url=url)
