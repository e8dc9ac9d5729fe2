"""Reading Sentry's shapes into records: events (with their crash frame), issues, levels, times.

An event arrives in three shapes: ``data.event`` of an alert rule,
``data.error`` of the error resource, and ``event`` inside the legacy
plugin's flat body (whose oldest form keeps the stack trace in
``sentry.interfaces.Stacktrace``). Everything but an event's title is read
as optional: SDKs and versions leave out different fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from integrations.common.monitoring import text_of, time_of
from integrations.core import BadPayload, Payload

# Sentry's levels, least to most severe.
LEVELS = ("debug", "info", "warning", "error", "fatal")

_PROJECT_IN_API_URL = re.compile(r"/projects/[^/]+/([^/]+)/events/")
_ISSUE_PAGE = re.compile(r"^(https?://[^?#]*/issues/\d+)/?(?:[?#].*)?$")
_EVENT_ID = re.compile(r"^[0-9a-fA-F]{32}$")


def tags_of(node: Payload) -> dict[str, str]:
    """An event's tags: ``[["level", "error"], ...]``, or ``[{"key": ..., "value": ...}]``."""
    tags: dict[str, str] = {}
    for tag in node.array(default=[]):
        if tag["key"].exists():
            key, value = tag["key"].string(default=None), tag["value"].string(default=None)
        else:
            key, value = tag[0].string(default=None), tag[1].string(default=None)
        if key and value:
            tags[key] = value
    return tags


@dataclass(frozen=True)
class Frame:
    """The line an exception was raised on, with the lines around it."""

    filename: str | None
    function: str | None
    lineno: int | None
    line: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    platform: str | None


@dataclass(frozen=True)
class Event:
    """One error or message event, whichever shape it came in."""

    title: str
    level: str | None
    url: str | None
    when: datetime | None
    project: str | None
    environment: str | None
    release: str | None
    culprit: str | None
    filename: str | None
    server: str | None
    platform: str | None
    message: str | None
    frame: Frame | None


def _lines(node: Payload) -> tuple[str, ...]:
    lines = []
    for line in node.array(default=[]):
        text = line.string(default="")
        lines.append(text.rstrip("\n"))
    return tuple(lines)


def frame_of(frame: Payload) -> Frame | None:
    line = frame["context_line"].string(default=None)
    if line is None or not line.strip():
        return None
    return Frame(
        filename=text_of(frame["filename"]) or text_of(frame["abs_path"]),
        function=text_of(frame["function"]),
        lineno=frame["lineno"].integer(default=None),
        line=line.rstrip("\n"),
        before=_lines(frame["pre_context"]),
        after=_lines(frame["post_context"]),
        platform=text_of(frame["platform"]),
    )


def _stacktraces(event: Payload) -> list[Payload]:
    """The stack traces of an event, the most relevant first."""
    traces = [
        value["stacktrace"]
        for value in reversed(event["exception"]["values"].array(default=[]))
        if value["stacktrace"].exists()
    ]
    # A message event, and the sample event, keep theirs at the top level;
    # the oldest plugin bodies under its interface name.
    for key in ("stacktrace", "sentry.interfaces.Stacktrace"):
        if event[key].exists():
            traces.append(event[key])
    return traces


def crash_frame(event: Payload) -> Frame | None:
    """The frame to show: the culprit's file if a frame of it has source, else the last in-app."""
    filename = text_of(event["metadata"]["filename"])
    for trace in _stacktraces(event):
        frames = [
            (node, frame)
            for node in trace["frames"].array(default=[])
            if (frame := frame_of(node)) is not None
        ]
        if not frames:
            continue
        by_file = [frame for _, frame in frames if filename and frame.filename == filename]
        in_app = [frame for node, frame in frames if node["in_app"].boolean(default=False)]
        return (by_file or in_app or [frame for _, frame in frames])[-1]
    return None


def _message(event: Payload, title: str) -> str | None:
    """The log message of a message event, when it says more than the title."""
    for node in (event["logentry"]["formatted"], event["logentry"]["message"], event["message"]):
        text = text_of(node)
        if text and text.strip() != title.strip():
            return text
    return None


