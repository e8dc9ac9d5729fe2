"""The Semaphore webhook, declared once: two generations of payload, the event each names.

Semaphore Classic posted one payload per build or deploy, naming it in
``event`` (``build``, ``deploy``). Semaphore 2.0 posts one payload per
finished pipeline, with no ``event``: what it ran on, ``revision.reference_type``
(``branch``, ``tag``, ``pull_request``), is the event. Those are the names
Zulip's integration gives the same payloads, so ``only_events`` and
``exclude_events`` filter alike. A notification given a secret signs its
body: the ``X-Semaphore-Signature-256`` header is the HMAC-SHA256 of the
body, in hex.
"""

from __future__ import annotations

from integrations.core import (
    BadPayload,
    DerivedEvent,
    HmacSignature,
    Payload,
    WebhookIntegration,
    WebhookRequest,
)

BUILD, DEPLOY = "build", "deploy"
BRANCH, TAG, PULL_REQUEST = "branch", "tag", "pull_request"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """Classic's ``event``; else 2.0's ``revision.reference_type``."""
    node = payload["event"] if "event" in payload else payload["revision"]["reference_type"]
    if not node.exists() and not payload["revision"].exists():
        payload.object()  # a body that is no object is refused as such
        raise BadPayload(
            "revision.reference_type",
            "expected what the pipeline ran on (branch, tag or pull_request), but there is"
            " no revision; a Semaphore Classic payload names its event in `event`",
        )
    event = node.string().strip()
    if not event:
        raise BadPayload(node.path, "expected the event's name, got an empty string")
    return event


integration = WebhookIntegration(
    name="semaphore",
    display_name="Semaphore",
    description="Semaphore pipelines, builds and deploys as they finish: result, branch, failures.",
    categories=["continuous-integration", "deployment"],
    events=DerivedEvent(
        "Classic's `event`; for Semaphore 2.0, `revision.reference_type`",
        event_of,
        in_payload=True,
    ),
    signature=HmacSignature("X-Semaphore-Signature-256", "sha256"),
)
