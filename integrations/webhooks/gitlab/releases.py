"""Releases (``Release Hook``): created, updated or deleted.

GitLab's release payload says which release and what happened to it
(``action``), but not who did it, so the message names the release, not a
person; the shared ``release`` format needs one (see ``release_message``).
"""

from __future__ import annotations

from integrations.common.code_hosting import Repo, area_topic, quoted
from integrations.core import Markdown, Message, Payload, WebhookRequest, bold, code, link, md
from integrations.webhooks.gitlab.common import dropped, for_action, project_repo
from integrations.webhooks.gitlab.declaration import integration

EVENT = "Release Hook"

# What happened, and whether the release notes are worth quoting.
ACTIONS = {
    "create": ("was created", True),
    "update": ("was updated", False),
    "delete": ("was deleted", False),
}


def release_message(
    repo: Repo, name: str, tag_name: str, phrase: str, *, url: str | None, notes: str | None
) -> Message:
    """The shared ``release`` format without an actor: "Release v1.1 was created."

    The shared builder starts with who acted; GitLab does not say. This is
    the change proposed for it: an optional actor.
    """
    title = link(name or tag_name, url) if url else bold(name or tag_name)
    head = md("Release {}").format(title)
    if name and name != tag_name:
        head += md(" ({})").format(code(tag_name))
    head += md(" {}.").format(phrase)
    body = quoted(notes)
    content = Markdown("\n\n").join([head, body]) if body else head
    return Message(topic=area_topic(repo, "releases"), content=content)


@integration.handles(EVENT)
def release_hook(payload: Payload, request: WebhookRequest) -> Message | None:
    phrase, with_notes = for_action(EVENT, ACTIONS, payload["action"].string())
    if dropped(payload["project"]["visibility_level"], request):
        return None
    deleted = payload["action"].string() == "delete"
    return release_message(
        project_repo(payload),
        payload["name"].string(default=""),
        payload["tag"].string(),
        phrase,
        # A deleted release's page is gone.
        url=None if deleted else payload["url"].string(default=None),
        notes=payload["description"].string(default=None) if with_notes else None,
    )