def release_of(node: Payload) -> str | None:
    """The release's version: text in an event, an object (``{"version": ...}``) in Sentry's API."""
    if node.exists() and isinstance(node.raw(), dict):
        return text_of(node["version"])
    return text_of(node)


def event_of(
    event: Payload,
    *,
    url: str | None = None,
    project: str | None = None,
    title: str | None = None,
) -> Event:
    """An event; ``url``, ``project`` and ``title`` are what the surrounding body says better."""
    tags = tags_of(event["tags"])
    api_url = text_of(event["url"]) or ""
    in_url = _PROJECT_IN_API_URL.search(api_url)
    shown_title = (
        text_of(event["title"])
        or title
        or text_of(event["metadata"]["title"])
        or text_of(event["message"])
        or "(untitled event)"
    )
    # ISO 8601 text, or a Unix time (``1588082165.903736``) as SDKs send it.
    when = time_of(event["datetime"]) or time_of(event["timestamp"]) or time_of(event["received"])
    return Event(
        title=shown_title,
        level=text_of(event["level"]) or tags.get("level"),
        url=text_of(event["web_url"]) or url,
        when=when,
        project=project or (in_url.group(1) if in_url else None),
        environment=text_of(event["environment"]) or tags.get("environment"),
        release=release_of(event["release"]) or tags.get("release"),
        culprit=text_of(event["culprit"]) or text_of(event["transaction"]),
        filename=text_of(event["metadata"]["filename"]),
        server=text_of(event["server_name"]) or tags.get("server_name"),
        platform=text_of(event["platform"]),
        message=_message(event, shown_title),
        frame=crash_frame(event),
    )


def event_page_of(issue_url: str | None, event_id: str | None) -> str | None:
    """The event's own page under its issue's (``.../issues/7/events/<id>/``), as Zulip links it;
    the issue's page when the body names no event."""
    issue = _ISSUE_PAGE.match(issue_url or "")
    if issue is None or event_id is None or not _EVENT_ID.match(event_id):
        return issue_url
    return f"{issue.group(1)}/events/{event_id.lower()}/"


def plugin_event_of(payload: Payload) -> Event:
    """The legacy plugin's flat body: the issue's fields at the top, the event inside."""
    event = payload["event"]
    project = (
        text_of(payload["project_slug"])
        or text_of(payload["project"])
        or text_of(payload["project_name"])
    )
    read = event_of(
        event,
        url=event_page_of(text_of(payload["url"]), text_of(event["event_id"])),
        project=project,
        title=text_of(payload["message"]),
    )
    level = read.level or text_of(payload["level"])
    culprit = read.culprit or text_of(payload["culprit"])
    return replace(read, level=level, culprit=culprit)


@dataclass(frozen=True)
class Issue:
    """A Sentry issue: the group of events with one fingerprint."""

    title: str
    short_id: str | None
    level: str | None
    url: str | None
    project: str | None
    culprit: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    count: int | None
    users: int | None
    substatus: str | None


def count_of(node: Payload) -> int | None:
    """How many events an issue has: a string ("1") as Sentry sends it, or a number."""
    try:
        return node.integer(default=None)
    except BadPayload:
        text = node.string(default=None)
    return int(text) if text and text.isdigit() else None


def issue_of(issue: Payload) -> Issue:
    project = issue["project"]
    return Issue(
        title=issue["title"].string(),
        short_id=text_of(issue["shortId"]),
        level=text_of(issue["level"]),
        # ``webUrl`` in the issue of an activity alert.
        url=text_of(issue["web_url"]) or text_of(issue["webUrl"]) or text_of(issue["permalink"]),
        project=text_of(project["slug"]) or text_of(project["name"]),
        culprit=text_of(issue["culprit"]),
        first_seen=time_of(issue["firstSeen"]),
        last_seen=time_of(issue["lastSeen"]),
        count=count_of(issue["count"]),
        users=issue["userCount"].integer(default=None),
        substatus=text_of(issue["substatus"]),
    )


def person_of(node: Payload) -> str | None:
    """A user or team (``{"type": "team", "name": ...}``) as a reader names it."""
    name = text_of(node["name"]) or text_of(node["email"])
    if name is None:
        return None
    return f"team {name}" if node["type"].string(default=None) == "team" else name
