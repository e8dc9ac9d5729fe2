"""How an integration is declared: once, with everything the catalog needs."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from integrations.core.categories import CATEGORIES
from integrations.core.errors import UnsupportedEvent
from integrations.core.events import EventSource
from integrations.core.message import Message
from integrations.core.payload import Payload
from integrations.core.request import BodyReader, WebhookRequest, json_body
from integrations.core.signatures import SignatureCheck

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")

Handler = Callable[[Payload, WebhookRequest], Message | None]


class Integration:
    """What every kind of integration declares about itself."""

    kind: ClassVar[str] = "integration"

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        description: str,
        categories: Sequence[str],
        home: Path | None = None,
    ) -> None:
        if not _NAME.match(name):
            raise ValueError(f"integration name {name!r} must be lower case letters, digits, _")
        unknown = [category for category in categories if category not in CATEGORIES]
        if unknown or not categories:
            raise ValueError(
                f"{name}: categories must be some of {sorted(CATEGORIES)}, got {list(categories)}"
            )
        if not description.strip() or "\n" in description:
            raise ValueError(f"{name}: the description is one line of text")
        self.name = name
        self.display_name = display_name
        self.description = description
        self.categories = tuple(categories)
        # The folder holding the integration's code, fixtures and logo; the
        # registry fills it in from the module it found the integration in.
        self.home = home

    @property
    def logo(self) -> Path | None:
        if self.home is None:
            return None
        path = self.home / "logo.svg"
        return path if path.exists() else None

    @property
    def fixtures(self) -> Path | None:
        return None if self.home is None else self.home / "fixtures"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class ScriptIntegration(Integration):
    """A script the tool runs, such as a git hook, that posts through the Zulip API.

    ``files`` are the files a user installs, script first, then its config.
    """

    kind: ClassVar[str] = "script"

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        description: str,
        categories: Sequence[str],
        files: Sequence[str],
        home: Path | None = None,
    ) -> None:
        super().__init__(
            name=name,
            display_name=display_name,
            description=description,
            categories=categories,
            home=home,
        )
        self.files = tuple(files)


class PluginIntegration(ScriptIntegration):
    """Code loaded into the host program itself, such as a Mercurial hook or a Trac component."""

    kind: ClassVar[str] = "plugin"


class WebhookIntegration(Integration):
    """An incoming webhook: a service POSTs an event; we turn it into a message.

    Handlers are registered per event with ``@integration.handles("push")``.
    A handler returns the ``Message`` to post, or None to post nothing on
    purpose (an event that only adds noise).

    URL parameters every webhook understands:

    * ``topic``: use this topic instead of the one the handler chose;
    * ``only_events`` / ``exclude_events``: comma-separated event names,
      with ``*`` wildcards (``pull_request*``), to post only some events.
    """

    kind: ClassVar[str] = "webhook"

    def __init__(
        self,
        *,
        name: str,
        display_name: str,
        description: str,
        categories: Sequence[str],
        events: EventSource,
        body: BodyReader = json_body,
        signature: SignatureCheck | None = None,
        home: Path | None = None,
    ) -> None:
        super().__init__(
            name=name,
            display_name=display_name,
            description=description,
            categories=categories,
            home=home,
        )
        self.event_source = events
        self.read_body = body
        self.signature = signature
        self.handlers: dict[str, Handler] = {}

    def handles(self, *events: str) -> Callable[[Handler], Handler]:
        """Register the decorated function as the handler of ``events``."""

        def register(handler: Handler) -> Handler:
            for event in events:
                if event in self.handlers:
                    raise ValueError(f"{self.name}: two handlers for the event {event!r}")
                self.handlers[event] = handler
            return handler

        return register

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(self.handlers)

    def handle(self, request: WebhookRequest, *, secret: str | None = None) -> Message | None:
        """Turn one request into the message to post, or None for nothing.

        Raises ``IntegrationError`` (``BadRequest``, ``BadPayload``,
        ``UnsupportedEvent``, ``Unauthorized``) for requests that cannot
        become a message. ``secret``, when configured, is checked first.
        """
        return self.process(request, secret=secret).message

    def process(self, request: WebhookRequest, *, secret: str | None = None) -> Processed:
        """Like ``handle``, and also says which event the request carried."""
        if secret and self.signature is not None:
            self.signature.verify(request, secret)
        return self.dispatch(request, self.read_body(request))

    def dispatch(
        self, request: WebhookRequest, body: Any, *, wrap: Callable[[Any], Payload] = Payload
    ) -> Processed:
        """Route an already parsed body to its handler and apply the URL options.

        ``wrap`` lets tests watch which fields a handler reads.
        """
        payload = wrap(body)
        event = self.event_source.event_of(request, payload)
        handler = self.handlers.get(event)
        if handler is None:
            raise UnsupportedEvent(self.name, event)
        if not wanted(event, request.query):
            return Processed(event, None)
        message = handler(payload, request)
        topic = request.query.get("topic", "").strip()
        if message is not None and topic:
            message = Message(topic=topic, content=message.content)
        return Processed(event, message)


@dataclass(frozen=True)
class Processed:
    """The event a request carried and the message it became (None: nothing)."""

    event: str
    message: Message | None


def _patterns(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def wanted(event: str, query: Mapping[str, str]) -> bool:
    """Whether the ``only_events``/``exclude_events`` URL parameters let ``event`` through."""
    only = _patterns(query.get("only_events", ""))
    excluded = _patterns(query.get("exclude_events", ""))
    if only and not any(fnmatch.fnmatchcase(event, pattern) for pattern in only):
        return False
    return not any(fnmatch.fnmatchcase(event, pattern) for pattern in excluded)
