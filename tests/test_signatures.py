"""Signature and shared-secret checks, and how examples carry them."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

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
    assert check.expected(BODY, "s3cret") == independent
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
