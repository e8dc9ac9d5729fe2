"""Semaphore 2.0: a pipeline as it finishes, in ``<project>/<branch>`` as in Zulip.

Semaphore 2.0 names no commit or pull request page, only the repository's
``url``: pages on GitHub, GitLab and Bitbucket are addressed from it, and a
repository elsewhere gets no links. Fields a run does not have are null
(``revision.pull_request`` of a push, ``revision.tag`` of a branch), and
Semaphore writes the Unix epoch for a time that did not happen, which reads
as no time; so all of them are optional.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from integrations.common.ci import (
    LISTED,
    Commit,
    branch_topic,
    commit_line,
    failed_line,
    headline,
    lines,
    named,
    number_text,
    on_branch,
    page,
    repository_page,
    text_of,
    time_of,
    time_taken,
)
from integrations.common.monitoring.text import cut
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    code,
    code_block,
    link,
    md,
)
from integrations.webhooks.semaphore.declaration import BRANCH, PULL_REQUEST, TAG, integration
from integrations.webhooks.semaphore.text import outcome

# An organization's name is the first label of its Semaphore address.
_ORGANIZATION = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z")


def site_of(payload: Payload) -> str | None:
    """``https://<organization>.semaphoreci.com``; None for a name that is no host label."""
    name = (text_of(payload["organization"]["name"]) or "").lower()
    return f"https://{name}.semaphoreci.com" if _ORGANIZATION.match(name) else None


def pipeline_link(payload: Payload, site: str | None) -> Markdown:
    """``pipeline [Build and test](…)``, linked to its workflow's page."""
    name = text_of(payload["pipeline"]["name"]) or "Pipeline"
    workflow = text_of(payload["workflow"]["id"])
    url = f"{site}/workflows/{quote(workflow, safe='')}" if site and workflow else None
    return md("pipeline {}").format(named(name, url))


def branch_of(revision: Payload, event: str) -> str | None:
    if event == PULL_REQUEST:
        return text_of(revision["pull_request"]["branch_name"])
    if event == BRANCH:
        return text_of(revision["branch"]["name"])
    return None


def commit_of(revision: Payload, repository: str | None, event: str) -> Commit | None:
    # A pull request's pipeline runs on a merge commit; its head is the commit to show.
    head = text_of(revision["pull_request"]["head_sha"]) if event == PULL_REQUEST else None
    sha = head or text_of(revision["commit_sha"])
    if not sha:
        return None
    return Commit(
        sha=sha,
        message=revision["commit_message"].string(default=""),
        url=page(repository, "commit", sha),
    )


# What GitHub accepts as a login; anything else is no profile's address.
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")


def sender_of(revision: Payload, repository: str | None) -> Markdown | None:
    """Who triggered the pipeline: their login, linked to their profile for a GitHub repository.

    Semaphore sends the login of the repository's host; only GitHub's is
    known to be the address of a profile.
    """
    login = text_of(revision["sender"]["login"])
    if login is None:
        return None
    base = repository_page(repository) or ""
    if urlsplit(base).hostname != "github.com" or not GITHUB_LOGIN.fullmatch(login):
        return bold(login)
    return link(login, f"https://github.com/{login}")


def subject(
    payload: Payload, event: str, branch: str | None, repository: str | None
) -> Markdown | None:
    """``for [PR #3 Fix it](…) from `fix-it```, ``for tag [v1.0](…)``, ``on `main```."""
    revision = payload["revision"]
    if event == PULL_REQUEST:
        request = revision["pull_request"]
        number = number_text(request["number"])
        title = text_of(request["name"])
        label = " ".join(part for part in (f"PR #{number}" if number else "", title or "") if part)
        url = page(repository, "pull", number) if number else None
        said = md(" for {}").format(named(label, url) if label else md("a pull request"))
        return said + md(" from {}").format(code(branch)) if branch else said
    if event == TAG:
        name = text_of(revision["tag"]["name"])
        if name:
            url = page(repository, "tag", name)
            return md(" for tag {}").format(link(name, url) if url else code(name))
    return on_branch(branch)


def failures(payload: Payload, site: str | None) -> list[Markdown]:
    """``Failed in block **Test**: [pytest](…)``, one line per block with failed jobs."""
    said: list[Markdown] = []
    for block in payload["blocks"].array(default=[]):
        jobs = block["jobs"].array(default=[])
        failed = [job for job in jobs if text_of(job["result"]) == "failed"]
        if not failed:
            continue
        shown: list[Markdown] = []
        for job in failed:
            job_id = text_of(job["id"])
            url = f"{site}/jobs/{quote(job_id, safe='')}" if site and job_id else None
            shown.append(named(text_of(job["name"]) or "a job", url))
        block_name = text_of(block["name"])
        where = md(" in block {}").format(bold(block_name)) if block_name else Markdown()
        said.append(failed_line(md("Failed") + where, shown))
    if len(said) > LISTED:
        rest = len(said) - LISTED
        said = [*said[:LISTED], md("and {} more blocks with failed jobs").format(rest)]
    return said


# Semaphore's explanation of a pipeline that could not run (a YAML error) can be long.
ERROR_SHOWN = 1000


def error_of(pipeline: Payload) -> Markdown | None:
    """Semaphore's ``error_description`` of a pipeline that did not pass, as a code block."""
    error = text_of(pipeline["error_description"])
    if not error or text_of(pipeline["result"]) == "passed":
        return None
    return code_block(cut(error, ERROR_SHOWN + 1), "text")  # the "…" comes after ERROR_SHOWN


@integration.handles(BRANCH, TAG, PULL_REQUEST)
def on_pipeline(payload: Payload, delivery: Delivery) -> Message:
    """The pipeline's result (and why it stopped), linked to its workflow, with the branch,
    tag or pull request (and its branch), who triggered it (linked to their GitHub profile),
    the commit, how long it took and the jobs that failed, linked, by block; for a pipeline that
    could not run, Semaphore's error."""
    event = delivery.event
    revision = payload["revision"]
    pipeline = payload["pipeline"]
    repository = text_of(payload["repository"]["url"])
    site = site_of(payload)
    branch = branch_of(revision, event)
    started = pipeline["running_at"] if pipeline["running_at"].exists() else pipeline["created_at"]
    head = headline(
        outcome(pipeline["result"].string(), text_of(pipeline["result_reason"])),
        pipeline_link(payload, site),
        where=subject(payload, event, branch, repository),
        time=time_taken(time_of(started), time_of(pipeline["done_at"])),
        by=sender_of(revision, repository),
    )
    commit = commit_of(revision, repository, event)
    failed = failures(payload, site) if text_of(pipeline["result"]) == "failed" else []
    content = lines(head, commit_line(commit) if commit else None, *failed, error_of(pipeline))
    # Zulip's topic: ``<project>/<branch>``, the pull request's branch, or the project alone.
    topic = branch_topic(payload["project"]["name"].string(), branch, separator="/")
    return Message(topic=topic, content=content)
