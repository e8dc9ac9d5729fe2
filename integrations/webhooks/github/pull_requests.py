"""What only pull requests have: branches, merges, new commits, review requests, and reviews.

The actions pull requests share with issues (assigned, edited, locked...)
are answered in ``issues``. Reviews come as ``pull_request_review``; their
inline comments, one delivery each, as ``pull_request_review_comment``
(in ``comments``).
"""

from __future__ import annotations

from integrations.common.code_hosting import comment, pull_request, review, short, who
from integrations.core import Delivery, Markdown, Message, Payload, bold, code, link, md
from integrations.webhooks.github.declaration import integration
from integrations.webhooks.github.edits import new_text
from integrations.webhooks.github.issues import assigned_to, told
from integrations.webhooks.github.readers import ref_of, repo_of, sender_of, user_of


def branch_label(pr: Payload, side: str) -> str:
    """``head`` or ``base`` as a reader knows it: ``branch``, or ``owner:branch`` from a fork."""
    label = pr[side]["label"].string(default=None)
    # GitHub's oldest payloads name a branch only by its label, ``owner:branch``.
    ref = pr[side]["ref"].string(default=None) or (label or "").partition(":")[2]
    if not ref:
        ref = pr[side]["ref"].string()
    label = label or ref
    base = pr["base"]["label"].string(default=None) or ""
    same_owner = ":" not in label or label.partition(":")[0] == base.partition(":")[0]
    return ref if same_owner else label


@integration.handles("pull_request", action="opened")
def on_pull_request_opened(payload: Payload, delivery: Delivery) -> Message:
    """The pull request (or draft), its branches, its description and its assignees."""
    node = payload["pull_request"]
    pr = ref_of(node)
    return pull_request(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        pr,
        "opened draft" if node["draft"].boolean(default=False) else "opened",
        source=branch_label(node, "head"),
        target=branch_label(node, "base"),
        body=node["body"].string(default=None),
        detail=assigned_to(node),
    )


@integration.handles("pull_request", action="reopened")
def on_pull_request_reopened(payload: Payload, delivery: Delivery) -> Message:
    """The fact, and its assignees."""
    return told(payload, delivery, "reopened", detail=assigned_to(payload["pull_request"]))


@integration.handles("pull_request", action="closed")
def on_pull_request_closed(payload: Payload, delivery: Delivery) -> Message:
    """Merged (it arrives as `closed` with `merged: true`), with its branches, or closed without
    merging."""
    node = payload["pull_request"]
    pr = ref_of(node)
    repo = repo_of(payload["repository"], delivery)
    actor = sender_of(payload)
    if not node["merged"].boolean(default=False):
        return pull_request(repo, actor, pr, "closed", after="without merging")
    source, target = branch_label(node, "head"), branch_label(node, "base")
    return pull_request(repo, actor, pr, "merged", source=source, target=target)


@integration.handles("pull_request", action="synchronize")
def on_pull_request_synchronize(payload: Payload, delivery: Delivery) -> Message:
    """That new commits were pushed to it, linked to the comparison."""
    before, after = payload["before"].string(), payload["after"].string()
    compare = repo_of(payload["repository"], delivery).page("compare", f"{before}...{after}")
    label = f"{short(before)}...{short(after)}"
    shown = link(label, compare) if compare else code(label)
    detail = md("New commits: {range}.").format(range=shown)
    return told(payload, delivery, "pushed new commits to", detail=detail)


@integration.handles("pull_request", action="review_requested")
def on_review_requested(payload: Payload, delivery: Delivery) -> Message:
    """The person or team asked for a review."""
    team = payload["requested_team"]
    if team.exists():
        reviewer = md("the {team} team").format(team=bold(team["name"].string()))
    else:
        reviewer = who(user_of(payload["requested_reviewer"]))
    action = md("requested a review from {reviewer} on").format(reviewer=reviewer)
    return told(payload, delivery, action)


@integration.handles("pull_request", action="ready_for_review")
def on_ready_for_review(payload: Payload, delivery: Delivery) -> Message:
    """That the draft is ready for review."""
    return told(payload, delivery, "marked", after="as ready for review")


