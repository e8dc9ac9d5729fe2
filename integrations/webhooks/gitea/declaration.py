"""The Gitea webhook, declared once: events, actions, signature, options, fixtures."""

from __future__ import annotations

import hmac
from typing import Any

from integrations.common.code_hosting import code_host
from integrations.core import (
    Actions,
    BadRequest,
    Delivery,
    DerivedEvent,
    HmacSignature,
    Payload,
    Unauthorized,
    form_field,
    form_field_json,
    json_body,
)
from integrations.core.request import WebhookRequest

EVENT_HEADER = "X-Gitea-Event"
DETAILED_HEADER = "X-Gitea-Event-Type"
# Forgejo sends its own headers beside Gitea's; Gogs, whose webhooks Gitea's
# grew from, sends only its own, with payloads of the same shape.
EVENT_HEADERS = (
    EVENT_HEADER,
    DETAILED_HEADER,
    "X-Forgejo-Event",
    "X-Forgejo-Event-Type",
    "X-Gogs-Event",
)
# The detailed names of ``X-Gitea-Event-Type`` (and of the checkboxes), read as the
# event ``X-Gitea-Event`` names for them, whose ``action`` says the rest. Versions
# whose table lacks an event (review requests, in some) send only these.
COARSE_EVENTS = {
    "issue_assign": "issues",
    "issue_label": "issues",
    "issue_milestone": "issues",
    "pull_request_assign": "pull_request",
    "pull_request_label": "pull_request",
    "pull_request_milestone": "pull_request",
    "pull_request_sync": "pull_request",
    "pull_request_review_request": "pull_request",
    "pull_request_review_approved": "pull_request_approved",
    "pull_request_review_rejected": "pull_request_rejected",
    "pull_request_review_comment": "pull_request_comment",
}
SIGNATURE_HEADER = "X-Gitea-Signature"
# The same HMAC in other headers, and the prefix each puts before it (Gitea and
# Forgejo also send it in GitHub's header).
OTHER_SIGNATURE_HEADERS = {
    "X-Forgejo-Signature": "",
    "X-Gogs-Signature": "",
    "X-Hub-Signature-256": "sha256=",
}


def event_of(request: WebhookRequest, payload: Payload) -> str:
    """``X-Gitea-Event``, or ``X-Gitea-Event-Type`` where Gitea leaves the first empty.

    Gitea names the event from a table of the events it knew when the table
    was last updated: older versions send ``package`` (and ``status``) with an
    empty ``X-Gitea-Event``, and so does Forgejo for ``package``. The detailed
    ``X-Gitea-Event-Type`` header always names them. A Gogs server sends only
    ``X-Gogs-Event``.
    """
    for header in EVENT_HEADERS:
        event = request.headers.get(header, "").strip()
        if event:
            return COARSE_EVENTS.get(event, event)
    raise BadRequest(f"the {EVENT_HEADER} header that names the event is missing")


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


class GiteaSignature(HmacSignature):
    """``X-Gitea-Signature``, or the same HMAC in Forgejo's, Gogs' or GitHub's header."""

    def verify(self, request: WebhookRequest, secret: str) -> None:
        other = self.other_header(request)
        if other is None:
            super().verify(request, secret)
            return
        given = request.headers.get(other, "").strip().lower()
        expected = OTHER_SIGNATURE_HEADERS[other] + self.expected(request, secret)
        if not hmac.compare_digest(given, expected):
            raise Unauthorized(f"the {other} header does not match the configured secret")

    def other_header(self, request: WebhookRequest) -> str | None:
        """Another header that carries the signature, when Gitea's does not."""
        if request.headers.get(self.header, "").strip():
            return None
        return next(
            (name for name in OTHER_SIGNATURE_HEADERS if request.headers.get(name, "").strip()),
            None,
        )


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
    signature=GiteaSignature(
        SIGNATURE_HEADER,
        "sha256",
        signed=signed_json,
        signs=f"the JSON payload (the raw body, or the {FORM_PAYLOAD} field of a form delivery)",
    ),
    is_public=is_public,
    triggers=TRIGGERS,
)
