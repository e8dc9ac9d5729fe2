"""The integration installed in an organisation, or uninstalled (public integrations only)."""

from __future__ import annotations

from integrations.common.monitoring import text_of
from integrations.core import Delivery, Message, Payload, bold, code, md
from integrations.webhooks.sentry.declaration import integration

TOPIC = "Sentry integration"
_VERBS = {"created": "installed", "deleted": "uninstalled"}


@integration.handles("installation", action=("created", "deleted"))
def on_installation(payload: Payload, delivery: Delivery) -> Message:
    """Who installed or uninstalled the integration, in which organisation."""
    installation = payload["data"]["installation"]
    app = text_of(installation["app"]["slug"])
    organization = text_of(installation["organization"]["slug"])
    actor = text_of(payload["actor"]["name"])
    content = md("{actor} {verb} the Sentry integration{app}{organization}.").format(
        actor=bold(actor) if actor else md("Someone"),
        verb=_VERBS[delivery.action],
        app=md(" {}").format(code(app)) if app else md(""),
        organization=md(" in {}").format(code(organization)) if organization else md(""),
    )
    return Message(topic=TOPIC, content=content)
