"""Issues, discussions and comments on discussions."""

from __future__ import annotations

from integrations.common.code_hosting import (
    Ref,
    Repo,
    User,
    issue,
    issue_topic,
    people,
    ref_link,
    who,
)
from integrations.core import Markdown, Message, Payload, WebhookRequest, bold, code, link
from integrations.webhooks.github.common import (
    action_of,
    edit_notes,
    handles,
    message,
    ref_of,
    repo_of,
    sender_of,
    sentence,
    unsupported,
    user_of,
)
from integrations.webhooks.github.pulls import assignees_of, assignment, comment_message

# Closing reasons GitHub records, as a reader would say them.
CLOSE_REASONS = {
    "completed": "as completed",
    "not_planned": "as not planned",
    "duplicate": "as a duplicate",
    "resolved": "as resolved",
    "outdated": "as outdated",
}

SIMPLE_ISSUE_ACTIONS = frozenset({"reopened", "deleted", "pinned", "unpinned", "unlocked"})


def elsewhere(repo_name: str, number: int, url: str | None) -> Markdown:
    """``owner/repo#4``, linked: an issue or discussion in another repository."""
    label = f"{repo_name}#{number}"
    return link(label, url) if url else code(label)


def labelling(payload: Payload, action: str) -> Markdown:
    """The words before the reference: "added the label `bug` to", "removed ... from"."""
    template = (
        "added the label {label} to" if action == "labeled" else "removed the label {label} from"
    )
    return sentence(template, label=code(payload["label"]["name"].string()))


def about(topic: str, template: str, **fields: object) -> Message:
    return message(topic, sentence(template, **fields))


