"""Reading what the Notification plugin posts: the job, its build, the build's source.

The plugin serializes its model with Gson, so field names are in
snake_case and absent values are left out: ``status`` is missing until the
build has a result, ``scm`` fields without Git, ``test_summary`` without
test reports; ``duration`` (milliseconds) is sent by some versions only.
Everything but the job's name is optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from integrations.common.ci import Commit, page, text_of
from integrations.common.ci.jenkins import branch_name
from integrations.core import BadPayload, Payload

_JOB = re.compile(r"(?:^|/)job/([^/]+)")


@dataclass(frozen=True)
class Tests:
    total: int
    failed: int
    skipped: int
    failed_names: tuple[str, ...]


@dataclass(frozen=True)
class Build:
    job_path: tuple[str, ...]  # the job and the folders it is in, outermost first
    job_name: str
    number: int | None
    url: str | None
    status: str | None
    branch: str | None
    commit: Commit | None
    culprits: tuple[str, ...]
    tests: Tests | None
    seconds: float | None
    notes: str | None
    log: str | None
    artifacts: tuple[tuple[str, str], ...]  # (file, address)


def job_path_of(payload: Payload, name: str | None) -> tuple[str, ...]:
    """The job's folders and name, from its address (``job/shop/job/main/``).

    Jenkins encodes names in addresses, and a multibranch job's branch once
    more (``feature%252Flogin``): both are decoded.
    """
    url = text_of(payload["url"]) or ""
    parts = tuple(unquote(unquote(part)) for part in _JOB.findall(url))
    return parts or ((name,) if name else ())


def tests_of(node: Payload) -> Tests | None:
    if not node.exists():
        return None
    names = tuple(
        name for item in node["failed_tests"].array(default=[]) if (name := text_of(item))
    )
    return Tests(
        total=node["total"].integer(default=0),
        failed=node["failed"].integer(default=len(names)),
        skipped=node["skipped"].integer(default=0),
        failed_names=names,
    )


def artifacts_of(node: Payload) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for name, places in node.object(default={}).items():
        url = text_of(places["archive"]) or text_of(places["s3"])
        if url:
            found.append((name, url))
    return tuple(found)


def build_of(payload: Payload) -> Build:
    name = text_of(payload["display_name"]) or text_of(payload["name"])
    path = job_path_of(payload, name)
    if not path:
        raise BadPayload("name", "expected the job's name, but it is missing")
    build, scm = payload["build"], payload["build"]["scm"]
    sha = text_of(scm["commit"])
    milliseconds = build["duration"].integer(default=0)
    return Build(
        job_path=path,
        job_name=name or path[-1],
        number=build["number"].integer(default=None),
        url=text_of(build["full_url"]),
        status=text_of(build["status"]),
        branch=branch_name(text_of(scm["branch"])),
        commit=Commit(sha, "", page(text_of(scm["url"]), "commit", sha)) if sha else None,
        culprits=tuple(
            person for node in scm["culprits"].array(default=[]) if (person := text_of(node))
        ),
        tests=tests_of(build["test_summary"]),
        seconds=milliseconds / 1000 if milliseconds > 0 else None,
        notes=text_of(build["notes"]),
        log=text_of(build["log"]),
        artifacts=artifacts_of(build["artifacts"]),
    )
