"""Issues, and the actions GitHub sends alike for issues and pull requests.

GitHub sends some actions the same way for issues (``issues``) and pull
requests (``pull_request``): assigned, unassigned, edited, locked and
unlocked. Their handlers here answer both events and write in the topic of
the issue or the pull request; what only pull requests do is in
``pull_requests``.
"""

from __future__ import annotations

from integrations.common.code_hosting import Ref, edited, issue, people, pull_request, who
from integrations.common.code_hosting.github_style import (
    ISSUES_AND_PULL_REQUESTS,
    is_pull,
    item_of,
)
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.edits import edits_of
from integrations.webhooks.github.readers import (
    assignees_of,
    ref_of,
    repo_of,
    sender_of,
    user_of,
)

# Closing reasons GitHub records for issues and discussions, as a reader would say them.
CLOSE_REASONS = {
    "completed": "as completed",
    "not_planned": "as not planned",
    "duplicate": "as a duplicate",
    "resolved": "as resolved",
    "outdated": "as outdated",
}


def about_pull(payload: Payload, delivery: Delivery) -> bool:
    """Whether the delivery is about a pull request. GitHub also sends some ``issues`` actions
    (a milestone set or removed) for pull requests: their issue then carries ``pull_request``."""
    return is_pull(delivery) or payload["issue"]["pull_request"].exists()


def told(
    payload: Payload,
    delivery: Delivery,
    action: Markdown | str,
    *,
    detail: Markdown | str | None = None,
    after: Markdown | str | None = None,
) -> Message:
    """A message about the issue or pull request, in its topic."""
    repo = repo_of(payload["repository"], delivery)
    actor = sender_of(payload)
    build = pull_request if about_pull(payload, delivery) else issue
    return build(
        repo, actor, ref_of(item_of(payload, delivery)), action, detail=detail, after=after
    )


def assigned_to(item: Payload) -> Markdown | None:
    """The sentence naming who an issue or pull request was opened with as assignees."""
    assignees = assignees_of(item)
    if not assignees:
        return None
    return md("Assigned to {names}.").format(names=people([user.name for user in assignees]))


def elsewhere(repo_name: str, number: int, url: str | None) -> Markdown:
    """``owner/repo#4``, linked: an issue or discussion in another repository."""
    label = f"{repo_name}#{number}"
    return link(label, url) if url else code(label)


LABELLING = {"labeled": "added the label {label} to", "unlabeled": "removed the label {label} from"}


def labelling(payload: Payload, delivery: Delivery) -> Markdown:
    """The words before the reference: "added the label `bug` to", "removed ... from"."""
    template = LABELLING[delivery.action]
    return md(template).format(label=code(payload["label"]["name"].string(default="") or "?"))


# What only issues do -------------------------------------------------------


@integration.handles("issues", action="opened")
def on_issue_opened(payload: Payload, delivery: Delivery) -> Message:
    """The issue, its description and its assignees. An issue moved in from another repository
    arrives as `opened` and says where it came from."""
    repo = repo_of(payload["repository"], delivery)
    actor = sender_of(payload)
    node = payload["issue"]
    item = ref_of(node)
    # GitHub tells a transfer from the new repository's side only by this.
    old = payload["changes"]["old_issue"]
    if old.exists():
        source = elsewhere(
            payload["changes"]["old_repository"]["full_name"].string(),
            old["number"].integer(),
            old["html_url"].string(default=None),
        )
        return issue(repo, actor, item, "moved", after=md("here from {}").format(source))
    body = node["body"].string(default=None)
    return issue(repo, actor, item, "opened", body=body, detail=assigned_to(node))


@integration.handles("issues", action="closed")
def on_issue_closed(payload: Payload, delivery: Delivery) -> Message:
    """The fact, and the reason it was closed (as completed, as not planned...)."""
    reason = CLOSE_REASONS.get(payload["issue"]["state_reason"].string(default=""))
    return told(payload, delivery, "closed", after=reason)


@integration.handles("issues", action=("reopened", "pinned", "unpinned"))
def on_issue_status(payload: Payload, delivery: Delivery) -> Message:
    """The fact."""
    return told(payload, delivery, delivery.action)


