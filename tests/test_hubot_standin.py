"""The Zulip stand-in's events API and direct messages, which the Hubot adapter reads and sends.

Every request is checked against Zulip's OpenAPI description (the
``zulip_standin`` fixture fails a test that sent an invalid one), and the
stand-in checks its own answers against it too, the 400 about a lost queue
included.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from integrations.testing.zulip_standin import ZulipStandIn, ZulipUser, closed_site

BOT = ZulipUser(9, "hubot-bot@example.com", "Hubot", is_bot=True)
OTHER_BOT = ZulipUser(10, "other-bot@example.com", "Other", is_bot=True)
ALICE = ZulipUser(11, "alice@example.com", "Alice")
BOB = ZulipUser(12, "bob@example.com", "Bob")
KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def standin() -> Iterator[ZulipStandIn]:
    with ZulipStandIn(
        bots={BOT.email: KEY, OTHER_BOT.email: KEY}, users=[BOT, OTHER_BOT, ALICE, BOB]
    ) as running:
        running.heartbeat_seconds = 5
        yield running
    if not running.allow_invalid:
        running.assert_all_valid()


def call(
    standin: ZulipStandIn,
    method: str,
    endpoint: str,
    *,
    as_bot: ZulipUser = BOT,
    params: dict[str, Any] | None = None,
    data: dict[str, str] | None = None,
) -> requests.Response:
    return requests.request(
        method,
        f"{standin.site}/api/v1/{endpoint}",
        params=params,
        data=data,
        auth=(as_bot.email, KEY),
        timeout=30,
    )


def register(standin: ZulipStandIn, as_bot: ZulipUser = BOT, **fields: str) -> str:
    data = {"event_types": json.dumps(["message"]), "apply_markdown": "false", **fields}
    answer = call(standin, "POST", "register", as_bot=as_bot, data=data)
    assert answer.status_code == 200, answer.text
    queue_id: str = answer.json()["queue_id"]
    return queue_id


def poll(
    standin: ZulipStandIn, queue_id: str, last: int, as_bot: ZulipUser = BOT, block: bool = False
) -> requests.Response:
    params = {"queue_id": queue_id, "last_event_id": str(last)}
    if not block:
        params["dont_block"] = "true"
    return call(standin, "GET", "events", as_bot=as_bot, params=params)


def events(
    standin: ZulipStandIn, queue_id: str, last: int = -1, as_bot: ZulipUser = BOT
) -> list[dict[str, Any]]:
    answer = poll(standin, queue_id, last, as_bot)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()["events"]
    return found


def test_users_me_tells_a_bot_who_it_is(standin: ZulipStandIn) -> None:
    answer = call(standin, "GET", "users/me").json()
    assert (answer["user_id"], answer["email"], answer["full_name"], answer["is_bot"]) == (
        9,
        "hubot-bot@example.com",
        "Hubot",
        True,
    )


def test_register_opens_a_queue_as_zulip_describes_it(standin: ZulipStandIn) -> None:
    standin.send_as(ALICE, "before", channel="general", topic="t")
    answer = call(standin, "POST", "register", data={"event_types": json.dumps(["message"])}).json()
    assert answer["last_event_id"] == -1
    assert answer["max_message_id"] == 1
    assert answer["zulip_feature_level"] == 372
    assert answer["event_queue_longpoll_timeout_seconds"] > standin.heartbeat_seconds
    assert list(standin.queues) == [answer["queue_id"]]


def test_a_channel_message_reaches_every_bot_with_its_flags(standin: ZulipStandIn) -> None:
    mine, other = register(standin), register(standin, OTHER_BOT)
    message_id = standin.send_as(
        "Alice", "@**Hubot** ping @_**Other**", channel="general", topic="t"
    )
    [event] = events(standin, mine)
    assert event["type"] == "message"
    assert event["flags"] == ["mentioned"]
    message = event["message"]
    assert message["id"] == message_id
    assert (message["type"], message["display_recipient"], message["subject"]) == (
        "stream",
        "general",
        "t",
    )
    assert (message["sender_id"], message["sender_full_name"]) == (11, "Alice")
    assert message["content"] == "@**Hubot** ping @_**Other**"
    assert message["content_type"] == "text/x-markdown"
    # A silent mention notifies nobody, so no flag for the other bot.
    assert [item["flags"] for item in events(standin, other, -1, OTHER_BOT)] == [[]]
    assert standin.delivered_to(BOT.email) == [message_id]


def test_apply_markdown_gives_html(standin: ZulipStandIn) -> None:
    queue = register(standin, apply_markdown="true")
    standin.send_as(ALICE, "**bold**", channel="general", topic="t")
    [event] = events(standin, queue)
    assert event["message"]["content"] == "<p><strong>bold</strong></p>"
    assert event["message"]["content_type"] == "text/html"


def test_a_bot_answers_in_a_direct_message_only_its_people_see(standin: ZulipStandIn) -> None:
    mine, other = register(standin), register(standin, OTHER_BOT)
    standin.send_as(ALICE, "ping", to=[BOT])
    sent = call(
        standin, "POST", "messages", data={"type": "direct", "to": "[11]", "content": "PONG"}
    )
    assert sent.status_code == 200
    [message] = standin.messages
    assert (message.direct, message.recipients, message.channel, message.content) == (
        True,
        ("alice@example.com",),
        "",
        "PONG",
    )
    seen = events(standin, mine)
    assert [event["message"]["content"] for event in seen] == ["ping", "PONG"]
    assert seen[1]["flags"] == ["read"]  # its own message
    people = seen[0]["message"]["display_recipient"]
    assert [(person["id"], person["full_name"]) for person in people] == [
        (9, "Hubot"),
        (11, "Alice"),
    ]
    assert seen[0]["message"]["type"] == "private"
    assert events(standin, other, -1, OTHER_BOT) == []


def test_direct_messages_by_email_and_the_older_private_type(standin: ZulipStandIn) -> None:
    to = json.dumps(["bob@example.com", "alice@example.com"])
    answer = call(standin, "POST", "messages", data={"type": "private", "to": to, "content": "hi"})
    assert answer.status_code == 200
    assert standin.messages[0].recipients == ("alice@example.com", "bob@example.com")


@pytest.mark.parametrize(
    ("to", "reason"),
    [("[99]", "Invalid user ID '99'"), ('["zed@example.com"]', "Invalid email 'zed@example.com'")],
)
def test_a_direct_message_to_nobody_known_is_refused(
    standin: ZulipStandIn, to: str, reason: str
) -> None:
    answer = call(standin, "POST", "messages", data={"type": "direct", "to": to, "content": "x"})
    assert answer.status_code == 400
    assert answer.json() == {"result": "error", "msg": reason, "code": "BAD_REQUEST"}
    assert standin.messages == []


def test_last_event_id_acknowledges_what_was_read(standin: ZulipStandIn) -> None:
    queue = register(standin)
    for text in ("one", "two", "three"):
        standin.send_as(ALICE, text, channel="general", topic="t")
    assert [event["id"] for event in events(standin, queue)] == [0, 1, 2]
    assert [event["message"]["content"] for event in events(standin, queue, 1)] == ["three"]
    assert standin.queues[queue].acknowledged == 1


def test_a_long_poll_waits_for_a_message(standin: ZulipStandIn) -> None:
    queue = register(standin)
    threading.Timer(0.3, standin.send_as, args=(ALICE, "late"), kwargs={"to": [BOT]}).start()
    started = time.monotonic()
    answer = poll(standin, queue, -1, block=True)
    assert time.monotonic() - started >= 0.25
    assert [event["message"]["content"] for event in answer.json()["events"]] == ["late"]


def test_an_idle_long_poll_ends_with_a_heartbeat(standin: ZulipStandIn) -> None:
    standin.heartbeat_seconds = 0.3
    queue = register(standin)
    started = time.monotonic()
    answer = poll(standin, queue, -1, block=True)
    assert time.monotonic() - started >= 0.3
    assert answer.json()["events"] == [{"type": "heartbeat", "id": 0}]


def test_an_expired_queue_answers_bad_event_queue_id(standin: ZulipStandIn) -> None:
    queue = register(standin)
    standin.expire_queues()
    answer = poll(standin, queue, -1)
    assert answer.status_code == 400
    assert answer.json() == {
        "result": "error",
        "msg": f"Bad event queue ID: {queue}",
        "code": "BAD_EVENT_QUEUE_ID",
        "queue_id": queue,
    }


def test_a_queue_nobody_polls_expires_after_its_lifetime(standin: ZulipStandIn) -> None:
    queue = register(standin)
    standin.queue_lifetime = 0.1
    time.sleep(0.2)
    assert poll(standin, queue, -1).json()["code"] == "BAD_EVENT_QUEUE_ID"


def test_a_waiting_poll_learns_that_its_queue_expired(standin: ZulipStandIn) -> None:
    queue = register(standin)
    threading.Timer(0.2, standin.expire_queues).start()
    answer = poll(standin, queue, -1, block=True)
    assert answer.json()["code"] == "BAD_EVENT_QUEUE_ID"


def test_a_queue_is_its_owners_only(standin: ZulipStandIn) -> None:
    queue = register(standin)
    answer = poll(standin, queue, -1, as_bot=OTHER_BOT)
    assert answer.json()["code"] == "BAD_EVENT_QUEUE_ID"


def test_a_deleted_queue_is_gone(standin: ZulipStandIn) -> None:
    queue = register(standin)
    deleted = call(standin, "DELETE", "events", data={"queue_id": queue})
    assert deleted.json() == {"result": "success", "msg": ""}
    assert poll(standin, queue, -1).status_code == 400
    assert standin.queues == {}


def test_a_stopped_server_drops_the_polls_waiting(standin: ZulipStandIn) -> None:
    queue = register(standin)
    threading.Timer(0.2, standin.stop).start()
    with pytest.raises(requests.ConnectionError):
        poll(standin, queue, -1, block=True)


def test_wait_for_queue_says_who_did_not_come(standin: ZulipStandIn) -> None:
    with pytest.raises(TimeoutError, match=r"hubot-bot@example\.com did not poll"):
        standin.wait_for_queue(BOT.email, timeout=0.1)
    queue = register(standin)
    threading.Timer(0.1, poll, args=(standin, queue, -1)).start()
    assert standin.wait_for_queue(BOT.email, timeout=10).id == queue


def test_a_fault_can_aim_at_one_endpoint(standin: ZulipStandIn) -> None:
    queue = register(standin)
    standin.rate_limit_next(2, endpoint="/api/v1/events")
    posted = call(
        standin, "POST", "messages", data={"type": "direct", "to": "[11]", "content": "x"}
    )
    assert posted.status_code == 200
    limited = poll(standin, queue, -1)
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "2")
    assert poll(standin, queue, -1).status_code == 200


def test_an_invalid_register_is_refused_as_zulip_would(standin: ZulipStandIn) -> None:
    standin.allow_invalid = True
    answer = call(standin, "POST", "register", data={"event_types": "message"})
    assert answer.status_code == 400
    assert standin.invalid_requests
    assert standin.queues == {}


def test_send_as_needs_a_place_and_a_known_person(standin: ZulipStandIn) -> None:
    with pytest.raises(ValueError, match="give a channel"):
        standin.send_as(ALICE, "x")
    with pytest.raises(LookupError, match=r"no user 'Zed'.*Alice <alice@example\.com>"):
        standin.send_as("Zed", "x", channel="general", topic="t")


# As a process -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def process() -> Iterator[str]:
    """The stand-in as a program, with a person who can send messages (refusals change nothing)."""
    site = closed_site()
    port = site.rsplit(":", 1)[1]
    program = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "integrations.testing.zulip_standin",
            "--port",
            port,
            "--bot",
            f"{BOT.email}:{KEY}",
            "--user",
            "alice@example.com:Alice",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert program.stdout is not None
        assert program.stdout.readline().strip() == f"zulip stand-in at {site}"
        yield site
    finally:
        program.terminate()
        program.wait(timeout=10)
        if program.stdout is not None:
            program.stdout.close()


def test_a_process_lets_a_person_write_to_a_bot(process: str) -> None:
    auth = (BOT.email, KEY)
    queue = requests.post(
        f"{process}/api/v1/register",
        data={"event_types": json.dumps(["message"])},
        auth=auth,
        timeout=10,
    ).json()["queue_id"]
    sent = requests.post(
        f"{process}/_standin/messages",
        json={"sender": "alice@example.com", "content": "ping", "channel": "general", "topic": "t"},
        timeout=10,
    )
    assert sent.json() == {"result": "success", "id": 1}
    listed = requests.get(f"{process}/_standin/queues", timeout=10).json()["queues"]
    assert [(item["queue_id"], item["user"], item["pending"]) for item in listed] == [
        (queue, BOT.email, 1)
    ]
    got = requests.get(
        f"{process}/api/v1/events",
        params={"queue_id": queue, "last_event_id": "-1"},
        auth=auth,
        timeout=10,
    ).json()
    assert got["events"][0]["message"]["content"] == "ping"
    # The bot's answer, a direct message, is listed as such; channel messages as before.
    requests.post(
        f"{process}/api/v1/messages",
        data={"type": "direct", "to": '["alice@example.com"]', "content": "PONG"},
        auth=auth,
        timeout=10,
    )
    requests.post(
        f"{process}/api/v1/messages",
        data={"type": "stream", "to": '"general"', "topic": "t", "content": "hi"},
        auth=auth,
        timeout=10,
    )
    listed_messages = requests.get(f"{process}/_standin/messages", timeout=10).json()
    assert listed_messages == {
        "messages": [
            {
                "id": 2,
                "channel": "",
                "topic": "",
                "content": "PONG",
                "sender": BOT.email,
                "direct": True,
                "recipients": ["alice@example.com"],
            },
            {"id": 3, "channel": "general", "topic": "t", "content": "hi", "sender": BOT.email},
        ],
        "invalid_requests": 0,
    }
    expired = requests.post(f"{process}/_standin/fault", json={"mode": "expire-queues"}, timeout=10)
    assert expired.json() == {"result": "success"}
    assert requests.get(f"{process}/_standin/queues", timeout=10).json() == {"queues": []}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "not JSON"),
        (b'{"sender": "alice@example.com", "content": "x"}', "give channel and topic, or to"),
        (b'{"sender": true, "content": "x", "to": [9]}', "sender: an email or a user id"),
        (b'{"sender": "alice@example.com", "content": 5, "to": [9]}', "content and topic are text"),
        (b'{"sender": "zed@example.com", "content": "x", "to": [9]}', "no user 'zed@example.com'"),
    ],
)
def test_a_process_refuses_a_message_it_cannot_send(process: str, body: bytes, reason: str) -> None:
    answer = requests.post(f"{process}/_standin/messages", data=body, timeout=10)
    assert answer.status_code == 400
    assert answer.json()["code"] == "BAD_REQUEST"
    assert reason in answer.json()["msg"]
