"""Where an integration finds the name of the event it was sent."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping

from integrations.core.errors import BadRequest
from integrations.core.payload import Payload
from integrations.core.request import WebhookRequest


class EventSource(ABC):
    """Reads the event name from a request (and, for examples, writes it)."""

    # The header that names the event, for sources that read one.
    header: str | None = None

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

    @property
    def in_payload(self) -> bool:
        """Whether the payload itself names the event (so a request cannot contradict it)."""
        return False

    @property
    def fixed_event(self) -> str | None:
        """The one event of a service that sends only one; None for the others."""
        return None


class HeaderEvent(EventSource):
    """The event is the value of an HTTP header, like ``X-GitHub-Event``.

    ``from_payload`` names header values that only say where the request
    comes from, whose event the payload names instead (GitLab's ``System
    Hook``): each maps to a function that reads the event from the payload.
    """

    header: str

    def __init__(
        self, header: str, *, from_payload: Mapping[str, Callable[[Payload], str]] | None = None
    ) -> None:
        self.header = header
        self.from_payload = dict(from_payload or {})

    @property
    def description(self) -> str:
        return f"the {self.header} header"

    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        header = self.header
        value = request.headers.get(header, "").strip()
        if not value:
            raise BadRequest(f"the {header} header that names the event is missing")
        resolve = self.from_payload.get(value)
        return value if resolve is None else resolve(payload)

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

    @property
    def in_payload(self) -> bool:
        return True


class SingleEvent(EventSource):
    """The service sends one kind of notification, named here."""

    def __init__(self, event: str) -> None:
        self.event = event

    @property
    def description(self) -> str:
        return "always the same event"

    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        return self.event

    @property
    def fixed_event(self) -> str | None:
        return self.event


class DerivedEvent(EventSource):
    """The event is worked out from the request: a header when there is one, the payload's shape.

    For services whose versions name the event differently (Sentry's
    integration platform sends ``Sentry-Hook-Resource``, its older plugin
    sends none and the body's shape says what it is). ``derive`` returns the
    event's name, or raises ``BadRequest``/``BadPayload`` when it cannot;
    ``description`` says where the name comes from, for the documentation.
    ``header`` is the header a request carries the event in, when there is
    one, so examples can send it. ``in_payload`` says the payload alone
    names the event (no header is involved), so an example's event is
    checked against what the payload says.
    """

    def __init__(
        self,
        description: str,
        derive: Callable[[WebhookRequest, Payload], str],
        *,
        header: str | None = None,
        in_payload: bool = False,
    ) -> None:
        self._description = description
        self.derive = derive
        self.header = header
        self._in_payload = in_payload

    @property
    def in_payload(self) -> bool:
        return self._in_payload

    @property
    def description(self) -> str:
        return self._description

    def event_of(self, request: WebhookRequest, payload: Payload) -> str:
        return self.derive(request, payload)

    def headers_for(self, event: str) -> dict[str, str]:
        return {self.header: event} if self.header else {}
