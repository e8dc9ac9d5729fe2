"""Two gateway processes sharing one outbox on a real PostgreSQL server, under faults.

The server is Debian's PostgreSQL, started by the tests in a temporary
folder on loopback (``tests/gateway_support.py``). Each test prints its counts.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.gateway_support import (
    ROOT,
    GatewayProcess,
    PostgresServer,
    StandinProcess,
    article,
    delivered_titles,
    post_json,
    wait_for_messages,
    wait_until,
)


@pytest.fixture
def pair(
    tmp_path: Path, postgres: PostgresServer, standin_process: StandinProcess
) -> Iterator[tuple[GatewayProcess, GatewayProcess]]:
    database = postgres.new_database(f"outbox_{uuid.uuid4().hex[:10]}")
    gateways = (
        GatewayProcess(tmp_path / "one", standin_process.site, database=database),
        GatewayProcess(tmp_path / "two", standin_process.site, database=database),
    )
    for gateway in gateways:
        gateway.start()
    yield gateways
    for gateway in gateways:
        gateway.kill()


def test_two_gateways_deliver_each_webhook_once_in_order_through_faults(
    pair: tuple[GatewayProcess, GatewayProcess], standin_process: StandinProcess
) -> None:
    standin_process.fault("500", times=3)
    titles = []
    for n in range(40):
        if n == 10:
            standin_process.fault("slow", times=2, seconds=2.0)
        if n == 20:
            standin_process.fault("429", times=2, seconds=1)
        answer = post_json(pair[n % 2].url("helloworld"), article(n))
        assert answer.status_code == 200
        assert answer.json()["queued"]
        titles.append(f"Article {n}")
    wait_for_messages(standin_process, 40, timeout=60)
    time.sleep(2)
    delivered = delivered_titles(standin_process)
    assert delivered == titles, "lost, doubled or out of order"
    shares = [gateway.metrics()["gateway_messages_delivered_total"] for gateway in pair]
    print(f"two gateways, 3 x 500, 2 slow, 2 x 429: 40 webhooks, 40 messages, sent {shares}")


def test_zulip_down_then_back_with_two_gateways(
    pair: tuple[GatewayProcess, GatewayProcess], standin_process: StandinProcess
) -> None:
    standin_process.fault("down", seconds=3)
    time.sleep(0.2)
    for n in range(20):
        assert post_json(pair[n % 2].url("helloworld", topic=f"t{n % 3}"), article(n)).ok
    wait_for_messages(standin_process, 20, timeout=60)
    time.sleep(1)
    counts = Counter(delivered_titles(standin_process))
    assert counts == Counter(f"Article {n}" for n in range(20))
    for topic in ("t0", "t1", "t2"):
        in_topic = [m for m in standin_process.messages() if m["topic"] == topic]
        numbers = [int(m["content"].split("Article ")[1].split("]")[0]) for m in in_topic]
        assert numbers == sorted(numbers), f"topic {topic} out of order: {numbers}"
    print("Zulip down 3 s, two gateways: 20 webhooks in 3 topics, 20 messages, in order")


def test_one_gateway_killed_under_load_the_other_finishes_its_work(
    pair: tuple[GatewayProcess, GatewayProcess], standin_process: StandinProcess
) -> None:
    one, two = pair
    standin_process.fault("slow", times=4, seconds=1.5)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def load(worker: int) -> None:
        for n in range(100):
            if stop.is_set():
                return
            title = f"{worker}-{n}"
            gateway = pair[(worker + n) % 2]
            try:
                answer = post_json(gateway.url("helloworld", topic=f"w{worker}"), article(title))
            except requests.RequestException:
                continue  # the killed one; the other keeps taking webhooks
            if answer.status_code == 200:
                with lock:
                    acknowledged.append(title)

    threads = [threading.Thread(target=load, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(acknowledged) >= 80, timeout=30, what="80 acknowledgements")
    one.kill()
    for thread in threads:
        thread.join()
    stop.set()
    # The rows the killed gateway held come back to the other when their lease ends.
    wait_for_messages(standin_process, len(acknowledged), timeout=90)
    wait_until(lambda: two.health()["outbox_depth"] == 0, timeout=60, what="an empty outbox")
    counts = Counter(delivered_titles(standin_process))
    assert all(counts[f"Article {title}"] == 1 for title in acknowledged)
    assert all(count == 1 for count in counts.values()), "a message was posted twice"
    print(
        f"one of two gateways killed under load: {len(acknowledged)} acknowledged,"
        f" {sum(counts.values())} messages, none twice"
    )


def test_one_delivery_sent_to_both_gateways_at_once_is_one_message(
    pair: tuple[GatewayProcess, GatewayProcess], standin_process: StandinProcess
) -> None:
    fixture = next((ROOT / "integrations/webhooks/github/fixtures").glob("push*.json"))
    body = fixture.read_bytes()
    headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": str(uuid.uuid4())}

    def send(n: int) -> dict[str, object]:
        answer = post_json(pair[n % 2].url("github"), body, headers)
        assert answer.status_code == 200, answer.text
        result: dict[str, object] = answer.json()
        return result

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(send, range(10)))
    assert sum(bool(answer.get("queued")) for answer in answers) == 1
    assert sum(bool(answer.get("duplicate")) for answer in answers) == 9
    wait_for_messages(standin_process, 1)
    time.sleep(1)
    assert len(standin_process.messages()) == 1
    print("one delivery sent 10 times to two gateways at once: 1 message")
