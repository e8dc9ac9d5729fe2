"""Builds as they start and finish: in their branch's topic, or their pull request's."""

from __future__ import annotations

from integrations.common.ci import (
    branch_topic,
    headline,
    lines,
    named,
    number_text,
    numbered,
    on_branch,
    text_of,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, md
from integrations.webhooks.travis.declaration import (
    API,
    CRON,
    PULL_REQUEST,
    PUSH,
    integration,
    is_pull_request,
)
from integrations.webhooks.travis.readers import commit_of, failed_jobs, took
from integrations.webhooks.travis.text import commit_with_changes, jobs_line, travis_result

# Zulip's one topic for every build, for a build that does not name its repository.
ZULIP_TOPIC = "builds"
# How a build started, when it was not by a push or a pull request.
TRIGGERS = {CRON: "cron job", API: "started through the API"}


def topic(build: Payload, number: str | None) -> str:
    """``<repo> / PR #<n> <title>``, ``<repo> / <branch>``, or the repository's name alone."""
    repository = text_of(build["repository"]["name"])
    if repository is None:
        return ZULIP_TOPIC
    if number is not None:
        title = text_of(build["pull_request_title"])
        return f"{repository} / PR #{number}" + (f" {title}" if title else "")
    return branch_topic(repository, text_of(build["branch"]))


def status_of(build: Payload) -> str:
    """Travis CI's words for the build's state: Passed, Fixed, Broken, Still Failing..."""
    status = text_of(build["status_message"]) or text_of(build["result_message"])
    state = text_of(build["state"])
    if status is None:
        if state is None:
            return build["status_message"].string()  # names the missing field
        return state.capitalize()
    return "Started" if status == "Pending" and state == "started" else status


def ran_on(payload: Payload, pull_request: bool, number: str | None) -> Markdown | None:
    """`` of [PR #88](…) into `main```, `` of tag `v2.4.0```, `` on `main```."""
    branch = text_of(payload["branch"])
    tag = text_of(payload["tag"])
    if pull_request:
        compare = text_of(payload["compare_url"])
        request = named(f"PR #{number}", compare) if number else md("a pull request")
        said = md(" of {}").format(request)
        return said + md(" into {}").format(code(branch)) if branch else said
    if tag:
        return md(" of tag {}").format(code(tag))
    return on_branch(branch)


@integration.handles(PUSH, PULL_REQUEST, CRON, API)
def on_build(payload: Payload, delivery: Delivery) -> Message:
    """The build's status in Travis CI's words (Passed, Fixed, Broken, Still Failing...),
    linked, with its branch or pull request, the commit (short SHA linked, first line,
    author), how long it took and the jobs that failed, linked."""
    pull_request = is_pull_request(payload, delivery)
    number = number_text(payload["pull_request_number"]) if pull_request else None
    status = status_of(payload)
    what = numbered("build", number_text(payload["number"]), text_of(payload["build_url"]))
    where = ran_on(payload, pull_request, number)
    trigger = TRIGGERS.get(delivery.event)
    head = headline(
        travis_result(status).badge(),
        what,
        where=where,
        time=took(payload) if status not in ("Pending", "Started") else None,
        notes=[md(trigger)] if trigger else (),
    )
    commit = commit_of(payload)
    failed = failed_jobs(payload)
    # A numbered pull request's link is its page; else the compare link shows the changes.
    changes = text_of(payload["compare_url"]) if number is None else None
    content = lines(
        head,
        commit_with_changes(commit, changes) if commit else None,
        jobs_line(failed) if failed else None,
    )
    return Message(topic=topic(payload, number), content=content)
