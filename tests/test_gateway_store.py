"""The outbox, on SQLite and on a real PostgreSQL server: the same behaviour from both."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from integrations.gateway.sqlite import SqliteStore
from integrations.gateway.store import (
    DEAD,
    DELIVERED,
    PENDING,
    SENDING,
    NewMessage,
    Store,
    open_store,
)
from tests.gateway_support import PostgresServer


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened: Store = open_store(f"sqlite:///{tmp_path / 'outbox.sqlite3'}")
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        opened = open_store(server.new_database(f"store_{uuid.uuid4().hex[:10]}"))
    yield opened
    opened.close()


def message(topic: str = "t", content: str = "hello", key: str | None = None) -> NewMessage:
    return NewMessage("github", "dev", topic, content, key)


def test_stored_messages_are_claimed_once_and_in_order_within_a_topic(store: Store) -> None:
    stored = store.store_batch([message("a", "1"), message("a", "2"), message("b", "3")])
    assert [item.duplicate for item in stored] == [False, False, False]
    first = store.claim("one", 10, lease=60)
    # Only the oldest message of each topic can be sent: "a" waits for "1".
    assert [row.content for row in first] == ["1", "3"]
    assert store.claim("two", 10, lease=60) == []
    store.delivered(first[0].id, 101)
    assert [row.content for row in store.claim("two", 10, lease=60)] == ["2"]


def test_a_delivery_id_seen_before_is_a_duplicate(store: Store) -> None:
    first = store.store_batch([message(key="github:abc")])
    again = store.store_batch([message(key="github:abc"), message(key="github:def")])
    assert not first[0].duplicate
    assert again[0].duplicate
    assert again[0].id is None
    assert not again[1].duplicate
    assert len(store.rows([PENDING])) == 2


def test_a_retry_waits_and_keeps_its_topic_waiting(store: Store) -> None:
    store.store_batch([message("a", "1"), message("a", "2")])
    (row,) = store.claim("one", 10, lease=60)
    store.retry(row.id, 0.4, "Zulip answered 502", in_doubt=False)
    assert store.claim("one", 10, lease=60) == []  # "2" may not overtake "1"
    time.sleep(0.5)
    (again,) = store.claim("one", 10, lease=60)
    assert again.id == row.id
    assert again.attempts == 2
    assert not again.in_doubt
    assert again.last_error == "Zulip answered 502"


def test_a_row_whose_sender_vanished_is_claimed_again_in_doubt(store: Store) -> None:
    store.store_batch([message()])
    (row,) = store.claim("crashed", 10, lease=0.2)
    assert store.claim("other", 10, lease=60) == []  # the lease holds
    time.sleep(0.3)
    (again,) = store.claim("other", 10, lease=60)
    assert again.id == row.id
    assert again.in_doubt, "it may have reached Zulip: look first"


def test_dead_letters_can_be_listed_retried_and_dropped(store: Store) -> None:
    store.store_batch([message("a", "1"), message("a", "2")])
    (row,) = store.claim("one", 10, lease=60)
    store.dead(row.id, "Zulip: Channel 'dev' does not exist")
    # A dead message no longer holds its topic back.
    (next_row,) = store.claim("one", 10, lease=60)
    assert next_row.content == "2"
    assert [(r.id, r.last_error) for r in store.rows([DEAD])] == [
        (row.id, "Zulip: Channel 'dev' does not exist")
    ]
    assert store.depth().dead == 1
    assert store.requeue(row.id)
    assert store.rows([DEAD]) == []
    assert not store.requeue(999_999)
    assert store.drop(row.id)
    assert not store.drop(row.id)


def test_depth_counts_what_waits_and_forget_before_removes_old_deliveries(store: Store) -> None:
    store.store_batch([message("a", "1", key="k:1"), message("b", "2")])
    depth = store.depth()
    assert depth.waiting == 2
    assert depth.oldest_age >= 0
    rows = store.claim("one", 10, lease=60)
    for row in rows:
        store.delivered(row.id, row.id + 100)
    assert store.depth().waiting == 0
    assert len(store.rows([DELIVERED])) == 2
    assert store.forget_before(time.time() - 3600) == 0  # not old enough
    time.sleep(0.05)
    assert store.forget_before(time.time()) == 2
    # The delivery id is forgotten with it: the same id is new again.
    assert not store.store_batch([message(key="k:1")])[0].duplicate


def test_concurrent_claimers_never_share_a_row_or_a_topic(store: Store) -> None:
    topics = [f"topic {n}" for n in range(20)]
    store.store_batch([message(topic, f"{topic}/{i}") for topic in topics for i in range(3)])
    claimed: list[tuple[str, str]] = []
    lock = threading.Lock()
    failures: list[BaseException] = []

    def claim(owner: str) -> None:
        try:
            for _ in range(30):
                for row in store.claim(owner, 4, lease=60):
                    with lock:
                        claimed.append((row.topic, row.content))
                    store.delivered(row.id, row.id)
        except BaseException as problem:  # surfaced below
            failures.append(problem)

    threads = [threading.Thread(target=claim, args=(f"sender {n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    contents = [content for _, content in claimed]
    assert sorted(contents) == sorted(f"{t}/{i}" for t in topics for i in range(3))
    for topic in topics:
        order = [content for claimed_topic, content in claimed if claimed_topic == topic]
        assert order == [f"{topic}/{i}" for i in range(3)], "a topic was sent out of order"


def test_concurrent_stores_of_one_delivery_id_keep_one(store: Store) -> None:
    results = []
    lock = threading.Lock()

    def store_it() -> None:
        outcome = store.store_batch([message(key="github:same")])
        with lock:
            results.extend(outcome)

    threads = [threading.Thread(target=store_it) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(not item.duplicate for item in results) == 1
    assert len(store.rows([PENDING, SENDING])) == 1


def test_sqlite_refuses_an_unknown_synchronous_setting(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="FULL or NORMAL"):
        SqliteStore(tmp_path / "x.sqlite3", synchronous="OFF")
