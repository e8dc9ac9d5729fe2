"""The sender's decisions on each of Zulip's answers, against the in-process stand-in."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from integrations.core.client import ZulipClient
from integrations.core.config import ZulipSettings
from integrations.gateway.config import Delivery
from integrations.gateway.metrics import Metrics
from integrations.gateway.sender import Sender
from integrations.gateway.sqlite import SqliteStore
from integrations.gateway.store import DEAD, DELIVERED, PENDING, NewMessage
from integrations.testing.zulip_standin import ZulipStandIn

# Zulip's answers come well within this, even on a loaded machine; only the
# tests of a late answer wait for a shorter timeout to run out.
TIMEOUT = 10.0
SHORT_TIMEOUT = 1.5


@pytest.fixture
def outbox(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "outbox.sqlite3", synchronous="NORMAL")


def sender_for(outbox: SqliteStore, standin: ZulipStandIn, timeout: float = TIMEOUT) -> Sender:
    def client() -> ZulipClient:
        settings = ZulipSettings(email=standin.email, api_key=standin.api_key, site=standin.site)
        return settings.client("ZulipTest/1.0", timeout=timeout, retries=0)

    settings = Delivery(timeout=timeout, doubt_delay=0.2, max_delay=5.0, concurrency=2)
    return Sender(outbox, client, settings, Metrics(outbox.depth))


def one_try(outbox: SqliteStore, sender: Sender) -> None:
    """Wait for the row to be due, as the sender's loop would, and try it once."""
    deadline = time.monotonic() + 5
    while not (rows := outbox.claim(sender.owner, 1, sender.lease)):
        assert time.monotonic() < deadline, "nothing came due"
        time.sleep(0.05)
    sender.deliver(rows[0])


def stored(outbox: SqliteStore, content: str = "Deployed **v2**.", topic: str = "deploys") -> None:
    outbox.store_batch([NewMessage("helloworld", "ops", topic, content)])


def test_a_message_zulip_accepts_is_delivered_with_its_id(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    stored(outbox)
    one_try(outbox, sender_for(outbox, zulip_standin))
    (row,) = outbox.rows([DELIVERED])
    assert row.zulip_id == zulip_standin.messages[0].id
    assert (zulip_standin.messages[0].topic, zulip_standin.messages[0].content) == (
        "deploys",
        "Deployed **v2**.",
    )


def test_a_server_error_is_retried_later_without_doubt(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    stored(outbox)
    zulip_standin.fail_next(502)
    one_try(outbox, sender_for(outbox, zulip_standin))
    (row,) = outbox.rows([PENDING])
    assert not row.in_doubt
    assert "502" in (row.last_error or "")
    assert 0 < row.next_attempt_at - time.time() <= 1.0  # the first backoff, with jitter
    assert zulip_standin.messages == []


def test_a_rate_limit_is_retried_after_what_zulip_asks(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    stored(outbox)
    zulip_standin.rate_limit_next(3)
    one_try(outbox, sender_for(outbox, zulip_standin))
    (row,) = outbox.rows([PENDING])
    assert row.next_attempt_at - time.time() == pytest.approx(3, abs=0.5)


def test_a_refusal_goes_to_the_dead_letters_with_zulips_reason(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    zulip_standin.channels = {"general"}
    stored(outbox)
    one_try(outbox, sender_for(outbox, zulip_standin))
    (row,) = outbox.rows([DEAD])
    assert "Channel 'ops' does not exist" in (row.last_error or "")


def test_no_answer_puts_the_row_in_doubt_and_the_look_finds_the_message(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    stored(outbox)
    sender = sender_for(outbox, zulip_standin, SHORT_TIMEOUT)
    zulip_standin.slow_next(SHORT_TIMEOUT * 2)  # stored at once, answered too late
    one_try(outbox, sender)
    (row,) = outbox.rows([PENDING])
    assert row.in_doubt
    assert row.next_attempt_at - time.time() >= 0.1  # the doubt delay
    one_try(outbox, sender)
    assert len(zulip_standin.messages) == 1, "the message was posted twice"
    (done,) = outbox.rows([DELIVERED])
    assert done.zulip_id == zulip_standin.messages[0].id


def test_an_earlier_message_that_says_the_same_is_not_taken_for_this_one(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    sender = sender_for(outbox, zulip_standin)
    stored(outbox, "CI failed on `main`.")
    one_try(outbox, sender)  # the first, delivered
    stored(outbox, "CI failed on `main`.")
    # A try that went unanswered: Zulip may or may not have the message.
    (row,) = outbox.claim(sender.owner, 1, sender.lease)
    outbox.retry(row.id, 0, "no answer", in_doubt=True)
    one_try(outbox, sender)
    assert [message.content for message in zulip_standin.messages] == ["CI failed on `main`."] * 2


def test_a_row_of_the_topic_delivered_since_the_first_try_does_not_hide_the_message(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    """With two gateways on PostgreSQL, a row of the topic committed late may go out while
    this one is in doubt: Zulip's copy of this one is then older than the topic's newest."""
    stored(outbox, "Deployed **v2**.")
    sender = sender_for(outbox, zulip_standin, SHORT_TIMEOUT)
    zulip_standin.slow_next(SHORT_TIMEOUT * 2)  # stored at once, answered too late
    one_try(outbox, sender)
    outbox.store_batch([NewMessage("helloworld", "ops", "deploys", "Deployed **v3**.")])
    later = outbox.rows([PENDING])[-1]
    with sender_for(outbox, zulip_standin).new_client() as client:
        outbox.delivered(later.id, client.send_stream_message("ops", "deploys", later.content))
    one_try(outbox, sender)
    contents = [message.content for message in zulip_standin.messages]
    assert contents == ["Deployed **v2**.", "Deployed **v3**."], "posted twice"
    (first, _) = outbox.rows([DELIVERED])
    assert first.zulip_id == zulip_standin.messages[0].id


def test_a_message_zulip_stores_after_the_look_is_posted_twice(
    outbox: SqliteStore, zulip_standin: ZulipStandIn
) -> None:
    """The one window left: Zulip keeps a request longer than the timeout plus the doubt delay,
    stores it after the sender looked, and the second try posts it again."""
    stored(outbox)
    sender = sender_for(outbox, zulip_standin, SHORT_TIMEOUT)
    zulip_standin.store_late_next(SHORT_TIMEOUT + 4.0)
    one_try(outbox, sender)
    assert zulip_standin.messages == []
    one_try(outbox, sender)  # looks, finds nothing yet, sends
    assert len(zulip_standin.messages) == 1
    deadline = time.monotonic() + 10
    while len(zulip_standin.messages) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)  # the first request is finally served
    assert len(zulip_standin.messages) == 2
    print("stored late: 1 webhook, 2 messages (the documented window)")
