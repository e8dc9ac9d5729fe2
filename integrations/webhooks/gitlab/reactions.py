"""Emoji reactions (``Emoji Hook``) on merge requests, issues, comments, commits and snippets.

The payload says in ``event_type`` whether an emoji was given (``award``)
or taken back (``revoke``). It carries the reaction in ``object_attributes``
(``name``, the page it was given on in ``awarded_on_url``), what it was given
to under that thing's own key, and, for a reaction to a comment, the
comment in ``note``.
"""

from __future__ import annotations

import re

from integrations.common.code_hosting import (
    Repo,
    activity,
    area_topic,
    issue_topic,
    pr_topic,
    ref_link,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, code, link, md
from integrations.webhooks.gitlab.declaration import integration
from integrations.webhooks.gitlab.readers import issue_ref, mr_ref, repo_of, thing_named, user_of

# GitLab's emoji names ("thumbsup", "tada", "+1"); anything else is shown as code.
EMOJI_NAME = re.compile(r"[a-z0-9_+-]{1,64}")


@integration.handles("Emoji Hook", action="award")
def on_emoji(payload: Payload, delivery: Delivery) -> Message:
    """Who reacted with which emoji to what, in the topic of what it was given to."""
    repo = repo_of(payload["project"], delivery)
    reaction = payload["object_attributes"]
    url = reaction["awarded_on_url"].string(default=None)
    thing, topic = target(payload, delivery, repo, url)
    sentence = md("{who} reacted with {emoji} to {thing}.").format(
        who=who(user_of(payload["user"])), emoji=emoji(reaction["name"].string()), thing=thing
    )
    if topic == repo.name:
        return activity(repo, sentence)
    return Message(topic=topic, content=sentence)


integration.ignores("Emoji Hook", action="revoke", reason="A reaction taken back is not news.")


def emoji(name: str) -> Markdown:
    if EMOJI_NAME.fullmatch(name):
        # Only letters, digits and _+- go in, so the result is exactly :name:.
        return md(":{}:").format(name)
    return code(name)


def snippet_of(payload: Payload) -> Payload:
    """Reactions name a snippet by its class: ``project_snippet`` or ``personal_snippet``."""
    for key in ("project_snippet", "personal_snippet", "snippet"):
        if payload[key].exists():
            return payload[key]
    return payload["project_snippet"]


def target(
    payload: Payload, delivery: Delivery, repo: Repo, url: str | None
) -> tuple[Markdown, str]:
    """What was reacted to, as words, and the topic it belongs in (a snippet's, as its
    comments')."""
    if payload["merge_request"].exists():
        ref = mr_ref(payload["merge_request"], delivery)
        thing, topic = ref_link(ref.label, ref), pr_topic(repo, ref)
    elif payload["issue"].exists():
        ref = issue_ref(payload["issue"])
        thing, topic = ref_link("issue", ref), issue_topic(repo, ref)
    elif payload["commit"].exists():
        sha = payload["commit"]["id"].string()
        thing, topic = md("commit {}").format(code(sha[:7])), repo.name
    elif snippet_of(payload).exists():
        snippet = snippet_of(payload)
        title = snippet["title"].string(default="")
        number = snippet["id"].integer(default=None)
        thing = md("snippet {}").format(title)
        topic = area_topic(repo, f"snippet #{number} {title}") if number else repo.name
    else:
        kind = payload["object_attributes"]["awardable_type"].string(default="")
        thing, topic = thing_named(kind or "Item"), repo.name
    if payload["note"].exists():
        comment = link("a comment", url) if url else md("a comment")
        return md("{comment} on {thing}").format(comment=comment, thing=thing), topic
    return thing, topic
