"""Sprints and versions: the plan around the issues.

A sprint's payload is the sprint (``sprint``; an update also has the sprint
before it, ``oldValue``), a version's is the version (``version``). Neither
says who acted. Each sprint has a topic of its own, named after it, and so
has each version: a sprint reads from its creation to its completion in
one place, a version from its creation to its release.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from integrations.core import (
    BadPayload,
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    escape,
    link,
    md,
)
from integrations.core.markup import quote
from integrations.core.times import global_time, parse_time
from integrations.webhooks.jira.declaration import integration
from integrations.webhooks.jira.readers import site_of, text_of


@dataclass(frozen=True)
class Sprint:
    name: str
    board: str | None
    goal: str | None
    start: datetime | None
    end: datetime | None
    completed: datetime | None

    @property
    def topic(self) -> str:
        """The sprint's name, which usually says "Sprint"; ``Sprint <name>`` when it does not."""
        return self.name if "sprint" in self.name.lower() else f"Sprint {self.name}"

    @property
    def linked(self) -> Markdown:
        return link(self.name, self.board) if self.board else bold(self.name)


def _moment(node: Payload) -> datetime | None:
    """A sprint's date: ISO 8601 text, or milliseconds in some versions."""
    try:
        return parse_time(node.string(default=None))
    except BadPayload:
        pass
    try:
        return parse_time(node.integer(default=None))
    except BadPayload:
        return None


def sprint_of(node: Payload) -> Sprint:
    name = text_of(node["name"])
    if name is None:
        identifier = node["id"].integer(default=None) if node["id"].exists() else None
        if identifier is None:
            raise BadPayload(node["name"].path, "expected the sprint's name, but it is missing")
        name = f"Sprint {identifier}"
    site = site_of(node["self"])
    try:
        board = node["originBoardId"].integer(default=None)
    except BadPayload:
        board = None
    return Sprint(
        name=name,
        board=f"{site}/secure/RapidBoard.jspa?rapidView={board}" if site and board else None,
        goal=text_of(node["goal"]),
        start=_moment(node["startDate"]),
        end=_moment(node["endDate"]),
        completed=_moment(node["completeDate"]),
    )


def _span(start: datetime | None, end: datetime | None) -> Markdown:
    if start and end:
        return md(", from {} to {}").format(global_time(start), global_time(end))
    if end:
        return md(", until {}").format(global_time(end))
    if start:
        return md(", from {}").format(global_time(start))
    return md("")


def _goal(sprint: Sprint) -> Markdown:
    return md("\nGoal: {}").format(sprint.goal) if sprint.goal else md("")


SPRINT_STATES = {
    "sprint_created": "Sprint created",
    "sprint_started": "Sprint started",
    "sprint_closed": "Sprint completed",
    "sprint_deleted": "Sprint deleted",
}


@integration.handles("sprint_created", "sprint_started", "sprint_closed", "sprint_deleted")
def on_sprint(payload: Payload, delivery: Delivery) -> Message:
    """The sprint, linked to its board: its dates and goal; for a completed one, when it ended."""
    sprint = sprint_of(payload["sprint"])
    state = bold(SPRINT_STATES[delivery.event])
    if delivery.event == "sprint_deleted":
        return Message(topic=sprint.topic, content=md("{}: {}.").format(state, sprint.name))
    if delivery.event == "sprint_closed":
        span = _span(sprint.start, sprint.completed or sprint.end)
    else:
        span = _span(sprint.start, sprint.end)
    said = md("{}: {}{}.").format(state, sprint.linked, span) + _goal(sprint)
    return Message(topic=sprint.topic, content=said)


@integration.handles("sprint_updated")
def on_sprint_updated(payload: Payload, delivery: Delivery) -> Message | None:
    """What changed: the name, the dates or the goal. An update that changed none of them
    (Jira sends one when issues move in or out) posts nothing."""
    sprint = sprint_of(payload["sprint"])
    before = sprint_of(payload["oldValue"]) if payload["oldValue"].exists() else None
    header = md("{}: {}").format(bold("Sprint updated"), sprint.linked)
    if before is None:
        return Message(topic=sprint.topic, content=header + md(".") + _goal(sprint))
    lines: list[Markdown] = []
    if before.name != sprint.name:
        lines.append(md("* Name: {} → {}").format(before.name, bold(sprint.name)))
    for label, old, new in (
        ("Starts", before.start, sprint.start),
        ("Ends", before.end, sprint.end),
    ):
        if old != new and new is not None:
            was = md("{} → ").format(global_time(old)) if old else md("")
            lines.append(md("* {}: {}{}").format(label, was, global_time(new)))
    if before.goal != sprint.goal:
        lines.append(md("* Goal: {}").format(sprint.goal or "removed"))
    if not lines:
        return None
    return Message(topic=sprint.topic, content=header + md("\n") + md("\n").join(lines))


@dataclass(frozen=True)
class Version:
    name: str
    description: str | None
    release_date: str | None

    @property
    def topic(self) -> str:
        return f"Version {self.name}"


def version_of(node: Payload) -> Version:
    name = text_of(node["name"])
    if name is None:
        raise BadPayload(node["name"].path, "expected the version's name, but it is missing")
    return Version(name, text_of(node["description"]), text_of(node["releaseDate"]))


VERSION_STATES = {
    "jira:version_created": "Version created",
    "jira:version_released": "Version released",
    "jira:version_unreleased": "Version unreleased",
    "jira:version_deleted": "Version deleted",
}


# How a message names the version's release date, where it says it.
RELEASE_DATES = {"jira:version_created": "due", "jira:version_released": "on"}


@integration.handles(
    "jira:version_created",
    "jira:version_released",
    "jira:version_unreleased",
    "jira:version_deleted",
)
def on_version(payload: Payload, delivery: Delivery) -> Message:
    """The version and its release date, and its description, quoted."""
    version = version_of(payload["version"])
    said = md("{}: {}").format(bold(VERSION_STATES[delivery.event]), bold(version.name))
    when = RELEASE_DATES.get(delivery.event)
    if version.release_date and when:
        said += md(", {} {}").format(when, escape(version.release_date, at_line_start=False))
    said += md(".")
    if version.description and delivery.event != "jira:version_deleted":
        said += md("\n\n") + quote(version.description)
    return Message(topic=version.topic, content=said)
