"""Reading CircleCI's payloads into the facts a message tells: pipeline, commit, run.

A pipeline says what it ran on in one of two shapes. Projects connected
through GitHub's OAuth app or Bitbucket Cloud carry ``pipeline.vcs`` (the
repository, revision, branch or tag, and the commit's subject and author).
Projects connected through GitLab, the GitHub App or Bitbucket Data Center
carry ``pipeline.trigger_parameters`` instead: a block named after the
provider (``gitlab``, ``github_app``...) with the commit's title, author and
the repository's page, and a ``git`` block with the branch, tag and
revision. CircleCI leaves out or nulls what a pipeline does not have (a
pipeline started through the API has no commit subject; a tag's has no
branch), so all of it is optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from integrations.common.ci import Commit, page, text_of, time_of
from integrations.core import Payload

# The host whose pages each provider's repositories are on, where its address does not say.
_HOSTS = {
    "github": "github",
    "github_app": "github",
    "gitlab": "gitlab",
    "bitbucket": "bitbucket",
    "bitbucket_dc": "bitbucket",
}
# trigger_parameters blocks that say nothing about the commit.
_NOT_PROVIDERS = ("circleci", "git", "webhook", "parameters")


@dataclass(frozen=True)
class Pipeline:
    number: int | None
    branch: str | None
    tag: str | None
    trigger: str | None
    commit: Commit | None
    actor: str | None = None  # who pushed, where the provider says (GitLab, the GitHub App)


@dataclass(frozen=True)
class Run:
    """A workflow or a job: its name, page, status and when it ran."""

    name: str
    status: str
    url: str | None
    started: datetime | None
    stopped: datetime | None


def commit_url(repository: str | None, sha: str, provider: str | None) -> str | None:
    """The commit's page on its provider's site; None for a provider we cannot address."""
    return page(repository, "commit", sha, host=_HOSTS.get(provider or ""))


def pipeline_of(payload: Payload) -> Pipeline:
    pipeline = payload["pipeline"]
    pipeline.object()  # a pipeline that is not an object is refused, naming it
    number = pipeline["number"].integer(default=None)
    trigger = text_of(pipeline["trigger"]["type"])
    vcs = pipeline["vcs"]
    if vcs.exists():
        return _from_vcs(vcs, number, trigger)
    return _from_trigger_parameters(pipeline["trigger_parameters"], number, trigger)


def _from_vcs(vcs: Payload, number: int | None, trigger: str | None) -> Pipeline:
    sha = text_of(vcs["revision"])
    commit = None
    if sha:
        details = vcs["commit"]
        repository = text_of(vcs["target_repository_url"]) or text_of(vcs["origin_repository_url"])
        commit = Commit(
            sha=sha,
            message=text_of(details["subject"]) or "",
            url=commit_url(repository, sha, text_of(vcs["provider_name"])),
            author=text_of(details["author"]["name"]),
        )
    return Pipeline(number, text_of(vcs["branch"]), text_of(vcs["tag"]), trigger, commit)


def _from_trigger_parameters(
    parameters: Payload, number: int | None, trigger: str | None
) -> Pipeline:
    git = parameters["git"]
    name, provider = _provider(parameters)

    def given(key: str) -> str | None:
        return text_of(provider[key]) if provider is not None else None

    sha = text_of(git["checkout_sha"]) or given("checkout_sha") or given("commit_sha")
    commit = None
    if sha:
        commit = Commit(
            sha=sha,
            message=given("commit_title") or "",
            url=commit_url(given("web_url") or given("repo_url"), sha, name),
            author=given("commit_author_name"),
        )
    branch = text_of(git["branch"]) or given("branch")
    tag = text_of(git["tag"]) or given("tag")
    actor = given("user_name") or given("user_username")
    return Pipeline(number, branch, tag, trigger, commit, actor)


def _provider(parameters: Payload) -> tuple[str | None, Payload | None]:
    """The block named after the provider (``gitlab``, ``github_app``...), if there is one."""
    for name, block in parameters.object(default={}).items():
        if name in _NOT_PROVIDERS:
            continue
        if any(key in block for key in ("commit_sha", "checkout_sha", "commit_title")):
            return name, block
    return None, None


def run_of(node: Payload, *, started: str) -> Run:
    """A workflow (``started="created_at"``) or a job (``started="started_at"``)."""
    return Run(
        name=node["name"].string(),
        status=node["status"].string(),
        url=text_of(node["url"]),
        started=time_of(node[started]),
        stopped=time_of(node["stopped_at"]),
    )
