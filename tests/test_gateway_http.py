"""What the gateway answers, over real HTTP: JSON with a reason for every status, nothing leaked.

One gateway process (with a GitHub secret configured) serves the whole
module; the Zulip stand-in runs as a process too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from integrations.testing.zulip_standin import DEFAULT_API_KEY
from tests.gateway_support import (
    ROOT,
    GatewayProcess,
    StandinProcess,
    article,
    post_json,
    wait_for_messages,
    wait_until,
)

SECRET = "It's a Secret to Everybody"
PUSH = next((ROOT / "integrations/webhooks/github/fixtures").glob("push*.json")).read_bytes()


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[GatewayProcess, StandinProcess]]:
    standin = StandinProcess()
    gateway = GatewayProcess(tmp_path_factory.mktemp("http") / "gateway", standin.site)
    gateway.settings["secrets"] = {"github": SECRET}
    gateway.settings["limits"] = {"max_body_bytes": 64 * 1024, "header_timeout": 1.0}
    gateway.start()
    yield gateway, standin
    gateway.kill()
    standin.stop()


def raw_exchange(port: int, data: bytes, *, pause: float = 0.0) -> tuple[int, dict[str, object]]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        if pause:
            time.sleep(pause)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    return status, json.loads(body)


def signed(body: bytes) -> dict[str, str]:
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "X-GitHub-Event": "push"}


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code", "reason"),
    [
        ("POST", "helloworld?api_key=KEY&stream=news", b"{not json", 400, "BAD_REQUEST",
         "not valid JSON"),
        ("POST", "helloworld?api_key=KEY&stream=news", b'{"featured_title": null}', 400,
         "BAD_REQUEST", "featured_title: expected a string, got null"),
        ("POST", "helloworld?api_key=KEY&stream=news", b'{"n": ' + b"9" * 5000 + b"}", 400,
         "BAD_REQUEST", ""),
        ("POST", "helloworld?api_key=wrong&stream=news", b"{}", 401, "UNAUTHORIZED",
         "the api_key in the URL is not one this gateway accepts"),
        ("POST", "helloworld?api_key=KEY", b"{}", 400, "BAD_REQUEST", "the URL names no channel"),
        ("POST", "nosuch?api_key=KEY&stream=news", b"{}", 404, "NOT_FOUND",
         "no integration named 'nosuch'"),
        ("POST", "git?api_key=KEY&stream=news", b"{}", 404, "NOT_FOUND", "not a webhook"),
        ("DELETE", "helloworld?api_key=KEY&stream=news", b"", 405, "METHOD_NOT_ALLOWED",
         "webhooks are sent with POST"),
        ("GET", "helloworld", b"", 405, "METHOD_NOT_ALLOWED", "webhooks are sent with POST"),
        ("POST", "helloworld?api_key=KEY&stream=news", b'{"a": "' + b"x" * 70_000 + b'"}', 413,
         "REQUEST_TOO_LARGE", "larger than 65536 bytes"),
    ],
)  # fmt: skip
def test_bad_requests_get_a_4xx_with_a_json_reason(
    served: tuple[GatewayProcess, StandinProcess],
    method: str,
    path: str,
    body: bytes,
    status: int,
    code: str,
    reason: str,
) -> None:
    gateway, _ = served
    url = f"{gateway.base}/api/v1/external/{path.replace('KEY', DEFAULT_API_KEY)}"
    answer = requests.request(
        method, url, data=body, headers={"Content-Type": "application/json"}, timeout=10
    )
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["result"] == "error"
    assert answer.json()["code"] == code
    assert reason in answer.json()["msg"]


def test_an_unsupported_event_is_a_200_that_names_it_as_zulip_does(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    headers = {**signed(PUSH), "X-GitHub-Event": "frobnicate"}
    answer = post_json(gateway.url("github"), PUSH, headers)
    assert answer.status_code == 200
    assert answer.json()["code"] == "UNSUPPORTED_WEBHOOK_EVENT_TYPE"
    assert "frobnicate" in answer.json()["msg"]


def test_signatures_are_checked_with_the_configured_secret(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, standin = served
    before = len(standin.messages())
    good = post_json(gateway.url("github"), PUSH, signed(PUSH))
    assert good.status_code == 200
    assert good.json()["queued"]
    forged = post_json(gateway.url("github"), PUSH, signed(PUSH + b" "))
    unsigned = post_json(gateway.url("github"), PUSH, {"X-GitHub-Event": "push"})
    for answer in (forged, unsigned):
        assert answer.status_code == 401
        assert answer.json()["code"] == "UNAUTHORIZED"
        assert SECRET not in answer.text
    wait_for_messages(standin, before + 1)


def test_nothing_to_post_is_a_success_that_says_why(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    answer = post_json(gateway.url("helloworld", only_events='["nothing"]'), article("x"))
    assert answer.status_code == 200
    assert answer.json() == {
        "result": "success",
        "msg": "",
        "posted": False,
        "reason": "left out by only_events/exclude_events",
    }


def test_head_checks_of_a_webhook_url_get_a_200(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    assert requests.head(gateway.url("helloworld"), timeout=5).status_code == 200
    assert requests.head(f"{gateway.base}/api/v1/external/nosuch", timeout=5).status_code == 404


def test_unparseable_oversized_and_slow_requests_get_json(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    port = gateway.port
    assert raw_exchange(port, b"NOT HTTP AT ALL\r\n\r\n")[0] == 400
    status, body = raw_exchange(port, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert (status, body["code"]) == (414, "URI_TOO_LONG")
    big = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 20_000 + b"\r\n\r\n"
    status, body = raw_exchange(port, big)
    assert (status, body["code"]) == (431, "REQUEST_HEADER_FIELDS_TOO_LARGE")
    # Headers that stop coming: the connection is answered and closed.
    status, body = raw_exchange(port, b"POST /api/v1/external/helloworld HTTP/1.1\r\n", pause=1.5)
    assert (status, body["code"]) == (408, "REQUEST_TIMEOUT")
    # A body that stops coming: the same, once the body timeout runs out.
    head = (
        f"POST /api/v1/external/helloworld?api_key={DEFAULT_API_KEY}&stream=s HTTP/1.1\r\n"
        "Host: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
    ).encode()
    status, body = raw_exchange(port, head, pause=3.5)
    assert (status, body["code"]) == (408, "REQUEST_TIMEOUT")


def test_chunked_bodies_are_read_and_bounded(served: tuple[GatewayProcess, StandinProcess]) -> None:
    gateway, standin = served
    before = len(standin.messages())
    target = f"/api/v1/external/helloworld?api_key={DEFAULT_API_KEY}&stream=chunks"

    def chunked(body: bytes, size: int) -> bytes:
        pieces = [body[i : i + size] for i in range(0, len(body), size)]
        framed = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in pieces) + b"0\r\n\r\n"
        head = (
            f"POST {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        ).encode()
        return head + framed

    status, body = raw_exchange(gateway.port, chunked(json.dumps(article("chunked")).encode(), 7))
    assert (status, body.get("queued")) == (200, True)
    status, body = raw_exchange(gateway.port, chunked(b'"' + b"x" * 100_000 + b'"', 4096))
    assert (status, body["code"]) == (413, "REQUEST_TOO_LARGE")
    wait_for_messages(standin, before + 1)


def test_the_log_hides_the_api_key_and_drops_control_characters(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    post_json(gateway.url("helloworld", extra="a%0Ab%1B[31m"), article("logged"))
    log = gateway.log_text()
    assert DEFAULT_API_KEY not in log
    assert "api_key=***" in log
    assert "\x1b" not in log
    assert SECRET not in log


def test_health_and_metrics_speak_for_the_outbox(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    assert post_json(gateway.url("helloworld"), article("counted")).status_code == 200
    # A refusal of its own, so the counter below does not rely on another test's.
    refused = post_json(gateway.url("helloworld", api_key="wrong"), article("refused"))
    assert refused.status_code == 401
    health = gateway.health()
    assert health["result"] == "success"
    assert {"outbox_depth", "oldest_age_seconds"} <= set(health)
    text = requests.get(f"{gateway.base}/metrics", timeout=5).text
    for name in ("gateway_webhooks_received_total", "gateway_webhooks_rejected_total",
                 "gateway_messages_stored_total", "gateway_messages_delivered_total",
                 "gateway_outbox_depth", "gateway_outbox_oldest_age_seconds"):  # fmt: skip
        assert f"# TYPE {name.removesuffix('_total')}" in text
    assert 'gateway_webhooks_rejected_total{reason="unauthorized"}' in text


def run_serve(tmp_path: Path, config: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "gateway.toml"
    path.write_text(config)
    return subprocess.run(
        [sys.executable, "-m", "integrations", "serve", "--config", str(path), *arguments],
        capture_output=True, text=True, cwd=ROOT, timeout=30,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip


ZULIP = '[zulip]\nsite = "http://127.0.0.1:9"\nemail = "bot@example.com"\napi_key = "k"\n'


@pytest.mark.parametrize(
    ("config", "arguments", "message"),
    [
        (ZULIP + '[secrets]\nhelloworld = "x"\n', (),
         "a secret is set for helloworld, but Hello World signs nothing"),
        (ZULIP + '[secrets]\nnosuch = "x"\n', (), "a secret is set for 'nosuch', which is no integration"),
        (ZULIP + "[limits]\nmax_body = 5\n", (), "unknown setting limits.max_body"),
        (ZULIP + "[outbox]\nsynchronous = \"OFF\"\n", (), "outbox.synchronous is FULL or NORMAL"),
        ("[server]\nport = 'x'\n", (), "server.port must be int"),
        ("", (), "no email (ZULIP_EMAIL"),
        (ZULIP, ("--database", "postgresql://u:hunter2@127.0.0.1/x"), "carries a password"),
    ],
)  # fmt: skip
def test_bad_settings_stop_the_start_with_one_line(
    tmp_path: Path, config: str, arguments: tuple[str, ...], message: str
) -> None:
    result = run_serve(tmp_path, config, *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert "hunter2" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_second_gateway_on_the_same_sqlite_outbox_is_refused(
    served: tuple[GatewayProcess, StandinProcess], tmp_path: Path
) -> None:
    gateway, _ = served
    config = gateway.config.read_text().replace(f"port = {gateway.port}", "port = 9")
    result = run_serve(tmp_path, config)
    assert result.returncode == 2
    assert "another gateway is serving from" in result.stderr


def test_slack_compatible_senders_hear_ok(served: tuple[GatewayProcess, StandinProcess]) -> None:
    gateway, _ = served
    answer = post_json(gateway.url("slack_incoming"), {"text": "Deployed *v2*"})
    assert answer.status_code == 200
    assert answer.json()["ok"] is True
    assert answer.json()["queued"] is True


def test_the_key_may_come_as_basic_auth_as_on_zulip(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    url = f"{gateway.base}/api/v1/external/helloworld?stream=auth"
    body = json.dumps(article("basic")).encode()
    headers = {"Content-Type": "application/json"}
    good = requests.post(
        url, data=body, headers=headers, auth=("bot@example.com", DEFAULT_API_KEY), timeout=10
    )
    bad = requests.post(
        url, data=body, headers=headers, auth=("bot@example.com", "nope"), timeout=10
    )
    assert good.status_code == 200
    assert good.json()["queued"] is True
    assert bad.status_code == 401


def test_twice_encoded_channels_and_topics_are_decoded_for_jira_and_bitbucket(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, standin = served
    fixture = ROOT / "integrations/webhooks/jira/fixtures/created_v2.json"
    answer = post_json(
        gateway.url("jira", stream="team%2520ops", topic="my%2520issues"), fixture.read_bytes()
    )
    assert answer.status_code == 200, answer.text

    def arrived() -> list[tuple[str, str]]:
        return [
            (m["channel"], m["topic"]) for m in standin.messages() if m["channel"] == "team ops"
        ]

    wait_until(lambda: bool(arrived()), timeout=10, what="the Jira message")
    assert arrived() == [("team ops", "my issues")]


def test_one_event_sent_to_two_webhook_urls_is_two_messages(
    served: tuple[GatewayProcess, StandinProcess],
) -> None:
    gateway, _ = served
    headers = {**signed(PUSH), "X-GitHub-Delivery": "same-id-at-two-urls"}
    first = post_json(gateway.url("github", stream="one"), PUSH, headers)
    second = post_json(gateway.url("github", stream="two"), PUSH, headers)
    again = post_json(gateway.url("github", stream="two"), PUSH, headers)
    assert first.json()["queued"] is True
    assert second.json()["queued"] is True
    assert again.json()["duplicate"] is True
