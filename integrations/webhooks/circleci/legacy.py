"""The legacy ``notify: webhooks:`` payload: one build (a job of a 2.0 workflow) as it finishes."""

from __future__ import annotations

import re

from integrations.common.ci import (
    Commit,
    Kind,
    Result,
    branch_topic,
    commit_line,
    failed_line,
    headline,
    lines,
    named,
    numbered,
    streak,
    text_of,
    time_of,
    time_taken,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, duration, link, md
from integrations.webhooks.circleci.declaration import LEGACY, integration
from integrations.webhooks.circleci.readers import commit_url
from integrations.webhooks.circleci.text import TRIGGERS, circleci_result, ran_on

_PR_NUMBER = re.compile(r"/pull(?:-requests|s)?/(\d+)")


def result_of(build: Payload) -> Result:
    """The status; **Fixed** or **Still failing** after a failure, as CircleCI's e-mails say."""
    status = build["status"].string(default=None) or build["outcome"].string()
    previous = build["previous"]["status"].string(default=None)
    return streak(circleci_result(status), circleci_result(previous) if previous else None)


def commit_of(build: Payload) -> Commit | None:
    sha = text_of(build["vcs_revision"])
    if not sha:
        return None
    url = None
    for details in build["all_commit_details"].array(default=[]):
        if text_of(details["commit"]) == sha:
            url = text_of(details["commit_url"])
    return Commit(
        sha=sha,
        message=build["subject"].string(default=""),
        url=url or commit_url(text_of(build["vcs_url"]), sha, text_of(build["vcs_type"])),
        author=text_of(build["author_name"]) or text_of(build["committer_name"]),
    )


def failed_steps(build: Payload) -> list[Markdown]:
    failed: list[str] = []
    for step in build["steps"].array(default=[]):
        for action in step["actions"].array(default=[]):
            broke = action["failed"].boolean(default=False)
            status = action["status"].string(default=None)
            if broke or (status is not None and circleci_result(status).kind is Kind.FAILED):
                name = text_of(step["name"]) or text_of(action["name"])
                if name and name not in failed:
                    failed.append(name)
    return [bold(name) for name in failed]


def pull_request(build: Payload) -> Markdown | None:
    for request in build["pull_requests"].array(default=[]):
        url = text_of(request["url"])
        number = _PR_NUMBER.search(url or "")
        if url and number:
            return link(f"PR #{number.group(1)}", url)
    return None


def built(job: str | None, number: int | None, url: str | None) -> Markdown:
    """``job **test** ([#1423](…))``, ``build [#1423](…)``, or ``a build``."""
    if not job:
        return numbered("build", number, url)
    said = md("job {}").format(bold(job))
    if number is not None:
        return said + md(" ({})").format(named(f"#{number}", url))
    return said + md(" ({})").format(link("build", url)) if url else said


@integration.handles(LEGACY)
def on_build(payload: Payload, delivery: Delivery) -> Message:
    """The build's result (Fixed, Still failing...), linked, with its branch, the commit,
    who started it, how long it took and the steps that failed."""
    build = payload["payload"]
    number = build["build_num"].integer(default=None)
    url = text_of(build["build_url"])
    what = built(text_of(build["workflows"]["job_name"]), number, url)
    workflow = text_of(build["workflows"]["workflow_name"])
    if text_of(build["workflows"]["job_name"]) and workflow:
        what += md(" of workflow {}").format(bold(workflow))
    millis = build["build_time_millis"].integer(default=None)
    time = (
        duration(millis / 1000)
        if millis is not None
        else time_taken(time_of(build["start_time"]), time_of(build["stop_time"]))
    )
    notes: list[Markdown] = []
    request = pull_request(build)
    if request:
        notes.append(request)
    why = TRIGGERS.get(text_of(build["why"]) or "")
    if why:
        notes.append(md(why))
    commit = commit_of(build)
    starter = text_of(build["user"]["name"]) or text_of(build["user"]["login"])
    if starter and (commit is None or starter != commit.author):
        notes.append(md("by {}").format(bold(starter)))
    failed = failed_steps(build)
    branch = text_of(build["branch"])
    content = lines(
        headline(
            result_of(build).badge(),
            what,
            where=ran_on(branch, text_of(build["vcs_tag"])),
            time=time,
            notes=notes,
        ),
        commit_line(commit) if commit else None,
        failed_line(md("Failed"), failed) if failed else None,
    )
    return Message(topic=branch_topic(build["reponame"].string(), branch), content=content)
