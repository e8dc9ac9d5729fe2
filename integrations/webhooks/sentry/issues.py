"""Issues: created, resolved, assigned, archived (``ignored``) and unresolved again.

Each message is in the topic of the issue's title, as Zulip's own
integration names it, where the alerts on its events land too.
"""

from __future__ import annotations

from integrations.common.monitoring import RESOLVED_CIRCLE, lines, plural, text_of
from integrations.core import (
    Delivery,
    Markdown,
    Message,
    Payload,
    bold,
    code,
    escape,
    global_time,
    md,
)
from integrations.webhooks.sentry.declaration import integration
from integrations.webhooks.sentry.readers import Issue, issue_of, person_of
from integrations.webhooks.sentry.text import facts, level_badge, titled


def named(issue: Issue) -> Markdown:
    """The issue's title, linked when the payload has its page, and its short id."""
    short = md(" ({})").format(code(issue.short_id)) if issue.short_id else Markdown("")
    return titled(issue.title, issue.url) + short


def project(issue: Issue) -> Markdown:
    return md(" in {}").format(code(issue.project)) if issue.project else Markdown("")


def actor_of(payload: Payload) -> Markdown:
    name = text_of(payload["actor"]["name"])
    return bold(name) if name else md("someone")


def seen(issue: Issue) -> Markdown:
    """How often and how recently the issue happened."""
    count = escape(plural(issue.count, "event")) if issue.count is not None else None
    users = escape(plural(issue.users, "user")) if issue.users else None
    last = md("last seen {}").format(global_time(issue.last_seen)) if issue.last_seen else None
    return facts([count, users, last])


@integration.handles("issue", action="created")
def on_issue_created(payload: Payload, delivery: Delivery) -> Message:
    """The new issue's level, title, short id and project, when it was first seen, where, and
    who it is assigned to.
    """
    node = payload["data"]["issue"]
    issue = issue_of(node)
    level = (issue.level or "").lower()
    assignee = person_of(node["assignedTo"])
    content = md("{badge}{project}: {issue}\n{facts}").format(
        badge=level_badge(level, f"New {level} issue" if level else "New issue"),
        project=project(issue),
        issue=named(issue),
        facts=facts(
            [
                md("first seen {}").format(global_time(issue.first_seen))
                if issue.first_seen
                else None,
                code(issue.culprit) if issue.culprit else None,
                md("assigned to {}").format(bold(assignee)) if assignee else md("not assigned"),
            ]
        ),
    )
    return Message(topic=issue.title, content=content)


def resolution(payload: Payload) -> Markdown | None:
    """How the issue was resolved: in a release, a commit, the next release; None for "now"."""
    kind = text_of(payload["data"]["resolution_type"])
    details = payload["data"]["issue"]["statusDetails"]
    release = text_of(details["inRelease"])
    commit = text_of(details["inCommit"]["id"]) or text_of(details["inCommit"]["commit"])
    if release:
        return md("in release {}").format(code(release))
    if commit:
        return md("in commit {}").format(code(commit[:12]))
    next_release = details["inNextRelease"].boolean(default=False)
    if next_release or kind in ("in_next_release", "in_upcoming_release"):
        return md("in the next release")
    return None


@integration.handles("issue", action="resolved")
def on_issue_resolved(payload: Payload, delivery: Delivery) -> Message:
    """Who resolved the issue and how (now, in a release or a commit), and how often it had
    happened.
    """
    issue = issue_of(payload["data"]["issue"])
    how = resolution(payload)
    content = md("{circle} **Resolved** by {actor}{how}: {issue}").format(
        circle=RESOLVED_CIRCLE,
        actor=actor_of(payload),
        how=md(" {}").format(how) if how else Markdown(""),
        issue=named(issue),
    )
    return Message(topic=issue.title, content=lines(content, seen(issue)))


@integration.handles("issue", action="assigned")
def on_issue_assigned(payload: Payload, delivery: Delivery) -> Message:
    """Who the issue is assigned to now (a person or a team), and by whom."""
    data = payload["data"]
    issue = issue_of(data["issue"])
    assignee = person_of(data["issue"]["assignedTo"]) or person_of(data["assignee"])
    content = md("**Assigned** to {assignee} by {actor}: {issue}").format(
        assignee=bold(assignee) if assignee else md("nobody"),
        actor=actor_of(payload),
        issue=named(issue),
    )
    return Message(topic=issue.title, content=content)


def archived_until(payload: Payload) -> Markdown | None:
    """How long an archived issue stays quiet, as Sentry's ``statusDetails`` say."""
    details = payload["data"]["issue"]["statusDetails"]
    substatus = text_of(payload["data"]["issue"]["substatus"])
    minutes = details["ignoreDuration"].integer(default=None)
    count = details["ignoreCount"].integer(default=None)
    users = details["ignoreUserCount"].integer(default=None)
    if minutes:
        return md("for {} minutes").format(str(minutes))
    if count:
        return md("until it happens {} more times").format(str(count))
    if users:
        return md("until it affects {} more users").format(str(users))
    if substatus == "archived_until_escalating":
        return md("until it escalates")
    if substatus == "archived_forever":
        return md("forever")
    return None


@integration.handles("issue", action=("ignored", "archived"))
def on_issue_archived(payload: Payload, delivery: Delivery) -> Message:
    """Who archived (ignored) the issue, and until when."""
    issue = issue_of(payload["data"]["issue"])
    until = archived_until(payload)
    content = md("**Archived** by {actor}{until}: {issue}").format(
        actor=actor_of(payload),
        until=md(" {}").format(until) if until else Markdown(""),
        issue=named(issue),
    )
    return Message(topic=issue.title, content=content)


# Why an issue is unresolved again, by its ``substatus``.
_REOPENED = {"regressed": "Regressed", "escalating": "Escalating"}


@integration.handles("issue", action="unresolved")
def on_issue_unresolved(payload: Payload, delivery: Delivery) -> Message:
    """That the issue is open again (regressed, escalating, or reopened by someone), and how
    often it happened.
    """
    issue = issue_of(payload["data"]["issue"])
    word = _REOPENED.get(issue.substatus or "", "Unresolved")
    actor = text_of(payload["actor"]["name"])
    by = md(" by {}").format(bold(actor)) if actor and word == "Unresolved" else Markdown("")
    content = md("{badge}{by}{project}: {issue}").format(
        badge=level_badge(issue.level, word), by=by, project=project(issue), issue=named(issue)
    )
    return Message(topic=issue.title, content=lines(content, seen(issue)))
