"""Signature and shared-secret checks, and how examples carry them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from integrations.core import (
    Delivery,
    HeaderEvent,
    Headers,
    HmacSignature,
    Message,
    Payload,
    Registry,
    TokenHeader,
    Unauthorized,
    WebhookIntegration,
    WebhookRequest,
    md,
)
from integrations.core.signatures import (
    PublicKeySignature,
    TimestampedSignature,
    body_and_url,
    form_field,
)
from integrations.examples.parse import parse_text
from integrations.examples.run import compare, run_example

BODY = b'{"zen": "Keep it logically awesome."}'


def signed_service(signature: HmacSignature | TokenHeader) -> WebhookIntegration:
    service = WebhookIntegration(
        name="signed",
        display_name="Signed",
        description="A test service that signs its requests.",
        categories=["misc"],
        events=HeaderEvent("X-Event"),
        signature=signature,
    )

    @service.handles("ping")
    def ping(payload: Payload, delivery: Delivery) -> Message:
        return Message(topic="ping", content=md("{}").format(payload["zen"].string()))

    return service


def request(**headers: str) -> WebhookRequest:
    return WebhookRequest(body=BODY, headers=Headers({"X-Event": "ping", **headers}))


def test_hmac_matches_an_independent_computation() -> None:
    check = HmacSignature("X-Hub-Signature-256", "sha256", prefix="sha256=")
    independent = "sha256=" + hmac.new(b"s3cret", BODY, hashlib.sha256).hexdigest()
    assert check.expected(WebhookRequest(body=BODY), "s3cret") == independent
    signed_service(check).handle(request(**{"X-Hub-Signature-256": independent}), secret="s3cret")


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "the X-Hub-Signature-256 header is missing, and a secret is configured"),
        ({"X-Hub-Signature-256": "sha256=00"}, "does not match the configured secret"),
        ({"X-Hub-Signature-256": "  "}, "is missing"),
    ],
)
def test_wrong_or_missing_signature_is_unauthorized(headers: dict[str, str], reason: str) -> None:
    service = signed_service(HmacSignature("X-Hub-Signature-256", prefix="sha256="))
    with pytest.raises(Unauthorized, match=reason) as caught:
        service.handle(request(**headers), secret="s3cret")
    assert caught.value.http_status == 401


def test_no_secret_means_no_check() -> None:
    service = signed_service(HmacSignature("X-Hub-Signature-256", prefix="sha256="))
    assert service.handle(request()) is not None


def test_token_header_compares_the_secret() -> None:
    service = signed_service(TokenHeader("X-Gitlab-Token"))
    assert service.handle(request(**{"X-Gitlab-Token": "tok"}), secret="tok") is not None
    with pytest.raises(Unauthorized):
        service.handle(request(**{"X-Gitlab-Token": "nope"}), secret="tok")


def test_examples_sign_genuine_requests_and_show_forged_ones(tmp_path: Path) -> None:
    service = signed_service(HmacSignature("X-Hub-Signature-256", prefix="sha256="))
    registry = Registry([service])
    page = """---
integration: signed
---
:::{webhook-example} Genuine
:event: ping
:secret: s3cret
:topic: ping

```json
{"zen": "Keep it logically awesome."}
```

```zulip
Keep it logically awesome.
```
:::

:::{webhook-example} Forged
:event: ping
:secret: s3cret
:header: X-Hub-Signature-256: sha256=0000
:expect: error

```json
{"zen": "x"}
```

