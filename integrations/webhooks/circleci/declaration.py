"""The CircleCI webhook, declared once: where the event is, the signature, the delivery id, options.

CircleCI's outbound webhooks (a project's **Webhooks** settings) post JSON
whose ``type`` names the event (``workflow-completed``, ``job-completed``,
and ``ping`` for the settings' test button); the same name rides in the
``Circleci-Event-Type`` header, which is not signed, so the body's ``type``
decides and the header is only read when the body has none. Older projects
still post the legacy ``notify: webhooks:`` payload of CircleCI 1.0 and 2.0
configurations: the build wrapped in a ``payload`` object, with no type at
all. It is the event ``build``.
"""

from __future__ import annotations

from integrations.core import (
    BadPayload,
    Delivery,
    DerivedEvent,
    FlagOption,
    Guard,
    HmacSignature,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)

WORKFLOW, JOB, PING, LEGACY = "workflow-completed", "job-completed", "ping", "build"
EVENT_HEADER = "Circleci-Event-Type"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """The body's ``type``; else the event header; else ``build`` for the legacy payload."""
    node = payload["type"]
    if node.exists():
        event = node.string().strip()
        if not event:
            raise BadPayload(node.path, "expected the event's type, got an empty string")
        return event
    header = request.headers.get(EVENT_HEADER, "").strip()
    if header:
        return header
    if payload["payload"].object(default=None) is not None:
        return LEGACY
    raise BadPayload(
        "type",
        "expected the event's type (workflow-completed, job-completed or ping),"
        " but it is missing, and there is no legacy `payload` object either",
    )


def event_id(request: WebhookRequest, payload: Payload) -> str | None:
    """CircleCI's ``id`` of the event (the same when it retries, new for every event).

    It is prefixed with the webhook's own id, so the same event sent by two
    webhooks of a project (to two channels, say) is two deliveries.
    """
    event = (payload["id"].string(default=None) or "").strip()
    if not event:
        return None
    webhook = (payload["webhook"]["id"].string(default=None) or "").strip()
    return f"{webhook}/{event}"[:200] if webhook else event[:200]


IGNORE_SUCCESSFUL_JOBS = FlagOption(
    "ignore_successful_jobs",
    help="Post job-completed only for jobs that did not succeed; workflows are always posted.",
)


def successful_job(payload: Payload, delivery: Delivery) -> bool:
    if delivery.event != JOB or not delivery.options[IGNORE_SUCCESSFUL_JOBS]:
        return False
    return payload["job"]["status"].string(default=None) == "success"


integration = WebhookIntegration(
    name="circleci",
    display_name="CircleCI",
    description="CircleCI workflows and jobs as they finish: result, branch, commit, time taken.",
    categories=["continuous-integration"],
    events=DerivedEvent(
        "the payload's `type` (also sent in the Circleci-Event-Type header);"
        " `build` for the legacy notify payload",
        event_of,
        in_payload=True,
    ),
    signature=HmacSignature("Circleci-Signature", "sha256", "v1=", several=True),
    guards=[Guard("ignore_successful_jobs", [IGNORE_SUCCESSFUL_JOBS], successful_job)],
    delivery_id=event_id,
)
