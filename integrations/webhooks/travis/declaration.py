"""The Travis CI webhook, declared once: a form field of JSON, the build's type, an RSA signature.

Travis CI posts ``application/x-www-form-urlencoded`` with one field,
``payload``, holding the build as JSON. The build's ``type`` is the event:
``push``, ``pull_request``, ``cron`` or ``api``, the names Zulip's
integration filters on too. The ``Signature`` header is a base64 RSA-SHA1
signature of the ``payload`` field's value, made with Travis CI's private
key; the secret configured here is Travis CI's public key.
"""

from __future__ import annotations

from integrations.core import BodyEvent, WebhookIntegration, form_field_json
from integrations.core.signatures import PublicKeySignature, form_field

PUSH, PULL_REQUEST, CRON, API = "push", "pull_request", "cron", "api"

integration = WebhookIntegration(
    name="travis",
    display_name="Travis CI",
    description="Travis CI builds as they start and finish: status, branch or PR, failed jobs.",
    categories=["continuous-integration"],
    events=BodyEvent("type"),
    body=form_field_json("payload"),
    signature=PublicKeySignature("Signature", algorithm="sha1", signed=form_field("payload")),
)
