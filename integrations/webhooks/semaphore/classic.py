"""Semaphore Classic: a build or a deploy as it finishes, in ``<project>/<branch>`` as in Zulip."""

from __future__ import annotations

from integrations.common.ci import (
    Commit,
    branch_topic,
    commit_line,
    headline,
    lines,
    number_text,
    numbered,
    on_branch,
    text_of,
    time_of,
    time_taken,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.webhooks.semaphore.declaration import BUILD, DEPLOY, integration
from integrations.webhooks.semaphore.text import outcome


def commit_of(payload: Payload) -> Commit | None:
    commit = payload["commit"]
    sha = text_of(commit["id"])
    if not sha:
        return None
    url = text_of(commit["url"])
    return Commit(
        sha=sha,
        message=commit["message"].string(default=""),
        url=url if url and url.startswith(("https://", "http://")) else None,
        author=author_of(commit),
    )


def author_of(commit: Payload) -> str | None:
    """``Don Quixote (don@lamancha.com)``: the name and the address Classic sends, or either."""
    name = text_of(commit["author_name"])
    email = text_of(commit["author_email"])
    if name and email and email != name:
        return f"{name} ({email})"
    return name or email


def message(payload: Payload, what: Markdown, where: Markdown | None = None) -> Message:
    head = headline(
        outcome(payload["result"].string()),
        what,
        where=where,
        time=time_taken(time_of(payload["started_at"]), time_of(payload["finished_at"])),
    )
    commit = commit_of(payload)
    content = lines(head, commit_line(commit) if commit else None)
    # Zulip's topic for Classic: ``<project>/<branch>``.
    topic = branch_topic(
        payload["project_name"].string(), text_of(payload["branch_name"]), separator="/"
    )
    return Message(topic=topic, content=content)


@integration.handles(BUILD)
def on_build(payload: Payload, delivery: Delivery) -> Message:
    """The build's result, linked, with its branch, the commit (short SHA linked, first
    line, author and their address) and how long it took."""
    what = numbered("build", number_text(payload["build_number"]), text_of(payload["build_url"]))
    return message(payload, what, on_branch(text_of(payload["branch_name"])))


@integration.handles(DEPLOY)
def on_deploy(payload: Payload, delivery: Delivery) -> Message:
    """The deploy's result, linked, with the build it deployed, the server, the commit and
    how long it took."""
    what = numbered("deploy", number_text(payload["number"]), text_of(payload["html_url"]))
    build = number_text(payload["build_number"])
    if build is not None:
        what += md(" of {}").format(numbered("build", build, text_of(payload["build_html_url"])))
    server = text_of(payload["server_name"])
    if server:
        what += md(" to {}").format(bold(server))
    return message(payload, what)
