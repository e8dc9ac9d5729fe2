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
from integrations.webhooks.gitlab.readers import PUBLIC, is_confidential, visibility_of

# The events whose header says they are not for everyone.
CONFIDENTIAL_EVENTS = frozenset({"Confidential Issue Hook", "Confidential Note Hook"})


def is_public(payload: Payload, delivery: Delivery) -> bool:
    """Only a public project's events are public.

    Internal projects are visible to every signed-in user, not to everyone;
    confidential issues and comments are private even in a public project;
    a group's events do not say how visible the group is.
    """
    if delivery.event in CONFIDENTIAL_EVENTS or is_confidential(payload):
        return False
    return visibility_of(payload) == PUBLIC


# ``System Hook`` and ``Test Hook`` only say where a request comes from; the
# payload names its event (``event_name``, ``object_kind``), which is then
# routed as the header GitLab sends for it from a project webhook.

# What an instance's system hook sends about repositories.
SYSTEM_EVENTS = {
    "push": "Push Hook",
    "tag_push": "Tag Push Hook",
    "merge_request": "Merge Request Hook",
    # Not a header GitLab sends: declared so the system hook's follow-up of a push is known.
    "repository_update": "Repository Update Hook",
}

# The samples GitLab's "Test" button sends, by their ``object_kind``.
SAMPLE_EVENTS = {
    "push": "Push Hook",
    "tag_push": "Tag Push Hook",
    "merge_request": "Merge Request Hook",
    "issue": "Issue Hook",
    "work_item": "Issue Hook",
    "note": "Note Hook",
    "pipeline": "Pipeline Hook",
    "build": "Job Hook",
    "wiki_page": "Wiki Page Hook",
    "release": "Release Hook",
    "deployment": "Deployment Hook",
    "emoji": "Emoji Hook",
    "feature_flag": "Feature Flag Hook",
    "milestone": "Milestone Hook",
    "access_token": "Resource Access Token Hook",
}


def system_event(payload: Payload) -> str:
    """A system hook's event: pushes, tag pushes and merge requests post as a project's do.

    Its project, user, group and key events have no topic here: they stay
    unsupported, named as ``System Hook project_create``.
    """
    # Merge request events have no event_name; the others have both.
    kind = payload["event_name"].string(default=None) or payload["object_kind"].string()
    return SYSTEM_EVENTS.get(kind, f"System Hook {kind}")


def sample_event(payload: Payload) -> str:
    """A sample's event, by its ``object_kind``: it posts as that event."""
    # object_kind first: an access token's event_name is "expiring_access_token".
    kind = payload["object_kind"].string(default=None) or payload["event_name"].string()
    return SAMPLE_EVENTS.get(kind, f"Test Hook {kind}")


integration = code_host(
    name="gitlab",
    display_name="GitLab",
    description="Pushes, merge requests, issues, comments, pipelines and releases from GitLab.",
    # GitLab names the trigger in this header: "Push Hook", "Merge Request Hook"...
    events=HeaderEvent(
        "X-Gitlab-Event", from_payload={"System Hook": system_event, "Test Hook": sample_event}
    ),
    # What happened to a merge request, issue, comment or wiki page is in
    # object_attributes.action; CI runs and deployments have a status.
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
        },
        # Samples from GitLab's "Test" button may lack the action of a merge
        # request or issue, and comments only have one since GitLab 16.11.
        when_missing={
            "Merge Request Hook": "open",
            "Issue Hook": "open",
            "Confidential Issue Hook": "open",
            "Note Hook": "create",
            "Confidential Note Hook": "create",
        },
    ),
    # GitLab does not sign the body; it sends the webhook's secret token itself.
    signature=TokenHeader("X-Gitlab-Token"),
    is_public=is_public,
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
    # What a project's Settings, Webhooks page calls each event.
    triggers={
        "Push Hook": "Push events",
        "Tag Push Hook": "Tag push events",
        "Merge Request Hook": "Merge request events",
        "Issue Hook": "Issues events",
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
        "Test Hook": "a sample sent by Test",
    },
)
