"""The Zulip client, against the stand-in over real HTTP on the loopback."""

from __future__ import annotations

import platform
import re
import socket
import time
from collections.abc import Iterator

import pytest

from integrations.core import Message, md
from integrations.core.client import (
    ZulipApiError,
    ZulipClient,
    ZulipConnectionError,
    normalize_site,
    user_agent,
)
from integrations.testing.zulip_standin import ZulipStandIn, closed_site


def make_client(
    standin: ZulipStandIn, waits: list[float] | None = None, **options: float
) -> ZulipClient:
    return ZulipClient(
        site=standin.site,
        email=standin.email,
        api_key=standin.api_key,
        user_agent=user_agent("Test", "1.2.3"),
        sleep=(waits.append if waits is not None else time.sleep),
        **options,  # type: ignore[arg-type]
    )


def test_sends_a_channel_message(zulip_standin: ZulipStandIn) -> None:
    with make_client(zulip_standin) as client:
        message_id = client.send_stream_message("commits", "hello / main", "**Hi** there")
    assert message_id == 1
    [received] = zulip_standin.messages
    assert (received.channel, received.topic, received.content) == (
        "commits",
        "hello / main",
        "**Hi** there",
    )
    assert received.sender == zulip_standin.email
    form = zulip_standin.requests[0].form
    assert form["type"] == "stream"
    assert form["to"] == '"commits"'  # the API describes `to` as JSON


def test_user_agent_names_tool_version_and_platform(zulip_standin: ZulipStandIn) -> None:
    with make_client(zulip_standin) as client:
        client.send_stream_message("commits", "t", "c")
    agent = zulip_standin.messages[0].user_agent
    assert agent == f"ZulipTest/1.2.3 ({platform.system()}; {platform.release()})"
    assert re.fullmatch(r"ZulipTest/1\.2\.3 \([^;()]+; [^;()]+\)", agent)


def test_send_takes_a_message_within_zulips_limits(zulip_standin: ZulipStandIn) -> None:
    message = Message(topic="x" * 100, content=md("*") + "y" * 20_000)
    with make_client(zulip_standin) as client:
        client.send("commits", message)
    [received] = zulip_standin.messages
    assert len(received.topic) == 60
    assert received.topic.endswith("...")
    assert len(received.content) <= 10_000
    assert received.content.endswith("[message truncated]")


