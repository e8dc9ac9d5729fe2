"""The framework every integration is built from.

Nothing here knows about the documentation, Sphinx or pytest.
"""

from integrations.core.client import (
    ZulipApiError,
    ZulipClient,
    ZulipConnectionError,
    ZulipError,
    user_agent,
)
from integrations.core.config import ConfigError, ZulipSettings, load_settings
from integrations.core.errors import (
    BadPayload,
    BadRequest,
    IntegrationError,
    Unauthorized,
    UnsupportedEvent,
)
from integrations.core.events import BodyEvent, EventSource, HeaderEvent, SingleEvent
from integrations.core.fixtures import FixtureEvents
from integrations.core.guards import Guard
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
from integrations.core.options import (
    ChoiceOption,
    FlagOption,
    Option,
    Options,
    Patterns,
    PatternsOption,
    TextOption,
)
from integrations.core.payload import Payload
from integrations.core.registry import Registry, default_registry
from integrations.core.request import Headers, WebhookRequest, form_field_json, json_body
from integrations.core.routing import Actions, Delivery, Handler
from integrations.core.signatures import HmacSignature, SignatureCheck, TokenHeader

__all__ = [
    "Actions",
    "BadPayload",
    "BadRequest",
    "BodyEvent",
    "ChoiceOption",
    "ConfigError",
    "Delivery",
    "EventSource",
    "FixtureEvents",
    "FlagOption",
    "Guard",
    "Handler",
    "HeaderEvent",
    "Headers",
    "HmacSignature",
    "Integration",
    "IntegrationError",
    "Markdown",
    "Message",
    "Option",
    "Options",
    "Patterns",
    "PatternsOption",
    "Payload",
    "PluginIntegration",
    "Registry",
    "ScriptIntegration",
    "SignatureCheck",
    "SingleEvent",
    "TextOption",
    "TokenHeader",
    "Unauthorized",
    "UnsupportedEvent",
    "WebhookIntegration",
    "WebhookRequest",
    "ZulipApiError",
    "ZulipClient",
    "ZulipConnectionError",
    "ZulipError",
    "ZulipSettings",
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
    "load_settings",
    "md",
    "quote",
    "text_block",
    "user_agent",
]
