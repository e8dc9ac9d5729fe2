"""Where an integration finds the name of the event it was sent."""

from __future__ import annotations

from abc import ABC, abstractmethod

from integrations.core.errors import BadRequest
from integrations.core.payload import Payload
from integrations.core.request import WebhookRequest


class EventSource(ABC):
    """Reads the event name from a request (and, for examples, writes it)."""

    @property
    @abstractmethod
    def description(self) -> str:
        """Where the event comes from, for documentation and error messages."""

    @abstractmethod
    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        """The event this request carries; a clean error if it carries none."""

    def headers_for(self, event: str) -> dict[str, str]:
        """The headers a request needs to carry ``event``; none if it rides in the body."""
        return {}


class HeaderEvent(EventSource):
    """The event is the value of an HTTP header, like ``X-GitHub-Event``."""

    def __init__(self, header: str) -> None:
        self.header = header

    @property
    def description(self) -> str:
        return f"the {self.header} header"

    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        value = request.headers.get(self.header, "").strip()
        if not value:
            raise BadRequest(f"the {self.header} header that names the event is missing")
        return value

    def headers_for(self, event: str) -> dict[str, str]:
        return {self.header: event}


class BodyEvent(EventSource):
    """The event is a string field of the payload, like ``event_type``."""

    def __init__(self, *path: str | int) -> None:
        if not path:
            raise ValueError("BodyEvent needs the path of a field")
        self.path = path

    @property
    def description(self) -> str:
        return "the field " + ".".join(str(part) for part in self.path) + " of the payload"

    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        node = payload
        for key in self.path:
            node = node[key]
        return node.string()


class SingleEvent(EventSource):
    """The service sends one kind of notification, named here."""

    def __init__(self, event: str) -> None:
        self.event = event

    @property
    def description(self) -> str:
        return "always the same event"

    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        return self.event
