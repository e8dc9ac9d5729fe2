"""The gateway as a real server process, against the Zulip stand-in as a process.

Each test prints its counts (run with ``-s`` to see them). Faults are the
stand-in's: down for a while, 500s, 429 with Retry-After, slower than the
gateway's timeout, and the gateway itself killed with SIGKILL under load.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from integrations.testing.zulip_standin import DEFAULT_API_KEY
from tests.gateway_support import (
    ROOT,
    GatewayProcess,
    StandinProcess,
    article,
    delivered_titles,
    post_json,
    wait_for_messages,
    wait_until,
)


@pytest.fixture
def gateway(tmp_path: Path, standin_process: StandinProcess) -> Iterator[GatewayProcess]:
    process = GatewayProcess(tmp_path / "gateway", standin_process.site)
    process.start()
    yield process
    process.kill()


def post_article(gateway: GatewayProcess, n: int | str, **query: str) -> requests.Response:
    return post_json(gateway.url("helloworld", **query), article(n))


def test_a_webhook_is_acknowledged_once_stored_then_delivered(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    answers = [post_article(gateway, n) for n in range(5)]
    assert [answer.status_code for answer in answers] == [200] * 5
    assert all(answer.json()["queued"] for answer in answers)
    wait_for_messages(standin_process, 5)
    assert delivered_titles(standin_process) == [f"Article {n}" for n in range(5)]
    message = standin_process.messages()[0]
    assert (message["channel"], message["topic"]) == ("test", "Featured articles")
    samples = gateway.metrics()
    assert samples['gateway_webhooks_received_total{integration="helloworld"}'] == 5
    assert samples["gateway_messages_stored_total"] == 5
    wait_until(lambda: gateway.metrics()["gateway_messages_delivered_total"] == 5, timeout=5)
    assert gateway.health()["outbox_depth"] == 0
    print("5 webhooks: 5 acknowledged, 5 messages")


def test_zulip_down_for_a_while_loses_nothing_and_never_slows_the_answer(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    standin_process.fault("down", seconds=3)
    time.sleep(0.2)
    started = time.monotonic()
    answers = [post_article(gateway, n) for n in range(10)]
    took = time.monotonic() - started
    assert [answer.status_code for answer in answers] == [200] * 10
    assert took < 3, f"acknowledging 10 webhooks took {took:.1f} s while Zulip was down"
    time.sleep(1)
    assert gateway.health()["outbox_depth"] == 10
    wait_for_messages(standin_process, 10)
    time.sleep(1)  # nothing more arrives
    titles = delivered_titles(standin_process)
    assert titles == [f"Article {n}" for n in range(10)], "lost, doubled or reordered"
    print(f"Zulip down 3 s: 10 acknowledged in {took:.2f} s, {len(titles)} messages after")


def test_server_errors_and_rate_limits_are_retried_until_delivered_once(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    standin_process.fault("500", times=3)
    for n in range(3):
        assert post_article(gateway, n).status_code == 200
    wait_for_messages(standin_process, 3)
    standin_process.fault("429", times=2, seconds=1)
    for n in range(3, 6):
        assert post_article(gateway, n).status_code == 200
    wait_for_messages(standin_process, 6)
    time.sleep(1)
    assert delivered_titles(standin_process) == [f"Article {n}" for n in range(6)]
    retried = gateway.metrics()["gateway_messages_retried_total"]
    assert retried >= 5
    print(f"3 x 500 and 2 x 429: 6 webhooks, 6 messages, {retried:.0f} retries")


def test_a_zulip_slower_than_the_timeout_does_not_make_duplicates(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    # Stored at once, answered after 2.5 s: the gateway gives up after 1 s.
    standin_process.fault("slow", times=2, seconds=2.5)
    for n in range(4):
        assert post_article(gateway, n).status_code == 200
    wait_for_messages(standin_process, 4)
    time.sleep(3)  # time for any duplicate to show
    titles = delivered_titles(standin_process)
    assert titles == [f"Article {n}" for n in range(4)]
    print(f"2 slow answers: 4 webhooks, {len(titles)} messages")


def test_killed_under_load_every_acknowledged_webhook_is_delivered_exactly_once(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    standin_process.fault("slow", times=5, seconds=1.5)  # some tries in flight at the kill
    acknowledged: list[str] = []
    unanswered: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load(worker: int) -> None:
        for n in range(200):
            if stop.is_set():
                return
            title = f"{worker}-{n}"
            try:
                answer = post_article(gateway, title)
            except requests.RequestException:
                with lock:
                    unanswered.append(title)
                return
            with lock:
                (acknowledged if answer.status_code == 200 else unanswered).append(title)

    threads = [threading.Thread(target=load, args=(worker,)) for worker in range(6)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(acknowledged) >= 150, timeout=30, what="150 acknowledgements")
    gateway.kill()
    stop.set()
    for thread in threads:
        thread.join()
    gateway.start()
    wait_for_messages(standin_process, len(acknowledged), timeout=60)
    wait_until(lambda: gateway.health()["outbox_depth"] == 0, timeout=30, what="an empty outbox")
    counts = Counter(delivered_titles(standin_process))
    assert all(counts[f"Article {title}"] == 1 for title in acknowledged), {
        title: counts[f"Article {title}"]
        for title in acknowledged
        if counts[f"Article {title}"] != 1
    }
    # Those cut off may have been stored before the kill; none is posted twice.
    assert all(count == 1 for count in counts.values())
    print(
        f"SIGKILL under load: {len(acknowledged)} acknowledged, {len(unanswered)} cut off,"
        f" {sum(counts.values())} messages, none twice"
    )


def test_one_delivery_sent_many_times_at_once_is_one_message(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    fixture = ROOT / "integrations/webhooks/github/fixtures/push__simple.json"
    if not fixture.exists():
        fixture = next((ROOT / "integrations/webhooks/github/fixtures").glob("push*.json"))
    body = fixture.read_bytes()
    headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": str(uuid.uuid4())}

    def send(_: int) -> dict[str, object]:
        answer = post_json(gateway.url("github"), body, headers)
        assert answer.status_code == 200, answer.text
        result: dict[str, object] = answer.json()
        return result

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(send, range(12)))
    queued = [answer for answer in answers if answer.get("queued")]
    duplicates = [answer for answer in answers if answer.get("duplicate")]
    assert (len(queued), len(duplicates)) == (1, 11)
    wait_for_messages(standin_process, 1)
    time.sleep(1)
    assert len(standin_process.messages()) == 1
    print("one delivery sent 12 times at once: 1 stored, 11 duplicates, 1 message")


def test_sigterm_lets_a_request_in_flight_finish(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    assert gateway.process is not None
    body = json.dumps(article("in flight")).encode()
    head = (
        f"POST /api/v1/external/helloworld?api_key={DEFAULT_API_KEY}&stream=test HTTP/1.1\r\n"
        f"Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=10) as connection:
        connection.sendall(head + body[:10])
        time.sleep(0.3)
        gateway.process.send_signal(15)
        time.sleep(0.5)
        connection.sendall(body[10:])
        answer = ""
        while not answer.endswith("}"):
            received = connection.recv(4096).decode()
            assert received, f"the connection closed after {answer!r}"
            answer += received
    assert answer.startswith("HTTP/1.1 200"), answer
    assert '"queued":true' in answer
    # Stopped by the signal it was sent, after finishing: what systemd counts as clean.
    assert gateway.process.wait(timeout=20) in (0, -15)
    gateway.process = None
    gateway.start()  # what was stored and not sent goes out after a restart
    wait_for_messages(standin_process, 1)
    assert delivered_titles(standin_process) == ["Article in flight"]


def test_dead_letters_are_listed_retried_and_dropped_from_the_command_line(
    tmp_path: Path,
) -> None:
    standin = StandinProcess(channels=["general"])
    gateway = GatewayProcess(tmp_path / "gateway", standin.site)
    try:
        gateway.start()
        assert post_article(gateway, 1, stream="nowhere").status_code == 200
        assert post_article(gateway, 2, stream="nowhere").status_code == 200
        wait_until(lambda: gateway.health()["oldest_age_seconds"] == 0, timeout=10)
        wait_until(lambda: gateway.metrics()["gateway_outbox_dead"] == 2, timeout=10)

        def outbox(*arguments: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "integrations", "outbox", "--config", str(gateway.config),
                 *arguments],
                capture_output=True, text=True, cwd=ROOT, timeout=30,
            )  # fmt: skip

        listed = outbox("list", "--dead")
        assert listed.returncode == 0, listed.stderr
        assert "Channel 'nowhere' does not exist" in listed.stdout
        rows = [json.loads(line) for line in outbox("list", "--json").stdout.splitlines()]
        assert [row["state"] for row in rows] == ["dead", "dead"]
        first, second = (row["id"] for row in rows)
        dropped = outbox("drop", str(first))
        assert dropped.returncode == 0
        assert "1 message(s) dropped" in dropped.stdout
        missing = outbox("drop", str(first))
        assert missing.returncode == 2
        assert f"no waiting or dead message with id {first}" in (missing.stderr)
        retried = outbox("retry", "--all-dead")
        assert retried.returncode == 0
        assert "1 message(s)" in retried.stdout
        # Zulip still refuses it: dead again, with the reason, after one more try.
        wait_until(
            lambda: (
                [row["id"] for row in map(json.loads, outbox("list", "--json").stdout.splitlines())]
                == [second]
            ),
            timeout=10,
        )
        print("2 refused: listed, 1 dropped, 1 retried and refused again")
    finally:
        gateway.kill()
        standin.stop()


def test_replay_posts_a_pages_examples_to_a_running_gateway(
    gateway: GatewayProcess, standin_process: StandinProcess
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "integrations", "replay", "helloworld", "--to", gateway.base,
         "--stream", "sandbox"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={"ZULIP_API_KEY": DEFAULT_API_KEY, "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "examples were answered as the page says" in result.stdout
    queued = result.stdout.count("queued as message")
    assert queued >= 1
    wait_for_messages(standin_process, queued)
    assert {message["channel"] for message in standin_process.messages()} == {"sandbox"}
    print(f"replay helloworld: {queued} messages")
