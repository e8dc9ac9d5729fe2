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
from integrations.core.events import (
    BodyEvent,
    DerivedEvent,
    EventSource,
    HeaderEvent,
    SingleEvent,
)
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
from integrations.core.signatures import (
    HmacSignature,
    PublicKeySignature,
    SignatureCheck,
    TimestampedSignature,
    TokenHeader,
    body,
    body_and_url,
    form_field,
)
from integrations.core.times import duration, global_time, parse_time

__all__ = [
    "Actions",
    "BadPayload",
    "BadRequest",
    "BodyEvent",
    "ChoiceOption",
    "ConfigError",
    "Delivery",
    "DerivedEvent",
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
    "PublicKeySignature",
    "Registry",
    "ScriptIntegration",
    "SignatureCheck",
    "SingleEvent",
    "TextOption",
    "TimestampedSignature",
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
    "body",
    "body_and_url",
    "bold",
    "bullet_list",
    "code",
    "code_block",
    "default_registry",
    "duration",
    "escape",
    "form_field",
    "form_field_json",
    "global_time",
    "italic",
    "json_body",
    "link",
    "load_settings",
    "md",
    "parse_time",
    "quote",
    "text_block",
    "user_agent",
]
