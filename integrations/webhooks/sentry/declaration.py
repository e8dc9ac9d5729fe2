"""The Sentry webhook, declared once: where the event is, its actions, signature, options, fixtures.

Sentry's integration platform names the resource in the
``Sentry-Hook-Resource`` header (``issue``, ``event_alert``,
``metric_alert``, ``activity_alert``, ``error``, ``comment``,
``installation``...) and what happened in the body's ``action``; it signs
the body with the integration's client secret. The legacy WebHooks plugin
sends a flat body without any header, and Zulip's saved payloads lost
theirs: for those, the body's shape says which resource it is.
"""

from __future__ import annotations

from integrations.core import (
    Actions,
    BadRequest,
    DerivedEvent,
    FixtureEvents,
    HmacSignature,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)
from integrations.webhooks.sentry.noise import GUARDS

RESOURCE_HEADER = "Sentry-Hook-Resource"

# The legacy WebHooks plugin: a flat body, no header, no signature.
PLUGIN = "webhooks_plugin"

# Which key of ``data`` marks which resource, for bodies without the header.
_SHAPES = (
    ("metric_alert", "metric_alert"),
    ("event", "event_alert"),
    ("activity", "activity_alert"),  # before ``issue``: an activity alert holds one too
    ("issue", "issue"),
    ("error", "error"),
    ("comment", "comment"),
    ("installation", "installation"),
    ("run_id", "seer"),
    ("buildId", "preprod_artifact"),
)


def resource_of(request: WebhookRequest, payload: Payload) -> str:
    """The header's resource; without it, the one the body's shape shows."""
    named = request.headers.get(RESOURCE_HEADER, "").strip()
    if named:
        return named
    data = payload["data"]
    if not data.exists():
        return PLUGIN
    data.object()  # anything but an object is a clear error naming ``data``
    for key, resource in _SHAPES:
        if key in data:
            return resource
    raise BadRequest(
        f"the {RESOURCE_HEADER} header is missing, and the body's data holds none of"
        " event, activity, issue, metric_alert, error, comment or installation"
    )


class SentryResource(DerivedEvent):
    """The resource from the header or the body; the legacy plugin's requests carry no header."""

    def headers_for(self, event: str) -> dict[str, str]:
        return {} if event == PLUGIN else super().headers_for(event)


def _files(event: str, *stems: str) -> dict[str, str]:
    return dict.fromkeys(stems, event)


integration = WebhookIntegration(
    name="sentry",
    display_name="Sentry",
    description=(
        "Sentry issues, alert rules and metric alerts: what broke, how badly, where and since when."
    ),
    categories=["monitoring"],
    events=SentryResource(
        f"the {RESOURCE_HEADER} header, or the body's shape when there is none",
        resource_of,
        header=RESOURCE_HEADER,
    ),
    # Events routed as a whole (event_alert, error...) have one action, or none.
    actions=Actions("action"),
    signature=HmacSignature("Sentry-Hook-Signature", "sha256"),
    guards=GUARDS,
    fixture_events=FixtureEvents(
        None,
        files={
            **_files(
                "event_alert",
                "event_for_exception_golang",
                "event_for_exception_js",
                "event_for_exception_node",
                "event_for_exception_python",
                "event_for_exception_rails",
                "event_for_exception_vue",
                "event_for_message_golang",
                "event_for_message_node",
                "event_for_message_python",
                "sample_event_through_alert",
            ),
            **_files(
                "issue",
                "issue_assigned_to_individual",
                "issue_assigned_to_team",
                "issue_created_for_exception",
                "issue_created_for_message",
                "issue_ignored",
                "issue_resolved",
            ),
            **_files(
                "activity_alert",
                "activity_alert_pr_created",
                "activity_alert_root_cause_completed",
            ),
            **_files("metric_alert", "metric_alert_closed"),
            **_files(
                PLUGIN,
                "deprecated_exception_message",
                "raven_sdk_python_event",
                "sample_event_through_plugin",
                "webhook_event_for_exception_javascript",
                "webhook_event_for_exception_python",
            ),
        },
    ),
)
