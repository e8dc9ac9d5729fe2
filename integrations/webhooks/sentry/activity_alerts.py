"""Alerts on an issue's activity: Seer's progress on it, which an alert chose to announce.

Sentry's newer alerts can act on an issue's activity rather than on an
event; Sentry sends those as the ``activity_alert`` resource, with the
issue, the activity and the alert. The activities it sends are Seer's
steps (root cause found, fix written, pull request opened...). Unlike the
``seer`` resource, which reports every step of every run, these come only
from an alert someone set up for them, so they are posted, in the issue's
topic.
"""

from __future__ import annotations

from integrations.common.monitoring import lines, linked, paragraphs, text_of
from integrations.core import Delivery, Markdown, Message, Payload, bold, md
from integrations.core.bodies import quoted_body
from integrations.webhooks.sentry.declaration import integration
from integrations.webhooks.sentry.issues import named, project
from integrations.webhooks.sentry.readers import issue_of
from integrations.webhooks.sentry.text import level_badge

SUMMARY_CHARACTERS = 2000
PULL_REQUESTS_SHOWN = 5

# Sentry's activity types, as a reader would say them.
_WORDS = {
    "seer_root_cause_started": "Seer is looking for the root cause",
    "seer_root_cause_completed": "Seer found the root cause",
    "seer_solution_started": "Seer is working on a solution",
    "seer_solution_completed": "Seer proposed a solution",
    "seer_coding_started": "Seer is writing a fix",
    "seer_coding_completed": "Seer wrote a fix",
    "seer_pr_created": "Seer opened a pull request",
    "seer_iteration_started": "Seer started another iteration",
    "seer_iteration_completed": "Seer finished an iteration",
}


def word_of(kind: str | None) -> str:
    """What happened; an activity this list does not know is said with its own name."""
    if kind in _WORDS:
        return _WORDS[kind]
    return (kind or "activity").replace("_", " ").capitalize()


def alert_of(payload: Payload) -> Markdown | None:
    """``Alert **Seer updates**``, linked: Sentry's source writes ``name`` and ``url``, its
    tests ``title`` and ``web_url``."""
    alert = payload["data"]["alert"]
    name = text_of(alert["name"]) or text_of(alert["title"])
    if name is None:
        return None
    url = text_of(alert["url"]) or text_of(alert["web_url"])
    return md("Alert {}").format(bold(linked(name, url)))


def pull_requests(payload: Payload) -> Markdown | None:
    """The pull requests Seer opened, each linked under its repository's name."""
    shown = []
    for node in payload["data"]["activity"]["details"]["pull_requests"].array(default=[]):
        url = text_of(node["url"])
        name = text_of(node["repo_name"]) or "pull request"
        if url:
            shown.append(md("Pull request: {}").format(linked(name, url)))
    return lines(*shown[:PULL_REQUESTS_SHOWN])


@integration.handles("activity_alert")
def on_activity_alert(payload: Payload, delivery: Delivery) -> Message:
    """What Seer did on the issue (root cause found, fix written, pull request opened...), the
    issue and the alert that asked for it, then Seer's summary, quoted, or its pull requests."""
    data = payload["data"]
    issue = issue_of(data["issue"])
    head = md("{badge}{project}: {issue}").format(
        badge=level_badge(issue.level, word_of(text_of(data["activity"]["type"]))),
        project=project(issue),
        issue=named(issue),
    )
    summary = text_of(data["activity"]["details"]["summary"])
    body = quoted_body(summary, limit=SUMMARY_CHARACTERS)
    content = paragraphs(lines(head, alert_of(payload)), body, pull_requests(payload))
    return Message(topic=issue.title, content=content)
