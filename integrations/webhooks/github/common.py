"""The GitHub integration's declaration and what every handler reads the same way.

GitHub names the event in the ``X-GitHub-Event`` header and, for most
events, refines it with the payload's ``action``. Each handler reads the
action itself; an action it neither posts nor deliberately ignores raises
``unsupported(event, action)``, so GitHub's delivery log shows a clean 400
naming both.
"""

from __future__ import annotations

from urllib.parse import quote as url_quote

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    handles_public_only,
    quoted,
    renamed_from,
)
from integrations.core import (
    HeaderEvent,
    HmacSignature,
    Markdown,
    Message,
    Payload,
    UnsupportedEvent,
    WebhookIntegration,
    form_field_json,
    md,
)

integration = WebhookIntegration(
    name="github",
    display_name="GitHub",
    description="Pushes, pull requests, issues, discussions, releases and checks from GitHub.",
    categories=["version-control"],
    events=HeaderEvent("X-GitHub-Event"),
    # GitHub posts JSON, or the same JSON in a ``payload`` form field when a
    # webhook keeps GitHub's default content type.
    body=form_field_json("payload"),
    signature=HmacSignature("X-Hub-Signature-256", "sha256", prefix="sha256="),
)


def not_public(repository: Payload) -> bool:
    """Whether a repository is private, internal, or does not say.

    Internal repositories (every member of an enterprise may see them) have
    ``private: true`` and ``visibility: internal``. Events about an
    organization, a team or a sponsorship carry no repository at all: they do
    not say, and count as private, so the option never leaks what it was
    asked to hide.
    """
    private = repository["private"].boolean(None)
    visibility = repository["visibility"].string("public")
    return private is None or private or visibility != "public"


handles = handles_public_only(integration, not_public)


# Events with a handler that never posts, which the ping names as not posted.
NEVER_POSTED = frozenset({"create", "delete", "workflow_job", "repository_vulnerability_alert"})


def unsupported(event: str, action: str) -> UnsupportedEvent:
    """The error for an action of a handled event that this integration does not post."""
    return UnsupportedEvent(integration.name, f"{event}.{action}")


# Readers ------------------------------------------------------------------


def action_of(payload: Payload) -> str:
    return payload["action"].string()


def repo_of(payload: Payload) -> Repo:
    """The repository as topics name it: ``owner/name``."""
    repository = payload["repository"]
    return Repo(repository["full_name"].string(), repository["html_url"].string(None))


def sender_of(payload: Payload) -> User:
    sender = payload["sender"]
    return User(sender["login"].string(), sender["html_url"].string(None))


def user_of(node: Payload) -> User:
    return User(node["login"].string(), node["html_url"].string(None))


def ref_of(node: Payload) -> Ref:
    """A pull request, issue or discussion: its number, title and page."""
    return Ref(node["number"].integer(), node["title"].string(), node["html_url"].string(None))


def page_url(repo: Repo, *parts: str) -> str | None:
    """An address in the repository's web pages, such as ``.../tree/<branch>``."""
    if not repo.url:
        return None
    return "/".join([repo.url.rstrip("/"), *(url_quote(part, safe="/") for part in parts)])


# Writing ------------------------------------------------------------------


def sentence(template: str, **fields: object) -> Markdown:
    """A trusted template with escaped fields; ``Markdown`` fields stay markup."""
    return md(template).format(**fields)


def paragraphs(*parts: Markdown) -> Markdown:
    return Markdown("\n\n").join(part for part in parts if part)


def message(topic: str, *parts: Markdown, body: str | None = None) -> Message:
    """A message of sentences, then an excerpt of ``body`` as a quote."""
    return Message(topic=topic, content=paragraphs(*parts, quoted(body)))


def changed(payload: Payload, field: str) -> Payload:
    """``changes.<field>.from``: the value before an edit (absent when it did not change)."""
    return payload["changes"][field]["from"]


def text_changed(payload: Payload, node: Payload) -> bool:
    """Whether an ``edited`` payload changed ``node.body``.

    An edit of something else carries no ``changes.body``; a comment saved
    unchanged carries one equal to the new body. Neither changed the text.
    """
    before = changed(payload, "body")
    if not before.exists():
        return False
    return before.string() != node["body"].string("")


def edit_notes(payload: Payload, node: Payload) -> tuple[list[Markdown], str | None]:
    """What an ``edited`` delivery changed in a title or a text: notes, and the new text."""
    notes: list[Markdown] = []
    old_title = changed(payload, "title")
    if old_title.exists():
        notes.append(renamed_from(old_title.string()))
    body = None
    if text_changed(payload, node):
        body = node["body"].string("")
        if not body.strip():
            notes.append(sentence("The description was removed."))
    return notes, body
