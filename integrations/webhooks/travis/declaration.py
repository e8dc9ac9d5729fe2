"""The Travis CI webhook, declared once: a form field of JSON, the build's type, an RSA signature.

Travis CI posts ``application/x-www-form-urlencoded`` with one field,
``payload``, holding the build as JSON. The build's ``type`` is the event:
``push``, ``pull_request``, ``cron`` or ``api``, the names Zulip's
integration filters on too. The ``Signature`` header is a base64 RSA-SHA1
signature of the ``payload`` field's value, made with Travis CI's private
key; the secret configured here is Travis CI's public key.
"""

from __future__ import annotations

from integrations.core import (
    BodyEvent,
    Delivery,
    FlagOption,
    Guard,
    Payload,
    WebhookIntegration,
    form_field_json,
)
from integrations.core.signatures import PublicKeySignature, form_field

PUSH, PULL_REQUEST, CRON, API = "push", "pull_request", "cron", "api"

# Zulip's parameter, read the same way; off by default here, since a pull request's builds
# have a topic of their own and crowd no branch's.
IGNORE_PULL_REQUESTS = FlagOption(
    "ignore_pull_requests",
    help="Post no builds of pull requests, as Zulip's own Travis CI integration does by default.",
)


def is_pull_request(build: Payload, delivery: Delivery) -> bool:
    return delivery.event == PULL_REQUEST or build["pull_request"].boolean(default=False)


def pull_request_left_out(build: Payload, delivery: Delivery) -> bool:
    return delivery.options[IGNORE_PULL_REQUESTS] and is_pull_request(build, delivery)


integration = WebhookIntegration(
    name="travis",
    display_name="Travis CI",
    description="Travis CI builds as they start and finish: status, branch or PR, failed jobs.",
    categories=["continuous-integration"],
    events=BodyEvent("type"),
    body=form_field_json("payload"),
    signature=PublicKeySignature("Signature", algorithm="sha1", signed=form_field("payload")),
    guards=[Guard("ignore_pull_requests", [IGNORE_PULL_REQUESTS], pull_request_left_out)],
)
