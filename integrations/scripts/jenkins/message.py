"""The message for a build's result, in the format of the project's CI messages.

The result first, in bold (**Fixed** after a failure, **Still failing**
after one), then the build, linked, its job and branch or pull request; the
commit (short id linked, first line of its message) and its author, and how
long the build took; for a failure, the stage that failed and the console.
"""

from __future__ import annotations

from dataclasses import replace

from integrations.common.ci import (
    FAILED,
    Kind,
    Result,
    commit_part,
    details,
    lines,
    page,
    streak,
    took,
)
from integrations.common.ci.jenkins import build_line, jenkins_result
from integrations.core.markup import Markdown, bold, link, md
from integrations.core.times import duration
from integrations.scripts.jenkins.environment import Build


def result_of(build: Build) -> Result:
    """The build's result; **Fixed** or **Still failing** when the one before failed."""
    previous = jenkins_result(build.previous) if build.previous else None
    return streak(jenkins_result(build.result), previous)


def commit_page(build: Build, template: str | None) -> str | None:
    """The commit's page: ``COMMIT_URL``, or its host's page from ``GIT_URL``."""
    if build.commit is None:
        return None
    if template:
        return template.format(commit=build.commit.sha)
    return page(build.repository_url, "commit", build.commit.sha)


def pull_request(build: Build) -> Markdown | None:
    """`` for [PR #12](…) (Unread counts)``: the pull request a multibranch build is for."""
    if build.change is None:
        return None
    said = md(" for {}").format(link(f"PR #{build.change.number}", build.change.url or ""))
    return said + md(" ({})").format(build.change.title) if build.change.title else said


def details_of(build: Build, commit_url: str | None) -> Markdown:
    commit = replace(build.commit, url=commit_url) if build.commit else None
    author = build.change.author if build.change else None
    author = author or (commit.author if commit else None)
    return details(
        commit_part(commit) if commit else None,
        md("by {}").format(bold(author)) if author else None,
        took(duration(build.seconds)) if build.seconds is not None else None,
    )


def failure(build: Build, result: Result) -> Markdown:
    """Where to look: the stage that failed, when the step ran in one, and the console."""
    if result.kind is not Kind.FAILED:
        return md("")
    parts: list[Markdown] = []
    if build.stage:
        said = "failed" if jenkins_result(build.result) == FAILED else "is unstable"
        parts.append(md("Stage {} {}.").format(bold(build.stage), said))
    if build.url:
        console = link("console output", build.url.rstrip("/") + "/console")
        parts.append(md("See the {}.").format(console))
    return md(" ").join(parts)


def build_message(build: Build, *, commit_url_template: str | None = None) -> Markdown:
    result = result_of(build)
    return lines(
        build_line(
            result, build.number, build.url, build.job_path, build.branch, where=pull_request(build)
        ),
        details_of(build, commit_page(build, commit_url_template)),
        failure(build, result),
    )
