"""Zulip's names for GitHub's deliveries, so ``only_events`` and ``exclude_events`` move over.

Zulip's own GitHub integration filters on names of its own:
``opened_pull_request`` for a pull request opened or reopened,
``push_commits`` for a push to a branch, the action itself for a
sponsorship... A URL that lists them filters the same deliveries here; the
names GitHub sends (``pull_request``, ``pull_request.opened``) work too.
"""

from __future__ import annotations

from collections.abc import Iterable

from integrations.core import Delivery, Payload

# (event, action) -> Zulip's name, where Zulip names actions of an event apart.
BY_ACTION = {
    **dict.fromkeys(
        [("pull_request", "opened"), ("pull_request", "reopened")], "opened_pull_request"
    ),
    **dict.fromkeys(
        [("pull_request", "synchronize"), ("pull_request", "edited")], "updated_pull_request"
    ),
    **dict.fromkeys(
        [("pull_request", "assigned"), ("pull_request", "unassigned")],
        "assigned_or_unassigned_pull_request",
    ),
    ("pull_request", "closed"): "closed_pull_request",
    ("pull_request", "review_requested"): "pull_request_review_requested",
    ("pull_request", "ready_for_review"): "pull_request_ready_for_review",
    **dict.fromkeys(
        [("pull_request", "locked"), ("pull_request", "unlocked")],
        "locked_or_unlocked_pull_request",
    ),
    **dict.fromkeys(
        [("pull_request", "auto_merge_enabled"), ("pull_request", "auto_merge_disabled")],
        "pull_request_auto_merge",
    ),
    **dict.fromkeys([("issues", "labeled"), ("issues", "unlabeled")], "issue_labeled_or_unlabeled"),
    **dict.fromkeys(
        [("issues", "milestoned"), ("issues", "demilestoned")],
        "issue_milestoned_or_demilestoned",
    ),
    ("issues", "transferred"): "issues_transferred",
}

# Events Zulip names after their header whatever the action.
BY_EVENT = {
    "issues": "issues",
    "pull_request_review": "pull_request_review",
    "pull_request_review_comment": "pull_request_review_comment",
    "check_run": "check_run",
    "team": "team",
    **{
        event: event
        for event in [
            "commit_comment",
            "create",
            "delete",
            "deployment",
            "deployment_status",
            "discussion",
            "discussion_comment",
            "fork",
            "gollum",
            "issue_comment",
            "member",
            "membership",
            "page_build",
            "ping",
            "public",
            "release",
            "repository",
            "star",
            "status",
            "team_add",
            "watch",
        ]
    },
}


def zulip_names(payload: Payload, delivery: Delivery) -> Iterable[str]:
    """The name Zulip's GitHub integration gives this delivery, if it has one."""
    event, action = delivery.event, delivery.action
    if event == "push":
        # Zulip tells a push to a branch from one of a tag by its ref.
        branch = payload["ref"].string(default="").startswith("refs/heads/")
        return ["push_commits" if branch else "push_tags"]
    if event == "sponsorship":
        # Zulip's sponsorship names are the actions: created, cancelled...
        return [action]
    if (event, action) == ("issues", "opened") and payload["changes"]["old_issue"].exists():
        return ["issues_opened_via_transfer"]
    name = BY_ACTION.get((event, action)) or BY_EVENT.get(event)
    return [name] if name else []
