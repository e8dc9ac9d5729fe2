"""The Bitbucket Cloud webhook, declared once: events, signature, options, fixtures."""

from __future__ import annotations

from integrations.common.code_hosting import code_host
from integrations.core import (
    Actions,
    Delivery,
    FixtureEvents,
    HeaderEvent,
    HmacSignature,
    Payload,
)
from integrations.webhooks.bitbucket.filters import zulip_names


def is_public(payload: Payload, delivery: Delivery) -> bool:
    """Only a repository that says it is not private is public; one that does not say is not."""
    return payload["repository"]["is_private"].boolean(default=None) is False


# A build status's state decides whether it is news: the result, or a build still running.
BUILD_STATE = "commit_status.state"

integration = code_host(
    name="bitbucket",
    # Zulip's own integration for Bitbucket Cloud is "bitbucket2": its URLs keep working.
    aliases=["bitbucket2"],
    # Bitbucket encodes the URL's stream and topic twice; Zulip decodes them again.
    unquote_url_parameters=True,
    display_name="Bitbucket Cloud",
    description="Pushes, pull requests, issues, comments and build statuses from Bitbucket Cloud.",
    # Bitbucket Cloud names every event in this header, action included:
    # repo:push, pullrequest:created... so each key is routed as a whole.
    events=HeaderEvent("X-Event-Key"),
    actions=Actions(
        per_event={
            "repo:commit_status_created": BUILD_STATE,
            "repo:commit_status_updated": BUILD_STATE,
        }
    ),
    # With a secret set on the webhook, Bitbucket signs the raw body: sha256=<hex HMAC>.
    signature=HmacSignature("X-Hub-Signature", "sha256", prefix="sha256="),
    is_public=is_public,
    # only_events/exclude_events also know Zulip's names: push, pull_request_fulfilled...
    filter_names=zulip_names,
    # The fixtures' names do not name their event; each is sent with the
    # X-Event-Key its content shows (see fixtures/NOTICE.md).
    fixture_events=FixtureEvents(
        None,
        files={
            "commit_comment_created": "repo:commit_comment_created",
            "commit_comment_created_hash_only": "repo:commit_comment_created",
            "commit_status_changed": "repo:commit_status_created",
            "force_push": "repo:push",
            "fork": "repo:fork",
            "issue_commented": "issue:comment_created",
            "issue_created": "issue:created",
            "issue_updated": "issue:updated",
            "more_than_one_push_event": "repo:push",
            "pull_request_approved_or_unapproved": "pullrequest:approved",
            "pull_request_comment_action": "pullrequest:comment_created",
            "pull_request_created_or_updated": "pullrequest:created",
            "pull_request_created_or_updated_without_username": "pullrequest:created",
            "pull_request_fulfilled_or_rejected": "pullrequest:rejected",
            "push": "repo:push",
            "push_commits_above_limit": "repo:push",
            "push_more_than_one_tag": "repo:push",
            "push_multiple_committers": "repo:push",
            "push_multiple_committers_with_others": "repo:push",
            "push_one_tag": "repo:push",
            "push_remove_tag": "repo:push",
            "push_without_changes": "repo:push",
            "remove_branch": "repo:push",
            "repo_updated": "repo:updated",
        },
    ),
    # What the webhook's Triggers list calls each key.
    triggers={
        "repo:push": "Repository: Push",
        "repo:fork": "Repository: Fork",
        "repo:updated": "Repository: Updated",
        "repo:transfer": "Repository: Transfer accepted",
        "repo:commit_comment_created": "Repository: Commit comment created",
        "repo:commit_status_created": "Repository: Build status created",
        "repo:commit_status_updated": "Repository: Build status updated",
        "pullrequest:created": "Pull request: Created",
        "pullrequest:updated": "Pull request: Updated",
        "pullrequest:approved": "Pull request: Approved",
        "pullrequest:unapproved": "Pull request: Approval removed",
        "pullrequest:changes_request_created": "Pull request: Changes request created",
        "pullrequest:changes_request_removed": "Pull request: Changes request removed",
        "pullrequest:fulfilled": "Pull request: Merged",
        "pullrequest:rejected": "Pull request: Declined",
        "pullrequest:comment_created": "Pull request: Comment created",
        "pullrequest:comment_updated": "Pull request: Comment updated",
        "pullrequest:comment_deleted": "Pull request: Comment deleted",
        "pullrequest:comment_resolved": "Pull request: Comment resolved",
        "pullrequest:comment_reopened": "Pull request: Comment reopened",
        "issue:created": "Issue: Created",
        "issue:updated": "Issue: Updated",
        "issue:comment_created": "Issue: Comment created",
    },
)
