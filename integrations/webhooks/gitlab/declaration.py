"""The GitLab webhook, declared once: events, actions, secret token, options, fixtures."""

from __future__ import annotations

from integrations.common.code_hosting import code_host
from integrations.core import (
    Actions,
    Delivery,
    FixtureEvents,
    HeaderEvent,
    Payload,
    TokenHeader,
)
from integrations.core.fixtures import title_words
from integrations.webhooks.gitlab.filters import zulip_names
from integrations.webhooks.gitlab.options import PIPELINE_PROGRESS, USE_MERGE_REQUEST_TITLE
from integrations.webhooks.gitlab.readers import PUBLIC, is_confidential, visibility_of

# The events whose header says they are not for everyone.
CONFIDENTIAL_EVENTS = frozenset({"Confidential Issue Hook", "Confidential Note Hook"})


def is_public(payload: Payload, delivery: Delivery) -> bool:
    """Only a public project's events are public.

    Internal projects are visible to every signed-in user, not to everyone;
    confidential issues and comments are private even in a public project;
    a group's events, and an instance's, do not say how visible they are.
    """
    if delivery.event in CONFIDENTIAL_EVENTS or is_confidential(payload):
        return False
    # Project and membership events of groups and system hooks say it in words.
    if payload["project_visibility"].exists():
        return payload["project_visibility"].string(default="") == "public"
    return visibility_of(payload) == PUBLIC


# ``System Hook`` only says where a request comes from: the payload names its
# event (``event_name``, or ``object_kind`` for merge requests), which is then
# routed as the event a project's or group's webhook sends for it.

# What a system hook sends about repositories, as a project's webhook does.
REPOSITORY_EVENTS = {
    "push": "Push Hook",
    "tag_push": "Tag Push Hook",
    "merge_request": "Merge Request Hook",
    # Not a header GitLab sends: Zulip's name for the system hook's follow-up of a push.
    "repository_update": "Repository Update Hook",
}


def system_event(payload: Payload) -> str:
    """A system hook's event: repository events as a project's, project and membership events
    as a group's (same payloads), the instance's own (users, groups, keys) as ``System Hook``."""
    kind = payload["event_name"].string(default=None) or payload["object_kind"].string(default=None)
    if kind in REPOSITORY_EVENTS:
        return REPOSITORY_EVENTS[kind]
    if kind and kind.startswith("project_"):
        return "Project Hook"
    if kind and kind.startswith("user_") and kind.endswith(("_group", "_team", "_project")):
        return "Member Hook"
    return "System Hook"


integration = code_host(
    name="gitlab",
    display_name="GitLab",
    description="Pushes, merge requests, issues, comments, pipelines and releases from GitLab.",
    # GitLab names the trigger in this header: "Push Hook", "Merge Request Hook"...
    events=HeaderEvent("X-Gitlab-Event", from_payload={"System Hook": system_event}),
    # What happened to a merge request, issue, comment or wiki page is in
    # object_attributes.action; CI runs and deployments have a status; the
    # events of groups and system hooks name what happened in event_name.
    actions=Actions(
        "object_attributes.action",
        per_event={
            "Pipeline Hook": "object_attributes.status",
            "Job Hook": "build_status",
            "Build Hook": "build_status",
            "Deployment Hook": "status",
            "Release Hook": "action",
            "Milestone Hook": "action",
            "Emoji Hook": "event_type",
            "Member Hook": "event_name",
            "Project Hook": "event_name",
            "Subgroup Hook": "event_name",
            "System Hook": "event_name",
        },
        # Samples from GitLab's "Test" button may lack the action of a merge
        # request or issue, and comments only have one since GitLab 16.11.
        # Only the member approvals of GitLab's newer schema lack an event_name.
        when_missing={
            "Merge Request Hook": "open",
            "Issue Hook": "open",
            "Confidential Issue Hook": "open",
            "Note Hook": "create",
            "Confidential Note Hook": "create",
            "System Hook": "gitlab_subscription_member_approval",
        },
    ),
    # GitLab does not sign the body; it sends the webhook's secret token itself.
    signature=TokenHeader("X-Gitlab-Token"),
    is_public=is_public,
    filter_names=zulip_names,
    options=[USE_MERGE_REQUEST_TITLE, PIPELINE_PROGRESS],
    # ``merge_request_hook__merge_request_merged.json`` is a "Merge Request
    # Hook"; the files below do not follow that rule (each is the event its
    # examples send; build_succeeded.json is also shown as a "Build Hook").
    fixture_events=FixtureEvents(
        title_words,
        files={
            "build_created": "Job Hook",
            "build_started": "Job Hook",
            "build_succeeded": "Job Hook",
            "issue_hook__confidential_issue_closed": "Confidential Issue Hook",
            "issue_hook__confidential_issue_created_with_assignee": "Confidential Issue Hook",
            "issue_hook__confidential_issue_created_with_hidden_comment_in_description": (
                "Confidential Issue Hook"
            ),
            "issue_hook__confidential_issue_created_without_assignee": "Confidential Issue Hook",
            "issue_hook__confidential_issue_reopened": "Confidential Issue Hook",
            "issue_hook__confidential_issue_updated": "Confidential Issue Hook",
            "note_hook__confidential_issue_note": "Confidential Note Hook",
            "repository_update": "System Hook",
        },
    ),
    # What a project's or group's Settings, Webhooks page calls each event.
    triggers={
        "Push Hook": "Push events",
        "Tag Push Hook": "Tag push events",
        "Merge Request Hook": "Merge request events",
        "Issue Hook": "Issues events (work items too)",
        "Confidential Issue Hook": "Confidential issues events",
        "Note Hook": "Comments",
        "Confidential Note Hook": "Confidential comments",
        "Pipeline Hook": "Pipeline events",
        "Job Hook": "Job events",
        "Build Hook": "Job events, in older GitLab",
        "Wiki Page Hook": "Wiki page events",
        "Release Hook": "Releases events",
        "Deployment Hook": "Deployment events",
        "Feature Flag Hook": "Feature flag events",
        "Milestone Hook": "Milestone events",
        "Emoji Hook": "Emoji events",
        "Resource Access Token Hook": "Project or group access token events",
        "Resource Deploy Token Hook": "Project or group deploy token events",
        "Vulnerability Hook": "Vulnerability events",
        "Member Hook": "Member events (group webhooks), or a system hook",
        "Project Hook": "Project events (group webhooks), or a system hook",
        "Subgroup Hook": "Subgroup events (group webhooks)",
        "System Hook": "a system hook (Admin, System hooks)",
        "Test Hook": "a sample sent by Test, in older GitLab",
    },
)
