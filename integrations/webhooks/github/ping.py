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


@integration.handles("ping")
def on_ping(payload: Payload, delivery: Delivery) -> Message:
    """That the webhook is set up, the events it sends, and which of them this integration does
    not post."""
    actor = who(sender_of(payload))
    if payload["repository"].exists():
        repo = repo_of(payload["repository"], delivery)
        topic = area_topic(repo)
        head = md("{who} set up this GitHub webhook for {repo}.").format(
            who=actor, repo=repo_link(repo)
        )
    elif payload["organization"].exists():
        topic = payload["organization"]["login"].string()
        head = md("{who} set up this GitHub webhook for the {org} organization.").format(
            who=actor, org=bold(topic)
        )
    else:
        # A GitHub App's webhook, or a site-wide one of GitHub Enterprise Server.
        topic = APP_TOPIC
        head = md("{who} set up this GitHub webhook.").format(who=actor)
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
