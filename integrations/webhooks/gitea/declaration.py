"""The Gitea webhook, declared once: events, actions, signature, options, fixtures."""

from __future__ import annotations

from typing import Any

from integrations.common.code_hosting import code_host
from integrations.core import (
    Actions,
    BadRequest,
    Delivery,
    DerivedEvent,
    HmacSignature,
    Payload,
    form_field,
    form_field_json,
    json_body,
)
from integrations.core.request import WebhookRequest

EVENT_HEADER = "X-Gitea-Event"
DETAILED_HEADER = "X-Gitea-Event-Type"


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """``X-Gitea-Event``, or ``X-Gitea-Event-Type`` where Gitea leaves the first empty.

    Gitea names the event from a table of the events it knew when the table
    was last updated: older versions send ``package`` (and ``status``) with an
    empty ``X-Gitea-Event``, and so does Forgejo for ``package``. The detailed
    ``X-Gitea-Event-Type`` header always names them.
    """
    event = request.headers.get(EVENT_HEADER, "").strip()
    event = event or request.headers.get(DETAILED_HEADER, "").strip()
    if not event:
        raise BadRequest(f"the {EVENT_HEADER} header that names the event is missing")
    return event


# A webhook whose POST Content Type is application/x-www-form-urlencoded sends
# the same JSON in a ``payload`` form field, and signs that JSON, not the form.
FORM = "application/x-www-form-urlencoded"
FORM_PAYLOAD = "payload"


def body_of(request: WebhookRequest) -> Any:
    """The JSON body, or the JSON in the ``payload`` field of a form delivery."""
    if request.content_type == FORM:
        return form_field_json(FORM_PAYLOAD)(request)
    return json_body(request)


def signed_json(request: WebhookRequest) -> bytes:
    """What Gitea signs: the JSON it sends, the body or a form delivery's ``payload``."""
    if request.content_type == FORM:
        return form_field(FORM_PAYLOAD)(request)
    return request.body


def repository_node(payload: Payload) -> Payload:
    """The repository a delivery is about: Forgejo's Actions payloads carry it in the run,
    and a package's in the package."""
    places = (payload["repository"], payload["run"]["repository"], payload["package"]["repository"])
    return next((node for node in places if node.exists()), payload["repository"])


def is_public(payload: Payload, delivery: Delivery) -> bool:
    """Only a repository anyone may see is public; one that does not say is not."""
    repository = repository_node(payload)
    private = repository["private"].boolean(default=None)
    return private is False and not repository["internal"].boolean(default=False)


# What the webhook's Custom Events list calls the box of each event; the page
# says which other boxes arrive under the same name.
TRIGGERS = {
    "push": "Push",
    "create": "Create",
    "delete": "Delete",
    "fork": "Fork",
    "repository": "Repository",
    "wiki": "Wiki",
    "release": "Release",
    "package": "Package",
    "issues": "Issues",
    "issue_comment": "Issue Comment",
    "pull_request": "Pull Request",
    "pull_request_approved": "Pull Request Reviewed",
    "pull_request_rejected": "Pull Request Reviewed",
}


integration = code_host(
    name="gitea",
    display_name="Gitea",
    description="Pushes, pull requests, issues, releases and Actions runs from Gitea or Forgejo.",
    # Forgejo sends the same header and signature alongside its own X-Forgejo-* ones.
    events=DerivedEvent(
        f"the {EVENT_HEADER} header (or {DETAILED_HEADER} when it is empty)",
        event_of,
        header=EVENT_HEADER,
    ),
    # The detail of most events is in ``action``; a commit status has a ``state``.
    actions=Actions("action", per_event={"status": "state", "delete": "ref_type"}),
    body=body_of,
    signature=HmacSignature(
        "X-Gitea-Signature",
        "sha256",
        signed=signed_json,
        signs=f"the JSON payload (the raw body, or the {FORM_PAYLOAD} field of a form delivery)",
    ),
    is_public=is_public,
    triggers=TRIGGERS,
)