@handles("issues")
def on_issues(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    repo = repo_of(payload)
    actor = sender_of(payload)
    node = payload["issue"]
    item = ref_of(node)
    topic = issue_topic(repo, item)
    ref = ref_link("issue", item)
    if action == "opened":
        old = payload["changes"]["old_issue"]
        if old.exists():
            source = elsewhere(
                payload["changes"]["old_repository"]["full_name"].string(),
                old["number"].integer(),
                old["html_url"].string(None),
            )
            return about(
                topic,
                "{who} moved {ref} here from {source}.",
                who=who(actor),
                ref=ref,
                source=source,
            )
        assignees = assignees_of(node)
        detail = (
            sentence("Assigned to {names}.", names=people([user.name for user in assignees]))
            if assignees
            else None
        )
        return issue(repo, actor, item, "opened", body=node["body"].string(None), detail=detail)
    if action == "transferred":
        new = payload["changes"]["new_issue"]
        target = elsewhere(
            payload["changes"]["new_repository"]["full_name"].string(),
            new["number"].integer(),
            new["html_url"].string(None),
        )
        return about(
            topic, "{who} transferred {ref} to {target}.", who=who(actor), ref=ref, target=target
        )
    if action == "closed":
        reason = CLOSE_REASONS.get(node["state_reason"].string(""))
        if reason:
            return about(
                topic, "{who} closed {ref} {reason}.", who=who(actor), ref=ref, reason=reason
            )
        return issue(repo, actor, item, "closed")
    if action in SIMPLE_ISSUE_ACTIONS:
        return issue(repo, actor, item, action)
    if action == "locked":
        reason = node["active_lock_reason"].string(None)
        return issue(repo, actor, item, "locked", detail=f"Reason: {reason}." if reason else None)
    if action == "edited":
        notes, body = edit_notes(payload, node)
        if not notes and body is None:
            return None
        detail = Markdown("\n\n").join(notes) if notes else None
        return issue(repo, actor, item, "edited", detail=detail, body=body)
    if action in ("assigned", "unassigned"):
        return issue(repo, actor, item, assignment(payload, actor, action))
    if action in ("labeled", "unlabeled"):
        return issue(repo, actor, item, labelling(payload, action))
    if action in ("milestoned", "demilestoned"):
        milestone = payload["milestone"]
        title = milestone["title"].string()
        url = milestone["html_url"].string(None)
        shown = link(title, url) if url else bold(title)
        template = (
            "{who} added {ref} to the milestone {milestone}."
            if action == "milestoned"
            else "{who} removed {ref} from the milestone {milestone}."
        )
        return about(topic, template, who=who(actor), ref=ref, milestone=shown)
    raise unsupported("issues", action)


# Discussions ----------------------------------------------------------------


def discussion_topic(repo: Repo, discussion: Ref) -> str:
    return f"{repo.name} / discussion #{discussion.number} {discussion.title}"


SIMPLE_DISCUSSION_ACTIONS = frozenset({"reopened", "pinned", "unpinned", "locked", "unlocked"})


@handles("discussion")
def on_discussion(payload: Payload, request: WebhookRequest) -> Message | None:
    action = action_of(payload)
    repo = repo_of(payload)
    actor = sender_of(payload)
    node = payload["discussion"]
    discussion = ref_of(node)
    topic = discussion_topic(repo, discussion)
    ref = ref_link("discussion", discussion)
    if action == "created":
        category = bold(node["category"]["name"].string())
        return message(
            topic,
            sentence(
                "{who} started {ref} in {category}.", who=who(actor), ref=ref, category=category
            ),
            body=node["body"].string(None),
        )
    if action == "deleted":
        gone = ref_link("discussion", Ref(discussion.number, discussion.title))
        return about(topic, "{who} deleted {ref}.", who=who(actor), ref=gone)
    if action == "closed":
        reason = CLOSE_REASONS.get(node["state_reason"].string(""))
        template = "{who} closed {ref} {reason}." if reason else "{who} closed {ref}."
        return about(topic, template, who=who(actor), ref=ref, reason=reason or "")
    if action in SIMPLE_DISCUSSION_ACTIONS:
        return about(topic, "{who} {verb} {ref}.", who=who(actor), verb=action, ref=ref)
    if action == "edited":
        notes, body = edit_notes(payload, node)
        if not notes and body is None:
            return None
        return message(
            topic, sentence("{who} edited {ref}.", who=who(actor), ref=ref), *notes, body=body
        )
    if action in ("labeled", "unlabeled"):
        return about(
            topic,
            "{who} {labelled} {ref}.",
            who=who(actor),
            labelled=labelling(payload, action),
            ref=ref,
        )
    if action == "category_changed":
        return about(
            topic,
            "{who} moved {ref} from {old} to {new}.",
            who=who(actor),
            ref=ref,
            old=bold(payload["changes"]["category"]["from"]["name"].string()),
            new=bold(node["category"]["name"].string()),
        )
    if action == "answered":
        return _answer(topic, actor, ref, payload["answer"], marked=True)
    if action == "unanswered":
        return _answer(topic, actor, ref, payload["old_answer"], marked=False)
    if action == "transferred":
        new = payload["changes"]["new_discussion"]
        target = elsewhere(
            payload["changes"]["new_repository"]["full_name"].string(),
            new["number"].integer(),
            new["html_url"].string(None),
        )
        return about(
            topic, "{who} transferred {ref} to {target}.", who=who(actor), ref=ref, target=target
        )
    raise unsupported("discussion", action)


def _answer(topic: str, actor: User, ref: Markdown, answer: Payload, *, marked: bool) -> Message:
    """The answer is quoted when it is marked, not when it is unmarked."""
    url = answer["html_url"].string(None)
    shown = link("a comment", url) if url else Markdown("a comment")
    template = (
        "{who} marked {answer} by {author} as the answer to {ref}:"
        if marked
        else "{who} unmarked {answer} by {author} as the answer to {ref}."
    )
    head = sentence(
        template, who=who(actor), answer=shown, author=who(user_of(answer["user"])), ref=ref
    )
    return message(topic, head, body=answer["body"].string(None) if marked else None)


@handles("discussion_comment")
def on_discussion_comment(payload: Payload, request: WebhookRequest) -> Message | None:
    repo = repo_of(payload)
    discussion = ref_of(payload["discussion"])
    return comment_message(
        payload,
        "discussion_comment",
        repo,
        discussion,
        "discussion",
        discussion_topic(repo, discussion),
    )
