"""The framework every integration is built from.

Nothing here knows about the documentation, Sphinx or pytest.
"""

from integrations.core.errors import (
    BadPayload,
    BadRequest,
    IntegrationError,
    Unauthorized,
    UnsupportedEvent,
)
from integrations.core.events import BodyEvent, EventSource, HeaderEvent, SingleEvent
from integrations.core.integration import (
    Integration,
    PluginIntegration,
    ScriptIntegration,
    WebhookIntegration,
)
from integrations.core.markup import (
    Markdown,
    bold,
    bullet_list,
    code,
    code_block,
    escape,
    italic,
    link,
    md,
    quote,
    text_block,
)
from integrations.core.message import Message
from integrations.core.payload import Payload
from integrations.core.registry import Registry, default_registry
from integrations.core.request import Headers, WebhookRequest, form_field_json, json_body

__all__ = [
    "BadPayload",
    "BadRequest",
    "BodyEvent",
    "EventSource",
    "HeaderEvent",
    "Headers",
    "Integration",
    "IntegrationError",
    "Markdown",
    "Message",
    "Payload",
    "PluginIntegration",
    "Registry",
    "ScriptIntegration",
    "SingleEvent",
    "Unauthorized",
    "UnsupportedEvent",
    "WebhookIntegration",
    "WebhookRequest",
    "bold",
    "bullet_list",
    "code",
    "code_block",
    "default_registry",
    "escape",
    "form_field_json",
    "italic",
    "json_body",
    "link",
    "md",
    "quote",
    "text_block",
]