@integration.handles("issues", action="deleted")
def on_issue_deleted(payload: Payload, delivery: Delivery) -> Message:
    """The fact, in the issue's topic, without a link to the page that is gone."""
    gone = ref_of(payload["issue"])
    unlinked = Ref(gone.number, gone.title)
    return issue(repo_of(payload["repository"], delivery), sender_of(payload), unlinked, "deleted")


@integration.handles("issues", action=("typed", "untyped"))
def on_issue_typed(payload: Payload, delivery: Delivery) -> Message:
    """The type given to the issue (bug, feature, task...) or taken from it."""
    kind = payload["type"]["name"].string(default="") or payload["issue"]["type"]["name"].string(
        default=""
    )
    if delivery.action == "untyped":
        removed = (
            md("removed the type {} from").format(bold(kind)) if kind else "removed the type of"
        )
        return told(payload, delivery, removed)
    return told(payload, delivery, "set the type of", after=md("to {}").format(bold(kind or "?")))


@integration.handles("issues", action="transferred")
def on_issue_transferred(payload: Payload, delivery: Delivery) -> Message:
    """The repository it was moved to, and its new number there."""
    changes = payload["changes"]
    new = changes["new_issue"]
    target = elsewhere(
        changes["new_repository"]["full_name"].string(),
        new["number"].integer(),
        new["html_url"].string(default=None),
    )
    return told(payload, delivery, "transferred", after=md("to {}").format(target))


@integration.handles("issues", action=("labeled", "unlabeled"))
def on_issue_labelled(payload: Payload, delivery: Delivery) -> Message:
    """The label added or removed."""
    return told(payload, delivery, labelling(payload, delivery))


MILESTONING = {"milestoned": ("added", "to"), "demilestoned": ("removed", "from")}


@integration.handles("issues", action=("milestoned", "demilestoned"))
def on_issue_milestoned(payload: Payload, delivery: Delivery) -> Message:
    """The milestone it was added to or removed from (a pull request's, in its topic)."""
    milestone = payload["milestone"]
    if not milestone.exists():
        # GitHub Enterprise Server's older payloads name it only on the issue, once added.
        milestone = payload["issue"]["milestone"]
    title = milestone["title"].string(default="")
    url = milestone["html_url"].string(default=None)
    verb, preposition = MILESTONING[delivery.action]
    if not title:
        return told(payload, delivery, verb, after=f"{preposition} its milestone")
    after = md("{} the milestone {}").format(preposition, link(title, url) if url else bold(title))
    return told(payload, delivery, verb, after=after)


# What issues and pull requests both do ---------------------------------------

ASSIGNMENT = {"assigned": "assigned {whom} to", "unassigned": "unassigned {whom} from"}


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action=("assigned", "unassigned"))
def on_assignment(payload: Payload, delivery: Delivery) -> Message:
    """Who was assigned or unassigned."""
    actor = sender_of(payload)
    assignee = user_of(payload["assignee"])
    whom = md("themselves") if assignee.name == actor.name else who(assignee)
    template = ASSIGNMENT[delivery.action]
    return told(payload, delivery, md(template).format(whom=whom))


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="edited")
def on_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The former title, the new description, or a pull request's new target branch; an edit
    that changed several of them says "updated" and lists them. **Nothing** for an edit that
    changed nothing visible."""
    item = item_of(payload, delivery)
    kind = "PR" if about_pull(payload, delivery) else "issue"
    repo = repo_of(payload["repository"], delivery)
    return edited(repo, sender_of(payload), ref_of(item), kind, edits_of(payload, item))


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="locked")
def on_locked(payload: Payload, delivery: Delivery) -> Message:
    """The fact, and the reason given."""
    reason = item_of(payload, delivery)["active_lock_reason"].string(default=None)
    return told(payload, delivery, "locked", detail=f"Reason: {reason}." if reason else None)


@integration.handles(*ISSUES_AND_PULL_REQUESTS, action="unlocked")
def on_unlocked(payload: Payload, delivery: Delivery) -> Message:
    """The fact."""
    return told(payload, delivery, "unlocked")
