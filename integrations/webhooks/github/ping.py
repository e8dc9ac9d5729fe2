"""The webhook itself: the ``ping`` GitHub sends when it is created, or redelivered."""

from __future__ import annotations

from integrations.common.code_hosting import area_topic, paragraphs, repo_link, who
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.readers import repo_of, sender_of


def not_posted(event: str) -> bool:
    """Whether this integration never posts ``event``: nothing declares it, or only ignores do."""
    routes = integration.routes
    return not routes.knows(event) or routes.never_posted(event)


def names(events: list[str]) -> Markdown:
    return Markdown(", ").join(code(event) for event in events)


# The topic of a ping that names neither a repository nor an organization.
APP_TOPIC = "GitHub"


def enterprise_of(payload: Payload) -> str | None:
    """The enterprise a webhook belongs to, by its slug (or its name), where the ping names one."""
    enterprise = payload["enterprise"]
    return enterprise["slug"].string(default=None) or enterprise["name"].string(default=None)


@integration.handles("ping")
def on_ping(payload: Payload, delivery: Delivery) -> Message:
    """That the webhook is set up, the events it sends, and which of them this integration does
    not post."""
    if payload["repository"].exists():
        repo = repo_of(payload["repository"], delivery)
        topic = area_topic(repo)
        place = md(" for {repo}").format(repo=repo_link(repo))
    elif payload["organization"].exists():
        topic = payload["organization"]["login"].string()
        place = md(" for the {org} organization").format(org=bold(topic))
    elif enterprise := enterprise_of(payload):
        # An enterprise's webhook names the enterprise, and no organization.
        topic = enterprise
        place = md(" for the {name} enterprise").format(name=bold(enterprise))
    else:
        # A GitHub App's webhook, or a site-wide one of GitHub Enterprise Server.
        topic = APP_TOPIC
        place = Markdown("")
    if payload["sender"].exists():
        head = md("{who} set up this GitHub webhook{place}.").format(
            who=who(sender_of(payload)), place=place
        )
    else:
        # The ping of a GitHub App's webhook may name nobody: no one is to be credited.
        head = md("This GitHub webhook{place} is set up.").format(place=place)
    events = [event.string(default="") for event in payload["hook"]["events"].array(default=[])]
    if "*" in events:
        sends = md("It sends every event.")
    elif events:
        sends = md("It sends: {events}.").format(events=names(events))
    else:
        sends = Markdown("")
    unposted = [event for event in events if event != "*" and not_posted(event)]
    told = md("Not posted here: {events}.").format(events=names(unposted)) if unposted else None
    return Message(topic=topic, content=paragraphs(head, sends, told or Markdown("")))