```error
the X-Hub-Signature-256 header does not match the configured secret
```
:::
"""
    doc = parse_text(page, tmp_path / "signed.md", registry)
    assert doc.errors == []
    for example in doc.examples:
        assert compare(example, run_example(example, registry), registry) is None
    assert json.loads(doc.examples[0].body.text)["zen"].startswith("Keep")


# The other kinds services use -------------------------------------------------------------


def test_trello_signs_the_body_and_the_url_in_base64_sha1() -> None:
    check = HmacSignature("X-Trello-Webhook", "sha1", encoding="base64", signed=body_and_url)
    url = "https://chat.example.com/api/v1/external/trello?api_key=k&stream=s"
    independent = base64.b64encode(
        hmac.new(b"app-secret", BODY + url.encode(), hashlib.sha1).digest()
    ).decode()
    genuine = WebhookRequest(body=BODY, headers=Headers({"X-Trello-Webhook": independent}), url=url)
    check.verify(genuine, "app-secret")
    elsewhere = WebhookRequest(body=BODY, headers=genuine.headers, url=url + "&topic=x")
    with pytest.raises(Unauthorized, match="does not match"):
        check.verify(elsewhere, "app-secret")


def test_one_of_several_values_may_match_during_a_rotation() -> None:
    check = HmacSignature("X-PagerDuty-Signature", prefix="v1=", several=True)
    good = check.expected(WebhookRequest(body=BODY), "new")
    for header in (f"v1=0000,{good}", f"{good}, v1=ffff", good):
        check.verify(WebhookRequest(body=BODY, headers=Headers({check.header: header})), "new")
    with pytest.raises(Unauthorized):
        check.verify(
            WebhookRequest(body=BODY, headers=Headers({check.header: "v1=00,v1=11"})), "new"
        )


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def stripe_header(timestamp: int, secret: str, body: bytes = BODY) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def test_stripe_signs_a_timestamp_and_refuses_old_ones() -> None:
    clock = Clock(1_700_000_000)
    check = TimestampedSignature("Stripe-Signature", clock=clock)

    def request_with(header: str) -> WebhookRequest:
        return WebhookRequest(body=BODY, headers=Headers({"Stripe-Signature": header}))

    check.verify(request_with(stripe_header(1_700_000_000 - 200, "whsec")), "whsec")
    # Several v1 values (a secret being rolled): one genuine is enough.
    both = stripe_header(1_700_000_000, "whsec") + ",v1=" + "0" * 64
    check.verify(request_with(both), "whsec")
    with pytest.raises(Unauthorized, match="signed 301 s ago; more than 300 s is refused"):
        check.verify(request_with(stripe_header(1_700_000_000 - 301, "whsec")), "whsec")
    with pytest.raises(Unauthorized, match="ahead"):
        check.verify(request_with(stripe_header(1_700_000_000 + 600, "whsec")), "whsec")
    with pytest.raises(Unauthorized, match="does not match"):
        check.verify(request_with(stripe_header(1_700_000_000, "other")), "whsec")
    with pytest.raises(Unauthorized, match="not of the form"):
        check.verify(request_with("v1=abc"), "whsec")
    signed = check.sign(WebhookRequest(body=BODY), "whsec")
    check.verify(request_with(signed["Stripe-Signature"]), "whsec")


def test_a_public_key_checks_what_only_the_service_could_sign() -> None:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    payload = '{"id": 1, "state": "passed"}'
    form = urlencode({"payload": payload}).encode()
    signature = base64.b64encode(
        private.sign(payload.encode(), padding.PKCS1v15(), hashes.SHA1())
    ).decode()
    check = PublicKeySignature("Signature", signed=form_field("payload"))
    genuine = WebhookRequest(body=form, headers=Headers({"Signature": signature}))
    check.verify(genuine, public)
    tampered = WebhookRequest(
        body=urlencode({"payload": payload.replace("passed", "failed")}).encode(),
        headers=genuine.headers,
    )
    with pytest.raises(Unauthorized, match="not a signature of this request"):
        check.verify(tampered, public)
    with pytest.raises(Unauthorized, match="not base64"):
        check.verify(WebhookRequest(body=form, headers=Headers({"Signature": "!!"})), public)
    with pytest.raises(Unauthorized, match="not a PEM public key"):
        check.verify(genuine, "not a key")
