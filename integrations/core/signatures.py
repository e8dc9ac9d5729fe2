"""How a service proves a request came from it: an HMAC, a signed timestamp, a key, or a token.

Each integration declares its check once. When a secret is configured the
check runs before anything else reads the request; with no secret, there is
nothing to check against and the request is accepted. Comparisons are in
constant time.

The kinds services use:

* ``HmacSignature``: an HMAC of the body (or of the body and the URL, as
  Trello signs it), hex or base64, optionally prefixed (``sha256=``), one
  value or several (during a secret's rotation);
* ``TimestampedSignature``: Stripe's ``t=<time>,v1=<hmac>``, where the time
  is signed too and an old one is refused, so a captured request cannot be
  replayed;
* ``PublicKeySignature``: an RSA signature made with the service's private
  key, checked with its public key, which is what is configured (Travis CI);
* ``TokenHeader``: the secret itself in a header (GitLab).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from urllib.parse import parse_qsl

from integrations.core.errors import Unauthorized
from integrations.core.request import WebhookRequest

# What an HMAC is computed over, given the request.
SignedPart = Callable[[WebhookRequest], bytes]


def body(request: WebhookRequest) -> bytes:
    return request.body


def body_and_url(request: WebhookRequest) -> bytes:
    """The body followed by the URL the service called (Trello's scheme)."""
    return request.body + request.url.encode()


class SignatureCheck(ABC):
    """Verifies a request against a configured secret, and signs requests for examples."""

    header: str

    @property
    @abstractmethod
    def description(self) -> str:
        """What the service sends, for documentation."""

    @abstractmethod
    def verify(self, request: WebhookRequest, secret: str) -> None:
        """Raise ``Unauthorized`` unless the request proves it comes from the service."""

    @abstractmethod
    def sign(self, request: WebhookRequest, secret: str) -> dict[str, str]:
        """The headers that make ``request`` genuine (for examples and tests)."""

    def _given(self, request: WebhookRequest) -> str:
        given = request.headers.get(self.header, "").strip()
        if not given:
            raise Unauthorized(f"the {self.header} header is missing, and a secret is configured")
        return given

    def _refuse(self) -> Unauthorized:
        return Unauthorized(f"the {self.header} header does not match the configured secret")


def _matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


_SIGNED_IN_WORDS: dict[SignedPart, str] = {
    body: "the raw body",
    body_and_url: "the raw body and the URL",
}


def _any_matches(given: list[str], expected: str) -> bool:
    # Every value is compared, so the time taken does not say which one matched.
    results = [_matches(value, expected) for value in given]
    return any(results)


class HmacSignature(SignatureCheck):
    """An HMAC in a header: hex or base64, optionally prefixed, possibly several values.

    ``signed`` says what is signed: the raw body by default; ``signs`` says
    it in words for the documentation, which ``body`` and ``body_and_url``
    need not. With ``several``, the header may hold comma-separated values,
    of which one must match (services send two while a secret is being
    rotated).
    """

    def __init__(
        self,
        header: str,
        algorithm: str = "sha256",
        prefix: str = "",
        *,
        encoding: str = "hex",
        signed: SignedPart = body,
        signs: str | None = None,
        several: bool = False,
    ) -> None:
        signs = signs or _SIGNED_IN_WORDS.get(signed)
        if signs is None:
            raise ValueError("say what the signature covers, in words: signs=...")
        if algorithm not in hashlib.algorithms_guaranteed:
            raise ValueError(f"unknown hash algorithm {algorithm!r}")
        if encoding not in ("hex", "base64"):
            raise ValueError(f"unknown encoding {encoding!r}")
        self.header = header
        self.algorithm = algorithm
        self.prefix = prefix
        self.encoding = encoding
        self.signed = signed
        self.signs = signs
        self.several = several

    @property
    def description(self) -> str:
        shape = f"{self.prefix}<{self.encoding}>"
        return (
            f"the {self.header} header: HMAC-{self.algorithm.upper()} of {self.signs}"
            f" keyed with the secret, as {shape}"
            + (", one of several comma-separated values" if self.several else "")
        )

    def expected(self, request: WebhookRequest, secret: str) -> str:
        mac = hmac.new(secret.encode(), self.signed(request), self.algorithm)
        digest = (
            mac.hexdigest() if self.encoding == "hex" else base64.b64encode(mac.digest()).decode()
        )
        return f"{self.prefix}{digest}"

    def verify(self, request: WebhookRequest, secret: str) -> None:
        given = self._given(request)
        expected = self.expected(request, secret)
        values = [value.strip() for value in given.split(",")] if self.several else [given]
        if not _any_matches(values, expected):
            raise self._refuse()

    def sign(self, request: WebhookRequest, secret: str) -> dict[str, str]:
        return {self.header: self.expected(request, secret)}


class TimestampedSignature(SignatureCheck):
    """Stripe's scheme: ``t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">``, ``v1`` repeatable.

    A signature older than ``tolerance`` seconds (or that far in the future)
    is refused, so a captured request cannot be replayed later.
    """

    def __init__(
        self,
        header: str,
        *,
        tolerance: int = 300,
        scheme: str = "v1",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.header = header
        self.tolerance = tolerance
        self.scheme = scheme
        self.clock = clock

    @property
    def description(self) -> str:
        return (
            f"the {self.header} header: t=<unix time>,{self.scheme}=<hex HMAC-SHA256 of the time,"
            f" a dot and the raw body>, refused when more than {self.tolerance} s old"
        )

    def _mac(self, timestamp: str, request: WebhookRequest, secret: str) -> str:
        signed = timestamp.encode() + b"." + request.body
        return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()

    def verify(self, request: WebhookRequest, secret: str) -> None:
        parts = [part.partition("=") for part in self._given(request).split(",")]
        timestamps = [value.strip() for key, _, value in parts if key.strip() == "t"]
        signatures = [value.strip() for key, _, value in parts if key.strip() == self.scheme]
        if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
            raise Unauthorized(
                f"the {self.header} header is not of the form t=<time>,{self.scheme}=<signature>"
            )
        if not _any_matches(signatures, self._mac(timestamps[0], request, secret)):
            raise self._refuse()
        age = self.clock() - int(timestamps[0])
        if abs(age) > self.tolerance:
            raise Unauthorized(
                f"the {self.header} header was signed {int(abs(age))} s"
                f" {'ago' if age > 0 else 'ahead'}; more than {self.tolerance} s is refused"
                " as a possible replay"
            )

    def sign(self, request: WebhookRequest, secret: str) -> dict[str, str]:
        timestamp = str(int(self.clock()))
        return {self.header: f"t={timestamp},{self.scheme}={self._mac(timestamp, request, secret)}"}


def form_field(name: str) -> SignedPart:
    """What is signed is the value of one form field (Travis CI signs its ``payload``)."""

    def part(request: WebhookRequest) -> bytes:
        fields = dict(parse_qsl(request.body.decode("utf-8", errors="replace")))
        return fields.get(name, "").encode()

    return part


class PublicKeySignature(SignatureCheck):
    """A base64 RSA (PKCS #1 v1.5) signature, checked with the service's public key.

    The configured secret is the public key, in PEM. The service keeps the
    private key, so nobody who knows the configuration can sign.
    """

    def __init__(self, header: str, *, algorithm: str = "sha1", signed: SignedPart = body) -> None:
        self.header = header
        self.algorithm = algorithm
        self.signed = signed

    @property
    def description(self) -> str:
        return (
            f"the {self.header} header: a base64 RSA-{self.algorithm.upper()} signature made with"
            " the service's private key, checked with its public key"
        )

    def verify(self, request: WebhookRequest, secret: str) -> None:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding, rsa

        given = self._given(request)
        try:
            key = serialization.load_pem_public_key(secret.encode())
        except ValueError:
            raise Unauthorized(
                f"the public key configured for {self.header} is not a PEM public key"
            ) from None
        if not isinstance(key, rsa.RSAPublicKey):
            raise Unauthorized(f"the public key configured for {self.header} is not an RSA key")
        try:
            signature = base64.b64decode(given, validate=True)
        except (binascii.Error, ValueError):
            raise Unauthorized(f"the {self.header} header is not base64") from None
        digest = hashes.SHA1() if self.algorithm == "sha1" else hashes.SHA256()
        try:
            key.verify(signature, self.signed(request), padding.PKCS1v15(), digest)
        except InvalidSignature:
            raise Unauthorized(
                f"the {self.header} header is not a signature of this request by the configured key"
            ) from None

    def sign(self, request: WebhookRequest, secret: str) -> dict[str, str]:
        raise NotImplementedError(
            "only the service holds the private key; examples show requests it signed"
        )


class TokenHeader(SignatureCheck):
    """The secret itself in a header, as GitLab sends it."""

    def __init__(self, header: str) -> None:
        self.header = header

    @property
    def description(self) -> str:
        return f"the {self.header} header: the secret token itself"

    def verify(self, request: WebhookRequest, secret: str) -> None:
        if not _matches(self._given(request), secret):
            raise self._refuse()

    def sign(self, request: WebhookRequest, secret: str) -> dict[str, str]:
        return {self.header: secret}
