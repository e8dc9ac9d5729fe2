"""The pieces Jira's messages are made of: people, the issue's link, quoted bodies, comments.

People's names are personal data: ``hide_personal_data`` leaves them out,
mentions included, together with any e-mail address in a description or a
comment.
"""

from __future__ import annotations

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
from integrations.core.bodies import in_quote, without_email_addresses
from integrations.core.fences import close_fences
from integrations.webhooks.jira.adf import adf_markdown, is_document
from integrations.webhooks.jira.declaration import HIDE_PERSONAL_DATA
from integrations.webhooks.jira.readers import Issue, text_of
from integrations.webhooks.jira.wiki import Mentions, wiki_markdown

BODY_CHARACTERS = 6000  # of the text Jira sends; Zulip's limit is 10,000 for the whole message
SOMEONE = "Someone"


def hidden(delivery: Delivery) -> bool:
    return delivery.options[HIDE_PERSONAL_DATA]


def who(name: str | None, delivery: Delivery) -> Markdown:
    """A person in bold, or ``Someone`` when the payload does not say or names are hidden."""
    if not name or hidden(delivery):
        return md(SOMEONE)
    return bold(name)


def person(name: str | None, delivery: Delivery, *, nobody: str = "nobody") -> Markdown:
    """A person in the middle of a sentence: ``**Ann Lee**``, ``someone``, ``nobody``."""
    if not name:
        return md("{}").format(nobody)
    return md("someone") if hidden(delivery) else bold(name)


def issue_link(issue: Issue) -> Markdown:
    """``[PROJ-123](https://…/browse/PROJ-123)``; the key alone when the site is unknown."""
    return link(issue.key, issue.url) if issue.url else escape(issue.key, at_line_start=False)


def assigned(issue: Issue, delivery: Delivery) -> Markdown:
    """`` (assigned to **Ann Lee**)``, as Zulip's integration says it; nothing when unassigned."""
    if not issue.assignee or hidden(delivery):
        return md("")
    return md(" (assigned to {})").format(bold(issue.assignee))


def mentions_for(people: dict[str, str], delivery: Delivery) -> Mentions:
    """How a mention reads: the person's display name, or the id Jira gave when unknown."""

    def mention(identifier: str) -> str:
        if hidden(delivery):
            return "someone"
        return people.get(identifier) or identifier

    return mention


def body_markdown(node: Payload, people: dict[str, str], delivery: Delivery) -> str:
    """A description or a comment as Markdown: wiki markup (text) or ADF (an object)."""
    mention = mentions_for(people, delivery)
    if is_document(node):
        markdown = _cut(adf_markdown(node, mention))
    else:
        text = text_of(node)
        if not text:
            return ""
        if hidden(delivery):
            text = without_email_addresses(text)
        markdown = wiki_markdown(_cut(text), mention)
    if hidden(delivery):
        markdown = without_email_addresses(markdown)
    return markdown


def _cut(text: str) -> str:
    """At most ``BODY_CHARACTERS``, cut at the end of a line where there is one."""
    if len(text) <= BODY_CHARACTERS:
        return text
    cut = text.rfind("\n", 0, BODY_CHARACTERS)
    return text[: cut if cut > BODY_CHARACTERS // 2 else BODY_CHARACTERS] + "\n\n…"


def quoted(node: Payload, people: dict[str, str], delivery: Delivery) -> Markdown:
    """A description or a comment in a quote it cannot leave; nothing when it is empty."""
    markdown = close_fences(body_markdown(node, people, delivery).strip("\n"))
    if not markdown.strip():
        return md("")
    return in_quote(markdown)


def comment_of(node: Payload) -> Payload | None:
    """The comment, when the payload has one with a body (old Jira sends ``"comment": ""``)."""
    try:
        if node.object(default=None) is None:
            return None
    except BadPayload:
        return None
    body = node["body"]
    return node if is_document(body) or text_of(body) else None


def audience(comment: Payload) -> Markdown:
    """`` (internal)`` or `` (visible to Developers only)``; nothing for a comment anyone sees."""
    restricted = text_of(comment["visibility"]["value"])
    if restricted:
        return md(" (visible to {} only)").format(bold(restricted))
    try:
        public = comment["jsdPublic"].boolean(default=None)
    except BadPayload:
        public = None
    return md(" (**internal**, not shown to the customer)") if public is False else md("")


def told_comment(
    issue: Issue,
    actor: Markdown,
    verb: Markdown,
    comment: Payload,
    people: dict[str, str],
    delivery: Delivery,
) -> Message:
    """``**Ann** commented on [KEY](…):`` and the comment, quoted."""
    said = md("{} {} {}{}{}").format(
        actor, verb, issue_link(issue), assigned(issue, delivery), audience(comment)
    )
    body = quoted(comment["body"], people, delivery)
    # A comment with no text left to show (empty, or only what cannot be shown) ends the sentence.
    return Message(topic=issue.topic, content=said + md(":\n\n") + body if body else said + md("."))