@integration.handles("pull_request", action="converted_to_draft")
def on_converted_to_draft(payload: Payload, delivery: Delivery) -> Message:
    """That it went back to being a draft."""
    return told(payload, delivery, "converted", after="to a draft")


MERGE_METHODS = {"merge": "merge", "squash": "squash and merge", "rebase": "rebase and merge"}


@integration.handles("pull_request", action="auto_merge_enabled")
def on_auto_merge_enabled(payload: Payload, delivery: Delivery) -> Message:
    """How it will be merged once its requirements are met."""
    method = payload["pull_request"]["auto_merge"]["merge_method"].string(default="")
    plan = f"It will {MERGE_METHODS.get(method, 'merge')} once its requirements are met."
    return told(payload, delivery, "enabled auto-merge for", detail=plan)


@integration.handles("pull_request", action="auto_merge_disabled")
def on_auto_merge_disabled(payload: Payload, delivery: Delivery) -> Message:
    """The fact, and why, when GitHub says."""
    reason = payload["reason"].string(default="").strip().rstrip(".")
    return told(
        payload, delivery, "disabled auto-merge for", detail=f"{reason}." if reason else None
    )


integration.ignores(
    "pull_request",
    action=(
        "labeled",
        "unlabeled",
        "milestoned",
        "demilestoned",
        "review_request_removed",
        "enqueued",
        "dequeued",
    ),
    reason="Bookkeeping, much of it done by bots: labels, milestones, withdrawn review requests "
    "and the merge queue's own comings and goings.",
)
integration.ignores(
    "pull_request",
    action="stacked",
    reason="Pull requests arranged into a stack (GitHub's stacked pull requests): each was "
    "posted when opened, with the branch it builds on, and is posted again when merged.",
)


# Reviews --------------------------------------------------------------------


@integration.handles("pull_request_review", action="submitted")
def on_review_submitted(payload: Payload, delivery: Delivery) -> Message | None:
    """The verdict (approved, changes requested, reviewed) and the review's text. **Nothing** for
    a review that only comments and has no text of its own: GitHub wraps each inline comment in
    one, and the comment arrives as a `pull_request_review_comment`."""
    node = payload["review"]
    body = node["body"].string(default=None)
    state = node["state"].string(default="commented").lower()
    if state == "commented" and not (body or "").strip():
        return None
    return reviewed(payload, delivery, state, body=body)


@integration.handles("pull_request_review", action="dismissed")
def on_review_dismissed(payload: Payload, delivery: Delivery) -> Message:
    """Whose review was dismissed, linked, without quoting it."""
    node = payload["review"]
    reviewer = user_of(node["user"])
    url = node["html_url"].string(default=None)
    shown = link("review", url) if url else Markdown("review")
    action = md("dismissed {reviewer}'s {review} of").format(reviewer=who(reviewer), review=shown)
    actor = sender_of(payload)
    if reviewer.name == actor.name:
        action = md("dismissed their own {review} of").format(review=shown)
    repo = repo_of(payload["repository"], delivery)
    return pull_request(repo, actor, ref_of(payload["pull_request"]), action)


@integration.handles("pull_request_review", action="edited")
def on_review_edited(payload: Payload, delivery: Delivery) -> Message | None:
    """The new text. **Nothing** for the `edited` delivery without changes GitHub sends after
    every review."""
    node = payload["review"]
    text = new_text(payload, node)
    if text is None:
        return None
    return comment(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        ref_of(payload["pull_request"]),
        "PR",
        text,
        url=node["html_url"].string(default=None),
        verb="edited a review",
    )


def reviewed(
    payload: Payload, delivery: Delivery, state: str, *, body: str | None = None
) -> Message:
    return review(
        repo_of(payload["repository"], delivery),
        sender_of(payload),
        ref_of(payload["pull_request"]),
        state,
        body=body,
        url=payload["review"]["html_url"].string(default=None),
    )


integration.ignores(
    "pull_request_review_thread",
    reason="Resolving or reopening a conversation of a review is the review's bookkeeping; "
    "its comments are posted as they are written.",
)
