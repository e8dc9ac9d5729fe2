"""Reading a Travis CI build: the repository, the commit, the pull request, the jobs that failed.

Travis CI sends the same build object for every type of build; a field a
build does not have is null (``pull_request_number`` of a push, ``tag`` of a
branch build, ``repository.url`` of many repositories), and notifications
sent when a build starts have no finish time. Everything but the build's
type is therefore read as optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from integrations.common.ci import (
    Commit,
    number_text,
    page,
    repository_page,
    text_of,
    time_of,
    time_taken,
)
from integrations.core import BadPayload, Payload, duration

# compare_url is the repository's page followed by one of these.
_REPOSITORY_PAGE = re.compile(r"^(https://[^/]+/[^/]+/[^/]+)/(?:compare|pull|commit|branches)/")
# Job states and results that mean a job failed.
_FAILED_STATES = frozenset({"failed", "errored"})


@dataclass(frozen=True)
class Job:
    number: str
    name: str | None
    url: str | None


def repository_of(build: Payload) -> str | None:
    """The repository's web page: its ``url``, or else the start of the compare URL."""
    page = repository_page(text_of(build["repository"]["url"]))
    found = _REPOSITORY_PAGE.match(text_of(build["compare_url"]) or "") if page is None else None
    return found.group(1) if found else page


def commit_of(build: Payload) -> Commit | None:
    sha = text_of(build["commit"])
    if not sha:
        return None
    return Commit(
        sha=sha,
        message=build["message"].string(default=""),
        url=page(repository_of(build), "commit", sha),
        author=text_of(build["author_name"]) or text_of(build["committer_name"]),
    )


def took(build: Payload) -> str | None:
    """How long the build took, from start to finish; else Travis CI's ``duration``."""
    time = time_taken(time_of(build["started_at"]), time_of(build["finished_at"]))
    seconds = build["duration"].integer(default=None) if time is None else None
    return duration(seconds) if seconds is not None and seconds > 0 else time


def job_failed(job: Payload) -> bool:
    if job["allow_failure"].boolean(default=False):
        return False
    state = text_of(job["state"])
    if state in _FAILED_STATES:
        return True
    # Older payloads say only "finished", and 1 in result (or status) for a failure.
    result = job["result"].integer(default=None)
    status = job["status"].integer(default=None)
    return state in (None, "finished") and (result or status or 0) != 0


def job_name(job: Payload) -> str | None:
    """The job's name in ``.travis.yml``, or its environment, which names most matrix jobs."""
    config = job["config"]
    name = text_of(config["name"])
    if name:
        return name
    try:
        return text_of(config["env"])
    except BadPayload:  # a list or a mapping of variables: too long to name a job by
        return None


def failed_jobs(build: Payload) -> list[Job]:
    build_url = text_of(build["build_url"]) or ""
    jobs: list[Job] = []
    for job in build["matrix"].array(default=[]):
        if not job_failed(job):
            continue
        number = number_text(job["number"]) or "?"
        job_id = job["id"].integer(default=None)
        url = None
        if job_id is not None and re.search(r"/builds/\d+$", build_url):
            url = re.sub(r"/builds/\d+$", f"/jobs/{job_id}", build_url)
        jobs.append(Job(number, job_name(job), url))
    return jobs