def test_waits_as_long_as_retry_after_says_on_429(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.rate_limit_next(retry_after=3)
    waits: list[float] = []
    with make_client(zulip_standin, waits) as client:
        client.send_stream_message("commits", "t", "c")
    assert waits == [3.0]
    assert [request.status for request in zulip_standin.requests] == [429, 200]
    assert len(zulip_standin.messages) == 1


def test_backs_off_exponentially_on_server_errors(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.fail_next(500, times=2)
    waits: list[float] = []
    with make_client(zulip_standin, waits, retries=3, backoff=0.25) as client:
        client.send_stream_message("commits", "t", "c")
    assert waits == [0.25, 0.5]
    assert len(zulip_standin.messages) == 1


def test_gives_up_after_the_last_retry(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.fail_next(503, times=3)
    waits: list[float] = []
    with (
        make_client(zulip_standin, waits, retries=2) as client,
        pytest.raises(ZulipApiError) as caught,
    ):
        client.send_stream_message("commits", "t", "c")
    assert len(waits) == 2
    assert caught.value.status == 503
    assert caught.value.code is None
    assert str(caught.value) == (
        "Zulip refused the message (HTTP 503): not a Zulip API answer (Service Unavailable)"
    )
    assert zulip_standin.messages == []


def test_a_long_retry_after_fails_at_once(zulip_standin: ZulipStandIn) -> None:
    zulip_standin.rate_limit_next(retry_after=120)
    waits: list[float] = []
    with (
        make_client(zulip_standin, waits, max_wait=30) as client,
        pytest.raises(ZulipApiError) as caught,
    ):
        client.send_stream_message("commits", "t", "c")
    assert waits == []
    assert caught.value.code == "RATE_LIMIT_HIT"
    assert "asked to wait 120 s" in str(caught.value)


def test_a_retry_after_date_is_honoured(zulip_standin: ZulipStandIn) -> None:
    error = {"result": "error", "msg": "slow down", "code": "RATE_LIMIT_HIT"}
    zulip_standin.answer_next(429, error, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    waits: list[float] = []
    with make_client(zulip_standin, waits) as client:
        client.send_stream_message("commits", "t", "c")
    assert waits == [0.0]  # a date in the past: try again now


def test_zulip_errors_are_not_retried_and_say_why(zulip_standin: ZulipStandIn) -> None:
    waits: list[float] = []
    client = ZulipClient(
        site=zulip_standin.site,
        email=zulip_standin.email,
        api_key="wrong",
        user_agent="ZulipTest/1",
        sleep=waits.append,
    )
    with client, pytest.raises(ZulipApiError) as caught:
        client.send_stream_message("commits", "t", "c")
    assert (caught.value.status, caught.value.code, caught.value.msg) == (
        401,
        "INVALID_API_KEY",
        "Invalid API key",
    )
    assert (
        str(caught.value)
        == "Zulip refused the message (HTTP 401, INVALID_API_KEY): Invalid API key"
    )
    assert waits == []
    assert len(zulip_standin.requests) == 1


def test_an_unknown_channel_is_zulips_error() -> None:
    with ZulipStandIn(channels={"commits"}) as standin, make_client(standin) as client:
        with pytest.raises(ZulipApiError) as caught:
            client.send_stream_message("nowhere", "t", "c")
        standin.assert_all_valid()
    assert caught.value.code == "STREAM_DOES_NOT_EXIST"
    assert "Channel 'nowhere' does not exist" in str(caught.value)


def test_a_server_that_is_down_is_a_connection_error() -> None:
    waits: list[float] = []
    client = ZulipClient(
        site=closed_site(),
        email="bot@example.com",
        api_key="key",
        user_agent="ZulipTest/1",
        sleep=waits.append,
        retries=2,
        backoff=0.5,
    )
    with client, pytest.raises(ZulipConnectionError) as caught:
        client.send_stream_message("commits", "t", "c")
    assert waits == [0.5, 1.0]
    assert re.fullmatch(
        r"cannot reach http://127\.0\.0\.1:\d+: connection refused", str(caught.value)
    )


def test_the_standin_going_down_midway(zulip_standin: ZulipStandIn) -> None:
    with make_client(zulip_standin, [], retries=0) as client:
        client.send_stream_message("commits", "t", "first")
        zulip_standin.down()
        with pytest.raises(ZulipConnectionError):
            client.send_stream_message("commits", "t", "second")
    assert [message.content for message in zulip_standin.messages] == ["first"]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


def test_a_server_that_never_answers_times_out(silent_server: str) -> None:
    client = ZulipClient(
        site=silent_server,
        email="bot@example.com",
        api_key="key",
        user_agent="ZulipTest/1",
        timeout=0.3,
        retries=0,
    )
    started = time.monotonic()
    with client, pytest.raises(ZulipConnectionError) as caught:
        client.send_stream_message("commits", "t", "c")
    assert time.monotonic() - started < 5
    assert str(caught.value) == f"{silent_server} did not answer within 0.3 s"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("example.zulipchat.com", "https://example.zulipchat.com"),
        ("https://example.zulipchat.com/", "https://example.zulipchat.com"),
        ("https://example.zulipchat.com/api/v1", "https://example.zulipchat.com"),
        ("http://127.0.0.1:9991/api", "http://127.0.0.1:9991"),
        ("  HTTPS://chat.example.org/zulip  ", "HTTPS://chat.example.org/zulip"),
    ],
)
def test_normalize_site(given: str, expected: str) -> None:
    assert normalize_site(given) == expected


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError, match="retries"):
        ZulipClient(site="x", email="e", api_key="k", user_agent="u", retries=-1)


def test_a_slow_answer_is_not_posted_twice(zulip_standin: ZulipStandIn) -> None:
    # Zulip stores the message but answers after the client gave up waiting.
    zulip_standin.slow_next(1.5)
    with make_client(zulip_standin, timeout=0.5, retries=2, backoff=0.01) as client:
        message_id = client.send_stream_message("commits", "t", "only once")
    assert [message.content for message in zulip_standin.messages] == ["only once"]
    assert message_id == zulip_standin.messages[0].id
