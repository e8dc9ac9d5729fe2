"""integrations serve: webhooks over real HTTP on loopback, forwarded to the Zulip stand-in."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from integrations.core import HmacSignature, Registry, default_registry
from integrations.core.client import ZulipClient
from integrations.server import Bridge, WebhookServer, client_sender, printing_sender
from integrations.testing.zulip_standin import ZulipStandIn
from tests.conftest import make_header_integration

HELLO = (
    Path(__file__).resolve().parent.parent / "integrations/webhooks/helloworld/fixtures/hello.json"
).read_bytes()


@pytest.fixture
def served(zulip_standin: ZulipStandIn) -> Iterator[tuple[str, ZulipStandIn]]:
    signed = make_header_integration()
    signed.signature = HmacSignature("X-Demo-Signature", "sha256")
    registry = Registry(
        [default_registry().get("helloworld"), default_registry().get("git"), signed]
    )
    client = ZulipClient(
        site=zulip_standin.site,
        email=zulip_standin.email,
        api_key=zulip_standin.api_key,
        user_agent="ZulipIntegrations/test (Linux; test)",
        retries=0,
    )
    bridge = Bridge(registry, client_sender(client), zulip_standin.api_key, {"demo": "s3cret"})
    with WebhookServer(bridge, log=io.StringIO()) as server:
        yield f"{server.url}/api/v1/external", zulip_standin
    client.close()


def post(url: str, body: bytes, **headers: str) -> requests.Response:
    return requests.post(
        url, data=body, headers={"Content-Type": "application/json", **headers}, timeout=10
    )


def test_a_webhook_becomes_a_message_in_zulip(served: tuple[str, ZulipStandIn]) -> None:
    base, zulip = served
    answer = post(f"{base}/helloworld?api_key={zulip.api_key}&stream=news", HELLO)
    assert answer.status_code == 200
    assert answer.json()["result"] == "success"
    assert answer.json()["posted"] is True
    (message,) = zulip.messages
    assert (message.channel, message.topic) == ("news", "Featured articles")
    assert message.content.startswith("Today's featured article is **[Marilyn Monroe]")
    zulip.assert_all_valid()


@pytest.mark.parametrize(
    ("path", "body", "headers", "status", "code", "reason"),
    [
        (
            "helloworld?api_key=KEY&stream=news",
            b"{not json",
            {},
            400,
            "BAD_REQUEST",
            "not valid JSON",
        ),
        (
            "helloworld?api_key=KEY&stream=news",
            b'{"featured_title": null}',
            {},
            400,
            "BAD_REQUEST",
            "featured_title: expected a string, got null",
        ),
        ("helloworld?api_key=WRONG&stream=news", HELLO, {}, 401, "UNAUTHORIZED", "not this bot's"),
        ("helloworld?api_key=KEY", HELLO, {}, 400, "BAD_REQUEST", "add &stream=NAME"),
        (
            "nope?api_key=KEY&stream=news",
            HELLO,
            {},
            404,
            "NOT_FOUND",
            "no integration named 'nope'",
        ),
        (
            "git?api_key=KEY&stream=news",
            HELLO,
            {},
            404,
            "NOT_FOUND",
            "git is a script, not a webhook",
        ),
        (
            "demo?api_key=KEY&stream=news",
            b"{}",
            {"X-Demo-Event": "star", "X-Demo-Signature": "x"},
            401,
            "UNAUTHORIZED",
            "X-Demo-Signature header does not match",
        ),
    ],
)
def test_bad_requests_get_a_4xx_with_a_json_reason(
    served: tuple[str, ZulipStandIn],
    path: str,
    body: bytes,
    headers: dict[str, str],
    status: int,
    code: str,
    reason: str,
) -> None:
    base, zulip = served
    answer = post(f"{base}/{path.replace('KEY', zulip.api_key)}", body, **headers)
    assert answer.status_code == status
    assert answer.json()["result"] == "error"
    assert answer.json()["code"] == code
    assert reason in answer.json()["msg"]
    assert zulip.messages == []


def test_signed_requests_pass_and_unsupported_events_are_named(
    served: tuple[str, ZulipStandIn],
) -> None:
    import hashlib
    import hmac

    base, zulip = served
    body = json.dumps({"ref": "refs/heads/main", "pusher": {"name": "octocat"}}).encode()
    signature = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    url = f"{base}/demo?api_key={zulip.api_key}&stream=code"
    answer = post(url, body, **{"X-Demo-Event": "push", "X-Demo-Signature": signature})
    assert answer.status_code == 200
    assert zulip.messages[0].topic == "demo / main"
    unsupported = post(url, body, **{"X-Demo-Event": "star", "X-Demo-Signature": signature})
    assert unsupported.status_code == 400
    assert unsupported.json()["code"] == "UNSUPPORTED_WEBHOOK_EVENT_TYPE"
    assert "'star'" in unsupported.json()["msg"]


def test_nothing_to_post_is_a_success(served: tuple[str, ZulipStandIn]) -> None:
    base, zulip = served
    url = f"{base}/helloworld?api_key={zulip.api_key}&stream=news&exclude_events=featured_*"
    answer = post(url, HELLO)
    assert answer.status_code == 200
    assert answer.json()["posted"] is False
    assert zulip.messages == []


def test_zulip_failing_is_a_502_that_says_why(served: tuple[str, ZulipStandIn]) -> None:
    base, zulip = served
    zulip.fail_next(500)
    answer = post(f"{base}/helloworld?api_key={zulip.api_key}&stream=news", HELLO)
    assert answer.status_code == 502
    assert "HTTP 500" in answer.json()["msg"]


def test_only_post_and_only_webhook_paths(served: tuple[str, ZulipStandIn]) -> None:
    base, zulip = served
    assert (
        requests.get(f"{base}/helloworld?api_key={zulip.api_key}&stream=n", timeout=10).status_code
        == 405
    )
    elsewhere = requests.post(base.replace("/api/v1/external", "/elsewhere"), timeout=10)
    assert elsewhere.status_code == 404
    assert elsewhere.json()["code"] == "NOT_FOUND"


def test_dry_run_prints_instead_of_sending() -> None:
    out = io.StringIO()
    bridge = Bridge(default_registry(), printing_sender(out))
    with WebhookServer(bridge, log=io.StringIO()) as server:
        answer = post(f"{server.url}/api/v1/external/helloworld?stream=news", HELLO)
    assert answer.status_code == 200
    assert out.getvalue().startswith("#news > Featured articles\n\nToday's featured article is")


def test_the_command_serves_until_stopped(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "integrations", "serve", "--dry-run", "--port", str(port)]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            assert "receiving webhooks at http://127.0.0.1:" in process.stdout.readline()
            answer = post(f"http://127.0.0.1:{port}/api/v1/external/helloworld?stream=news", HELLO)
            assert answer.status_code == 200
            assert process.stdout.readline() == "#news > Featured articles\n"
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--dry-run", "--secret", "nope=x"], "--secret names no integration: nope"),
        ([], "no email"),
    ],
)
def test_the_command_refuses_bad_settings_in_one_line(
    args: list[str],
    reason: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from integrations.cli import main

    for name in ("ZULIP_EMAIL", "ZULIP_API_KEY", "ZULIP_SITE", "ZULIP_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert reason in err
    assert len(err.strip().splitlines()) == 1


def test_an_unreadable_length_is_a_400_and_a_huge_one_a_413(
    served: tuple[str, ZulipStandIn],
) -> None:
    import http.client
    from urllib.parse import urlsplit

    base, zulip = served
    address = urlsplit(base)
    path = f"{address.path}/helloworld?api_key={zulip.api_key}&stream=news"
    for length, status in (("ten", 400), ("-5", 400), (str(10**12), 413)):
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
        connection.putrequest("POST", path)
        connection.putheader("Content-Length", length)
        connection.endheaders()
        answer = connection.getresponse()
        assert answer.status == status, length
        assert json.loads(answer.read())["result"] == "error"
        connection.close()
    assert zulip.messages == []
