"""The errors an integration may raise while turning a request into a message.

Every one of them is expected on real traffic and carries a message written for
the person who sent the request, plus the HTTP status a server should answer
with. Anything else escaping an integration is a bug.
"""

from __future__ import annotations


class IntegrationError(Exception):
    """Base class: a request the integration cannot turn into a message."""

    http_status = 400

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class BadRequest(IntegrationError):
    """The request itself is unusable: not JSON, a required header missing."""


class BadPayload(IntegrationError):
    """A field of the payload is missing or has the wrong type.

    ``path`` names the field the way a reader would write it in JavaScript,
    for example ``commits[2].author.name``.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnsupportedEvent(IntegrationError):
    """The service sent an event this integration has no handler for."""

    def __init__(self, integration: str, event: str) -> None:
        super().__init__(f"{integration} does not support the event {event!r}")
        self.integration = integration
        self.event = event


class Unauthorized(IntegrationError):
    """A signature or shared secret is missing or does not match."""

    http_status = 401
