"""How a service proves a request came from it: an HMAC of the body or a shared token.

Each integration declares its check once. When a secret is configured the
check runs before anything else reads the request; with no secret, there is
nothing to check against and the request is accepted. Comparisons are in
constant time.
"""

from __future__ import annotations

import hashlib
import hmac
from abc import ABC, abstractmethod

from integrations.core.errors import Unauthorized
from integrations.core.request import WebhookRequest


class SignatureCheck(ABC):
    """Verifies a request against a shared secret, and signs bodies for examples."""

    header: str

    @property
    @abstractmethod
    def description(self) -> str:
        """What the service sends, for documentation."""

    @abstractmethod
    def expected(self, body: bytes, secret: str) -> str:
        """The header value a genuine request with this body carries."""

    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Raise ``Unauthorized`` unless the request carries the right header."""
        given = request.headers.get(self.header)
        if given is None or not given.strip():
            raise Unauthorized(f"the {self.header} header is missing, and a secret is configured")
        expected = self.expected(request.body, secret)
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise Unauthorized(f"the {self.header} header does not match the configured secret")

    def sign(self, body: bytes, secret: str) -> dict[str, str]:
        """The headers that make ``body`` a genuine request."""
        return {self.header: self.expected(body, secret)}


class HmacSignature(SignatureCheck):
    """An HMAC of the raw body in a header, hex-encoded, optionally prefixed (``sha256=``)."""

    def __init__(self, header: str, algorithm: str = "sha256", prefix: str = "") -> None:
        if algorithm not in hashlib.algorithms_guaranteed:
            raise ValueError(f"unknown hash algorithm {algorithm!r}")
        self.header = header
        self.algorithm = algorithm
        self.prefix = prefix

    @property
    def description(self) -> str:
        shape = f"{self.prefix}<hex>" if self.prefix else "<hex>"
        return (
            f"the {self.header} header: HMAC-{self.algorithm.upper()} of the raw body"
            f" keyed with the secret, as {shape}"
        )

    def expected(self, body: bytes, secret: str) -> str:
        digest = hmac.new(secret.encode(), body, self.algorithm).hexdigest()
        return f"{self.prefix}{digest}"


class TokenHeader(SignatureCheck):
    """The secret itself in a header, as GitLab sends it."""

    def __init__(self, header: str) -> None:
        self.header = header

    @property
    def description(self) -> str:
        return f"the {self.header} header: the secret token itself"

    def expected(self, body: bytes, secret: str) -> str:
        return secret
