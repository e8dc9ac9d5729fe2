"""Discussions, and the comments on them, in the topic of each discussion."""

from __future__ import annotations

from integrations.common.code_hosting import (
    Ref,
    discussion_topic,
    paragraphs,
    quoted,
    ref_link,
    told,
    who,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.edits import edits_of, new_text
from integrations.webhooks.github.issues import CLOSE_REASONS, elsewhere, labelling
from integrations.webhooks.github.readers import ref_of, repo_of, sender_of, user_of


def said(
    payload: Payload,
    delivery: Delivery,
    template: str,
    *parts: Markdown,
    body: str | None = None,
    **fields: object,
) -> Message:
    """A message in the discussion's topic: ``template`` with ``{who}`` and ``{ref}`` filled in,
    then ``parts`` and an excerpt of ``body``."""
    repo = repo_of(payload["repository"], delivery)
    discussion = ref_of(payload["discussion"])
    values = {"who": who(sender_of(payload)), "ref": ref_link("discussion", discussion), **fields}
    head = md(template).format(**values)
    return Message(
        topic=discussion_topic(repo, discussion), content=paragraphs(head, *parts, quoted(body))
    )


@integration.handles("discussion", action="created")
def on_discussion_created(payload: Payload, delivery: Delivery) -> Message:
    """The discussion, its category and its text."""
    node = payload["discussion"]
    category = node["category"]["name"].string(default=None)
    body = node["body"].string(default=None)
    if not category:
        return said(payload, delivery, "{who} started {ref}.", body=body)
    return said(
        payload, delivery, "{who} started {ref} in {category}.", body=body, category=bold(category)
    )


@integration.handles("discussion", action="edited")
def on_discussion_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The former title or the new text; an edit that changed both says "updated" and lists
    them. **Nothing** for an edit that changed nothing visible."""
    edits = edits_of(payload, payload["discussion"])
    if not edits:
        return None
    words = told(edits)
    template = "{who} {verb} {ref} {after}." if words.after else "{who} {verb} {ref}."
    detail = words.detail or Markdown("")
    return said(
        payload, delivery, template, detail, body=words.text, verb=words.verb, after=words.after
    )


@integration.handles("discussion", action="deleted")
def on_discussion_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The fact, without a dead link."""
    discussion = ref_of(payload["discussion"])
    gone = ref_link("discussion", Ref(discussion.number, discussion.title))
    return said(payload, delivery, "{who} deleted {ref}.", ref=gone)


@integration.handles("discussion", action="closed")
def on_discussion_closed(payload: Payload, delivery: Delivery) -> Message:
    """The fact, and the reason it was closed (as resolved, as outdated...)."""
    reason = CLOSE_REASONS.get(payload["discussion"]["state_reason"].string(default=""))
    if reason:
        return said(payload, delivery, "{who} closed {ref} {reason}.", reason=reason)
    return said(payload, delivery, "{who} closed {ref}.")


@integration.handles("discussion", action=("reopened", "pinned", "unpinned", "locked", "unlocked"))
def on_discussion_status(payload: Payload, delivery: Delivery) -> Message:
    """The fact."""
    return said(payload, delivery, "{who} {verb} {ref}.", verb=delivery.action)


@integration.handles("discussion", action=("labeled", "unlabeled"))
def on_discussion_labelled(payload: Payload, delivery: Delivery) -> Message:
    """The label added or removed."""
    return said(payload, delivery, "{who} {labelled} {ref}.", labelled=labelling(payload, delivery))


@integration.handles("discussion", action="category_changed")
def on_discussion_category_changed(payload: Payload, delivery: Delivery) -> Message:
    """The former category and the new one."""
    return said(
        payload,
        delivery,
        "{who} moved {ref} from {old} to {new}.",
        old=bold(payload["changes"]["category"]["from"]["name"].string(default="") or "?"),
        new=bold(payload["discussion"]["category"]["name"].string(default="") or "?"),
    )


@integration.handles("discussion", action="answered")
def on_discussion_answered(payload: Payload, delivery: Delivery) -> Message:
    """The comment marked as the answer, its author, and its text."""
    answer = payload["answer"]
    return said(
        payload,
        delivery,
        "{who} marked {answer} by {author} as the answer to {ref}:",
        body=answer["body"].string(default=None),
        **answer_fields(answer),
    )


@integration.handles("discussion", action="unanswered")
def on_discussion_unanswered(payload: Payload, delivery: Delivery) -> Message:
    """The comment no longer marked as the answer, and its author."""
    fields = answer_fields(payload["old_answer"])
    return said(
        payload, delivery, "{who} unmarked {answer} by {author} as the answer to {ref}.", **fields
    )


def answer_fields(answer: Payload) -> dict[str, Markdown]:
    url = answer["html_url"].string(default=None)
    shown = link("a comment", url) if url else Markdown("a comment")
    return {"answer": shown, "author": who(user_of(answer["user"]))}


@integration.handles("discussion", action="transferred")
def on_discussion_transferred(payload: Payload, delivery: Delivery) -> Message:
    """The repository it was moved to, and its new number there."""
    changes = payload["changes"]
    new = changes["new_discussion"]
    target = elsewhere(
        changes["new_repository"]["full_name"].string(),
        new["number"].integer(),
        new["html_url"].string(default=None),
    )
    return said(payload, delivery, "{who} transferred {ref} to {target}.", target=target)


# Comments -------------------------------------------------------------------------


def discussion_comment(payload: Payload, delivery: Delivery, text: str, verb: str) -> Message:
    url = payload["comment"]["html_url"].string(default=None)
    shown = link(verb, url) if url else Markdown(verb)
    return said(payload, delivery, "{who} {verb} on {ref}:", body=text, verb=shown)


@integration.handles("discussion_comment", action="created")
def on_discussion_comment(payload: Payload, delivery: Delivery) -> Message:
    """The comment, in the discussion's topic."""
    return discussion_comment(
        payload, delivery, payload["comment"]["body"].string(default=""), "commented"
    )


@integration.handles("discussion_comment", action="edited")
def on_discussion_comment_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The new text. **Nothing** when a comment is saved unchanged."""
    text = new_text(payload, payload["comment"])
    if text is None:
        return None
    return discussion_comment(payload, delivery, text, "edited a comment")


@integration.handles("discussion_comment", action="deleted")
def on_discussion_comment_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The fact, without the text or a dead link."""
    return said(payload, delivery, "{who} deleted a comment on {ref}.")
