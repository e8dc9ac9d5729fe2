"""The GitHub webhook, declared once: events, actions, signature, options, fixtures."""

from __future__ import annotations

from integrations.common.code_hosting import code_host
from integrations.core import (
    Actions,
    Delivery,
    FixtureEvents,
    FlagOption,
    HeaderEvent,
    HmacSignature,
    Payload,
    form_field_json,
)
from integrations.webhooks.github.filters import zulip_names

# Zulip's own option, kept so its URLs work here as they are.
INCLUDE_REPOSITORY_NAME = FlagOption(
    "include_repository_name",
    help="Name the repository in every push message, for a channel several repositories share.",
)


def is_public(payload: Payload, delivery: Delivery) -> bool:
    """Only a repository that says ``private: false`` and a ``public`` visibility is public.

    Internal repositories (every member of an enterprise may see them) have
    ``private: true`` and ``visibility: internal``; older payloads carry no
    ``visibility``, which then means public. Events about an organization, a
    team or a sponsorship carry no repository at all: they do not say, so
    they are not public, and the option never leaks what it was asked to hide.
    """
    repository = payload["repository"]
    private = repository["private"].boolean(default=None)
    return private is False and repository["visibility"].string(default="public") == "public"


# GitHub Sponsors fixtures are named after their action; each is a ``sponsorship``.
SPONSORSHIP_FIXTURES = (
    "cancelled",
    "created",
    "edited",
    "pending_cancellation",
    "pending_tier_change",
    "tier_changed",
)

integration = code_host(
    name="github",
    display_name="GitHub",
    description="Pushes, pull requests, issues, discussions, releases, checks and security alerts "
    "from GitHub.",
    events=HeaderEvent("X-GitHub-Event"),
    actions=Actions(
        "action",
        # A commit status and a deployment status say what happened in their state.
        per_event={"status": "state", "deployment_status": "deployment_status.state"},
        # Older deliveries of these carried no action: they were all creations.
        when_missing={"commit_comment": "created", "deployment": "created"},
    ),
    options=[INCLUDE_REPOSITORY_NAME],
    filter_names=zulip_names,
    # Zulip lists GitHub Sponsors as an integration of its own, on the same URL.
    aliases=["githubsponsors"],
    # GitHub posts JSON, or the same JSON in a ``payload`` form field when a
    # webhook keeps GitHub's default content type.
    body=form_field_json("payload"),
    signature=HmacSignature("X-Hub-Signature-256", "sha256", prefix="sha256="),
    is_public=is_public,
    fixture_events=FixtureEvents(
        files={
            **dict.fromkeys(SPONSORSHIP_FIXTURES, "sponsorship"),
            "repository_private": "repository",
        }
    ),
)
